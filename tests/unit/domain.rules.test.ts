import { describe, expect, it } from 'vitest';
import {
  BUILTIN_RULE_SETS,
  COMMITTEE_PASS,
  COMMITTEE_QUORUM,
  GRAND_PASS,
  GRAND_QUORUM,
  MEETING_KINDS,
  STREET_DOUBLE_THRESHOLD,
  announcementText,
  checkQuorum,
  doubleThresholdResult,
  minimumCount,
  motionResult,
  voteModeConflict,
  type PassRule,
  type QuorumRule,
} from '../../shared/domain/rules';

/**
 * The legal thresholds at their exact edges (../shared/rules/README.md §2–3): "以上" includes the number itself,
 * "过半数" is strictly more than half, so exactly half fails.
 */

describe('quorum (法定人数)', () => {
  const cases: { name: string; rule: QuorumRule; expected: number; present: number; required: number; met: boolean }[] =
    [
      // 三分之二以上 (地方组织法第十四条): 2/3 of 90 is exactly 60, and 以上 includes it.
      { name: '2/3以上: 60 of 90', rule: GRAND_QUORUM, expected: 90, present: 60, required: 60, met: true },
      { name: '2/3以上: 59 of 90', rule: GRAND_QUORUM, expected: 90, present: 59, required: 60, met: false },
      { name: '2/3以上: 90 of 90', rule: GRAND_QUORUM, expected: 90, present: 90, required: 60, met: true },
      {
        name: '2/3以上: 20 of 30 (exactly 2/3)',
        rule: GRAND_QUORUM,
        expected: 30,
        present: 20,
        required: 20,
        met: true,
      },
      { name: '2/3以上: 19 of 30', rule: GRAND_QUORUM, expected: 30, present: 19, required: 20, met: false },
      {
        name: '2/3以上: 61 of 91 (2/3 is 60.67)',
        rule: GRAND_QUORUM,
        expected: 91,
        present: 61,
        required: 61,
        met: true,
      },
      { name: '2/3以上: 60 of 91', rule: GRAND_QUORUM, expected: 91, present: 60, required: 61, met: false },
      // 过半数 (地方组织法第五十一条): more than half, so exactly half is not enough.
      { name: '过半数: 17 of 33', rule: COMMITTEE_QUORUM, expected: 33, present: 17, required: 17, met: true },
      { name: '过半数: 16 of 33', rule: COMMITTEE_QUORUM, expected: 33, present: 16, required: 17, met: false },
      {
        name: '过半数: 16 of 32 (exactly half)',
        rule: COMMITTEE_QUORUM,
        expected: 32,
        present: 16,
        required: 17,
        met: false,
      },
      { name: '过半数: 17 of 32', rule: COMMITTEE_QUORUM, expected: 32, present: 17, required: 17, met: true },
      { name: '过半数: 1 of 1', rule: COMMITTEE_QUORUM, expected: 1, present: 1, required: 1, met: true },
      // Nobody to count: never met, whatever the rule says the minimum is.
      { name: '2/3以上: 0 of 0', rule: GRAND_QUORUM, expected: 0, present: 0, required: 0, met: false },
      { name: '过半数: 0 of 0', rule: COMMITTEE_QUORUM, expected: 0, present: 0, required: 1, met: false },
      { name: '2/3以上: 3 of 0', rule: GRAND_QUORUM, expected: 0, present: 3, required: 0, met: false },
    ];

  it.each(cases)('$name', ({ rule, expected, present, required, met }) => {
    expect(minimumCount(rule, expected)).toBe(required);
    const q = checkQuorum(rule, expected, present);
    expect(q).toMatchObject({ expected, present, required, met });
    expect(q.text.startsWith(`应到代表${expected}名，实到${present}名，`)).toBe(true);
    if (met) expect(q.text.endsWith('符合法定人数')).toBe(true);
    else expect(q.text).toContain(`未达法定人数：${rule.basis}，至少须${required}名出席`);
  });

  it('names the rule and its basis when the quorum is not met', () => {
    const q = checkQuorum(GRAND_QUORUM, 90, 59);
    expect(q.text).toBe(
      '应到代表90名，实到59名，未达法定人数：须有三分之二以上代表出席（地方组织法第十四条），至少须60名出席',
    );
    expect(checkQuorum(COMMITTEE_QUORUM, 32, 16, '组成人员').text).toBe(
      '应到组成人员32名，实到16名，未达法定人数：须有常委会全体组成人员过半数出席（地方组织法第五十一条），至少须17名出席',
    );
    expect(checkQuorum(GRAND_QUORUM, 90, 62).text).toBe('应到代表90名，实到62名，符合法定人数');
  });
});

