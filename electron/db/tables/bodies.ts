import type { Body } from '../../../shared/contract';
import type { Db } from '../open';
import { statement } from '../statements';

/** The bodies table: its row (with the count of seated members), the SQL that reads and writes it, and the one mapper to a Body. */

interface BodyRow {
  id: number;
  kind: Body['kind'];
  name: string;
  area: string | null;
  term: string | null;
  created_at: string;
  active_members: number;
}

const BODY_SELECT = `SELECT b.*, (SELECT COUNT(*) FROM memberships m WHERE m.body_id = b.id AND m.end_reason IS NULL) AS active_members FROM bodies b`;

const toBody = (r: BodyRow): Body => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  area: r.area,
  term: r.term,
  activeMembers: r.active_members,
  createdAt: r.created_at,
});

export interface NewBody {
  kind: Body['kind'];
  name: string;
  area: string | null;
  term: string | null;
  at: string;
}

export function bodyTables(db: Db) {
  return {
    body(id: number): Body | undefined {
      const r = statement(db, `${BODY_SELECT} WHERE b.id = ?`).get(id) as BodyRow | undefined;
      return r && toBody(r);
    },
    count: (): number => statement(db, 'SELECT COUNT(*) FROM bodies', 'pluck').get() as number,
    list: (): Body[] => (statement(db, `${BODY_SELECT} ORDER BY b.id`).all() as BodyRow[]).map(toBody),
    /** Kind and name alone, without counting the seats: what a meeting checks of its body. */
    head: (id: number) =>
      statement(db, 'SELECT id, kind, name FROM bodies WHERE id = ?').get(id) as
        Pick<Body, 'id' | 'kind' | 'name'> | undefined,
    nameTaken: (name: string, exceptId = 0): boolean =>
      !!statement(db, 'SELECT 1 FROM bodies WHERE name = ? AND id <> ?').get(name, exceptId),
    insert: (b: NewBody): number =>
      Number(
        statement(db, 'INSERT INTO bodies (kind, name, area, term, created_at) VALUES (?, ?, ?, ?, ?)').run(
          b.kind,
          b.name,
          b.area,
          b.term,
          b.at,
        ).lastInsertRowid,
      ),
    update: (id: number, b: Pick<Body, 'name' | 'area' | 'term'>) =>
      void statement(db, 'UPDATE bodies SET name = ?, area = ?, term = ? WHERE id = ?').run(b.name, b.area, b.term, id),
  };
}
export type BodyTables = ReturnType<typeof bodyTables>;
