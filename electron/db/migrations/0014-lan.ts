/**
 * 0014 (issue 13): the hall's network. A credential is never stored: it is derived from a secret in the data folder
 * (electron/services/lan-credentials.ts) and the generation kept here, so slips can be printed again, and a revoke
 * or a reissue is a new generation. A deputy without a row has generation 1, not revoked.
 */
export default `
CREATE TABLE lan_credentials (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  membership_id INTEGER NOT NULL REFERENCES memberships(id),
  generation INTEGER NOT NULL CHECK (generation >= 1),
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  changed_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, membership_id)
) WITHOUT ROWID;

CREATE TABLE lan_desks (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  name TEXT NOT NULL,
  generation INTEGER NOT NULL DEFAULT 1 CHECK (generation >= 1),
  revoked_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX lan_desks_meeting ON lan_desks (meeting_id);
`;
