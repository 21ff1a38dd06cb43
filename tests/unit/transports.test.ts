import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_INVOKE_CHANNEL, auditActorLabel, methodNames, type Body, type Member } from '../../shared/contract';
import { ADMIN_COOKIE } from '../../electron/host/admin-guard';
import { createHost } from '../../electron/host/server';
import { bindIpc, type IpcEventLike, type IpcLike } from '../../electron/main/ipc-binding';
import type { CallResult } from '../../electron/services/dispatch';
import { CJK, createBody, makeTempRuntime, tempDir, type TempRuntime } from './helpers';

const TOKEN = 'a'.repeat(32);
const auth = { authorization: `Bearer ${TOKEN}` };
let t: TempRuntime;
let app: FastifyInstance;
beforeEach(async () => {
  t = makeTempRuntime();
  app = await createHost(t.rt, { adminToken: TOKEN });
});
afterEach(async () => {
  await app.close();
  t.cleanup();
});

const post = (method: string, payload: unknown) =>
  app.inject({ method: 'POST', url: `/api/${method}`, headers: auth, payload: payload as object });

describe('HTTP host', () => {
  it('rejects bad input with 400 and a Chinese error naming the field, writing nothing', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    const before = [t.count('persons'), t.count('memberships'), t.count('audit_log')];
    const res = await post('members.create', { bodyId: body.id, name: '张三', phone: '12345' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const err = res.json();
    expect(err).toEqual({
      code: 'VALIDATION',
      message: expect.stringMatching(/^输入有误：“联系电话”/),
      field: 'phone',
    });
    expect(err.message).toMatch(CJK);
    expect([t.count('persons'), t.count('memberships'), t.count('audit_log')]).toEqual(before);
  });

  it('answers a valid call with 200 and the result, with the security headers', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    const res = await post('members.create', { bodyId: body.id, name: '张三', phone: '13800138000' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Member>()).toMatchObject({ name: '张三', initials: 'zs', bodyId: body.id });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(t.count('memberships')).toBe(1);
    // The audit entry names the caller's address.
    expect(t.rt.db.prepare('SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get()).toMatch(/^http:/);

    const list = await post('bodies.list', {});
    expect(list.statusCode).toBe(200);
    expect(list.json<Body[]>()[0]).toMatchObject({ name: '江北区人民代表大会', activeMembers: 1 });
  });

  it('records whether a change came from the browser console (cookie) or a script (bearer token), in Chinese', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    const actor = () => t.rt.db.prepare('SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string;
    await post('members.create', { bodyId: body.id, name: '张三' });
    expect(actor()).toBe('http:127.0.0.1#bearer');
    expect(auditActorLabel(actor())).toBe('本机脚本');
    const res = await app.inject({
      method: 'POST',
      url: '/api/members.create',
      headers: { cookie: `${ADMIN_COOKIE}=${TOKEN}` },
      payload: { bodyId: body.id, name: '李四' },
    });
    expect(res.statusCode).toBe(200);
    expect(actor()).toBe('http:127.0.0.1#cookie');
    expect(auditActorLabel(actor())).toBe('浏览器控制台（本机）');
    // Rows written before the credential was recorded still read as the host.
    expect(auditActorLabel('http:127.0.0.1')).toBe('主机接口（本机）');
    expect(auditActorLabel('console')).toBe('桌面控制台');
  });

  it('maps service errors to their HTTP status', async () => {
    const res = await post('members.list', { bodyId: 42 });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', field: 'bodyId' });
    await createBody(t, '江北区人民代表大会');
    const dup = await post('bodies.create', { kind: 'district_congress', name: '江北区人民代表大会' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'CONFLICT' });
  });

  it('answers an unknown method with 404', async () => {
    const res = await post('members.drop', {});
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'UNKNOWN_METHOD', message: '没有名为“members.drop”的接口' });
    // Inherited object properties are not methods either.
    expect((await post('constructor', {})).statusCode).toBe(404);
  });

  it('answers malformed JSON with 400 in the same error shape', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/bodies.create',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"kind": "district_congress", "name": ',
    });
    expect(res.statusCode).toBe(400);
    const err = res.json();
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/^请求格式有误/);
    expect(t.count('bodies')).toBe(0);
  });

  it('rejects a JSON body that is not an object', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/system.info',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '"abc"',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION' });
  });

  it('lists the methods and reports health', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/methods', headers: auth })).json()).toEqual(methodNames);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ ok: true });
  });

  it('streams domain events over SSE', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    expect(address).toContain(String(port));
    const body = await createBody(t, '江北区人民代表大会');

    let received = '';
    let req: http.ClientRequest | undefined;
    const frame = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no roster.changed frame; got: ${received}`)), 5000);
      req = http.get(
        { host: '127.0.0.1', port, path: '/api/events', headers: { ...auth, accept: 'text/event-stream' } },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          res.setEncoding('utf8');
          let changed = false;
          res.on('data', (chunk: string) => {
            received += chunk;
            // Connected: make a change through the HTTP API, as another client would.
            if (!changed && received.includes('已连接')) {
              changed = true;
              void fetch(`http://127.0.0.1:${port}/api/members.create`, {
                method: 'POST',
                headers: { ...auth, 'content-type': 'application/json' },
                body: JSON.stringify({ bodyId: body.id, name: '张三' }),
              }).catch(reject);
            }
            const m = /event: roster\.changed\ndata: (.*)\n\n/.exec(received);
            if (m) {
              clearTimeout(timer);
              resolve(m[1]!);
            }
          });
        },
      );
      req.on('error', reject);
    });
    req?.destroy();
    expect(JSON.parse(frame)).toEqual({ bodyId: body.id });
    expect(received).toMatch(/^retry: 1000\n/);
    expect(received).toContain('event: audit.appended\n');
  });

  it('sends a stream asking for some events only those, and every stream each event once', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const body = await createBody(t, '江北区人民代表大会');
    const open = (path: string) => {
      const s = {
        text: '',
        req: undefined as http.ClientRequest | undefined,
        ready: undefined as unknown as Promise<void>,
      };
      s.ready = new Promise<void>((resolve) => {
        s.req = http.get(
          { host: '127.0.0.1', port, path, headers: { ...auth, accept: 'text/event-stream' } },
          (res) => {
            res.setEncoding('utf8');
            res.on('data', (c: string) => {
              s.text += c;
              if (s.text.includes('已连接')) resolve();
            });
          },
        );
      });
      return s;
    };
    const all = open('/api/events');
    const some = open('/api/events?only=roster.changed');
    await Promise.all([all.ready, some.ready]);
    for (const name of ['张三', '李四']) await t.ok('members.create', { bodyId: body.id, name });
    const deadline = Date.now() + 5000;
    while (
      (all.text.match(/event: roster\.changed/g) ?? []).length < 2 ||
      (some.text.match(/event: roster\.changed/g) ?? []).length < 2
    ) {
      if (Date.now() > deadline) throw new Error(`frames missing: ${all.text} | ${some.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    all.req?.destroy();
    some.req?.destroy();
    expect(all.text.match(/event: audit\.appended/g)).toHaveLength(2);
    expect(all.text.match(/event: roster\.changed/g)).toHaveLength(2);
    expect(some.text).not.toContain('audit.appended');
    expect(some.text.match(/event: roster\.changed/g)).toHaveLength(2);
  });
});

describe('IPC binding', () => {
  const TRUSTED = 'app://yishitai/index.html';
  const PROJECTOR_WINDOW = 7;
  let invoke: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>;

  beforeEach(() => {
    const channels: string[] = [];
    const fake: IpcLike = {
      handle(channel, fn) {
        channels.push(channel);
        invoke = fn;
      },
    };
    bindIpc(fake, t.rt.handlers, (e) =>
      e.senderFrame?.url.split('#')[0] !== TRUSTED ? null : e.sender?.id === PROJECTOR_WINDOW ? 'projector' : 'console',
    );
    expect(channels).toEqual([IPC_INVOKE_CHANNEL]);
  });

  const from = (url: string | null) => ({ senderFrame: url === null ? null : { url } });

  it('serves a call from the console page', async () => {
    const res = (await invoke(from(`${TRUSTED}#/roster`), 'bodies.create', {
      kind: 'district_congress',
      name: '江北区人民代表大会',
    })) as CallResult;
    expect(res).toMatchObject({ ok: true, data: { name: '江北区人民代表大会' } });
    expect(t.rt.db.prepare('SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get()).toBe('console');
  });

  it.each([['https://evil.example/index.html'], ['file:///tmp/other.html'], [''], [null]])(
    'refuses a call from %j',
    async (url) => {
      const res = (await invoke(from(url), 'bodies.create', {
        kind: 'district_congress',
        name: '江北区人民代表大会',
      })) as CallResult;
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('FORBIDDEN');
      expect(res.error.message).toMatch(CJK);
      expect(t.count('bodies')).toBe(0);
    },
  );

  it('lets the projector window draw the screen and nothing else', async () => {
    const projector = { senderFrame: { url: `${TRUSTED}#/projector` }, sender: { id: PROJECTOR_WINDOW } };
    const audited = t.count('audit_log');
    expect(await invoke(projector, 'screen.view', {})).toMatchObject({ ok: true, data: { state: { mode: 'blank' } } });
    for (const [method, input] of [
      ['bodies.list', {}],
      ['members.list', { bodyId: 1 }],
      ['screen.show', { mode: 'message', message: '散会' }],
      ['bodies.create', { kind: 'district_congress', name: '江北区人民代表大会' }],
    ] as const) {
      const res = (await invoke(projector, method, input)) as CallResult;
      expect(res, method).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringMatching(CJK) },
      });
    }
    expect(t.count('bodies')).toBe(0);
    expect(t.count('audit_log')).toBe(audited);
  });

  it('validates input like the HTTP host', async () => {
    const res = (await invoke(from(TRUSTED), 'members.create', { bodyId: '1', name: '张三' })) as CallResult;
    expect(res).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/^输入有误：“机构”/), field: 'bodyId' },
    });
    const noInput = (await invoke(from(TRUSTED), 'members.end')) as CallResult;
    expect(noInput).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'membershipId' } });
    const unknown = (await invoke(from(TRUSTED), 'bodies.drop', {})) as CallResult;
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(t.count('bodies')).toBe(0);
  });
});

describe('HTTP host serving the console', () => {
  it('serves the page at / and one-segment paths, sends deeper paths to the page by hash, and 404s missing files', async () => {
    const dir = tempDir('yishitai-static-');
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>议事台</title>');
    const host = await createHost(t.rt, { adminToken: TOKEN, staticDir: dir });
    try {
      expect((await host.inject({ method: 'GET', url: '/' })).body).toContain('议事台');
      expect((await host.inject({ method: 'GET', url: '/projector' })).body).toContain('议事台');
      for (const [url, to] of [
        ['/projector/', '/#/projector'],
        ['/meetings/3', '/#/meetings/3'],
      ]) {
        const res = await host.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(302);
        expect(res.headers.location).toBe(to);
      }
      expect((await host.inject({ method: 'GET', url: '/assets/gone.js' })).statusCode).toBe(404);
      expect((await host.inject({ method: 'GET', url: '/api/nothing', headers: auth })).statusCode).toBe(404);
    } finally {
      await host.close();
    }
  });
});
