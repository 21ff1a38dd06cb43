import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostMessage, HostStarted } from '../../electron/host/host-process';
import { parentChannel } from '../../electron/host/host-process';
import { tempDir } from './helpers';

/**
 * The host in a process of its own (electron/host/utility-main.ts), as the desktop app will start it with
 * Electron's utilityProcess.fork. Electron cannot run here: child_process.fork gives the entry the same kind of
 * channel (process.send instead of process.parentPort), which is the seam under test.
 */

const ENTRY = path.join(__dirname, '../../electron/host/utility-main.ts');
let child: ChildProcess | null = null;
let dir: string | null = null;

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
  child = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function start(args: string[]): Promise<HostMessage> {
  child = fork(ENTRY, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
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
