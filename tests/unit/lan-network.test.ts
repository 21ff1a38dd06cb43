import type { FastifyInstance } from 'fastify';
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
  const motion = (await t.ok('agenda.add', { meetingId: meetingA, kind: 'motion', title: '关于表决办法的决定' })) as {
    id: number;
  };
  const vote = (await t.ok('votes.create', {
    agendaItemId: motion.id,
    title: '关于表决办法的决定',
    mode: 'electronic',
    secrecy: 'secret',
  })) as Vote;
  await t.ok('votes.open', { id: vote.id });
  secretVote = vote.id;
  hostKey = t.rt.lan.credentials.hostPublicKey;
  app = await createLanServer(t.rt, {});
});
afterEach(async () => {
  await app.close();
  t.cleanup();
});

const codes = (meetingId: number, membershipId: number) => t.rt.lan.credentials.codesOf(meetingId, membershipId);
const key = () => toBase64Url(nacl.randomBytes(12));

/** A sealed call through the LAN server, from `ip`; the opened reply, or the plain status when it was not sealed. */
async function lan(
  method: string,
  credential: string,
  input: unknown,
  ip = '192.168.1.20',
): Promise<LanReply & { status: number }> {
  const { body, openReply } = sealRequest(hostKey, { credential, input });
  const res = await app.inject({ method: 'POST', url: `/lan/api/${method}`, payload: body, remoteAddress: ip });
  if (res.statusCode !== 200) return { ok: false, message: res.body, status: res.statusCode };
  return { ...(openReply(res.json()) as LanReply), status: 200 };
}
const returned = async (id = secretVote) => ((await t.ok('polls.get', { id })) as PollRound).returned;

describe('the LAN listener serves nothing of the admin host', () => {
  it('every admin method, the admin events and the console pages are 404 there', async () => {
    const cred = codes(meetingA, deputiesA[0]!).terminal;
    for (const m of methodNames) {
      expect((await app.inject({ method: 'POST', url: `/api/${m}`, payload: {} })).statusCode, `/api/${m}`).toBe(404);
      const { body } = sealRequest(hostKey, { credential: cred, input: {} });
      expect(
        (await app.inject({ method: 'POST', url: `/lan/api/${m}`, payload: body })).statusCode,
        `/lan/api/${m}`,
      ).toBe(404);
    }
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
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    expect((await app.inject({ method: 'POST', url: '/api/session', payload: { token: 'x' } })).statusCode).toBe(404);
    // The pages it does serve: a plain Chinese page until the vite entries are built.
    const page = await app.inject({ method: 'GET', url: '/t/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/页面尚未构建/);
    expect((await app.inject({ method: 'GET', url: '/d/' })).body).toMatch(/签到台/);
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
    const first = await app.inject({ method: 'POST', url: '/lan/api/terminal.cast', payload: body });
    const again = await app.inject({ method: 'POST', url: '/lan/api/terminal.cast', payload: body });
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
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
    const motionB = (await t.ok('agenda.add', { meetingId: meetingB, kind: 'motion', title: '关于某事项的决定' })) as {
      id: number;
    };
    const voteB = (await t.ok('votes.create', {
      agendaItemId: motionB.id,
      title: '关于某事项的决定',
      mode: 'electronic',
      secrecy: 'named',
    })) as Vote;
    await t.ok('votes.open', { id: voteB.id });
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
    const absent = (
      t.rt.db
        .prepare('SELECT id FROM memberships WHERE body_id = (SELECT body_id FROM meetings WHERE id = ?) ORDER BY id')
        .pluck()
        .all(meetingA) as number[]
    ).find((id) => !deputiesA.includes(id))!;
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
    expect(await lan('terminal.state', fresh, {}, '192.168.1.21')).toMatchObject({ ok: true });
    expect(await lan('terminal.state', old, {}, '192.168.1.21')).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
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
      statuses.push((await lan('terminal.state', toBase64Url(nacl.randomBytes(16)), {}, '192.168.1.66')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    const limited = await app.inject({
      method: 'POST',
      url: '/lan/api/terminal.state',
      payload: sealRequest(hostKey, {}).body,
      remoteAddress: '192.168.1.66',
    });
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body).toMatch(/请\d+秒后再试/);
    // Even the right credential waits from that address; another address is not held up.
    expect((await lan('terminal.state', codes(meetingA, deputiesA[0]!).terminal, {}, '192.168.1.66')).status).toBe(429);
    expect(await lan('terminal.state', codes(meetingA, deputiesA[0]!).terminal, {}, '192.168.1.67')).toMatchObject({
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
