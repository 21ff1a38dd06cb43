import type { Attendance, EventMessage, Meeting, Member, RuleSet } from '../../shared/contract';
import { createBody, makeTempRuntime, type TempRuntime } from '../unit/helpers';
import { checkEqual, mean, ms, percentile, type Benchmark, type BenchRow } from './types';
import { importDeputies } from '../fixtures';

/**
 * The sign-in desk of a large hall: 3,376 members on the roll, a badge scanner signing them in one after another.
 * Each sign-in goes through dispatch (validation, the service, its fsync'd transaction with the audit entry and the
 * attendance.changed event). Measured for the console's lean attendance.markOne (target 5 ms per sign-in) and for
 * the published attendance.mark, which still returns the whole sheet; plus the bytes each returns and publishes.
 */

const MEMBERS = 3376;
const MARK_SAMPLES = 300;
const WARMUP = 20;
const TARGET_MS = 5;

async function hall(t: TempRuntime, title: string, bodyId: number, ruleSetId: number): Promise<Meeting> {
  return (await t.ok('meetings.create', {
    bodyId,
    kind: 'district_midyear',
    ruleSetId,
    title,
    session: '第十八届第五次',
    date: '2026-03-10',
    startTime: '09:00',
    endTime: '12:00',
    venue: '区人民会堂',
    quarter: null,
  })) as Meeting;
}

export const signInBench: Benchmark = {
  name: 'sign-in',
  description: `sign in ${MEMBERS.toLocaleString('en')} members one by one through dispatch (fsync'd), attendance.markOne and attendance.mark`,
  async run(log) {
    const t = makeTempRuntime();
    try {
      const started = performance.now();
      const body = await createBody(t, '龙泉区人民代表大会', 'district_congress', '龙泉区');
      const members = await importDeputies(t, body.id, MEMBERS, { name: '名册.xlsx' });
      const ruleSetId = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find(
        (r) => r.key === 'district_midyear_session',
      )!.id;
      const lean = await hall(t, '龙泉区第十八届人民代表大会第五次会议', body.id, ruleSetId);
      const full = await hall(t, '龙泉区第十八届人民代表大会第五次会议（预备会议）', body.id, ruleSetId);
      log(`setup: ${members.length} members imported in ${(ms(started) / 1000).toFixed(1)} s`);

      let lastEvent: EventMessage | undefined;
      const off = t.rt.bus.subscribe((m) => {
        if (m.name === 'attendance.changed') lastEvent = m;
      });
      const signIn = async (method: 'attendance.markOne' | 'attendance.mark', meetingId: number, m: Member) => {
        const a = performance.now();
        const res = await t.call(method, { meetingId, membershipId: m.membershipId, status: 'present', reason: null });
        const took = ms(a);
        if (!res.ok) throw new Error(`${method} refused: ${res.error.message}`);
        return { took, bytes: Buffer.byteLength(JSON.stringify(res.data)) };
      };

      // markOne: every member, so the last sign-ins are at a full hall.
      const lean1: number[] = [];
      let leanBytes = 0;
      for (const [i, m] of members.entries()) {
        const r = await signIn('attendance.markOne', lean.id, m);
        if (i >= WARMUP) lean1.push(r.took);
        leanBytes = r.bytes;
      }
      const leanAtt = (await t.ok('attendance.get', { meetingId: lean.id })) as Attendance;
      checkEqual(leanAtt.summary.present, MEMBERS, 'present after every markOne');
      checkEqual(
        (lastEvent?.payload as { present?: number } | undefined)?.present,
        MEMBERS,
        '实到 in the last attendance.changed',
      );
      const eventBytes = Buffer.byteLength(JSON.stringify(lastEvent?.payload ?? null));
      log(
        `markOne × ${lean1.length}: mean ${mean(lean1).toFixed(2)} ms, p50 ${percentile(lean1, 50).toFixed(2)}, ` +
          `p99 ${percentile(lean1, 99).toFixed(2)}, max ${Math.max(...lean1).toFixed(2)}; returns ${leanBytes} B, event ${eventBytes} B`,
      );

      // mark (the published method, whole sheet): the last MARK_SAMPLES sign-ins of a full hall.
      const before = members.slice(0, MEMBERS - MARK_SAMPLES);
      const db = t.rt.db;
      const seed = db.prepare(
        "INSERT INTO attendance (meeting_id, membership_id, status, signed_in_at, late, updated_at) VALUES (?, ?, 'present', ?, 0, ?)",
      );
      const at = new Date().toISOString();
      db.transaction(() => before.forEach((m) => seed.run(full.id, m.membershipId, at, at)))();
      const fullSamples: number[] = [];
      let fullBytes = 0;
      for (const m of members.slice(MEMBERS - MARK_SAMPLES)) {
        const r = await signIn('attendance.mark', full.id, m);
        fullSamples.push(r.took);
        fullBytes = r.bytes;
      }
      off();
      const att = (await t.ok('attendance.get', { meetingId: full.id })) as Attendance;
      checkEqual(att.summary.present, MEMBERS, 'present after every mark');
      log(
        `mark × ${fullSamples.length} (from ${before.length} present): mean ${mean(fullSamples).toFixed(2)} ms, p50 ${percentile(fullSamples, 50).toFixed(2)}, ` +
          `p99 ${percentile(fullSamples, 99).toFixed(2)}; returns ${(fullBytes / 1024).toFixed(0)} KB (${att.summary.present}/${att.summary.expected} present)`,
      );

      const rows: BenchRow[] = [
        {
          benchmark: 'sign-in',
          metric: 'markOne p50',
          value: percentile(lean1, 50),
          target: TARGET_MS,
          note: `${MEMBERS} members, ${lean1.length} sign-ins`,
        },
        {
          benchmark: 'sign-in',
          metric: 'markOne p99',
          value: percentile(lean1, 99),
          target: TARGET_MS,
          note: `returns ${leanBytes} B, event ${eventBytes} B`,
        },
        {
          benchmark: 'sign-in',
          metric: 'mark p50',
          value: percentile(fullSamples, 50),
          target: null,
          note: 'published method, whole sheet',
        },
        {
          benchmark: 'sign-in',
          metric: 'mark p99',
          value: percentile(fullSamples, 99),
          target: null,
          note: `returns ${(fullBytes / 1024).toFixed(0)} KB`,
        },
      ];
      return rows;
    } finally {
      t.cleanup();
    }
  },
};
