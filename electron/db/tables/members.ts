import type { Member } from '../../../shared/contract';
import type { ExistingPerson } from '../../../shared/domain/roster-import';
import type { Db } from '../open';
import { statement } from '../statements';

/**
 * The roster's two tables, read together: persons (who someone is) and memberships (their seat in one body). A
 * member is a membership with its person; the row type and its mapper to a Member live here alone.
 */

interface MemberRow {
  membership_id: number;
  person_id: number;
  body_id: number;
  name: string;
  pinyin: string;
  initials: string;
  gender: Member['gender'];
  ethnicity: string | null;
  party: string | null;
  phone: string | null;
  unit_title: string | null;
  constituency: string | null;
  seat_no: string | null;
  since: string | null;
  until: string | null;
  notes: string | null;
  npc_deputy: number;
  end_reason: string | null;
  other_bodies: string | null;
}

const MEMBER_SELECT = `
  SELECT m.id AS membership_id, p.id AS person_id, m.body_id, p.name, p.pinyin, p.initials, p.gender, p.ethnicity, p.party, p.phone,
         m.unit_title, m.constituency, m.seat_no, m.since, m.until, m.notes, m.npc_deputy, m.end_reason,
         (SELECT group_concat(b2.name, '、') FROM memberships m2 JOIN bodies b2 ON b2.id = m2.body_id
           WHERE m2.person_id = p.id AND m2.body_id <> m.body_id AND m2.end_reason IS NULL) AS other_bodies
  FROM memberships m JOIN persons p ON p.id = m.person_id`;

const toMember = (r: MemberRow): Member => ({
  membershipId: r.membership_id,
  personId: r.person_id,
  bodyId: r.body_id,
  name: r.name,
  pinyin: r.pinyin,
  initials: r.initials,
  gender: r.gender,
  ethnicity: r.ethnicity,
  party: r.party,
  unitTitle: r.unit_title,
  constituency: r.constituency,
  phone: r.phone,
  seatNo: r.seat_no,
  since: r.since,
  until: r.until,
  notes: r.notes,
  npcDeputy: r.npc_deputy === 1,
  otherBodies: r.other_bodies ? r.other_bodies.split('、') : [],
  active: r.end_reason === null,
});

/** A person's columns as written. */
export interface PersonValues {
  name: string;
  pinyin: string;
  initials: string;
  gender: string | null;
  ethnicity: string | null;
  party: string | null;
  phone: string | null;
}
/** A seat's columns as written; npcDeputy as the column stores it (1 or 0). */
export interface SeatValues {
  unitTitle: string | null;
  constituency: string | null;
  seatNo: string | null;
  since: string | null;
  until: string | null;
  notes: string | null;
  npcDeputy: 0 | 1;
}

export function memberTables(db: Db) {
  return {
    member(membershipId: number): Member | undefined {
      const r = statement(db, `${MEMBER_SELECT} WHERE m.id = ?`).get(membershipId) as MemberRow | undefined;
      return r && toMember(r);
    },
    /** A body's seated members, or every seat it ever had; in no particular order. */
    ofBody: (bodyId: number, includeFormer = false): Member[] =>
      (
        statement(db, `${MEMBER_SELECT} WHERE m.body_id = ? ${includeFormer ? '' : 'AND m.end_reason IS NULL'}`).all(
          bodyId,
        ) as MemberRow[]
      ).map(toMember),
    /** Everyone on file, and whether they hold a seat in this body now: what a new row is matched against. */
    people: (bodyId: number): ExistingPerson[] =>
      (
        statement(
          db,
          `SELECT p.id, p.name, p.phone, EXISTS(SELECT 1 FROM memberships m WHERE m.person_id = p.id AND m.body_id = ? AND m.end_reason IS NULL) AS in_body FROM persons p`,
        ).all(bodyId) as { id: number; name: string; phone: string | null; in_body: number }[]
      ).map((p) => ({ personId: p.id, name: p.name, phone: p.phone, inBody: p.in_body === 1 })),
    /** Whether the seat is in this body and not ended: what a named cast checks, thousands a second. */
    isSeated: (membershipId: number, bodyId: number): boolean =>
      !!statement(db, 'SELECT 1 FROM memberships WHERE id = ? AND body_id = ? AND end_reason IS NULL').get(
        membershipId,
        bodyId,
      ),
    /** Every seat's holder by membership id, seats ended included: names for the audit log's details. */
    names: (): Map<number, string> =>
      new Map(
        db.prepare('SELECT m.id, p.name FROM memberships m JOIN persons p ON p.id = m.person_id').raw().all() as [
          number,
          string,
        ][],
      ),
    /** 单位职务 by membership id, for a body's printed sign-in sheet. */
    unitTitles: (bodyId: number): Map<number, string | null> =>
      new Map(
        (
          statement(db, 'SELECT id, unit_title FROM memberships WHERE body_id = ?').all(bodyId) as {
            id: number;
            unit_title: string | null;
          }[]
        ).map((r) => [r.id, r.unit_title]),
      ),

    insertPerson: (p: PersonValues, at: string): number =>
      Number(
        statement(
          db,
          `INSERT INTO persons (name, pinyin, initials, gender, ethnicity, party, phone, created_at) VALUES (@name, @pinyin, @initials, @gender, @ethnicity, @party, @phone, @at)`,
        ).run({ ...p, at }).lastInsertRowid,
      ),
    updatePerson: (id: number, p: PersonValues) =>
      void statement(
        db,
        `UPDATE persons SET name=@name, pinyin=@pinyin, initials=@initials, gender=@gender, ethnicity=@ethnicity, party=@party, phone=@phone WHERE id=@id`,
      ).run({ ...p, id }),
    insertSeat: (bodyId: number, personId: number, s: SeatValues, at: string): number =>
      Number(
        statement(
          db,
          `INSERT INTO memberships (body_id, person_id, unit_title, constituency, seat_no, since, until, notes, npc_deputy, created_at)
        VALUES (@bodyId, @personId, @unitTitle, @constituency, @seatNo, @since, @until, @notes, @npcDeputy, @at)`,
        ).run({ ...s, bodyId, personId, at }).lastInsertRowid,
      ),
    updateSeat: (membershipId: number, s: SeatValues) =>
      void statement(
        db,
        'UPDATE memberships SET unit_title=?, constituency=?, seat_no=?, since=?, until=?, notes=?, npc_deputy=? WHERE id=?',
      ).run(s.unitTitle, s.constituency, s.seatNo, s.since, s.until, s.notes, s.npcDeputy, membershipId),
    endSeat: (membershipId: number, until: string, reason: string) =>
      void statement(db, 'UPDATE memberships SET until = ?, end_reason = ? WHERE id = ?').run(
        until,
        reason,
        membershipId,
      ),
  };
}
export type MemberTables = ReturnType<typeof memberTables>;
