import type { AttendanceRow, AttendanceStatus, AttendanceSummary } from '../../../shared/contract';
import type { Db } from '../open';

/**
 * The attendance table (签到), read against the roll of the meeting's body: its row type, the SQL and the one
 * mapper to an AttendanceRow. A member with no row is 待签到 (pending).
 */

interface Row {
  membership_id: number;
  name: string;
  pinyin: string;
  initials: string;
  seat_no: string | null;
  constituency: string | null;
  status: Exclude<AttendanceStatus, 'pending'> | null;
  reason: string | null;
  signed_in_at: string | null;
  left_at: string | null;
  late: number | null;
}

/** Which roll: the meeting, its body and its date. */
export interface Roll {
  meetingId: number;
  bodyId: number;
  date: string;
}
export type AttendanceCounts = Pick<AttendanceSummary, 'expected' | 'present' | 'leave' | 'absent' | 'left'>;
export interface AttendanceWrite {
  meetingId: number;
  membershipId: number;
  status: Exclude<AttendanceStatus, 'pending'>;
  reason: string | null;
  signedInAt: string | null;
  leftAt: string | null;
  late: 0 | 1;
  now: string;
}

/**
 * Who was a member of the body on the meeting's date: seated by then, and not yet gone (a seat that ended records
 * its end date in `until`). Anyone with a sign-in record for the meeting stays on its list, so a deputy who leaves
 * office later does not vanish from the record of a past meeting.
 */
const ON_ROLL = `m.body_id = @bodyId AND (a.membership_id IS NOT NULL OR (
  (m.since IS NULL OR m.since <= @date) AND (m.until IS NULL OR m.until >= @date) AND (m.end_reason IS NULL OR m.until >= @date)))`;

const toRow = (r: Row): AttendanceRow => ({
  membershipId: r.membership_id,
  name: r.name,
  pinyin: r.pinyin,
  initials: r.initials,
  seatNo: r.seat_no,
  constituency: r.constituency,
  status: r.status ?? 'pending',
  reason: r.reason,
  signedInAt: r.signed_in_at,
  leftAt: r.left_at,
  late: r.late === 1,
});

/** Prepared once per database: a badge scanner signs in someone every second or so. */
const tables = new WeakMap<Db, ReturnType<typeof prepare>>();

export function attendanceTables(db: Db) {
  let t = tables.get(db);
  if (!t) tables.set(db, (t = prepare(db)));
  return t;
}

function prepare(db: Db) {
  const sheet = `SELECT m.id AS membership_id, p.name, p.pinyin, p.initials, m.seat_no, m.constituency, a.status, a.reason, a.signed_in_at, a.left_at, a.late
                 FROM memberships m JOIN persons p ON p.id = m.person_id
                 LEFT JOIN attendance a ON a.meeting_id = @meetingId AND a.membership_id = m.id
                 WHERE ${ON_ROLL}`;
  const st = {
    sheet: db.prepare(sheet),
    row: db.prepare(`${sheet} AND m.id = @membershipId`),
    // One pass over the roll's index and the attendance primary key, without building any row objects.
    counts: db.prepare(`SELECT COUNT(*) AS expected, COUNT(CASE a.status WHEN 'present' THEN 1 END) AS present,
                          COUNT(CASE a.status WHEN 'leave' THEN 1 END) AS leave, COUNT(CASE a.status WHEN 'absent' THEN 1 END) AS absent,
                          COUNT(CASE a.status WHEN 'left' THEN 1 END) AS "left"
                        FROM memberships m LEFT JOIN attendance a ON a.meeting_id = @meetingId AND a.membership_id = m.id
                        WHERE ${ON_ROLL}`),
    remove: db.prepare('DELETE FROM attendance WHERE meeting_id = ? AND membership_id = ?'),
    upsert:
      db.prepare(`INSERT INTO attendance (meeting_id, membership_id, status, reason, signed_in_at, left_at, late, updated_at)
                        VALUES (@meetingId, @membershipId, @status, @reason, @signedInAt, @leftAt, @late, @now)
                        ON CONFLICT (meeting_id, membership_id) DO UPDATE SET status = @status, reason = @reason,
                          signed_in_at = COALESCE(attendance.signed_in_at, @signedInAt), left_at = @leftAt, late = MAX(attendance.late, @late), updated_at = @now`),
  };
  return {
    /** Everyone on the roll, in no particular order. */
    sheet: (roll: Roll): AttendanceRow[] => (st.sheet.all(roll) as Row[]).map(toRow),
    /** One member's row, if they are on the roll. */
    row(roll: Roll, membershipId: number): AttendanceRow | undefined {
      const r = st.row.get({ ...roll, membershipId }) as Row | undefined;
      return r && toRow(r);
    },
    counts: (roll: Roll): AttendanceCounts => st.counts.get(roll) as AttendanceCounts,
    /** Back to 待签到: the row goes. */
    remove: (meetingId: number, membershipId: number) => void st.remove.run(meetingId, membershipId),
    /** The first sign-in time is kept, and a late sign-in stays late. */
    upsert: (w: AttendanceWrite) => void st.upsert.run(w),
  };
}
