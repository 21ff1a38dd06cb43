import { dispatch } from '../services/dispatch';
import { createRuntime, type Runtime } from '../services/runtime';
import type { DesktopPort } from '../services/screen';
import { issueAdminToken } from './admin-guard';
import type { DesktopMessage } from './desktop-channel';
import { lanListener } from './lan-server';
import { createHost } from './server';

/**
 * The host, started the one way every entry starts it: `npm run serve` (serve.ts, in its own terminal), the
 * desktop app's host process (utility-main.ts, forked by electron/main through Electron's utilityProcess, or by
 * child_process.fork in tests and the hall benchmark). It opens the data folder, issues a fresh admin token, serves
 * the admin API on loopback and attaches the hall's network; with `lanPort` the network is switched on at once
 * (the audited lan.start, as the clerk's switch does).
 */

export interface HostProcessOptions {
  dataDir: string;
  /** Loopback only (serve.ts refuses anything else); 0 picks a free port. */
  host: string;
  port: number;
  /** dist/renderer: the console, the projector, the terminal and desk pages. */
  staticDir?: string;
  /** Switch the hall's network on at start on this port (1024–65535, as lan.start takes). */
  lanPort?: number;
  /** Where the LAN listener listens: 0.0.0.0 (the hall) unless a test or benchmark keeps it on loopback. */
  lanHost?: string;
  /** Who switched the network on, for the audit log. */
  lanActor?: string;
  /**
   * The desktop app's host (utility-main.ts --desktop): the console reaches it over IPC relayed by the main
   * process (system.info says 'ipc'), and the projector window is the main process's (./desktop-channel.ts).
   */
  desktop?: DesktopPort;
  /** better-sqlite3's native module built for Electron, in development (YISHITAI_SQLITE_BINDING). */
  nativeBinding?: string;
}

export interface HostStarted {
  /** http://127.0.0.1:<port>: the admin API and console, with `token`. */
  adminUrl: string;
  port: number;
  token: string;
  dataDir: string;
  /** The LAN listener's port and the addresses a phone reaches it at, when it was switched on. */
  lanPort: number | null;
  lanAddresses: string[];
}

export interface RunningHost {
  started: HostStarted;
  rt: Runtime;
  stop(): Promise<void>;
}

export async function startHostProcess(o: HostProcessOptions): Promise<RunningHost> {
  const rt = createRuntime(o.dataDir, {
    transport: o.desktop ? 'ipc' : 'http',
    ...(o.desktop ? { desktop: o.desktop } : {}),
    ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}),
  });
  const token = issueAdminToken(o.dataDir);
  const app = await createHost(rt, { adminToken: token, ...(o.staticDir ? { staticDir: o.staticDir } : {}) });
  const lan = lanListener(rt, {
    ...(o.staticDir ? { staticDir: o.staticDir } : {}),
    ...(o.lanHost ? { host: o.lanHost } : {}),
  });
  rt.lan.control.attach(lan);
  // 演练: a sandbox copy serves its terminals on a listener of its own (an ephemeral port, same pages and routes).
  rt.rehearsals.attach((sandbox) =>
    lanListener(sandbox, {
      ...(o.staticDir ? { staticDir: o.staticDir } : {}),
      ...(o.lanHost ? { host: o.lanHost } : {}),
    }),
  );
  const stop = async () => {
    await lan.stop();
    await app.close();
    rt.close();
  };
  try {
    await app.listen({ port: o.port, host: o.host });
    const port = (app.server.address() as { port: number }).port;
    let lanAddresses: string[] = [];
    if (o.lanPort !== undefined) {
      const res = await dispatch(
        rt.handlers,
        'lan.start',
        { port: o.lanPort },
        { actor: o.lanActor ?? '主机启动参数（--lan-port）' },
      );
      if (!res.ok) throw new Error(res.error.message);
      lanAddresses = (res.data as { addresses: string[] }).addresses;
    }
    const host = o.host.includes(':') ? `[${o.host}]` : o.host;
    return {
      started: {
        adminUrl: `http://${host}:${port}`,
        port,
        token,
        dataDir: o.dataDir,
        lanPort: lan.port(),
        lanAddresses,
      },
      rt,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** What the host process tells its parent. */
export type HostMessage =
  | { type: 'ready'; host: HostStarted }
  | { type: 'failed'; message: string }
  | { type: 'stopped' }
  /** The answer to `{ type: 'usage' }`: the host's CPU time so far (µs, process.cpuUsage) and resident memory (bytes). */
  | { type: 'usage'; user: number; system: number; rss: number };

/**
 * The channel to the process that started this one: Electron's `process.parentPort` in a utilityProcess, Node's
 * `process.send` under child_process.fork (tests, the hall benchmark); null when run on its own.
 */
export interface ParentChannel {
  post(msg: HostMessage | DesktopMessage): void;
  onMessage(f: (msg: unknown) => void): void;
}

type ElectronParentPort = { postMessage(m: unknown): void; on(ev: 'message', f: (e: { data: unknown }) => void): void };

export function parentChannel(
  proc: NodeJS.Process & { parentPort?: ElectronParentPort } = process,
): ParentChannel | null {
  const port = proc.parentPort;
  if (port) return { post: (m) => port.postMessage(m), onMessage: (f) => port.on('message', (e) => f(e.data)) };
  if (proc.send) return { post: (m) => void proc.send!(m), onMessage: (f) => void proc.on('message', f) };
  return null;
}
