/**
 * 满意度测评 (satisfaction evaluation) as two ballot styles (./ballot-style.ts): the rating ballot (满意 / 基本满意 /
 * 不满意, and 弃权 where the rule set has it, per item) and the score ballot (0–100 per item, for 年中会议 reports).
 *
 * Basis (../shared/rules/README.md §5, §7; ../shared/rules/tallies/README.md):
 * - Secret ballot. A ballot with no mark or more than one mark for an item is void for that item and is not counted
 *   for it; its other items count. A ballot with no item counted is void as a whole (收回 but not 有效).
 * - rates over returned ballots: each category's votes ÷ ballots returned, two decimals, half up (沾益区人大常委会
 *   2019-11-08 公告: 25 of 28 = 89.29%); also 满意 + 基本满意 together. Some places call that sum 满意率, some
 *   call 满意 alone 满意率: the output names both (satisfiedRate, combinedRate) and the rule set says which one the
 *   announcement calls 满意率.
 * - graded over all members (a standing-committee rule): 满意 if 满意 votes are more than half of all members;
 *   otherwise 基本满意 if 满意 + 基本满意 are; otherwise 不满意. Exactly half does not reach.
 * - more ballots returned than issued voids the poll, which is taken again (选举法第四十四条 analogue, as for 票决).
 * - the 整改 trigger (e.g. 满意率 below 70% → 二次整改) is a setting of the rule set, never a constant.
 */
import { asciiKeys, pollOutcome, type BallotReading, type PollCount, type PollOutcome } from './ballot-style';
import { hundredthsHalfUp, hundredthsText, meetsShare, minimumCount, shareOf, type Share } from './share';

// ---------------------------------------------------------------- rating ballots

/** Per item, one code: the key the clerk types for it. */
export const RATING = { abstain: 0, satisfied: 1, basically: 2, unsatisfied: 3, void: 9 } as const;
export type RatingMark = 'satisfied' | 'basically' | 'unsatisfied' | 'abstain';
export const ratingLabels: Record<RatingMark, string> = {
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
  abstain: '弃权',
};

/** One ballot: a code per item (RATING). */
export type RatingBallot = Uint8Array;

/** Keys that mark an item void (no mark, or several): `9`, or `*` on the numeric keypad. */
const VOID_KEYS = new Set(['9', '*']);
const KEY_HELP = (abstain: boolean) =>
  `1（满意）、2（基本满意）、3（不满意）${abstain ? '、0（弃权）' : ''}或9（该项无效）`;

export type GradeFormula = 'rates' | 'graded';

export type RectifyTrigger =
  /** An item whose rate (as announced, two decimals) is below `belowHundredths` (7000 = 70%). */
  | { on: 'satisfiedRate' | 'combinedRate'; belowHundredths: number; basis: string }
  /** An item graded into one of `grades` (graded formula). */
  | { on: 'grade'; grades: RatingGrade[]; basis: string };

export type RatingGrade = 'satisfied' | 'basically' | 'unsatisfied';

export interface RatingRules {
  /** Whether the ballot prints 弃权 ("sometimes also 弃权", README §5). */
  abstain: boolean;
  formula: GradeFormula;
  /** Which rate the announcement calls 满意率: 满意 + 基本满意 ('combined'), or 满意 alone ('satisfied', as 沾益 2019). */
  satisfactionRate: 'combined' | 'satisfied';
  /** graded: the share of all members a grade needs; 过半数 by default. */
  gradeShare: Share;
  /** graded: how all members are named ("全体组成人员"). */
  membersName: string;
  basis: string;
  rectify: RectifyTrigger | null;
}

export const RATES_OVER_RETURNED: RatingRules = {
  abstain: false,
  formula: 'rates',
  satisfactionRate: 'combined',
  gradeShare: { num: 1, den: 2, strict: true },
  membersName: '全体组成人员',
  basis: '各项得票数除以收回测评票数，保留两位小数（四舍五入）（本地测评办法）',
  rectify: { on: 'combinedRate', belowHundredths: 7000, basis: '满意率低于70%的，进行二次整改（本地测评办法）' },
};

export const GRADED_OVER_MEMBERS: RatingRules = {
  abstain: false,
  formula: 'graded',
  satisfactionRate: 'combined',
  gradeShare: { num: 1, den: 2, strict: true },
  membersName: '全体组成人员',
  basis: '满意票超过全体组成人员半数的为满意；满意与基本满意票合计超过半数的为基本满意；否则为不满意（常委会测评办法）',
  rectify: {
    on: 'grade',
    grades: ['unsatisfied'],
    basis: '测评结果为不满意的，限期整改并向常委会报告（常委会测评办法）',
  },
};

