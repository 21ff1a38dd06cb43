// `npm start` (after `npm run build`): the desktop app when an Electron runtime can be had, else the browser
// console served by the host.
//
//   1. Ensure the Electron runtime: `require('electron')` in a child process downloads it on first use. The
//      download is bounded (overall timeout, and a stall timeout when no bytes arrive), and reported in Chinese.
//   2. Build better-sqlite3 for Electron's ABI in a copy under node_modules/.cache/yishitai-electron/, never in
//      node_modules/better-sqlite3 itself (that one stays built for Node, which the tests run on):
//      prebuild-install first, node-gyp against Electron's headers as the fallback. Skipped once built.
//   3. Launch `electron .` with YISHITAI_SQLITE_BINDING pointing at that binary.
//   Otherwise: say why in Chinese (and one line of English) and run `node dist/electron/serve.cjs`, passing the
//   arguments through (`npm start -- --demo`), then open the default browser. The wording (and the choice of cause:
//   network, timeout, Node too old) is in start-messages.mjs.
//
// Own options (not passed on): --browser (skip Electron), --no-open (do not open a browser), --prepare (only
// steps 1–2, then print ELECTRON_PATH=… and YISHITAI_SQLITE_BINDING=…; used by tests/electron).
// Environment: YISHITAI_NO_ELECTRON=1 (as --browser), YISHITAI_NO_OPEN=1 or CI (as --no-open),
// YISHITAI_ELECTRON_TIMEOUT (seconds for the whole download, default 900),
// YISHITAI_ELECTRON_STALL_TIMEOUT (seconds without progress, default 120).
import { spawn } from 'node:child_process';
import dns from 'node:dns';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { consoleReady, electronUnavailable } from './start-messages.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const nodeModules = path.join(root, 'node_modules');
export const cacheRoot = path.join(nodeModules, '.cache', 'yishitai-electron');
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const PATH_MARK = '@@YISHITAI_ELECTRON_PATH@@';

const say = (msg) => console.log(`[议事台] ${msg}`);
const warn = (msg) => console.error(`[议事台] ${msg}`);
const seconds = (ms) => `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} 秒`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const envSeconds = (name, dflt) => {
  const v = Number(process.env[name]);
  return (Number.isFinite(v) && v > 0 ? v : dflt) * 1000;
};

/** Environment for native build tools, without npm config that would retarget them (npm's nodedir, runtime…). */
function buildEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const key of Object.keys(env)) {
    if (
      /^npm_config_(target|target_arch|runtime|arch|platform|nodedir|disturl|dist_url|devdir|build_from_source)$/i.test(
        key,
      )
    )
      delete env[key];
  }
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/** Kill a child and everything it started (it was spawned detached on POSIX, so it leads its own group). */
function killTree(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

function dirSize(dir) {
  let total = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    try {
      if (e.isDirectory()) total += dirSize(p);
      else if (e.isFile()) total += fs.statSync(p).size;
    } catch {
      /* vanished while we looked */
    }
  }
  return total;
}

/**
 * Run a command with its output captured (and echoed when `echo`), bounded by an overall timeout and, when a
 * progress probe is given, by a stall timeout. A heartbeat line every `heartbeatMs` keeps the user informed.
 */
