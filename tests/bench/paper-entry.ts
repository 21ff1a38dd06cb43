import type { PaperBatch } from '../../shared/contract';
import { parseBallotKeys, shortestKeys } from '../../shared/domain/ballot-keys';
import { bit, type BallotMarks } from '../../shared/domain/projects';
import { makeTempRuntime } from '../unit/helpers';
import { setupProjectVote } from '../unit/project-fixtures';
import { mean, ms, percentile, type Benchmark, type BenchRow } from './types';

/**
 * Keying one paper ballot: projectVotes.paperEnter through dispatch (validation, the service, and its fsync'd
 * transaction with the audit entry), 500 times, target 16 ms each — one frame, so the clerk never waits.
 */

const CALLS = 500;
const WARMUP = 20;
const CANDIDATES = 20;
const SEATS = 10;
const TARGET_MS = 16;
/** A typical 12选10 ballot: at most this many keys before Enter. */
const TARGET_KEYS = 6;

const numbersTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const choose = (idx: number[]): BallotMarks => ({ yes: idx.reduce((m, i) => m + bit(i), 0), no: 0, abstain: 0 });

/** Every way to mark k of n candidates, as 0-based indexes. */
function* subsets(n: number, k: number, from = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) yield acc;
  else for (let i = from; i <= n - (k - acc.length); i++) yield* subsets(n, k, i + 1, [...acc, i]);
}

/** Keys for a ballot with today's syntax, checked to read back as the same ballot; and with numbers one by one. */
function keysFor(n: number, b: BallotMarks): { keys: string; oneByOne: string } {
  const numbers = numbersTo(n);
  const keys = shortestKeys('choose', b, numbers);
  const back = parseBallotKeys('choose', keys, numbers);
  if ('error' in back || back.yes !== b.yes) throw new Error(`“${keys}” does not read back as the ballot`);
  return { keys, oneByOne: numbers.filter((_x, i) => Math.floor(b.yes / 2 ** i) % 2).join(' ') };
}

/** Keystrokes (characters typed before Enter; *, - and / sit on the numeric keypad) for the common ballots. */
function keystrokeRows(log: (line: string) => void): BenchRow[] {
  const row = (metric: string, n: number, b: BallotMarks, target: number | null): BenchRow => {
    const k = keysFor(n, b);
    log(`${metric}: “${k.keys}” (${k.keys.length} keys + Enter; one by one “${k.oneByOne}”, ${k.oneByOne.length})`);
    return { benchmark: 'paper-entry', metric: `keys: ${metric}`, value: k.keys.length, target, unit: 'keys', note: `“${k.keys}” + Enter; one by one ${k.oneByOne.length}` };
  };
  const spread = (n: number, k: number, name: string): BenchRow => {
    const counts = [...subsets(n, k)].map((idx) => keysFor(n, choose(idx)).keys.length);
    const avg = counts.reduce((a, b) => a + b, 0) / counts.length;
    // reduce, not Math.max(...counts): 184 756 arguments overflow the stack.
    const max = counts.reduce((a, b) => Math.max(a, b), 0);
    log(`${name}: every one of ${counts.length} ballots, mean ${avg.toFixed(2)} keys, max ${max}`);
    return { benchmark: 'paper-entry', metric: `keys: ${name} (max)`, value: max, target: n === 12 ? TARGET_KEYS : null, unit: 'keys', note: `mean ${avg.toFixed(2)} over ${counts.length} ballots` };
  };
  return [
    row('12选10, projects 1–10', 12, choose(numbersTo(10).map((x) => x - 1)), TARGET_KEYS),
    row('12选10, all but 3 and 9', 12, choose([0, 1, 3, 4, 5, 6, 7, 9, 10, 11]), TARGET_KEYS),
    spread(12, 10, '12选10, any ten'),
    row('20选10, projects 1–10', 20, choose(numbersTo(10).map((x) => x - 1)), null),
    row('20选10, every other project', 20, choose(numbersTo(10).map((x) => 2 * x - 1)), null),
    spread(20, 10, '20选10, any ten'),
    row('2选1', 2, choose([0]), null),
  ];
}

export const paperEntryBench: Benchmark = {
  name: 'paper-entry',
  description: `${CALLS} × projectVotes.paperEnter through dispatch (choose ${SEATS} of ${CANDIDATES}, fsync'd)`,
  async run(log) {
    const t = makeTempRuntime();
    try {
      const s = await setupProjectVote(t, { deputies: 30, projects: CANDIDATES, seats: SEATS, style: 'choose', mode: 'paper' });
      await t.ok('projectVotes.stopVoting', { id: s.vote.id });
      let seed = 7;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const keys = () => {
        const n = 1 + Math.floor(random() * SEATS);
        const picked = new Set<number>();
        while (picked.size < n) picked.add(1 + Math.floor(random() * CANDIDATES));
        return [...picked].join(' ');
      };
      const enter = async (batch: 1 | 2) => {
        const res = await t.call('projectVotes.paperEnter', { id: s.vote.id, batch, keys: keys() });
        if (!res.ok) throw new Error(`paperEnter refused: ${res.error.message}`);
        return res.data as PaperBatch;
      };
      // Warm-up on the second batch (statements compiled, pages cached); not counted.
      for (let i = 0; i < WARMUP; i++) await enter(2);
      const samples: number[] = [];
      let last: PaperBatch | undefined;
      for (let i = 0; i < CALLS; i++) {
        const a = performance.now();
        last = await enter(1);
        samples.push(ms(a));
      }
      const first100 = mean(samples.slice(0, 100));
      const last100 = mean(samples.slice(-100));
      log(`${CALLS} ballots keyed (batch 1 now ${last?.count}); mean ${mean(samples).toFixed(2)} ms, p50 ${percentile(samples, 50).toFixed(2)}, p99 ${percentile(samples, 99).toFixed(2)}, max ${Math.max(...samples).toFixed(2)}`);
      log(`first 100 mean ${first100.toFixed(2)} ms, last 100 mean ${last100.toFixed(2)} ms (each call re-reads its whole batch for the clerk's summary)`);
      const rows: BenchRow[] = [
        ...keystrokeRows(log),
        { benchmark: 'paper-entry', metric: 'paperEnter mean', value: mean(samples), target: TARGET_MS, note: `${CALLS} calls` },
        { benchmark: 'paper-entry', metric: 'paperEnter p50', value: percentile(samples, 50), target: TARGET_MS },
        { benchmark: 'paper-entry', metric: 'paperEnter p99', value: percentile(samples, 99), target: TARGET_MS },
        { benchmark: 'paper-entry', metric: 'paperEnter max', value: Math.max(...samples), target: null },
      ];
      return rows;
    } finally {
      t.cleanup();
    }
  },
};