/** The code for an item from the marks seen on it: none or several is void for that item only. */
export function itemCode(marks: readonly RatingMark[]): number {
  return marks.length === 1 ? RATING[marks[0]!] : RATING.void;
}

/**
 * A keyed paper ballot: one digit per item in ballot order (1 满意, 2 基本满意, 3 不满意, 0 弃权, 9 or * void for
 * that item), so M items take M keys and Enter. Spaces may group the digits; a lone 9 (or *) voids the whole
 * ballot. Full-width digits are read as digits.
 */
export function readRatingKeys(
  text: string,
  items: number,
  rules: Pick<RatingRules, 'abstain'>,
): BallotReading<RatingBallot> {
  const keys = asciiKeys(text).replace(/[\s,，、]+/g, '');
  const fail = (error: string) => ({ ballot: null, error });
  if (!keys) return fail(`请逐项输入测评意见：${KEY_HELP(rules.abstain)}`);
  if (items > 1 && keys.length === 1 && VOID_KEYS.has(keys))
    return { ballot: new Uint8Array(items).fill(RATING.void), error: null };
  if (keys.length !== items) {
    const diff = keys.length < items ? `少${items - keys.length}位` : `多${keys.length - items}位`;
    return fail(`本票共${items}项，每项一位，应输入${items}位，实际输入${keys.length}位（${diff}）`);
  }
  const ballot = new Uint8Array(items);
  for (let i = 0; i < items; i++) {
    const k = keys[i]!;
    const code = VOID_KEYS.has(k) ? RATING.void : k >= '0' && k <= '3' ? k.charCodeAt(0) - 48 : -1;
    if (code < 0) return fail(`第${i + 1}项输入了“${k}”：只能输入${KEY_HELP(rules.abstain)}`);
    if (code === RATING.abstain && !rules.abstain)
      return fail(`第${i + 1}项输入了0（弃权），但本次测评票不设弃权；该项未标记的，请输入9（该项无效）`);
    ballot[i] = code;
  }
  return { ballot, error: null };
}

export function ratingBallotVoid(ballot: RatingBallot): string | null {
  return ballot.every((c) => c === RATING.void) ? '各项均未标记或标记多于一个，整张测评票无效' : null;
}

export interface RatingCounts {
  satisfied: number;
  basically: number;
  unsatisfied: number;
  abstain: number;
  /** Ballots void for this item (no mark or several), including wholly void ballots. */
  void: number;
}

export interface RatingTally {
  returned: number;
  /** Ballots with no item counted. */
  wholeVoid: number;
  items: RatingCounts[];
}

export function tallyRatings(ballots: Iterable<RatingBallot>, items: number): RatingTally {
  // One slot per code (0–3 and 9 for a void item) per item, in one flat array: 300 ballots × 75 items is 22,500 increments.
  const c = new Int32Array(items * 10);
  let returned = 0;
  let wholeVoid = 0;
  for (const b of ballots) {
    if (b.length !== items) throw new Error(`测评票有${b.length}项，本次测评共${items}项`);
    returned++;
    let counted = false;
    for (let i = 0; i < items; i++) {
      const code = b[i]!;
      if (code > RATING.unsatisfied && code !== RATING.void) throw new Error(`测评票第${i + 1}项的代码${code}无效`);
      c[i * 10 + code]!++;
      if (code !== RATING.void) counted = true;
    }
    if (!counted) wholeVoid++;
  }
  return {
    returned,
    wholeVoid,
    items: Array.from({ length: items }, (_x, i) => ({
      satisfied: c[i * 10 + RATING.satisfied]!,
      basically: c[i * 10 + RATING.basically]!,
      unsatisfied: c[i * 10 + RATING.unsatisfied]!,
      abstain: c[i * 10 + RATING.abstain]!,
      void: c[i * 10 + RATING.void]!,
    })),
  };
}

/** A percentage in hundredths (8929) and as announced ("89.29%"). */
export interface Rate {
  hundredths: number;
  text: string;
}

export function rateOf(count: number, base: number): Rate {
  const hundredths = base > 0 ? hundredthsHalfUp(count, base, 100) : 0;
  return { hundredths, text: `${hundredthsText(hundredths)}%` };
}

