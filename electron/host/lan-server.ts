import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { AppError } from '../../shared/contract';
import { LAN_API_PATH, LAN_EVENTS_PATH, isLanMethodName } from '../../shared/contract/lan-api';
import { openRequest } from '../../shared/lan/seal';
import { NODE_BOX_KEYS } from '../services/box-before';
import type { LanListener } from '../services/lan-control';
import type { Runtime } from '../services/runtime';
import { CONTENT_SECURITY_POLICY } from './server';

/**
 * The hall's network listener (issue 13): a Fastify instance of its own on 0.0.0.0:<port>, apart from the admin
 * host. It serves only the terminal page (/t/), the desk page (/d/), the assets those two pages load, the sealed
 * LAN methods (POST /lan/api/<method>) and content-free change pings (GET /lan/events). Everything else is 404:
 * no admin method, no admin event, no console or projector page answers here.
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
/** A sealed 75-item 测评 ballot is a few KB; nothing legitimate comes near this. */
const LAN_BODY_LIMIT = 256 * 1024;
const MAX_TRACKED_ADDRESSES = 10_000;

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

export async function createLanServer(rt: Runtime, opts: LanServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: LAN_BODY_LIMIT, forceCloseConnections: true });
  const limiter = failureLimiter(opts.rateLimit?.failures ?? 5, opts.rateLimit?.windowMs ?? 60_000);
  const staticDir = opts.staticDir;
  const pages = Object.values(PAGES);
  const assets = staticDir ? assetsOf(staticDir, pages) : new Set<string>();

  app.addHook('onSend', async (_req, reply) => {
    reply.header(
      'Content-Security-Policy',
      CONTENT_SECURITY_POLICY.replace("frame-ancestors 'self'", "frame-ancestors 'none'"),
    );
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
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

  app.post<{ Params: { method: string } }>(`${LAN_API_PATH}:method`, async (req, reply) => {
    // The method's name is in the path for anyone to see; an admin method (or any other) is simply not here.
    if (!isLanMethodName(req.params.method)) return notFound(reply);
    const ip = req.ip;
    const wait = limiter.retryAfter(ip);
    if (wait > 0) {
      return reply
        .status(429)
        .header('Retry-After', String(wait))
        .type('text/plain; charset=utf-8')
        .send(`凭据错误次数过多，请${wait}秒后再试`);
    }
    const opened = openRequest(rt.lan.credentials.hostSecretKey, req.body, NODE_BOX_KEYS);
    if (!opened)
      return reply.status(400).type('text/plain; charset=utf-8').send('无法解密请求：请重新扫描凭条上的二维码');
    const { reply: answer, badCredential } = await rt.lan.service.call(req.params.method, opened.value);
    if (badCredential) limiter.fail(ip);
    // Always 200: success and refusal look alike on the wire; only the sealed answer tells them apart.
    return reply.send(opened.sealReply(answer));
  });

  // Content-free pings: a listener learns only that something changed, at most once per gap, for everyone at once.
  const streams = new Set<ServerResponse>();
  const gap = opts.pingGapMs ?? 100;
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  const ping = () => {
    timer = null;
    last = Date.now();
    for (const res of streams) res.write('data: {"t":"changed"}\n\n');
  };
  const WATCHED = new Set(['poll.changed', 'attendance.changed', 'meeting.changed', 'roster.changed']);
  const offBus = rt.bus.subscribe((msg) => {
    if (!WATCHED.has(msg.name) || timer || streams.size === 0) return;
    timer = setTimeout(ping, Math.max(0, last + gap - Date.now()));
  });
  app.addHook('onClose', async () => {
    offBus();
    if (timer) clearTimeout(timer);
  });
  app.get(LAN_EVENTS_PATH, (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': \n\n'), 15_000);
    req.raw.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
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
      const a = await createLanServer(rt, opts);
      try {
        await a.listen({ port: p, host: opts.host ?? '0.0.0.0' });
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
