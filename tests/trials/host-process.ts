import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/**
 * The real host (dist/electron/serve.cjs) as a child process on a data folder of the trial's own, on loopback with
 * a port the OS picks (`--port 0`, read back from the line it prints), so runs never collide. Every child started
 * here is SIGKILLed when this process exits, however it exits, so a failed trial leaves no host behind.
 */

export interface HostProcess {
  child: ChildProcess;
  port: number;
  token: string;
  /** POST /api/<method> with the token, over keep-alive connections. */
  call: Caller;
  /** What the host wrote to stderr, for a failure's report. */
  stderr(): string;
}

const children = new Set<ChildProcess>();
const killAll = () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
};
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

const SERVE = path.join(__dirname, 'serve.cjs');
const START_TIMEOUT_MS = 30_000;

export async function startHost(dataDir: string, maxSockets = 256): Promise<HostProcess> {
  const child = spawn(process.execPath, [SERVE, '--port', '0', '--host', '127.0.0.1', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s.slice(0, 4000)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`主机${START_TIMEOUT_MS / 1000}秒内未启动：${err || out}`)),
      START_TIMEOUT_MS,
    );
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /议事台已启动：http:\/\/[^:]+:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`主机启动失败（退出码 ${code ?? signal}）：${err || out}`));
    });
  });
  const token = fs.readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
  return { child, port, token, call: caller(port, token, maxSockets), stderr: () => err };
}

/** SIGKILL: no shutdown handler runs, nothing is flushed or closed — the power cut as far as this process can make one. */
export async function killHost(h: HostProcess): Promise<void> {
  if (h.child.exitCode === null && h.child.signalCode === null) {
    const exited = new Promise((r) => h.child.once('exit', r));
    h.child.kill('SIGKILL');
    await exited;
  }
  h.call.close();
}

/** SIGTERM: the host closes its listeners and the database as it does on Ctrl+C. */
export async function stopHost(h: HostProcess): Promise<void> {
  if (h.child.exitCode === null && h.child.signalCode === null) {
    const exited = new Promise((r) => h.child.once('exit', r));
    h.child.kill('SIGTERM');
    const timer = setTimeout(() => h.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  h.call.close();
}

/** A call that must succeed (setup, resume, checks): its output, or a thrown error with the host's Chinese message. */
export async function ok<T>(h: HostProcess, method: string, input: unknown): Promise<T> {
  const res = await h.call(method, input);
  if (res.status !== 200) throw new Error(`${method}: ${res.status} ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body) as T;
}

export interface Caller {
  /** The status and body once the whole answer is in; rejects when no whole answer came (the host died, a timeout). */
  (method: string, input: unknown): Promise<{ status: number; body: string }>;
  close(): void;
}

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * POST /api/<method> with the admin token. Unlike the load generator's caller, an answer cut off half-way (the host
 * killed while writing it) rejects rather than hanging or throwing from the response stream: it was not received.
 */
function caller(port: number, token: string, maxSockets: number): Caller {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const call = (method: string, input: unknown) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const payload = JSON.stringify(input);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: `/api/${method}`,
          method: 'POST',
          agent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(payload),
            Authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('error', reject);
          res.on('aborted', () => reject(new Error('answer cut off')));
          res.on('end', () =>
            res.complete ? resolve({ status: res.statusCode ?? 0, body }) : reject(new Error('answer cut off')),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
      req.on('error', reject);
      req.end(payload);
    });
  return Object.assign(call, { close: () => agent.destroy() });
}
