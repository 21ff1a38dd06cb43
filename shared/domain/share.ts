/**
 * Shares of a base (三分之二以上, 过半数) and ratios in hundredths, half up: the arithmetic every rule uses. Its own
 * module so that rules.ts (the rule set, which holds the 测评 sections) and evaluation.ts (which applies them) both
 * build on it without importing each other.
 * "以上" includes the number itself (三分之二以上: 60 of 90 suffices); "过半数" means more than half, so exactly
 * half is not enough (../shared/rules/README.md §2–3).
 */

/** A share of a base: { num: 2, den: 3, strict: false } is 三分之二以上; { num: 1, den: 2, strict: true } is 过半数. */
export interface Share {
  num: number;
  den: number;
  /** true: more than the share (超过/过半数); false: at least the share (以上). */
  strict: boolean;
}

/** The smallest whole count that satisfies a share of a base: 过半数 of 33 is 17, 三分之二以上 of 90 is 60. */
export function minimumCount(share: Share, base: number): number {
  // Integer arithmetic: count/base compared with num/den without floating point.
  const exact = base * share.num;
  return share.strict ? Math.floor(exact / share.den) + 1 : Math.ceil(exact / share.den);
}

export function meetsShare(share: Share, count: number, base: number): boolean {
  return count >= minimumCount(share, base);
}

const CN_FRACTIONS: Record<string, string> = {
  '1/2': '半数',
  '2/3': '三分之二',
  '3/4': '四分之三',
  '1/3': '三分之一',
  '3/5': '五分之三',
};
export function fractionText(share: Share): string {
  return CN_FRACTIONS[`${share.num}/${share.den}`] ?? `${share.den}分之${share.num}`;
}

/** "超过全体代表的半数" or "占出席人数的三分之二以上". */
export function shareOf(share: Share, of: string): string {
  return share.strict ? `超过${of}的${fractionText(share)}` : `占${of}的${fractionText(share)}以上`;
}

/**
 * A ratio in hundredths, rounded half up, in integer arithmetic: hundredthsHalfUp(25, 28, 100) is 8929 (89.29%).
 * `scale` is 100 for a percentage and 1 for a plain mean. Floating point cannot do this: (1.005).toFixed(2) is
 * "1.00", while 201 of 20000 is 1.005% and rounds half up to 1.01% (../shared/rules/tallies/README.md: two
 * decimals, half up). Counts are whole numbers ≥ 0 and den > 0.
 */
export function hundredthsHalfUp(num: number, den: number, scale = 1): number {
  // round(n / d) = floor((2n + d) / 2d) for n ≥ 0.
  const n = num * scale * 100;
  return Math.floor((2 * n + den) / (2 * den));
}

/** Hundredths as a decimal with two places: 8929 → "89.29", 2500 → "25.00", 7 → "0.07". */
export function hundredthsText(h: number): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