function run(
  cmd,
  args,
  { cwd = root, env = process.env, timeoutMs, stallMs, probe, heartbeat, heartbeatMs = 15_000, onOutput, echo = false },
) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    let output = '';
    let timedOut = null;
    const onData = (stream) => (chunk) => {
      const s = chunk.toString();
      output += s;
      if (output.length > 200_000) output = output.slice(-100_000);
      if (echo) stream.write(s);
      onOutput?.(output);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));

    let lastProgress = probe ? probe() : 0;
    let lastChange = Date.now();
    let lastBeat = Date.now();
    const tick = setInterval(() => {
      const now = Date.now();
      if (probe) {
        const p = probe();
        if (p !== lastProgress) {
          lastProgress = p;
          lastChange = now;
        }
      }
      if (heartbeat && now - lastBeat >= heartbeatMs) {
        lastBeat = now;
        heartbeat({ elapsedMs: now - started, progress: lastProgress, output });
      }
      if (timeoutMs && now - started > timeoutMs) timedOut = `超过 ${seconds(timeoutMs)}`;
      else if (probe && stallMs && now - lastChange > stallMs) timedOut = `${seconds(stallMs)}没有进展`;
      if (timedOut) killTree(child);
    }, 1000);
    // Ctrl-C while waiting: stop the child (it runs in its own group) and leave.
    let interrupted = false;
    const onSignal = () => {
      interrupted = true;
      killTree(child);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const finish = (code, error) => {
      clearInterval(tick);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (interrupted) {
        warn('已取消。');
        process.exit(130);
      }
      resolve({ code, output, timedOut, error, elapsedMs: Date.now() - started });
    };
    child.on('error', (e) => finish(null, e));
    child.on('close', (code) => finish(code, null));
  });
}

const lastLines = (text, n = 3) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-n)
    .join(' | ');

// ───────────────────────────── 1. the Electron runtime ─────────────────────────────

export function electronVersion() {
  return JSON.parse(fs.readFileSync(path.join(nodeModules, 'electron', 'package.json'), 'utf8')).version;
}

/** The executable path, or null with a reason. Downloads on first use (that is what require('electron') does). */
async function ensureElectron() {
  if (!fs.existsSync(path.join(nodeModules, 'electron', 'package.json')))
    return { path: null, reason: '未安装 electron 依赖（请先运行 npm install）' };
  const version = electronVersion();
  const tmp = path.join(cacheRoot, 'download-tmp');
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const distDir = path.join(nodeModules, 'electron', 'dist');
  const script = `try { const p = require('electron'); process.stdout.write('\\n${PATH_MARK}' + JSON.stringify(p) + '\\n'); }
    catch (e) { process.stderr.write(String((e && e.message) || e) + '\\n'); process.exit(3); }`;
  // electron prints "Downloading Electron binary..." before it has even reached the network: announce the download
  // only once bytes arrive, and say that we are connecting if nothing has come after a few seconds.
  let attempting = false;
  let announced = false;
  let connectingSaid = false;
  let lastSaid = 0;
  const host = downloadHost();
  const timeoutMs = envSeconds('YISHITAI_ELECTRON_TIMEOUT', 900);
  const stallMs = envSeconds('YISHITAI_ELECTRON_STALL_TIMEOUT', 120);
  // @electron/get downloads into os.tmpdir(): point that at our own folder so the bytes can be counted and a
  // killed download leaves nothing behind.
  const env = { ...process.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp, ELECTRON_GET_NO_PROGRESS: '1' };
  delete env.ELECTRON_RUN_AS_NODE;
  const res = await run(process.execPath, ['-e', script], {
    env,
    timeoutMs,
    stallMs,
    probe: () => dirSize(tmp) + dirSize(distDir),
    onOutput: (output) => {
      attempting ||= output.includes('Downloading Electron');
    },
    heartbeatMs: 1000,
    heartbeat: ({ elapsedMs, progress }) => {
      if (!attempting) return;
      if (!announced && progress > 0) {
        announced = true;
        lastSaid = elapsedMs;
        say(`首次运行：正在下载 Electron ${version} 运行时（约 100 MB，只需一次），请稍候……`);
      } else if (!announced && !connectingSaid && elapsedMs >= 5000) {
        connectingSaid = true;
        say(
          `正在连接 ${host} 下载 Electron 运行时……（${seconds(stallMs)}没有进展即改用浏览器控制台；不想等可按 Ctrl+C，再运行 npm start -- --browser）`,
        );
      } else if (announced && elapsedMs - lastSaid >= 10_000) {
        lastSaid = elapsedMs;
        const downloading = dirSize(tmp);
        const extracted = dirSize(distDir);
        say(
          extracted > 0 && downloading === 0
            ? `正在解压 Electron……已解压 ${mb(extracted)}（已用 ${seconds(elapsedMs)}）`
            : `正在下载 Electron……已下载 ${mb(downloading)}（已用 ${seconds(elapsedMs)}）`,
        );
      }
    },
  });
  fs.rmSync(tmp, { recursive: true, force: true });
  const marked = res.output.split('\n').find((l) => l.startsWith(PATH_MARK));
  if (res.code === 0 && marked) {
    const exe = JSON.parse(marked.slice(PATH_MARK.length));
    if (fs.existsSync(exe)) {
      if (announced) say(`Electron ${version} 已就绪（用时 ${seconds(res.elapsedMs)}）。`);
      return { path: exe, version };
    }
  }
  const failure = electronUnavailable({
    output: res.output,
    timedOut: res.timedOut,
    error: res.error,
    code: res.code,
    node: process.versions.node,
    requiredNode: electronRequiredNode(),
    host,
    mirror: host !== 'github.com',
    resolvable: res.timedOut ? null : await resolves(host),
    elapsed: seconds(res.elapsedMs),
  });
  return { path: null, failure, reason: failure.zh[0] };
}

