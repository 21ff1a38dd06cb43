import type { PaperBatch } from '../../shared/contract';
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
