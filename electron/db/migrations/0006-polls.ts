/**
 * 0006: one poll engine (issue 9). Motions (votes), 票决 rounds (project_votes) and the new 满意度测评 share one set
 * of tables: a poll belongs to an agenda item and has rounds; a round freezes its roll; "has voted" and the secret
 * ballots live apart; paper ballots keyed twice, counts entered by hand and count sheets feed the same tally.
 *
 * The old rows move here unchanged in meaning: a motion round keeps its id; a 票决 round's id becomes
 * old id + the highest motion id (so both kinds share one id space), and `legacy` keeps where it came from
 * ("project_votes:3"), which the audit log's older entries name. Results and announcements are copied verbatim.
 * The old tables are dropped; secure_delete (set when the file is opened) zeroes their pages.
 */
export default `
CREATE TABLE polls (
  id              INTEGER PRIMARY KEY,
  meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
  agenda_item_id  INTEGER NOT NULL REFERENCES agenda_items(id),
  kind            TEXT NOT NULL CHECK (kind IN ('motion','project_vote','evaluation')),
  style           TEXT NOT NULL CHECK (style IN ('motion','choose','approve','rank','rating','score')),
  secrecy         TEXT NOT NULL CHECK (secrecy IN ('named','secret')),
  title           TEXT NOT NULL,
  list_id         INTEGER REFERENCES project_lists(id),
  created_at      TEXT NOT NULL
);
CREATE INDEX polls_meeting ON polls(meeting_id);
CREATE INDEX polls_list ON polls(list_id);

-- What a 测评 ballot holds, in ballot order (票决 rounds name their candidates, projects.id, in item_ids).
CREATE TABLE poll_items (
  id          INTEGER PRIMARY KEY,
  poll_id     INTEGER NOT NULL REFERENCES polls(id),
  position    INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('project','report','suggestion','motion_handling','free')),
  ref_id      INTEGER,
  number      TEXT,
  title       TEXT NOT NULL,
  department  TEXT
);
CREATE INDEX poll_items_poll ON poll_items(poll_id, position);

CREATE TABLE poll_rounds (
  id            INTEGER PRIMARY KEY,
  poll_id       INTEGER NOT NULL REFERENCES polls(id),
  round         INTEGER NOT NULL,
  previous_id   INTEGER REFERENCES poll_rounds(id),
  kind          TEXT NOT NULL CHECK (kind IN ('first','revote','runoff','retake')),
  mode          TEXT NOT NULL CHECK (mode IN ('electronic','hands','paper')),
  status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','open','counting','closed')),
  seats         INTEGER,
  item_ids      TEXT NOT NULL DEFAULT '[]',
  pass          TEXT,
  -- Frozen when the round opens: 应到, 实到, quorum, the rule set and the members' noun.
  snapshot      TEXT,
  issued        INTEGER,
  scrutineers   TEXT NOT NULL DEFAULT '[]',
  counters      TEXT NOT NULL DEFAULT '[]',
  result        TEXT,
  announcement  TEXT,
  opened_at     TEXT,
  closed_at     TEXT,
  created_at    TEXT NOT NULL,
  legacy        TEXT
);
CREATE INDEX poll_rounds_poll ON poll_rounds(poll_id, round);

-- Who may vote: present when the round opened. box: the ballot box of the voter's category (the street council's
-- double threshold: 1 = also a 人大代表); a ballot knows only its box.
CREATE TABLE round_eligible (
  round_id       INTEGER NOT NULL REFERENCES poll_rounds(id),
  membership_id  INTEGER NOT NULL REFERENCES memberships(id),
  box            INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (round_id, membership_id)
) WITHOUT ROWID;

-- Named (记名) votes: who chose what.
CREATE TABLE round_named (
  round_id       INTEGER NOT NULL REFERENCES poll_rounds(id),
  membership_id  INTEGER NOT NULL REFERENCES memberships(id),
  choice         TEXT NOT NULL CHECK (choice IN ('yes','no','abstain')),
  PRIMARY KEY (round_id, membership_id)
) WITHOUT ROWID;

-- Secret (无记名) votes: the fact "has voted" and the ballot apart. Ballots carry a random id, no time and no rowid.
-- yes/no/abstain are bitmasks over the items (bit i = i-th item; a motion is item 0); data holds what masks cannot
-- (a rank list as JSON, a 测评's code per item, a score per item).
CREATE TABLE round_voters (
  round_id       INTEGER NOT NULL REFERENCES poll_rounds(id),
  membership_id  INTEGER NOT NULL REFERENCES memberships(id),
  PRIMARY KEY (round_id, membership_id)
) WITHOUT ROWID;
CREATE TABLE round_ballots (
  round_id   INTEGER NOT NULL REFERENCES poll_rounds(id),
  ballot_id  BLOB NOT NULL,
  box        INTEGER NOT NULL DEFAULT 0,
  yes        INTEGER NOT NULL DEFAULT 0,
  no         INTEGER NOT NULL DEFAULT 0,
  abstain    INTEGER NOT NULL DEFAULT 0,
  data       BLOB,
  void       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (round_id, ballot_id)
) WITHOUT ROWID;

-- Paper ballots keyed by two clerks independently (batch 1 and 2), numbered as the stack is read.
CREATE TABLE round_entries (
  round_id     INTEGER NOT NULL REFERENCES poll_rounds(id),
  batch        INTEGER NOT NULL CHECK (batch IN (1, 2)),
  seq          INTEGER NOT NULL,
  box          INTEGER NOT NULL DEFAULT 0,
  yes          INTEGER NOT NULL DEFAULT 0,
  no           INTEGER NOT NULL DEFAULT 0,
  abstain      INTEGER NOT NULL DEFAULT 0,
  data         BLOB,
  void         INTEGER NOT NULL DEFAULT 0,
  void_reason  TEXT,
  entered_at   TEXT NOT NULL,
  PRIMARY KEY (round_id, batch, seq)
) WITHOUT ROWID;

-- Counts entered by hand: a show of hands or a motion's paper counted on the spot (kind 'counts', item 0), and
-- count sheets (计票单, kind 'sheet', one line per item position). counts: {"yes":…} or {"satisfied":…}.
CREATE TABLE round_counts (
  round_id    INTEGER NOT NULL REFERENCES poll_rounds(id),
  kind        TEXT NOT NULL CHECK (kind IN ('counts','sheet')),
  item        INTEGER NOT NULL,
  box         INTEGER NOT NULL DEFAULT 0,
  counts      TEXT NOT NULL,
  entered_at  TEXT NOT NULL,
  PRIMARY KEY (round_id, kind, item, box)
) WITHOUT ROWID;

-- ---- motions: one poll per chain of rounds (a revote points at the round before it); the poll takes its first round's id ----
CREATE TEMP TABLE chain AS
  WITH RECURSIVE c(id, root) AS (
    SELECT id, id FROM votes WHERE previous_vote_id IS NULL
    UNION ALL SELECT v.id, c.root FROM votes v JOIN c ON v.previous_vote_id = c.id
  ) SELECT id, root FROM c;
INSERT INTO polls (id, meeting_id, agenda_item_id, kind, style, secrecy, title, list_id, created_at)
  SELECT id, meeting_id, agenda_item_id, 'motion', 'motion', secrecy, title, NULL, created_at FROM votes WHERE previous_vote_id IS NULL;
-- issued as the engine keeps it: an electronic round's 发出 is its roll from the moment it opens; a motion has no
-- 发出 once closed (its result and announcement say 实到).
INSERT INTO poll_rounds (id, poll_id, round, previous_id, kind, mode, status, seats, item_ids, pass, snapshot, issued, result, announcement, opened_at, closed_at, created_at, legacy)
  SELECT v.id, c.root, v.round, v.previous_vote_id, CASE WHEN v.round > 1 THEN 'revote' ELSE 'first' END, v.mode, v.status, NULL, '[]',
    json_extract(v.snapshot, '$.rules.pass'), v.snapshot,
    CASE WHEN v.status = 'open' AND v.mode = 'electronic' THEN json_extract(v.snapshot, '$.present') END,
    v.result, v.announcement, v.opened_at, v.closed_at, v.created_at, 'votes:' || v.id
  FROM votes v JOIN chain c ON c.id = v.id;
INSERT INTO round_eligible (round_id, membership_id) SELECT vote_id, membership_id FROM vote_eligible;
INSERT INTO round_named (round_id, membership_id, choice) SELECT vote_id, membership_id, choice FROM vote_named_choices;
INSERT INTO round_voters (round_id, membership_id) SELECT vote_id, membership_id FROM vote_voters;
INSERT INTO round_ballots (round_id, ballot_id, yes, no, abstain)
  SELECT vote_id, ballot_id, choice = 'yes', choice = 'no', choice = 'abstain' FROM vote_secret_ballots;
INSERT INTO round_counts (round_id, kind, item, counts, entered_at)
  SELECT vote_id, 'counts', 0, json_object('yes', yes, 'no', no, 'abstain', abstain), entered_at FROM vote_counts;

-- ---- 票决: one poll per chain of rounds of a candidate list; round (and poll) ids follow the motions' ----
CREATE TEMP TABLE offset_by AS SELECT COALESCE(MAX(id), 0) AS n FROM votes;
CREATE TEMP TABLE pchain AS
  WITH RECURSIVE c(id, root) AS (
    SELECT id, id FROM project_votes WHERE previous_vote_id IS NULL
    UNION ALL SELECT v.id, c.root FROM project_votes v JOIN c ON v.previous_vote_id = c.id
  ) SELECT id, root FROM c;
INSERT INTO polls (id, meeting_id, agenda_item_id, kind, style, secrecy, title, list_id, created_at)
  SELECT v.id + o.n, v.meeting_id, v.agenda_item_id, 'project_vote', v.style, 'secret', l.title, v.list_id, v.created_at
  FROM project_votes v JOIN project_lists l ON l.id = v.list_id, offset_by o WHERE v.previous_vote_id IS NULL;
INSERT INTO poll_rounds (id, poll_id, round, previous_id, kind, mode, status, seats, item_ids, pass,
  snapshot, issued, scrutineers, counters, result, announcement, opened_at, closed_at, created_at, legacy)
  SELECT v.id + o.n, c.root + o.n, v.round, CASE WHEN v.previous_vote_id IS NULL THEN NULL ELSE v.previous_vote_id + o.n END, v.kind, v.mode, v.status, v.seats, v.candidate_ids, v.pass,
    CASE WHEN v.expected IS NULL THEN NULL ELSE json_object('expected', v.expected, 'present', v.present) END,
    CASE WHEN v.status IN ('open', 'counting') AND v.mode = 'electronic' THEN v.present ELSE v.issued END,
      v.scrutineers, v.counters, v.result, v.announcement, v.opened_at, v.closed_at, v.created_at, 'project_votes:' || v.id
  FROM project_votes v JOIN pchain c ON c.id = v.id, offset_by o;
INSERT INTO round_eligible (round_id, membership_id) SELECT vote_id + (SELECT n FROM offset_by), membership_id FROM project_eligible;
INSERT INTO round_voters (round_id, membership_id) SELECT vote_id + (SELECT n FROM offset_by), membership_id FROM project_voters;
INSERT INTO round_ballots (round_id, ballot_id, yes, no, abstain, data, void)
  SELECT vote_id + (SELECT n FROM offset_by), ballot_id, yes, no, abstain, ranks, void FROM project_ballots;
INSERT INTO round_entries (round_id, batch, seq, yes, no, abstain, data, void, void_reason, entered_at)
  SELECT vote_id + (SELECT n FROM offset_by), batch, seq, yes, no, abstain, ranks, void, void_reason, entered_at FROM paper_entries;
INSERT INTO round_counts (round_id, kind, item, counts, entered_at)
  SELECT t.vote_id + (SELECT n FROM offset_by), 'sheet',
    (SELECT CAST(j.key AS INTEGER) + 1 FROM project_votes v, json_each(v.candidate_ids) j WHERE v.id = t.vote_id AND j.value = t.project_id),
    json_object('yes', t.yes, 'no', t.no, 'abstain', t.abstain), COALESCE((SELECT closed_at FROM project_votes WHERE id = t.vote_id), '1970-01-01T00:00:00.000Z')
  FROM manual_totals t
  WHERE t.project_id IN (SELECT j.value FROM project_votes v, json_each(v.candidate_ids) j WHERE v.id = t.vote_id);

-- ---- the audit log is never rewritten (its hash chain): entries up to this id name a 票决 round (entity
-- project_vote, and a screen entry's projectVoteId) by its old id, which today's ids may repeat ----
CREATE TABLE audit_before_polls (through_id INTEGER NOT NULL);
INSERT INTO audit_before_polls (through_id) SELECT COALESCE(MAX(id), 0) FROM audit_log;

-- ---- the hall screen points at a round ----
CREATE TABLE screen_state_new (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  mode               TEXT NOT NULL DEFAULT 'blank' CHECK (mode IN ('blank','message','meeting','vote','projectVote','evaluation')),
  meeting_id         INTEGER REFERENCES meetings(id),
  agenda_item_id     INTEGER REFERENCES agenda_items(id),
  round_id           INTEGER REFERENCES poll_rounds(id),
  message            TEXT,
  countdown_ends_at  TEXT,
  revealed           INTEGER NOT NULL DEFAULT 0,
  updated_at         TEXT NOT NULL
);
INSERT INTO screen_state_new (id, mode, meeting_id, agenda_item_id, round_id, message, countdown_ends_at, revealed, updated_at)
  SELECT id, mode, meeting_id, agenda_item_id, COALESCE(vote_id, project_vote_id + (SELECT n FROM offset_by)), message, countdown_ends_at, revealed, updated_at FROM screen_state;
DROP TABLE screen_state;
ALTER TABLE screen_state_new RENAME TO screen_state;

DROP TABLE vote_counts;
DROP TABLE vote_secret_ballots;
DROP TABLE vote_voters;
DROP TABLE vote_named_choices;
DROP TABLE vote_eligible;
DROP TABLE votes;
DROP TABLE manual_totals;
DROP TABLE paper_entries;
DROP TABLE project_ballots;
DROP TABLE project_voters;
DROP TABLE project_eligible;
DROP TABLE project_votes;
DROP TABLE chain;
DROP TABLE pchain;
DROP TABLE offset_by;
`;
