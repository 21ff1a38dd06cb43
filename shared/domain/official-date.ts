/**
 * The date of a 公文 in Chinese numerals (GB/T 9704—2012 §7.3.5.3 用汉字将年、月、日标全): "2026-12-01" →
 * "二〇二六年十二月一日". Year digits one by one with 〇 for zero; month and day as numbers (十, 十一, 二十, 三十一).
 * The plain form (2026年12月1日) is chineseDate in ./project-timeline.ts.
 */
const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1–99 as a Chinese number: 一 … 九, 十, 十一 … 十九, 二十, 二十一 … */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new Error(`chineseNumber: ${n} is out of 1–99`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

export function officialDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`officialDate: "${iso}" is not a date`);
  const year = [...m[1]!].map((d) => DIGITS[Number(d)]).join('');
  return `${year}年${chineseNumber(Number(m[2]))}月${chineseNumber(Number(m[3]))}日`;
}
