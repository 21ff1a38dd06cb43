/**
 * Legal rules of a meeting as data, and the pure functions that apply them: quorum (法定人数) and pass
 * thresholds (通过). National law gives the defaults; every local variant is a setting of a rule set.
 *
 * Basis (see ../shared/rules/README.md §2–3):
 * - 人民代表大会会议（区、镇，含镇人大季会）: 须有三分之二以上代表出席 — 地方组织法 第十四条.
 * - 常委会会议: 须有常委会全体组成人员过半数出席 — 地方组织法 第五十一条.
 * - 决议、决定以全体代表的过半数通过 — 地方组织法 第二十五条; 常委会以全体组成人员的过半数通过 — 第五十一条.
 * - 街道议事代表会议: 过半数议事代表出席、全体议事代表过半数通过 — 各地实施意见（地方规定，可调整）.
 * "以上" includes the number itself (三分之二以上: 60 of 90 suffices); "过半数" means more than half, so exactly
 * half is not enough (the arithmetic is in ./share.ts).
 */
import {
  GRADED_OVER_MEMBERS,
  RATES_OVER_RETURNED,
  TRIMMED_SCORES,
  type RatingRules,
  type ScoreRules,
} from './evaluation';
import { minimumCount, shareOf, type Share } from './share';

export { fractionText, hundredthsHalfUp, hundredthsText, meetsShare, minimumCount, shareOf, type Share } from './share';

export type PassBase = 'members' | 'present' | 'cast';

export interface QuorumRule extends Share {
  /** The legal basis shown to the clerk. */
  basis: string;
}

export interface PassRule extends Share {
  /** 全体组成人员 (all current members), 出席人数 (present when the vote opened), or 投票人数 (votes cast). */
  base: PassBase;
  basis: string;
}

export interface RuleSetRules {
  quorum: QuorumRule;
  pass: PassRule;
  /** Whether a member may vote on behalf of another. Never, by default: 代表法 requires personal voting. */
  proxies: boolean;
  /** 满意度测评: the rating ballot's formula and 整改 trigger, and the score ballot's (../shared/rules/README.md §5). */
  evaluation: EvaluationRules;
  /** The street councils' double threshold for a motion (§3); null: the ordinary pass rule alone. */
  doubleThreshold: DoubleThresholdRule | null;
  /** 票决: what may become of seats no round filled once the rounds are over (a local rule, §4). */
  unfilled: UnfilledRule;
}

/**
 * Seats of a 票决 left unfilled after the rounds (fewer projects reached the pass line than there are seats): the
 * local rule either leaves them unfilled, or has the remaining candidates voted on again for them (参照选举法
 * 关于不足名额另行选举的规定), or leaves the choice to the meeting (the 主席团 of a congress session), recorded with
 * its reason. ../shared/rules/README.md §4 gives no national rule for it, so every option is a setting.
 */
export const UNFILLED_OPTIONS = ['leave', 'runoff', 'choose'] as const;
export type UnfilledOption = (typeof UNFILLED_OPTIONS)[number];
export const unfilledOptionLabels: Record<UnfilledOption, string> = {
  leave: '空缺，不再票决',
  runoff: '就未入选项目另行票决',
  choose: '由会议决定空缺或另行票决',
};
export interface UnfilledRule {
  allow: UnfilledOption;
  basis: string;
}
export const UNFILLED_CHOOSE: UnfilledRule = {
  allow: 'choose',
  basis: '未产生足额项目的，由会议决定空缺或就未入选项目另行票决（本地票决办法）',
};
/** A congress session's 主席团 decides (it runs the session and issues its 公告, §4); another round follows the 另行选举 analogue. */
export const SESSION_UNFILLED: UnfilledRule = {
  allow: 'choose',
  basis:
    '未产生足额项目的，由主席团决定空缺或就未入选项目另行票决（参照选举法关于不足名额另行选举的规定；本地票决办法）',
};
/** The basis a copy cites when the clerk switches the option: written from the option, never left saying another. */
export const unfilledBasisFor = (allow: UnfilledOption): string =>
  allow === 'leave'
    ? '未产生足额项目的，空缺名额不再票决（本地票决办法）'
    : allow === 'runoff'
      ? '未产生足额项目的，就未入选项目另行票决（参照选举法关于不足名额另行选举的规定；本地票决办法）'
      : UNFILLED_CHOOSE.basis;

export interface EvaluationRules {
  rating: RatingRules;
  score: ScoreRules;
}

