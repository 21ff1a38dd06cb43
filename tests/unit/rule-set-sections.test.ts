import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Meeting, RuleSet } from '../../shared/contract';
import { parseInput } from '../../shared/contract';
import { RATES_OVER_RETURNED, ratingResult, tallyRatings, TRIMMED_SCORES } from '../../shared/domain/evaluation';
import {
  BUILTIN_RULE_SETS,
  MEETING_KINDS,
  normalizeRules,
  STREET_DOUBLE_THRESHOLD,
  type RuleSetRules,
} from '../../shared/domain/rules';
import { createBody, errorOf, makeTempRuntime, type TempRuntime } from './helpers';

/** The 测评 and double-threshold sections of a rule set: defaults with their bases, old stored sets, the schema. */

describe('shipped rule sets: 测评 and double threshold', () => {
  it('every shipped set has both sections, each rule with a basis', () => {
    for (const b of BUILTIN_RULE_SETS) {
      const { rating, score } = b.rules.evaluation;
      expect(rating.basis, b.key).toMatch(/（.+）$/);
      expect(score.basis, b.key).toMatch(/（.+）$/);
      expect(rating.rectify?.basis, b.key).toMatch(/（.+）$/);
      expect(score.rectify?.basis, b.key).toMatch(/（.+）$/);
      expect(b.rules.doubleThreshold, b.key).toBeNull();
    }
  });

  it('the standing committee reads 满意率 as 满意 alone over returned ballots, citing the 沾益 2019 公告', () => {
    const sc = BUILTIN_RULE_SETS.find((b) => b.key === 'standing_committee')!.rules.evaluation.rating;
    expect(sc).toMatchObject({
      formula: 'rates',
      satisfactionRate: 'satisfied',
      abstain: false,
      membersName: '常委会全体组成人员',
    });
    expect(sc.basis).toContain('沾益区人大常委会2019年11月8日公告');
    // 沾益 item 1: 25 满意, 3 基本满意 of 28 returned → 满意率 89.29%.
    const ballots = [...Array(25).fill(1), ...Array(3).fill(2)].map((c: number) => Uint8Array.of(c));
    const r = ratingResult(tallyRatings(ballots, 1), { expected: 30, present: 28, issued: 28 }, sc);
    expect(r.items[0]!.satisfiedRate.text).toBe('89.29%');
    expect(r.items[0]!.rectify.needed).toBe(false);
  });

  it('each body names its own members for the graded formula; scores are the trimmed mean', () => {
    const names = Object.fromEntries(BUILTIN_RULE_SETS.map((b) => [b.key, b.rules.evaluation.rating.membersName]));
    expect(names).toEqual({
      district_midyear_session: '全体代表',
      district_midyear_enlarged: '常委会全体组成人员',
      standing_committee: '常委会全体组成人员',
      street_council: '全体议事代表',
      township_quarterly: '全体镇人大代表',
      district_annual_session: '全体代表',
    });
    for (const b of BUILTIN_RULE_SETS) expect(b.rules.evaluation.score).toEqual(TRIMMED_SCORES);
  });
});

describe('normalizeRules', () => {
  const old = (kind: (typeof MEETING_KINDS)[number]) => {
    const {
      evaluation: _e,
      doubleThreshold: _d,
      ...rest
    } = BUILTIN_RULE_SETS.find((b) => b.meetingKind === kind)!.rules;
    return JSON.parse(JSON.stringify(rest)) as unknown;
  };

  it('a rule set stored before the 测评 existed gets its meeting kind’s defaults', () => {
    for (const kind of MEETING_KINDS) {
      const def = BUILTIN_RULE_SETS.find((b) => b.meetingKind === kind)!.rules;
      expect(normalizeRules(old(kind), kind)).toEqual(def);
    }
  });

  it('keeps what is stored, fills a missing field within a section, and keeps an explicit null', () => {
    const stored = {
      ...(old('street_council') as object),
      quorum: { num: 2, den: 3, strict: true, basis: '须有三分之二以上议事代表出席方可票选（某街道实施意见）' },
      evaluation: { rating: { formula: 'graded', abstain: true } },
      doubleThreshold: {
        deputies: { num: 1, den: 2, strict: true, base: 'present' },
        all: { num: 3, den: 4, strict: false, base: 'members' },
        basis: '某街道实施意见',
      },
    };
    const r = normalizeRules(stored, 'street_council');
    expect(r.quorum.num).toBe(2);
    expect(r.evaluation.rating).toMatchObject({
      formula: 'graded',
      abstain: true,
      satisfactionRate: 'combined',
      membersName: '全体议事代表',
    });
    expect(r.evaluation.score).toEqual(TRIMMED_SCORES);
    expect(r.doubleThreshold).toEqual(stored.doubleThreshold);
    expect(normalizeRules({ ...stored, doubleThreshold: null }, 'street_council').doubleThreshold).toBeNull();
    // A partly stored threshold takes the missing parts from the shipped one.
    expect(
      normalizeRules({ ...stored, doubleThreshold: { all: stored.doubleThreshold.all } }, 'street_council')
        .doubleThreshold,
    ).toEqual({
      ...STREET_DOUBLE_THRESHOLD,
      all: stored.doubleThreshold.all,
    });
  });

  it('anything that is not an object reads as the defaults', () => {
    expect(normalizeRules(null, 'standing_committee')).toEqual(
      BUILTIN_RULE_SETS.find((b) => b.key === 'standing_committee')!.rules,
    );
    expect(normalizeRules('x', 'township_quarterly').evaluation.rating.membersName).toBe('全体镇人大代表');
  });
});

