/**
 * 0005: which members of a body are also 区人大代表. A street council's double threshold counts the 人大代表 among
 * the 议事代表 apart (../shared/rules/README.md §1, §3), so the roll must know it; it belongs to the seat, not the
 * person, as a 议事代表 is one in that council. Existing members are not, until a clerk says so.
 */
export default `
ALTER TABLE memberships ADD COLUMN npc_deputy INTEGER NOT NULL DEFAULT 0 CHECK (npc_deputy IN (0, 1));
`;
