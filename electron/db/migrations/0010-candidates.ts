/**
 * 0010 (issue 11, candidates): the step a 未入选 project was refused at, so reinstating it ("back a step" before the
 * list is adopted) puts it where it was rather than at the start of screening.
 */
export default `
ALTER TABLE projects ADD COLUMN rejected_from TEXT
  CHECK (rejected_from IN ('collected','reviewed','assessed','legal_checked','candidate'));
`;
