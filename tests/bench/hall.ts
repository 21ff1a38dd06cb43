import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import type { Vote } from '../../shared/contract';
import { createHost } from '../../electron/host/server';
import { groupCommitter } from '../../electron/services/group-commit';
import { lanListener } from '../../electron/host/lan-server';
import { adminHttpCaller, closedLoop, lanHttpCaller, openLoop, percentile, type LoadResult } from '../../electron/services/load-generator';
import { makeTempRuntime } from '../unit/helpers';
import { hallSession } from './hall-session';
import { profiled } from './profile';
import type { Benchmark, BenchRow } from './types';

/**
 * A hall of 3,376 (issue 13, Performance), over HTTP on loopback through the admin API (the LAN route will take the
 * same engine entry point): 3,376 sign-ins from four desks, then 3,376 terminals casting into a secret vote within
 * one second while 1,000 screens follow GET /api/events, then the close and the time until every screen has the
 * result. The load comes from electron/services/load-generator.ts, the module the rehearsal (演练) reuses; with
 * `via: 'lan'` (hall-lan below, or YISHITAI_BENCH_VIA=lan) the casts go as a phone sends them, sealed to the LAN
 * listener — the caller the rehearsal uses.
 * It prints figures against targets; it never asserts.
 */

const DEPUTIES = 3376;
const SUBSCRIBERS = 1000;
const DESKS = 4;
const TARGET = { castP99: 250, closeToResult: 1000, signInP99: 50, signInWall: 60_000 };

