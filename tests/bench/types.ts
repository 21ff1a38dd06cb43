/**
 * A benchmark: measures, prints progress, and returns rows for the summary table. Benchmarks never assert — a
 * figure over its target is reported, not failed.
 */
export interface BenchRow {
  benchmark: string;
  metric: string;
  /** In `unit`: milliseconds unless said otherwise. */
  value: number;
  /** In `unit`; null when the figure is informational. */
  target: number | null;
  /** 'ms' when absent; 'MB' for memory, 'keys' for keystrokes. */
  unit?: 'ms' | 'MB' | 'keys';
  note?: string;
}

export interface Benchmark {
  /** Short name, used to pick benchmarks on the command line: `node dist/electron/bench.cjs tally`. */
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<BenchRow[]>;
}

export const ms = (from: number) => performance.now() - from;

/** Percentile by nearest rank (p in 0–100) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const mean = (samples: number[]) => samples.reduce((a, b) => a + b, 0) / samples.length;
