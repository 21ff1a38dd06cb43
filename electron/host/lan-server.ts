import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { AppError } from '../../shared/contract';
import { LAN_API_PATH, LAN_EVENTS_PATH, isLanMethodName } from '../../shared/contract/lan-api';
import { openRequest, sharedKeyCache } from '../../shared/lan/seal';
import { NODE_SEAL_CRYPTO, sealCryptoReady } from '../services/seal-crypto';
import type { LanListener } from '../services/lan-control';
import type { Runtime } from '../services/runtime';
import { CONTENT_SECURITY_POLICY } from './server';

/**
 * The hall's network listener (issue 13): a Fastify instance of its own on 0.0.0.0:<port>, apart from the admin
 * host. It serves only the terminal page (/t/), the desk page (/d/), the assets those two pages load, the sealed
 * LAN methods (POST /lan/api/<method>) and content-free change pings (GET /lan/events). Everything else is 404:
 * no admin method, no admin event, no console or projector page answers here.
 *
 * The sealed methods are answered by a plain Node handler in front of Fastify (lanCallHandler): a burst of 3,376
 * casts in a second is the one load this listener must carry, and Fastify's parsing, hooks and serializer were a
 * tenth of the host's CPU per cast there (measured with --cpu-prof). Pages, assets and the pings stay with Fastify.
 */

export interface LanServerOptions {
  /** dist/renderer, where the vite build puts terminal.html, desk.html and their assets. */
  staticDir?: string;
  logger?: boolean;
  /** Failed credentials an address may send per window before it is refused with 429 (5 per minute). */
  rateLimit?: { failures: number; windowMs: number };
  /** The shortest gap between two pings on /lan/events (100 ms). */
  pingGapMs?: number;
}

const PAGES = { t: 'terminal.html', d: 'desk.html' } as const;
/** On every answer of this listener, the sealed methods' included. */
const LAN_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY.replace("frame-ancestors 'self'", "frame-ancestors 'none'"),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};
const TEXT = 'text/plain; charset=utf-8';
/** A sealed 75-item 测评 ballot is a few KB; nothing legitimate comes near this. */
const LAN_BODY_LIMIT = 256 * 1024;
const MAX_TRACKED_ADDRESSES = 10_000;
/**
 * Connections waiting to be accepted. A hall's phones connect together: when their pages open at the start, when the
 * Wi-Fi comes back after a drop, when a phone's idle connection has lapsed before its deputy taps 提交. Node's
 * default queue of 511 overflowed on the hall bench: each dropped connection attempt waits a second before the phone
 * tries again, which put the first casts of a 3,376-phone burst a second late (Linux caps this at
 * net.core.somaxconn, 4,096 by default).
 */
const LAN_BACKLOG = 4096;
/**
 * How long an idle phone's connection is kept: the deputy reads the ballot the phone loaded when the vote opened and
 * taps 提交 over the same connection, instead of all phones connecting again at once (Chrome keeps a used idle
 * connection five minutes). Node's default is 5 s.
 */
export const LAN_KEEP_ALIVE_MS = 5 * 60_000;

