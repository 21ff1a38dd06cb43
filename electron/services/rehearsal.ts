import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, type MethodName, type ParsedInput } from '../../shared/contract';
import { rehearsalKindLabels, type RehearsalKind, type RehearsalStatus } from '../../shared/contract/rehearsal-api';
import { DB_FILE_NAME } from '../db/open';
import { meetingStatusRow } from '../db/tables/meetings';
import { twoStep, type WriteContext } from './change';
import type { ServiceDeps } from './context';
import { dispatch } from './dispatch';
import type { LanListener } from './lan-control';
import { emptyResult, lanHttpCaller, openLoop, percentile, type LoadResult } from './load-generator';
import type { Runtime } from './runtime';

/**
 * 演练 (issue 13 item 7). The sandbox is a copy of the whole data file taken with SQLite's `VACUUM INTO` into
 * <data>/rehearsal/<id>/, opened as a runtime of its own (its own LAN secret and key, so real slips do not work
 * there and rehearsal codes do not work in the real hall), with its own LAN listener on a port of its own.
 * Why a file copy and not the meeting package: an export writes to the real file (a meeting_packages row and an
 * audit entry) and is refused while a secret round is open, and the import merges into a database that must already
 * hold the body and its roster; `VACUUM INTO` is one statement, reads only, and gives a consistent snapshot.
 *
 * In the copy the meeting is opened with everyone on its roll signed in, one round of the chosen kind is opened,
 * and the first N deputies of the roll cast through the LAN listener over HTTP, sealed as a phone seals them, by
 * the load generator the hall bench uses (./load-generator.ts). The real database gets only the audit entries
 * rehearsal.start and rehearsal.stop (the latter with the figures).
 */

export const REHEARSAL_DIR = 'rehearsal';
export const REHEARSAL_ACTOR = '演练';

/** What the host supplies: a LAN listener for a sandbox runtime (electron/host/lan-server.ts lanListener). */
export type SandboxListener = (rt: Runtime) => LanListener;

export class RehearsalControl {
  private listen: SandboxListener | null = null;
  /** Closes a running rehearsal's sandbox when the app or host shuts down (set by rehearsalService). */
  shutdown: () => void = () => undefined;
  /** `open`: a runtime on another data folder (runtime.ts supplies createRuntime). */
  constructor(readonly open: ((dataDir: string) => Runtime) | null) {}
  attach(l: SandboxListener): void {
    this.listen = l;
  }
  get available(): boolean {
    return !!this.open && !!this.listen;
  }
  listenerFor(rt: Runtime): LanListener {
    if (!this.listen)
      throw new AppError('CONFLICT', '本运行方式不能演练：请使用桌面应用，或以主机方式运行（npm run serve）');
    return this.listen(rt);
  }
}

interface Running {
  dir: string;
  rt: Runtime;
  meetingId: number;
  meetingTitle: string;
  kind: RehearsalKind;
  terminals: number;
  rate: number;
  startedAt: number;
  result: LoadResult;
  done: Promise<void>;
  finished: boolean;
  stopping: boolean;
  terminalUrl: string | null;
  run?: () => void;
}

const idle = (available: boolean): RehearsalStatus => ({
  running: false,
  available,
  meetingId: null,
  meetingTitle: null,
  kind: null,
  terminals: 0,
  ratePerSecond: 0,
  answered: 0,
  accepted: 0,
  refused: 0,
  p50Ms: null,
  p95Ms: null,
  p99Ms: null,
  errors: [],
  elapsedMs: 0,
  finished: false,
  terminalUrl: null,
});
const ms = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);