/** "70%" for 7000, "72.50%" for 7250: a threshold as a clerk writes it. */
const limitText = (h: number, unit = '%') => `${hundredthsText(h).replace(/\.00$/, '')}${unit}`;

export interface Rectify {
  needed: boolean;
  /** Why, with the basis, when needed. */
  reason: string | null;
}

export interface RatingItemResult extends RatingCounts {
  /** Ballots counted for this item (a mark, 弃权 included). */
  valid: number;
  /** Every rate is over ballots returned. */
  satisfiedRate: Rate;
  basicallyRate: Rate;
  unsatisfiedRate: Rate;
  /** null when the ballot has no 弃权. */
  abstainRate: Rate | null;
  /** 满意 + 基本满意, rounded once from the counts (not the sum of two rounded rates). */
  combinedRate: Rate;
  /** graded formula only. */
  grade: RatingGrade | null;
  /** graded formula only: how the grade was reached. */
  gradeText: string | null;
  rectify: Rectify;
}

export interface RatingResult extends PollOutcome {
  formula: GradeFormula;
  satisfactionRate: RatingRules['satisfactionRate'];
  abstain: boolean;
  items: RatingItemResult[];
}

function grade(c: RatingCounts, members: number, rules: RatingRules): { grade: RatingGrade; text: string } {
  const share = rules.gradeShare;
  const need = `须${shareOf(share, `${rules.membersName}（${members}名）`)}，即至少${minimumCount(share, members)}票`;
  const reach = (n: number) => members > 0 && meetsShare(share, n, members);
  const both = c.satisfied + c.basically;
  if (reach(c.satisfied)) return { grade: 'satisfied', text: `满意票${need}：满意${c.satisfied}票，达到，评为满意` };
  const first = `满意票${need}：满意${c.satisfied}票，未达到`;
  if (reach(both)) return { grade: 'basically', text: `${first}；满意与基本满意合计${both}票，达到，评为基本满意` };
  return { grade: 'unsatisfied', text: `${first}；满意与基本满意合计${both}票，未达到，评为不满意` };
}

function rectifyRating(
  trigger: RectifyTrigger | null,
  item: Omit<RatingItemResult, 'rectify'>,
  rules: RatingRules,
): Rectify {
  if (!trigger) return { needed: false, reason: null };
  if (trigger.on === 'grade') {
    const needed = item.grade !== null && trigger.grades.includes(item.grade);
    return { needed, reason: needed ? `测评结果为${ratingLabels[item.grade!]}，须整改（${trigger.basis}）` : null };
  }
  // The announced (rounded) rate decides, so the figure read out and the flag never disagree.
  const rate = trigger.on === 'combinedRate' ? item.combinedRate : item.satisfiedRate;
  const needed = rate.hundredths < trigger.belowHundredths;
  return {
    needed,
    reason: needed
      ? `${rateName(trigger.on === 'combinedRate', rules)}${rate.text}，低于${limitText(trigger.belowHundredths)}，须整改（${trigger.basis}）`
      : null,
  };
}

/** What the rule set calls each rate, so "满意率" never means two things in one text. */
function rateName(combined: boolean, rules: Pick<RatingRules, 'satisfactionRate'>): string {
  if (rules.satisfactionRate === 'combined') return combined ? '满意率（满意加基本满意）' : '满意票占比';
  return combined ? '满意加基本满意合计' : '满意率';
}

export function ratingResult(t: RatingTally, count: PollCount, rules: RatingRules): RatingResult {
  const common = {
    ...pollOutcome(count, t.returned, t.wholeVoid, '测评票'),
    formula: rules.formula,
    satisfactionRate: rules.satisfactionRate,
    abstain: rules.abstain,
  };
  if (common.outcome === 'void') return { ...common, items: [] };
  const items = t.items.map((c) => {
    const g = rules.formula === 'graded' ? grade(c, count.expected, rules) : null;
    const item: Omit<RatingItemResult, 'rectify'> = {
      ...c,
      valid: c.satisfied + c.basically + c.unsatisfied + c.abstain,
      satisfiedRate: rateOf(c.satisfied, t.returned),
      basicallyRate: rateOf(c.basically, t.returned),
      unsatisfiedRate: rateOf(c.unsatisfied, t.returned),
      abstainRate: rules.abstain ? rateOf(c.abstain, t.returned) : null,
      combinedRate: rateOf(c.satisfied + c.basically, t.returned),
      grade: g?.grade ?? null,
      gradeText: g?.text ?? null,
    };
    return { ...item, rectify: rectifyRating(rules.rectify, item, rules) };
  });
  return { ...common, items };
}

