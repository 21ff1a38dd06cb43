/** 0004: what the hall screen shows. One row: the clerk controls it, and it survives a restart. */
export default `
CREATE TABLE screen_state (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  mode               TEXT NOT NULL DEFAULT 'blank' CHECK (mode IN ('blank','message','meeting','vote','projectVote')),
  meeting_id         INTEGER REFERENCES meetings(id),
  agenda_item_id     INTEGER REFERENCES agenda_items(id),
  vote_id            INTEGER REFERENCES votes(id),
  project_vote_id    INTEGER REFERENCES project_votes(id),
  message            TEXT,
  countdown_ends_at  TEXT,
  revealed           INTEGER NOT NULL DEFAULT 0,
  updated_at         TEXT NOT NULL
);
INSERT INTO screen_state (id, mode, updated_at) VALUES (1, 'blank', '1970-01-01T00:00:00.000Z');
`;
