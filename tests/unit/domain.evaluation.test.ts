import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GRADED_OVER_MEMBERS,
  RATES_OVER_RETURNED,
  RATING,
  TRIMMED_SCORES,
  itemCode,
  rateOf,
  ratingAnnouncement,
  ratingResult,
  readRatingKeys,
  readScoreKeys,
  scoreAnnouncement,
  scoreResult,
  tallyRatings,
  tallyScores,
  type RatingBallot,
  type RatingRules,
  type ScoreRules,
} from '../../shared/domain/evaluation';
import {
  ratingPollStyle as ratingStyle,
  scorePollStyle as scoreStyle,
  type RoundSetup,
} from '../../shared/domain/poll-styles';
import { BUILTIN_RULE_SETS, hundredthsHalfUp, hundredthsText } from '../../shared/domain/rules';
import { publishedTally } from './published-tally';

/** What the engine tells a style of a 测评 round of `items` items under these rules. */
function setupOf(items: number, rating: RatingRules, titles: string[] = []): RoundSetup {
  const base = BUILTIN_RULE_SETS[0]!.rules;
  return {
    items,
    seats: 0,
    numbers: Array.from({ length: items }, (_x, i) => i + 1),
    titles,
    candidateIds: [],
    title: '',
    roundLabel: '',
    pass: null,
    rules: { ...base, evaluation: { ...base.evaluation, rating } },
    expected: 0,
    present: 0,
    quorum: null,
    noun: '',
    baseNames: { members: '全体代表', present: '出席代表' },
  };
}
/** Tally through the style module's one shape, ballot by ballot. */
function tallyWith(ballots: Uint8Array[], s: RoundSetup) {
  const t = ratingStyle.start(s);
  for (const b of ballots) ratingStyle.add(t, b, s);
  return t;
}

/**
 * 满意度测评 (../shared/rules/README.md §5): the published 沾益 2019 rates, per-item voids, the keyed-digits
 * parser, both formulas at their edges, scores and the trimmed mean, the 整改 flag and the announcement.
 */

const keys = (text: string, items: number, rules: Pick<RatingRules, 'abstain'> = { abstain: false }) => {
  const r = readRatingKeys(text, items, rules);
  if (!r.ballot) throw new Error(r.error ?? 'no ballot');
  return r.ballot;
};

/** `n` ballots of one item from counts: 满意 first, then 基本满意, 不满意, 弃权. */
function ballotsFrom(counts: {
  satisfied: number;
  basically: number;
  unsatisfied: number;
  abstain?: number;
}): RatingBallot[] {
  const codes = [
    ...Array<number>(counts.satisfied).fill(RATING.satisfied),
    ...Array<number>(counts.basically).fill(RATING.basically),
    ...Array<number>(counts.unsatisfied).fill(RATING.unsatisfied),
    ...Array<number>(counts.abstain ?? 0).fill(RATING.abstain),
  ];
  return codes.map((c) => Uint8Array.of(c));
}

// ---- the published count ----

const zhanyi = publishedTally('zhanyi-2019-suggestion-evaluation.csv');

