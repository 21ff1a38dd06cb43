/**
 * 0007: the year of a livelihood project (issue 11; ../shared/rules/README.md §4–§6). One record per project from
 * candidate to 整改: where it came from and how far screening went, the decision that adopted the candidate list,
 * what became of seats no round filled, the plan and its milestones, progress reports, 代表视察/督查, decisions that
 * change or stop it, what each 测评 found, and the rectifications that follow. Existing candidates are candidates
 * (确定为候选) and lists that have already been voted on count as adopted, so nothing already run changes meaning.
 */
export default `
-- Candidates before the vote: 代表建议, 群众征集, 部门申报, 民情联络员; 征集 → 初审 → 论证/评估 → 合法性审查 → 确定为候选, or 未入选.
ALTER TABLE projects ADD COLUMN origin TEXT CHECK (origin IN ('suggestion','public','department','liaison','other'));
ALTER TABLE projects ADD COLUMN proposer TEXT;
-- 类型 for the year-over-year view: 教育, 养老, 交通…
ALTER TABLE projects ADD COLUMN category TEXT;
ALTER TABLE projects ADD COLUMN screening TEXT NOT NULL DEFAULT 'candidate'
  CHECK (screening IN ('collected','reviewed','assessed','legal_checked','candidate','rejected'));
ALTER TABLE projects ADD COLUMN rejected_reason TEXT;
CREATE INDEX projects_category ON projects(category);

-- The recorded decision that adopted the candidate list (主任会议 or 常委会, with its date and 文号/会次).
ALTER TABLE project_lists ADD COLUMN adopted_by TEXT CHECK (adopted_by IN ('directors','committee','legacy'));
ALTER TABLE project_lists ADD COLUMN adopted_on TEXT;
ALTER TABLE project_lists ADD COLUMN adopted_ref TEXT;
UPDATE project_lists SET adopted_by = 'legacy', adopted_on = substr(locked_at, 1, 10) WHERE locked_at IS NOT NULL;
CREATE INDEX project_lists_body_year ON project_lists(body_id, year);

-- Seats left unfilled once the rounds are over, and what the clerk did about them (as the local rule says), with the reason.
CREATE TABLE list_outcomes (
  list_id     INTEGER PRIMARY KEY REFERENCES project_lists(id),
  decision    TEXT NOT NULL CHECK (decision IN ('complete','leave_unfilled','runoff')),
  unfilled    INTEGER NOT NULL,
  reason      TEXT,
  round_id    INTEGER REFERENCES poll_rounds(id),
  decided_at  TEXT NOT NULL
);

-- Files of a project at any stage (a candidate's 论证材料, a progress report's photos, a 整改 response), kept in
-- the data folder like agenda documents; the row names the stage and the record it belongs to.
CREATE TABLE project_files (
  id           INTEGER PRIMARY KEY,
  project_id   INTEGER NOT NULL REFERENCES projects(id),
  stage        TEXT NOT NULL CHECK (stage IN ('candidate','plan','progress','inspection','decision','rectification')),
  record_id    INTEGER,
  file_name    TEXT NOT NULL,
  stored_name  TEXT NOT NULL,
  mime_type    TEXT NOT NULL,
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  added_at     TEXT NOT NULL
);
CREATE INDEX project_files_project ON project_files(project_id, stage, record_id);

-- Implementation of a chosen project: who is responsible, the budget, milestones with due dates.
CREATE TABLE project_plans (
  project_id   INTEGER PRIMARY KEY REFERENCES projects(id),
  department   TEXT NOT NULL,
  lead         TEXT,
  budget_wan   REAL,
  start_on     TEXT,
  finish_on    TEXT,
  updated_at   TEXT NOT NULL
);
CREATE TABLE project_milestones (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id),
  position    INTEGER NOT NULL,
  title       TEXT NOT NULL,
  due_on      TEXT NOT NULL,
  done_on     TEXT
);
CREATE INDEX project_milestones_project ON project_milestones(project_id, position);
CREATE TABLE project_progress (
  id           INTEGER PRIMARY KEY,
  project_id   INTEGER NOT NULL REFERENCES projects(id),
  reported_on  TEXT NOT NULL,
  percent      INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  spent_wan    REAL,
  text         TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX project_progress_project ON project_progress(project_id, reported_on);
-- 代表视察 (inspection) and 督查 (supervision) of a project.
CREATE TABLE project_inspections (
  id            INTEGER PRIMARY KEY,
  project_id    INTEGER NOT NULL REFERENCES projects(id),
  kind          TEXT NOT NULL CHECK (kind IN ('inspection','supervision')),
  held_on       TEXT NOT NULL,
  participants  TEXT NOT NULL DEFAULT '[]',
  findings      TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX project_inspections_project ON project_inspections(project_id, held_on);
-- A change or stop of a chosen project is decided by the congress or its standing committee: a motion on the engine.
CREATE TABLE project_decisions (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id),
  poll_id     INTEGER NOT NULL REFERENCES polls(id),
  kind        TEXT NOT NULL CHECK (kind IN ('change','stop')),
  summary     TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX project_decisions_project ON project_decisions(project_id);
CREATE INDEX project_decisions_poll ON project_decisions(poll_id);

-- An agenda item such as 听取民生实事项目进展报告 names the projects it reports on.
CREATE TABLE agenda_item_projects (
  agenda_item_id  INTEGER NOT NULL REFERENCES agenda_items(id),
  project_id      INTEGER NOT NULL REFERENCES projects(id),
  PRIMARY KEY (agenda_item_id, project_id)
) WITHOUT ROWID;
CREATE INDEX agenda_item_projects_project ON agenda_item_projects(project_id);

-- What each 测评 (or 现场打分) of a project found, written when its round closes (and again on a recount):
-- summary is the item's line of the result (rates or grade, or the score) as JSON; passed: at or above the rule set's 整改 line.
CREATE TABLE project_evaluations (
  project_id   INTEGER NOT NULL REFERENCES projects(id),
  round_id     INTEGER NOT NULL REFERENCES poll_rounds(id),
  meeting_id   INTEGER NOT NULL REFERENCES meetings(id),
  held_on      TEXT NOT NULL,
  style        TEXT NOT NULL CHECK (style IN ('rating','score')),
  summary      TEXT NOT NULL,
  passed       INTEGER NOT NULL CHECK (passed IN (0, 1)),
  PRIMARY KEY (project_id, round_id)
) WITHOUT ROWID;
CREATE INDEX project_evaluations_round ON project_evaluations(round_id);

-- 整改: opened by a result below the line, open until a later 测评 of the project passes.
CREATE TABLE rectifications (
  id                INTEGER PRIMARY KEY,
  project_id        INTEGER NOT NULL REFERENCES projects(id),
  opened_by_round   INTEGER NOT NULL REFERENCES poll_rounds(id),
  department        TEXT NOT NULL,
  deadline          TEXT NOT NULL,
  requirement       TEXT,
  response          TEXT,
  responded_on      TEXT,
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  closed_by_round   INTEGER REFERENCES poll_rounds(id),
  closed_at         TEXT,
  created_at        TEXT NOT NULL
);
CREATE INDEX rectifications_project ON rectifications(project_id, status);
`;
