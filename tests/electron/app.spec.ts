import { test, expect, _electron, type ElectronApplication, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PreloadBridge } from '../../shared/contract/bridge';

/**
 * Smoke test of the real desktop app: Electron main + sandboxed preload + the IPC transport + better-sqlite3 built
 * for Electron's ABI. Needs the Electron binary, which is downloaded on first use and cannot be here offline, so
 * without it the file is skipped (looking for it must not trigger that download: no require('electron')).
 * Needs `npm run build` first (dist/electron/main.cjs, dist/renderer).
 */
const root = path.resolve(__dirname, '..', '..');

function electronExecutable(): string | null {
  const electronDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const rel = fs.readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist');
  const exe = path.join(distDir, rel);
  return fs.existsSync(exe) ? exe : null;
}

const executablePath = electronExecutable();
test.skip(
  !executablePath,
  '跳过：本机没有 Electron 运行时（node_modules/electron/dist 不存在，离线环境无法下载）。联网后运行 npm start 会自动下载。',
);

type Bridge = { yishitai?: PreloadBridge };

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  // The first run builds better-sqlite3 for Electron (a download, or a compile of a few minutes); later runs reuse it.
  test.setTimeout(20 * 60_000);
  let out: string;
  try {
    out = execFileSync(process.execPath, [path.join(root, 'build', 'scripts', 'start.mjs'), '--prepare'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 19 * 60_000,
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`无法为 Electron 准备 better-sqlite3：${err.stderr || err.stdout || err.message}`);
  }
  const binding = /^YISHITAI_SQLITE_BINDING=(.+)$/m.exec(out)?.[1]?.trim();
  expect(binding, out).toBeTruthy();

  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishitai-electron-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  env.YISHITAI_DATA_DIR = dataDir;
  env.YISHITAI_SQLITE_BINDING = binding!;
  const args = ['.'];
  // Chromium will not start as root with its sandbox (CI runs as root); the page keeps context isolation.
  if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox');

  app = await _electron.launch({ executablePath: executablePath!, args, cwd: root, env, timeout: 60_000 });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('窗口标题为“议事台”', async () => {
  await expect(page).toHaveTitle('议事台');
  const windowTitle = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());
  expect(windowTitle).toBe('议事台');
});

test('预加载只暴露 window.yishitai，不暴露 require 与 process', async () => {
  const exposed = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown> & Bridge;
    return {
      bridge: typeof w.yishitai,
      bridgeKeys: w.yishitai ? Object.keys(w.yishitai).sort() : [],
      require: typeof w.require,
      process: typeof w.process,
      module: typeof w.module,
      globalRequire: typeof (globalThis as Record<string, unknown>).require,
    };
  });
  expect(exposed).toEqual({
    bridge: 'object',
    bridgeKeys: ['invoke', 'subscribe'],
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    globalRequire: 'undefined',
  });
});

test('system.info 经 IPC 返回，数据目录为测试目录', async () => {
  const res = await page.evaluate(() => (window as unknown as Bridge).yishitai!.invoke('system.info', {}));
  expect(res.ok).toBe(true);
  const info = (res as { ok: true; data: { transport: string; dataDir: string; app: string } }).data;
  expect(info.transport).toBe('ipc');
  expect(info.app).toBe('议事台');
  expect(path.resolve(info.dataDir)).toBe(path.resolve(dataDir));
});

test('经 IPC 写入数据库并收到事件；未知接口返回错误值', async () => {
  const result = await page.evaluate(async () => {
    const bridge = (window as unknown as Bridge).yishitai!;
    const event = new Promise<unknown>((resolve) => {
      const off = bridge.subscribe((msg) => {
        if (msg.name === 'bodies.changed') {
          off();
          resolve(msg.payload);
        }
      });
    });
    const created = await bridge.invoke('bodies.create', {
      kind: 'street_council',
      name: '测试街道议事代表会议',
      area: '测试街道',
    });
    const unknown = await bridge.invoke('no.such.method', {});
    return { created, event: await event, unknown };
  });
  expect(result.created.ok).toBe(true);
  const body = (result.created as { ok: true; data: { id: number; name: string } }).data;
  expect(body.name).toBe('测试街道议事代表会议');
  expect(result.event).toEqual({ bodyId: body.id });
  expect(result.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  expect(fs.existsSync(path.join(dataDir, 'yishitai.sqlite'))).toBe(true);
});

test('主机（数据库与服务）在独立的 utility 进程中运行，不在主进程', async () => {
  const processes = await app.evaluate(({ app: electronApp }) =>
    electronApp.getAppMetrics().map((m) => ({ type: m.type, name: m.name ?? '' })),
  );
  expect(processes).toContainEqual({ type: 'Utility', name: '议事台主机' });
});
