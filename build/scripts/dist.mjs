// `npm run dist` (after `npm run build`): package the desktop app with electron-builder and
// build/electron-builder.yml, for the current platform unless targets are given:
//   npm run dist -- --win        Windows NSIS installer, x64 (best built on Windows; elsewhere it may need Wine)
//   npm run dist -- --linux      AppImage and deb, x64 and arm64
//   npm run dist -- --mac        dmg
// Any other argument goes to electron-builder as is (e.g. `-- --linux --x64`, `-- --dir`). Output: release/.
//   node build/scripts/dist.mjs --check   only validate the config (electron-builder's own schema) and that the
//                                         files it names exist; packages nothing, downloads nothing.
//
// electron-builder's npmRebuild rebuilds better-sqlite3 for Electron *in node_modules*, which would break the
// tests and `npm run serve` (they run on Node). So node_modules/better-sqlite3/build is copied aside first and
// put back afterwards, whatever happens.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const config = path.join(root, 'build', 'electron-builder.yml');
const sqliteBuild = path.join(root, 'node_modules', 'better-sqlite3', 'build');
const backup = path.join(root, 'node_modules', '.cache', 'yishitai-electron', 'better-sqlite3-node-build');
const say = (msg) => console.log(`[议事台] ${msg}`);

const platformFlags = {
  '--win': '--win',
  '--windows': '--win',
  '-w': '--win',
  '--linux': '--linux',
  '-l': '--linux',
  '--mac': '--mac',
  '--macos': '--mac',
  '-m': '--mac',
};
const currentPlatform = { win32: '--win', linux: '--linux', darwin: '--mac' }[process.platform];

const argv = process.argv.slice(2);
if (argv.includes('--check')) process.exit(await check());
const platforms = [...new Set(argv.filter((a) => a in platformFlags).map((a) => platformFlags[a]))];
const rest = argv.filter((a) => !(a in platformFlags));
if (platforms.length === 0) {
  if (!currentPlatform) {
    console.error(`[议事台] 不支持在 ${process.platform} 上打包，请指定 --win、--linux 或 --mac。`);
    process.exit(1);
  }
  platforms.push(currentPlatform);
}
if (!rest.some((a) => a === '--publish' || a.startsWith('--publish=') || a === '-p')) rest.push('--publish', 'never');

for (const required of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
  if (!fs.existsSync(path.join(root, required))) {
    console.error(`[议事台] 缺少 ${required}，请先运行 npm run build（npm run dist 会自动构建）。`);
    process.exit(1);
  }
}

let restored = false;
function restoreSqlite() {
  if (restored || !fs.existsSync(backup)) return;
  restored = true;
  fs.rmSync(sqliteBuild, { recursive: true, force: true });
  fs.cpSync(backup, sqliteBuild, { recursive: true });
  fs.rmSync(backup, { recursive: true, force: true });
  const binding = path.join(sqliteBuild, 'Release', 'better_sqlite3.node');
  const ok =
    fs.existsSync(binding) &&
    fs.readFileSync(binding).includes(Buffer.from(`node_register_module_v${process.versions.modules}\0`));
  say(
    ok
      ? '已恢复 Node 版的 better-sqlite3。'
      : '警告：未能恢复 Node 版的 better-sqlite3，请运行 npm rebuild better-sqlite3。',
  );
}

// A backup left by an interrupted run holds the Node build: put it back before taking a new one.
if (fs.existsSync(backup)) {
  say('发现上次中断的打包留下的 better-sqlite3 备份，先行恢复。');
  restoreSqlite();
  restored = false;
}
if (fs.existsSync(sqliteBuild)) {
  fs.mkdirSync(path.dirname(backup), { recursive: true });
  fs.cpSync(sqliteBuild, backup, { recursive: true });
}