/** Screens: count frames, and note when each first sees the vote closed. Plain JS for a worker (eval). */
const SCREENS = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { port, count, token } = workerData;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const agent = new http.Agent({ keepAlive: true, maxSockets: count + 16 });
let connected = 0, frames = 0, closed = 0, closedLast = 0;
const reqs = [];
for (let i = 0; i < count; i++) {
  let seenClosed = false, buf = '', first = true;
  const req = http.get({ host: '127.0.0.1', port, path: '/api/events', agent, headers: { Accept: 'text/event-stream', Authorization: 'Bearer ' + token } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      if (first) { first = false; if (++connected === count) parentPort.postMessage({ type: 'ready' }); }
      buf += chunk;
      let at;
      while ((at = buf.indexOf('\\n\\n')) >= 0) {
        const frame = buf.slice(0, at); buf = buf.slice(at + 2);
        if (frame.startsWith(':') || frame.startsWith('retry')) continue;
        frames++;
        if (!seenClosed && frame.startsWith('event: vote.changed') && frame.includes('"status":"closed"')) {
          seenClosed = true; closedLast = now();
          if (++closed === count) parentPort.postMessage({ type: 'closed', at: closedLast });
        }
      }
    });
    res.on('error', () => {});
  });
  req.on('error', (e) => parentPort.postMessage({ type: 'error', message: String(e && e.message) }));
  reqs.push(req);
}
parentPort.on('message', (m) => {
  if (m.type === 'frames') parentPort.postMessage({ type: 'frames', frames });
  if (m.type === 'stop') { for (const r of reqs) r.destroy(); agent.destroy(); parentPort.close(); }
});
`;

const hr = () => Number(process.hrtime.bigint()) / 1e6;
const f1 = (v: number) => v.toFixed(1);
const verdict = (v: number, target: number) => (v <= target ? '达标' : '未达标');

export async function runHall(log: (line: string) => void, o: { deputies?: number; subscribers?: number; castSpreadMs?: number; via?: 'admin' | 'lan' } = {}): Promise<BenchRow[]> {
  const via = o.via ?? (process.env.YISHITAI_BENCH_VIA === 'lan' ? 'lan' : 'admin');
  const deputies = o.deputies ?? DEPUTIES;
  const subscribers = o.subscribers ?? SUBSCRIBERS;
  const spread = o.castSpreadMs ?? 1000;
  const token = randomBytes(16).toString('hex');
  const t = makeTempRuntime();
  const app = await createHost(t.rt, { adminToken: token });
  let worker: Worker | null = null;
  const lan = lanListener(t.rt, { host: '127.0.0.1' });
  const rows: BenchRow[] = [];
  try {
    const setupAt = hr();
    const { members, meeting, item } = await hallSession(t, deputies);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as AddressInfo).port;
    log(`setup: ${members.length} deputies imported, host on 127.0.0.1:${port} (${f1((hr() - setupAt) / 1000)} s)`);

    // ---- 3,376 sign-ins from four desks, each sending the next when the last is answered ----
    const desks = adminHttpCaller({ port, token, maxSockets: DESKS });
    const signIns = await closedLoop(DESKS, members.length, async (i) => (await desks('attendance.markOne', { meetingId: meeting.id, membershipId: members[i]!.membershipId, status: 'present' })).status === 200);
    desks.close();
    report(log, rows, 'sign-in', `${members.length}次签到（${DESKS}个签到台）`, signIns, TARGET.signInP99);
    rows.push({ benchmark: 'hall', metric: `${members.length}次签到总用时`, value: signIns.wallMs, target: TARGET.signInWall });
    log(`  总用时 ${f1(signIns.wallMs / 1000)} s（目标一分钟内）：${verdict(signIns.wallMs, TARGET.signInWall)}`);

    await t.ok('meetings.open', { id: meeting.id });
    const vote = (await t.ok('votes.create', { agendaItemId: item.id, title: null, mode: 'electronic', secrecy: 'secret' })) as Vote;
    await t.ok('votes.open', { id: vote.id });

    // ---- 1,000 screens ----
    const w = new Worker(SCREENS, { eval: true, workerData: { port, count: subscribers, token } });
    worker = w;
    const waits: { type: string; resolve: (m: { at?: number; frames?: number }) => void }[] = [];
    const errors: string[] = [];
    w.on('message', (m: { type: string; at?: number; frames?: number; message?: string }) => {
      if (m.type === 'error') errors.push(m.message ?? '');
      for (const x of waits.filter((x) => x.type === m.type)) { waits.splice(waits.indexOf(x), 1); x.resolve(m); }
    });
    const next = (type: string, ms: number) => new Promise<{ at?: number; frames?: number } | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), ms);
      waits.push({ type, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
    if (!(await next('ready', 60_000))) throw new Error(`screens did not connect: ${errors[0] ?? 'timeout'}`);
    log(`${subscribers} screens subscribed to /api/events`);
    w.postMessage({ type: 'frames' });
    const framesBefore = (await next('frames', 10_000))?.frames ?? 0;

    // ---- 3,376 casts due within one second: over the admin API, or sealed to the LAN listener as phones send them ----
    const choices = ['yes', 'yes', 'yes', 'no', 'abstain'] as const;
    let casts: LoadResult;
    if (via === 'lan') {
      await lan.start(0);
      const creds = members.map((m) => t.rt.lan.credentials.codesOf(meeting.id, m.membershipId).terminal);
      const phones = lanHttpCaller({ port: lan.port()!, hostPublicKey: t.rt.lan.credentials.hostPublicKey, maxSockets: 512 });
      log(`casts sealed to the LAN listener on 127.0.0.1:${lan.port()} (terminal.cast)`);
      casts = await profiled(process.env.CAST_PROFILE, 'hall-casts', () => openLoop(members.length, spread, async (i) => {
        const reply = await phones('terminal.cast', creds[i]!, { roundId: vote.id, idempotencyKey: `bench-${i}-${randomBytes(6).toString('hex')}`, ballot: { choice: choices[i % choices.length] } });
        if (!reply.ok) throw new Error(reply.message);
        return true;
      }));
      phones.close();
    } else {
      const terminals = adminHttpCaller({ port, token, maxSockets: 512 });
      casts = await profiled(process.env.CAST_PROFILE, 'hall-casts', () => openLoop(members.length, spread, async (i) => {
        const res = await terminals('votes.cast', { id: vote.id, membershipId: members[i]!.membershipId, choice: choices[i % choices.length] });
        if (res.status !== 200) throw new Error(`${res.status} ${res.body.slice(0, 120)}`);
        return true;
      }));
      terminals.close();
    }
    const g = groupCommitter(t.rt.db).stats;
    log(`  group commit: ${g.writes} writes in ${g.groups} transactions (largest ${g.largest})`);
    report(log, rows, 'cast', `${members.length}张无记名票（${spread} ms内发出）`, casts, TARGET.castP99);
    log(`  全部接受：${casts.accepted === members.length ? '是' : `否（${casts.accepted}/${members.length}）`}；最后一张确认于开始后 ${f1(casts.wallMs)} ms`);
    rows.push({ benchmark: 'hall', metric: 'casts accepted', value: members.length - casts.accepted, target: 0, unit: 'keys', note: `${casts.accepted}/${members.length} accepted (value = refused)` });
    await new Promise((r) => setTimeout(r, 300));
    w.postMessage({ type: 'frames' });
    const framesAfter = (await next('frames', 10_000))?.frames ?? 0;
    log(`  屏幕共收到 ${(framesAfter - framesBefore).toLocaleString('en')} 帧事件（${subscribers}个屏幕，平均每屏 ${f1((framesAfter - framesBefore) / subscribers)} 帧）`);

    // ---- close: until every screen has the closed vote, and the result can be read ----
    const admin = adminHttpCaller({ port, token, maxSockets: 2 });
    const closedOnScreens = next('closed', 30_000);
    const closeAt = hr();
    const closed = await admin('votes.close', { id: vote.id });
    const closeAnswered = hr() - closeAt;
    const got = await admin('votes.get', { id: vote.id });
    const readable = hr() - closeAt;
    const screens = await closedOnScreens;
    admin.close();
    const result = (JSON.parse(got.body) as Vote).result;
    log(`close: answered in ${f1(closeAnswered)} ms (${closed.status}); result readable (votes.get) ${f1(readable)} ms after close; result ${JSON.stringify(result)}`);
    const onScreens = screens?.at !== undefined ? screens.at - closeAt : NaN;
    log(`  all ${subscribers} screens had the closed vote ${f1(onScreens)} ms after close — 目标 < ${TARGET.closeToResult} ms：${verdict(Math.max(readable, onScreens), TARGET.closeToResult)}`);
    rows.push({ benchmark: 'hall', metric: 'close → result readable', value: readable, target: TARGET.closeToResult, note: verdict(readable, TARGET.closeToResult) });
    rows.push({ benchmark: 'hall', metric: `close → on ${subscribers} screens`, value: onScreens, target: TARGET.closeToResult, note: verdict(onScreens, TARGET.closeToResult) });
    return rows;
  } finally {
    worker?.postMessage({ type: 'stop' });
    await worker?.terminate();
    await lan.stop();
    await app.close();
    t.cleanup();
  }
}

function report(log: (line: string) => void, rows: BenchRow[], metric: string, label: string, r: LoadResult, target: number) {
  const p50 = percentile(r.latencies, 50);
  const p99 = percentile(r.latencies, 99);
  const max = Math.max(...r.latencies);
  log(`${label}: ${r.accepted} accepted, ${r.refused} refused${r.errors.length ? ` (${r.errors[0]})` : ''} in ${f1(r.wallMs)} ms; ack p50 ${f1(p50)} ms, p99 ${f1(p99)} ms, max ${f1(max)} ms — 目标 p99 < ${target} ms：${verdict(p99, target)}`);
  rows.push({ benchmark: 'hall', metric: `${metric} p50`, value: p50, target: null }, { benchmark: 'hall', metric: `${metric} p99`, value: p99, target, note: verdict(p99, target) }, { benchmark: 'hall', metric: `${metric} max`, value: max, target: null });
}

export const hallBench: Benchmark = {
  name: 'hall',
  description: `a hall of ${DEPUTIES.toLocaleString('en')} over HTTP: sign-ins from ${DESKS} desks, casts into a secret vote within 1 s with ${SUBSCRIBERS} screens subscribed, close → result`,
  run: (log) => runHall(log),
};

/** The same hall with the casts sealed to the LAN listener (terminal.cast over HTTP), the rehearsal's path. */
export const hallLanBench: Benchmark = {
  name: 'hall-lan',
  description: `the hall of ${DEPUTIES.toLocaleString('en')} with each cast sealed to the LAN listener as a phone sends it (the rehearsal's load path)`,
  run: (log) => runHall(log, { via: 'lan' }),
};
