import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { LAN_API_PATH, LAN_EVENTS_PATH, type LanReply } from '../../shared/contract/lan-api';
import { openReply, resumeSession, type SealedReply } from '../../shared/lan/seal';
import { openLoop, wallClock, type SealedCall } from '../../electron/services/load-generator';
import { NODE_SEAL_CRYPTO } from '../../electron/services/seal-crypto';
import { RawConnection, rawEventStream } from './raw-http';

/**
 * The hall bench's clients, in threads of their own (bundled to dist/electron/hall-worker.cjs), so their work is
 * not counted as the host's latency: the host runs in another process (dist/electron/host.cjs).
 * - terminals: a share of the hall's phones, each as the terminal page behaves: a connection of its own for its
 *   calls, the listener's pings followed (GET /lan/events?for=t on a second connection), both over plain sockets
 *   (./raw-http.ts: node:http's client would take the host's CPU on this machine),
 *   and terminal.state fetched when the stream opens and on every ping (posts 'ready' once all have it). When the
 *   vote opens, the ping brings every phone its ballot (posts 'opened' with when the last had it). On 'cast', its
 *   share of the open-loop schedule of sealed terminal.cast calls (sealed beforehand, as a phone seals its ballot
 *   before 提交) goes out over the phones' connections; each answer is opened and must say accepted. Posts the
 *   LoadResult and the pings the phones got meanwhile ('done'). After the close, the ping takes the ballot off every
 *   phone (posts 'phones-closed').
 * - screens: `count` subscribers of GET /api/events, as the projector and hall screens follow a vote: counts frames,
 *   notes when each first sees the vote closed, and the 已投 of the last progress frame each saw before it.
 */

export type HallWorkerData =
  | {
      role: 'terminals';
      port: number;
      /** Per phone of the hall, its session and credential and its terminal.cast, sealed (null: another thread's). */
      phones: ({ epk: string; sharedKey: string; credential: string } | null)[];
      calls: (SealedCall | null)[];
      count: number;
      spreadMs: number;
      offset: number;
      stride: number;
      roundId: number;
    }
  | { role: 'screens'; port: number; token: string; count: number };

const data = workerData as HallWorkerData;
const port = parentPort!;

