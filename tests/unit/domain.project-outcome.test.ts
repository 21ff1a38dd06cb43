import { describe, expect, it } from 'vitest';
import {
  chineseDate,
  outcomeAnnouncement,
  outcomeSummary,
  projectOutcome,
  sessionName,
  type OutcomeRound,
} from '../../shared/domain/project-outcome';
import type { ProjectRow, RoundResult } from '../../shared/domain/projects';
import { BUILTIN_RULE_SETS, normalizeRules, SESSION_UNFILLED, UNFILLED_CHOOSE } from '../../shared/domain/rules';

/** A closed round's result as the engine records it: rows ranked by votes, the chosen flagged. */
function closed(
  id: number,
  round: number,
  kind: OutcomeRound['kind'],
  seats: number,
  votes: [number, number][],
  required: number,
  outcome: RoundResult['outcome'] = 'decided',
): OutcomeRound {
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  const passing = ranked.filter(([, v]) => v >= required);
  const chosenIds =
    outcome === 'decided'
      ? passing.slice(0, seats).map(([pid]) => pid)
      : outcome === 'tie'
        ? passing.filter(([, v]) => v > passing[seats - 1]![1]).map(([pid]) => pid)
        : [];
  const tied = outcome === 'tie' ? passing.filter(([, v]) => v === passing[seats - 1]![1]).map(([pid]) => pid) : [];
  const rows: ProjectRow[] =
    outcome === 'void'
      ? []
      : ranked.map(([pid, v], i) => ({
          candidateId: pid,
          yes: v,
          no: 0,
          abstain: 0,
          points: 0,
          rank: i + 1,
          passed: v >= required,
          chosen: chosenIds.includes(pid),
          tied: tied.includes(pid),
        }));
  const result: RoundResult = {
    outcome,
    reason: null,
    issued: 220,
    returned: 220,
    valid: 220,
    void: 0,
    base: 300,
    required,
    thresholdText: '',
    rows,
    chosenIds,
    runoff: outcome === 'tie' ? { candidateIds: tied, seats: seats - chosenIds.length } : null,
  };
  return {
    id,
    round,
    kind,
    status: 'closed',
    style: 'approve',
    seats,
    candidateIds: votes.map(([pid]) => pid),
    result,
  };
}

const twelve = Array.from({ length: 12 }, (_, i) => i + 1);
/** Round 1 of the case: projects 1–9 pass, 10 and 11 tie at the last seat with 160 each, 12 fails. */
const first = closed(
  101,
  1,
  'first',
  10,
  [...twelve.slice(0, 9).map((p, i): [number, number] => [p, 220 - i]), [10, 160], [11, 160], [12, 40]],
  151,
  'tie',
);

