/**
 * 0011 (issue 11, part A): a township 季会 marked as the congress's annual session (季会制, ../shared/rules/README.md
 * §6: one quarterly session can be the annual one). A district's annual session is a meeting kind of its own
 * (district_annual) and needs no column; a 季会 stays a 季会, in its quarter, with this flag.
 */
export default `
ALTER TABLE meetings ADD COLUMN annual_session INTEGER NOT NULL DEFAULT 0 CHECK (annual_session IN (0, 1));
`;
