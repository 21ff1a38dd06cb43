import { AppError, methodNames, type DisplayInfo, type EventMessage } from '../../shared/contract';
import type { DesktopMessage, MainMessage } from '../host/desktop-channel';
import type { HostMessage, HostStarted } from '../host/host-process';
import type { CallResult } from '../services/dispatch';
import type { Handlers } from '../services/index';

/**
 * The main process's end of the desktop app's host process (the other end: electron/host/desktop-channel.ts). The
 * process is Electron's utilityProcess in the app and child_process.fork in tests/unit/host-process.test.ts; both
 * come in as a HostChild, so nothing here imports Electron.
 */

export interface HostChild {
  post(msg: MainMessage): void;
  onMessage(f: (msg: HostMessage | DesktopMessage) => void): void;
  onExit(f: (code: number | null) => void): void;
}

export interface HostClient {
  /** Resolves when the host serves (its admin URL and token), rejects with its Chinese reason when it cannot. */
  ready: Promise<HostStarted>;
  /** One contract call, run by the host's dispatch; a stopped host answers INTERNAL in Chinese. */
  call(method: string, input: unknown): Promise<CallResult>;
  /** The handler table the IPC binding dispatches to: each method relayed to the host. */
  handlers: Handlers;
  onEvent(f: (msg: EventMessage) => void): void;
  onSitting(f: (sitting: boolean) => void): void;
  onProjector(f: (ask: { open: true; displayId?: number } | { open: false }) => void): void;
  setDisplays(displays: DisplayInfo[], changed: boolean): void;
  /** The process has exited, asked to or not. */
  onExit(f: () => void): void;
  /** Asks the host to stop; resolves when it has exited (or `ms` later). */
  stop(ms?: number): Promise<void>;
}

/** The handler table of a call: each method relayed, its refusal thrown back as the host's own AppError. */
function relayHandlers(call: HostClient['call']): Handlers {
  // The binding has validated the input (dispatch in ipc-binding.ts); the host validates it again before it runs.
  return Object.fromEntries(
    methodNames.map((name) => [
      name,
      async (input: unknown) => {
        const r = await call(name, input);
        if (r.ok) return r.data;
        throw new AppError(r.error.code, r.error.message, r.error.field, r.error.details);
      },
    ]),
  ) as unknown as Handlers;
}

const STOPPED: CallResult = {
  ok: false,
  error: { code: 'INTERNAL', message: '议事台主机进程已停止：请关闭并重新打开议事台（已确认的操作都已保存）' },
};

export function connectHost(child: HostChild): HostClient {
  let nextId = 1;
  let exited = false;
  const pending = new Map<number, (r: CallResult) => void>();
  const listeners = {
    event: [] as ((m: EventMessage) => void)[],
    sitting: [] as ((s: boolean) => void)[],
    projector: [] as ((a: { open: true; displayId?: number } | { open: false }) => void)[],
    exit: [] as (() => void)[],
  };
  let settle: { resolve(h: HostStarted): void; reject(e: Error): void };
  const ready = new Promise<HostStarted>((resolve, reject) => (settle = { resolve, reject }));

  child.onMessage((m) => {
    if (m.type === 'ready') settle.resolve(m.host);
    else if (m.type === 'failed') settle.reject(new Error(m.message));
    else if (m.type === 'result') {
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    } else if (m.type === 'event') for (const f of listeners.event) f(m.msg);
    else if (m.type === 'sitting') for (const f of listeners.sitting) f(m.sitting);
    else if (m.type === 'projector') for (const f of listeners.projector) f(m);
  });
  child.onExit((code) => {
    exited = true;
    settle.reject(new Error(`议事台主机进程退出（代码 ${code ?? '无'}）`));
    for (const answer of pending.values()) answer(STOPPED);
    pending.clear();
    for (const f of listeners.exit) f();
  });

  // A call waits for the host to serve: before `ready` it has not begun to listen to its channel.
  const started = ready.then(
    () => true,
    () => false,
  );
  const call = async (method: string, input: unknown): Promise<CallResult> => {
    if (!(await started) || exited) return STOPPED;
    const id = nextId++;
    return new Promise<CallResult>((resolve) => {
      pending.set(id, resolve);
      child.post({ type: 'call', id, method, input });
    });
  };
  const handlers = relayHandlers(call);

  return {
    ready,
    call,
    handlers,
    onEvent: (f) => void listeners.event.push(f),
    onSitting: (f) => void listeners.sitting.push(f),
    onProjector: (f) => void listeners.projector.push(f),
    setDisplays: (displays, changed) => !exited && child.post({ type: 'displays', displays, changed }),
    onExit: (f) => void listeners.exit.push(f),
    stop(ms = 10_000) {
      if (exited) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        listeners.exit.push(() => (clearTimeout(timer), resolve()));
        child.post({ type: 'stop' });
      });
    },
  };
}

