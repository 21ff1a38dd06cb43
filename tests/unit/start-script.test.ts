import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleReady, electronUnavailable, nodeTooOld } from '../../build/scripts/start-messages.mjs';

/**
 * `npm start` on a clerk's laptop: what it says when the Electron runtime cannot be had (which cause, what to do),
 * and the few lines it prints once the browser console is up: the address, the hall screen, how to stop.
 */

const root = path.resolve(__dirname, '..', '..');
const start = path.join(root, 'build', 'scripts', 'start.mjs');

/** What require('electron') printed here, offline on Node 20 (see start.mjs ensureElectron). */
const OFFLINE = `Downloading Electron binary...
TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at async FetchDownloader.download (file:///node_modules/@electron/get/dist/FetchDownloader.js:46:30)
Electron failed to install correctly. Please delete \`node_modules/electron\` and run "npx install-electron --no" manually.
`;

describe('why there is no desktop window', () => {
  it('names the network when the download host does not resolve, and the old Node only as an aside', () => {
    const m = electronUnavailable({
      output: OFFLINE,
      code: 3,
      node: '20.20.2',
      requiredNode: '>= 22.12.0',
      resolvable: false,
    });
    expect(m.cause).toBe('network');
    expect(m.zh[0]).toBe('无法下载 Electron 运行时：网络不可用（无法解析 github.com）。');
    expect(m.zh.join('\n')).toContain('ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/');
    expect(m.zh[2]).toBe(
      '另：Electron 的下载程序需要 Node 22.12 以上，当前是 Node 20.20.2，联网后如仍失败请升级到 Node 22 LTS。',
    );
    expect(m.en).toContain('no network');
    // On a recent Node there is nothing to say about Node.
    expect(
      electronUnavailable({ output: OFFLINE, node: '22.12.0', requiredNode: '>= 22.12.0', resolvable: false }).zh.join(
        '',
      ),
    ).not.toContain('Node');
  });

  it('tells a host that resolves but cannot be reached from no network at all', () => {
    const m = electronUnavailable({ output: OFFLINE, node: '22.14.0', requiredNode: '>= 22.12.0', resolvable: true });
    expect(m.zh[0]).toBe(
      '无法下载 Electron 运行时：无法连接下载服务器 github.com（TypeError: fetch failed；可能需要代理或镜像）。',
    );
  });

  it('names Node as the cause when the installer itself fails on an old Node', () => {
    const out =
      "Downloading Electron binary...\nSyntaxError: Unexpected token '??='\nElectron failed to install correctly.";
    const m = electronUnavailable({
      output: out,
      code: 1,
      node: '18.19.0',
      requiredNode: '>= 22.12.0',
      resolvable: true,
    });
    expect(m.cause).toBe('node');
    expect(m.zh[0]).toContain('Node 版本过旧（Electron 的下载程序需要 Node 22.12 以上，当前是 Node 18.19.0');
    expect(m.zh[1]).toContain('请安装 Node 22 LTS');
  });

  it('says a download that stalled was stopped, and why', () => {
    const m = electronUnavailable({
      output: 'Downloading Electron binary...',
      timedOut: '120 秒没有进展',
      node: '22.12.0',
      requiredNode: '>= 22.12.0',
      elapsed: '2 分',
    });
    expect(m.cause).toBe('timeout');
    expect(m.zh[0]).toBe('无法下载 Electron 运行时：下载120 秒没有进展，已中止（网络太慢或不通，用时 2 分）。');
  });

  it('compares Node versions part by part', () => {
    expect(nodeTooOld('v20.20.2', '>= 22.12.0')).toBe(true);
    expect(nodeTooOld('22.9.0', '>= 22.12.0')).toBe(true);
    expect(nodeTooOld('22.12.0', '>= 22.12.0')).toBe(false);
    expect(nodeTooOld('24.1.0', '>= 22.12.0')).toBe(false);
  });

  it('gives the address with its token, the hall screen on this laptop, and how to stop', () => {
    const lines = consoleReady({
      url: 'http://localhost:8765/#token=ab12',
      dataDir: '/home/clerk/.config/议事台',
      opened: true,
    });
    expect(lines).toEqual([
      '已改用浏览器控制台：http://localhost:8765/#token=ab12（已在默认浏览器中打开）',
      '数据目录：/home/clerk/.config/议事台',
      '会场大屏：在本机浏览器打开 http://localhost:8765/#/projector，拖到投影屏上按 F11 全屏（管理主机只对本机开放，会场其他电脑暂不能连接）。',
      '按 Ctrl+C 停止。Press Ctrl+C to stop.',
    ]);
  });
});