/** Where @electron/get downloads from: the mirror when one is set, else GitHub. */
function downloadHost() {
  const mirror = process.env.ELECTRON_MIRROR ?? process.env.npm_config_electron_mirror;
  try {
    return mirror ? new URL(mirror).hostname : 'github.com';
  } catch {
    return mirror;
  }
}

/** The Node range electron's installer declares (package.json engines), e.g. ">= 22.12.0". */
function electronRequiredNode() {
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(nodeModules, 'electron', 'package.json'), 'utf8')).engines?.node ?? '>= 22'
    );
  } catch {
    return '>= 22';
  }
}

/** Whether a host name resolves (within 3 s): tells "no network at all" from "that server cannot be reached". */
function resolves(host) {
  return Promise.race([
    dns.promises.lookup(host).then(
      () => true,
      () => false,
    ),
    new Promise((resolve) => setTimeout(() => resolve(null), 3000).unref()),
  ]);
}

// ───────────────────────────── 2. better-sqlite3 for Electron's ABI ─────────────────────────────

/** Node's module ABI for an Electron version: node_modules/electron/abi_version, else node-abi's table. */
export function electronAbi(version) {
  try {
    const abi = fs.readFileSync(path.join(nodeModules, 'electron', 'abi_version'), 'utf8').trim();
    if (/^\d+$/.test(abi) && version === electronVersion()) return abi;
  } catch {
    /* fall through */
  }
  try {
    return String(
      createRequire(path.join(nodeModules, 'better-sqlite3', 'package.json'))('node-abi').getAbi(version, 'electron'),
    );
  } catch {
    return null;
  }
}

/** A V8-API addon registers itself as node_register_module_v<ABI>: check the binary is built for that ABI. */
export function bindingAbiMatches(file, abi) {
  try {
    return fs.readFileSync(file).includes(Buffer.from(`node_register_module_v${abi}\0`));
  } catch {
    return false;
  }
}