/** "本次测评应到…名，实到…名，发出测评票…张，收回…张，有效…张。" (README §7). */
export function evaluationHead(
  r: { expected: number; present: number; issued: number; returned: number; valid: number; void: number },
  noun = '',
): string {
  return `本次测评应到${noun}${r.expected}名，实到${r.present}名，发出测评票${r.issued}张，收回${r.returned}张，有效${r.valid}张${r.void ? `，无效${r.void}张` : ''}。`;
}

function ratingItemText(r: RatingResult, x: RatingItemResult, title: string): string {
  const votes = `满意${x.satisfied}票，基本满意${x.basically}票，不满意${x.unsatisfied}票${r.abstain ? `，弃权${x.abstain}票` : ''}${x.void ? `，该项无效${x.void}票` : ''}`;
  const rates =
    r.satisfactionRate === 'combined'
      ? `满意率（满意加基本满意）${x.combinedRate.text}，其中满意${x.satisfiedRate.text}，基本满意${x.basicallyRate.text}；不满意${x.unsatisfiedRate.text}`
      : `满意率${x.satisfiedRate.text}，基本满意率${x.basicallyRate.text}，不满意率${x.unsatisfiedRate.text}`;
  const abstain = x.abstainRate ? `，弃权${x.abstainRate.text}` : '';
  const graded = x.gradeText ? `。${x.gradeText}` : '';
  const rectify = x.rectify.needed ? `。${x.rectify.reason}` : '';
  return `${title}：${votes}，${rates}${abstain}${graded}${rectify}。`;
}

export function ratingAnnouncement(r: RatingResult, titles: readonly string[], noun = ''): string {
  const head = evaluationHead(r, noun);
  if (r.outcome === 'void') return `${head.replace(/，发出.*$/, '。')}${r.reason}。`;
  return head + r.items.map((x, i) => ratingItemText(r, x, titles[i] ?? `第${i + 1}项`)).join('');
}

// ---------------------------------------------------------------- score ballots

/**
 * 0–100 per item (年中会议 现场打分). The score is the mean to two decimals, half up; where the rule set says so,
 * the mean without one highest and one lowest score (a common local rule: 去掉一个最高分和一个最低分). With fewer
 * than 3 valid scores nothing is left out — dropping two of two would leave no score — and the plain mean stands.
 */
export interface ScoreRules {
  trimmed: boolean;
  basis: string;
  /** An item whose score (as announced) is below `belowHundredths` (6000 = 60分) needs 整改. */
  rectify: { belowHundredths: number; basis: string } | null;
}

export const TRIMMED_SCORES: ScoreRules = {
  trimmed: true,
  basis: '去掉一个最高分和一个最低分后取平均分，保留两位小数（本地测评办法）',
  rectify: { belowHundredths: 6000, basis: '平均得分低于60分的，进行整改（本地测评办法）' },
};

/** One ballot: a score 0–100 per item, or -1 where the item is void (blank, illegible, out of range). */
export type ScoreBallot = Int16Array;
export const SCORE_VOID = -1;
export const MAX_SCORE = 100;

/** A keyed score ballot: one whole number 0–100 per item, separated by spaces, `*` for an item void. */
export function readScoreKeys(text: string, items: number): BallotReading<ScoreBallot> {
  const tokens = asciiKeys(text)
    .split(/[\s,，、]+/)
    .filter(Boolean);
  const fail = (error: string) => ({ ballot: null, error });
  if (!tokens.length) return fail('请逐项输入分数（0至100的整数），项与项之间用空格隔开，该项无效输入 *');
  if (tokens.length !== items) return fail(`本票共${items}项，应输入${items}个分数，实际输入${tokens.length}个`);
  const ballot = new Int16Array(items);
  for (let i = 0; i < items; i++) {
    const t = tokens[i]!;
    if (t === '*') {
      ballot[i] = SCORE_VOID;
      continue;
    }
    if (!/^\d{1,3}$/.test(t) || Number(t) > MAX_SCORE)
      return fail(`第${i + 1}项的分数“${t}”无效：应为0至100的整数，该项无效输入 *`);
    ballot[i] = Number(t);
  }
  return { ballot, error: null };
}