/** "89.29%" → 8929, "25%" → 2500, "" → 0 (not shown), read as text so no floating point enters the check. */
function publishedHundredths(cell: string): number {
  if (!cell) return 0;
  const m = /^(\d+)(?:\.(\d{1,2}))?%$/.exec(cell);
  if (!m) throw new Error(`unreadable published rate “${cell}”`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

describe(`沾益区 2019 重点建议办理满意度测评 (${path.basename(zhanyi.file)})`, () => {
  const RETURNED = 28;

  it.skipIf(zhanyi.skip)(`reproduces every published rate to the hundredth${zhanyi.note}`, () => {
    const rows = zhanyi.rows();
    expect(rows).toHaveLength(7);
    // One poll of 7 items, 28 ballots: ballot k marks item i from the published counts of item i.
    const ballots = Array.from({ length: RETURNED }, () => new Uint8Array(rows.length));
    rows.forEach((r, i) => {
      const item = ballotsFrom({
        satisfied: Number(r.satisfied),
        basically: Number(r.basically_satisfied),
        unsatisfied: Number(r.unsatisfied),
      });
      expect(item, `item ${r.item}`).toHaveLength(RETURNED);
      item.forEach((b, k) => (ballots[k]![i] = b[0]!));
    });
    const setup = setupOf(rows.length, RATES_OVER_RETURNED);
    const result = ratingStyle.result(tallyWith(ballots, setup), { expected: 30, present: 28, issued: 28 }, setup);
    expect(result).toMatchObject({ outcome: 'decided', returned: 28, valid: 28, void: 0 });
    rows.forEach((r, i) => {
      const x = result.items[i]!;
      expect(x.satisfiedRate.hundredths, `item ${r.item} 满意`).toBe(publishedHundredths(r.published_satisfied_rate!));
      expect(x.basicallyRate.hundredths, `item ${r.item} 基本满意`).toBe(
        publishedHundredths(r.published_basically_rate!),
      );
      expect(x.unsatisfiedRate.hundredths, `item ${r.item} 不满意`).toBe(
        publishedHundredths(r.published_unsatisfied_rate!),
      );
    });
    // Item 4 (20/7/1): 25.00% is published as "25%"; 3.57% is 1 of 28.
    expect(result.items[3]).toMatchObject({
      satisfiedRate: { text: '71.43%' },
      basicallyRate: { text: '25.00%' },
      unsatisfiedRate: { text: '3.57%' },
      combinedRate: { text: '96.43%' },
    });
  });

  it.skipIf(zhanyi.skip)(
    `announces 满意 alone as 满意率 where the rule set says so (as 沾益 publishes)${zhanyi.note}`,
    () => {
      const rows = zhanyi.rows();
      const r = rows[0]!;
      const tally = tallyRatings(
        ballotsFrom({
          satisfied: Number(r.satisfied),
          basically: Number(r.basically_satisfied),
          unsatisfied: Number(r.unsatisfied),
        }),
        1,
      );
      const result = ratingResult(
        tally,
        { expected: 30, present: 28, issued: 28 },
        { ...RATES_OVER_RETURNED, satisfactionRate: 'satisfied', rectify: null },
      );
      expect(ratingAnnouncement(result, ['重点建议1办理情况'])).toBe(
        '本次测评应到30名，实到28名，发出测评票28张，收回28张，有效28张。' +
          '重点建议1办理情况：满意25票，基本满意3票，不满意0票，满意率89.29%，基本满意率10.71%，不满意率0.00%。',
      );
    },
  );
});

// ---- rounding ----

describe('two decimals, half up, in integer arithmetic', () => {
  it.each([
    [25, 28, 8929, '89.29%'],
    [2, 28, 714, '7.14%'],
    [1, 28, 357, '3.57%'],
    [7, 28, 2500, '25.00%'],
    [28, 28, 10000, '100.00%'],
    [0, 28, 0, '0.00%'],
    // 1.005% exactly: half up gives 1.01, where floating point (1.005).toFixed(2) gives 1.00.
    [201, 20000, 101, '1.01%'],
    // 3.125%: the third decimal is exactly 5.
    [1, 32, 313, '3.13%'],
    [1, 3, 3333, '33.33%'],
    [2, 3, 6667, '66.67%'],
  ])('%i of %i is %s hundredths (%s)', (count, base, h, text) => {
    expect(rateOf(count, base)).toEqual({ hundredths: h, text });
  });

  it('differs from toFixed where floating point misses the half', () => {
    expect(((201 / 20000) * 100).toFixed(2)).toBe('1.00');
    expect(hundredthsText(hundredthsHalfUp(201, 20000, 100))).toBe('1.01');
    // A mean of 80.005 (16001 over 200 scores).
    expect((16001 / 200).toFixed(2)).toBe('80.00');
    expect(hundredthsText(hundredthsHalfUp(16001, 200))).toBe('80.01');
  });

  it('a rate over no ballots is 0, not NaN', () => {
    expect(rateOf(0, 0)).toEqual({ hundredths: 0, text: '0.00%' });
  });
});

// ---- keyed paper ballots ----

describe('readRatingKeys (M items in M keys)', () => {
  it('reads one digit per item, spaces and full-width digits allowed', () => {
    expect([...keys('1239', 4)]).toEqual([RATING.satisfied, RATING.basically, RATING.unsatisfied, RATING.void]);
    expect([...keys('11111 22222', 10)]).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect([...keys('１２３＊', 4)]).toEqual([1, 2, 3, RATING.void]);
    expect([...keys('1*3', 3)]).toEqual([1, RATING.void, 3]);
    expect([...keys('0123', 4, { abstain: true })]).toEqual([0, 1, 2, 3]);
  });

  it('a lone void key voids the whole ballot in one keystroke', () => {
    expect([...keys('9', 5)]).toEqual([9, 9, 9, 9, 9]);
    expect([...keys('*', 3)]).toEqual([9, 9, 9]);
    // With one item, 9 is that item's void — the same thing.
    expect([...keys('9', 1)]).toEqual([9]);
  });

  it.each([
    ['123', 4, false, '本票共4项，每项一位，应输入4位，实际输入3位（少1位）'],
    ['12312', 4, false, '本票共4项，每项一位，应输入4位，实际输入5位（多1位）'],
    ['1253', 4, false, '第3项输入了“5”：只能输入1（满意）、2（基本满意）、3（不满意）或9（该项无效）'],
    ['12a3', 4, true, '第3项输入了“a”：只能输入1（满意）、2（基本满意）、3（不满意）、0（弃权）或9（该项无效）'],
    ['1203', 4, false, '第3项输入了0（弃权），但本次测评票不设弃权；该项未标记的，请输入9（该项无效）'],
    ['', 4, false, '请逐项输入测评意见：1（满意）、2（基本满意）、3（不满意）或9（该项无效）'],
    ['99', 4, false, '本票共4项，每项一位，应输入4位，实际输入2位（少2位）'],
  ])('“%s” for %i items (弃权 %s): %s', (text, items, abstain, error) => {
    expect(readRatingKeys(text, items, { abstain })).toEqual({ ballot: null, error });
  });

  it('75 items in 75 keys', () => {
    const text = '1'.repeat(40) + '2'.repeat(30) + '39999';
    const b = keys(text, 75);
    expect(b).toHaveLength(75);
    expect(text.length).toBe(75);
    expect(b[70]).toBe(RATING.unsatisfied);
    expect(b[74]).toBe(RATING.void);
  });

  it('marks seen on an item: none or several void that item only', () => {
    expect(itemCode(['satisfied'])).toBe(RATING.satisfied);
    expect(itemCode([])).toBe(RATING.void);
    expect(itemCode(['satisfied', 'unsatisfied'])).toBe(RATING.void);
  });
});

// ---- tally: per-item voids ----

describe('tally', () => {
  it('a void mark for one item leaves the ballot’s other items counted', () => {
    const ballots = [keys('1 1 1', 3), keys('1 9 2', 3), keys('2 3 9', 3), keys('9', 3)];
    const t = tallyRatings(ballots, 3);
    expect(t.returned).toBe(4);
    expect(t.wholeVoid).toBe(1);
    expect(t.items).toEqual([
      { satisfied: 2, basically: 1, unsatisfied: 0, abstain: 0, void: 1 },
      { satisfied: 1, basically: 0, unsatisfied: 1, abstain: 0, void: 2 },
      { satisfied: 1, basically: 1, unsatisfied: 0, abstain: 0, void: 2 },
    ]);
    const r = ratingResult(t, { expected: 5, present: 4, issued: 4 }, { ...RATES_OVER_RETURNED, rectify: null });
    expect(r).toMatchObject({ returned: 4, valid: 3, void: 1 });
    // Rates stay over ballots returned: a void item is in the base, not in any category.
    expect(r.items[1]).toMatchObject({
      valid: 2,
      satisfiedRate: { text: '25.00%' },
      unsatisfiedRate: { text: '25.00%' },
      combinedRate: { text: '25.00%' },
    });
    expect(ratingStyle.readKeys('9', setupOf(3, RATES_OVER_RETURNED))).toMatchObject({
      voidReason: '各项均未标记或标记多于一个，整张测评票无效',
    });
    expect(ratingStyle.readKeys('199', setupOf(3, RATES_OVER_RETURNED))).toMatchObject({ voidReason: null });
  });

  it('refuses a ballot of another poll (wrong number of items)', () => {
    expect(() => tallyRatings([new Uint8Array(4)], 3)).toThrow('测评票有4项，本次测评共3项');
    expect(() => tallyRatings([Uint8Array.of(1, 5)], 2)).toThrow('测评票第2项的代码5无效');
  });

  it('more returned than issued voids the poll', () => {
    const t = tallyRatings(ballotsFrom({ satisfied: 5, basically: 0, unsatisfied: 0 }), 1);
    const r = ratingResult(t, { expected: 6, present: 5, issued: 4 }, RATES_OVER_RETURNED);
    expect(r).toMatchObject({ outcome: 'void', items: [] });
    expect(ratingAnnouncement(r, ['某项'])).toBe(
      '本次测评应到6名，实到5名。收回测评票5张，多于发出的4张，本次测评无效，须重新测评。',
    );
  });

  it('弃权 is counted and shown where the rule set has it', () => {
    const t = tallyRatings(ballotsFrom({ satisfied: 10, basically: 5, unsatisfied: 3, abstain: 2 }), 1);
    const r = ratingResult(
      t,
      { expected: 20, present: 20, issued: 20 },
      { ...RATES_OVER_RETURNED, abstain: true, rectify: null },
    );
    expect(r.items[0]).toMatchObject({
      abstain: 2,
      valid: 20,
      abstainRate: { text: '10.00%' },
      combinedRate: { text: '75.00%' },
    });
    expect(ratingAnnouncement(r, ['甲'])).toBe(
      '本次测评应到20名，实到20名，发出测评票20张，收回20张，有效20张。' +
        '甲：满意10票，基本满意5票，不满意3票，弃权2票，满意率（满意加基本满意）75.00%，其中满意50.00%，基本满意25.00%；不满意15.00%，弃权10.00%。',
    );
    expect(
      ratingResult(t, { expected: 20, present: 20, issued: 20 }, RATES_OVER_RETURNED).items[0]!.abstainRate,
    ).toBeNull();
  });
});

// ---- graded over all members ----

describe('graded over all members (过半数; exactly half reaches no grade)', () => {
  const graded = (members: number, satisfied: number, basically: number, unsatisfied: number) => {
    const t = tallyRatings(ballotsFrom({ satisfied, basically, unsatisfied }), 1);
    return ratingResult(
      t,
      { expected: members, present: satisfied + basically + unsatisfied, issued: satisfied + basically + unsatisfied },
      GRADED_OVER_MEMBERS,
    ).items[0]!;
  };

  it.each([
    // 33 members: 过半数 is 17.
    [33, 17, 0, 0, 'satisfied'],
    [33, 16, 1, 0, 'basically'],
    [33, 16, 0, 1, 'unsatisfied'],
    // 32 members: 16 is exactly half and reaches nothing; 17 is needed.
    [32, 16, 0, 0, 'unsatisfied'],
    [32, 17, 0, 0, 'satisfied'],
    [32, 16, 1, 0, 'basically'],
    [32, 8, 8, 8, 'unsatisfied'],
    [32, 8, 9, 0, 'basically'],
    // The base is all members, not ballots returned: 15 of 20 returned is 75%, yet not more than half of 32.
    [32, 15, 1, 4, 'unsatisfied'],
  ])('%i members, 满意%i 基本满意%i 不满意%i → %s', (members, s, b, u, grade) => {
    expect(graded(members, s, b, u).grade).toBe(grade);
  });

  it('says how the grade was reached, naming the limit', () => {
    expect(graded(32, 17, 0, 0).gradeText).toBe(
      '满意票须超过全体组成人员（32名）的半数，即至少17票：满意17票，达到，评为满意',
    );
    expect(graded(32, 16, 1, 0).gradeText).toBe(
      '满意票须超过全体组成人员（32名）的半数，即至少17票：满意16票，未达到；满意与基本满意合计17票，达到，评为基本满意',
    );
    expect(graded(32, 16, 0, 0).gradeText).toBe(
      '满意票须超过全体组成人员（32名）的半数，即至少17票：满意16票，未达到；满意与基本满意合计16票，未达到，评为不满意',
    );
  });

  it('flags 不满意 for 整改 under the standing committee’s trigger', () => {
    expect(graded(32, 16, 0, 0).rectify).toEqual({
      needed: true,
      reason: '测评结果为不满意，须整改（测评结果为不满意的，限期整改并向常委会报告（常委会测评办法））',
    });
    expect(graded(32, 16, 1, 0).rectify).toEqual({ needed: false, reason: null });
  });

  it('rates over returned are not graded', () => {
    expect(
      ratingResult(
        tallyRatings(ballotsFrom({ satisfied: 3, basically: 0, unsatisfied: 0 }), 1),
        { expected: 10, present: 3, issued: 3 },
        RATES_OVER_RETURNED,
      ).items[0],
    ).toMatchObject({ grade: null, gradeText: null });
  });
});

// ---- 整改 ----

describe('整改 trigger', () => {
  const item = (rules: RatingRules, satisfied: number, basically: number, unsatisfied: number) =>
    ratingResult(
      tallyRatings(ballotsFrom({ satisfied, basically, unsatisfied }), 1),
      { expected: 99_999, present: 99_999, issued: 99_999 },
      rules,
    ).items[0]!;

  it('below 70% (满意加基本满意) needs 整改; exactly 70.00% does not', () => {
    expect(item(RATES_OVER_RETURNED, 10, 4, 6).rectify).toEqual({ needed: false, reason: null });
    expect(item(RATES_OVER_RETURNED, 10, 3, 7).rectify).toEqual({
      needed: true,
      reason: '满意率（满意加基本满意）65.00%，低于70%，须整改（满意率低于70%的，进行二次整改（本地测评办法））',
    });
  });

  it('reads the announced figure: 69.995% is announced as 70.00% and is not flagged; 69.99% is', () => {
    expect(item(RATES_OVER_RETURNED, 13_999, 0, 6_001).combinedRate.text).toBe('70.00%');
    expect(item(RATES_OVER_RETURNED, 13_999, 0, 6_001).rectify.needed).toBe(false);
    expect(item(RATES_OVER_RETURNED, 6_999, 0, 3_001).rectify).toMatchObject({ needed: true });
  });

  it('can watch 满意 alone, named as the rule set names it', () => {
    const rules: RatingRules = {
      ...RATES_OVER_RETURNED,
      satisfactionRate: 'satisfied',
      rectify: { on: 'satisfiedRate', belowHundredths: 6000, basis: '满意率低于60%的，向常委会报告（本地规定）' },
    };
    expect(item(rules, 11, 9, 0).rectify.reason).toBe(
      '满意率55.00%，低于60%，须整改（满意率低于60%的，向常委会报告（本地规定））',
    );
    expect(item(rules, 12, 8, 0).rectify.needed).toBe(false);
    expect(item({ ...rules, satisfactionRate: 'combined' }, 11, 9, 0).rectify.reason).toBe(
      '满意票占比55.00%，低于60%，须整改（满意率低于60%的，向常委会报告（本地规定））',
    );
  });

  it('is in the announcement', () => {
    const r = ratingResult(
      tallyRatings(ballotsFrom({ satisfied: 10, basically: 3, unsatisfied: 7 }), 1),
      { expected: 22, present: 20, issued: 20 },
      RATES_OVER_RETURNED,
    );
    expect(ratingAnnouncement(r, ['老旧小区改造'], '代表')).toBe(
      '本次测评应到代表22名，实到20名，发出测评票20张，收回20张，有效20张。' +
        '老旧小区改造：满意10票，基本满意3票，不满意7票，满意率（满意加基本满意）65.00%，其中满意50.00%，基本满意15.00%；不满意35.00%。' +
        '满意率（满意加基本满意）65.00%，低于70%，须整改（满意率低于70%的，进行二次整改（本地测评办法））。',
    );
  });
});

// ---- scores ----

describe('scores 0–100', () => {
  const scores = (...lists: (number | null)[][]) =>
    lists.map((l) => Int16Array.from(l.map((s) => (s === null ? -1 : s))));
  const count = { expected: 10, present: 10, issued: 10 };
  const NO_RECTIFY: ScoreRules = { ...TRIMMED_SCORES, rectify: null };

  it('the mean to two decimals and the trimmed mean without one highest and one lowest', () => {
    const t = tallyScores(scores([100], [80], [70], [20]), 1);
    const x = scoreResult(t, count, NO_RECTIFY).items[0]!;
    expect(x).toMatchObject({
      n: 4,
      sum: 270,
      min: 20,
      max: 100,
      mean: 6750,
      trimmedMean: 7500,
      score: 7500,
      scoreText: '75.00分',
    });
    expect(scoreResult(t, count, { ...NO_RECTIFY, trimmed: false }).items[0]).toMatchObject({
      score: 6750,
      scoreText: '67.50分',
    });
  });

  it('leaves out only one of equal highest or lowest scores', () => {
    const x = scoreResult(tallyScores(scores([90], [90], [90], [60], [60]), 1), count, NO_RECTIFY).items[0]!;
    // (90 + 90 + 60) / 3 = 80.00
    expect(x.trimmedMean).toBe(8000);
  });

  it('rounds the means half up: 85.333… → 85.33, 85.666… → 85.67, 80.125 → 80.13', () => {
    expect(
      scoreResult(tallyScores(scores([85], [85], [86]), 1), count, { ...NO_RECTIFY, trimmed: false }).items[0]!.mean,
    ).toBe(8533);
    expect(
      scoreResult(tallyScores(scores([85], [86], [86]), 1), count, { ...NO_RECTIFY, trimmed: false }).items[0]!.mean,
    ).toBe(8567);
    const eight = scores([80], [80], [80], [80], [80], [80], [80], [81]);
    expect(scoreResult(tallyScores(eight, 1), count, { ...NO_RECTIFY, trimmed: false }).items[0]!.scoreText).toBe(
      '80.13分',
    );
  });

  it('fewer than 3 scores: nothing is left out and the plain mean stands; none: no score', () => {
    const t = tallyScores(scores([90, null, 70], [81, null, null]), 3);
    const r = scoreResult(t, count, NO_RECTIFY);
    expect(r.items[0]).toMatchObject({ n: 2, mean: 8550, trimmedMean: null, score: 8550 });
    expect(r.items[1]).toMatchObject({
      n: 0,
      void: 2,
      mean: null,
      trimmedMean: null,
      score: null,
      scoreText: '无有效评分',
    });
    expect(r.items[2]).toMatchObject({ n: 1, void: 1, mean: 7000, trimmedMean: null, score: 7000 });
    expect(scoreAnnouncement(r, ['甲', '乙', '丙'])).toBe(
      '本次测评应到10名，实到10名，发出评分票10张，收回2张，有效2张。' +
        '甲：有效评分2份，有效评分不足3份，不去掉最高分和最低分，平均85.50分。乙：无有效评分。丙：有效评分1份，无效1份，有效评分不足3份，不去掉最高分和最低分，平均70.00分。',
    );
  });

  it('more returned than issued voids the poll', () => {
    const r = scoreResult(tallyScores(scores([80], [90]), 1), { expected: 3, present: 2, issued: 1 }, TRIMMED_SCORES);
    expect(scoreAnnouncement(r, ['甲'])).toBe(
      '本次测评应到3名，实到2名。收回评分票2张，多于发出的1张，本次测评无效，须重新测评。',
    );
  });

  it('exactly 3 scores: the trimmed mean is the middle one', () => {
    expect(scoreResult(tallyScores(scores([95], [72], [40]), 1), count, NO_RECTIFY).items[0]).toMatchObject({
      trimmedMean: 7200,
      mean: 6900,
    });
  });

  it('flags a score below the rule set’s limit for 整改; the limit itself is not below', () => {
    const r = (list: number[]) =>
      scoreResult(tallyScores(scores(...list.map((s) => [s])), 1), count, TRIMMED_SCORES).items[0]!;
    expect(r([100, 60, 60, 0]).rectify).toEqual({ needed: false, reason: null });
    expect(r([100, 59, 60, 0]).rectify).toEqual({
      needed: true,
      reason: '得分59.50分，低于60分，须整改（平均得分低于60分的，进行整改（本地测评办法））',
    });
    const t = tallyScores(scores([100], [59], [60], [0]), 1);
    expect(
      scoreAnnouncement(scoreResult(t, { expected: 5, present: 4, issued: 4 }, TRIMMED_SCORES), ['上半年计划执行情况']),
    ).toBe(
      '本次测评应到5名，实到4名，发出评分票4张，收回4张，有效4张。' +
        '上半年计划执行情况：有效评分4份，去掉一个最高分100分和一个最低分0分，平均59.50分。得分59.50分，低于60分，须整改（平均得分低于60分的，进行整改（本地测评办法））。',
    );
  });

  it('reads keyed scores, * for an item void, with clear errors', () => {
    expect([...readScoreKeys('85 90 * 100 0', 5).ballot!]).toEqual([85, 90, -1, 100, 0]);
    expect([...readScoreKeys('８５，９０', 2).ballot!]).toEqual([85, 90]);
    expect(readScoreKeys('85 90', 3)).toEqual({ ballot: null, error: '本票共3项，应输入3个分数，实际输入2个' });
    expect(readScoreKeys('85 101', 2).error).toBe('第2项的分数“101”无效：应为0至100的整数，该项无效输入 *');
    expect(readScoreKeys('85.5 90', 2).error).toBe('第1项的分数“85.5”无效：应为0至100的整数，该项无效输入 *');
    expect(readScoreKeys('  ', 2).error).toBe('请逐项输入分数（0至100的整数），项与项之间用空格隔开，该项无效输入 *');
    expect(scoreStyle.readKeys('* *', setupOf(2, RATES_OVER_RETURNED))).toMatchObject({
      voidReason: '各项均无有效分数，整张评分票无效',
    });
  });
});

// ---- one shape ----

describe('the ballot-style shape', () => {
  it('runs a keyed rating poll end to end through the style module', () => {
    const rules: RatingRules = { ...RATES_OVER_RETURNED, rectify: null };
    const setup = setupOf(2, rules, ['甲', '乙']);
    const readings = ['1 2', '1 9', '3 3'].map((k) => ratingStyle.readKeys(k, setup));
    const ballots = readings.map((r) => ('ballot' in r ? r.ballot : new Uint8Array()));
    expect(readings.every((r) => 'ballot' in r && r.voidReason === null)).toBe(true);
    const stored = ballots.map((b) => ratingStyle.decode(ratingStyle.encode(b)));
    const result = ratingStyle.result(tallyWith(stored, setup), { expected: 3, present: 3, issued: 3 }, setup);
    expect(ratingStyle.announce(result, setup)).toBe(
      '本次测评应到3名，实到3名，发出测评票3张，收回3张，有效3张。' +
        '甲：满意2票，基本满意0票，不满意1票，满意率（满意加基本满意）66.67%，其中满意66.67%，基本满意0.00%；不满意33.33%。' +
        '乙：满意0票，基本满意1票，不满意1票，该项无效1票，满意率（满意加基本满意）33.33%，其中满意0.00%，基本满意33.33%；不满意33.33%。',
    );
  });
});
