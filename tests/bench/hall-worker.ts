import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { closedLoop, openLoop, postSealed, wallClock, type SealedCall } from '../../electron/services/load-generator';

/**
 * The hall bench's clients, in threads of their own (bundled to dist/electron/hall-worker.cjs), so their work is
 * not counted as the host's latency: the host runs in another process (dist/electron/host.cjs).
 * - terminals: a share of the hall's phones, each with a connection of its own (an agent of one socket). First each
 *   opens the vote (terminal.state, 32 at a time; posts 'opened'), as a phone loads the ballot when the vote opens;
 *   then, on 'cast', its share of the open-loop schedule of sealed terminal.cast calls (sealed beforehand, as a
 *   phone seals its ballot before 提交) goes out over the phones' connections; each answer is opened and must say
 *   accepted. Posts the LoadResult ('done').
 * - screens: `count` subscribers of GET /api/events, as the projector and hall screens follow a vote: counts frames,
 *   notes when each first sees the vote closed, and the 已投 of the last progress frame each saw before it.
 */

export type HallWorkerData =
  | {
      role: 'terminals';
      port: number;
      /** Per phone of the hall, its terminal.state and terminal.cast calls (null for another thread's phones). */
      opens: (SealedCall | null)[];
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
  const mine = data.calls.map((_, i) => i).filter((i) => data.calls[i]);
  const agents = new Map(mine.map((i) => [i, new http.Agent({ keepAlive: true, maxSockets: 1 })]));
  void closedLoop(32, mine.length, async (k) => {
    const i = mine[k]!;
    const reply = await postSealed({ port: data.port, agent: agents.get(i)! }, data.opens[i]!);
    const poll = reply.ok ? (reply.data as { poll?: { roundId?: number; voted?: boolean } }).poll : undefined;
    if (poll?.roundId !== data.roundId || poll.voted)
      throw new Error(`终端没有看到本轮表决：${JSON.stringify(reply).slice(0, 80)}`);
    return true;
  }).then((result) => port.postMessage({ type: 'opened', result }));
  port.on('message', (m: { type: string; startAt: number }) => {
    if (m.type !== 'cast') return;
    void openLoop(
      data.count,
      data.spreadMs,
      async (i) => {
        const reply = await postSealed({ port: data.port, agent: agents.get(i)! }, data.calls[i]!);
        if (!reply.ok) throw new Error(reply.message);
        const ack = reply.data as { accepted?: boolean; roundId?: number };
        if (ack.accepted !== true || ack.roundId !== data.roundId)
          throw new Error(`答复不是本轮的确认：${JSON.stringify(ack).slice(0, 80)}`);
        return true;
      },
      { startAt: m.startAt, offset: data.offset, stride: data.stride },
    ).then((result) => {
      for (const a of agents.values()) a.destroy();
      port.postMessage({ type: 'done', result });
    });
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
