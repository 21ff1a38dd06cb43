export const QUARTER_LABELS = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;

export function quarterLabel(q: number): string {
  return QUARTER_LABELS[q - 1] ?? `第${q}季度`;
}

/** The quarter a yyyy-MM-dd date falls in, or null for an incomplete date. */
export function quarterOfDate(date: string | undefined): number | null {
  const m = /^\d{4}-(\d{2})-\d{2}$/.exec(date ?? '');
  if (!m) return null;
  const month = Number(m[1]);
  return month >= 1 && month <= 12 ? Math.ceil(month / 3) : null;
}

/** A suggested title for a 镇人大季会: 鱼嘴镇人民代表大会2026年第三季度会议. */
export function quarterlyTitle(bodyName: string, year: number, quarter: number): string {
  return `${bodyName}${year}年${quarterLabel(quarter)}会议`;
}
