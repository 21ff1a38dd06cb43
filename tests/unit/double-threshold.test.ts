import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgendaItem, Choice, Meeting, Member, PollRound, RuleSet, Vote } from '../../shared/contract';
import { STREET_DOUBLE_THRESHOLD } from '../../shared/domain/rules';
import { b64, createBody, errorOf, makeTempRuntime, type TempRuntime } from './helpers';
import { ROSTER_HEADERS, buildXlsx, rosterRows } from '../fixtures';

/**
 * The street council's double threshold (rules §3, issue 9) through the API: 人大代表 yes > 1/2 of the 人大代表
 * present AND all yes > 2/3 of the 议事代表 present, counted in two ballot boxes so that a secret ballot knows only
 * its box. 24 议事代表, 10 of them also 人大代表; 9 人大代表 and 12 others sign in (21 present): the limits are
 * 5 (more than half of 9) and 15 (more than two thirds of 21). The ordinary rule (more than half of all 24) is 13,
 * so a motion with 13–14 yes, or too few 人大代表 among them, separates the two rules.
 */

let t: TempRuntime;
beforeEach(() => (t = makeTempRuntime()));
afterEach(() => t.cleanup());

const DEPUTIES = 10;
const OTHERS = 14;

interface Council {
  meeting: Meeting;
  /** Present 人大代表 (9) and present other 议事代表 (12), in roster order. */
  deputies: Member[];
  others: Member[];
}

async function council(doubleThreshold: boolean): Promise<Council> {
  const body = await createBody(t, '观音桥街道议事代表会议', 'street_council', '观音桥街道');
  const flags = Array.from({ length: DEPUTIES + OTHERS }, (_, i) => (i % 12 < 5 ? '是' : '否')); // 10 是, 14 否, mixed in the roster
  const file = await buildXlsx([
    [...ROSTER_HEADERS, '兼任人大代表'],
    ...rosterRows(flags.length).map((r, i) => [...r, flags[i]!]),
  ]);
  await t.ok('roster.importCommit', { bodyId: body.id, fileName: '名册.xlsx', contentBase64: b64(file) });
  const members = (await t.ok('members.list', { bodyId: body.id })) as Member[];
  expect(members.filter((m) => m.npcDeputy)).toHaveLength(DEPUTIES);

  const src = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'street_council')!;
  let ruleSetId = src.id;
  if (doubleThreshold) {
    const copy = (await t.ok('ruleSets.copy', { id: src.id, name: '观音桥街道议事代表会议规则' })) as RuleSet;
    await t.ok('ruleSets.update', {
      id: copy.id,
      name: copy.name,
      rules: { ...copy.rules, doubleThreshold: STREET_DOUBLE_THRESHOLD },
    });
    ruleSetId = copy.id;
  }
  const meeting = (await t.ok('meetings.create', {
    bodyId: body.id,
    kind: 'street_council',
    ruleSetId,
    title: '观音桥街道第一次议事代表会议',
    date: '2025-03-18',
  })) as Meeting;
  const deputies = members.filter((m) => m.npcDeputy).slice(0, 9);
  const others = members.filter((m) => !m.npcDeputy).slice(0, 12);
  for (const m of [...deputies, ...others])
    await t.ok('attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  await t.ok('meetings.open', { id: meeting.id });
  return { meeting, deputies, others };
}

async function newVote(c: Council, mode: Vote['mode'], secrecy: Vote['secrecy'], title: string): Promise<Vote> {
  const item = (await t.ok('agenda.add', { meetingId: c.meeting.id, kind: 'motion', title })) as AgendaItem;
  const v = (await t.ok('votes.create', { agendaItemId: item.id, mode, secrecy })) as Vote;
  return (await t.ok('votes.open', { id: v.id })) as Vote;
}

/** `yes` of a box vote 赞成, the rest 反对. */
const choices = (n: number, yes: number): Choice[] => Array.from({ length: n }, (_, i) => (i < yes ? 'yes' : 'no'));

async function castAll(c: Council, voteId: number, deputyYes: number, otherYes: number) {
  const votes: [Member, Choice][] = [
    ...c.deputies.map((m, i) => [m, choices(c.deputies.length, deputyYes)[i]!] as [Member, Choice]),
    ...c.others.map((m, i) => [m, choices(c.others.length, otherYes)[i]!] as [Member, Choice]),
  ];
  // Interleaved, as a hall votes: the box comes from the roll, not from the order of casting.
  votes.sort((a, b) => a[0].membershipId - b[0].membershipId);
  for (const [m, choice] of votes) await t.ok('votes.cast', { id: voteId, membershipId: m.membershipId, choice });
}

