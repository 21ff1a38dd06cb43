import Database from 'better-sqlite3';
import fc from 'fast-check';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  IPC_INVOKE_CHANNEL,
  api,
  methodNames,
  parseInput,
  type DisplayInfo,
  type EventMessage,
  type RuleSet,
} from '../../shared/contract';
import { DB_FILE_NAME } from '../../electron/db/open';
import type { HostMessage, HostStarted } from '../../electron/host/host-process';
import { parentChannel } from '../../electron/host/host-process';
import { connectHost, superviseHost, type HostChild, type HostClient } from '../../electron/main/host-client';
import { bindIpc, type IpcLike } from '../../electron/main/ipc-binding';
import type { CallResult } from '../../electron/services/dispatch';
import { CJK, tempDir } from './helpers';
import { FC_SEED, plausible } from './hostile-arbitraries';

/**
 * The host in a process of its own (electron/host/utility-main.ts), as the desktop app starts it with Electron's
 * utilityProcess.fork and relays the console's IPC calls to it (electron/main/host-client.ts ↔
 * electron/host/desktop-channel.ts). Electron cannot run here: child_process.fork with structured-clone messages
 * gives the entry the same kind of channel (process.send instead of process.parentPort), and everything but the one
 * utilityProcess.fork call is what runs in the app.
 */