const cli = createRequire(path.join(root, 'package.json')).resolve('electron-builder/cli.js');
const args = [cli, '--config', config, ...platforms, ...rest];
say(
  `正在打包：electron-builder ${args
    .slice(1)
    .map((a) => path.relative(root, a) || a)
    .join(' ')}`,
);
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (child.exitCode === null) child.kill(sig);
  });
}
child.on('close', (code, signal) => {
  restoreSqlite();
  if (code === 0) say(`打包完成，安装包在 ${path.join(root, 'release')}。`);
  else {
    console.error(
      `[议事台] 打包失败（${signal ?? `退出码 ${code}`}）。打包需要联网下载 Electron 与 better-sqlite3 的预编译文件（或本机有 C++ 编译环境）。`,
    );
    console.error(
      '[yishitai] Packaging failed; it needs network access to download Electron and prebuilt native modules.',
    );
  }
  process.exit(code ?? 1);
});
child.on('error', (e) => {
  restoreSqlite();
  console.error(`[议事台] 无法运行 electron-builder：${e.message}`);
  process.exit(1);
});

/** PNG width and height from its IHDR chunk. */
function pngSize(file) {
  const b = fs.readFileSync(file);
  if (b.length < 24 || b.toString('latin1', 1, 4) !== 'PNG') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

async function check() {
  const req = createRequire(path.join(root, 'package.json'));
  const { getConfig, validateConfiguration } = req('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = req('builder-util');
  const problems = [];
  let cfg;
  try {
    cfg = await getConfig(root, config, null);
    await validateConfiguration(cfg, new DebugLogger(false));
  } catch (e) {
    console.error(`[议事台] electron-builder 配置无效：${e instanceof Error ? e.message : e}`);
    return 1;
  }
  const resources = path.join(root, cfg.directories?.buildResources ?? 'build');
  const resolve = (p) => [path.resolve(resources, p), path.resolve(root, p)].find((f) => fs.existsSync(f));
  const icons = {
    icon: [cfg.icon, 512],
    'win.icon': [cfg.win?.icon, 256],
    'linux.icon': [cfg.linux?.icon, 256],
    'mac.icon': [cfg.mac?.icon, 512],
  };
  for (const [key, [value, min]] of Object.entries(icons)) {
    if (value == null) continue;
    const file = resolve(value);
    if (!file) {
      problems.push(`${key}：找不到 ${value}`);
      continue;
    }
    const pngs = fs.statSync(file).isDirectory()
      ? fs
          .readdirSync(file)
          .filter((f) => /^\d+x\d+\.png$/.test(f))
          .map((f) => path.join(file, f))
      : [file];
    if (pngs.length === 0) problems.push(`${key}：${value} 中没有 NxN.png 图标`);
    for (const png of pngs) {
      const size = pngSize(png);
      if (!size) problems.push(`${key}：${path.relative(root, png)} 不是 PNG`);
      else if (size.width !== size.height || size.width < min)
        problems.push(
          `${key}：${path.relative(root, png)} 为 ${size.width}x${size.height}，应为至少 ${min}x${min} 的正方形`,
        );
      else if (/^\d+x\d+\.png$/.test(path.basename(png)) && path.basename(png) !== `${size.width}x${size.height}.png`)
        problems.push(`${key}：${path.basename(png)} 实为 ${size.width}x${size.height}`);
    }
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const filters = (cfg.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
  for (const f of filters.filter((f) => !f.startsWith('!'))) {
    const base = f.split(/[*{]/)[0].replace(/\/$/, '');
    if (base && !fs.existsSync(path.join(root, base)))
      problems.push(`files：${f} 没有匹配（${base} 不存在；先运行 npm run build）`);
  }
  if (!pkg.main || !fs.existsSync(path.join(root, pkg.main)))
    problems.push(`package.json main（${pkg.main}）不存在；先运行 npm run build`);
  else if (!filters.some((f) => !f.startsWith('!') && pkg.main.startsWith(f.split('*')[0])))
    problems.push(`package.json main（${pkg.main}）不在 files 中`);
  if (cfg.npmRebuild !== true) problems.push('npmRebuild 应为 true（为 Electron 重新编译 better-sqlite3）');
  if (!(cfg.asarUnpack ?? []).some((p) => p.includes('better-sqlite3')))
    problems.push('asarUnpack 应包含 better-sqlite3 的 .node 文件');
  if (problems.length) {
    for (const p of problems) console.error(`[议事台] ${p}`);
    return 1;
  }
  say(`electron-builder 配置有效：${path.relative(root, config)}（appId ${cfg.appId}，产品名 ${cfg.productName}）`);
  return 0;
}