const DEPUTY_LIMIT = (yes: number, met: boolean) =>
  `人大代表赞成票须超过出席人大代表的半数，即至少5票，实得${yes}票，${met ? '达到' : '未达到'}`;
const ALL_LIMIT = (yes: number, met: boolean) =>
  `全部赞成票须超过出席议事代表的三分之二，即至少15票，实得${yes}票，${met ? '达到' : '未达到'}`;

describe('a motion under the double threshold', () => {
  it('freezes each present member’s box on the roll and 应到/实到 per box in the snapshot', async () => {
    const c = await council(true);
    const v = await newVote(c, 'electronic', 'secret', '关于观音桥街道2025年民生实事项目的决定（草案）');
    expect(v.snapshot!.boxes).toEqual({
      deputies: { expected: 10, present: 9 },
      others: { expected: 14, present: 12 },
    });
    const roll = new Map(
      (
        t.rt.db.prepare('SELECT membership_id, box FROM round_eligible WHERE round_id = ?').all(v.id) as {
          membership_id: number;
          box: number;
        }[]
      ).map((r) => [r.membership_id, r.box]),
    );
    expect(roll.size).toBe(21);
    for (const m of c.deputies) expect(roll.get(m.membershipId)).toBe(1);
    for (const m of c.others) expect(roll.get(m.membershipId)).toBe(0);
  });

  it('electronic secret: passes at both limits; one 人大代表 short, or one yes short overall, it fails although more than half of all voted yes', async () => {
    const c = await council(true);
    const at = await newVote(c, 'electronic', 'secret', '关于街道社区养老服务站建设的决定（草案）');
    await castAll(c, at.id, 5, 10);
    const passed = (await t.ok('votes.close', { id: at.id })) as Vote;
    expect(passed.result).toMatchObject({
      yes: 15,
      no: 6,
      abstain: 0,
      notVoting: 0,
      passed: true,
      required: 15,
      base: 21,
    });
    expect(passed.result!.doubleThreshold).toMatchObject({
      outcome: 'decided',
      passed: true,
      counts: { deputies: { yes: 5, no: 4, abstain: 0 }, others: { yes: 10, no: 2, abstain: 0 } },
      deputies: { yes: 5, base: 9, required: 5, met: true },
      all: { yes: 15, base: 21, required: 15, met: true },
    });
    expect(passed.announcement).toBe(
      '应到议事代表24名，实到21名，符合法定人数。《关于街道社区养老服务站建设的决定（草案）》表决结果：赞成15票，反对6票，弃权0票，未表决0人；' +
        `其中人大代表赞成5票，反对4票，弃权0票。${DEPUTY_LIMIT(5, true)}；${ALL_LIMIT(15, true)}；通过。`,
    );

    // 4 人大代表 and 11 others: 15 yes overall, but the 人大代表 limit is missed.
    const fewDeputies = await newVote(c, 'electronic', 'secret', '关于街道背街小巷整治的决定（草案）');
    await castAll(c, fewDeputies.id, 4, 11);
    const r1 = (await t.ok('votes.close', { id: fewDeputies.id })) as Vote;
    expect(r1.result).toMatchObject({ yes: 15, passed: false });
    expect(r1.result!.doubleThreshold).toMatchObject({ deputies: { yes: 4, met: false }, all: { yes: 15, met: true } });
    expect(r1.announcement).toContain(`${DEPUTY_LIMIT(4, false)}；${ALL_LIMIT(15, true)}；未通过。`);

    // 5 人大代表 and 9 others: 14 yes — more than half of all 24 议事代表, not more than two thirds of the 21 present.
    const fewYes = await newVote(c, 'electronic', 'secret', '关于街道停车场收费调整的决定（草案）');
    await castAll(c, fewYes.id, 5, 9);
    const r2 = (await t.ok('votes.close', { id: fewYes.id })) as Vote;
    expect(r2.result).toMatchObject({ yes: 14, passed: false });
    expect(r2.result!.doubleThreshold).toMatchObject({ deputies: { yes: 5, met: true }, all: { yes: 14, met: false } });
    expect(r2.announcement).toContain(`${DEPUTY_LIMIT(5, true)}；${ALL_LIMIT(14, false)}；未通过。`);
    // An independent recount agrees with the stored result.
    expect(await t.ok('polls.recount', { id: fewYes.id })).toMatchObject({ matches: true });
  });

  it('a stored secret ballot carries its box and nothing of the voter', async () => {
    const c = await council(true);
    const v = await newVote(c, 'electronic', 'secret', '关于街道垃圾分类工作的决定（草案）');
    await castAll(c, v.id, 6, 7);
    const columns = (t.rt.db.prepare('PRAGMA table_info(round_ballots)').all() as { name: string }[]).map(
      (x) => x.name,
    );
    expect(columns.sort()).toEqual(['abstain', 'ballot_id', 'box', 'data', 'no', 'round_id', 'void', 'yes']);
    const byBox = t.rt.db
      .prepare(
        'SELECT box, COUNT(*) AS n, SUM(yes) AS yes FROM round_ballots WHERE round_id = ? GROUP BY box ORDER BY box',
      )
      .all(v.id);
    expect(byBox).toEqual([
      { box: 0, n: 12, yes: 7 },
      { box: 1, n: 9, yes: 6 },
    ]);
    // The audit log says who voted, never how nor in which box.
    const casts = (
      t.rt.db
        .prepare("SELECT detail FROM audit_log WHERE action = 'vote.cast' AND entity_id = ?")
        .pluck()
        .all(String(v.id)) as string[]
    ).map((d) => JSON.parse(d) as object);
    expect(casts).toHaveLength(21);
    for (const d of casts) expect(Object.keys(d)).toEqual(['membershipId']);
    expect(((await t.ok('votes.close', { id: v.id })) as Vote).result).toMatchObject({ yes: 13, passed: false });
  });

  it('electronic named: counted per box through the roll', async () => {
    const c = await council(true);
    const v = await newVote(c, 'electronic', 'named', '关于街道文化活动中心开放时间的决定（草案）');
    await castAll(c, v.id, 5, 10);
    const r = (await t.ok('votes.close', { id: v.id })) as Vote;
    expect(r.result).toMatchObject({ yes: 15, passed: true });
    expect(r.result!.doubleThreshold!.counts).toEqual({
      deputies: { yes: 5, no: 4, abstain: 0 },
      others: { yes: 10, no: 2, abstain: 0 },
    });
  });

  it('show of hands: the 人大代表 counts are entered beside the totals, at each side of both limits', async () => {
    const c = await council(true);
    const hands = async (title: string, counts: object) => {
      const v = await newVote(c, 'hands', 'named', title);
      await t.ok('votes.enterCounts', { id: v.id, ...counts } as never);
      return (await t.ok('votes.close', { id: v.id })) as Vote;
    };
    const ok = await hands('关于街道老旧小区加装电梯的决定（草案）', {
      yes: 15,
      no: 4,
      abstain: 2,
      deputies: { yes: 5, no: 3, abstain: 1 },
    });
    expect(ok.result).toMatchObject({ yes: 15, no: 4, abstain: 2, notVoting: 0, passed: true });
    expect(ok.result!.doubleThreshold!.counts).toEqual({
      deputies: { yes: 5, no: 3, abstain: 1 },
      others: { yes: 10, no: 1, abstain: 1 },
    });
    expect(ok.announcement).toContain(
      `其中人大代表赞成5票，反对3票，弃权1票。${DEPUTY_LIMIT(5, true)}；${ALL_LIMIT(15, true)}；通过。`,
    );

    const r1 = await hands('关于街道菜市场改造的决定（草案）', {
      yes: 16,
      no: 5,
      abstain: 0,
      deputies: { yes: 4, no: 5, abstain: 0 },
    });
    expect(r1.result).toMatchObject({ yes: 16, passed: false });
    expect(r1.announcement).toContain(`${DEPUTY_LIMIT(4, false)}；${ALL_LIMIT(16, true)}；未通过。`);

    // The same through polls.enterCounts: 14 yes, 9 of the 人大代表 among them.
    const item = (await t.ok('agenda.add', {
      meetingId: c.meeting.id,
      kind: 'motion',
      title: '关于街道夜市管理的决定（草案）',
    })) as AgendaItem;
    const v = (await t.ok('votes.create', { agendaItemId: item.id, mode: 'hands', secrecy: 'named' })) as Vote;
    await t.ok('polls.open', { id: v.id });
    const entered = (await t.ok('polls.enterCounts', {
      id: v.id,
      yes: 14,
      no: 7,
      abstain: 0,
      deputies: { yes: 9, no: 0, abstain: 0 },
    })) as PollRound;
    expect(entered.returned).toBe(21);
    const r2 = (await t.ok('polls.close', { id: v.id })) as PollRound;
    expect(r2.result).toMatchObject({ yes: 14, passed: false });
    expect(r2.announcement).toContain(`${DEPUTY_LIMIT(9, true)}；${ALL_LIMIT(14, false)}；未通过。`);
  });

  it('paper counted on the spot: a box holding more ballots than its present voters voids the vote', async () => {
    const c = await council(true);
    const v = await newVote(c, 'paper', 'secret', '关于街道公共绿地改造的决定（草案）');
    // 13 ballots in the others' box, where 12 were present: a 人大代表's ballot went into the wrong box.
    await t.ok('votes.enterCounts', { id: v.id, yes: 18, no: 2, abstain: 0, deputies: { yes: 6, no: 1, abstain: 0 } });
    const r = (await t.ok('votes.close', { id: v.id })) as Vote;
    expect(r.result).toMatchObject({ yes: 18, passed: false });
    expect(r.result!.doubleThreshold).toMatchObject({ outcome: 'void', passed: false });
    expect(r.announcement).toContain(
      '其他议事代表票箱收回13张，多于出席的其他议事代表12名，本次表决无效，须重新表决。',
    );
  });

  it('refuses hand counts without the 人大代表 box, or with more 人大代表 votes than the total, in Chinese, and stores nothing', async () => {
    const c = await council(true);
    const v = await newVote(c, 'hands', 'named', '关于街道健身步道建设的决定（草案）');
    const missing = errorOf(await t.call('votes.enterCounts', { id: v.id, yes: 15, no: 6, abstain: 0 }));
    expect(missing).toMatchObject({ code: 'VALIDATION', field: 'deputies' });
    expect(missing.message).toBe(
      '输入有误：“人大代表票箱”：“关于街道健身步道建设的决定（草案）”按双重门槛计票，请另填人大代表票箱的赞成、反对、弃权票数',
    );
    const over = errorOf(
      await t.call('polls.enterCounts', {
        id: v.id,
        yes: 15,
        no: 6,
        abstain: 0,
        deputies: { yes: 16, no: 0, abstain: 0 },
      }),
    );
    expect(over).toMatchObject({ code: 'VALIDATION', field: 'deputies.yes' });
    expect(over.message).toBe('输入有误：“人大代表票箱 › 赞成票数”：人大代表赞成16票，多于赞成票合计15票');
    const shape = errorOf(
      await t.call('votes.enterCounts', {
        id: v.id,
        yes: 15,
        no: 6,
        abstain: 0,
        deputies: { yes: 5, no: -1, abstain: 0 },
      }),
    );
    expect(shape).toMatchObject({
      code: 'VALIDATION',
      field: 'deputies.no',
      message: '输入有误：“人大代表票箱 › 反对票数”：不能为负数',
    });
    expect(t.count('round_counts')).toBe(0);
  });
});