describe('the rules schema (ruleSets.update)', () => {
  const base = BUILTIN_RULE_SETS.find((b) => b.key === 'street_council')!.rules;
  const parse = (rules: unknown) => parseInput('ruleSets.update', { id: 1, name: '某街道议事代表会议规则', rules });
  const refused = (rules: unknown) => {
    try {
      parse(rules);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('accepted');
  };

  it('accepts the older shape without the new sections, and the full shape', () => {
    const { evaluation: _e, doubleThreshold: _d, ...older } = base;
    expect(parse(older).rules.evaluation).toBeUndefined();
    const full: RuleSetRules = { ...base, doubleThreshold: STREET_DOUBLE_THRESHOLD };
    expect(parse(full).rules).toEqual(full);
  });

  it('refuses bad shares and thresholds in Chinese, naming the field', () => {
    const dt = (all: object) => ({
      ...base,
      doubleThreshold: { ...STREET_DOUBLE_THRESHOLD, all: { ...STREET_DOUBLE_THRESHOLD.all, ...all } },
    });
    expect(refused(dt({ num: 4, den: 3 }))).toBe(
      '输入有误：“规则 › 双重门槛 › 全部赞成票 › 分子”：比例的分子不能大于分母',
    );
    expect(refused(dt({ den: 0 }))).toBe('输入有误：“规则 › 双重门槛 › 全部赞成票 › 分母”：比例的分母至少为1');
    expect(refused(dt({ num: 1.5 }))).toBe('输入有误：“规则 › 双重门槛 › 全部赞成票 › 分子”：比例的分子应为整数');
    expect(refused(dt({ base: 'hall' }))).toBe(
      '输入有误：“规则 › 双重门槛 › 全部赞成票 › 计算基数”：计算基数应为全体成员、出席人数或投票人数',
    );
    const rating = (r: object) => ({
      ...base,
      evaluation: { ...base.evaluation, rating: { ...base.evaluation.rating, ...r } },
    });
    expect(refused(rating({ rectify: { on: 'combinedRate', belowHundredths: 12000, basis: '本地测评办法' } }))).toBe(
      '输入有误：“规则 › 满意度测评 › 测评票 › 整改条件 › 整改线”：整改线不能高于100',
    );
    expect(refused(rating({ gradeShare: { num: 3, den: 2, strict: true } }))).toBe(
      '输入有误：“规则 › 满意度测评 › 测评票 › 评定等次的比例 › 分子”：比例的分子不能大于分母',
    );
    expect(
      refused(rating({ formula: 'rates', rectify: { on: 'grade', grades: ['unsatisfied'], basis: '常委会测评办法' } })),
    ).toBe('输入有误：“规则 › 满意度测评 › 测评票 › 整改条件”：按等次触发整改须采用“按全体成员评定等次”的计算方法');
    expect(refused(rating({ formula: 'average' }))).toMatch(/计算方法”：测评计算方法应为/);
  });
});

describe('rule sets through the service', () => {
  let t: TempRuntime;
  beforeEach(() => (t = makeTempRuntime()));
  afterEach(() => t.cleanup());

  it('a rule set stored by an older version is read with the defaults, in the list and in a meeting', async () => {
    const sc = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'standing_committee')!;
    const { evaluation: _e, doubleThreshold: _d, ...older } = sc.rules;
    t.rt.db.prepare('UPDATE rule_sets SET rules = ? WHERE id = ?').run(JSON.stringify(older), sc.id);
    const listed = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.id === sc.id)!;
    expect(listed.rules).toEqual(BUILTIN_RULE_SETS.find((b) => b.key === 'standing_committee')!.rules);
    const body = await createBody(t, '某区人大常委会', 'standing_committee');
    const m = (await t.ok('meetings.create', {
      bodyId: body.id,
      kind: 'standing_committee',
      ruleSetId: sc.id,
      title: '第十次常委会会议',
      date: '2026-04-10',
    })) as Meeting;
    expect(m.rules.evaluation.rating.satisfactionRate).toBe('satisfied');
    expect(m.rules.doubleThreshold).toBeNull();
  });

  it('ruleSets.update stores the sections and returns them; without them the kind’s defaults come back', async () => {
    const src = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'street_council')!;
    const copy = (await t.ok('ruleSets.copy', { id: src.id, name: '某街道议事代表会议规则' })) as RuleSet;
    expect(copy.rules).toEqual(src.rules);
    const rules: RuleSetRules = {
      ...copy.rules,
      evaluation: {
        rating: { ...RATES_OVER_RETURNED, abstain: true, membersName: '全体议事代表' },
        score: { ...TRIMMED_SCORES, trimmed: false },
      },
      doubleThreshold: STREET_DOUBLE_THRESHOLD,
    };
    const updated = (await t.ok('ruleSets.update', { id: copy.id, name: copy.name, rules })) as RuleSet;
    expect(updated.rules).toEqual(rules);
    const { evaluation: _e, doubleThreshold: _d, ...older } = rules;
    const again = (await t.ok('ruleSets.update', { id: copy.id, name: copy.name, rules: older })) as RuleSet;
    expect(again.rules).toEqual(src.rules);
    const bad = errorOf(
      await t.call('ruleSets.update', {
        id: copy.id,
        name: copy.name,
        rules: {
          ...rules,
          doubleThreshold: { ...STREET_DOUBLE_THRESHOLD, deputies: { num: 3, den: 2, strict: true, base: 'present' } },
        },
      }),
    );
    expect(bad).toMatchObject({ code: 'VALIDATION', field: 'rules.doubleThreshold.deputies.num' });
    expect(((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.id === copy.id)!.rules).toEqual(src.rules);
  });
});