export function scoreBallotVoid(ballot: ScoreBallot): string | null {
  return ballot.every((s) => s === SCORE_VOID) ? '各项均无有效分数，整张评分票无效' : null;
}

export interface ScoreCounts {
  /** Valid scores. */
  n: number;
  sum: number;
  /** null when there is no valid score. */
  min: number | null;
  max: number | null;
  void: number;
}

export interface ScoreTally {
  returned: number;
  wholeVoid: number;
  items: ScoreCounts[];
}

export function tallyScores(ballots: Iterable<ScoreBallot>, items: number): ScoreTally {
  const out: ScoreCounts[] = Array.from({ length: items }, () => ({ n: 0, sum: 0, min: null, max: null, void: 0 }));
  let returned = 0;
  let wholeVoid = 0;
  for (const b of ballots) {
    if (b.length !== items) throw new Error(`评分票有${b.length}项，本次测评共${items}项`);
    returned++;
    let counted = false;
    for (let i = 0; i < items; i++) {
      const s = b[i]!;
      const c = out[i]!;
      if (s === SCORE_VOID) {
        c.void++;
        continue;
      }
      counted = true;
      c.n++;
      c.sum += s;
      c.min = c.min === null ? s : Math.min(c.min, s);
      c.max = c.max === null ? s : Math.max(c.max, s);
    }
    if (!counted) wholeVoid++;
  }
  return { returned, wholeVoid, items: out };
}

export interface ScoreItemResult extends ScoreCounts {
  /** Mean in hundredths (8513 = 85.13分); null with no valid score. */
  mean: number | null;
  /** Mean without one highest and one lowest; null with fewer than 3 valid scores. */
  trimmedMean: number | null;
  /** The score the rule set uses: trimmedMean where it applies, else mean. */
  score: number | null;
  /** "85.13分" */
  scoreText: string;
  rectify: Rectify;
}

export interface ScoreResult extends PollOutcome {
  trimmed: boolean;
  items: ScoreItemResult[];
}

export function scoreResult(t: ScoreTally, count: PollCount, rules: ScoreRules): ScoreResult {
  const common = { ...pollOutcome(count, t.returned, t.wholeVoid, '评分票'), trimmed: rules.trimmed };
  if (common.outcome === 'void') return { ...common, items: [] };
  const items = t.items.map((c): ScoreItemResult => {
    const mean = c.n ? hundredthsHalfUp(c.sum, c.n) : null;
    const trimmedMean = c.n >= 3 ? hundredthsHalfUp(c.sum - c.min! - c.max!, c.n - 2) : null;
    const score = rules.trimmed && trimmedMean !== null ? trimmedMean : mean;
    const needed = !!rules.rectify && score !== null && score < rules.rectify.belowHundredths;
    return {
      ...c,
      mean,
      trimmedMean,
      score,
      scoreText: score === null ? '无有效评分' : `${hundredthsText(score)}分`,
      rectify: {
        needed,
        reason: needed
          ? `得分${hundredthsText(score!)}分，低于${limitText(rules.rectify!.belowHundredths, '分')}，须整改（${rules.rectify!.basis}）`
          : null,
      },
    };
  });
  return { ...common, items };
}

function scoreItemText(r: ScoreResult, x: ScoreItemResult, title: string): string {
  if (x.mean === null) return `${title}：无有效评分。`;
  const scored = `有效评分${x.n}份${x.void ? `，无效${x.void}份` : ''}`;
  const how = !r.trimmed
    ? `平均${hundredthsText(x.mean)}分`
    : x.trimmedMean === null
      ? `有效评分不足3份，不去掉最高分和最低分，平均${hundredthsText(x.mean)}分`
      : `去掉一个最高分${x.max}分和一个最低分${x.min}分，平均${hundredthsText(x.trimmedMean)}分`;
  return `${title}：${scored}，${how}${x.rectify.needed ? `。${x.rectify.reason}` : ''}。`;
}

export function scoreAnnouncement(r: ScoreResult, titles: readonly string[], noun = ''): string {
  const head = evaluationHead(r, noun).replace(/测评票/g, '评分票');
  if (r.outcome === 'void') return `${head.replace(/，发出.*$/, '。')}${r.reason}。`;
  return head + r.items.map((x, i) => scoreItemText(r, x, titles[i] ?? `第${i + 1}项`)).join('');
}