describe('minimumCount', () => {
  const cases: { share: { num: number; den: number; strict: boolean }; base: number; min: number }[] = [
    { share: { num: 1, den: 2, strict: true }, base: 90, min: 46 },
    { share: { num: 1, den: 2, strict: true }, base: 91, min: 46 },
    { share: { num: 1, den: 2, strict: false }, base: 90, min: 45 },
    { share: { num: 1, den: 2, strict: false }, base: 91, min: 46 },
    { share: { num: 2, den: 3, strict: true }, base: 90, min: 61 },
    { share: { num: 2, den: 3, strict: false }, base: 327, min: 218 },
    { share: { num: 2, den: 3, strict: true }, base: 327, min: 219 },
    { share: { num: 3, den: 4, strict: false }, base: 4, min: 3 },
    { share: { num: 1, den: 1, strict: false }, base: 7, min: 7 },
  ];
  it.each(cases)('$share.num/$share.den strict=$share.strict of $base is $min', ({ share, base, min }) => {
    expect(minimumCount(share, base)).toBe(min);
  });
});

describe('motionResult (表决结果)', () => {
  const TWO_THIRDS_PRESENT: PassRule = {
    num: 2,
    den: 3,
    strict: false,
    base: 'present',
    basis: '以出席人数的三分之二以上通过（本地规定）',
  };
  const HALF_CAST: PassRule = {
    num: 1,
    den: 2,
    strict: true,
    base: 'cast',
    basis: '以投票人数的过半数通过（本地规定）',
  };
  const HALF_PRESENT: PassRule = {
    num: 1,
    den: 2,
    strict: true,
    base: 'present',
    basis: '以出席人数的过半数通过（本地规定）',
  };

  const cases: {
    name: string;
    rule: PassRule;
    snap: { expected: number; present: number };
    counts: { yes: number; no: number; abstain: number };
    noun?: string;
    base: number;
    required: number;
    passed: boolean;
    notVoting: number;
    text: string;
  }[] = [
    {
      name: '全体代表过半数: 45 of 90 (exactly half) fails',
      rule: GRAND_PASS,
      snap: { expected: 90, present: 80 },
      counts: { yes: 45, no: 20, abstain: 10 },
      base: 90,
      required: 46,
      passed: false,
      notVoting: 5,
      text: '赞成票须超过全体代表的半数，即至少46票',
    },
    {
      name: '全体代表过半数: 46 of 90 passes',
      rule: GRAND_PASS,
      snap: { expected: 90, present: 80 },
      counts: { yes: 46, no: 20, abstain: 10 },
      base: 90,
      required: 46,
      passed: true,
      notVoting: 4,
      text: '赞成票须超过全体代表的半数，即至少46票',
    },
    {
      // The base is all members, not those present: 46 of 60 present is a big majority of those present, yet
      // 45 is not more than half of 90.
      name: 'base is all members, not those present',
      rule: GRAND_PASS,
      snap: { expected: 90, present: 60 },
      counts: { yes: 45, no: 0, abstain: 0 },
      base: 90,
      required: 46,
      passed: false,
      notVoting: 15,
      text: '赞成票须超过全体代表的半数，即至少46票',
    },
    {
      name: '常委会 33: 17 passes',
      rule: COMMITTEE_PASS,
      snap: { expected: 33, present: 20 },
      counts: { yes: 17, no: 2, abstain: 1 },
      noun: '组成人员',
      base: 33,
      required: 17,
      passed: true,
      notVoting: 0,
      text: '赞成票须超过全体组成人员的半数，即至少17票',
    },
    {
      name: '常委会 33: 16 fails',
      rule: COMMITTEE_PASS,
      snap: { expected: 33, present: 20 },
      counts: { yes: 16, no: 3, abstain: 1 },
      noun: '组成人员',
      base: 33,
      required: 17,
      passed: false,
      notVoting: 0,
      text: '赞成票须超过全体组成人员的半数，即至少17票',
    },
    {
      name: '常委会 32: 16 (exactly half) fails',
      rule: COMMITTEE_PASS,
      snap: { expected: 32, present: 32 },
      counts: { yes: 16, no: 16, abstain: 0 },
      noun: '组成人员',
      base: 32,
      required: 17,
      passed: false,
      notVoting: 0,
      text: '赞成票须超过全体组成人员的半数，即至少17票',
    },
    {
      name: 'base present: 30 of 60 present fails, whatever the members',
      rule: HALF_PRESENT,
      snap: { expected: 90, present: 60 },
      counts: { yes: 30, no: 10, abstain: 10 },
      base: 60,
      required: 31,
      passed: false,
      notVoting: 10,
      text: '赞成票须超过出席人数的半数，即至少31票',
    },
    {
      name: 'base present: 31 of 60 present passes',
      rule: HALF_PRESENT,
      snap: { expected: 90, present: 60 },
      counts: { yes: 31, no: 10, abstain: 10 },
      base: 60,
      required: 31,
      passed: true,
      notVoting: 9,
      text: '赞成票须超过出席人数的半数，即至少31票',
    },
    {
      name: 'base cast: 10 of 20 cast fails',
      rule: HALF_CAST,
      snap: { expected: 90, present: 60 },
      counts: { yes: 10, no: 5, abstain: 5 },
      base: 20,
      required: 11,
      passed: false,
      notVoting: 40,
      text: '赞成票须超过投票人数的半数，即至少11票',
    },
    {
      name: 'base cast: 11 of 21 cast passes',
      rule: HALF_CAST,
      snap: { expected: 90, present: 60 },
      counts: { yes: 11, no: 5, abstain: 5 },
      base: 21,
      required: 11,
      passed: true,
      notVoting: 39,
      text: '赞成票须超过投票人数的半数，即至少11票',
    },
    {
      name: 'base cast with no ballots never passes',
      rule: HALF_CAST,
      snap: { expected: 90, present: 60 },
      counts: { yes: 0, no: 0, abstain: 0 },
      base: 0,
      required: 1,
      passed: false,
      notVoting: 60,
      text: '赞成票须超过投票人数的半数，即至少1票',
    },
    {
      name: '三分之二以上 of present: 40 of 60 (exactly 2/3) passes',
      rule: TWO_THIRDS_PRESENT,
      snap: { expected: 90, present: 60 },
      counts: { yes: 40, no: 15, abstain: 5 },
      base: 60,
      required: 40,
      passed: true,
      notVoting: 0,
      text: '赞成票须占出席人数的三分之二以上，即至少40票',
    },
    {
      name: '三分之二以上 of present: 39 of 60 fails',
      rule: TWO_THIRDS_PRESENT,
      snap: { expected: 90, present: 60 },
      counts: { yes: 39, no: 15, abstain: 5 },
      base: 60,
      required: 40,
      passed: false,
      notVoting: 1,
      text: '赞成票须占出席人数的三分之二以上，即至少40票',
    },
  ];

  it.each(cases)('$name', ({ rule, snap, counts, noun, base, required, passed, notVoting, text }) => {
    const r = motionResult(rule, snap, counts, noun);
    expect(r).toEqual({ ...counts, notVoting, base, required, passed, thresholdText: text });
  });

  it('counts present members who did not vote as 未表决 (present − cast), never below zero', () => {
    expect(motionResult(GRAND_PASS, { expected: 90, present: 62 }, { yes: 50, no: 5, abstain: 3 }).notVoting).toBe(4);
    expect(motionResult(GRAND_PASS, { expected: 90, present: 62 }, { yes: 62, no: 0, abstain: 0 }).notVoting).toBe(0);
    expect(motionResult(GRAND_PASS, { expected: 90, present: 10 }, { yes: 12, no: 0, abstain: 0 }).notVoting).toBe(0);
  });
});

