/** 0002: rule sets, meetings and their agenda, sign-in, and motion votes. */
export default `
CREATE TABLE rule_sets (
  id            INTEGER PRIMARY KEY,
  key           TEXT UNIQUE,
  name          TEXT NOT NULL UNIQUE,
  meeting_kind  TEXT NOT NULL,
  builtin       INTEGER NOT NULL DEFAULT 0,
  based_on      INTEGER REFERENCES rule_sets(id),
  rules         TEXT NOT NULL,
  created_at    TEXT NOT NULL
);

CREATE TABLE meetings (
  id               INTEGER PRIMARY KEY,
  body_id          INTEGER NOT NULL REFERENCES bodies(id),
  kind             TEXT NOT NULL,
  rule_set_id      INTEGER NOT NULL REFERENCES rule_sets(id),
  session          TEXT,
  title            TEXT NOT NULL,
  date             TEXT NOT NULL,
  start_time       TEXT,
  end_time         TEXT,
  venue            TEXT,
  year             INTEGER NOT NULL,
  quarter          INTEGER CHECK (quarter BETWEEN 1 AND 4),
  status           TEXT NOT NULL DEFAULT 'preparing' CHECK (status IN ('preparing','open','closed')),
  opened_at        TEXT,
  closed_at        TEXT,
  quorum_override  TEXT,
  created_at       TEXT NOT NULL
);
CREATE INDEX meetings_body ON meetings(body_id, year);
-- A township congress meets once a quarter: one meeting per quarter per year (镇人大季会制).
CREATE UNIQUE INDEX meetings_one_per_quarter ON meetings(body_id, year, quarter) WHERE quarter IS NOT NULL;

CREATE TABLE agenda_items (
  id          INTEGER PRIMARY KEY,
  meeting_id  INTEGER NOT NULL REFERENCES meetings(id),
  position    INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  title       TEXT NOT NULL,
  notes       TEXT
);
CREATE INDEX agenda_meeting ON agenda_items(meeting_id, position);

CREATE TABLE agenda_documents (
  id           INTEGER PRIMARY KEY,
  item_id      INTEGER NOT NULL REFERENCES agenda_items(id),
  file_name    TEXT NOT NULL,
  stored_name  TEXT NOT NULL,
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  added_at     TEXT NOT NULL
);

CREATE TABLE attendance (
  meeting_id     INTEGER NOT NULL REFERENCES meetings(id),
  membership_id  INTEGER NOT NULL REFERENCES memberships(id),
  status         TEXT NOT NULL CHECK (status IN ('present','leave','absent','left')),
  reason         TEXT,
  signed_in_at   TEXT,
  left_at        TEXT,
  late           INTEGER NOT NULL DEFAULT 0,
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (meeting_id, membership_id)
) WITHOUT ROWID;

CREATE TABLE votes (
  id                INTEGER PRIMARY KEY,
  meeting_id        INTEGER NOT NULL REFERENCES meetings(id),
  agenda_item_id    INTEGER NOT NULL REFERENCES agenda_items(id),
  title             TEXT NOT NULL,
  mode              TEXT NOT NULL CHECK (mode IN ('electronic','hands','paper')),
  secrecy           TEXT NOT NULL CHECK (secrecy IN ('named','secret')),
  round             INTEGER NOT NULL DEFAULT 1,
  previous_vote_id  INTEGER REFERENCES votes(id),
  status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','open','closed')),
  snapshot          TEXT,
  result            TEXT,
  announcement      TEXT,
  opened_at         TEXT,
  closed_at         TEXT,
  created_at        TEXT NOT NULL
);
CREATE INDEX votes_meeting ON votes(meeting_id);

-- Who may vote: the members present when the vote opened (frozen).
CREATE TABLE vote_eligible (
  vote_id        INTEGER NOT NULL REFERENCES votes(id),
  membership_id  INTEGER NOT NULL REFERENCES memberships(id),
  PRIMARY KEY (vote_id, membership_id)
) WITHOUT ROWID;

-- Named (记名) votes: who chose what.
CREATE TABLE vote_named_choices (
  vote_id        INTEGER NOT NULL REFERENCES votes(id),
  membership_id  INTEGER NOT NULL REFERENCES memberships(id),
  choice         TEXT NOT NULL CHECK (choice IN ('yes','no','abstain')),
  PRIMARY KEY (vote_id, membership_id)
) WITHOUT ROWID;

-- Secret (无记名) votes: the fact "has voted" and the ballot live apart, written in one transaction. Ballots carry
-- a random id, no time and no rowid (WITHOUT ROWID, keyed by the random id), so neither content nor storage
-- order links a ballot to a voter.
CREATE TABLE vote_voters (
  vote_id        INTEGER NOT NULL REFERENCES votes(id),
  membership_id  INTEGER NOT NULL REFERENCES memberships(id),
  PRIMARY KEY (vote_id, membership_id)
) WITHOUT ROWID;
CREATE TABLE vote_secret_ballots (
  vote_id    INTEGER NOT NULL REFERENCES votes(id),
  ballot_id  BLOB NOT NULL,
  choice     TEXT NOT NULL CHECK (choice IN ('yes','no','abstain')),
  PRIMARY KEY (vote_id, ballot_id)
) WITHOUT ROWID;

-- Show of hands and paper ballots: the counts the clerk entered.
CREATE TABLE vote_counts (
  vote_id     INTEGER PRIMARY KEY REFERENCES votes(id),
  yes         INTEGER NOT NULL,
  no          INTEGER NOT NULL,
  abstain     INTEGER NOT NULL,
  entered_at  TEXT NOT NULL
);
`;
