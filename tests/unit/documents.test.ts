import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AgendaItem,
  BallotPaper,
  CountSheet,
  Meeting,
  Member,
  PollRound,
  RuleSet,
  SignInSheet,
} from '../../shared/contract';
import { ballotWording } from '../../shared/domain/ballot-paper';
import { chineseNumber, officialDate } from '../../shared/domain/official-date';
import { countColumns } from '../../electron/services/documents-papers';
import { createBody, errorOf, makeTempRuntime, type TempRuntime } from './helpers';
import { enterPaper, importDeputies, projectName, setupProjectVote } from '../fixtures';

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
    expect([1, 9, 10, 11, 19, 20, 21, 30, 31].map(chineseNumber)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '三十',
      '三十一',
    ]);
  });
});

const NAMES = ['王小明', '丁一', '李华', '张伟', '刘洋', '马丽'];

async function congress(t: TempRuntime, names = NAMES) {
  const body = await createBody(t, '江北区人民代表大会', 'district_congress');
  const members: Member[] = [];
  for (const [i, name] of names.entries())
    members.push(
      (await t.ok('members.create', {
        bodyId: body.id,
        name,
        unitTitle: `单位${i + 1}主任`,
        seatNo: String(names.length - i),
      })) as Member,
    );
  const ruleSet = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'district_midyear_session')!;
  const meeting = (await t.ok('meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId: ruleSet.id,
    title: '江北区人民代表大会2025年年中会议',
    date: '2025-07-08',
    startTime: '09:00',
    endTime: '12:00',
    venue: '区人大常委会第一会议室',
  })) as Meeting;
  return { body, members, meeting };
}