export function rehearsalService(deps: ServiceDeps, control: RehearsalControl) {
  const { db } = deps;
  let current: Running | null = null;
  // On shutdown a running rehearsal's sandbox goes with the app: no audit entry (the file is closing), folder deleted.
  control.shutdown = () => {
    const c = current;
    current = null;
    if (!c) return;
    c.stopping = true;
    void c.rt.lan.control.stop().catch(() => undefined);
    c.rt.close();
    fs.rmSync(c.dir, { recursive: true, force: true });
  };
  /** A start under way (between the copy and the audit entry): a second one is refused meanwhile. */
  let starting = false;

  function status(): RehearsalStatus {
    const c = current;
    if (!c) return idle(control.available);
    const r = c.result;
    return {
      running: true,
      available: control.available,
      meetingId: c.meetingId,
      meetingTitle: c.meetingTitle,
      kind: c.kind,
      terminals: c.terminals,
      ratePerSecond: c.rate,
      answered: r.accepted + r.refused,
      accepted: r.accepted,
      refused: r.refused,
      p50Ms: ms(percentile(r.latencies, 50)),
      p95Ms: ms(percentile(r.latencies, 95)),
      p99Ms: ms(percentile(r.latencies, 99)),
      errors: [...r.errors],
      elapsedMs: Math.round(c.finished ? r.wallMs : performance.now() - c.startedAt),
      finished: c.finished,
      terminalUrl: c.terminalUrl,
    };
  }

  /** Calls a method of the sandbox; its refusal becomes the rehearsal's, in Chinese. */
  async function sandboxCall<T>(rt: Runtime, name: MethodName, input: unknown): Promise<T> {
    const res = await dispatch(rt.handlers, name, input, { actor: REHEARSAL_ACTOR });
    if (!res.ok)
      throw new AppError(
        res.error.code === 'VALIDATION' ? 'CONFLICT' : res.error.code,
        `演练准备失败：${res.error.message}`,
        'meetingId',
      );
    return res.data as T;
  }

  /** The round of the chosen kind, opened in the sandbox, and the ballot the i-th terminal casts. */
  async function openRound(
    rt: Runtime,
    meeting: { id: number; bodyId: number; date: string },
    kind: RehearsalKind,
  ): Promise<{ roundId: number; ballot(i: number): unknown }> {
    const call = <T>(name: MethodName, input: unknown) => sandboxCall<T>(rt, name, input);
    const item = await call<{ id: number }>('agenda.add', {
      meetingId: meeting.id,
      kind,
      title: `演练${rehearsalKindLabels[kind]}（模拟终端）`,
    });
    if (kind === 'motion') {
      const v = await call<{ id: number }>('votes.create', {
        agendaItemId: item.id,
        title: null,
        mode: 'electronic',
        secrecy: 'secret',
      });
      await call('votes.open', { id: v.id });
      const choices = ['yes', 'yes', 'yes', 'no', 'abstain'];
      return { roundId: v.id, ballot: (i) => ({ choice: choices[i % choices.length] }) };
    }
    if (kind === 'evaluation') {
      const items = Array.from({ length: 10 }, (_, i) => ({ kind: 'free', title: `演练测评项目${i + 1}` }));
      const r = await call<{ id: number }>('evaluations.create', {
        agendaItemId: item.id,
        title: null,
        style: 'rating',
        mode: 'electronic',
        items,
        scrutineers: ['演练监票'],
        counters: ['演练计票'],
      });
      await call('polls.open', { id: r.id });
      const ratings = ['satisfied', 'satisfied', 'basically', 'unsatisfied'];
      return { roundId: r.id, ballot: (i) => ({ ratings: items.map((_, k) => ratings[(i + k) % ratings.length]) }) };
    }
    const year = Number(meeting.date.slice(0, 4));
    const list = await call<{ id: number }>('projectLists.create', {
      bodyId: meeting.bodyId,
      year,
      title: '演练候选项目',
      seats: 3,
      sameYear: true,
    });
    for (let k = 1; k <= 5; k++) await call('projects.add', { listId: list.id, name: `演练项目${k}` });
    await call('projectLists.adopt', { id: list.id, by: 'directors', on: meeting.date, ref: '演练' });
    const pv = await call<{ id: number }>('projectVotes.create', {
      listId: list.id,
      agendaItemId: item.id,
      style: 'choose',
      mode: 'electronic',
      scrutineers: ['演练监票'],
      counters: ['演练计票'],
    });
    await call('projectVotes.open', { id: pv.id });
    const ids = (await call<{ projects: { id: number }[] }>('projectLists.get', { id: list.id })).projects.map(
      (p) => p.id,
    );
    return { roundId: pv.id, ballot: (i) => ({ marks: { yes: [ids[i % 5]!, ids[(i + 1) % 5]!] } }) };
  }

  async function prepare(input: ParsedInput<'rehearsals.start'>): Promise<Running> {
    if (current || starting) throw new AppError('CONFLICT', '已有一场演练正在进行：请先结束演练，再开始新的演练');
    if (!control.open || !control.available)
      throw new AppError('CONFLICT', '本运行方式不能演练：请使用桌面应用，或以主机方式运行（npm run serve）');
    const row = meetingStatusRow(db, input.meetingId);
    const m = row && { id: input.meetingId, title: row.title, status: row.status };
    if (!m) throw new AppError('NOT_FOUND', `找不到编号为${input.meetingId}的会议`, 'meetingId');
    if (m.status === 'closed') throw new AppError('CONFLICT', '会议已闭会，不能演练：演练应在会前进行', 'meetingId');
    // A copy of the file taken while a secret round is open would hold its ballots between two commits.
    if (
      db
        .prepare(
          "SELECT 1 FROM poll_rounds r JOIN polls p ON p.id = r.poll_id WHERE p.secrecy = 'secret' AND r.status IN ('open', 'counting')",
        )
        .get()
    ) {
      throw new AppError('CONFLICT', '有无记名投票正在进行，不能演练：请在投票结束后演练', 'meetingId');
    }
    starting = true;
    const dir = path.join(
      deps.dataDir,
      REHEARSAL_DIR,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`,
    );
    let rt: Runtime | null = null;
    try {
      fs.mkdirSync(dir, { recursive: true });
      db.prepare('VACUUM INTO ?').run(path.join(dir, DB_FILE_NAME));
      rt = control.open(dir);
      const sandbox = rt;
      const meeting = await sandboxCall<{ id: number; bodyId: number; date: string; status: string }>(
        sandbox,
        'meetings.get',
        { id: m.id },
      );
      const roll = (
        await sandboxCall<{ rows: { membershipId: number; status: string }[] }>(sandbox, 'attendance.get', {
          meetingId: m.id,
        })
      ).rows;
      if (input.terminals > roll.length) {
        throw new AppError('VALIDATION', `模拟终端数不能超过本次会议的应到人数（${roll.length}人）`, 'terminals');
      }
      for (const r of roll)
        if (r.status !== 'present')
          await sandboxCall(sandbox, 'attendance.markOne', {
            meetingId: m.id,
            membershipId: r.membershipId,
            status: 'present',
          });
      if (meeting.status === 'preparing')
        await sandboxCall(sandbox, 'meetings.open', { id: m.id, overrideReason: '演练' });
      const round = await openRound(sandbox, meeting, input.kind);
      const listener = control.listenerFor(sandbox);
      sandbox.lan.control.attach(listener);
      await sandbox.lan.control.start(0);
      const port = listener.port()!;
      const origin = sandbox.lan.control.origins()[0] ?? null;
      const creds = roll
        .slice(0, input.terminals)
        .map((r) => sandbox.lan.credentials.codesOf(m.id, r.membershipId).terminal);
      const running: Running = {
        dir,
        rt: sandbox,
        meetingId: m.id,
        meetingTitle: m.title,
        kind: input.kind,
        terminals: input.terminals,
        rate: input.rate,
        startedAt: performance.now(),
        result: emptyResult(),
        done: Promise.resolve(),
        finished: false,
        stopping: false,
        terminalUrl: origin ? `${origin}/t/` : null,
      };
      // The same sealed protocol a phone speaks, from this machine to the sandbox's listener.
      const caller = lanHttpCaller({
        port,
        hostPublicKey: sandbox.lan.credentials.hostPublicKey,
        maxSockets: Math.min(512, input.terminals),
      });
      const send = async (i: number) => {
        const reply = await caller('terminal.cast', creds[i]!, {
          roundId: round.roundId,
          idempotencyKey: `rehearsal-${i}-${randomBytes(6).toString('hex')}`,
          ballot: round.ballot(i),
        });
        if (!reply.ok) throw new Error(reply.message);
        return true;
      };
      running.run = () => {
        running.startedAt = performance.now();
        running.done = openLoop(input.terminals, (input.terminals / input.rate) * 1000, send, {
          into: running.result,
          stopped: () => running.stopping,
        })
          .then(
            () => undefined,
            (e: unknown) => void running.result.errors.push(`演练中断：${(e as Error).message}`),
          )
          .finally(() => {
            running.finished = true;
            caller.close();
          });
      };
      return running;
    } catch (e) {
      starting = false;
      if (rt) await closeSandbox(rt, dir);
      else fs.rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }

  async function closeSandbox(rt: Runtime, dir: string) {
    try {
      await rt.lan.control.stop();
    } finally {
      rt.close();
      fs.rmSync(dir, { recursive: true, force: true });
      // The rehearsal folder itself goes when it holds nothing else.
      const parent = path.dirname(dir);
      if (fs.existsSync(parent) && fs.readdirSync(parent).length === 0) fs.rmdirSync(parent);
    }
  }

  return {
    'rehearsals.status': (): RehearsalStatus => status(),
    'rehearsals.start': twoStep(
      (input: ParsedInput<'rehearsals.start'>) => prepare(input),
      (
        input: ParsedInput<'rehearsals.start'>,
        running: Running & { run?: () => void },
        ctx: WriteContext,
      ): RehearsalStatus => {
        ctx.audit({
          action: 'rehearsal.start',
          entity: 'meeting',
          entityId: input.meetingId,
          detail: {
            terminals: input.terminals,
            rate: input.rate,
            kind: input.kind,
            kindLabel: rehearsalKindLabels[input.kind],
          },
        });
        current = running;
        starting = false;
        running.run!();
        return status();
      },
    ),
    'rehearsals.stop': twoStep(
      async (): Promise<RehearsalStatus> => {
        const c = current;
        if (!c) throw new AppError('CONFLICT', '没有正在进行的演练');
        c.stopping = true;
        await c.done;
        const figures = status();
        current = null;
        await closeSandbox(c.rt, c.dir);
        return figures;
      },
      (_input: ParsedInput<'rehearsals.stop'>, figures: RehearsalStatus, ctx: WriteContext): RehearsalStatus => {
        // The answer is the rehearsal's last figures, with running false: the sandbox is gone.
        ctx.audit({
          action: 'rehearsal.stop',
          entity: 'meeting',
          entityId: figures.meetingId,
          detail: {
            terminals: figures.terminals,
            answered: figures.answered,
            accepted: figures.accepted,
            refused: figures.refused,
            p50Ms: figures.p50Ms,
            p95Ms: figures.p95Ms,
            p99Ms: figures.p99Ms,
            elapsedMs: figures.elapsedMs,
            errors: figures.errors.length,
            kind: figures.kind,
          },
        });
        return { ...figures, running: false };
      },
    ),
  };
}
