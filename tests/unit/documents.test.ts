import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Meeting, Member, RuleSet, SignInSheet } from '../../shared/contract';
import { chineseNumber, officialDate } from '../../shared/domain/official-date';
import { createBody, errorOf, makeTempRuntime, type TempRuntime } from './helpers';

/** The data of the printable documents (issue 12 item 1), read through the contract as both transports do. */

let t: TempRuntime;
beforeEach(() => {
  t = makeTempRuntime();
});
afterEach(() => t.cleanup());

describe('officialDate (公文 dates, GB/T 9704 §7.3.5.3)', () => {
  it('writes year digits one by one with 〇 and month and day as numbers', () => {
    expect(officialDate('2026-12-01')).toBe('二〇二六年十二月一日');
    expect(officialDate('2030-10-20')).toBe('二〇三〇年十月二十日');
    expect(officialDate('2027-01-31')).toBe('二〇二七年一月三十一日');
    expect(officialDate('2028-11-11T08:00:00+08:00')).toBe('二〇二八年十一月十一日');
    expect([1, 9, 10, 11, 19, 20, 21, 30, 31].map(chineseNumber)).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '三十', '三十一']);
  });
});

const NAMES = ['王小明', '丁一', '李华', '张伟', '刘洋', '马丽'];

async function congress(t: TempRuntime, names = NAMES) {
  const body = await createBody(t, '江北区人民代表大会', 'district_congress');
  const members: Member[] = [];
  for (const [i, name] of names.entries()) members.push((await t.ok('members.create', { bodyId: body.id, name, unitTitle: `单位${i + 1}主任`, seatNo: String(names.length - i) })) as Member);
  const ruleSet = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'district_midyear_session')!;
  const meeting = (await t.ok('meetings.create', {
    bodyId: body.id, kind: 'district_midyear', ruleSetId: ruleSet.id, title: '江北区人民代表大会2025年年中会议', date: '2025-07-08',
    startTime: '09:00', endTime: '12:00', venue: '区人大常委会第一会议室',
  })) as Meeting;
  return { body, members, meeting };
}

describe('documents.signIn (签到表)', () => {
  it('lists the whole roll in 姓氏笔画 order (not seats, not insertion) with unit titles, the head and the count', async () => {
    const c = await congress(t);
    await t.ok('attendance.mark', { meetingId: c.meeting.id, membershipId: c.members[5]!.membershipId, status: 'leave', reason: '出差' });
    await t.ok('attendance.mark', { meetingId: c.meeting.id, membershipId: c.members[0]!.membershipId, status: 'present' });
    const s = (await t.ok('documents.signIn', { meetingId: c.meeting.id })) as SignInSheet;
    expect(s.head).toEqual({
      meetingId: c.meeting.id, meetingTitle: '江北区人民代表大会2025年年中会议', bodyName: '江北区人民代表大会', officialDate: '二〇二五年七月八日', date: '2025年7月8日',
      time: '09:00—12:00', venue: '区人大常委会第一会议室',
    });
    expect(s.noun).toBe('代表');
    expect(s.expected).toBe(6);
    // 丁(2) 马(3) 王(4) 刘(6) 李(7) 张(7): stroke order; seats run the other way (王 6 … 马 1).
    expect(s.rows.map((r) => r.name)).toEqual(['丁一', '马丽', '王小明', '刘洋', '李华', '张伟']);
    expect(s.rows.map((r) => r.no)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.rows.find((r) => r.name === '王小明')!.unitTitle).toBe('单位1主任');
    // Leave on record is noted; signing in already does not fill anything (the paper is signed by hand).
    expect(s.rows.filter((r) => r.note).map((r) => [r.name, r.note])).toEqual([['马丽', '请假']]);
  });

  it('leaves out a member whose seat ended before the meeting, and names the field of a missing meeting', async () => {
    const c = await congress(t);
    await t.ok('members.end', { membershipId: c.members[1]!.membershipId, until: '2025-06-30', reason: '调离本区' });
    const s = (await t.ok('documents.signIn', { meetingId: c.meeting.id })) as SignInSheet;
    expect(s.rows.map((r) => r.name)).not.toContain('丁一');
    expect(s.expected).toBe(5);
    const err = errorOf(await t.call('documents.signIn', { meetingId: 999 }));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.field).toBe('meetingId');
  });
});