describe('documents.signIn (签到表)', () => {
  it('lists the whole roll in 姓氏笔画 order (not seats, not insertion) with unit titles, the head and the count', async () => {
    const c = await congress(t);
    await t.ok('attendance.mark', {
      meetingId: c.meeting.id,
      membershipId: c.members[5]!.membershipId,
      status: 'leave',
      reason: '出差',
    });
    await t.ok('attendance.mark', {
      meetingId: c.meeting.id,
      membershipId: c.members[0]!.membershipId,
      status: 'present',
    });
    const s = (await t.ok('documents.signIn', { meetingId: c.meeting.id })) as SignInSheet;
    expect(s.head).toEqual({
      meetingId: c.meeting.id,
      meetingTitle: '江北区人民代表大会2025年年中会议',
      bodyName: '江北区人民代表大会',
      officialDate: '二〇二五年七月八日',
      date: '2025年7月8日',
      time: '09:00—12:00',
      venue: '区人大常委会第一会议室',
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

describe('documents.ballot and documents.countSheet (票决 12选10, paper)', () => {
  it('prints the numbered candidates with the N项 rule, and a count sheet that is blank until the close, then the tallies', async () => {
    const s = await setupProjectVote(t, {
      deputies: 12,
      present: 10,
      projects: 12,
      seats: 10,
      style: 'choose',
      mode: 'paper',
    });
    const b = (await t.ok('documents.ballot', { roundId: s.vote.id })) as BallotPaper;
    expect(b.paper).toBe('选票');
    expect(b.secret).toBe(true);
    expect(b.items.map((i) => i.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(b.items[0]!.title).toBe(projectName(0));
    expect(b.columns).toEqual(['选择']);
    expect(b.instructions[0]).toBe('本次票决候选项目12项，应选10项。');
    expect(b.rule).toBe('等于或少于应选10项的为有效票，超过应选10项的为无效票（超过10项无效）。');
    // Nothing on a ballot names a deputy.
    const text = JSON.stringify(b);
    for (const d of s.deputies) expect(text).not.toContain(d.name);

    const before = (await t.ok('documents.countSheet', { roundId: s.vote.id })) as CountSheet;
    expect(before.counted).toBe(false);
    expect(before.counts).toEqual({ expected: 12, present: 10, issued: null, returned: null, valid: null, void: null });
    expect(before.lines.every((l) => l.figures === null && l.mark === null)).toBe(true);
    expect(before.scrutineers).toEqual(['王监票', '李监票']);
    expect(before.counters).toEqual(['赵计票']);

    // 10 ballots: 1–10 on eight, 3–12 on one, and one with all twelve marked (void: more than 10).
    const all = Array.from({ length: 12 }, (_v, i) => i + 1);
    await t.ok('polls.stopVoting', { id: s.vote.id });
    await enterPaper(t, s.vote.id, [
      ...Array(8).fill(all.slice(0, 10).join(' ')),
      all.slice(2).join(' '),
      all.join(' '),
    ]);
    const mid = (await t.ok('documents.countSheet', { roundId: s.vote.id })) as CountSheet;
    expect(mid.counted).toBe(false);
    expect(mid.counts.returned).toBeNull();
    await t.ok('polls.close', { id: s.vote.id, issued: 10 });
    const after = (await t.ok('documents.countSheet', { roundId: s.vote.id })) as CountSheet;
    expect(after.counted).toBe(true);
    expect(after.counts).toEqual({ expected: 12, present: 10, issued: 10, returned: 10, valid: 9, void: 1 });
    expect(after.columns).toEqual(['得票']);
    expect(after.markColumn).toBe('是否入选');
    expect(after.lines.map((l) => l.figures![0])).toEqual([8, 8, 9, 9, 9, 9, 9, 9, 9, 9, 1, 1]);
    expect(after.notes[0]).toMatch(/^通过线：赞成票须/);
  });
});

describe('documents.ballot and documents.countSheet (满意度测评, 75 items)', () => {
  it('prints every item with 满意/基本满意/不满意 and the per-item void rule; the count sheet carries each item once counted', async () => {
    const body = await createBody(t, '江北区人大常委会', 'standing_committee');
    const members = await importDeputies(t, body.id, 5);
    const sets = (await t.ok('ruleSets.list', {})) as RuleSet[];
    const m0 = (await t.ok('meetings.create', {
      bodyId: body.id,
      kind: 'standing_committee',
      ruleSetId: sets.find((r) => r.key === 'standing_committee')!.id,
      title: '江北区人大常委会第九次会议',
      date: '2025-11-08',
    })) as Meeting;
    for (const m of members)
      await t.ok('attendance.mark', { meetingId: m0.id, membershipId: m.membershipId, status: 'present' });
    const item = (await t.ok('agenda.add', {
      meetingId: m0.id,
      kind: 'evaluation',
      title: '对代表建议办理情况进行满意度测评',
    })) as AgendaItem;
    await t.ok('meetings.open', { id: m0.id });
    const items = Array.from({ length: 75 }, (_v, i) => ({
      kind: 'suggestion' as const,
      number: `第${i + 1}号`,
      title: `建议${i + 1}办理情况`,
      department: '区住房城乡建委',
    }));
    const r0 = (await t.ok('evaluations.create', {
      agendaItemId: item.id,
      style: 'rating',
      mode: 'paper',
      items,
      scrutineers: ['张明'],
      counters: ['王芳', '李华'],
    })) as PollRound;
    await t.ok('polls.open', { id: r0.id });
    const b = (await t.ok('documents.ballot', { roundId: r0.id })) as BallotPaper;
    expect(b.paper).toBe('测评票');
    expect(b.items).toHaveLength(75);
    expect(b.items[74]).toEqual({ no: 75, title: '第75号 建议75办理情况', department: '区住房城乡建委' });
    expect(b.columns).toEqual(['满意', '基本满意', '不满意']);
    expect(b.rule).toMatch(/^某一项目未划或划两个以上的，该项无效/);

    await t.ok('polls.stopVoting', { id: r0.id });
    const stack = ['1'.repeat(75), '2'.repeat(75), `3${'1'.repeat(74)}`, `9${'1'.repeat(74)}`];
    for (const batch of [1, 2] as const)
      for (const keys of stack) await t.ok('polls.paperEnter', { id: r0.id, batch, keys });
    await t.ok('polls.close', { id: r0.id, issued: 5 });
    const cs = (await t.ok('documents.countSheet', { roundId: r0.id })) as CountSheet;
    expect(cs.counts).toMatchObject({ issued: 5, returned: 4, valid: 4, void: 0 });
    expect(cs.columns).toEqual(['满意', '基本满意', '不满意', '该项无效']);
    expect(cs.lines[0]!.figures).toEqual([1, 1, 1, 1]);
    expect(cs.lines[1]!.figures).toEqual([3, 1, 0, 0]);
    expect(cs.scrutineers).toEqual(['张明']);
    expect(cs.counters).toEqual(['王芳', '李华']);
  });

  it('refuses a round that does not exist, naming the field', async () => {
    for (const m of ['documents.ballot', 'documents.countSheet']) {
      const err = errorOf(await t.call(m, { roundId: 4242 }));
      expect(err.code).toBe('NOT_FOUND');
      expect(err.field).toBe('roundId');
    }
  });
});

describe('what each ballot style prints', () => {
  it('states the rule the count applies: 超过N项无效 for 限选 and 排序, two opinions void for 逐项, per item for 测评', () => {
    expect(ballotWording('choose', { candidates: 20, seats: 10, abstain: false }).rule).toBe(
      '等于或少于应选10项的为有效票，超过应选10项的为无效票（超过10项无效）。',
    );
    expect(ballotWording('rank', { candidates: 5, seats: 3, abstain: false })).toMatchObject({
      columns: ['排序'],
      rule: '排序超过应选3项的，或同一项目排了两个名次的，该选票无效（超过3项无效）。',
    });
    expect(ballotWording('approve', { candidates: 5, seats: 3, abstain: false })).toMatchObject({
      columns: ['赞成', '反对', '弃权'],
      rule: '同一项目划两种以上意见的，该选票无效。',
    });
    expect(ballotWording('rating', { candidates: 3, seats: 0, abstain: true }).columns).toEqual([
      '满意',
      '基本满意',
      '不满意',
      '弃权',
    ]);
    expect(ballotWording('rating', { candidates: 3, seats: 0, abstain: false }).instructions[1]).toBe(
      '请对每一项目在“满意”“基本满意”“不满意”中选择一项，在其方格内划“√”。',
    );
    expect(countColumns('rank', false)).toEqual(['得分', '得票']);
    expect(countColumns('rating', true)).toEqual(['满意', '基本满意', '不满意', '弃权', '该项无效']);
  });
});
