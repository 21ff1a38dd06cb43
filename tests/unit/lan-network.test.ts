import type { FastifyInstance } from 'fastify';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methodNames, type PollRound, type Vote } from '../../shared/contract';
import { ALREADY_VOTED, VOTING_CODE_AT_DESK, lanLink, type LanReply } from '../../shared/contract/lan-api';
import type { DeskLink } from '../../shared/contract/lan-admin-api';
import { sealRequest, toBase64Url } from '../../shared/lan/seal';
import { createLanServer, lanListener } from '../../electron/host/lan-server';
import { makeTempRuntime, type TempRuntime } from './helpers';
import nacl from 'tweetnacl';
import { setupProjectVote } from '../fixtures';

/**
 * The hall's network (issue 13): the LAN listener serves no admin method; a credential does only what it names,
 * in its own meeting; guesses are refused and rate-limited; a replay is counted once; and what crosses the Wi-Fi
 * carries no choice and no credential. Real SQLite, loopback only.
 */

let t: TempRuntime;
let app: FastifyInstance;
let meetingA: number;
let meetingB: number;
let deputiesA: number[];
let secretVote: number;
let hostKey: string;

beforeEach(async () => {
  t = makeTempRuntime();
  const a = await setupProjectVote(t, {
    deputies: 12,
    present: 10,
    projects: 3,
    seats: 2,
    style: 'choose',
    mode: 'electronic',
    open: false,
  });
  const b = await setupProjectVote(t, {
    deputies: 5,
    present: 5,
    projects: 3,
    seats: 2,
    style: 'choose',
    mode: 'electronic',
    open: false,
    bodyName: '渝北区人民代表大会',
    year: 2026,
  });
  meetingA = a.meeting.id;
  meetingB = b.meeting.id;
  deputiesA = a.present.map((d) => d.membershipId);
  secretVote = await openMotion('关于表决办法的决定', 'secret');
  hostKey = t.rt.lan.credentials.hostPublicKey;
  app = await createLanServer(t.rt, {});
  await app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await app.close();
  t.cleanup();
});

/** A motion with an electronic vote, opened (in meeting A unless told): its vote's id. */
async function openMotion(title: string, secrecy: Vote['secrecy'], meetingId = meetingA): Promise<number> {
  const item = (await t.ok('agenda.add', { meetingId, kind: 'motion', title })) as { id: number };
  const vote = (await t.ok('votes.create', { agendaItemId: item.id, title, mode: 'electronic', secrecy })) as Vote;
  await t.ok('votes.open', { id: vote.id });
  return vote.id;
}
/** A deputy on meeting A's roll who is not signed in (the setup signs in 10 of 12). */
const absentDeputy = () =>
  (
    t.rt.db
      .prepare('SELECT id FROM memberships WHERE body_id = (SELECT body_id FROM meetings WHERE id = ?) ORDER BY id')
      .pluck()
      .all(meetingA) as number[]
  ).find((id) => !deputiesA.includes(id))!;

const codes = (meetingId: number, membershipId: number) => t.rt.lan.credentials.codesOf(meetingId, membershipId);
const key = () => toBase64Url(nacl.randomBytes(12));

/**
 * One request to the listening LAN server over loopback, from the address `from` (a phone's address on the hall's
 * network, played by one of 127.0.0.0/8).
 */