describe('announcementText (当场宣布)', () => {
  it('reads in the conventional form', () => {
    const quorum = checkQuorum(GRAND_QUORUM, 90, 62);
    const r = motionResult(GRAND_PASS, { expected: 90, present: 62 }, { yes: 50, no: 5, abstain: 3 });
    expect(announcementText(quorum, r, '关于2025年民生实事项目的决定（草案）')).toBe(
      '应到代表90名，实到62名，符合法定人数。' +
        '《关于2025年民生实事项目的决定（草案）》表决结果：赞成50票，反对5票，弃权3票，未表决4人。' +
        '赞成票须超过全体代表的半数（至少46票），通过。',
    );
  });

  it('says 未通过 when the threshold is missed, and uses the body’s noun', () => {
    const quorum = checkQuorum(COMMITTEE_QUORUM, 33, 17, '组成人员');
    const r = motionResult(COMMITTEE_PASS, { expected: 33, present: 17 }, { yes: 16, no: 1, abstain: 0 }, '组成人员');
    const text = announcementText(quorum, r, '某项决定');
    expect(text).toBe(
      '应到组成人员33名，实到17名，符合法定人数。《某项决定》表决结果：赞成16票，反对1票，弃权0票，未表决0人。' +
        '赞成票须超过全体组成人员的半数（至少17票），未通过。',
    );
    expect(text).toMatch(
      /^应到.+名，实到.+名，符合法定人数。.+赞成\d+票，反对\d+票，弃权\d+票，未表决\d+人。.+，(未)?通过。$/,
    );
  });
});

