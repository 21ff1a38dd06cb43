/**
 * 0013 (issue 12 item 2): the fingerprints of result documents that a clerk checked against the file (typed or
 * scanned from paper). Each is an anchor outside the chain's own say-so: audit.verify compares the live entry's hash
 * with it, the way it compares the chain heads kept with the backups.
 */
export default `
CREATE TABLE fingerprint_anchors (
  code TEXT PRIMARY KEY,
  entry_id INTEGER NOT NULL CHECK (entry_id > 0),
  hash_part TEXT NOT NULL,
  first_checked_at TEXT NOT NULL,
  last_checked_at TEXT NOT NULL,
  checks INTEGER NOT NULL DEFAULT 1
);
`;