describe('projectOutcome: the combined result across rounds', () => {
  const cases: {
    name: string;
    rounds: OutcomeRound[];
    allow?: 'leave' | 'runoff' | 'choose';
    decision?: 'leave_unfilled' | 'runoff';
    filled: number;
    next: string;
    options?: string[];
    summary: string;
  }[] = [
    { name: 'no round yet', rounds: [], filled: 0, next: 'schedule', summary: '确定0项，应选10项，10项空缺' },
    {
      name: 'a round pending',
      rounds: [{ ...first, status: 'pending', result: null }],
      filled: 0,
      next: 'wait',
      summary: '确定0项，应选10项，10项空缺',
    },
    {
      name: 'a tie at the last seat: runoff among the tied',
      rounds: [first],
      filled: 9,
      next: 'runoff',
      summary: '确定9项，应选10项，1项空缺',
    },
    {
      name: 'the runoff fills the seat',
      rounds: [
        first,
        closed(
          102,
          2,
          'runoff',
          1,
          [
            [10, 170],
            [11, 40],
          ],
          151,
        ),
      ],
      filled: 10,
      next: 'done',
      summary: '确定10项，应选10项',
    },
    // The case: 118 and 92 votes when 151 were needed.
    {
      name: 'a runoff that fills no seat (118 and 92 of 151)',
      rounds: [
        first,
        closed(
          102,
          2,
          'runoff',
          1,
          [
            [10, 118],
            [11, 92],
          ],
          151,
        ),
      ],
      filled: 9,
      next: 'settle',
      options: ['leave_unfilled', 'runoff'],
      summary: '确定9项，应选10项，1项空缺',
    },
    {
      name: 'the local rule only leaves it unfilled',
      rounds: [
        first,
        closed(
          102,
          2,
          'runoff',
          1,
          [
            [10, 118],
            [11, 92],
          ],
          151,
        ),
      ],
      allow: 'leave',
      filled: 9,
      next: 'settle',
      options: ['leave_unfilled'],
      summary: '确定9项，应选10项，1项空缺',
    },
    {
      name: 'the local rule only votes again',
      rounds: [
        first,
        closed(
          102,
          2,
          'runoff',
          1,
          [
            [10, 118],
            [11, 92],
          ],
          151,
        ),
      ],
      allow: 'runoff',
      filled: 9,
      next: 'settle',
      options: ['runoff'],
      summary: '确定9项，应选10项，1项空缺',
    },
    {
      name: 'left unfilled by decision: done, still unfilled',
      rounds: [
        first,
        closed(
          102,
          2,
          'runoff',
          1,
          [
            [10, 118],
            [11, 92],
          ],
          151,
        ),
      ],
      decision: 'leave_unfilled',
      filled: 9,
      next: 'done',
      summary: '确定9项，应选10项，1项空缺',
    },
    {
      name: 'a void first round counts for nothing; its retake decides',
      rounds: [
        closed(101, 1, 'first', 10, [], 151, 'void'),
        closed(
          102,
          2,
          'retake',
          10,
          twelve.map((p, i): [number, number] => [p, 220 - i * 5]),
          151,
        ),
      ],
      filled: 10,
      next: 'done',
      summary: '确定10项，应选10项',
    },
    {
      name: 'a void last round: retake',
      rounds: [first, closed(102, 2, 'runoff', 1, [], 151, 'void')],
      filled: 9,
      next: 'retake',
      summary: '确定9项，应选10项，1项空缺',
    },
    {
      name: 'exactly the pass line is not below it (151 of 151)',
      rounds: [
        first,
        closed(
          102,
          2,
          'runoff',
          1,
          [
            [10, 151],
            [11, 59],
          ],
          151,
        ),
      ],
      filled: 10,
      next: 'done',
      summary: '确定10项，应选10项',
    },
    {
      name: 'one vote short (150 of 151)',
      rounds: [
        first,
        closed(
          102,
          2,
          'runoff',
          1,
          [
            [10, 150],
            [11, 60],
          ],
          151,
        ),
      ],
      filled: 9,
      next: 'settle',
      options: ['leave_unfilled', 'runoff'],
      summary: '确定9项，应选10项，1项空缺',
    },
    {
      name: 'a first round that chooses nothing',
      rounds: [
        closed(
          101,
          1,
          'first',
          10,
          twelve.map((p): [number, number] => [p, 100]),
          151,
        ),
      ],
      filled: 0,
      next: 'settle',
      options: ['leave_unfilled', 'runoff'],
      summary: '确定0项，应选10项，10项空缺',
    },
  ];
  it.each(cases)('$name', ({ rounds, allow, decision, filled, next, options, summary }) => {
    const o = projectOutcome({
      seats: 10,
      candidateIds: twelve,
      rounds,
      allow: allow ?? 'choose',
      decision: decision ? { decision, roundId: null } : null,
    });
    expect(o.filled).toBe(filled);
    expect(o.unfilled).toBe(10 - filled);
    expect(o.next.kind).toBe(next);
    expect(o.summary).toBe(summary);
    if (options) expect(o.next).toMatchObject({ options, seats: 10 - filled, candidateIds: o.remainingIds });
    expect(o.remainingIds).toHaveLength(12 - filled);
  });

  it('orders the chosen by round, then votes, with the round and votes of each', () => {
    const o = projectOutcome({
      seats: 10,
      candidateIds: twelve,
      rounds: [
        first,
        closed(
          102,
          2,
          'runoff',
          1,
          [
            [11, 170],
            [10, 40],
          ],
          151,
        ),
      ],
      allow: 'choose',
      decision: null,
    });
    expect(o.chosen.map((c) => c.projectId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);
    expect(o.chosen[0]).toMatchObject({ order: 1, round: 1, roundId: 101, votes: 220, unit: '票' });
    expect(o.chosen[9]).toMatchObject({ order: 10, round: 2, roundId: 102, votes: 170 });
  });
});

describe('the 公告 of the whole 票决', () => {
  it("reads 应到/实到/符合法定人数, each round's ballots, the chosen in order and the unfilled seat", () => {
    const o = projectOutcome({
      seats: 10,
      candidateIds: twelve,
      rounds: [
        first,
        closed(
          102,
          2,
          'runoff',
          1,
          [
            [10, 118],
            [11, 92],
          ],
          151,
        ),
      ],
      allow: 'choose',
      decision: null,
    });
    const text = outcomeAnnouncement({
      issuer: '江北区第三届人民代表大会第三次会议主席团',
      meetingName: '江北区第三届人民代表大会第三次会议',
      dateText: '2027年1月12日',
      listTitle: '《2027年度民生实事候选项目》',
      year: 2027,
      style: 'approve',
      quorum: { expected: 300, present: 220, met: true, noun: '代表' },
      rounds: [1, 2].map((round) => ({
        round,
        kind: round === 1 ? 'first' : 'runoff',
        expected: 300,
        present: 220,
        issued: 220,
        returned: 220,
        valid: 218,
        void: 2,
        outcome: 'decided',
      })),
      chosen: o.chosen.map((c) => ({ ...c, name: `项目${c.projectId}` })),
      seats: 10,
      decision: { decision: 'leave_unfilled', reason: '主席团决定不再票决' },
    });
    expect(text.split('\n')[0]).toBe('江北区第三届人民代表大会第三次会议主席团公告');
    expect(text).toContain('应到代表300名，实到220名，符合法定人数。');
    expect(text).toContain('第一轮：发出选票220张，收回220张，有效票218张，无效票2张。');
    expect(text).toContain('第二轮（再次投票）：发出选票220张');
    expect(text).toContain('确定以下9个项目为2027年度民生实事项目：\n1. 项目1（第一轮，220票）');
    expect(text).toContain('确定9项，应选10项，1项空缺。经决定，空缺名额不再票决（主席团决定不再票决）。');
    expect(text.trim().split('\n').slice(-2)).toEqual(['江北区第三届人民代表大会第三次会议主席团', '2027年1月12日']);
  });

  it('names a session and writes dates as clerks do', () => {
    expect(sessionName('江北区人民代表大会', '第三届第三次会议', 'x')).toBe('江北区第三届人民代表大会第三次会议');
    expect(sessionName('石桥镇人民代表大会', '第十九届第五次', 'x')).toBe('石桥镇第十九届人民代表大会第五次会议');
    expect(sessionName('江北区人民代表大会', null, '年度会议')).toBe('年度会议');
    expect(chineseDate('2027-01-02')).toBe('2027年1月2日');
    expect(outcomeSummary(10, 10)).toBe('确定10项，应选10项');
    expect(outcomeSummary(10, 9)).toBe('确定9项，应选10项，1项空缺');
  });
});

describe('the unfilled-seat section of a rule set', () => {
  it("a rule set stored before the section existed reads its kind's default; a stored one is kept", () => {
    const old = { ...BUILTIN_RULE_SETS.find((b) => b.key === 'standing_committee')!.rules } as Record<string, unknown>;
    delete old.unfilled;
    expect(normalizeRules(old, 'standing_committee').unfilled).toEqual(UNFILLED_CHOOSE);
    expect(normalizeRules(old, 'district_annual').unfilled).toEqual(SESSION_UNFILLED);
    expect(normalizeRules({ ...old, unfilled: { allow: 'leave' } }, 'district_annual').unfilled).toEqual({
      allow: 'leave',
      basis: SESSION_UNFILLED.basis,
    });
    // The sections that were there stay as they were.
    expect(normalizeRules(old, 'standing_committee').quorum).toEqual(old.quorum);
  });
  it('every shipped rule set cites a basis for it', () => {
    for (const b of BUILTIN_RULE_SETS) expect(b.rules.unfilled.basis).toMatch(/本地票决办法/);
  });
});
