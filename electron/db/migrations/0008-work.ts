/**
 * 0008 (issue 11, part C): a progress report whose 完成进度 is lower than the one before it is a correction, and
 * says why; the reason is kept with the report.
 */
export default `
ALTER TABLE project_progress ADD COLUMN lowered_reason TEXT;
`;