/**
 * The host, started again when it dies (a crash, the operating system killing it): every write it acknowledged is
 * on disk, so a new host on the same data folder carries on where it stopped, open votes included. A call that was
 * waiting when it died is answered STOPPED (it may or may not have been committed: the console reloads what it
 * shows); later calls go to the new host. After `maxRestarts` restarts within `windowMs`, it gives up and every call
 * is answered STOPPED, as it is when a host never served (it could not open the data folder: a restart would fail
 * the same way). `onRestart` runs when a new host serves (the main process tells it the displays again).
 */
export function superviseHost(
  fork: () => HostChild,
  o: { maxRestarts?: number; windowMs?: number; onRestart?(count: number): void; onGiveUp?(): void } = {},
): HostClient {
  const maxRestarts = o.maxRestarts ?? 3;
  const windowMs = o.windowMs ?? 60_000;
  const listeners = {
    event: [] as Parameters<HostClient['onEvent']>[0][],
    sitting: [] as Parameters<HostClient['onSitting']>[0][],
    projector: [] as Parameters<HostClient['onProjector']>[0][],
    exit: [] as (() => void)[],
  };
  const restarts: number[] = [];
  let stopping = false;
  let gaveUp = false;
  let count = 0;
  const attach = (c: HostClient): HostClient => {
    // A host that never served (it could not open the data folder) is not started again: it would fail the same way.
    let served = false;
    c.ready.then(
      () => (served = true),
      () => undefined,
    );
    c.onEvent((m) => listeners.event.forEach((f) => f(m)));
    c.onSitting((s) => listeners.sitting.forEach((f) => f(s)));
    c.onProjector((a) => listeners.projector.forEach((f) => f(a)));
    c.onExit(() => {
      if (stopping || c !== current) return;
      const now = Date.now();
      while (restarts.length && restarts[0]! < now - windowMs) restarts.shift();
      if (!served || restarts.length >= maxRestarts) {
        gaveUp = true;
        listeners.exit.forEach((f) => f());
        o.onGiveUp?.();
        return;
      }
      restarts.push(now);
      current = attach(connectHost(fork()));
      const n = ++count;
      void current.ready.then(
        () => o.onRestart?.(n),
        () => undefined,
      );
    });
    return c;
  };
  let current = attach(connectHost(fork()));
  const call: HostClient['call'] = (method, input) => (gaveUp ? Promise.resolve(STOPPED) : current.call(method, input));
  return {
    ready: current.ready,
    call,
    handlers: relayHandlers(call),
    onEvent: (f) => void listeners.event.push(f),
    onSitting: (f) => void listeners.sitting.push(f),
    onProjector: (f) => void listeners.projector.push(f),
    setDisplays: (displays, changed) => current.setDisplays(displays, changed),
    onExit: (f) => void listeners.exit.push(f),
    stop(ms) {
      stopping = true;
      return current.stop(ms);
    },
  };
}
