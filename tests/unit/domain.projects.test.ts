import { describe, expect, it } from 'vitest';
import {
  addBallot,
  ballotVoidReason,
  bit,
  castRefusal,
  issuedProblem,
  projectPassRule,
  compareBatches,
  describeBallot,
  projectAnnouncement,
  reconcileTotals,
  roundResult,
  type BallotMarks,
  type CandidateTally,
  type EnteredBallot,
  type RoundTallyInput,
} from '../../shared/domain/projects';
import { parseBallotKeys, readBallotKeys, shortestKeys } from '../../shared/domain/ballot-keys';
import { CJK } from './helpers';

/**
 * 民生实事项目票决 as pure functions (../shared/rules/README.md §4): void ballots, the threshold of more than half
 * of all deputies, ranking, the N best among those passing, a runoff only for a tie at the last seat, and a void
 * round when more ballots come back than were issued.
 */

/** A mask from 0-based candidate indexes. */
const mask = (...idx: number[]) => idx.reduce((m, i) => m + bit(i), 0);
const marks = (yes: number[] = [], no: number[] = [], abstain: number[] = []): BallotMarks => ({
  yes: mask(...yes),
  no: mask(...no),
  abstain: mask(...abstain),
});

describe('castRefusal (electronic ballots)', () => {
  it('names the seats and the marks of an over-marked ballot, and passes a valid one', () => {
    expect(castRefusal('choose', 10, 12, marks([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toBe(
      '本轮应选10项，这张选票勾选了11项，超过应选数，请减少后再投',
    );
    expect(castRefusal('choose', 10, 12, marks([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBeNull();
    expect(castRefusal('rank', 3, 5, { ...marks(), ranks: [0, 1, 2, 3] })).toBe(
      '本轮应选3项，这张选票排序了4项，超过应选数，请减少后再投',
    );
    expect(castRefusal('approve', 2, 3, marks([0], [0]))).toBe('同一项目有两种意见，请修改后再投');
  });
});

describe('issuedProblem (发出)', () => {
  it('is the frozen roll for electronic rounds; typed for paper, at most 实到, not 0 once ballots came back', () => {
    expect(issuedProblem('electronic', 60, 60, 58)).toBeNull();
    expect(issuedProblem('electronic', 61, 60, 58)).toContain('发出选票数即为60张');
    expect(issuedProblem('paper', 10, 10, 10)).toBeNull();
    expect(issuedProblem('paper', 400, 10, 10)).toContain('多于开始投票时出席的10名代表');
    expect(issuedProblem('paper', 0, 10, 3)).toContain('已收回选票3张');
    expect(issuedProblem('paper', 0, 10, 0)).toBeNull();
    // Fewer issued than returned is no typo: the round is void (选举法第四十四条 analogue), decided by roundResult.
    expect(issuedProblem('paper', 4, 10, 5)).toBeNull();
  });
});

describe('projectPassRule', () => {
  it("is the meeting's rule; a runoff cites 选举法第四十五条 by analogy", () => {
    const rule = {
      num: 2,
      den: 3,
      strict: false,
      base: 'members' as const,
      basis: '以全体议事代表的三分之二以上通过（某街道实施意见）',
    };
    expect(projectPassRule(rule, 'first')).toEqual(rule);
    expect(projectPassRule(rule, 'retake')).toEqual(rule);
    expect(projectPassRule(rule, 'runoff')).toEqual({
      ...rule,
      basis: '以全体议事代表的三分之二以上通过（某街道实施意见）；平票项目再次投票参照选举法第四十五条',
    });
  });
});

describe('ballotVoidReason', () => {
  it('choose up to N: N+1 marks are void, N or fewer (even none) are valid', () => {
    expect(ballotVoidReason('choose', 3, 5, marks([0, 1, 2, 3]))).toBe('勾选4项，超过应选3项，作废');
    expect(ballotVoidReason('choose', 3, 5, marks([0, 1, 2]))).toBeNull();
    expect(ballotVoidReason('choose', 3, 5, marks([4]))).toBeNull();
    expect(ballotVoidReason('choose', 3, 5, marks())).toBeNull();
    // 10 of 12, the most common ballot.
    expect(ballotVoidReason('choose', 10, 12, marks([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBeNull();
    expect(ballotVoidReason('choose', 10, 12, marks([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toBe(
      '勾选11项，超过应选10项，作废',
    );
  });

  it('per project: two opinions on one project void the ballot; 赞成 on every project does not', () => {
    expect(ballotVoidReason('approve', 2, 4, marks([1], [1]))).toBe('同一项目有两种意见，作废');
    expect(ballotVoidReason('approve', 2, 4, marks([0], [2], [2]))).toBe('同一项目有两种意见，作废');
    expect(ballotVoidReason('approve', 2, 4, marks([3], [], [3]))).toBe('同一项目有两种意见，作废');
    expect(ballotVoidReason('approve', 2, 4, marks([0, 1, 2, 3]))).toBeNull();
    expect(ballotVoidReason('approve', 2, 4, marks([0, 1], [2], [3]))).toBeNull();
    expect(ballotVoidReason('approve', 2, 4, marks())).toBeNull();
  });

  it('rank: a project ranked twice is void; more ranks than seats are void', () => {
    expect(ballotVoidReason('rank', 3, 5, { ...marks(), ranks: [2, 0, 2] })).toBe('同一项目排了两个名次，作废');
    expect(ballotVoidReason('rank', 3, 5, { ...marks(), ranks: [2, 0, 4] })).toBeNull();
    expect(ballotVoidReason('rank', 3, 5, { ...marks(), ranks: [] })).toBeNull();
    expect(ballotVoidReason('rank', 3, 5, { ...marks(), ranks: [0, 1, 2, 3] })).toBe('排序4项，超过应选3项，作废');
    expect(ballotVoidReason('rank', 3, 5, { ...marks(), ranks: [5] })).toBe('选票标记了不存在的项目');
  });

  it('marks on a project that is not on the ballot', () => {
    expect(ballotVoidReason('choose', 3, 5, marks([5]))).toBe('选票标记了不存在的项目');
    expect(ballotVoidReason('approve', 3, 5, marks([], [], [7]))).toBe('选票标记了不存在的项目');
  });
});

describe('roundResult', () => {
  const pass = { num: 1, den: 2, strict: true, base: 'members' as const };
  /** Candidate ids 101, 102, … with the given 赞成 counts; every ballot returned and valid. */
  function round(yes: number[], o: Partial<RoundTallyInput> & { deputies?: number } = {}): RoundTallyInput {
    const deputies = o.deputies ?? 30;
    return {
      style: 'approve',
      seats: 3,
      candidateIds: yes.map((_, i) => 101 + i),
      tallies: yes.map((y) => ({ yes: y, no: deputies - y, abstain: 0, points: 0 })),
      issued: deputies,
      returned: deputies,
      valid: deputies,
      void: 0,
      expected: deputies,
      present: deputies,
      pass,
      ...o,
    };
  }

  it('needs more than half of all deputies: exactly half fails', () => {
    const r = roundResult(round([11, 10, 9], { deputies: 20, seats: 2 }));
    expect(r).toMatchObject({
      outcome: 'decided',
      base: 20,
      required: 11,
      thresholdText: '赞成票须超过全体代表的半数，即至少11票',
    });
    expect(r.rows.map((x) => [x.candidateId, x.passed, x.chosen])).toEqual([
      [101, true, true],
      [102, false, false],
      [103, false, false],
    ]);
    expect(r.chosenIds).toEqual([101]);
    // Odd number of deputies: 过半数 of 21 is 11.
    expect(roundResult(round([11, 10], { deputies: 21, seats: 1 })).required).toBe(11);
  });

  it('counts against all deputies, not those present or the ballots', () => {
    const r = roundResult(round([9, 8, 3], { deputies: 20, present: 14, returned: 14, issued: 14, valid: 14 }));
    expect(r.required).toBe(11);
    expect(r.chosenIds).toEqual([]);
    expect(r.rows.every((x) => !x.passed)).toBe(true);
    // A local rule may count against the valid ballots instead.
    const cast = roundResult(
      round([9, 8, 3], {
        deputies: 20,
        present: 14,
        returned: 14,
        issued: 14,
        valid: 14,
        pass: { ...pass, base: 'cast' },
      }),
    );
    expect(cast).toMatchObject({ base: 14, required: 8, chosenIds: [101, 102] });
  });

  it('ranks by votes; equal votes share a rank; a tie that is not at the last seat chooses both', () => {
    const r = roundResult(round([12, 15, 9, 18, 15], { deputies: 20 }));
    expect(r.rows.map((x) => [x.candidateId, x.yes, x.rank, x.passed, x.chosen, x.tied])).toEqual([
      [104, 18, 1, true, true, false],
      [102, 15, 2, true, true, false],
      [105, 15, 2, true, true, false],
      [101, 12, 4, true, false, false],
      [103, 9, 5, false, false, false],
    ]);
    expect(r).toMatchObject({ outcome: 'decided', runoff: null, reason: null });
    expect(r.chosenIds).toEqual([104, 102, 105]);
  });

  it('11 passing for 10 seats: the 10 with most votes are chosen, the 11th passed but is not chosen', () => {
    const yes = [30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 5];
    const r = roundResult(round(yes, { seats: 10 }));
    expect(r.required).toBe(16);
    expect(r.outcome).toBe('decided');
    expect(r.chosenIds).toEqual([101, 102, 103, 104, 105, 106, 107, 108, 109, 110]);
    expect(r.rows.filter((x) => x.passed)).toHaveLength(11);
    expect(r.rows.find((x) => x.candidateId === 111)).toMatchObject({
      yes: 20,
      rank: 11,
      passed: true,
      chosen: false,
      tied: false,
    });
    expect(r.rows.find((x) => x.candidateId === 112)).toMatchObject({ passed: false, chosen: false });
  });

  it('a tie at the last seat goes to a runoff among the tied projects only, for the seats that remain', () => {
    const r = roundResult(round([25, 18, 18, 18, 5]));
    expect(r.outcome).toBe('tie');
    expect(r.chosenIds).toEqual([101]);
    expect(r.runoff).toEqual({ candidateIds: [102, 103, 104], seats: 2 });
    expect(r.rows.filter((x) => x.tied).map((x) => x.candidateId)).toEqual([102, 103, 104]);
    expect(r.rows.find((x) => x.candidateId === 105)).toMatchObject({ tied: false, chosen: false, passed: false });
    expect(r.reason).toBe('3个项目得票相同，争夺最后2个名额，须就这些项目再次投票');

    const one = roundResult(round([25, 22, 18, 18, 3]));
    expect(one.runoff).toEqual({ candidateIds: [103, 104], seats: 1 });
    expect(one.chosenIds).toEqual([101, 102]);
  });

  it('equal votes that all fit, or that do not pass, need no runoff', () => {
    expect(roundResult(round([25, 18, 18, 18], { seats: 4 }))).toMatchObject({ outcome: 'decided', runoff: null });
    // Tied below the threshold: fewer chosen than seats, and no runoff.
    const below = roundResult(round([20, 10, 10], { seats: 2 }));
    expect(below).toMatchObject({ outcome: 'decided', runoff: null, chosenIds: [101] });
  });

  it('more ballots returned than issued voids the round', () => {
    const r = roundResult(round([25, 18, 3], { issued: 30, returned: 31, valid: 31 }));
    expect(r).toMatchObject({ outcome: 'void', issued: 30, returned: 31, rows: [], chosenIds: [], runoff: null });
    expect(r.reason).toBe('收回选票31张，多于发出的30张，本轮投票无效，须重新投票');
    // As many returned as issued is fine.
    expect(roundResult(round([25, 18, 3], { issued: 30, returned: 30 })).outcome).toBe('decided');
  });

  it('rank ballots rank by points', () => {
    const tallies: CandidateTally[] = [0, 1, 2, 3].map(() => ({ yes: 0, no: 0, abstain: 0, points: 0 }));
    const seats = 2;
    for (const ranks of [
      [0, 1],
      [0, 2],
      [1, 0],
      [2, 0],
    ])
      addBallot(tallies, 'rank', seats, { ...marks(), ranks });
    // Candidate 0: 2+2+1+1 = 6 points on 4 ballots; 1: 1+2 = 3; 2: 1+2 = 3.
    expect(tallies.map((x) => [x.points, x.yes])).toEqual([
      [6, 4],
      [3, 2],
      [3, 2],
      [0, 0],
    ]);
    const r = roundResult({ ...round([0, 0, 0, 0], { deputies: 4, seats }), style: 'rank', tallies });
    expect(r.required).toBe(3);
    expect(r.rows[0]).toMatchObject({ candidateId: 101, points: 6, rank: 1, passed: true, chosen: true });
    expect(r.chosenIds).toEqual([101]);
  });
});

describe('parseBallotKeys', () => {
  const twelve = Array.from({ length: 12 }, (_, i) => i + 1);

  it('reads "3 5 12" as the projects numbered 3, 5 and 12', () => {
    expect(parseBallotKeys('choose', '3 5 12', twelve)).toEqual({ yes: mask(2, 4, 11), no: 0, abstain: 0 });
    expect(parseBallotKeys('choose', ' 3，5、12, ', twelve)).toEqual({ yes: mask(2, 4, 11), no: 0, abstain: 0 });
    expect(parseBallotKeys('choose', '', twelve)).toEqual({ yes: 0, no: 0, abstain: 0 });
    // A number typed twice on a choose ballot is one mark.
    expect(parseBallotKeys('choose', '3 3', twelve)).toEqual({ yes: mask(2), no: 0, abstain: 0 });
  });

  it('reads "-4 /6" as 反对 4 and 弃权 6 on a per-project ballot', () => {
    expect(parseBallotKeys('approve', '-4 /6', twelve)).toEqual({ yes: 0, no: mask(3), abstain: mask(5) });
    expect(parseBallotKeys('approve', '1 2 -4 /6', twelve)).toEqual({ yes: mask(0, 1), no: mask(3), abstain: mask(5) });
    expect(parseBallotKeys('approve', '4 -4', twelve)).toEqual({ error: '项目4重复' });
  });

  it('reads a rank ballot in the order typed', () => {
    expect(parseBallotKeys('rank', '5 3 1', twelve)).toEqual({ yes: 0, no: 0, abstain: 0, ranks: [4, 2, 0] });
    expect(parseBallotKeys('rank', '5 3 5', twelve)).toEqual({ error: '项目5重复' });
  });

  it('uses the numbers printed on the ballot (a runoff keeps the original numbers)', () => {
    expect(parseBallotKeys('approve', '7 -9', [7, 9])).toEqual({ yes: mask(0), no: mask(1), abstain: 0 });
    expect(parseBallotKeys('approve', '1', [7, 9])).toEqual({ error: '没有编号为1的候选项目' });
  });

  it('explains unknown numbers and bad tokens in Chinese', () => {
    expect(parseBallotKeys('choose', '3 13', twelve)).toEqual({ error: '没有编号为13的候选项目' });
    expect(parseBallotKeys('choose', '3 abc', twelve)).toEqual({ error: '无法识别“abc”：请输入项目编号' });
    expect(parseBallotKeys('approve', '3+', twelve)).toEqual({
      error: '无法识别“3+”：请输入项目编号（反对在编号前加 -，弃权加 /）',
    });
    expect(parseBallotKeys('choose', '-4', twelve)).toEqual({ error: '“-4”：只有逐项表决的选票才区分反对和弃权' });
    for (const text of ['0', '3.5', '--4', '三']) {
      const r = parseBallotKeys('approve', text, twelve);
      expect('error' in r && r.error, text).toMatch(CJK);
    }
  });

  it('reads ranges "1-10", keeping "-4" as 反对 and "-1-3" as 反对 1 to 3', () => {
    const ten = mask(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    expect(parseBallotKeys('choose', '1-10', twelve)).toEqual({ yes: ten, no: 0, abstain: 0 });
    expect(parseBallotKeys('choose', '1-3 5 7-12', twelve)).toEqual({
      yes: mask(0, 1, 2, 4, 6, 7, 8, 9, 10, 11),
      no: 0,
      abstain: 0,
    });
    expect(parseBallotKeys('approve', '1-3 -4 -5-6 /7-8', twelve)).toEqual({
      yes: mask(0, 1, 2),
      no: mask(3, 4, 5),
      abstain: mask(6, 7),
    });
    expect(parseBallotKeys('rank', '3-5 1', twelve)).toEqual({ yes: 0, no: 0, abstain: 0, ranks: [2, 3, 4, 0] });
    // A runoff's ballot: a range covers the candidates numbered between its ends.
    expect(parseBallotKeys('choose', '3-9', [3, 7, 9, 11])).toEqual({ yes: mask(0, 1, 2), no: 0, abstain: 0 });
    expect(parseBallotKeys('choose', '10-3', twelve)).toEqual({ error: '“10-3”：范围应从小号写到大号，如 3-10' });
    expect(parseBallotKeys('choose', '1-13', twelve)).toEqual({ error: '没有编号为13的候选项目' });
    expect(parseBallotKeys('choose', '1 -10', twelve)).toEqual({ error: '“-10”：只有逐项表决的选票才区分反对和弃权' });
    expect(parseBallotKeys('approve', '1-4 3', twelve)).toEqual({ error: '项目3重复' });
  });

  it('reads "*11 12" as every candidate but 11 and 12; on a per-project ballot the rest are 赞成', () => {
    const ten = mask(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    expect(parseBallotKeys('choose', '*11 12', twelve)).toEqual({ yes: ten, no: 0, abstain: 0 });
    expect(parseBallotKeys('choose', '* 11-12', twelve)).toEqual({ yes: ten, no: 0, abstain: 0 });
    expect(parseBallotKeys('choose', '*3 9', twelve)).toEqual({
      yes: mask(0, 1, 3, 4, 5, 6, 7, 9, 10, 11),
      no: 0,
      abstain: 0,
    });
    expect(parseBallotKeys('approve', '* -4 /6 12', twelve)).toEqual({
      yes: mask(0, 1, 2, 4, 6, 7, 8, 9, 10),
      no: mask(3),
      abstain: mask(5),
    });
    expect(parseBallotKeys('rank', '*1', twelve)).toEqual({ error: '排序选票须按名次逐个输入编号，不能用“*”' });
    expect(parseBallotKeys('choose', '1 *2', twelve)).toEqual({ error: '“*”只能写在最前面，表示“除以下编号外全部”' });
    const r = readBallotKeys('choose', '*11 12', twelve);
    expect(r.allBut).toEqual([11, 12]);
    expect(r.items.map((x) => x.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('writes a ballot in the fewest keys, which read back to the same ballot', () => {
    const cases: [BallotMarks, string][] = [
      [marks([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), '1-10'],
      [marks([0, 1, 3, 4, 5, 6, 7, 9, 10, 11]), '*3 9'],
      [marks([0, 2, 4]), '1 3 5'],
      [marks([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11], [3]), '*-4'],
    ];
    for (const [b, keys] of cases) {
      const style = b.no ? 'approve' : 'choose';
      expect(shortestKeys(style, b, twelve)).toBe(keys);
      expect(parseBallotKeys(style, keys, twelve)).toEqual(b);
    }
  });

  it('reads back what was keyed', () => {
    const b = parseBallotKeys('approve', '1 2 -4 /6', twelve) as BallotMarks;
    expect(describeBallot('approve', b, twelve)).toBe('1 2 -4 /6');
    expect(describeBallot('choose', { ...marks(), void: true }, twelve)).toBe('作废');
    expect(describeBallot('choose', marks(), twelve)).toBe('空白票');
    expect(describeBallot('rank', { ...marks(), ranks: [4, 2, 0] }, twelve)).toBe('5 → 3 → 1');
  });
});

describe('compareBatches', () => {
  const e = (seq: number, yes: number[], o: Partial<EnteredBallot> = {}): EnteredBallot => ({
    seq,
    ...marks(yes),
    void: false,
    ...o,
  });

  it('lists every ballot number where the two clerks differ, including one missing in either batch', () => {
    const first = [e(1, [0, 1]), e(2, [2]), e(3, [], { void: true }), e(4, [3]), e(5, [0], { no: mask(1) })];
    const second = [e(1, [0, 1]), e(2, [1]), e(3, [], { void: true }), e(5, [0]), e(6, [4])];
    const diff = compareBatches(first, second);
    expect(diff.map((d) => d.seq)).toEqual([2, 4, 5, 6]);
    expect(diff.find((d) => d.seq === 4)).toEqual({ seq: 4, first: first[3], second: null });
    expect(diff.find((d) => d.seq === 6)).toEqual({ seq: 6, first: null, second: second[4] });
  });

  it('takes two void ballots as the same whatever was marked, and a void against a valid one as different', () => {
    expect(compareBatches([e(1, [0], { void: true })], [e(1, [1, 2], { void: true })])).toEqual([]);
    expect(compareBatches([e(1, [0])], [e(1, [0], { void: true })]).map((d) => d.seq)).toEqual([1]);
    expect(compareBatches([e(1, [], { ranks: [1, 0] })], [e(1, [], { ranks: [0, 1] })]).map((d) => d.seq)).toEqual([1]);
    expect(compareBatches([], [])).toEqual([]);
  });
});

describe('reconcileTotals', () => {
  it('lists every figure on the count sheet that disagrees with the ballots', () => {
    const ballots: CandidateTally[] = [
      { yes: 10, no: 2, abstain: 1, points: 0 },
      { yes: 7, no: 5, abstain: 1, points: 0 },
      { yes: 3, no: 9, abstain: 1, points: 0 },
    ];
    const sheet = new Map([
      [11, { yes: 10, no: 2, abstain: 1 }],
      [12, { yes: 8, no: 5, abstain: 0 }],
    ]);
    expect(reconcileTotals([11, 12, 13], ballots, sheet)).toEqual([
      { candidateId: 12, field: 'yes', sheet: 8, ballots: 7 },
      { candidateId: 12, field: 'abstain', sheet: 0, ballots: 1 },
    ]);
    expect(reconcileTotals([11], ballots, new Map([[11, { yes: 10, no: 2, abstain: 1 }]]))).toEqual([]);
  });
});

describe('projectAnnouncement', () => {
  const names: Record<number, string> = { 101: '1号 老旧小区改造', 102: '2号 农村饮水安全', 103: '3号 学前教育扩容' };
  const nameOf = (id: number) => names[id] ?? String(id);
  const base = {
    style: 'choose' as const,
    seats: 2,
    candidateIds: [101, 102, 103],
    expected: 20,
    present: 19,
    pass: { num: 1, den: 2, strict: true, base: 'members' as const },
  };
  const t = (yes: number): CandidateTally => ({ yes, no: 0, abstain: 0, points: 0 });

  it('states ballots issued, returned, valid and void, the threshold and the chosen projects', () => {
    const r = roundResult({ ...base, tallies: [t(15), t(12), t(9)], issued: 20, returned: 19, valid: 18, void: 1 });
    const text = projectAnnouncement('2025年民生实事项目', r, nameOf, 'choose', '');
    expect(text).toContain('发出选票20张，收回19张，有效票18张，无效票1张');
    expect(text).toBe(
      '2025年民生实事项目：发出选票20张，收回19张，有效票18张，无效票1张。赞成票须超过全体代表的半数，即至少11票。' +
        '按得票多少，以下2个项目入选：1号 老旧小区改造（15票）；2号 农村饮水安全（12票）。',
    );
  });

  it('announces a runoff, a round with nothing passing, and a void round', () => {
    const tie = roundResult({ ...base, tallies: [t(15), t(12), t(12)], issued: 20, returned: 19, valid: 19, void: 0 });
    const tieText = projectAnnouncement('2025年民生实事项目', tie, nameOf, 'choose', '');
    expect(tieText).toContain('发出选票20张，收回19张，有效票19张，无效票0张');
    expect(tieText).toContain('2号 农村饮水安全、3号 学前教育扩容得票相同，须就其中1个名额再次投票。');

    const none = roundResult({ ...base, tallies: [t(10), t(9), t(2)], issued: 20, returned: 19, valid: 19, void: 0 });
    expect(projectAnnouncement('2025年民生实事项目', none, nameOf, 'choose', '')).toContain('没有项目达到通过票数。');

    const v = roundResult({ ...base, tallies: [t(15), t(12), t(9)], issued: 19, returned: 20, valid: 20, void: 0 });
    expect(projectAnnouncement('2025年民生实事项目', v, nameOf, 'choose', '第2轮（重新投票）')).toBe(
      '2025年民生实事项目第2轮（重新投票）：发出选票19张，收回20张，收回选票20张，多于发出的19张，本轮投票无效，须重新投票。',
    );
  });
});
