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
 * half is not enough.
 */

/** A share of a base: { num: 2, den: 3, strict: false } is 三分之二以上; { num: 1, den: 2, strict: true } is 过半数. */
export interface Share {
  num: number;
  den: number;
  /** true: more than the share (超过/过半数); false: at least the share (以上). */
  strict: boolean;
}

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
}

export const MEETING_KINDS = ['district_midyear', 'standing_committee', 'street_council', 'township_quarterly'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const meetingKindLabels: Record<MeetingKind, string> = {
  district_midyear: '区人大年中会议',
  standing_committee: '区人大常委会会议',
  street_council: '街道议事代表会议',
  township_quarterly: '镇人大季会',
};

export const GRAND_QUORUM: QuorumRule = { num: 2, den: 3, strict: false, basis: '须有三分之二以上代表出席（地方组织法第十四条）' };
export const COMMITTEE_QUORUM: QuorumRule = { num: 1, den: 2, strict: true, basis: '须有常委会全体组成人员过半数出席（地方组织法第五十一条）' };
export const GRAND_PASS: PassRule = { num: 1, den: 2, strict: true, base: 'members', basis: '以全体代表的过半数通过（地方组织法第二十五条）' };
export const COMMITTEE_PASS: PassRule = { num: 1, den: 2, strict: true, base: 'members', basis: '以常委会全体组成人员的过半数通过（地方组织法第五十一条）' };

export interface BuiltinRuleSet {
  key: string;
  name: string;
  meetingKind: MeetingKind;
  rules: RuleSetRules;
}

/** Shipped rule sets. A clerk copies one to adjust it for a local rule; the shipped ones stay as they are. */
export const BUILTIN_RULE_SETS: BuiltinRuleSet[] = [
  {
    key: 'district_midyear_session',
    name: '区人大年中会议（人民代表大会会议）',
    meetingKind: 'district_midyear',
    rules: { quorum: GRAND_QUORUM, pass: GRAND_PASS, proxies: false },
  },
  {
    key: 'district_midyear_enlarged',
    name: '区人大年中会议（常委会扩大会议，代表列席）',
    meetingKind: 'district_midyear',
    rules: { quorum: COMMITTEE_QUORUM, pass: COMMITTEE_PASS, proxies: false },
  },
  {
    key: 'standing_committee',
    name: '区人大常委会会议',
    meetingKind: 'standing_committee',
    rules: { quorum: COMMITTEE_QUORUM, pass: COMMITTEE_PASS, proxies: false },
  },
  {
    key: 'street_council',
    name: '街道议事代表会议',
    meetingKind: 'street_council',
    rules: {
      quorum: { num: 1, den: 2, strict: true, basis: '须有过半数议事代表出席（街道议事代表会议制度实施意见）' },
      pass: { num: 1, den: 2, strict: true, base: 'members', basis: '以全体议事代表的过半数通过（街道议事代表会议制度实施意见）' },
      proxies: false,
    },
  },
  {
    key: 'township_quarterly',
    name: '镇人大季会（人民代表大会会议）',
    meetingKind: 'township_quarterly',
    rules: { quorum: GRAND_QUORUM, pass: GRAND_PASS, proxies: false },
  },
];

/** The smallest whole count that satisfies a share of a base: 过半数 of 33 is 17, 三分之二以上 of 90 is 60. */
export function minimumCount(share: Share, base: number): number {
  // Integer arithmetic: count/base compared with num/den without floating point.
  const exact = base * share.num;
  return share.strict ? Math.floor(exact / share.den) + 1 : Math.ceil(exact / share.den);
}

export function meetsShare(share: Share, count: number, base: number): boolean {
  return count >= minimumCount(share, base);
}

const CN_FRACTIONS: Record<string, string> = { '1/2': '半数', '2/3': '三分之二', '3/4': '四分之三', '1/3': '三分之一', '3/5': '五分之三' };
export function fractionText(share: Share): string {
  return CN_FRACTIONS[`${share.num}/${share.den}`] ?? `${share.den}分之${share.num}`;
}

/** "超过全体代表的半数" or "占出席人数的三分之二以上". */
export function shareOf(share: Share, of: string): string {
  return share.strict ? `超过${of}的${fractionText(share)}` : `占${of}的${fractionText(share)}以上`;
}

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
  /** "赞成票须超过全体组成人员的半数，即至少17票" */
  thresholdText: string;
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
  return mode === 'hands' && secrecy === 'secret' ? '举手表决是公开表决，不能无记名；无记名表决请用表决器或纸质选票' : null;
}
