import http from 'node:http';
import { LAN_API_PATH, type LanReply } from '../../shared/contract/lan-api';
import { openReply, sealSession, type SealSession, type SealedReply } from '../../shared/lan/seal';
import { NODE_SEAL_CRYPTO } from './seal-crypto';

/**
 * A load generator: many terminals or desks sending requests at once, with the latency of each answer. The
 * benchmark (tests/bench/hall.ts) drives it over the admin API (adminHttpCaller) or, with --lan, over the sealed
 * LAN protocol (lanHttpCaller); the rehearsal (演练, ./rehearsal.ts) runs the same openLoop with lanHttpCaller
 * against a sandbox copy of the meeting.
 *
 * Two shapes of load:
 * - openLoop: request i is due at start + i × spreadMs / count, whether or not earlier ones have been answered
 *   (phones do not wait for each other). Its latency is counted from when it was due, not from when this process
 *   got round to sending it, so a host that stalls its own event loop cannot hide the stall (coordinated omission).
 * - closedLoop: `clients` clients, each sending its next request when the previous one is answered (desks).
 */

/** One request: resolves true when accepted, false (or throws) when refused. */
export type Send = (i: number) => Promise<boolean>;

export interface LoadResult {
  sent: number;
  accepted: number;
  refused: number;
  /** A few refusals or errors, to print. */
  errors: string[];
  /** Per accepted or refused request, milliseconds from due (open loop) or sent (closed loop) to answered. */
  latencies: number[];
  /** From the first request due to the last answer. */
  wallMs: number;
}

const now = () => performance.now();

/** An empty result, to pass as `into` when the caller wants to watch the counts while the load runs. */
export const emptyResult = (): LoadResult => ({
  sent: 0,
  accepted: 0,
  refused: 0,
  errors: [],
  latencies: [],
  wallMs: 0,
});

function collector(into?: LoadResult) {
  const r: LoadResult = into ?? emptyResult();
  const settle = async (i: number, from: number, send: Send) => {
    r.sent++;
    try {
      const ok = await send(i);
      if (ok) r.accepted++;
      else r.refused++;
    } catch (e) {
      r.refused++;
      if (r.errors.length < 5) r.errors.push(e instanceof Error ? e.message : String(e));
    }
    r.latencies.push(now() - from);
  };
  return { r, settle };
}

/** Milliseconds since the epoch, sub-millisecond and the same clock in every thread and process of this machine. */
export const wallClock = () => performance.timeOrigin + performance.now();

/**
 * `into`: the result to fill as answers arrive (live progress); `stopped`: no further request is sent once it says
 * so; `startAt` (wallClock): when request 0 is due, so several threads can share one schedule; `offset`/`stride`:
 * this thread sends requests offset, offset + stride, … of a `count`-request schedule (send gets the global index).
 */
export async function openLoop(
  count: number,
  spreadMs: number,
  send: Send,
  o: { into?: LoadResult; stopped?: () => boolean; startAt?: number; offset?: number; stride?: number } = {},
): Promise<LoadResult> {
  const { r, settle } = collector(o.into);
  if (o.startAt !== undefined) {
    const wait = o.startAt - wallClock();
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
  }
  const start = o.startAt !== undefined ? o.startAt - performance.timeOrigin : now();
  const stride = o.stride ?? 1;
  const pending: Promise<void>[] = [];
  let next = o.offset ?? 0;
  while (next < count && !o.stopped?.()) {
    const elapsed = now() - start;
    while (next < count && (next * spreadMs) / count <= elapsed) {
      pending.push(settle(next, start + (next * spreadMs) / count, send));
      next += stride;
    }
    if (next < count) await new Promise((res) => setTimeout(res, 1));
  }
  await Promise.all(pending);
  r.wallMs = now() - start;
  return r;
}

export async function closedLoop(clients: number, count: number, send: Send): Promise<LoadResult> {
  const { r, settle } = collector();
  const start = now();
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        await settle(i, now(), send);
      }
    }),
  );
  r.wallMs = now() - start;
  return r;
}

/** Percentile by nearest rank (p in 0–100). */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

