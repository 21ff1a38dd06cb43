import { describe, expect, it } from 'vitest';
import type { Attendance, AttendanceRow, AttendanceSummary } from '../../shared/contract';
import { applyAttendanceChange } from '../../renderer/src/console/meetings/attendancePatch';
import { searchMembers, soleMatch } from '../../renderer/src/console/meetings/memberSearch';

/** The sign-in box's rule for whom Enter signs in, and how the sheet patches itself from attendance.changed. */

const row = (
  membershipId: number,
  name: string,
  pinyin: string,
  initials: string,
  seatNo: string,
  status: AttendanceRow['status'] = 'pending',
): AttendanceRow => ({
  membershipId,
  name,
  pinyin,
  initials,
  seatNo,
  constituency: null,
  status,
  reason: null,
  signedInAt: null,
  leftAt: null,
  late: false,
});
const rows = [
  row(1, '肖雨', 'xiaoyu', 'xy', '1', 'present'),
  row(2, '许宇', 'xuyu', 'xy', '2'),
  row(3, '闫桂', 'yangui', 'yg', '3'),
  row(4, '余国', 'yuguo', 'yg', '4'),
  row(5, '王伟', 'wangwei', 'ww', '5'),
  row(6, '王伟明', 'wangweiming', 'wwm', '6'),
  row(7, '汪伟', 'wangwei', 'ww', '7'),
  row(11, '张三', 'zhangsan', 'zs', '11'),
];
const sole = (q: string) => soleMatch(searchMembers(rows, q), q)?.name ?? null;

describe('whom Enter signs in', () => {
  it('signs in no one when initials fit several, even if only one of them is not yet present', () => {
    expect(searchMembers(rows, 'xy').map((r) => r.name)).toEqual(['肖雨', '许宇']);
    expect(sole('xy')).toBeNull();
    expect(sole('yg')).toBeNull();
    expect(sole('ww')).toBeNull();
  });

  it('signs in at once for a seat number, a full name or a full pinyin that names exactly one person', () => {
    expect(sole('1')).toBe('肖雨');
    expect(sole('11')).toBe('张三');
    expect(sole('许宇')).toBe('许宇');
    expect(sole('王伟')).toBe('王伟'); // not 王伟明
    expect(sole('xuyu')).toBe('许宇');
    expect(sole('wangwei')).toBeNull(); // 王伟 and 汪伟 sound the same
    expect(sole('zs')).toBe('张三'); // the only match
    expect(sole('nobody')).toBeNull();
  });
});

describe('patching the sheet from attendance.changed', () => {
  const summary = (present: number): AttendanceSummary => ({
    expected: rows.length,
    present,
    leave: 0,
    absent: 0,
    left: 0,
    pending: rows.length - present,
    quorum: { expected: rows.length, present, required: 5, met: present >= 5, text: '', basis: '' },
  });
  const sheet: Attendance = { meetingId: 9, noun: '代表', rows, summary: summary(1) };

  it('replaces the member’s row in place and the summary', () => {
    const signed = { ...rows[1]!, status: 'present' as const, signedInAt: '2026-03-10T01:00:00Z' };
    const next = applyAttendanceChange(sheet, {
      meetingId: 9,
      present: 2,
      expected: rows.length,
      leave: 0,
      row: signed,
      summary: summary(2),
    });
    expect(next).not.toBe('reload');
    const a = next as Attendance;
    expect(a.rows[1]).toEqual(signed);
    expect(a.rows.map((r) => r.membershipId)).toEqual(rows.map((r) => r.membershipId));
    expect(a.summary.present).toBe(2);
    expect(sheet.rows[1]!.status).toBe('pending'); // the old sheet is not mutated
  });

  it('ignores other meetings and refetches when the payload cannot say', () => {
    const p = { meetingId: 8, present: 2, expected: rows.length, leave: 0, row: rows[1]!, summary: summary(2) };
    expect(applyAttendanceChange(sheet, p)).toBe(sheet);
    expect(applyAttendanceChange(sheet, { ...p, meetingId: 9, row: { ...rows[1]!, membershipId: 99 } })).toBe('reload');
    expect(
      applyAttendanceChange(sheet, { ...p, meetingId: 9, summary: { ...summary(2), expected: rows.length + 1 } }),
    ).toBe('reload');
    expect(applyAttendanceChange(sheet, { meetingId: 9, present: 2, expected: rows.length, leave: 0 } as never)).toBe(
      'reload',
    );
  });
});
