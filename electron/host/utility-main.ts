import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from '../services/demo';
import { channelDesktopPort, serveDesktop, type MainMessage } from './desktop-channel';
import { parentChannel, startHostProcess } from './host-process';

/**
 * The host in a process of its own (issue 13 item 1): bundled to dist/electron/host.cjs. Electron's main process
 * starts it with utilityProcess.fork (so a burst of casts never freezes the console's window); the hall benchmark
 * and tests/unit/host-process.test.ts start it with child_process.fork, which gives the same channel. It posts
 * `{ type: 'ready', host }` (the admin URL and a fresh token: over the private channel, never on a command line)
 * or `{ type: 'failed', message }`, answers `{ type: 'usage' }` with its CPU time and memory (the window's status
 * line, the bench's host-CPU figure), and stops on `{ type: 'stop' }` or when its parent goes away.
 *
 * Arguments: --data DIR (required), --port N (0: a free port), --lan-port N (switch the hall's network on),
 * --lan-host H (0.0.0.0 unless a test keeps it on loopback), --desktop (the desktop app's host: it also serves the
 * main process's relayed IPC calls and its projector window, ./desktop-channel.ts), --demo (seed the demo district
 * into an empty store), --sqlite-binding FILE (better-sqlite3 built for Electron, in development).
 */
async function main() {
  const channel = parentChannel();
  if (!channel) throw new Error('主机进程须由桌面程序启动（utilityProcess.fork 或 child_process.fork）');
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '0' },
      'lan-port': { type: 'string' },
      'lan-host': { type: 'string' },
      desktop: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      'sqlite-binding': { type: 'string' },
    },
  });
  if (!values.data) throw new Error('缺少 --data 数据目录');
  const desktop = values.desktop ? channelDesktopPort(channel) : undefined;
  const running = await startHostProcess({
    dataDir: path.resolve(values.data),
    host: '127.0.0.1',
    port: Number(values.port),
    staticDir: path.join(__dirname, '..', 'renderer'),
    ...(values['lan-port'] ? { lanPort: Number(values['lan-port']) } : {}),
    ...(values['lan-host'] ? { lanHost: values['lan-host'] } : {}),
    ...(desktop ? { desktop } : {}),
    ...(values['sqlite-binding'] ? { nativeBinding: values['sqlite-binding'] } : {}),
  });
  if (values.demo) await seedDemo(running.rt).catch((e) => console.error('[议事台] 演示数据生成失败：', e));
  const relay = desktop ? serveDesktop(channel, running.rt, desktop) : null;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.stop();
    channel.post({ type: 'stopped' });
    process.exit(0);
  };
  channel.onMessage((m) => {
    const msg = m as MainMessage | null;
    if (msg?.type === 'stop') void stop();
    else if (msg?.type === 'usage')
      channel.post({ type: 'usage', ...process.cpuUsage(), rss: process.memoryUsage.rss() });
    else if (msg && relay) relay(msg);
  });
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  channel.post({ type: 'ready', host: running.started });
}

main().catch((e) => {
  const message = e instanceof Error ? e.message : String(e);
  parentChannel()?.post({ type: 'failed', message });
  console.error('议事台主机进程启动失败：', message);
  process.exit(1);
});