function send(
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  o: { from?: string; type?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: (app.server.address() as AddressInfo).port,
        path: url,
        method,
        localAddress: o.from ?? '127.0.0.20',
        agent: false,
        headers: payload === undefined ? {} : { 'content-type': o.type ?? 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
const post = (url: string, body: unknown, from?: string) => send('POST', url, body, from ? { from } : {});

/** A sealed call through the LAN server, from `ip`; the opened reply, or the plain status when it was not sealed. */
async function lan(
  method: string,
  credential: string,
  input: unknown,
  ip = '127.0.0.20',
): Promise<LanReply & { status: number }> {
  const { body, openReply } = sealRequest(hostKey, { credential, input });
  const res = await post(`/lan/api/${method}`, body, ip);
  if (res.status !== 200) return { ok: false, message: res.body, status: res.status };
  return { ...(openReply(JSON.parse(res.body)) as LanReply), status: 200 };
}
const returned = async (id = secretVote) => ((await t.ok('polls.get', { id })) as PollRound).returned;

describe('the LAN listener serves nothing of the admin host', () => {
  it('every admin method, the admin events and the console pages are 404 there', async () => {
    const cred = codes(meetingA, deputiesA[0]!).terminal;
    for (const m of methodNames) {
      expect((await post(`/api/${m}`, {})).status, `/api/${m}`).toBe(404);
      const { body } = sealRequest(hostKey, { credential: cred, input: {} });
      const res = await post(`/lan/api/${m}`, body);
      expect([res.status, res.body], `/lan/api/${m}`).toEqual([404, '没有这个地址']);
    }
    // The sealed methods do answer there: the 404s above are the admin methods' own.
    expect((await lan('terminal.state', cred, {})).status).toBe(200);
    for (const url of [
      '/',
      '/index.html',
      '/api/events',
      '/api/methods',
      '/api/health',
      '/projector/',
      '/#/print/slips/1',
      '/assets/index.js',
      '/t/assets/index.js',
      '/api/session',
    ]) {
      expect((await send('GET', url)).status, url).toBe(404);
    }
    expect((await post('/api/session', { token: 'x' })).status).toBe(404);
    expect((await send('GET', '/lan/api/terminal.state')).status).toBe(404);
    // The pages it does serve: a plain Chinese page until the vite entries are built.
    const page = await send('GET', '/t/');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/页面尚未构建/);
    expect((await send('GET', '/d/')).body).toMatch(/签到台/);
  });
});

describe('what is not a sealed request is refused in Chinese, before anything is opened', () => {
  it('a body that is not JSON, too large, or not sealed to this host', async () => {
    const cred = codes(meetingA, deputiesA[0]!).terminal;
    const sealed = sealRequest(hostKey, { credential: cred, input: {} }).body;
    const cases: [string, Promise<{ status: number; body: string }>, number, RegExp][] = [
      [
        'text/plain',
        send('POST', '/lan/api/terminal.state', JSON.stringify(sealed), { type: 'text/plain' }),
        415,
        /请求格式有误/,
      ],
      ['not JSON', post('/lan/api/terminal.state', '{"v":1,'), 400, /请求格式有误/],
      [
        'too large',
        post('/lan/api/terminal.state', JSON.stringify({ ...sealed, pad: 'x'.repeat(300 * 1024) })),
        413,
        /请求过大/,
      ],
      [
        'a forged box',
        post('/lan/api/terminal.state', { ...sealed, box: toBase64Url(nacl.randomBytes(1040)) }),
        400,
        /无法解密请求/,
      ],
      [
        'another host',
        post('/lan/api/terminal.state', sealRequest(toBase64Url(nacl.box.keyPair().publicKey), {}).body),
        400,
        /无法解密请求/,
      ],
      ['not an object', post('/lan/api/terminal.state', '[1,2]'), 400, /无法解密请求/],
    ];
    for (const [label, res, status, words] of cases) {
      const r = await res;
      expect([label, r.status], r.body).toEqual([label, status]);
      expect(r.body, label).toMatch(words);
    }
    // None of it reached the service, and the listener still answers a sealed request.
    expect((await lan('terminal.state', cred, {})).ok).toBe(true);
  });
});

describe('the pings a page follows', () => {
  /** A GET /lan/events stream of one audience, counting its pings. */
  function follow(audience: 't' | 'd') {
    let pings = 0;
    const req = http.get({
      host: '127.0.0.1',
      port: (app.server.address() as AddressInfo).port,
      path: `/lan/events?for=${audience}`,
      agent: false,
    });
    const opened = new Promise<void>((resolve) =>
      req.on('response', (res) => {
        res.setEncoding('utf8');
        res.on('data', (c: string) => (pings += (c.match(/^data: \{"t":"changed"\}$/gm) ?? []).length));
        resolve();
      }),
    );
    return { opened, count: () => pings, close: () => req.destroy() };
  }
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('a terminal is pinged when a round starts or closes, not for each cast; a desk for each sign-in', async () => {
    const [phone, desk] = [follow('t'), follow('d')];
    try {
      await Promise.all([phone.opened, desk.opened]);
      await t.ok('votes.close', { id: secretVote });
      const vote = await openMotion('关于议事规则的决定', 'named');
      await settle();
      expect(phone.count()).toBeGreaterThanOrEqual(1);
      const [phoneAtOpen, deskAtOpen] = [phone.count(), desk.count()];
      // Ten casts over a second: the phone hears nothing of them (its own page refetches after its own cast).
      for (const [i, m] of deputiesA.entries()) {
        await t.ok('votes.cast', { id: vote, membershipId: m, choice: i % 2 ? 'yes' : 'no' });
        await new Promise((r) => setTimeout(r, 100));
      }
      await settle();
      expect([phone.count(), desk.count()]).toEqual([phoneAtOpen, deskAtOpen]);
      // A sign-in pings the desks only.
      const absent = absentDeputy();
      await t.ok('attendance.markOne', { meetingId: meetingA, membershipId: absent, status: 'present' });
      await settle();
      expect([phone.count(), desk.count()]).toEqual([phoneAtOpen, deskAtOpen + 1]);
      // The close pings the phones again.
      await t.ok('votes.close', { id: vote });
      await settle();
      expect(phone.count()).toBe(phoneAtOpen + 1);
    } finally {
      phone.close();
      desk.close();
    }
  });
});

describe('credentials', () => {
  it('a deputy votes once; a replayed sealed request is counted once; another key is refused', async () => {
    const cred = codes(meetingA, deputiesA[0]!).terminal;
    const state = await lan('terminal.state', cred, {});
    expect(state).toMatchObject({
      ok: true,
      data: {
        deputy: { name: expect.any(String) },
        poll: { roundId: secretVote, secret: true, voted: false, kind: 'motion' },
      },
    });
    const { body } = sealRequest(hostKey, {
      credential: cred,
      input: { roundId: secretVote, idempotencyKey: 'retry-key-0001', ballot: { choice: 'yes' } },
    });
    const first = await post('/lan/api/terminal.cast', body);
    const again = await post('/lan/api/terminal.cast', body);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await returned()).toBe(1);
    const other = await lan('terminal.cast', cred, {
      roundId: secretVote,
      idempotencyKey: key(),
      ballot: { choice: 'no' },
    });
    expect(other).toMatchObject({ ok: false, message: ALREADY_VOTED });
    expect(await returned()).toBe(1);
    expect(await lan('terminal.state', cred, {})).toMatchObject({ data: { poll: { voted: true } } });
    // The secret cast's audit entry says a terminal cast it, not who.
    const entry = t.rt.db
      .prepare("SELECT actor, detail FROM audit_log WHERE action = 'vote.cast' ORDER BY id DESC")
      .get() as { actor: string; detail: string };
    expect(entry.actor).toBe('代表终端');
    expect(entry.detail).not.toMatch(/yes|赞成/);
  });

  it('the same retried request (same key, new seal) gets the same receipt', async () => {
    const cred = codes(meetingA, deputiesA[1]!).terminal;
    const input = { roundId: secretVote, idempotencyKey: 'same-key-12345', ballot: { choice: 'abstain' } };
    const a = await lan('terminal.cast', cred, input);
    const b = await lan('terminal.cast', cred, input);
    expect(a).toMatchObject({ ok: true, data: { accepted: true, roundId: secretVote } });
    expect(b).toEqual(a);
    expect(await returned()).toBe(1);
  });

  it('a credential of meeting A is refused in meeting B, and a badge of A at a desk of B', async () => {
    const voteB = { id: await openMotion('关于某事项的决定', 'named', meetingB) };
    const credA = codes(meetingA, deputiesA[0]!).terminal;
    expect(
      await lan('terminal.cast', credA, { roundId: voteB.id, idempotencyKey: key(), ballot: { choice: 'yes' } }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/找不到这一轮投票/) });
    expect(await returned(voteB.id)).toBe(0);
    const deskB = (await t.ok('desks.create', { meetingId: meetingB, name: '北门' })) as DeskLink;
    const deskCred = t.rt.lan.credentials.deskCredential(deskB.id);
    expect(
      await lan('desk.signIn', deskCred, { badge: codes(meetingA, deputiesA[9]!).badge, idempotencyKey: key() }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/不是本次会议/) });
    expect(await lan('desk.signIn', deskCred, { membershipId: deputiesA[0]!, idempotencyKey: key() })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/不在本次会议的应到名单/),
    });
  });

  it('a desk credential does nothing but its meeting’s attendance', async () => {
    const desk = (await t.ok('desks.create', { meetingId: meetingA, name: '东门' })) as DeskLink;
    const deskCred = t.rt.lan.credentials.deskCredential(desk.id);
    expect(await lan('terminal.state', deskCred, {})).toMatchObject({ ok: false });
    expect(
      await lan('terminal.cast', deskCred, { roundId: secretVote, idempotencyKey: key(), ballot: { choice: 'yes' } }),
    ).toMatchObject({ ok: false });
    expect(await returned()).toBe(0);
    const state = await lan('desk.state', deskCred, {});
    expect(state).toMatchObject({ ok: true, data: { desk: { name: '东门' }, summary: { expected: 12, present: 10 } } });
    // Deputy 11 (not yet signed in) by the badge; a 投票码 is refused, as a link or bare.
    const absent = absentDeputy();
    const voteCode = codes(meetingA, absent).terminal;
    expect(await lan('desk.signIn', deskCred, { badge: voteCode, idempotencyKey: key() })).toMatchObject({
      ok: false,
      message: VOTING_CODE_AT_DESK,
    });
    expect(
      await lan('desk.signIn', deskCred, {
        badge: lanLink('http://10.0.0.2:8800', 't', voteCode, hostKey),
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, message: VOTING_CODE_AT_DESK });
    const signed = await lan('desk.signIn', deskCred, { badge: codes(meetingA, absent).badge, idempotencyKey: key() });
    expect(signed).toMatchObject({
      ok: true,
      data: { membershipId: absent, status: 'present', already: false, summary: { present: 11 } },
    });
    expect(
      await lan('desk.signIn', deskCred, { badge: codes(meetingA, absent).badge, idempotencyKey: key() }),
    ).toMatchObject({ ok: true, data: { already: true } });
    const entry = t.rt.db
      .prepare("SELECT actor FROM audit_log WHERE action LIKE 'attendance.%' ORDER BY id DESC")
      .pluck()
      .get();
    expect(entry).toBe('签到台：东门');
    // A revoked desk can do nothing more.
    await t.ok('desks.revoke', { id: desk.id });
    expect(await lan('desk.state', deskCred, {})).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
  });

  it('a revoked credential is refused, a reissued one works and the old one stays dead', async () => {
    const m = deputiesA[2]!;
    const old = codes(meetingA, m).terminal;
    expect(await lan('terminal.state', old, {})).toMatchObject({ ok: true });
    await t.ok('credentials.revoke', { meetingId: meetingA, membershipId: m });
    expect(await lan('terminal.state', old, {})).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    await t.ok('credentials.reissue', { meetingId: meetingA, membershipId: m });
    const fresh = codes(meetingA, m).terminal;
    expect(fresh).not.toBe(old);
    expect(await lan('terminal.state', fresh, {}, '127.0.0.21')).toMatchObject({ ok: true });
    expect(await lan('terminal.state', old, {}, '127.0.0.21')).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    expect(JSON.stringify(await t.ok('credentials.list', { meetingId: meetingA }))).not.toContain(fresh);
  });

  it('10,000 random credentials are all refused, and the address is rate-limited', async () => {
    for (let i = 0; i < 10_000; i++) {
      const out = await t.rt.lan.service.call('terminal.state', {
        credential: toBase64Url(nacl.randomBytes(16)),
        input: {},
      });
      expect(out.badCredential).toBe(true);
      expect(out.reply.ok).toBe(false);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++)
      statuses.push((await lan('terminal.state', toBase64Url(nacl.randomBytes(16)), {}, '127.0.0.66')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    const limited = await post('/lan/api/terminal.state', sealRequest(hostKey, {}).body, '127.0.0.66');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body).toMatch(/请\d+秒后再试/);
    // Even the right credential waits from that address; another address is not held up.
    expect((await lan('terminal.state', codes(meetingA, deputiesA[0]!).terminal, {}, '127.0.0.66')).status).toBe(429);
    expect(await lan('terminal.state', codes(meetingA, deputiesA[0]!).terminal, {}, '127.0.0.67')).toMatchObject({
      ok: true,
    });
  });
});