describe('a rule set without the double threshold', () => {
  it('keeps one box: box 0 on the roll and the ballots, the ordinary pass rule, and refuses a 人大代表 count', async () => {
    const c = await council(false);
    const secret = await newVote(c, 'electronic', 'secret', '关于街道社区养老服务站建设的决定（草案）');
    expect(secret.snapshot!.boxes).toBeUndefined();
    await castAll(c, secret.id, 4, 10);
    const r = (await t.ok('votes.close', { id: secret.id })) as Vote;
    // 14 yes of 24 议事代表: more than half, passed, whatever the 人大代表 did.
    expect(r.result).toMatchObject({
      yes: 14,
      no: 7,
      passed: true,
      required: 13,
      thresholdText: '赞成票须超过全体议事代表的半数，即至少13票',
    });
    expect(r.result!.doubleThreshold).toBeUndefined();
    expect(t.rt.db.prepare('SELECT DISTINCT box FROM round_eligible').pluck().all()).toEqual([0]);
    expect(t.rt.db.prepare('SELECT DISTINCT box FROM round_ballots').pluck().all()).toEqual([0]);

    const hands = await newVote(c, 'hands', 'named', '关于街道背街小巷整治的决定（草案）');
    const err = errorOf(
      await t.call('votes.enterCounts', {
        id: hands.id,
        yes: 14,
        no: 7,
        abstain: 0,
        deputies: { yes: 4, no: 5, abstain: 0 },
      }),
    );
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'deputies' });
    expect(err.message).toBe(
      '输入有误：“人大代表票箱”：“关于街道背街小巷整治的决定（草案）”不按双重门槛计票（会议规则未设双重门槛），只录入赞成、反对、弃权票数',
    );
    expect(t.count('round_counts')).toBe(0);
    await t.ok('votes.enterCounts', { id: hands.id, yes: 14, no: 7, abstain: 0 });
    expect(t.rt.db.prepare('SELECT box FROM round_counts').pluck().all()).toEqual([0]);
    expect(((await t.ok('votes.close', { id: hands.id })) as Vote).result).toMatchObject({ yes: 14, passed: true });
  });
});
