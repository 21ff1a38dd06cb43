/**
 * A benchmark: measures, prints progress, and returns rows for the summary table. Speed is measured, not asserted:
 * a figure over its target is reported OVER and does not fail the run. What was timed is asserted: every benchmark
 * checks its result against values known from its generated input (counts, valid/void, totals, chosen projects)
 * with `check`, and a wrong result (or a crash) fails `npm run bench`.
 */
export interface BenchRow {
  benchmark: string;
  metric: string;
  /** In `unit`: milliseconds unless said otherwise. */
  value: number;
  /** In `unit`; null when the figure is informational. */
  target: number | null;
  /** 'ms' when absent; 'MB' for memory, 'keys' for keystrokes, 'count' for things counted. */
  unit?: 'ms' | 'MB' | 'keys' | 'count';
  note?: string;
}

export interface Benchmark {
  /** Short name, used to pick benchmarks on the command line: `node dist/electron/bench.cjs tally`. */
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<BenchRow[]>;
}

/** A benchmark's result is wrong: what it timed did not do what it should have. */
export class BenchCheckError extends Error {
  override name = 'BenchCheckError';
  /** Figures measured before the check failed, which a benchmark may attach so the table still shows them. */
  rows: BenchRow[] = [];
}

/**
 * Asserts what a benchmark timed: throws (failing the benchmark, and `npm run bench`) unless `cond` holds. `what`
 * says what should have been true, e.g. `check(res.valid === 999_000, 'valid ballots = 999,000')`.
 */
export function check(cond: unknown, what: string): asserts cond {
  if (!cond) throw new BenchCheckError(`check failed: ${what}`);
}

/** Asserts `actual === expected`, printing both when they differ. */
export function checkEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected)
    throw new BenchCheckError(`check failed: ${what} — expected ${String(expected)}, got ${String(actual)}`);
}

export const ms = (from: number) => performance.now() - from;

/** Percentile by nearest rank (p in 0–100) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const mean = (samples: number[]) => samples.reduce((a, b) => a + b, 0) / samples.length;
