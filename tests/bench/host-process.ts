import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

/**
 * The real host as a separate process for the benches: `node dist/electron/serve.cjs` (next to bench.cjs) on
 * 127.0.0.1 and a free port with the data folder given, and plain HTTP to it with the admin token the host keeps
 * in the data folder for scripts.
 */

export interface Host {
  child: ChildProcess;
  port: number;
  dataDir: string;
  token: string | null;
  /** performance.now() when the process was spawned. */
  spawnedAt: number;
  /** What it printed so far. */
  output(): string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function request(
  host: Pick<Host, 'port' | 'token'>,
  agent: http.Agent,
  method: 'GET' | 'POST',
  url: string,
  input?: unknown,
): Promise<{ status: number; body: string }> {
  const payload = input === undefined ? '' : JSON.stringify(input);
  const headers: Record<string, string | number> = {};
  if (method === 'POST')
    Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
  if (host.token) headers.Authorization = `Bearer ${host.token}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: url, method, agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

/** Spawns the host on `dataDir`; it is not up yet when this returns. */
export async function spawnHost(dataDir: string): Promise<Host> {
  const serve = path.join(__dirname, 'serve.cjs');
  if (!fs.existsSync(serve)) throw new Error(`${serve} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [serve, '--port', String(port), '--host', '127.0.0.1', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return { child, port, dataDir, token: null, spawnedAt, output: () => output };
}

/** The admin token, where the host keeps it for scripts; null until written (or on an older host without one). */
export function readToken(dataDir: string): string | null {
  const tokenFile = path.join(dataDir, 'admin-token');
  return fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8').trim() : null;
}

/** Spawns the host and waits (up to 15 s) until /api/health answers, with the admin token read. */
export async function startHost(log: (line: string) => void, dataDir: string): Promise<Host> {
  const host = await spawnHost(dataDir);
  const probe = new http.Agent({ keepAlive: false });
  for (let i = 0; i < 300; i++) {
    if (host.child.exitCode !== null) throw new Error(`host exited (${host.child.exitCode}): ${host.output().trim()}`);
    const up = await request(host, probe, 'GET', '/api/health').then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) {
      host.token = readToken(dataDir);
      log(
        `host pid ${host.child.pid} on 127.0.0.1:${host.port}${host.token ? ', with admin token' : ', no admin token file'}`,
      );
      return host;
    }
    await sleep(50);
  }
  host.child.kill('SIGKILL');
  throw new Error(`host did not answer /api/health within 15 s: ${host.output().trim()}`);
}

/** SIGTERM, then SIGKILL after 3 s if it has not exited. */
export async function stopHost(host: Host): Promise<void> {
  if (host.child.exitCode !== null || host.child.signalCode !== null) return;
  host.child.kill('SIGTERM');
  await Promise.race([new Promise((r) => host.child.once('exit', r)), sleep(3_000)]);
  if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
}