const NOT_BUILT = (title: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head>` +
  `<body style="font:20px/1.6 sans-serif;padding:2em"><h1>${title}</h1><p>页面尚未构建：请在主机上运行 npm run build 后刷新。</p></body></html>`;

/**
 * Failed credentials per source address, in a fixed window; bounded memory (the oldest addresses are forgotten
 * first when more than MAX_TRACKED_ADDRESSES are tracked).
 */
export function failureLimiter(failures: number, windowMs: number, now: () => number = Date.now) {
  const seen = new Map<string, { count: number; until: number }>();
  const entry = (ip: string) => {
    const e = seen.get(ip);
    if (e && e.until > now()) return e;
    if (e) seen.delete(ip);
    return undefined;
  };
  return {
    /** Seconds until this address may try again, or 0. */
    retryAfter(ip: string): number {
      const e = entry(ip);
      return e && e.count >= failures ? Math.ceil((e.until - now()) / 1000) : 0;
    },
    fail(ip: string) {
      const e = entry(ip);
      if (e) e.count++;
      else {
        if (seen.size >= MAX_TRACKED_ADDRESSES) seen.delete(seen.keys().next().value!);
        seen.set(ip, { count: 1, until: now() + windowMs });
      }
    },
    size: () => seen.size,
  };
}

/** An idle stream gets a comment this often, so a Wi-Fi access point or a phone does not drop it as dead. */
const LAN_STREAM_KEEP_ALIVE_MS = 30_000;

/**
 * The streams of one audience, pinged at most once per `gap` ms (a ping asked for meanwhile goes out at its end).
 * One keep-alive timer for all of them, not one per stream: a hall's 3,376 phones would otherwise each have a timer,
 * and the comments would go out in a burst whenever their streams had opened together.
 */
function pinger(gap: number) {
  const streams = new Set<ServerResponse>();
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  const send = () => {
    timer = null;
    last = Date.now();
    for (const res of streams) res.write('data: {"t":"changed"}\n\n');
  };
  const keepAlive = setInterval(() => {
    if (Date.now() - last < LAN_STREAM_KEEP_ALIVE_MS) return;
    last = Date.now();
    for (const res of streams) res.write(': \n\n');
  }, LAN_STREAM_KEEP_ALIVE_MS);
  keepAlive.unref();
  return {
    ping() {
      if (!timer && streams.size) timer = setTimeout(send, Math.max(0, last + gap - Date.now()));
    },
    add: (res: ServerResponse) => void streams.add(res),
    remove: (res: ServerResponse) => void streams.delete(res),
    close() {
      if (timer) clearTimeout(timer);
      clearInterval(keepAlive);
    },
  };
}

function answer500(res: ServerResponse) {
  if (res.headersSent) return void res.destroy();
  res.writeHead(500, { ...LAN_HEADERS, 'Content-Type': TEXT });
  res.end('内部错误');
}

/** The asset files a page loads, and the files those load in turn (vite's chunks import each other by ./name). */
function assetsOf(staticDir: string, pages: string[]): Set<string> {
  const allowed = new Set<string>();
  const queue = pages.map((p) => path.join(staticDir, p)).filter((f) => fs.existsSync(f));
  while (queue.length) {
    const text = fs.readFileSync(queue.pop()!, 'utf8');
    for (const m of text.matchAll(/(?:assets\/|\.\/)([\w.-]+\.(?:js|css|woff2?|svg|png|wasm))/g)) {
      const name = m[1]!;
      const file = path.join(staticDir, 'assets', name);
      if (!allowed.has(name) && fs.existsSync(file)) {
        allowed.add(name);
        if (/\.(js|css)$/.test(name)) queue.push(file);
      }
    }
  }
  return allowed;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff: 'font/woff',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
};

/**
 * POST /lan/api/<method>: one sealed call, answered in plain Node. The method's name is in the path for anyone to
 * see; an admin method (or any other) is simply not here (404). Refused before anything is opened: a sender over
 * its failed-credential limit (429), a body that is not JSON (415, 400) or too large (413). A body that does not
 * open with the host's key is 400; everything the LAN service answers, refusals included, is 200 and sealed, so
 * success and refusal look alike on the wire.
 */
function lanCallHandler(rt: Runtime, limiter: ReturnType<typeof failureLimiter>) {
  const keys = sharedKeyCache();
  const answer = (res: ServerResponse, status: number, body: string, type = TEXT, extra?: Record<string, string>) => {
    if (res.headersSent) return;
    res.writeHead(status, {
      ...LAN_HEADERS,
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      ...extra,
    });
    res.end(body);
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<string | null>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > LAN_BODY_LIMIT) {
          req.removeAllListeners('data');
          req.resume();
          resolve(null);
        } else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  return async (req: IncomingMessage, res: ServerResponse, method: string) => {
    if (!isLanMethodName(method)) return answer(res, 404, '没有这个地址');
    const ip = req.socket.remoteAddress ?? '';
    const wait = limiter.retryAfter(ip);
    if (wait > 0) return answer(res, 429, `凭据错误次数过多，请${wait}秒后再试`, TEXT, { 'Retry-After': String(wait) });
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) return answer(res, 415, '请求格式有误');
    const text = await readBody(req);
    if (text === null) return answer(res, 413, '请求过大', TEXT, { Connection: 'close' });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return answer(res, 400, '请求格式有误');
    }
    const opened = openRequest(rt.lan.credentials.hostSecretKey, body, NODE_SEAL_CRYPTO, keys);
    if (!opened) return answer(res, 400, '无法解密请求：请重新扫描凭条上的二维码');
    const { reply, badCredential } = await rt.lan.service.call(method, opened.value);
    if (badCredential) limiter.fail(ip);
    answer(res, 200, JSON.stringify(opened.sealReply(reply)), 'application/json; charset=utf-8');
  };
}

export async function createLanServer(rt: Runtime, opts: LanServerOptions = {}): Promise<FastifyInstance> {
  const limiter = failureLimiter(opts.rateLimit?.failures ?? 5, opts.rateLimit?.windowMs ?? 60_000);
  const call = lanCallHandler(rt, limiter);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: LAN_BODY_LIMIT,
    forceCloseConnections: true,
    serverFactory: (fastify) => {
      const server = http.createServer((req, res) => {
        const url = req.url ?? '';
        if (req.method !== 'POST' || !url.startsWith(LAN_API_PATH)) return fastify(req, res);
        call(req, res, url.slice(LAN_API_PATH.length).split('?')[0]!).catch(() => answer500(res));
      });
      server.keepAliveTimeout = LAN_KEEP_ALIVE_MS;
      return server;
    },
  });
  const staticDir = opts.staticDir;
  const pages = Object.values(PAGES);
  const assets = staticDir ? assetsOf(staticDir, pages) : new Set<string>();

  app.addHook('onSend', async (_req, reply) => {
    reply.headers(LAN_HEADERS);
  });
  const notFound = (reply: FastifyReply) => reply.status(404).type('text/plain; charset=utf-8').send('没有这个地址');
  app.setNotFoundHandler((_req, reply) => notFound(reply));
  app.setErrorHandler((err: { statusCode?: number }, _req, reply) => {
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    reply
      .status(status)
      .type('text/plain; charset=utf-8')
      .send(status === 413 ? '请求过大' : status < 500 ? '请求格式有误' : '内部错误');
  });

  for (const [prefix, file] of Object.entries(PAGES)) {
    const title = prefix === 't' ? '代表终端' : '签到台';
    app.get(`/${prefix}`, (_req, reply) => reply.redirect(`/${prefix}/`));
    app.get(`/${prefix}/`, (_req, reply) => {
      const f = staticDir && path.join(staticDir, file);
      if (!f || !fs.existsSync(f)) return reply.type('text/html; charset=utf-8').send(NOT_BUILT(title));
      return reply.type('text/html; charset=utf-8').send(fs.readFileSync(f));
    });
    // Relative asset paths resolve under the page's folder (vite base './').
    app.get<{ Params: { name: string } }>(`/${prefix}/assets/:name`, (req, reply) => {
      const name = req.params.name;
      if (!staticDir || !assets.has(name)) return notFound(reply);
      return reply
        .type(TYPES[name.split('.').pop()!] ?? 'application/octet-stream')
        .send(fs.readFileSync(path.join(staticDir, 'assets', name)));
    });
  }

  // Content-free pings: a listener learns only that something changed, at most once per gap, for everyone of an
  // audience at once. A terminal shows only its meeting and the round open now, so the casts of others (thousands in
  // a second, each a poll.changed) do not ping it: only a round's change of status does. A desk shows the live 实到.
  const gap = opts.pingGapMs ?? 100;
  const audiences = { t: pinger(gap), d: pinger(gap) };
  const FOR_ALL = new Set(['meeting.changed', 'roster.changed']);
  const statusOf = new Map<number, string>();
  const offBus = rt.bus.subscribe((msg) => {
    if (msg.name === 'poll.changed') {
      const { roundId, status } = msg.payload as { roundId: number; status: string };
      if (statusOf.get(roundId) === status) return;
      statusOf.set(roundId, status);
      audiences.t.ping();
    } else if (FOR_ALL.has(msg.name)) {
      audiences.t.ping();
      audiences.d.ping();
    } else if (msg.name === 'attendance.changed') audiences.d.ping();
  });
  app.addHook('onClose', async () => {
    offBus();
    audiences.t.close();
    audiences.d.close();
  });
  app.get<{ Querystring: { for?: string } }>(LAN_EVENTS_PATH, (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...LAN_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const audience = audiences[req.query.for === 'd' ? 'd' : 't'];
    audience.add(res);
    req.raw.on('close', () => audience.remove(res));
  });
  return app;
}

/**
 * The listener the services switch on and off (lan.start / lan.stop): one LAN server at a time, on 0.0.0.0.
 * `host` is for tests, which listen on loopback only.
 */
export function lanListener(
  rt: Runtime,
  opts: LanServerOptions & { host?: string } = {},
): LanListener & { app(): FastifyInstance | null } {
  let app: FastifyInstance | null = null;
  let port: number | null = null;
  const stop = async () => {
    const a = app;
    app = null;
    port = null;
    await a?.close();
  };
  return {
    async start(p: number) {
      await stop();
      await sealCryptoReady;
      const a = await createLanServer(rt, opts);
      try {
        await a.listen({ port: p, host: opts.host ?? '0.0.0.0', backlog: LAN_BACKLOG });
      } catch (e) {
        await a.close();
        const code = (e as { code?: string }).code;
        throw new AppError(
          'CONFLICT',
          code === 'EADDRINUSE'
            ? `端口${p}已被占用，请换一个端口`
            : `会场网络无法在端口${p}开启：${(e as Error).message}`,
          'port',
        );
      }
      app = a;
      port = (a.server.address() as { port: number }).port;
    },
    stop,
    port: () => port,
    app: () => app,
  };
}
