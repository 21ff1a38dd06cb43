import type { AgendaItem, PaperBatch, ProjectVote, Vote } from '../../shared/contract';
import { parseBallotKeys, shortestKeys } from '../../shared/domain/ballot-keys';
import { bit, type BallotMarks } from '../../shared/domain/projects';
import { makeTempRuntime } from '../unit/helpers';
import { check, checkEqual, mean, ms, percentile, type Benchmark, type BenchRow } from './types';
import { setupProjectVote } from '../fixtures';

/**
 * Paper keying per style. 票决: one paper ballot keyed by projectVotes.paperEnter through dispatch (validation, the
 * service, and its fsync'd transaction with the audit entry), 500 times into each batch, target 16 ms each — one
 * frame, so the clerk never waits; then the close, whose 赞成 per project and chosen ten are checked against the
 * keyed stack. 表决 (motion) on paper: the clerk keys the three totals (votes.enterCounts) and closes; each result is
 * checked (赞成/反对/弃权 and passed). 测评 keying is the evaluation bench.
 */

const CALLS = 500;
/** Paper motions keyed and closed, each its own agenda item. */
const MOTIONS = 50;
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
    return {
      benchmark: 'paper-entry',
      metric: `keys: ${metric}`,
      value: k.keys.length,
      target,
      unit: 'keys',
      note: `“${k.keys}” + Enter; one by one ${k.oneByOne.length}`,
    };
  };
  const spread = (n: number, k: number, name: string): BenchRow => {
    const counts = [...subsets(n, k)].map((idx) => keysFor(n, choose(idx)).keys.length);
    const avg = counts.reduce((a, b) => a + b, 0) / counts.length;
    // reduce, not Math.max(...counts): 184 756 arguments overflow the stack.
    const max = counts.reduce((a, b) => Math.max(a, b), 0);
    log(`${name}: every one of ${counts.length} ballots, mean ${avg.toFixed(2)} keys, max ${max}`);
    return {
      benchmark: 'paper-entry',
      metric: `keys: ${name} (max)`,
      value: max,
      target: n === 12 ? TARGET_KEYS : null,
      unit: 'keys',
      note: `mean ${avg.toFixed(2)} over ${counts.length} ballots`,
    };
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
  description: `${CALLS} × projectVotes.paperEnter through dispatch (choose ${SEATS} of ${CANDIDATES}, fsync'd) and the close; ${MOTIONS} paper 表决 keyed as totals`,
  async run(log) {
    const t = makeTempRuntime();
    try {
      // As many present as ballots keyed: a close refuses more ballots returned than deputies present.
      const s = await setupProjectVote(t, {
        deputies: CALLS,
        projects: CANDIDATES,
        seats: SEATS,
        style: 'choose',
        mode: 'paper',
      });
      await t.ok('projectVotes.stopVoting', { id: s.vote.id });
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const yesOf = new Array<number>(CANDIDATES).fill(0);
      const stack = Array.from({ length: CALLS }, () => {
        const n = 1 + Math.floor(random() * SEATS);
        const picked = new Set<number>();
        // Candidate k is picked with weight rising in k, so the chosen ten are known: the higher numbers.
        while (picked.size < n) picked.add(1 + Math.floor(Math.sqrt(random()) * CANDIDATES));
        for (const k of picked) yesOf[k - 1]!++;
        return [...picked].join(' ');
      });
      const enter = async (batch: 1 | 2, keys: string) => {
        const res = await t.call('projectVotes.paperEnter', { id: s.vote.id, batch, keys });
        if (!res.ok) throw new Error(`paperEnter refused: ${res.error.message}`);
        return res.data as PaperBatch;
      };
      // Warm-up on the second batch (statements compiled, pages cached) with the stack's first ballots, which
      // batch 2 then continues with; not counted.
      for (let i = 0; i < WARMUP; i++) await enter(2, stack[i]!);
      const samples: number[] = [];
      let last: PaperBatch | undefined;
      for (const keys of stack) {
        const a = performance.now();
        last = await enter(1, keys);
        samples.push(ms(a));
      }
      checkEqual(last?.count, CALLS, 'ballots in batch 1');
      for (const keys of stack.slice(WARMUP)) await enter(2, keys);
      const first100 = mean(samples.slice(0, 100));
      const last100 = mean(samples.slice(-100));
      log(
        `${CALLS} ballots keyed (batch 1 now ${last?.count}); mean ${mean(samples).toFixed(2)} ms, ` +
          `p50 ${percentile(samples, 50).toFixed(2)}, p99 ${percentile(samples, 99).toFixed(2)}, max ${Math.max(...samples).toFixed(2)}`,
      );
      log(
        `first 100 mean ${first100.toFixed(2)} ms, last 100 mean ${last100.toFixed(2)} ms (each call re-reads its whole batch for the clerk's summary)`,
      );

      // ---- the close: both batches agree, every project's 赞成 as keyed, the ten with most chosen ----
      const c0 = performance.now();
      const closed = (await t.ok('projectVotes.close', { id: s.vote.id, issued: CALLS })) as ProjectVote;
      const closeMs = ms(c0);
      const res = closed.result!;
      checkEqual(res.returned, CALLS, '票决 ballots returned');
      checkEqual(res.valid, CALLS, '票决 valid ballots');
      for (const [i, p] of s.projects.entries())
        checkEqual(res.rows.find((r) => r.candidateId === p.id)?.yes, yesOf[i], `赞成 for project ${i + 1}`);
      const passing = s.projects
        .map((p, i) => ({ id: p.id, yes: yesOf[i]! }))
        .filter((x) => x.yes * 2 > CALLS)
        .sort((a, b) => b.yes - a.yes);
      const tiedAtCut = passing.length > SEATS && passing[SEATS - 1]!.yes === passing[SEATS]!.yes;
      if (!tiedAtCut) {
        const want = passing
          .slice(0, SEATS)
          .map((x) => x.id)
          .sort((a, b) => a - b);
        check(
          JSON.stringify([...res.chosenIds].sort((a, b) => a - b)) === JSON.stringify(want),
          `the chosen are the ${want.length} passing with most 赞成 (${want.join(',')}), got ${res.chosenIds.join(',')}`,
        );
      }
      log(
        `close: ${closeMs.toFixed(1)} ms — ${res.valid} valid, ${res.chosenIds.length} chosen; 赞成 per project agree with the keyed stack`,
      );

      // ---- 表决 on paper: the three totals keyed, then the close ----
      const enterSamples: number[] = [];
      const closeSamples: number[] = [];
      for (let i = 0; i < MOTIONS; i++) {
        const item = (await t.ok('agenda.add', {
          meetingId: s.meeting.id,
          kind: 'motion',
          title: `关于第${i + 1}项议题的决定`,
        })) as AgendaItem;
        const vote = (await t.ok('votes.create', {
          agendaItemId: item.id,
          title: null,
          mode: 'paper',
          secrecy: 'secret',
        })) as Vote;
        await t.ok('votes.open', { id: vote.id });
        // Alternately well past and well short of half of the 500 members, so passed is known.
        const yes = i % 2 ? 150 + i : 400 - i;
        const no = Math.floor((CALLS - yes) / 2);
        const abstain = CALLS - yes - no - (i % 3);
        const a = performance.now();
        const r1 = await t.call('votes.enterCounts', { id: vote.id, yes, no, abstain });
        enterSamples.push(ms(a));
        if (!r1.ok) throw new Error(`enterCounts refused: ${r1.error.message}`);
        const b = performance.now();
        const done = (await t.ok('votes.close', { id: vote.id })) as Vote;
        closeSamples.push(ms(b));
        const m = done.result!;
        check(
          m.yes === yes && m.no === no && m.abstain === abstain,
          `表决 ${i + 1}: 赞成${yes} 反对${no} 弃权${abstain}, got 赞成${m.yes} 反对${m.no} 弃权${m.abstain}`,
        );
        checkEqual(m.passed, yes * 2 > CALLS, `表决 ${i + 1} passed (赞成${yes} of ${CALLS})`);
      }
      log(
        `${MOTIONS} paper motions: enterCounts p50 ${percentile(enterSamples, 50).toFixed(2)} ms, p99 ${percentile(enterSamples, 99).toFixed(2)}; ` +
          `close p50 ${percentile(closeSamples, 50).toFixed(2)} ms, p99 ${percentile(closeSamples, 99).toFixed(2)}; results verified`,
      );

      const rows: BenchRow[] = [
        ...keystrokeRows(log),
        {
          benchmark: 'paper-entry',
          metric: '票决 paperEnter mean',
          value: mean(samples),
          target: TARGET_MS,
          note: `${CALLS} calls, 20选10`,
        },
        { benchmark: 'paper-entry', metric: '票决 paperEnter p50', value: percentile(samples, 50), target: TARGET_MS },
        { benchmark: 'paper-entry', metric: '票决 paperEnter p99', value: percentile(samples, 99), target: TARGET_MS },
        { benchmark: 'paper-entry', metric: '票决 paperEnter max', value: Math.max(...samples), target: null },
        {
          benchmark: 'paper-entry',
          metric: `票决 close, ${CALLS} paper ballots × 2 batches`,
          value: closeMs,
          target: null,
          note: '赞成 per project and chosen verified',
        },
        {
          benchmark: 'paper-entry',
          metric: '表决 enterCounts p99',
          value: percentile(enterSamples, 99),
          target: TARGET_MS,
          note: `${MOTIONS} paper motions`,
        },
        {
          benchmark: 'paper-entry',
          metric: '表决 close p99',
          value: percentile(closeSamples, 99),
          target: TARGET_MS,
          note: '赞成/反对/弃权 and passed verified',
        },
      ];
      return rows;
    } finally {
      t.cleanup();
    }
  },
};