export interface AdminCaller {
  (method: string, input: unknown): Promise<{ status: number; body: string }>;
  close(): void;
}

/** POST /api/<method> to an admin host with its token, over a pool of keep-alive connections (one per terminal, up to maxSockets). */
export function adminHttpCaller(o: { host?: string; port: number; token: string; maxSockets?: number }): AdminCaller {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.maxSockets ?? 64 });
  const call = (method: string, input: unknown) => {
    const payload = JSON.stringify(input);
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: o.host ?? '127.0.0.1',
          port: o.port,
          path: `/api/${method}`,
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(payload),
            Authorization: `Bearer ${o.token}`,
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
  return Object.assign(call, { close: () => agent.destroy() });
}

export interface LanCaller {
  /** One sealed call as a terminal or desk makes it: the opened reply, or a thrown Chinese error when none came. */
  (method: string, credential: string, input: unknown): Promise<LanReply>;
  close(): void;
}

/**
 * One LAN request sealed ahead of its send, as a phone seals its ballot before it taps 提交: plain data, so it can
 * be made in one thread and sent from another (the bench's terminal threads). `sharedKey` (base64) opens the reply.
 */
export interface SealedCall {
  method: string;
  payload: string;
  sharedKey: string;
}

/** A phone's or desk's session with the host (its one key pair, as the page keeps it), with OpenSSL's X25519. */
export const lanSession = (hostPublicKey: string): SealSession => sealSession(hostPublicKey, NODE_SEAL_CRYPTO);

/** Seal a call as the phone's page does (shared/lan/seal.ts), in `session` (by default one of its own). */
export function sealLanCall(
  hostPublicKey: string,
  method: string,
  credential: string,
  input: unknown,
  session: SealSession = lanSession(hostPublicKey),
): SealedCall {
  const { body } = session.seal({ credential, input });
  return { method, payload: JSON.stringify(body), sharedKey: Buffer.from(session.sharedKey).toString('base64') };
}

/** POST a sealed call to a LAN listener over `agent`: the opened reply, or a thrown Chinese error when none came. */
export function postSealed(o: { host?: string; port: number; agent: http.Agent }, call: SealedCall): Promise<LanReply> {
  const key = new Uint8Array(Buffer.from(call.sharedKey, 'base64'));
  return postLan(o, call.method, call.payload, (reply) => openReply(key, reply, NODE_SEAL_CRYPTO));
}

function postLan(
  o: { host?: string; port: number; agent: http.Agent },
  method: string,
  payload: string,
  open: (reply: SealedReply) => unknown,
): Promise<LanReply> {
  return new Promise<LanReply>((resolve, reject) => {
    const req = http.request(
      {
        host: o.host ?? '127.0.0.1',
        port: o.port,
        path: `${LAN_API_PATH}${method}`,
        method: 'POST',
        agent: o.agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`会场网络答复${res.statusCode}：${text.slice(0, 80)}`));
          let opened: unknown;
          try {
            opened = open(JSON.parse(text) as SealedReply);
          } catch {
            opened = undefined;
          }
          if (opened === undefined) reject(new Error('无法解密主机的答复'));
          else resolve(opened as LanReply);
        });
      },
    );
    req.on('error', (e) => reject(new Error(`连接会场网络失败：${e.message}`)));
    req.end(payload);
  });
}

/**
 * POST /lan/api/<method> to a LAN listener, each request sealed to the host's public key as the phone's page seals
 * it (shared/lan/seal.ts), over a pool of keep-alive connections. Each credential is one simulated phone with a
 * session of its own.
 */
export function lanHttpCaller(o: {
  host?: string;
  port: number;
  hostPublicKey: string;
  maxSockets?: number;
}): LanCaller {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.maxSockets ?? 64 });
  const sessions = new Map<string, SealSession>();
  const call = (method: string, credential: string, input: unknown) => {
    let session = sessions.get(credential);
    if (!session) sessions.set(credential, (session = lanSession(o.hostPublicKey)));
    const { body, openReply: open } = session.seal({ credential, input });
    return postLan({ ...o, agent }, method, JSON.stringify(body), open);
  };
  return Object.assign(call, { close: () => agent.destroy() });
}