const built = fs.existsSync(path.join(root, 'dist', 'electron', 'serve.cjs'));
// An Electron runtime already here would be launched instead of the fallback this test is about.
const electronHere = fs.existsSync(path.join(root, 'node_modules', 'electron', 'path.txt'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Run start.mjs until it says how to stop, then stop it with SIGTERM; everything it printed, and its exit code. */
async function runStart(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ out: string; code: number | null }> {
  const child = spawn(process.execPath, [start, '--no-open', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (c: Buffer) => {
    out += c.toString();
    if (out.includes('按 Ctrl+C 停止')) child.kill('SIGTERM');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // If it never gets there: SIGTERM (which start.mjs passes on to the host it started), SIGKILL if that fails.
  const guard = setTimeout(() => child.kill('SIGTERM'), 30_000);
  const last = setTimeout(() => child.kill('SIGKILL'), 40_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(guard);
  clearTimeout(last);
  return { out, code };
}

describe.skipIf(!built)(
  `npm start itself${built ? '' : ' — SKIPPED: run npm run build first (dist/electron/serve.cjs)'}`,
  () => {
    it('with --browser: a handful of lines — the address with its token, the hall screen, Ctrl+C — and a clean stop', async () => {
      const port = await freePort();
      const data = fs.mkdtempSync(path.join(os.tmpdir(), 'yishitai-start-'));
      const { out, code } = await runStart(['--browser', '--port', String(port), '--data', data]);
      const lines = out.trim().split('\n');
      expect(lines[0]).toBe('[议事台] 按要求不启动桌面窗口，以浏览器控制台方式运行……');
      expect(out).toMatch(
        new RegExp(`\\[议事台\\] 浏览器控制台：http://localhost:${port}/#token=[0-9a-f]{32}（请复制到浏览器打开）`),
      );
      expect(out).toContain(`[议事台] 数据目录：${data}`);
      expect(out).toContain(`会场大屏：在本机浏览器打开 http://localhost:${port}/#/projector`);
      expect(out).toContain('[议事台] 按 Ctrl+C 停止。');
      expect(out).toContain('[议事台] 已停止。');
      expect(lines.length).toBeLessThanOrEqual(6);
      expect(code).toBe(0);
    });

    // ELECTRON_MIRROR on a name that never resolves (.invalid, RFC 6761) and an empty download cache: the download
    // fails at once on any machine, online or not, and nothing is downloaded.
    it.skipIf(electronHere)(
      'without a reachable download: names the cause, then the browser console, in a dozen lines',
      async () => {
        const port = await freePort();
        const data = fs.mkdtempSync(path.join(os.tmpdir(), 'yishitai-start-'));
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'yishitai-electron-cache-'));
        const { out, code } = await runStart(['--port', String(port), '--data', data], {
          ELECTRON_MIRROR: 'http://electron-mirror.invalid/',
          electron_config_cache: cache,
          YISHITAI_ELECTRON_STALL_TIMEOUT: '20',
        });
        expect(out).toContain(
          '[议事台] 无法下载 Electron 运行时：无法解析镜像地址 electron-mirror.invalid（网络不可用，或 ELECTRON_MIRROR 有误）。',
        );
        expect(out).not.toContain('正在下载 Electron');
        expect(out).toMatch(
          new RegExp(`\\[议事台\\] 已改用浏览器控制台：http://localhost:${port}/#token=[0-9a-f]{32}`),
        );
        expect(out).toContain('[议事台] 按 Ctrl+C 停止。');
        expect(out.trim().split('\n').length).toBeLessThanOrEqual(12);
        expect(code).toBe(0);
      },
    );
  },
);