function findNodeGyp() {
  const candidates = [path.join(nodeModules, 'node-gyp', 'bin', 'node-gyp.js')];
  if (process.env.npm_execpath)
    candidates.push(
      path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    );
  const prefix = path.dirname(path.dirname(process.execPath));
  candidates.push(
    path.join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  );
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

/**
 * Build (or reuse) better_sqlite3.node for a runtime in a copy of the package. Returns { binding } or
 * { binding: null, reason }. `runtime`/`extraGypArgs` exist so the mechanics can be exercised against Node.
 */
export async function buildSqliteBinding({
  runtime = 'electron',
  target,
  arch = process.arch,
  abi,
  dir,
  extraGypArgs,
  distUrl = ELECTRON_HEADERS_URL,
}) {
  const src = path.join(nodeModules, 'better-sqlite3');
  const pkgVersion = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8')).version;
  dir ??= path.join(cacheRoot, `better-sqlite3-${target}-${process.platform}-${arch}`);
  const binding = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  const stampFile = path.join(dir, '.yishitai-build.json');
  const stamp = JSON.stringify({ betterSqlite3: pkgVersion, runtime, target, abi, platform: process.platform, arch });
  try {
    if (fs.readFileSync(stampFile, 'utf8') === stamp && bindingAbiMatches(binding, abi))
      return { binding, reused: true };
  } catch {
    /* not built yet */
  }

  say(
    `正在为 ${runtime === 'electron' ? 'Electron' : runtime} ${target}（ABI ${abi}，${arch}）准备 better-sqlite3 ${pkgVersion}（只需一次）……`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const skip = new Set([path.join(src, 'build'), path.join(src, 'node_modules')]);
  fs.cpSync(src, dir, { recursive: true, filter: (p) => !skip.has(p) });
  const env = buildEnv();
  const beat =
    (what) =>
    ({ elapsedMs }) =>
      say(`${what}……（已用 ${seconds(elapsedMs)}）`);

  let prebuildBin = null;
  try {
    prebuildBin = createRequire(path.join(src, 'package.json')).resolve('prebuild-install/bin.js');
  } catch {
    /* not installed: go straight to node-gyp */
  }
  const reasons = [];
  if (prebuildBin) {
    const res = await run(
      process.execPath,
      [prebuildBin, '--runtime', runtime, '--target', target, '--arch', arch, '--platform', process.platform],
      {
        cwd: dir,
        env,
        timeoutMs: 180_000,
        heartbeat: beat('正在下载预编译的 better-sqlite3'),
      },
    );
    if (res.code === 0 && bindingAbiMatches(binding, abi)) {
      fs.writeFileSync(stampFile, stamp);
      say('已下载预编译的 better-sqlite3。');
      return { binding, reused: false, via: 'prebuild-install' };
    }
    reasons.push(
      `prebuild-install：${res.timedOut ? `超时（${res.timedOut}）` : lastLines(res.output, 1) || `退出码 ${res.code}`}`,
    );
    say('没有可用的预编译版本，改为从源码编译（需要 C++ 编译环境，约需几分钟）……');
  }

  const gyp = findNodeGyp();
  if (!gyp) {
    reasons.push('找不到 node-gyp');
    return { binding: null, reason: reasons.join('；') };
  }
  const gypArgs = extraGypArgs ?? [
    `--runtime=${runtime}`,
    `--target=${target}`,
    `--dist-url=${distUrl}`,
    `--devdir=${path.join(os.homedir(), '.electron-gyp')}`,
  ];
  const res = await run(process.execPath, [gyp, 'rebuild', '--release', `--arch=${arch}`, ...gypArgs], {
    cwd: dir,
    env,
    timeoutMs: 30 * 60_000,
    heartbeat: beat('正在编译 better-sqlite3'),
    heartbeatMs: 30_000,
  });
  if (res.code === 0 && bindingAbiMatches(binding, abi)) {
    fs.writeFileSync(stampFile, stamp);
    say(`better-sqlite3 编译完成（用时 ${seconds(res.elapsedMs)}）。`);
    return { binding, reused: false, via: 'node-gyp' };
  }
  reasons.push(
    `node-gyp：${res.timedOut ? `超时（${res.timedOut}）` : lastLines(res.output.replace(/^gyp (info|http).*$/gm, ''), 2) || `退出码 ${res.code}`}`,
  );
  return { binding: null, reason: reasons.join('；') };
}

// ───────────────────────────── 3. launching ─────────────────────────────

/**
 * Pass SIGTERM on to the child. A terminal's Ctrl-C already reaches the child (same process group), so SIGINT
 * is passed on only if the child is still running a moment later (e.g. `kill -INT` sent to this process alone).
 */
function forwardSignals(child) {
  const alive = () => child.exitCode === null && child.signalCode === null;
  process.on('SIGTERM', () => alive() && child.kill('SIGTERM'));
  process.on('SIGINT', () => setTimeout(() => alive() && child.kill('SIGINT'), 2000).unref());
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Resolves with 'early-failure' if Electron dies within a few seconds, else with its exit code when it ends. */
function launchElectron(exe, binding, args) {
  // The host's --data DIR is the desktop app's YISHITAI_DATA_DIR; --demo is understood by both.
  const env = { ...buildEnv(), YISHITAI_SQLITE_BINDING: binding };
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^--data(?:=(.*))?$/.exec(args[i]);
    if (!m) rest.push(args[i]);
    else env.YISHITAI_DATA_DIR = path.resolve(m[1] ?? args[++i] ?? '.');
  }
  const electronArgs = ['.'];
  // Chromium refuses to run as root with its sandbox on; the page keeps context isolation and the JS sandbox.
  if (process.platform === 'linux' && process.getuid?.() === 0) electronArgs.push('--no-sandbox');
  electronArgs.push(...rest);
  say('正在启动议事台桌面程序……（关闭窗口或按 Ctrl+C 停止）');
  const child = spawn(exe, electronArgs, { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], env });
  forwardSignals(child);
  let stderr = '';
  child.stderr.on('data', (c) => {
    process.stderr.write(c);
    stderr = (stderr + c.toString()).slice(-8000);
  });
  const started = Date.now();
  return new Promise((resolve) => {
    child.on('error', (e) => resolve({ earlyFailure: true, reason: e.message }));
    child.on('close', (code, signal) => {
      if (code !== 0 && signal === null && Date.now() - started < 10_000) {
        let reason = lastLines(stderr, 2) || `退出码 ${code}`;
        if (/SUID sandbox|chrome-sandbox/i.test(stderr)) {
          reason += `\n  （Linux 沙箱未配置：可执行 sudo chown root ${path.join(path.dirname(exe), 'chrome-sandbox')} && sudo chmod 4755 同一文件）`;
        }
        resolve({ earlyFailure: true, reason });
      } else resolve({ earlyFailure: false, code: code ?? 1 });
    });
  });
}

function openBrowser(url) {
  // Windows: `start` is a cmd built-in; its first quoted argument is the window title, hence the empty "".
  const [cmd, args] =
    process.platform === 'win32'
      ? ['cmd', ['/s', '/c', 'start', '""', '/b', url.replace(/&/g, '^&')]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, {
      stdio: 'ignore',
      detached: true,
      windowsHide: true,
      windowsVerbatimArguments: process.platform === 'win32',
    });
    child.on('error', () => {});
    child.unref();
  } catch {
    /* no browser: the address is printed anyway */
  }
}

