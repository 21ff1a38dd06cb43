import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Who may administer through the host: only this laptop, and only with its token.
 *
 * The admin listener binds to loopback, but loopback alone is not enough: any web page open in a browser on the
 * clerk's laptop can send requests to 127.0.0.1, and a DNS-rebinding page can even read the answers. So every
 * request must name this host as a loopback address in `Host` (a rebinding page sends its own name), a POST must
 * come from our own origin (or from a script, which sends no Origin), and every /api call but /api/health must
 * carry the host's admin token: as `Authorization: Bearer …` from a script that read <data dir>/admin-token, or as
 * the HttpOnly, SameSite=Strict cookie the browser console got by exchanging the token from the printed URL.
 */

export const ADMIN_TOKEN_FILE = 'admin-token';
export const ADMIN_COOKIE = 'yishitai_admin';

/** Host names that mean this machine; the admin listener binds to nothing else. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackAddress(host: string): boolean {
  return LOOPBACK_NAMES.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A fresh 128-bit token, written to <data dir>/admin-token (0600), replacing the previous start's. */
export function issueAdminToken(dataDir: string): string {
  const token = randomBytes(16).toString('hex');
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${token}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o600);
  return token;
}

/** `localhost:8765` → `localhost`; `[::1]:8765` → `[::1]`. */
function hostName(hostHeader: string): { name: string; port: string | null } {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(hostHeader.trim());
  return m ? { name: m[1]!.toLowerCase(), port: m[2] ?? null } : { name: '', port: null };
}

function sameToken(given: string | undefined, token: Buffer): boolean {
  if (!given) return false;
  const b = Buffer.from(given);
  return b.length === token.length && timingSafeEqual(b, token);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Which credential let a request in: the browser console's cookie or a script's bearer token. */
export type AdminCredential = 'cookie' | 'bearer';
const credentials = new WeakMap<FastifyRequest, AdminCredential>();
export function credentialOf(req: FastifyRequest): AdminCredential | undefined {
  return credentials.get(req);
}

const deny = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.status(status).send({ code, message });

/** Installs the checks on every request, before any route runs, and the token-for-cookie exchange. */
export function guardAdmin(app: FastifyInstance, adminToken: string): void {
  const token = Buffer.from(adminToken);

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const { name, port } = hostName(req.headers.host ?? '');
    const localPort = req.socket.localPort;
    if (!isLoopbackAddress(name.replace(/^\[|\]$/g, '')) || (localPort && port && Number(port) !== localPort)) {
      return deny(
        reply,
        421,
        'FORBIDDEN',
        `拒绝访问：请求的主机名“${req.headers.host ?? ''}”不是本机。议事台的管理接口只在本机（localhost）提供`,
      );
    }
    const origin = req.headers.origin;
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      origin !== undefined &&
      origin !== `http://${req.headers.host}`
    ) {
      return deny(reply, 403, 'FORBIDDEN', `拒绝访问：请求来自其他网页（${origin}），不是议事台控制台`);
    }
    const url = req.url.split('?')[0]!;
    if (!url.startsWith('/api/') || url === '/api/health' || url === '/api/session') return;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (sameToken(bearer, token)) return void credentials.set(req, 'bearer');
    if (sameToken(cookieValue(req.headers.cookie, ADMIN_COOKIE), token)) return void credentials.set(req, 'cookie');
    return deny(
      reply,
      401,
      'UNAUTHORIZED',
      bearer
        ? '管理令牌不正确：主机每次启动都会生成新令牌，请重新读取数据目录中的 admin-token 文件'
        : '未获授权：请用主机启动时打印的地址（含 #token=…）打开控制台；脚本请带上 Authorization: Bearer <数据目录中 admin-token 文件的内容>',
    );
  });

  // The browser console trades the token from its address bar for a cookie that page scripts cannot read.
  app.post<{ Body: { token?: unknown } }>('/api/session', async (req, reply) => {
    const given = typeof req.body?.token === 'string' ? req.body.token : undefined;
    if (!sameToken(given, token))
      return deny(
        reply,
        401,
        'UNAUTHORIZED',
        '管理令牌不正确或已过期（主机重启后会换新令牌），请使用主机最新打印的地址',
      );
    reply.header('Set-Cookie', `${ADMIN_COOKIE}=${adminToken}; HttpOnly; SameSite=Strict; Path=/`);
    return { ok: true };
  });
}