const ENTRY = path.join(__dirname, '../../electron/host/utility-main.ts');
let child: ChildProcess | null = null;
let dir: string | null = null;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
  child = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function forkEntry(args: string[]): ChildProcess {
  child = fork(ENTRY, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  return child;
}

function start(args: string[]): Promise<HostMessage> {
  forkEntry(args);
  return new Promise((resolve, reject) => {
    child!.once('exit', (code) => reject(new Error(`host exited (${code})`)));
    child!.on('message', (m: HostMessage) => (m.type === 'ready' || m.type === 'failed') && resolve(m));
  });
}

const next = (type: HostMessage['type']) =>
  new Promise<HostMessage>((resolve) => child!.on('message', (m: HostMessage) => m.type === type && resolve(m)));

describe('the host process entry (utilityProcess seam)', () => {
  it('serves the admin API on loopback with a token it posts over the channel, switches the hall network on (audited), answers usage, stops on request', async () => {
    dir = tempDir();
    const port = 18960 + Math.floor(Math.random() * 10);
    const ready = await start(['--data', dir, '--port', '0', '--lan-port', String(port), '--lan-host', '127.0.0.1']);
    expect(ready.type).toBe('ready');
    const host = (ready as { host: HostStarted }).host;
    expect(host.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.token).toMatch(/^[0-9a-f]{32}$/);
    // The token it posted is the one the data folder holds, and the API answers with it, not without.
    expect(fs.readFileSync(path.join(dir, 'admin-token'), 'utf8').trim()).toBe(host.token);
    const call = (method: string, token: string | null) =>
      fetch(`${host.adminUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: '{}',
      });
    expect((await call('bodies.list', host.token)).status).toBe(200);
    expect((await call('bodies.list', null)).status).toBe(401);
    // The hall network is on where it was asked, serves no admin method, and its switching is in the audit log.
    expect(host.lanPort).toBe(port);
    expect((await fetch(`http://127.0.0.1:${port}/api/bodies.list`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect(JSON.stringify(await (await call('audit.list', host.token)).json())).toContain('lan.start');

    const usage = next('usage');
    child!.send({ type: 'usage' });
    const u = (await usage) as Extract<HostMessage, { type: 'usage' }>;
    expect(u.user).toBeGreaterThan(0);
    expect(u.rss).toBeGreaterThan(10 * 1024 * 1024);

    const stopped = next('stopped');
    const exited = new Promise<number | null>((r) => child!.once('exit', r));
    child!.send({ type: 'stop' });
    await stopped;
    expect(await exited).toBe(0);
    await expect(call('bodies.list', host.token)).rejects.toThrow();
  }, 60_000);

  it('reports a failure over the channel instead of hanging (no data folder given)', async () => {
    const m = await start([]);
    expect(m).toEqual({ type: 'failed', message: '缺少 --data 数据目录' });
  }, 60_000);

  it('finds the channel: Electron’s parentPort first, then Node’s process.send, none when run alone', () => {
    const posted: unknown[] = [];
    const electron = {
      parentPort: { postMessage: (m: unknown) => posted.push(['port', m]), on: () => undefined },
      send: () => posted.push('send'),
    } as never;
    parentChannel(electron)!.post({ type: 'stopped' });
    const node = { send: (m: unknown) => posted.push(['send', m]), on: () => undefined } as never;
    parentChannel(node)!.post({ type: 'stopped' });
    expect(posted).toEqual([
      ['port', { type: 'stopped' }],
      ['send', { type: 'stopped' }],
    ]);
    expect(parentChannel({} as never)).toBeNull();
  });
});

/** The host process started as the desktop app starts it, seen as the main process sees it (a HostChild). */
function desktopChild(dataDir: string): HostChild {
  const c = forkEntry(['--data', dataDir, '--port', '0', '--desktop']);
  return {
    post: (m) => void c.send(m),
    onMessage: (f) => void c.on('message', (m) => f(m as HostMessage)),
    onExit: (f) => void c.on('exit', f),
  };
}

/** The desktop app's host on `dataDir` (a fresh folder unless given), through the main process's end of it. */
function startDesktop(dataDir = (dir = tempDir())): {
  host: HostClient;
  seen: { events: EventMessage[]; sitting: boolean[]; projector: unknown[] };
} {
  const host = connectHost(desktopChild(dataDir));
  const seen = { events: [] as EventMessage[], sitting: [] as boolean[], projector: [] as unknown[] };
  host.onEvent((m) => seen.events.push(m));
  host.onSitting((s) => seen.sitting.push(s));
  host.onProjector((a) => seen.projector.push(a));
  return { host, seen };
}

const until = async (f: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !f(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!f()) throw new Error(`timed out waiting for ${what}`);
};

const ok = async <T = unknown>(host: HostClient, method: string, input: unknown): Promise<T> => {
  const r = await host.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data as T;
};

const DISPLAYS: DisplayInfo[] = [
  { id: 1, label: '内置显示器', width: 1920, height: 1080, primary: true, hasProjector: false },
  { id: 7, label: '投影仪', width: 1280, height: 720, primary: false, hasProjector: false },
];

describe('the desktop app’s host process (--desktop)', () => {
  it('answers the relayed calls, validates them, forwards its events and says when a meeting sits', async () => {
    const { host, seen } = startDesktop();
    const started = await host.ready;
    expect(started.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The console of the desktop app, and the hall's network available to it (the host has a LAN listener).
    expect(await ok(host, 'system.info', {})).toMatchObject({ transport: 'ipc', dataDir: dir });
    expect(await ok(host, 'lan.status', {})).toMatchObject({ available: true, running: false });
    await until(() => seen.sitting.length > 0, 'the first sitting message');
    expect(seen.sitting).toEqual([false]);

    // Refusals come back as the host's own Chinese errors; nothing is written.
    const bad = await host.call('bodies.create', { kind: 'district_congress', name: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((bad as { error: { message: string } }).error.message).toMatch(CJK);
    expect(await host.call('nothing.here', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });

    // Through the IPC binding, as a window calls: the binding validates, the relay runs it in the host.
    let listener: Parameters<IpcLike['handle']>[1] | null = null;
    bindIpc({ handle: (ch, l) => void (ch === IPC_INVOKE_CHANNEL && (listener = l)) }, host.handlers, () => 'console');
    const invoke = (method: string, input: unknown) =>
      listener!({ senderFrame: { url: 'app://yishitai/index.html' } }, method, input) as Promise<CallResult>;
    const body = (await invoke('bodies.create', { kind: 'district_congress', name: '江北区人民代表大会' })) as {
      ok: true;
      data: { id: number };
    };
    expect(body).toMatchObject({ ok: true, data: { name: '江北区人民代表大会' } });
    expect(await invoke('bodies.create', { kind: 'nowhere', name: '某' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'kind' },
    });
    await until(() => seen.events.some((e) => e.name === 'bodies.changed'), 'the bodies event');

    // A meeting opened sits; the main process hears it (and keeps the displays awake).
    const ruleSetId = (await ok<RuleSet[]>(host, 'ruleSets.list', {})).find(
      (r) => r.key === 'district_midyear_session',
    )!.id;
    const meeting = await ok<{ id: number }>(host, 'meetings.create', {
      bodyId: body.data.id,
      kind: 'district_midyear',
      ruleSetId,
      title: '江北区第十八届人民代表大会第五次会议',
      session: '第十八届第五次',
      date: '2026-12-01',
      startTime: '09:00',
      endTime: '12:00',
      venue: '区人民会堂',
      quarter: null,
    });
    await ok(host, 'meetings.open', { id: meeting.id, overrideReason: '测试：无人签到也开会' });
    await until(() => seen.sitting.length > 1, 'the meeting sitting');
    expect(seen.sitting).toEqual([false, true]);
  }, 60_000);

  it('keeps the projector window in the main process: displays as told, opened and closed where asked', async () => {
    const { host, seen } = startDesktop();
    await host.ready;
    expect(await ok(host, 'screen.displays', {})).toEqual([]);
    host.setDisplays(DISPLAYS, false);
    expect(await ok(host, 'screen.displays', {})).toEqual(DISPLAYS);
    const opened = await ok<DisplayInfo[]>(host, 'screen.openWindow', { displayId: 7 });
    expect(opened.map((d) => d.hasProjector)).toEqual([false, true]);
    await until(() => seen.projector.length > 0, 'the projector request');
    expect(seen.projector).toEqual([{ type: 'projector', open: true, displayId: 7 }]);
    const closed = await ok<DisplayInfo[]>(host, 'screen.closeWindow', {});
    expect(closed.map((d) => d.hasProjector)).toEqual([false, false]);
    // A display pulled out: the host tells the windows (displays.changed) and answers from the new list.
    host.setDisplays([DISPLAYS[0]!], true);
    await until(() => seen.events.some((e) => e.name === 'displays.changed'), 'displays.changed');
    expect(seen.events.find((e) => e.name === 'displays.changed')!.payload).toEqual({ count: 1 });
    expect(await ok(host, 'screen.displays', {})).toEqual([DISPLAYS[0]]);
  }, 60_000);

  it('a host that stops answers every waiting and later call in Chinese instead of hanging; stop waits for the exit', async () => {
    const { host } = startDesktop();
    await host.ready;
    const waiting = host.call('audit.verify', {});
    child!.kill('SIGKILL');
    const [a, b] = [await waiting, await host.call('bodies.list', {})];
    for (const r of [a, b]) {
      expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect((r as { error: { message: string } }).error.message).toMatch(/主机进程已停止/);
    }
    await host.stop();

    // Started again on the same folder after the kill, it serves; and stop waits until it has exited.
    const second = startDesktop(dir!);
    await second.host.ready;
    const exited = new Promise<number | null>((r) => child!.once('exit', r));
    await second.host.stop();
    expect(await exited).toBe(0);
  }, 60_000);

  it('a host that dies is started again on the same data and carries on; after too many deaths it gives up', async () => {
    dir = tempDir();
    const data = dir;
    let forks = 0;
    const restarted: number[] = [];
    let gaveUp = false;
    const host = superviseHost(() => (forks++, desktopChild(data)), {
      maxRestarts: 1,
      onRestart: (n) => restarted.push(n),
      onGiveUp: () => (gaveUp = true),
    });
    const events: string[] = [];
    host.onEvent((e) => events.push(e.name));
    await host.ready;
    await ok(host, 'bodies.create', { kind: 'district_congress', name: '江北区人民代表大会' });
    child!.kill('SIGKILL');
    await until(() => restarted.length === 1, 'the restart');
    // What it acknowledged is there; events of the new host reach the same listeners.
    expect((await ok<{ name: string }[]>(host, 'bodies.list', {})).map((b) => b.name)).toEqual(['江北区人民代表大会']);
    events.length = 0;
    await ok(host, 'bodies.create', { kind: 'district_congress', name: '渝北区人民代表大会' });
    await until(() => events.includes('bodies.changed'), 'an event of the new host');
    child!.kill('SIGKILL');
    await until(() => gaveUp, 'giving up');
    expect(forks).toBe(2);
    expect(await host.call('bodies.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  }, 60_000);

  it('a host that never served is not started again', async () => {
    let forks = 0;
    // A data folder that is a file: the host cannot open it, and says so.
    dir = tempDir();
    const notAFolder = path.join(dir, 'not-a-folder');
    fs.writeFileSync(notAFolder, '');
    const host = superviseHost(() => (forks++, desktopChild(notAFolder)));
    await expect(host.ready).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500));
    expect(forks).toBe(1);
  }, 60_000);

  it('a host that cannot start says why in Chinese (a data file from a newer version)', async () => {
    const { host } = startDesktop();
    await host.ready;
    await host.stop();
    // Mark the data file as made by a later version, then start on it again.
    const db = new Database(path.join(dir!, DB_FILE_NAME));
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run(
      '未来',
      '2030-01-01',
    );
    db.close();
    const { host: again } = startDesktop(dir!);
    await expect(again.ready).rejects.toThrow(/较新版本的议事台/);
  }, 60_000);
});

describe('a relayed call is validated twice: the contract accepts what it has parsed, unchanged', () => {
  // The IPC binding dispatches (parses) in the main process and relays the parsed input; the host parses it again.
  it('for every method, parsing a parsed input gives it back', () => {
    let parsedSome = 0;
    for (const name of methodNames) {
      for (const input of fc.sample(plausible(api[name].input), { numRuns: 40, seed: FC_SEED })) {
        let once: unknown;
        try {
          once = parseInput(name, input);
        } catch {
          continue;
        }
        parsedSome++;
        expect([name, parseInput(name, structuredClone(once))]).toEqual([name, once]);
      }
    }
    expect(parsedSome).toBeGreaterThan(methodNames.length * 20);
  });
});
