import { randomBytes } from 'node:crypto';
import type { ProjectVote } from '../../shared/contract';
import { tallyBallots } from '../../electron/db/bit-tally';
import { makeTempRuntime } from '../unit/helpers';
import { setupProjectVote } from '../unit/project-fixtures';
import { ms, type Benchmark, type BenchRow } from './types';

/**
 * Closing (counting) a round of 1,000,000 stored ballots over 20 candidates, target 1 s. The round is set up
 * through the API; the ballots are then written straight into project_ballots with better-sqlite3 in a few big
 * transactions (setup, not timed). Per-project 赞成/反对/弃权 ballots are the heaviest style to count: three
 * masks per ballot.
 */

const BALLOTS = 1_000_000;
const CANDIDATES = 20;
const SEATS = 10;
const CHUNK = 100_000;
const TARGET_MS = 1000;

/** xorshift32: fast and reproducible, so every run counts the same ballots. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

export const tallyBench: Benchmark = {
  name: 'tally',
  description: `close (count) a round of ${BALLOTS.toLocaleString('en')} stored ballots, ${CANDIDATES} candidates, per-project 赞成/反对/弃权`,
  async run(log) {
    const t = makeTempRuntime();
    try {
      const s = await setupProjectVote(t, { deputies: 30, projects: CANDIDATES, seats: SEATS, style: 'approve', mode: 'electronic' });
      const db = t.rt.db;
      const voteId = s.vote.id;

      // ---- setup (not timed): a million random valid ballots ----
      const random = rng(2025);
      const expected = Array.from({ length: CANDIDATES }, () => ({ yes: 0, no: 0, abstain: 0 }));
      const insert = db.prepare('INSERT INTO project_ballots (vote_id, ballot_id, yes, no, abstain) VALUES (?, ?, ?, ?, ?)');
      const started = performance.now();
      const writeChunk = db.transaction((n: number) => {
        const ids = randomBytes(16 * n);
        for (let k = 0; k < n; k++) {
          let yes = 0;
          let no = 0;
          let abstain = 0;
          for (let i = 0, b = 1; i < CANDIDATES; i++, b *= 2) {
            // Candidate i: 赞成 35%…82.5%, then 反对, 弃权 or left blank.
            const r = random();
            const pYes = 0.35 + 0.025 * i;
            if (r < pYes) {
              yes += b;
              expected[i]!.yes++;
            } else if (r < pYes + 0.12) {
              no += b;
              expected[i]!.no++;
            } else if (r < pYes + 0.17) {
              abstain += b;
              expected[i]!.abstain++;
            }
          }
          insert.run(voteId, ids.subarray(16 * k, 16 * (k + 1)), yes, no, abstain);
        }
      });
      for (let done = 0; done < BALLOTS; done += CHUNK) writeChunk(Math.min(CHUNK, BALLOTS - done));
      // An electronic round issues one ballot per deputy on the roll frozen at open (issuedProblem): make the roll as
      // large as the stack, as it would be had a million deputies signed in.
      db.prepare('UPDATE project_votes SET present = ? WHERE id = ?').run(BALLOTS, voteId);
      db.pragma('wal_checkpoint(TRUNCATE)');
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const pages = db.pragma('page_count', { simple: true }) as number;
      log(`setup: ${BALLOTS.toLocaleString('en')} ballots inserted in ${(ms(started) / 1000).toFixed(1)} s; database ${((pageSize * pages) / 2 ** 20).toFixed(0)} MiB`);

      // ---- timed: the service's close, as the handler table runs it ----
      // Called on the handler directly: the contract caps 发出选票数 at 100,000 (no congress issues more), so
      // dispatch would refuse issued = 1,000,000 before counting anything.
      const t0 = performance.now();
      const closed = (await t.rt.handlers['projectVotes.close']({ id: voteId, issued: BALLOTS }, { actor: 'bench' })) as ProjectVote;
      const closeMs = ms(t0);
      const agree = closed.result!.returned === BALLOTS && closed.result!.rows.length === CANDIDATES &&
        s.projects.every((p, i) => {
          const row = closed.result!.rows.find((r) => r.candidateId === p.id)!;
          return row.yes === expected[i]!.yes && row.no === expected[i]!.no && row.abstain === expected[i]!.abstain;
        });
      log(`close: ${closeMs.toFixed(0)} ms — outcome ${closed.result!.outcome}, ${closed.result!.chosenIds.length} chosen; counts agree with the generated ballots: ${agree ? 'yes' : 'NO'}`);

      // ---- where the time goes: the one-pass bit tally alone, and a bare scan (median of 3) ----
      const median = (f: () => void) => [0, 1, 2].map(() => { const a = performance.now(); f(); return ms(a); }).sort((a, b) => a - b)[1]!;
      const tallyMs = median(() => tallyBallots(db, voteId, CANDIDATES));
      const countMs = median(() => db.prepare('SELECT COUNT(*) FROM project_ballots WHERE vote_id = ?').get(voteId));
      log(`one bit-tally scan ${tallyMs.toFixed(0)} ms; COUNT(*) scan ${countMs.toFixed(0)} ms`);

      const rows: BenchRow[] = [
        { benchmark: 'tally', metric: `close, ${BALLOTS / 1e6}M ballots × ${CANDIDATES}`, value: closeMs, target: TARGET_MS, note: agree ? 'counts verified' : 'COUNTS DIFFER' },
        { benchmark: 'tally', metric: 'one bit-tally scan', value: tallyMs, target: null },
        { benchmark: 'tally', metric: 'COUNT(*) scan', value: countMs, target: null },
      ];
      return rows;
    } finally {
      t.cleanup();
    }
  },
};