function portOf(args) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port' && args[i + 1]) return args[i + 1];
    const m = /^--port=(.+)$/.exec(args[i]);
    if (m) return m[1];
  }
  return process.env.YISHITAI_PORT ?? '8765';
}

/**
 * Run the host and open the console in the browser. The host's own start-up lines (written for `npm run serve`
 * and scripts) are replaced by the clerk's: the address, the data folder, the hall screen, how to stop.
 */
function runBrowserConsole(args, { open, desktopFallback }) {
  const serve = path.join(root, 'dist', 'electron', 'serve.cjs');
  if (!fs.existsSync(serve)) {
    warn('找不到 dist/electron/serve.cjs，请先运行 npm run build。');
    process.exit(1);
  }
  // The host's Node flags (electron/host/node-flags.ts HOST_NODE_FLAGS, which this script cannot import).
  const child = spawn(process.execPath, ['--max-semi-space-size=32', serve, ...args], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
    env: buildEnv(),
  });
  forwardSignals(child);
  let pending = '';
  let ready = false;
  child.stdout.on('data', (c) => {
    pending += c.toString();
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const m = ready ? null : /^议事台已启动：(\S+)\s*(?:（数据目录：(.+)）)?\s*$/.exec(line);
      if (m) {
        ready = true;
        if (open) openBrowser(m[1]);
        for (const l of consoleReady({ url: m[1], dataDir: m[2] ?? null, opened: open, desktopFallback })) say(l);
      } else if (!(ready && line.startsWith('用上面的地址打开浏览器控制台'))) {
        process.stdout.write(`${line}\n`);
      }
    }
  });
  child.on('error', (e) => {
    warn(`无法启动主机：${e.message}`);
    process.exit(1);
  });
  child.on('close', (code, signal) => {
    if (pending) process.stdout.write(pending);
    if (ready && (code === 0 || signal)) say('已停止。');
    process.exit(code ?? (signal ? 0 : 1));
  });
}