describe('BUILTIN_RULE_SETS', () => {
  const CITES = /地方组织法|实施意见/;

  it.each(BUILTIN_RULE_SETS.map((r) => ({ key: r.key, r })))(
    '$key cites its legal basis for quorum and pass',
    ({ r }) => {
      expect(MEETING_KINDS).toContain(r.meetingKind);
      expect(r.name.trim().length).toBeGreaterThan(0);
      expect(r.rules.quorum.basis.trim().length).toBeGreaterThan(0);
      expect(r.rules.pass.basis.trim().length).toBeGreaterThan(0);
      expect(r.rules.quorum.basis).toMatch(CITES);
      expect(r.rules.pass.basis).toMatch(CITES);
      expect(r.rules.proxies).toBe(false);
      expect(r.rules.quorum.num).toBeLessThanOrEqual(r.rules.quorum.den);
      expect(r.rules.pass.num).toBeLessThanOrEqual(r.rules.pass.den);
    },
  );

  it('has unique keys and names, and covers every meeting kind', () => {
    expect(new Set(BUILTIN_RULE_SETS.map((r) => r.key)).size).toBe(BUILTIN_RULE_SETS.length);
    expect(new Set(BUILTIN_RULE_SETS.map((r) => r.name)).size).toBe(BUILTIN_RULE_SETS.length);
    for (const kind of MEETING_KINDS)
      expect(
        BUILTIN_RULE_SETS.some((r) => r.meetingKind === kind),
        kind,
      ).toBe(true);
  });

  it('encodes national law for congress sessions and the standing committee', () => {
    const byKey = Object.fromEntries(BUILTIN_RULE_SETS.map((r) => [r.key, r.rules]));
    expect(byKey.township_quarterly).toMatchObject({
      quorum: { num: 2, den: 3, strict: false },
      pass: { num: 1, den: 2, strict: true, base: 'members' },
    });
    expect(byKey.township_quarterly!.quorum.basis).toContain('第十四条');
    expect(byKey.township_quarterly!.pass.basis).toContain('第二十五条');
    expect(byKey.standing_committee).toMatchObject({
      quorum: { num: 1, den: 2, strict: true },
      pass: { num: 1, den: 2, strict: true, base: 'members' },
    });
    expect(byKey.standing_committee!.quorum.basis).toContain('第五十一条');
    expect(byKey.street_council!.quorum.basis).toContain('实施意见');
  });
});

describe('ways of voting', () => {
  it('never takes a show of hands as a secret ballot; every other pair is allowed', () => {
    expect(voteModeConflict('hands', 'secret')).toBe('举手表决是公开表决，不能无记名；无记名表决请用表决器或纸质选票');
    for (const [mode, secrecy] of [
      ['hands', 'named'],
      ['electronic', 'secret'],
      ['electronic', 'named'],
      ['paper', 'secret'],
      ['paper', 'named'],
    ] as const) {
      expect(voteModeConflict(mode, secrecy), `${mode}/${secrecy}`).toBeNull();
    }
  });
});

