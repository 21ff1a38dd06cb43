/**
 * 0009: 测评 results and 整改 (issue 11, part D). A rectification whose opening 测评 no longer falls below the line
 * once the round's result is written again (projectEvaluations.rewrite) is withdrawn, not deleted: the
 * department's response stays on record, with why it was withdrawn. The year board reads a project's latest 测评
 * and its open 整改 by project; the year-over-year view counts a year's 整改 by project.
 */
export default `
ALTER TABLE rectifications ADD COLUMN withdrawn TEXT;
CREATE INDEX project_evaluations_project ON project_evaluations(project_id, held_on);
`;