/**
 * Kinds of meeting. The annual session of the 区人民代表大会 (届次会次 such as 第三届第三次会议, run by a 主席团, where
 * the 票决 usually takes place) is a kind of its own: it is neither the 年中会议 nor a standing-committee meeting.
 * A township's annual session is NOT a kind: under 季会制 (§6) it is one of the four 季会 of the year, a full congress
 * session with the same quorum, pass rule and rule set, so it is a 季会 flagged as the annual one (Meeting.annualSession)
 * and keeps its place in the year's Q1–Q4 series.
 */
export const MEETING_KINDS = [
  'district_midyear',
  'standing_committee',
  'street_council',
  'township_quarterly',
  'district_annual',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const meetingKindLabels: Record<MeetingKind, string> = {
  district_midyear: '区人大年中会议',
  standing_committee: '区人大常委会会议',
  street_council: '街道议事代表会议',
  township_quarterly: '镇人大季会',
  district_annual: '区人大年度会议',
};

export const GRAND_QUORUM: QuorumRule = {
  num: 2,
  den: 3,
  strict: false,
  basis: '须有三分之二以上代表出席（地方组织法第十四条）',
};
export const COMMITTEE_QUORUM: QuorumRule = {
  num: 1,
  den: 2,
  strict: true,
  basis: '须有常委会全体组成人员过半数出席（地方组织法第五十一条）',
};
export const GRAND_PASS: PassRule = {
  num: 1,
  den: 2,
  strict: true,
  base: 'members',
  basis: '以全体代表的过半数通过（地方组织法第二十五条）',
};
export const COMMITTEE_PASS: PassRule = {
  num: 1,
  den: 2,
  strict: true,
  base: 'members',
  basis: '以常委会全体组成人员的过半数通过（地方组织法第五十一条）',
};

export interface BuiltinRuleSet {
  key: string;
  name: string;
  meetingKind: MeetingKind;
  rules: RuleSetRules;
}

/**
 * The 测评 sections of the shipped rule sets (../shared/rules/README.md §5; ./evaluation.ts). Each names the body's
 * members for the graded formula, so a clerk who switches to it reads "超过常委会全体组成人员的半数".
 * - 常委会: rates over returned ballots with 满意率 = 满意 alone, as the 沾益区人大常委会 2019-11-08 公告 reports the
 *   handling of 7 key suggestions (25 of 28 = 89.29%; ../shared/rules/tallies/zhanyi-2019-suggestion-evaluation.csv).
 *   The graded formula, the other standing-committee rule of §5, is one switch away.
 * - 年中会议, 街道议事代表会议, 镇人大季会: rates over returned ballots, 满意率 = 满意 + 基本满意 ("usually also
 *   reporting 满意+基本满意 together", §5), 整改 below 70% (the §5 example), a local rule in each place.
 * - Score ballots (年中会议 现场打分, §6): the trimmed mean (去掉一个最高分和一个最低分), a common local rule.
 * No shipped ballot prints 弃权 ("sometimes also 弃权", §5): a copy turns it on.
 */
const ratesFor = (membersName: string): RatingRules => ({ ...RATES_OVER_RETURNED, membersName });
const COMMITTEE_RATING: RatingRules = {
  ...RATES_OVER_RETURNED,
  satisfactionRate: 'satisfied',
  membersName: '常委会全体组成人员',
  basis:
    '各项得票数除以收回测评票数，保留两位小数（四舍五入），满意票所占比例为满意率（沾益区人大常委会2019年11月8日公告）',
  rectify: { on: 'satisfiedRate', belowHundredths: 7000, basis: '满意率低于70%的，进行二次整改（本地测评办法）' },
};
const evaluation = (rating: RatingRules): EvaluationRules => ({ rating, score: TRIMMED_SCORES });

/** The graded formula for a body, should a copy switch to it: its members named as the body names them. */
export const gradedFor = (membersName: string): RatingRules => ({ ...GRADED_OVER_MEMBERS, membersName });

/** Shipped rule sets. A clerk copies one to adjust it for a local rule; the shipped ones stay as they are. */
export const BUILTIN_RULE_SETS: BuiltinRuleSet[] = [
  {
    key: 'district_midyear_session',
    name: '区人大年中会议（人民代表大会会议）',
    meetingKind: 'district_midyear',
    rules: {
      quorum: GRAND_QUORUM,
      pass: GRAND_PASS,
      proxies: false,
      evaluation: evaluation(ratesFor('全体代表')),
      doubleThreshold: null,
      unfilled: UNFILLED_CHOOSE,
    },
  },
  {
    key: 'district_midyear_enlarged',
    name: '区人大年中会议（常委会扩大会议，代表列席）',
    meetingKind: 'district_midyear',
    rules: {
      quorum: COMMITTEE_QUORUM,
      pass: COMMITTEE_PASS,
      proxies: false,
      evaluation: evaluation(ratesFor('常委会全体组成人员')),
      doubleThreshold: null,
      unfilled: UNFILLED_CHOOSE,
    },
  },
  {
    key: 'standing_committee',
    name: '区人大常委会会议',
    meetingKind: 'standing_committee',
    rules: {
      quorum: COMMITTEE_QUORUM,
      pass: COMMITTEE_PASS,
      proxies: false,
      evaluation: evaluation(COMMITTEE_RATING),
      doubleThreshold: null,
      unfilled: UNFILLED_CHOOSE,
    },
  },
  {
    key: 'street_council',
    name: '街道议事代表会议',
    meetingKind: 'street_council',
    rules: {
      quorum: { num: 1, den: 2, strict: true, basis: '须有过半数议事代表出席（街道议事代表会议制度实施意见）' },
      pass: {
        num: 1,
        den: 2,
        strict: true,
        base: 'members',
        basis: '以全体议事代表的过半数通过（街道议事代表会议制度实施意见）',
      },
      proxies: false,
      evaluation: evaluation(ratesFor('全体议事代表')),
      // Off: the double threshold is one local variant (§3); a copy turns it on (STREET_DOUBLE_THRESHOLD).
      doubleThreshold: null,
      unfilled: UNFILLED_CHOOSE,
    },
  },
  {
    key: 'township_quarterly',
    name: '镇人大季会（人民代表大会会议）',
    meetingKind: 'township_quarterly',
    rules: {
      quorum: GRAND_QUORUM,
      pass: GRAND_PASS,
      proxies: false,
      evaluation: evaluation(ratesFor('全体镇人大代表')),
      doubleThreshold: null,
      unfilled: SESSION_UNFILLED,
    },
  },
  {
    // The annual session (§4: the congress votes on the projects at its annual session, announced by 主席团公告):
    // a 人民代表大会会议, so 三分之二以上代表出席 (地方组织法第十四条) and 全体代表的过半数 (第二十五条).
    key: 'district_annual_session',
    name: '区人大年度会议（人民代表大会会议）',
    meetingKind: 'district_annual',
    rules: {
      quorum: GRAND_QUORUM,
      pass: GRAND_PASS,
      proxies: false,
      evaluation: evaluation(ratesFor('全体代表')),
      doubleThreshold: null,
      unfilled: SESSION_UNFILLED,
    },
  },
];

export interface QuorumCheck {
  expected: number;
  present: number;
  required: number;
  met: boolean;
  /** E.g. "应到代表90名，实到60名，须至少60名（须有三分之二以上代表出席（地方组织法第十四条）），符合法定人数". */
  text: string;
}

export function checkQuorum(rule: QuorumRule, expected: number, present: number, noun = '代表'): QuorumCheck {
  const required = minimumCount(rule, expected);
  const met = present >= required && expected > 0;
  const text = `应到${noun}${expected}名，实到${present}名，${met ? '符合法定人数' : `未达法定人数：${rule.basis}，至少须${required}名出席`}`;
  return { expected, present, required, met, text };
}

const BASE_TEXT: Record<PassBase, (noun: string) => string> = {
  members: (noun) => `全体${noun}`,
  present: () => '出席人数',
  cast: () => '投票人数',
};

export interface MotionCounts {
  yes: number;
  no: number;
  abstain: number;
}

export interface MotionSnapshot {
  /** 应到: current members when the vote opened. */
  expected: number;
  /** 实到: present when the vote opened. */
  present: number;
}

export interface MotionResult extends MotionCounts {
  notVoting: number;
  base: number;
  required: number;
  passed: boolean;
  /** "赞成票须超过全体组成人员的半数，即至少17票"; with the double threshold, both limits. */
  thresholdText: string;
  /** Street council double threshold (§3): the two limits, each box's counts and roll. Absent otherwise. */
  doubleThreshold?: DoubleThresholdDetail;
}

export function motionResult(rule: PassRule, snap: MotionSnapshot, counts: MotionCounts, noun = '代表'): MotionResult {
  const cast = counts.yes + counts.no + counts.abstain;
  const base = rule.base === 'members' ? snap.expected : rule.base === 'present' ? snap.present : cast;
  const required = minimumCount(rule, base);
  const passed = base > 0 && counts.yes >= required;
  return {
    ...counts,
    notVoting: Math.max(0, snap.present - cast),
    base,
    required,
    passed,
    thresholdText: `赞成票须${shareOf(rule, BASE_TEXT[rule.base](noun))}，即至少${required}票`,
  };
}

/** The announcement the chair reads out (当场宣布), in the conventional form. */
export function announcementText(quorum: QuorumCheck, r: MotionResult, title: string): string {
  return (
    `${quorum.text.replace(/：.*$/, '')}。` +
    `《${title}》表决结果：赞成${r.yes}票，反对${r.no}票，弃权${r.abstain}票，未表决${r.notVoting}人。` +
    `${r.thresholdText.replace(/，即/, '（')}），${r.passed ? '通过' : '未通过'}。`
  );
}

/**
 * A show of hands is seen by everyone in the hall, so it can never be a secret ballot (无记名投票): the ways of
 * voting are 表决器, 举手 and 无记名投票 (../shared/rules/README.md §3). A secret vote whose devices fail is taken
 * again on paper, not by hands. Returns why the pair is refused, or null.
 */
export function voteModeConflict(mode: 'electronic' | 'hands' | 'paper', secrecy: 'named' | 'secret'): string | null {
  return mode === 'hands' && secrecy === 'secret'
    ? '举手表决是公开表决，不能无记名；无记名表决请用表决器或纸质选票'
    : null;
}

/**
 * The street councils' "double threshold" (双过半 variant; ../shared/rules/README.md §3, basis: the local
 * 街道议事代表会议制度实施意见): a motion passes only if the 人大代表 among the 议事代表 give more than half of the
 * 人大代表 present, AND all yes votes together exceed two thirds.
 *
 * "Two thirds of whom" is not written in the rule as we have it. We read it as two thirds of the 议事代表 present
 * (`base: 'present'`, the default): the first limit counts those present too, and a council's votes are normally
 * counted against those in the hall. All members (`'members'`) or votes cast (`'cast'`) are settings of the rule set.
 *
 * A secret ballot must not record who cast it, so the vote uses two boxes: the roll knows each voter's category
 * and hands a 人大代表 the deputies' box; a ballot knows only its box.
 */
export interface DoubleThresholdRule {
  /** The 人大代表 limit: default more than half of the 人大代表 present. */
  deputies: Share & { base: PassBase };
  /** The overall limit: default more than two thirds of all 议事代表 present. */
  all: Share & { base: PassBase };
  basis: string;
}

export const STREET_DOUBLE_THRESHOLD: DoubleThresholdRule = {
  deputies: { num: 1, den: 2, strict: true, base: 'present' },
  all: { num: 2, den: 3, strict: true, base: 'present' },
  basis: '人大代表赞成票超过出席人大代表的半数，且全部赞成票超过出席议事代表的三分之二（街道议事代表会议制度实施意见）',
};

/** The two ballot boxes' counts: the 人大代表 box and the box of the other 议事代表. */
export interface TwoBoxCounts {
  deputies: MotionCounts;
  others: MotionCounts;
}

/** Per category: 应到 (current members) and 实到 (present when the vote opened). */
export interface TwoBoxRoll {
  deputies: MotionSnapshot;
  others: MotionSnapshot;
}

export interface ThresholdLimit {
  yes: number;
  base: number;
  required: number;
  met: boolean;
  /** "人大代表赞成票须超过出席人大代表的半数，即至少6票，实得6票，达到" */
  text: string;
}

export interface DoubleThresholdResult {
  /** 'void': a box holds more ballots than there were voters of its category present (选举法第四十四条 analogue). */
  outcome: 'decided' | 'void';
  reason: string | null;
  deputies: ThresholdLimit;
  all: ThresholdLimit;
  passed: boolean;
  /** Both limits and the verdict, for the announcement. */
  text: string;
}

const castOf = (c: MotionCounts) => c.yes + c.no + c.abstain;

function limit(
  share: Share & { base: PassBase },
  snap: MotionSnapshot,
  cast: number,
  yes: number,
  who: string,
  names: Record<PassBase, string>,
): ThresholdLimit {
  const base = share.base === 'members' ? snap.expected : share.base === 'present' ? snap.present : cast;
  const required = minimumCount(share, base);
  const met = base > 0 && yes >= required;
  return {
    yes,
    base,
    required,
    met,
    text: `${who}须${shareOf(share, names[share.base])}，即至少${required}票，实得${yes}票，${met ? '达到' : '未达到'}`,
  };
}

export function doubleThresholdResult(
  rule: DoubleThresholdRule,
  roll: TwoBoxRoll,
  counts: TwoBoxCounts,
): DoubleThresholdResult {
  const deputies = limit(rule.deputies, roll.deputies, castOf(counts.deputies), counts.deputies.yes, '人大代表赞成票', {
    members: '全体人大代表',
    present: '出席人大代表',
    cast: '人大代表投票人数',
  });
  const all = limit(
    rule.all,
    { expected: roll.deputies.expected + roll.others.expected, present: roll.deputies.present + roll.others.present },
    castOf(counts.deputies) + castOf(counts.others),
    counts.deputies.yes + counts.others.yes,
    '全部赞成票',
    { members: '全体议事代表', present: '出席议事代表', cast: '投票人数' },
  );
  const over = (
    [
      ['人大代表', counts.deputies, roll.deputies],
      ['其他议事代表', counts.others, roll.others],
    ] as const
  ).find(([, c, s]) => castOf(c) > s.present);
  if (over) {
    const [who, c, s] = over;
    const reason = `${who}票箱收回${castOf(c)}张，多于出席的${who}${s.present}名，本次表决无效，须重新表决`;
    return { outcome: 'void', reason, deputies, all, passed: false, text: reason };
  }
  const passed = deputies.met && all.met;
  return {
    outcome: 'decided',
    reason: null,
    deputies,
    all,
    passed,
    text: `${deputies.text}；${all.text}；${passed ? '通过' : '未通过'}`,
  };
}

export interface DoubleThresholdDetail extends DoubleThresholdResult {
  roll: TwoBoxRoll;
  counts: TwoBoxCounts;
}

/**
 * A motion counted in two boxes: the double threshold decides, in place of the ordinary pass rule. The totals stay
 * as motionResult gave them; base, required and thresholdText become the overall limit's and both limits' texts, so
 * a screen that draws the line at `required` and prints `thresholdText` shows the rule that decided.
 */
export function doubleThresholdMotion(
  plain: MotionResult,
  rule: DoubleThresholdRule,
  roll: TwoBoxRoll,
  counts: TwoBoxCounts,
): MotionResult {
  const dt = doubleThresholdResult(rule, roll, counts);
  return {
    ...plain,
    base: dt.all.base,
    required: dt.all.required,
    passed: dt.passed,
    thresholdText: `${dt.deputies.text}；${dt.all.text}`,
    doubleThreshold: { ...dt, roll, counts },
  };
}

/** The chair's announcement of a two-box motion: the totals, the 人大代表 box, both limits and the verdict (or why void). */
export function doubleThresholdAnnouncement(
  quorum: QuorumCheck,
  r: MotionResult & { doubleThreshold: DoubleThresholdDetail },
  title: string,
): string {
  const d = r.doubleThreshold.counts.deputies;
  return (
    `${quorum.text.replace(/：.*$/, '')}。` +
    `《${title}》表决结果：赞成${r.yes}票，反对${r.no}票，弃权${r.abstain}票，未表决${r.notVoting}人；` +
    `其中人大代表赞成${d.yes}票，反对${d.no}票，弃权${d.abstain}票。${r.doubleThreshold.text}。`
  );
}

// ---------------------------------------------------------------- rule sets stored by older versions

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A stored rule set as this version reads it: sections that an older version did not write (evaluation,
 * doubleThreshold, unfilled) take the defaults of the first shipped rule set for the meeting kind, and within a section each
 * missing field does, so a rule set copied before the 测评 existed still runs one. What is there is kept as is.
 */
export function normalizeRules(raw: unknown, meetingKind: MeetingKind): RuleSetRules {
  const d = (BUILTIN_RULE_SETS.find((b) => b.meetingKind === meetingKind) ?? BUILTIN_RULE_SETS[0]!).rules;
  const r = isObject(raw) ? raw : {};
  const ev = isObject(r.evaluation) ? r.evaluation : {};
  const section = <T extends object>(v: unknown, def: T): T => (isObject(v) ? { ...def, ...v } : def);
  return {
    quorum: section(r.quorum, d.quorum),
    pass: section(r.pass, d.pass),
    proxies: typeof r.proxies === 'boolean' ? r.proxies : d.proxies,
    evaluation: { rating: section(ev.rating, d.evaluation.rating), score: section(ev.score, d.evaluation.score) },
    doubleThreshold:
      r.doubleThreshold === undefined
        ? d.doubleThreshold
        : isObject(r.doubleThreshold)
          ? section(r.doubleThreshold, STREET_DOUBLE_THRESHOLD)
          : null,
    unfilled: section(r.unfilled, d.unfilled),
  };
}
