import {
  AppError,
  attendanceLabels,
  memberNoun,
  type Attendance,
  type AttendanceChange,
  type AttendanceRow,
  type AttendanceStatus,
  type AttendanceSummary,
  type Meeting,
  type ParsedInput,
} from '../../shared/contract';
import { sortByName } from '../../shared/domain/collation';
import { checkQuorum } from '../../shared/domain/rules';
import { auditDetailsSince } from '../db/audit';
import { recordsDigest } from '../db/ballot-digest';
import type { Db } from '../db/open';
import { attendanceTables, type AttendanceCounts, type Roll } from '../db/tables/attendance';
import { grouped, type WriteContext } from './change';
import type { ServiceDeps } from './context';
import { assertMeetingStatus, meetingQueries } from './meetings';

/** Sign-in (签到): who is present, on leave or absent, and whether the quorum is met under the meeting's rule set. */

const rollOf = (meeting: Meeting): Roll => ({ meetingId: meeting.id, bodyId: meeting.bodyId, date: meeting.date });

function summaryOf(meeting: Meeting, c: AttendanceCounts): AttendanceSummary {
  const quorum = checkQuorum(meeting.rules.quorum, c.expected, c.present, memberNoun[meeting.bodyKind]);
  return {
    ...c,
    pending: c.expected - c.present - c.leave - c.absent - c.left,
    quorum: { ...quorum, basis: meeting.rules.quorum.basis },
  };
}

/** The summary alone, by one aggregate query: what a sign-in needs, without reading the whole sheet. */
export function readAttendanceSummary(db: Db, meeting: Meeting): AttendanceSummary {
  return summaryOf(meeting, attendanceTables(db).counts(rollOf(meeting)));
}

/** One member's line of the sheet, by the roll's index (a desk's scan, without reading and sorting the whole sheet). */
export function readAttendanceRow(db: Db, meeting: Meeting, membershipId: number): AttendanceRow | undefined {
  return attendanceTables(db).row(rollOf(meeting), membershipId);
}

/** 应到 are the members on the meeting's roll; 实到 those signed in and not gone. */
export function readAttendance(db: Db, meeting: Meeting): Attendance {
  const rows = attendanceTables(db).sheet(rollOf(meeting));
  const count = (s: AttendanceStatus) => rows.filter((r) => r.status === s).length;
  const summary = summaryOf(meeting, {
    expected: rows.length,
    present: count('present'),
    leave: count('leave'),
    absent: count('absent'),
    left: count('left'),
  });
  // Seat order when seats are set, so the sign-in sheet follows the hall; 姓氏笔画 among equal or missing seats
  // (the stroke sort first, with its keys computed once, then a stable sort by seat).
  const ordered = sortByName(rows, 'stroke', (r) => r.name).sort(
    (a, b) => (Number(a.seatNo) || 1e9) - (Number(b.seatNo) || 1e9),
  );
  return { meetingId: meeting.id, noun: memberNoun[meeting.bodyKind], rows: ordered, summary };
}

/**
 * The roll as it stands when the meeting opens (宣布开会): the counts and a digest of who was in which state,
 * written into the open entry (issue 12 item 3), so audit.verify can tell whether the roll was edited afterwards
 * outside the app. The digest covers membership ids and states only; the entry holds no names.
 */
export interface RollAtOpen {
  expected: number;
  present: number;
  leave: number;
  absent: number;
  left: number;
  pending: number;
  digest: string;
}

export function rollDigest(roll: Iterable<{ membershipId: number; status: AttendanceStatus }>): RollAtOpen {
  const rows = [...roll].sort((a, b) => a.membershipId - b.membershipId);
  const count = (s: AttendanceStatus) => rows.filter((r) => r.status === s).length;
  return {
    expected: rows.length,
    present: count('present'),
    leave: count('leave'),
    absent: count('absent'),
    left: count('left'),
    pending: count('pending'),
    digest: recordsDigest(
      'roll',
      rows.map((r) => ({ membershipId: r.membershipId, status: r.status })),
    ),
  };
}

export const rollAtOpen = (db: Db, meeting: Meeting): RollAtOpen => rollDigest(readAttendance(db, meeting).rows);

/**
 * The roll as it was at open, rebuilt from the file: each member's state now, unless the app recorded a change
 * since the open entry, whose first such entry says what the state was before (`from`). An edit of the
 * attendance table made without the app leaves no entry, so the rebuilt roll no longer gives the digest.
 */
