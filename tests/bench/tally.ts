import { randomBytes } from 'node:crypto';
import type { ProjectVote, Recount } from '../../shared/contract';
import { createRuntime, type Runtime } from '../../electron/services/runtime';
import { makeTempRuntime } from '../unit/helpers';
import { check, ms, type Benchmark, type BenchRow } from './types';
import { setupProjectVote } from '../fixtures';

/**
 * Closing a 票决 round of 1,000,000 stored ballots over 20 candidates (target 100 ms), and an independent full
 * recount of it (target 1 s). The round is set up and opened through the API; the ballots are then written straight
 * into round_ballots (setup, not timed) and the round's frozen roll (its snapshot) made as large as the stack. A
 * fresh runtime is then started on the file, so the engine's start-up scan rebuilds the running tally, as after a
 * restart mid-vote: that scan is timed apart from the close. Per-project 赞成/反对/弃权 is the heaviest style to
 * count: three masks per ballot. Every figure is checked against the generated ballots (returned, valid, void, each
 * project's 赞成/反对/弃权, the ten chosen), so a bench that counted wrongly fails instead of reporting a fast time.
 */

const BALLOTS = 1_000_000;
const CANDIDATES = 20;
const SEATS = 10;
const CHUNK = 100_000;
const CLOSE_TARGET_MS = 100;
const RECOUNT_TARGET_MS = 1000;
/** Every 1000th ballot is void (a paper-like spoilt ballot), so valid ≠ returned is checked too. */
const VOID_EVERY = 1000;

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
  description: `close and recount a 票决 round of ${BALLOTS.toLocaleString('en')} stored ballots, ${CANDIDATES} candidates, per-project 赞成/反对/弃权`,
  async run(log) {
    const t = makeTempRuntime();
    let rt: Runtime | null = null;
    try {
      const s = await setupProjectVote(t, {
        deputies: 30,
        projects: CANDIDATES,
        seats: SEATS,
        style: 'approve',
        mode: 'electronic',
      });
      const voteId = s.vote.id;
      {
        const db = t.rt.db;
        // ---- setup (not timed): a million random ballots, a few void ----
        const random = rng(2025);
        const expected = { void: 0, rows: Array.from({ length: CANDIDATES }, () => ({ yes: 0, no: 0, abstain: 0 })) };
        const insert = db.prepare(
          'INSERT INTO round_ballots (round_id, ballot_id, box, yes, no, abstain, data, void) VALUES (?, ?, 0, ?, ?, ?, NULL, ?)',
        );
        const started = performance.now();
        let k = 0;
        const writeChunk = db.transaction((n: number) => {
          const ids = randomBytes(16 * n);
          for (let j = 0; j < n; j++, k++) {
            let yes = 0;
            let no = 0;
            let abstain = 0;
            const spoilt = k % VOID_EVERY === VOID_EVERY - 1;
            for (let i = 0, b = 1; i < CANDIDATES; i++, b *= 2) {
              // Candidate i: 赞成 35%…82.5%, then 反对, 弃权 or left blank.
              const r = random();
              const pYes = 0.35 + 0.025 * i;
              const row = expected.rows[i]!;
              if (r < pYes) {
                yes += b;
                if (!spoilt) row.yes++;
              } else if (r < pYes + 0.12) {
                no += b;
                if (!spoilt) row.no++;
              } else if (r < pYes + 0.17) {
                abstain += b;
                if (!spoilt) row.abstain++;
              }
            }
            if (spoilt) expected.void++;
            insert.run(voteId, ids.subarray(16 * j, 16 * (j + 1)), yes, no, abstain, spoilt ? 1 : 0);
          }
        });
        for (let done = 0; done < BALLOTS; done += CHUNK) writeChunk(Math.min(CHUNK, BALLOTS - done));
        // An electronic round issues one ballot per member on the roll frozen at open: make that roll as large as
        // the stack, as it would be had a million deputies signed in (the snapshot is the frozen 应到/实到).
        db.prepare(
          "UPDATE poll_rounds SET snapshot = json_set(snapshot, '$.present', ?, '$.expected', ?), issued = ? WHERE id = ?",
        ).run(BALLOTS, BALLOTS, BALLOTS, voteId);
        db.pragma('wal_checkpoint(TRUNCATE)');
        const pageSize = db.pragma('page_size', { simple: true }) as number;
        const pages = db.pragma('page_count', { simple: true }) as number;
        log(
          `setup: ${BALLOTS.toLocaleString('en')} ballots (${expected.void} void) inserted in ${(ms(started) / 1000).toFixed(1)} s; database ${((pageSize * pages) / 2 ** 20).toFixed(0)} MiB`,
        );
        t.rt.close();

        const agrees = (rows: { candidateId: number; yes: number; no: number; abstain: number }[]) =>
          rows.length === CANDIDATES &&
          s.projects.every((p, i) => {
            const row = rows.find((r) => r.candidateId === p.id);
            const e = expected.rows[i]!;
            return !!row && row.yes === e.yes && row.no === e.no && row.abstain === e.abstain;
          });

        // ---- timed: start-up with its scan of the open round, then the close ----
        const t0 = performance.now();
        rt = createRuntime(t.dir, { transport: 'http' });
        const startMs = ms(t0);

        // Called on the handler directly: the contract caps 发出选票数 at 100,000 (no congress issues more), so
        // dispatch would refuse issued = 1,000,000 before counting anything.
        const t1 = performance.now();
        const closed = (await rt.handlers['projectVotes.close'](
          { id: voteId, issued: BALLOTS },
          { actor: 'bench' },
        )) as ProjectVote;
        const closeMs = ms(t1);
        const res = closed.result!;
        const closeOk =
          closed.status === 'closed' &&
          closed.issued === BALLOTS &&
          res.returned === BALLOTS &&
          res.void === expected.void &&
          res.valid === BALLOTS - expected.void &&
          agrees(res.rows);
        log(
          `close: ${closeMs.toFixed(1)} ms — returned ${res.returned}, valid ${res.valid}, void ${res.void}; ` +
            `outcome ${res.outcome}, ${res.chosenIds.length} chosen; counts agree with the generated ballots: ${closeOk ? 'yes' : 'NO'}`,
        );
        check(
          closeOk,
          `the close counts ${BALLOTS} returned, ${BALLOTS - expected.void} valid, ${expected.void} void and each project's 赞成/反对/弃权 as generated`,
        );
        // Chosen: the SEATS with the most 赞成 among those past half of the valid ballots (the generated rates rise with the index).
        const expectChosen = s.projects
          .map((p, i) => ({ id: p.id, yes: expected.rows[i]!.yes }))
          .filter((x) => x.yes * 2 > BALLOTS - expected.void)
          .sort((a, b) => b.yes - a.yes)
          .slice(0, SEATS)
          .map((x) => x.id)
          .sort((a, b) => a - b);
        check(
          JSON.stringify([...res.chosenIds].sort((a, b) => a - b)) === JSON.stringify(expectChosen),
          `the ${SEATS} chosen are the projects with the most 赞成 (${expectChosen.join(',')}), got ${res.chosenIds.join(',')}`,
        );

        // ---- timed: the independent recount from the stored ballots ----
        const t2 = performance.now();
        const again = (await rt.handlers['polls.recount']({ id: voteId }, { actor: 'bench' })) as Recount;
        const recountMs = ms(t2);
        const recountOk = again.matches && again.returned === BALLOTS;
        log(
          `recount: ${recountMs.toFixed(0)} ms — returned ${again.returned}, matches the result on record: ${again.matches ? 'yes' : 'NO'}`,
        );
        check(recountOk, `the recount of ${BALLOTS} ballots matches the close (${again.differences.join('；')})`);

        // ---- start-up without an open round to scan: what the scan itself cost ----
        rt.close();
        const t3 = performance.now();
        rt = createRuntime(t.dir, { transport: 'http' });
        const bareStartMs = ms(t3);
        const countMs = (() => {
          const a = performance.now();
          const n = rt.db
            .prepare('SELECT COUNT(*) FROM round_ballots WHERE round_id = ?')
            .pluck()
            .get(voteId) as number;
          if (n !== BALLOTS) throw new Error(`round_ballots holds ${n} ballots, not ${BALLOTS}`);
          return ms(a);
        })();
        log(
          `start-up ${startMs.toFixed(0)} ms with the open round's scan, ` +
            `${bareStartMs.toFixed(0)} ms without: scan ≈ ${(startMs - bareStartMs).toFixed(0)} ms; bare COUNT(*) ${countMs.toFixed(0)} ms`,
        );

        const rows: BenchRow[] = [
          {
            benchmark: 'tally',
            metric: `close, ${BALLOTS / 1e6}M ballots × ${CANDIDATES}`,
            value: closeMs,
            target: CLOSE_TARGET_MS,
            note: 'counts and chosen verified',
          },
          {
            benchmark: 'tally',
            metric: `recount, ${BALLOTS / 1e6}M ballots × ${CANDIDATES}`,
            value: recountMs,
            target: RECOUNT_TARGET_MS,
            note: 'matches the close',
          },
          {
            benchmark: 'tally',
            metric: 'start-up scan of the open round',
            value: startMs - bareStartMs,
            target: null,
            note: `start-up ${startMs.toFixed(0)} ms, ${bareStartMs.toFixed(0)} ms without`,
          },
          { benchmark: 'tally', metric: 'COUNT(*) scan', value: countMs, target: null },
        ];
        return rows;
      }
    } finally {
      rt?.close();
      t.cleanup();
    }
  },
};
