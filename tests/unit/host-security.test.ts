import { spawn } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames, type Vote } from '../../shared/contract';
import { ADMIN_COOKIE, ADMIN_TOKEN_FILE, issueAdminToken } from '../../electron/host/admin-guard';
import { createHost } from '../../electron/host/server';
import { DataDirBusyError, DB_FILE_NAME } from '../../electron/db/open';
import { createRuntime } from '../../electron/services/runtime';
import { CJK, makeTempRuntime, tempDir, type TempRuntime } from './helpers';
import { setupProjectVote } from '../fixtures';

/**
 * The security review's requests, each of which used to answer 200: from the hall's network or a hostile web page
 * on the clerk's laptop, without the admin token, with a foreign Host or Origin. Each now gets 401/403/421, and
 * no table changes.
 */

let t: TempRuntime;
let app: FastifyInstance;
let token: string;
let voteId: number;
let membershipId: number;
let meetingId: number;

beforeEach(async () => {
  t = makeTempRuntime();
  token = issueAdminToken(t.dir);
  app = await createHost(t.rt, { adminToken: token });
  // A session in progress: 20 deputies, 19 signed in, a secret electronic motion vote open.
  const s = await setupProjectVote(t, {
    deputies: 20,
    present: 19,
    projects: 3,
    seats: 2,
    style: 'choose',
    mode: 'electronic',
    open: false,
  });
  meetingId = s.meeting.id;
  membershipId = s.present[0]!.membershipId;
  const motion = (await t.ok('agenda.add', { meetingId, kind: 'motion', title: '关于表决办法的决定' })) as {
    id: number;
  };
  const vote = (await t.ok('votes.create', {
    agendaItemId: motion.id,
    title: '关于表决办法的决定',
    mode: 'electronic',
    secrecy: 'secret',
  })) as Vote;
  await t.ok('votes.open', { id: vote.id });
  voteId = vote.id;
});
afterEach(async () => {
  await app.close();
  t.cleanup();
});

/** Row counts of every table: a refused request must leave all of them as they were. */
function snapshot(): Record<string, number> {
  const tables = t.rt.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((n) => [n, t.count(JSON.stringify(n))]));
}

/** What an attacker on the hall's Wi-Fi sent: every call answered 200 before. */
const attacks: [string, () => unknown][] = [
  ['members.list', () => ({ bodyId: 1 })],
  ['votes.cast', () => ({ id: voteId, membershipId, choice: 'yes' })],
  ['attendance.mark', () => ({ meetingId, membershipId: membershipId + 19, status: 'present' })],
  ['votes.close', () => ({ id: voteId })],
  ['screen.show', () => ({ mode: 'message', message: '会议取消' })],
  ['members.create', () => ({ bodyId: 1, name: '假代表' })],
  ['meetings.close', () => ({ id: meetingId })],
];