describe('street-council double threshold (两个票箱：人大代表与其他议事代表)', () => {
  // 12 人大代表 among 52 议事代表; 12 and 34 present (46). 人大代表: more than half of 12 present is 7.
  // All: more than two thirds of 46 present (30.67) is 31; of 45 present (exactly 30) it is 31 too.
  const roll = { deputies: { expected: 12, present: 12 }, others: { expected: 40, present: 34 } };
  const box = (yes: number, no: number, abstain = 0) => ({ yes, no, abstain });

  const cases: {
    name: string;
    deputies: number;
    others: number;
    roll?: typeof roll;
    dMet: boolean;
    aMet: boolean;
    dReq: number;
    aReq: number;
  }[] = [
    { name: 'both limits reached by one vote', deputies: 7, others: 24, dMet: true, aMet: true, dReq: 7, aReq: 31 },
    {
      name: '人大代表 exactly half (6 of 12) fails though the total is reached',
      deputies: 6,
      others: 30,
      dMet: false,
      aMet: true,
      dReq: 7,
      aReq: 31,
    },
    {
      name: 'total one short (30 of 46) fails though the 人大代表 reach theirs',
      deputies: 12,
      others: 18,
      dMet: true,
      aMet: false,
      dReq: 7,
      aReq: 31,
    },
    {
      name: 'total exactly two thirds (30 of 45) fails: 超过 excludes the limit',
      deputies: 7,
      others: 23,
      roll: { deputies: { expected: 12, present: 12 }, others: { expected: 40, present: 33 } },
      dMet: true,
      aMet: false,
      dReq: 7,
      aReq: 31,
    },
    {
      name: 'total 31 of 45 passes',
      deputies: 7,
      others: 24,
      roll: { deputies: { expected: 12, present: 12 }, others: { expected: 40, present: 33 } },
      dMet: true,
      aMet: true,
      dReq: 7,
      aReq: 31,
    },
    {
      name: 'odd 人大代表 present: 6 of 11 passes, 5 of 11 fails',
      deputies: 6,
      others: 25,
      roll: { deputies: { expected: 12, present: 11 }, others: { expected: 40, present: 34 } },
      dMet: true,
      aMet: true,
      dReq: 6,
      aReq: 31,
    },
    {
      name: 'odd 人大代表 present: 5 of 11 fails',
      deputies: 5,
      others: 26,
      roll: { deputies: { expected: 12, present: 11 }, others: { expected: 40, present: 34 } },
      dMet: false,
      aMet: true,
      dReq: 6,
      aReq: 31,
    },
    { name: 'both missed', deputies: 6, others: 10, dMet: false, aMet: false, dReq: 7, aReq: 31 },
  ];

  it.each(cases)('$name', ({ deputies, others, roll: r = roll, dMet, aMet, dReq, aReq }) => {
    const res = doubleThresholdResult(STREET_DOUBLE_THRESHOLD, r, {
      deputies: box(deputies, r.deputies.present - deputies),
      others: box(others, r.others.present - others),
    });
    expect(res.outcome).toBe('decided');
    expect(res.deputies).toMatchObject({ yes: deputies, base: r.deputies.present, required: dReq, met: dMet });
    expect(res.all).toMatchObject({
      yes: deputies + others,
      base: r.deputies.present + r.others.present,
      required: aReq,
      met: aMet,
    });
    expect(res.passed).toBe(dMet && aMet);
  });

  it('names both limits and the verdict', () => {
    const res = doubleThresholdResult(STREET_DOUBLE_THRESHOLD, roll, { deputies: box(6, 5, 1), others: box(30, 4) });
    expect(res.text).toBe(
      '人大代表赞成票须超过出席人大代表的半数，即至少7票，实得6票，未达到；全部赞成票须超过出席议事代表的三分之二，即至少31票，实得36票，达到；未通过',
    );
    expect(STREET_DOUBLE_THRESHOLD.basis).toContain('实施意见');
  });

  it('takes the two-thirds base from the rule set: all 议事代表 (52) needs 35', () => {
    const rule = { ...STREET_DOUBLE_THRESHOLD, all: { ...STREET_DOUBLE_THRESHOLD.all, base: 'members' as const } };
    const at = (others: number) =>
      doubleThresholdResult(rule, roll, { deputies: box(8, 4), others: box(others, 34 - others) });
    expect(at(27).all).toMatchObject({ base: 52, required: 35, yes: 35, met: true });
    expect(at(26).all).toMatchObject({ yes: 34, met: false });
    expect(at(26).passed).toBe(false);
    expect(at(27).all.text).toBe('全部赞成票须超过全体议事代表的三分之二，即至少35票，实得35票，达到');
  });

  it('a box holding more ballots than voters of its kind present voids the vote', () => {
    const res = doubleThresholdResult(STREET_DOUBLE_THRESHOLD, roll, { deputies: box(10, 3), others: box(30, 4) });
    expect(res).toMatchObject({
      outcome: 'void',
      passed: false,
      reason: '人大代表票箱收回13张，多于出席的人大代表12名，本次表决无效，须重新表决',
    });
    expect(
      doubleThresholdResult(STREET_DOUBLE_THRESHOLD, roll, { deputies: box(10, 2), others: box(30, 5) }).reason,
    ).toBe('其他议事代表票箱收回35张，多于出席的其他议事代表34名，本次表决无效，须重新表决');
  });

  it('nobody present never passes', () => {
    const empty = { deputies: { expected: 12, present: 0 }, others: { expected: 40, present: 0 } };
    expect(
      doubleThresholdResult(STREET_DOUBLE_THRESHOLD, empty, { deputies: box(0, 0), others: box(0, 0) }).passed,
    ).toBe(false);
  });
});
