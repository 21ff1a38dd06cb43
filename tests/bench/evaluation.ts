import type { AgendaItem, Meeting, PaperBatch, PollRound, Recount, RuleSet } from '../../shared/contract';
import type { RatingResult } from '../../shared/domain/evaluation';
import { createBody, makeTempRuntime } from '../unit/helpers';
import { check, mean, ms, percentile, type Benchmark, type BenchRow } from './types';
import { importDeputies } from '../fixtures';

/**
 * A 满意度测评 of 75 items (a county evaluated 6 议案 and 69 建议 on one ballot in 2019) by 300 deputies, on paper,
 * through the engine as the host runs it: each ballot keyed by `polls.paperEnter` through dispatch (validation, the
 * engine, its fsync'd transaction with the audit entry), both batches; then `polls.close` and `polls.recount`.
 * Keying must show the next empty ballot within a frame (p99 16 ms); the close, 50 ms. The counts at close are
 * checked against the generated stack (some items void on some ballots), so a bench that counted wrongly fails.
 */
const BALLOTS = 300;
const ITEMS = 75;
const WARMUP = 10;
const KEY_TARGET_MS = 16;
const CLOSE_TARGET_MS = 50;

export const evaluationBench: Benchmark = {
  name: 'evaluation',
  description: `满意度测评: ${BALLOTS} paper ballots × ${ITEMS} items keyed twice by polls.paperEnter, then polls.close`,
  async run(log) {
    const t = makeTempRuntime();
    try {
      const body = await createBody(t, '沾益区人民代表大会');
      const deputies = await importDeputies(t, body.id, BALLOTS + 20);
      const ruleSets = (await t.ok('ruleSets.list', {})) as RuleSet[];
      const ruleSetId = ruleSets.find((r) => r.key === 'district_midyear_session')!.id;
      const m = (await t.ok('meetings.create', {
        bodyId: body.id,
        kind: 'district_midyear',
        ruleSetId,
        title: '沾益区人大2025年年中会议',
        date: '2025-07-18',
      })) as Meeting;
      for (const d of deputies.slice(0, BALLOTS))
        await t.ok('attendance.mark', { meetingId: m.id, membershipId: d.membershipId, status: 'present' });
      const item = (await t.ok('agenda.add', {
        meetingId: m.id,
        kind: 'evaluation',
        title: '对代表建议、议案办理情况进行满意度测评',
      })) as AgendaItem;
      await t.ok('meetings.open', { id: m.id });
      const items = Array.from({ length: ITEMS }, (_v, i) => ({
        kind: i < 6 ? ('motion_handling' as const) : ('suggestion' as const),
        number: String(i + 1),
        title: `第${i + 1}号${i < 6 ? '议案' : '建议'}办理情况`,
        department: '区政府办公室',
      }));
      let r = (await t.ok('evaluations.create', {
        agendaItemId: item.id,
        style: 'rating',
        mode: 'paper',
        items,
      })) as PollRound;
      await t.ok('polls.open', { id: r.id });
      await t.ok('polls.stopVoting', { id: r.id });

      // The stack: mostly 满意, some 基本满意 and 不满意, and one item in 50 void (9).
      let seed = 7;
      const digit = () => '111111223339'[(seed = (seed * 48271) % 2147483647) % 12]!;
      const stack = Array.from({ length: BALLOTS }, () => Array.from({ length: ITEMS }, digit).join(''));
      const expect = Array.from({ length: ITEMS }, (_v, i) => ({ s: 0, b: 0, u: 0, v: 0, at: i }));
      for (const b of stack)
        for (let i = 0; i < ITEMS; i++) {
          const e = expect[i]!;
          (({ 1: () => e.s++, 2: () => e.b++, 3: () => e.u++, 9: () => e.v++ }) as Record<string, () => void>)[
            b[i]!
          ]!();
        }

      const enter = async (batch: 1 | 2, keys: string) => {
        const res = await t.call('polls.paperEnter', { id: r.id, batch, keys });
        if (!res.ok) throw new Error(`paperEnter refused: ${res.error.message}`);
        return res.data as PaperBatch;
      };
      // Warm-up on the second batch, then corrected in place (seq) by the real stack below; not counted.
      for (let i = 0; i < WARMUP; i++) await enter(2, stack[i]!);
      const samples: number[] = [];
      let last: PaperBatch | undefined;
      for (const keys of stack) {
        const a = performance.now();
        last = await enter(1, keys);
        samples.push(ms(a));
      }
      for (const keys of stack.slice(WARMUP)) await enter(2, keys);
      const keyedOk = last?.count === BALLOTS && last.valid === BALLOTS;
      check(keyedOk, `batch 1 holds ${BALLOTS} ballots, all valid (count ${last?.count}, valid ${last?.valid})`);
      log(
        `${BALLOTS} ballots × ${ITEMS} keyed (batch 1 count ${last?.count}, valid ${last?.valid}); mean ${mean(samples).toFixed(2)} ms, ` +
          `p50 ${percentile(samples, 50).toFixed(2)}, p99 ${percentile(samples, 99).toFixed(2)}, max ${Math.max(...samples).toFixed(2)}`,
      );

      const t0 = performance.now();
      const res = await t.call('polls.close', { id: r.id, issued: BALLOTS });
      const closeMs = ms(t0);
      if (!res.ok) throw new Error(`close refused: ${res.error.message}`);
      r = res.data as PollRound;
      const result = r.result as RatingResult;
      const closeOk =
        result.returned === BALLOTS &&
        result.valid === BALLOTS &&
        result.items.length === ITEMS &&
        result.items.every(
          (x, i) =>
            x.satisfied === expect[i]!.s &&
            x.basically === expect[i]!.b &&
            x.unsatisfied === expect[i]!.u &&
            x.void === expect[i]!.v,
        ) &&
        (r.announcement ?? '').startsWith(`本次测评应到`) &&
        (r.announcement ?? '').includes(`发出测评票${BALLOTS}张，收回${BALLOTS}张，有效${BALLOTS}张。`);
      check(
        closeOk,
        `the close counts ${BALLOTS} returned and valid, and each item's 满意/基本满意/不满意/无效 as keyed`,
      );
      log(
        `close: ${closeMs.toFixed(1)} ms — returned ${result.returned}, valid ${result.valid}, ${result.items.length} items; ` +
          `counts per item agree with the stack: ${closeOk ? 'yes' : 'NO'}; first item ${result.items[0]?.satisfiedRate.text}`,
      );

      const t1 = performance.now();
      const again = (await t.ok('polls.recount', { id: r.id })) as Recount;
      const recountMs = ms(t1);
      log(`recount: ${recountMs.toFixed(1)} ms, matches: ${again.matches ? 'yes' : 'NO'}`);
      check(
        again.matches && again.returned === BALLOTS,
        `the recount matches the close (${again.differences.join('；')})`,
      );

      const rows: BenchRow[] = [
        {
          benchmark: 'evaluation',
          metric: `paperEnter ${ITEMS} items p99`,
          value: percentile(samples, 99),
          target: KEY_TARGET_MS,
          note: `${BALLOTS} calls, mean ${mean(samples).toFixed(2)}`,
        },
        { benchmark: 'evaluation', metric: `paperEnter ${ITEMS} items max`, value: Math.max(...samples), target: null },
        {
          benchmark: 'evaluation',
          metric: `close ${BALLOTS} × ${ITEMS}`,
          value: closeMs,
          target: CLOSE_TARGET_MS,
          note: 'counts verified',
        },
        {
          benchmark: 'evaluation',
          metric: `recount ${BALLOTS} × ${ITEMS}`,
          value: recountMs,
          target: null,
          note: 'matches',
        },
        {
          benchmark: 'evaluation',
          metric: `keys per ${ITEMS}-item ballot`,
          value: ITEMS + 1,
          target: ITEMS + 1,
          unit: 'keys',
          note: 'one digit per item, then Enter',
        },
      ];
      return rows;
    } finally {
      t.cleanup();
    }
  },
};