if (data.role === 'terminals') {
  const d = data;
  type Phone = {
    conn: RawConnection;
    key: Uint8Array;
    seal(): SealedCall;
    /** The round on its screen (null: none), and whether a ping came while it was fetching. */
    round: number | null;
    fetching: boolean;
    again: boolean;
    pings: number;
    stream: (() => void) | null;
    /** It has had an answer to terminal.state at least once. */
    seen: boolean;
  };
  const phones = new Map<number, Phone>();
  for (const [i, p] of d.phones.entries()) {
    if (!p) continue;
    const key = new Uint8Array(Buffer.from(p.sharedKey, 'base64'));
    const session = resumeSession(p.epk, key, NODE_SEAL_CRYPTO);
    phones.set(i, {
      conn: new RawConnection(d.port),
      key,
      seal: () => ({
        method: 'terminal.state',
        payload: JSON.stringify(session.seal({ credential: p.credential, input: {} }).body),
        sharedKey: p.sharedKey,
      }),
      round: null,
      fetching: false,
      again: false,
      pings: 0,
      stream: null,
      seen: false,
    });
  }
  /** One sealed call over the phone's connection: the opened reply, or a thrown error. */
  const send = async (p: Phone, call: SealedCall): Promise<LanReply> => {
    const res = await p.conn.post(LAN_API_PATH + call.method, call.payload);
    if (res.status !== 200) throw new Error(`会场网络答复${res.status}：${res.body.slice(0, 80)}`);
    const reply = openReply(p.key, JSON.parse(res.body) as SealedReply, NODE_SEAL_CRYPTO) as LanReply | undefined;
    if (!reply) throw new Error('无法解密主机的答复');
    return reply;
  };
  /** What the phones wait for next: every phone has fetched, has the ballot, or has it no more. */
  let waiting: { test: (p: Phone) => boolean; type: string } | null = { test: () => true, type: 'ready' };
  let fetched = 0;
  const check = () => {
    if (!waiting || fetched < phones.size) return;
    for (const p of phones.values()) if (p.fetching || !waiting.test(p)) return;
    port.postMessage({ type: waiting.type, at: wallClock() });
    waiting = null;
  };
  const fetchState = (p: Phone) => {
    if (p.fetching) return void (p.again = true);
    p.fetching = true;
    send(p, p.seal())
      .then((reply) => {
        if (!reply.ok) throw new Error(reply.message);
        p.round = (reply.data as { poll?: { roundId: number } | null }).poll?.roundId ?? null;
      })
      .catch((e: Error) => port.postMessage({ type: 'error', message: `terminal.state：${e.message}` }))
      .finally(() => {
        if (!p.seen) {
          p.seen = true;
          fetched++;
        }
        p.fetching = false;
        if (p.again) {
          p.again = false;
          fetchState(p);
        } else check();
      });
  };
  // The page: refetch when the stream opens and on each ping (renderer/src/lan/events.ts).
  for (const p of phones.values()) {
    p.stream = rawEventStream(d.port, `${LAN_EVENTS_PATH}?for=t`, (events) => {
      p.pings += events;
      fetchState(p);
    });
  }
  const pings = () => [...phones.values()].reduce((n, p) => n + p.pings, 0);
  port.on('message', (m: { type: string; startAt: number }) => {
    if (m.type === 'await-open') waiting = { test: (p) => p.round === d.roundId, type: 'opened' };
    if (m.type === 'await-close') waiting = { test: (p) => p.round !== d.roundId, type: 'phones-closed' };
    if (waiting) check();
    if (m.type === 'cast') {
      const pingsBefore = pings();
      void openLoop(
        d.count,
        d.spreadMs,
        async (i) => {
          const reply = await send(phones.get(i)!, d.calls[i]!);
          if (!reply.ok) throw new Error(reply.message);
          const ack = reply.data as { accepted?: boolean; roundId?: number };
          if (ack.accepted !== true || ack.roundId !== d.roundId)
            throw new Error(`答复不是本轮的确认：${JSON.stringify(ack).slice(0, 80)}`);
          return true;
        },
        { startAt: m.startAt, offset: d.offset, stride: d.stride },
      ).then((result) => port.postMessage({ type: 'done', result, pings: pings() - pingsBefore }));
    }
    if (m.type === 'stop') {
      for (const p of phones.values()) {
        p.stream?.();
        p.conn.close();
      }
    }
  });
} else {
  const agent = new http.Agent({ keepAlive: true, maxSockets: data.count + 16 });
  let connected = 0;
  let frames = 0;
  let closed = 0;
  /** Per screen: the 已投 of the last vote.changed frame before the closed one. */
  const lastCast: number[] = new Array(data.count).fill(-1);
  const reqs: http.ClientRequest[] = [];
  for (let i = 0; i < data.count; i++) {
    let seenClosed = false;
    let buf = '';
    let first = true;
    const req = http.get(
      {
        host: '127.0.0.1',
        port: data.port,
        path: '/api/events',
        agent,
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${data.token}` },
      },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (first) {
            first = false;
            if (++connected === data.count) port.postMessage({ type: 'ready' });
          }
          buf += chunk;
          let at: number;
          while ((at = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, at);
            buf = buf.slice(at + 2);
            if (frame.startsWith(':') || frame.startsWith('retry')) continue;
            frames++;
            if (seenClosed || !frame.startsWith('event: vote.changed')) continue;
            const payload = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as { status: string; cast: number };
            if (payload.status === 'closed') {
              seenClosed = true;
              if (++closed === data.count) port.postMessage({ type: 'closed', at: wallClock() });
            } else lastCast[i] = payload.cast;
          }
        });
        res.on('error', () => {});
      },
    );
    req.on('error', (e) => port.postMessage({ type: 'error', message: String(e.message) }));
    reqs.push(req);
  }
  port.on('message', (m: { type: string }) => {
    if (m.type === 'frames') port.postMessage({ type: 'frames', frames, closed, lastCast });
    if (m.type === 'stop') {
      for (const r of reqs) r.destroy();
      agent.destroy();
      port.close();
    }
  });
}