function fail(msg) {
  warn(msg);
  process.exit(1);
}

async function main() {
  const argv = process.argv.slice(2);
  const own = new Set(['--browser', '--no-open', '--prepare']);
  const prepareOnly = argv.includes('--prepare');
  const args = argv.filter((a) => !own.has(a));
  const forceBrowser = argv.includes('--browser') || process.env.YISHITAI_NO_ELECTRON === '1';
  const open = !argv.includes('--no-open') && !process.env.YISHITAI_NO_OPEN && !process.env.CI;
  const url = `http://localhost:${portOf(args)}`;

  // Why there is no desktop window (Chinese lines, then one line of English), then the browser console.
  const fallback = (why, english) => {
    for (const line of [why].flat()) warn(line);
    warn(`${english}; starting the browser console instead: ${url}`);
    runBrowserConsole(args, { open, desktopFallback: true });
  };

  if (prepareOnly) {
    const electron = await ensureElectron();
    if (!electron.path) return fail(`无法获取 Electron 运行时：${electron.reason}`);
    const abi = electronAbi(electron.version);
    const sqlite = abi
      ? await buildSqliteBinding({ target: electron.version, abi })
      : { binding: null, reason: '未知的 Electron ABI' };
    if (!sqlite.binding) return fail(`无法为 Electron 准备 better-sqlite3：${sqlite.reason}`);
    console.log(`ELECTRON_PATH=${electron.path}`);
    console.log(`YISHITAI_SQLITE_BINDING=${sqlite.binding}`);
    return;
  }

  if (forceBrowser) {
    say('按要求不启动桌面窗口，以浏览器控制台方式运行……');
    return runBrowserConsole(args, { open, desktopFallback: false });
  }

  say('正在检查 Electron 运行时……');
  const electron = await ensureElectron();
  if (!electron.path)
    return fallback(
      electron.failure?.zh ?? `无法获取 Electron 运行时：${electron.reason}`,
      electron.failure?.en ?? 'Electron runtime unavailable',
    );
  if (!hasDisplay()) {
    return fallback(
      '没有图形界面（未设置 DISPLAY / WAYLAND_DISPLAY），无法打开桌面窗口，改用浏览器控制台。',
      'No display for the desktop window',
    );
  }

  const abi = electronAbi(electron.version);
  if (!abi)
    return fallback(
      `无法确定 Electron ${electron.version} 的模块 ABI 版本，改用浏览器控制台。`,
      'Unknown Electron module ABI',
    );
  const sqlite = await buildSqliteBinding({ target: electron.version, abi });
  if (!sqlite.binding) {
    return fallback(
      [
        `无法为 Electron 准备 better-sqlite3（需要联网下载预编译版本，或本机有 C++ 编译环境），改用浏览器控制台。`,
        `原因：${sqlite.reason}`,
      ],
      'Could not build better-sqlite3 for Electron',
    );
  }

  const launched = await launchElectron(electron.path, sqlite.binding, args);
  if (launched.earlyFailure) {
    return fallback([`Electron 启动失败，改用浏览器控制台。`, `原因：${launched.reason}`], 'Electron failed to start');
  }
  process.exit(launched.code);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    warn(`启动失败：${e instanceof Error ? e.stack : e}`);
    process.exit(1);
  });
}