describe('what crosses the Wi-Fi', () => {
  it('captured traffic of a vote holds no choice, no credential, no reusable secret, and every choice has the same length', async () => {
    const listener = lanListener(t.rt, { host: '127.0.0.1' });
    await listener.start(0);
    const port = listener.port()!;
    // A relay that records every byte both ways, as a listener on the hall's Wi-Fi would.
    const wire: Buffer[] = [];
    const relay = net.createServer((client) => {
      const upstream = net.connect(port, '127.0.0.1');
      client.on('data', (d) => (wire.push(d), upstream.write(d)));
      upstream.on('data', (d) => (wire.push(d), client.write(d)));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
    try {
      const lengths: number[] = [];
      const secrets: string[] = [];
      const choices = ['yes', 'no', 'abstain'] as const;
      for (const [i, choice] of choices.entries()) {
        const cred = codes(meetingA, deputiesA[i]!).terminal;
        const idempotencyKey = `capture-key-${i}-abcdef`;
        secrets.push(cred, codes(meetingA, deputiesA[i]!).badge, idempotencyKey);
        const { body, openReply } = sealRequest(hostKey, {
          credential: cred,
          input: { roundId: secretVote, idempotencyKey, ballot: { choice } },
        });
        const text = JSON.stringify(body);
        lengths.push(Buffer.byteLength(text));
        const res = await fetch(`${base}/lan/api/terminal.cast`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: text,
        });
        const reply = openReply((await res.json()) as never) as LanReply;
        expect(reply).toMatchObject({ ok: true, data: { accepted: true } });
        if (reply.ok) secrets.push((reply.data as { receipt: string }).receipt);
      }
      expect(new Set(lengths).size).toBe(1);
      const captured = Buffer.concat(wire).toString('latin1');
      expect(captured).toContain('POST /lan/api/terminal.cast');
      // Quoted, as JSON would carry them (a bare 'no' is in the headers' no-store; base64 never holds a quote).
      for (const word of [
        ...choices.map((c) => `"${c}"`),
        'abstain',
        '赞成',
        '反对',
        '弃权',
        'choice',
        'ballot',
        'credential',
        'idempotency',
      ])
        expect(captured, word).not.toContain(word);
      for (const s of secrets) expect(captured, s).not.toContain(s);
      expect(captured).not.toContain(toBase64Url(t.rt.lan.credentials.hostSecretKey));
      // The captured request is no reusable secret: replaying it counts nothing new, and its reply cannot be read.
      const requests = captured
        .split('POST ')
        .slice(1)
        .map((r) => r.slice(r.indexOf('\r\n\r\n') + 4).replace(/HTTP\/1\.1[\s\S]*$/, ''));
      const replay = await fetch(`${base}/lan/api/terminal.cast`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: requests[0]!.slice(0, requests[0]!.lastIndexOf('}') + 1),
      });
      expect(replay.status).toBe(200);
      expect(await returned()).toBe(3);
    } finally {
      relay.close();
      await listener.stop();
    }
  });
});
