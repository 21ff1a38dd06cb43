/**
 * A project's timeline (候选 → 票决 → 计划 → 进展 → 测评 → 整改 → 复评): the kinds of entry, their Chinese names and
 * the one order they are shown in. Pure; the service gathers the entries (electron/services/project-timeline.ts).
 */

export const TIMELINE_KINDS = [
  'candidate',
  'vote',
  'plan',
  'milestone',
  'progress',
  'inspection',
  'decision',
  'decided',
  'agenda',
  'evaluation',
  'rectification_opened',
  'rectification_responded',
  'reevaluation',
  'rectification_closed',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const timelineKindLabels: Record<TimelineKind, string> = {
  candidate: '候选',
  vote: '票决',
  plan: '计划',
  milestone: '节点',
  progress: '进展',
  inspection: '视察督查',
  decision: '提请决定',
  decided: '决定',
  agenda: '会议听取',
  evaluation: '测评',
  rectification_opened: '整改',
  rectification_responded: '整改答复',
  reevaluation: '复评',
  rectification_closed: '整改销号',
};

/**
 * Entries by date; on one day, in the order of the project's life (TIMELINE_KINDS): a 测评 before the 整改 it opens,
 * a 复评 before the 整改 it closes. Entries of one kind on one day keep the order they were recorded in.
 */
export function orderTimeline<T extends { date: string; kind: TimelineKind }>(entries: T[]): T[] {
  const rank = (k: TimelineKind) => TIMELINE_KINDS.indexOf(k);
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : rank(a.e.kind) - rank(b.e.kind) || a.i - b.i))
    .map((x) => x.e);
}

/** yyyy-MM-dd of a stored day, or of a stored timestamp (UTC) on Beijing time, where the clerks are. */
export const dayOf = (iso: string) =>
  iso.length <= 10 ? iso : new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

/** A day as clerks write it (2026年3月1日), for details and messages written by the services. */
export const chineseDate = (day: string) =>
  day.replace(
    /^(\d{4})-(\d{2})-(\d{2})$/,
    (_m, y: string, mo: string, d: string) => `${y}年${Number(mo)}月${Number(d)}日`,
  );
