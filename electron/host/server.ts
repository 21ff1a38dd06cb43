import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { httpStatus, methodNames } from '../../shared/contract';
import { dispatch } from '../services/dispatch';
import type { Runtime } from '../services/runtime';
import { credentialOf, guardAdmin } from './admin-guard';
import { restoreUploadRoute } from './restore-upload';

/**
 * The same CSP as the desktop window: only our own origin; antd needs inline styles. Only our own pages may frame
 * a page (frame-ancestors 'self'): the console's print preview shows the print route in a frame; no other site can.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; " +
  "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

/** What a JSON call may carry; backups.restoreFile has a larger limit of its own (./restore-upload.ts). */
export const BODY_LIMIT = 32 * 1024 * 1024;

export interface HostOptions {
  /** The admin token every /api call must carry (see admin-guard.ts). */
  adminToken: string;
  staticDir?: string;
  logger?: boolean;
  /** The largest data file backups.restoreFile takes as a streamed upload; 2 GiB (RESTORE_UPLOAD_MAX_BYTES) unless set. */
  restoreUploadMaxBytes?: number;
}

/**
 * The admin host, for this laptop only: the contract over HTTP (POST /api/<method>, JSON in and out), one
 * server-sent-events stream of domain events (GET /api/events), and the console's static files (the browser
 * console and the projector page). Every request passes the admin guard first. LAN terminals get a listener
 * of their own that serves no admin method.
 */
export async function createHost(rt: Runtime, opts: HostOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: BODY_LIMIT, forceCloseConnections: true });
  guardAdmin(app, opts.adminToken);

  app.addHook('onSend', async (_req, reply) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
  });

  // Malformed JSON gets the same error shape as a contract violation.
  app.setErrorHandler((err: { statusCode?: number; message: string }, req, reply) => {
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    const limitMb = Math.round((req.routeOptions?.bodyLimit ?? BODY_LIMIT) / 1024 / 1024);
    const bigFile = req.url.startsWith('/api/backups.restoreFile')
      ? '；较大的数据文件请以 application/octet-stream 直接上传（最大2GB）'
      : '';
    const message =
      status === 413
        ? `请求过大（超过${limitMb}MB）${bigFile}`
        : status === 415
          ? '只接受 JSON 请求（Content-Type: application/json）'
          : status < 500
            ? '请求格式有误：请求体不是有效的 JSON'
            : `内部错误：${err.message}`;
    reply.status(status).send({ code: status < 500 ? 'VALIDATION' : 'INTERNAL', message });
  });

  // `http:<ip>` as before, with the credential after a #, so the log can tell the browser console from a script.
  const actorOf = (req: FastifyRequest) => {
    const credential = credentialOf(req);
    return { actor: `http:${req.ip}${credential ? `#${credential}` : ''}` };
  };
  app.get('/api/health', async () => ({ ok: true }));
  // A backup larger than the body limit: a route of its own (./restore-upload.ts).
  await restoreUploadRoute(app, rt, actorOf, opts.restoreUploadMaxBytes);
  app.get('/api/methods', async () => methodNames);

  app.post<{ Params: { method: string } }>('/api/:method', async (req, reply) => {
    const res = await dispatch(rt.handlers, req.params.method, req.body ?? {}, actorOf(req));
    if (res.ok) return reply.send(res.data ?? null);
    return reply.status(httpStatus[res.error.code]).send(res.error);
  });

  // One subscription to the bus for all streams, its progress coalesced (≤1 per poll per 100 ms, ../services/coalesce.ts):
  // each event is serialised once and written to every open
  // stream that wants it (a projector asks only for what it draws: /api/events?only=vote.changed,screen.changed).
  // Frames published in the same turn of the event loop go out together, one write per stream: a hall's casts bring
  // a poll's, its vote's and its audit list's progress in the same moment, and with 1,000 screens each write is a
  // system call (three a window per screen were most of the host's time while 3,376 casts came in).
  const streams = new Set<{ res: ServerResponse; only: Set<string> | null }>();
  let outbox: { name: string; frame: string }[] = [];
  const sendOutbox = () => {
    const frames = outbox;
    outbox = [];
    const all = frames.map((f) => f.frame).join('');
    for (const s of streams) {
      const data = s.only
        ? frames
            .filter((f) => s.only!.has(f.name))
            .map((f) => f.frame)
            .join('')
        : all;
      if (data) s.res.write(data);
    }
  };
  const offBus = rt.bus.subscribeLive((msg) => {
    if (!outbox.length) setImmediate(sendOutbox);
    outbox.push({ name: msg.name, frame: `event: ${msg.name}\ndata: ${JSON.stringify(msg.payload)}\n\n` });
  });
  app.addHook('onClose', async () => offBus());

  app.get<{ Querystring: { only?: string } }>('/api/events', (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    // Browsers reconnect by themselves; a short retry means a restarted host is picked up within a second.
    res.write('retry: 1000\n: 已连接\n\n');
    const stream = {
      res,
      only: req.query.only
        ? new Set(
            req.query.only
              .split(',')
              .map((n) => n.trim())
              .filter(Boolean),
          )
        : null,
    };
    streams.add(stream);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.raw.on('close', () => {
      clearInterval(ping);
      streams.delete(stream);
    });
  });

  if (opts.staticDir && fs.existsSync(path.join(opts.staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.staticDir, index: 'index.html' });
    app.setNotFoundHandler((req, reply) => {
      const p = req.url.split('?')[0]!;
      if (req.method !== 'GET' || p.startsWith('/api/') || /\.\w+$/.test(p)) {
        return reply.status(404).send({ code: 'NOT_FOUND', message: `没有这个地址：${req.url}` });
      }
      // The console's pages live in the hash, and its assets load by relative path: a deeper path such as
      // /projector/ or /meetings/3 is sent to the same page by hash, where those relative paths resolve.
      const route = p.replace(/^\/+|\/+$/g, '');
      if (route.includes('/') || (p.endsWith('/') && route)) return reply.redirect(`/#/${route}`);
      return reply.sendFile('index.html');
    });
  }
  return app;
}
