/** 0003: 民生实事项目票决 — candidate lists, rounds, electronic ballots, paper double entry, count sheets. */
export default `
CREATE TABLE project_lists (
  id          INTEGER PRIMARY KEY,
  body_id     INTEGER NOT NULL REFERENCES bodies(id),
  year        INTEGER NOT NULL,
  title       TEXT NOT NULL,
  seats       INTEGER NOT NULL CHECK (seats > 0),
  locked_at   TEXT,
  created_at  TEXT NOT NULL,
  UNIQUE (body_id, title)
);

CREATE TABLE projects (
  id          INTEGER PRIMARY KEY,
  list_id     INTEGER NOT NULL REFERENCES project_lists(id),
  number      INTEGER NOT NULL,
  name        TEXT NOT NULL,
  department  TEXT,
  budget_wan  REAL,
  summary     TEXT,
  location    TEXT,
  source      TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX projects_list ON projects(list_id, number);

CREATE TABLE project_votes (
  id                INTEGER PRIMARY KEY,
  list_id           INTEGER NOT NULL REFERENCES project_lists(id),
  meeting_id        INTEGER NOT NULL REFERENCES meetings(id),
  agenda_item_id    INTEGER NOT NULL REFERENCES agenda_items(id),
  round             INTEGER NOT NULL,
  previous_vote_id  INTEGER REFERENCES project_votes(id),
  kind              TEXT NOT NULL CHECK (kind IN ('first','runoff','retake')),
  style             TEXT NOT NULL CHECK (style IN ('choose','approve','rank')),
  mode              TEXT NOT NULL CHECK (mode IN ('electronic','paper')),
  seats             INTEGER NOT NULL,
  candidate_ids     TEXT NOT NULL,
  pass              TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','open','counting','closed')),
  expected          INTEGER,
  present           INTEGER,
  issued            INTEGER,
  scrutineers       TEXT NOT NULL DEFAULT '[]',
  counters          TEXT NOT NULL DEFAULT '[]',
  result            TEXT,
  announcement      TEXT,
  opened_at         TEXT,
  closed_at         TEXT,
  created_at        TEXT NOT NULL
);

CREATE TABLE project_eligible (
  vote_id        INTEGER NOT NULL REFERENCES project_votes(id),
  membership_id  INTEGER NOT NULL REFERENCES memberships(id),
  PRIMARY KEY (vote_id, membership_id)
) WITHOUT ROWID;

-- As for secret motions: who has voted, and the ballots, apart and unlinkable. A ballot is three bitmasks over
-- the round's candidates (bit i = i-th candidate), so a million ballots tally in one scan.
CREATE TABLE project_voters (
  vote_id        INTEGER NOT NULL REFERENCES project_votes(id),
  membership_id  INTEGER NOT NULL REFERENCES memberships(id),
  PRIMARY KEY (vote_id, membership_id)
) WITHOUT ROWID;
CREATE TABLE project_ballots (
  vote_id    INTEGER NOT NULL REFERENCES project_votes(id),
  ballot_id  BLOB NOT NULL,
  yes        INTEGER NOT NULL DEFAULT 0,
  no         INTEGER NOT NULL DEFAULT 0,
  abstain    INTEGER NOT NULL DEFAULT 0,
  ranks      TEXT,
  void       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (vote_id, ballot_id)
) WITHOUT ROWID;

-- Paper ballots keyed by two clerks independently (batch 1 and 2), numbered as the stack is read.
CREATE TABLE paper_entries (
  vote_id      INTEGER NOT NULL REFERENCES project_votes(id),
  batch        INTEGER NOT NULL CHECK (batch IN (1, 2)),
  seq          INTEGER NOT NULL,
  yes          INTEGER NOT NULL DEFAULT 0,
  no           INTEGER NOT NULL DEFAULT 0,
  abstain      INTEGER NOT NULL DEFAULT 0,
  ranks        TEXT,
  void         INTEGER NOT NULL DEFAULT 0,
  void_reason  TEXT,
  entered_at   TEXT NOT NULL,
  PRIMARY KEY (vote_id, batch, seq)
) WITHOUT ROWID;

-- The count sheet (计票单): totals per project, a third input reconciled against the ballots.
CREATE TABLE manual_totals (
  vote_id     INTEGER NOT NULL REFERENCES project_votes(id),
  project_id  INTEGER NOT NULL REFERENCES projects(id),
  yes         INTEGER NOT NULL,
  no          INTEGER NOT NULL,
  abstain     INTEGER NOT NULL,
  PRIMARY KEY (vote_id, project_id)
) WITHOUT ROWID;
`;
