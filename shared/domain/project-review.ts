/**
 * 测评 results on livelihood projects and the 整改 they open (../shared/rules/README.md §5: "Make the trigger a
 * setting, and track each rectification until it is re-evaluated"). Pure: the service reads and writes the rows.
 *
 * - A project's line of a 测评 is its item of the round's result. It passes when it is not below the rule set's 整改
 *   line, which the result already judged per item with the rules frozen when the round opened: RatingRules.rectify
 *   (满意率 below a share, or a grade) and ScoreRules.rectify (a score below a mark) in ./evaluation.ts. So the flag
 *   on the project and the sentence read out in the hall never disagree.
 * - A result below the line opens a 整改; it stays open through later results below the line, and closes with the
 *   first later 测评 that passes. The 整改 of a project are therefore a function of its results in date order, and
 *   are derived again from them whenever a result is written, so a result written again (or a round closed out of
 *   date order) leaves them consistent.
 */
import type { RatingItemResult, RatingResult, ScoreItemResult, ScoreResult } from './evaluation';

/** Days a department gets by default; not a rule of any rule set found (none fixes one), so the clerk edits it. */
export const DEFAULT_RECTIFY_DAYS = 60;

export type RatingSummary = {
  style: 'rating';
  returned: number;
  satisfied: number;
  basically: number;
  unsatisfied: number;
  abstain: number;
  void: number;
  satisfiedRate: number;
  combinedRate: number;
  satisfaction: number;
  satisfactionText: string;
  grade: RatingItemResult['grade'];
  rectifyReason: string | null;
};
export type ScoreSummary = {
  style: 'score';
  returned: number;
  n: number;
  score: number | null;
  scoreText: string;
  rectifyReason: string | null;
};
export type LineSummary = RatingSummary | ScoreSummary;

/** Item `index` of a closed round's result as a project's line; null when the round was void (no items counted). */
export function evaluationLine(
  style: 'rating' | 'score',
  result: unknown,
  index: number,
): { summary: LineSummary; passed: boolean } | null {
  if (style === 'rating') {
    const r = result as RatingResult;
    const x = r.outcome === 'void' ? undefined : r.items[index];
    if (!x) return null;
    const rate = r.satisfactionRate === 'satisfied' ? x.satisfiedRate : x.combinedRate;
    return {
      passed: !x.rectify.needed,
      summary: {
        style,
        returned: r.returned,
        satisfied: x.satisfied,
        basically: x.basically,
        unsatisfied: x.unsatisfied,
        abstain: x.abstain,
        void: x.void,
        satisfiedRate: x.satisfiedRate.hundredths,
        combinedRate: x.combinedRate.hundredths,
        satisfaction: rate.hundredths,
        satisfactionText: rate.text,
        grade: x.grade,
        rectifyReason: x.rectify.reason,
      },
    };
  }
  const r = result as ScoreResult;
  const x: ScoreItemResult | undefined = r.outcome === 'void' ? undefined : r.items[index];
  if (!x) return null;
  return {
    passed: !x.rectify.needed,
    summary: {
      style,
      returned: r.returned,
      n: x.n,
      score: x.score,
      scoreText: x.scoreText,
      rectifyReason: x.rectify.reason,
    },
  };
}

const GRADE_TEXT = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' } as const;

/** "满意率 89.29%", "评为基本满意（满意率 75.00%）", "得分 85.13分". */
export function summaryText(s: LineSummary): string {
  if (s.style === 'score') return `得分${s.scoreText}`;
  return s.grade ? `评为${GRADE_TEXT[s.grade]}（满意率${s.satisfactionText}）` : `满意率${s.satisfactionText}`;
}

/** ISO date `days` after `date` (both YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today on the machine's calendar (the clerk's laptop), as YYYY-MM-DD. */
export function localDate(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface EvaluationPoint {
  roundId: number;
  heldOn: string;
  passed: boolean;
}
export interface RectificationRow {
  id: number;
  openedByRound: number;
  status: 'open' | 'closed';
  closedByRound: number | null;
  withdrawn: string | null;
}

/** A run of results below the line: the 整改 it needs is opened by the first, closed by the next that passes. */
interface Streak {
  rounds: number[];
  closer: number | null;
}

export type RectificationPlan =
  | { act: 'open'; openedByRound: number; closedByRound: number | null }
  | {
      act: 'set';
      id: number;
      openedByRound: number;
      status: 'open' | 'closed';
      closedByRound: number | null;
      was: RectificationRow;
    }
  | { act: 'withdraw'; id: number };

/**
 * What a project's 整改 rows must become for its results (any order; sorted here by date, then round). Rows are kept
 * where they fit — the one opened by a result of the same run — so a clerk's deadline and the department's response
 * survive; a row no run needs any more is withdrawn, never deleted.
 */
export function planRectifications(
  points: readonly EvaluationPoint[],
  rows: readonly RectificationRow[],
): RectificationPlan[] {
  const sorted = [...points].sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.roundId - b.roundId);
  const streaks: Streak[] = [];
  let cur: Streak | null = null;
  for (const p of sorted) {
    if (!p.passed) {
      if (cur) cur.rounds.push(p.roundId);
      else cur = { rounds: [p.roundId], closer: null };
    } else if (cur) {
      cur.closer = p.roundId;
      streaks.push(cur);
      cur = null;
    }
  }
  if (cur) streaks.push(cur);
  const used = new Set<number>();
  const out: RectificationPlan[] = [];
  for (const s of streaks) {
    const row = [...rows]
      .sort((a, b) => a.id - b.id)
      .find((r) => !used.has(r.id) && s.rounds.includes(r.openedByRound));
    const status = s.closer === null ? 'open' : 'closed';
    if (!row) {
      out.push({ act: 'open', openedByRound: s.rounds[0]!, closedByRound: s.closer });
      continue;
    }
    used.add(row.id);
    if (
      row.openedByRound !== s.rounds[0] ||
      row.status !== status ||
      row.closedByRound !== s.closer ||
      row.withdrawn !== null
    ) {
      out.push({ act: 'set', id: row.id, openedByRound: s.rounds[0]!, status, closedByRound: s.closer, was: row });
    }
  }
  for (const r of rows) if (!used.has(r.id) && r.withdrawn === null) out.push({ act: 'withdraw', id: r.id });
  return out;
}