const post = (method: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/api/${method}`,
    headers: { host: 'localhost:8765', ...headers },
    payload: payload as object,
  });

describe('admin token', () => {
  it.each(attacks)(
    'refuses %s without the token with 401 and a Chinese message, changing nothing',
    async (method, input) => {
      const before = snapshot();
      for (const headers of [
        {},
        { authorization: 'Bearer 0123456789abcdef0123456789abcdef' },
        { cookie: `${ADMIN_COOKIE}=guess` },
      ] as Record<string, string>[]) {
        const res = await post(method, input(), headers);
        expect(res.statusCode, JSON.stringify(headers)).toBe(401);
        expect(res.json()).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(CJK) });
      }
      expect(snapshot()).toEqual(before);
    },
  );

  it('guards every method of the contract, the method list and the event stream; only health is open', async () => {
    for (const m of methodNames) expect((await post(m, {})).statusCode, m).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/methods', headers: { host: 'localhost' } })).statusCode).toBe(
      401,
    );
    expect((await app.inject({ method: 'GET', url: '/api/events', headers: { host: 'localhost' } })).statusCode).toBe(
      401,
    );
    expect((await app.inject({ method: 'GET', url: '/api/health', headers: { host: 'localhost' } })).json()).toEqual({
      ok: true,
    });
  });

  it('serves a script that sends the token from the data folder as a bearer token', async () => {
    const fromFile = fs.readFileSync(path.join(t.dir, ADMIN_TOKEN_FILE), 'utf8').trim();
    expect(fromFile).toBe(token);
    const res = await post(
      'votes.cast',
      { id: voteId, membershipId, choice: 'yes' },
      { authorization: `Bearer ${fromFile}` },
    );
    expect(res.statusCode).toBe(200);
  });

  it('trades the token for an HttpOnly, SameSite=Strict cookie that then admits the browser console', async () => {
    const wrong = await post('session', { token: 'f'.repeat(32) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const res = await post('session', { token });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0]!;
    expect((await post('bodies.list', {}, { cookie: pair })).statusCode).toBe(200);
  });

  it('writes a fresh 128-bit token readable only by its owner at each start', () => {
    const file = path.join(t.dir, ADMIN_TOKEN_FILE);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const next = issueAdminToken(t.dir);
    expect(next).not.toBe(token);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(next);
  });
});

describe('Host and Origin checks (DNS rebinding, hostile pages)', () => {
  const bearer = () => ({ authorization: `Bearer ${token}` });

  it.each(['evil.example', 'evil.example:8765', '192.168.1.20:8765', 'localhost.evil.example'])(
    'answers Host %s with 421 before any handler',
    async (host) => {
      const before = snapshot();
      for (const [method, input] of attacks) {
        const res = await post(method, input(), { ...bearer(), host });
        expect(res.statusCode, method).toBe(421);
        expect(res.json().message).toMatch(CJK);
      }
      expect((await app.inject({ method: 'GET', url: '/api/events', headers: { ...bearer(), host } })).statusCode).toBe(
        421,
      );
      expect((await app.inject({ method: 'GET', url: '/', headers: { host } })).statusCode).toBe(421);
      expect(snapshot()).toEqual(before);
    },
  );

  it('answers a POST from a foreign Origin with 403, even with the cookie', async () => {
    const before = snapshot();
    for (const origin of ['http://evil.example', 'http://localhost:9999', 'null']) {
      for (const [method, input] of attacks) {
        const res = await post(method, input(), { ...bearer(), origin });
        expect(res.statusCode, `${origin} ${method}`).toBe(403);
      }
      expect((await post('session', { token }, { origin })).statusCode).toBe(403);
    }
    expect(snapshot()).toEqual(before);
    // Our own page's origin passes.
    expect((await post('bodies.list', {}, { ...bearer(), origin: 'http://localhost:8765' })).statusCode).toBe(200);
  });

  it('checks the Host port against the listening port', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const at = (host: string) =>
      fetch(`http://127.0.0.1:${port}/api/bodies.list`, {
        method: 'POST',
        headers: { ...bearer(), 'content-type': 'application/json', host },
        body: '{}',
      });
    // fetch sets Host itself; use node:http for a forged one.
    expect((await at(`127.0.0.1:${port}`)).status).toBe(200);
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/bodies.list',
          method: 'POST',
          headers: { ...bearer(), 'content-type': 'application/json', host: `localhost:${port + 1}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
  });
});

describe('one owner of the data folder', () => {
  it('refuses a second runtime on the same folder with a Chinese message, and admits one after the first closes', () => {
    expect(() => createRuntime(t.dir, { transport: 'http' })).toThrow(DataDirBusyError);
    expect(() => createRuntime(t.dir, { transport: 'http' })).toThrow(/^数据目录正被另一个议事台使用：/);
    t.rt.close();
    const again = createRuntime(t.dir, { transport: 'http' });
    again.close();
  });

  it('keeps every other process out of the file while it is open, so none can hold a read that stalls casts', async () => {
    const script =
      `const D=require('better-sqlite3');try{const d=new D(${JSON.stringify(path.join(t.dir, DB_FILE_NAME))},{readonly:true,timeout:0});` +
      `d.prepare('SELECT COUNT(*) FROM round_voters').get();console.log('READ')}catch(e){console.log('LOCKED '+e.code)}`;
    const out = await run(process.execPath, ['-e', script]);
    expect(out.stdout.trim()).toBe('LOCKED SQLITE_BUSY');
  });
});

describe('npm run serve', () => {
  const serve = path.join(__dirname, '..', '..', 'electron', 'host', 'serve.ts');

  it.each(['0.0.0.0', '192.168.1.20', '::'])(
    'refuses --host %s with a message that says how terminals will be served',
    async (host) => {
      const dir = tempDir();
      try {
        const out = await run(process.execPath, [
          '--import',
          'tsx',
          serve,
          '--host',
          host,
          '--port',
          '0',
          '--data',
          dir,
        ]);
        expect(out.code).toBe(1);
        expect(out.stderr).toMatch(/管理接口只能在本机监听/);
        expect(out.stderr).toMatch(/--lan-port/);
        expect(fs.existsSync(path.join(dir, DB_FILE_NAME))).toBe(false);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('refuses to start on a folder another host owns', async () => {
    const out = await run(process.execPath, ['--import', 'tsx', serve, '--port', '0', '--data', t.dir]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`数据目录正被另一个议事台使用：${t.dir}`);
  });
});

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