export function rollSinceOpen(db: Db, meeting: Meeting, openEntryId: number): RollAtOpen {
  const states = new Map(readAttendance(db, meeting).rows.map((r) => [r.membershipId, r.status]));
  const changed = new Set<number>();
  for (const raw of auditDetailsSince(db, 'attendance', `${meeting.id}:`, openEntryId)) {
    const d = JSON.parse(raw) as { membershipId?: number; from?: AttendanceStatus };
    if (typeof d.membershipId !== 'number' || !d.from || changed.has(d.membershipId)) continue;
    changed.add(d.membershipId);
    states.set(d.membershipId, d.from);
  }
  return rollDigest([...states].map(([membershipId, status]) => ({ membershipId, status })));
}

export function attendanceService(deps: ServiceDeps) {
  const { db } = deps;
  const q = meetingQueries(db);
  const st = attendanceTables(db);

  /**
   * The counts after this sign-in. The sign-ins of a group (several desks at once, ./group-commit.ts) count the roll
   * once: each after the first takes the one before it and moves one member from `was` to `to`. A return to 未签到
   * counts afresh (the only change that can take someone off the roll: see ON_ROLL).
   */
  function countsAfter(
    meeting: Meeting,
    was: AttendanceStatus,
    to: AttendanceStatus,
    ctx: WriteContext,
  ): AttendanceCounts {
    const key = `attendance:${meeting.id}`;
    const held = ctx.memo.get<AttendanceCounts>(key);
    let counts: AttendanceCounts;
    if (held && to !== 'pending') {
      counts = { ...held };
      if (was !== 'pending') counts[was]--;
      counts[to]++;
    } else counts = st.counts(rollOf(meeting));
    ctx.memo.set(key, counts);
    return counts;
  }

  /** 签到登记: checks, writes the row and its audit entry, publishes attendance.changed with the row and summary. */
  function mark(
    input: ParsedInput<'attendance.mark'>,
    ctx: WriteContext,
    whole: boolean,
  ): { change: AttendanceChange; sheet: Attendance | null } {
    const meeting = q.getMeeting(input.meetingId);
    assertMeetingStatus(meeting, ['preparing', 'open'], '登记签到');
    const roll = rollOf(meeting);
    const before = st.row(roll, input.membershipId);
    if (!before)
      throw new AppError(
        'NOT_FOUND',
        `编号为${input.membershipId}的人员在会议当日不是${meeting.bodyName}的成员`,
        'membershipId',
      );
    const member = { id: before.membershipId, name: before.name };
    const was: AttendanceStatus = before.status;
    if (input.status === 'left' && was !== 'present')
      throw new AppError('CONFLICT', `${member.name}当前为“${attendanceLabels[was]}”，不能登记离场`, 'status');
    if (input.status === was && input.status !== 'leave') {
      throw new AppError(
        'CONFLICT',
        `${member.name}已是“${attendanceLabels[was]}”${was === 'present' ? '，不必重复签到' : ''}`,
        'status',
      );
    }
    const late = input.status === 'present' && meeting.status === 'open' && !before.signedInAt;
    if (input.status === 'pending') {
      st.remove(meeting.id, member.id);
    } else {
      st.upsert({
        meetingId: meeting.id,
        membershipId: member.id,
        status: input.status,
        reason: input.status === 'present' ? null : input.reason,
        signedInAt: input.status === 'present' ? ctx.now : null,
        leftAt: input.status === 'left' ? ctx.now : null,
        late: late ? 1 : 0,
        now: ctx.now,
      });
    }
    const sheet = whole ? readAttendance(db, meeting) : null;
    const change: AttendanceChange = {
      meetingId: meeting.id,
      row: st.row(roll, member.id)!,
      summary: sheet?.summary ?? summaryOf(meeting, countsAfter(meeting, was, input.status, ctx)),
    };
    const action =
      input.status === 'present'
        ? late
          ? 'attendance.lateSignIn'
          : 'attendance.signIn'
        : `attendance.${input.status}`;
    ctx.audit({
      action,
      entity: 'attendance',
      entityId: `${meeting.id}:${member.id}`,
      detail: {
        meetingId: meeting.id,
        membershipId: member.id,
        name: member.name,
        from: was,
        to: input.status,
        reason: input.reason,
      },
    });
    const { summary } = change;
    ctx.emit('attendance.changed', {
      meetingId: meeting.id,
      present: summary.present,
      expected: summary.expected,
      leave: summary.leave,
      row: change.row,
      summary,
    });
    return { change, sheet };
  }

  return {
    'attendance.get': (input: ParsedInput<'attendance.get'>) => readAttendance(db, q.getMeeting(input.meetingId)),
    'attendance.mark': (input: ParsedInput<'attendance.mark'>, ctx: WriteContext) => mark(input, ctx, true).sheet!,
    // Grouped with the sign-ins arriving with it (several desks at the doors share one commit): answered once on disk.
    'attendance.markOne': grouped(
      (input: ParsedInput<'attendance.markOne'>, ctx: WriteContext) => mark(input, ctx, false).change,
    ),
  };
}
