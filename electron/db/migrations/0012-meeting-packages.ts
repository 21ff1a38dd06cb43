/**
 * 0012: meeting packages (issue 12 item 6). A meeting travels from the office laptop to the session-day laptop
 * and its results come back, so the rows it carries need an identity that is the same on both: `uid`, a random
 * 128-bit hex id given to every existing row here and to every new row by a trigger (no service has to set it).
 * Integer ids stay each file's own. A package imported or exported is kept with its records (files left out) as
 * the common base a later package is compared against (a field changed on one side only is no conflict), and the
 * session laptop's audit entries that come back with the results are kept as the verified segment they are.
 */
const UID = 'lower(hex(randomblob(16)))';
const TABLES = [
  'bodies',
  'persons',
  'memberships',
  'rule_sets',
  'meetings',
  'agenda_items',
  'agenda_documents',
  'project_lists',
  'projects',
  'project_files',
  'polls',
  'poll_items',
  'poll_rounds',
];
export default TABLES.map(
  (t) => `
ALTER TABLE ${t} ADD COLUMN uid TEXT;
UPDATE ${t} SET uid = ${UID};
CREATE UNIQUE INDEX ${t}_uid ON ${t}(uid);
CREATE TRIGGER ${t}_uid AFTER INSERT ON ${t} WHEN NEW.uid IS NULL BEGIN UPDATE ${t} SET uid = ${UID} WHERE id = NEW.id; END;
`,
).join('') +
  `
-- This data folder's own identity, named in every package it writes.
CREATE TABLE installation (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  uid         TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
INSERT INTO installation (id, uid, created_at) VALUES (1, ${UID}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TABLE meeting_packages (
  digest       TEXT PRIMARY KEY,
  direction    TEXT NOT NULL CHECK (direction IN ('export','import')),
  meeting_uid  TEXT NOT NULL,
  based_on     TEXT,
  records      TEXT NOT NULL,
  at           TEXT NOT NULL
);
CREATE INDEX meeting_packages_meeting ON meeting_packages(meeting_uid, at);

-- The session laptop's audit entries brought back with a meeting's results, exactly as they were written there.
CREATE TABLE package_audit (
  package_digest  TEXT NOT NULL REFERENCES meeting_packages(digest),
  id              INTEGER NOT NULL,
  at              TEXT NOT NULL,
  actor           TEXT NOT NULL,
  action          TEXT NOT NULL,
  entity          TEXT NOT NULL,
  entity_id       TEXT,
  detail          TEXT NOT NULL,
  prev_hash       TEXT NOT NULL,
  hash            TEXT NOT NULL,
  PRIMARY KEY (package_digest, id)
) WITHOUT ROWID;
CREATE TRIGGER package_audit_no_update BEFORE UPDATE ON package_audit BEGIN SELECT RAISE(ABORT, '带回的审计记录只能追加，不能修改'); END;
CREATE TRIGGER package_audit_no_delete BEFORE DELETE ON package_audit BEGIN SELECT RAISE(ABORT, '带回的审计记录只能追加，不能删除'); END;
`;
