import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/server';
import { checkElectron, type Sources } from './electron-hardening-check';

/**
 * The desktop app cannot run here (no Electron binary), so its safety rails are checked in the source: every
 * window sandboxed and isolated, every web contents kept from navigating or opening windows, a CSP on every page,
 * every IPC call validated, pages from app://, no DevTools menu or developer variables in a packaged build, and
 * the fuses off in the package. The checker (./electron-hardening-check.ts) reads source text, so each of its
 * rules is also run on the real files with one violation planted, and must fail.
 */
const root = path.join(__dirname, '..', '..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
const mainDir = 'electron/main';
const mainFiles = fs
  .readdirSync(path.join(root, mainDir))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `${mainDir}/${f}`);
const real = {
  main: Object.fromEntries(mainFiles.map((f) => [f, read(f)])) as Sources,
  preload: read('electron/preload/index.ts'),
  policy: CONTENT_SECURITY_POLICY,
};
const main = Object.values(real.main).join('\n');

describe('Electron hardening', () => {
  it('passes every rule on the real sources: windows, CSP, navigation and window-open guards, IPC', () => {
    const { violations, windows } = checkElectron(real);
    expect(violations).toEqual([]);
    // The console, the projector and the hidden print-to-PDF window.
    expect(windows).toBe(3);
  });

  it('loads pages from app://, never file://', () => {
    expect(main).not.toMatch(/loadFile\(/);
    expect(main).toMatch(/registerSchemesAsPrivileged/);
    expect(main).toMatch(/protocol\.handle\('app'/);
  });

  it('ignores the developer-only variables and drops the default menu in a packaged build', () => {
    for (const v of main.matchAll(/process\.env\.(YISHITAI_\w+)/g)) {
      const line = main.split('\n').find((l) => l.includes(v[0]))!;
      expect(line, v[1]).toMatch(/devOnly\(process\.env\./);
    }
    expect(main).toMatch(/if \(app\.isPackaged\) Menu\.setApplicationMenu\(null\)/);
  });

  it('grants no permission and opens nothing outside the app', () => {
    const security = real.main[`${mainDir}/security.ts`]!;
    expect(security).toContain('setPermissionRequestHandler((_wc, _perm, cb) => cb(false))');
    expect(security).toContain('setPermissionCheckHandler(() => false)');
  });

  it('turns the fuses off in the package', () => {
    const builder = read('build/electron-builder.yml');
    for (const fuse of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'onlyLoadAppFromAsar: true',
      'grantFileProtocolExtraPrivileges: false',
    ]) {
      expect(builder).toContain(fuse);
    }
  });
});

/** One violation planted in a real file: [what, file (or 'preload' / 'policy'), text replaced, replacement, what the checker must say]. */
type Plant = [string, string, string | RegExp, string, string];
const index = `${mainDir}/index.ts`;
const projector = `${mainDir}/projector.ts`;
const printPdf = `${mainDir}/print-pdf.ts`;
const security = `${mainDir}/security.ts`;
const binding = `${mainDir}/ipc-binding.ts`;
const append = /$/;

const plants: Plant[] = [
  // Windows
  [
    'the console window with nodeIntegration: true',
    index,
    'nodeIntegration: false,',
    'nodeIntegration: true,',
    'sets nodeIntegration: true',
  ],
  [
    'the projector window without contextIsolation',
    projector,
    'contextIsolation: true,',
    '',
    'lacks contextIsolation: true',
  ],
  ['the print-to-PDF window without sandbox', printPdf, 'sandbox: true,', '', 'lacks sandbox: true'],
  ['the print-to-PDF window with sandbox: false', printPdf, 'sandbox: true', 'sandbox: false', 'sets sandbox: false'],
  [
    'the console window with sandbox commented out',
    index,
    'sandbox: true,',
    '// sandbox: true,',
    'lacks sandbox: true',
  ],
  [
    'the console window with contextIsolation: false',
    index,
    'contextIsolation: true,',
    'contextIsolation: false,',
    'sets contextIsolation: false',
  ],
  [
    'the projector window with a webview tag',
    projector,
    'nodeIntegration: false,',
    'nodeIntegration: false, webviewTag: true,',
    'sets webviewTag: true',
  ],
  [
    'the projector window with webSecurity off',
    projector,
    'nodeIntegration: false,',
    'nodeIntegration: false, webSecurity: false,',
    'sets webSecurity: false',
  ],
  [
    'the print-to-PDF window with DevTools in a packaged build',
    printPdf,
    'devTools: !app.isPackaged',
    'devTools: true',
    'lacks devTools: !app.isPackaged',
  ],
  [
    'a new window with no webPreferences',
    projector,
    append,
    "\nexport const helpWindow = () => new BrowserWindow({ width: 800, height: 600, title: '帮助' });\n",
    'no webPreferences',
  ],
  [
    'a new window whose webPreferences come from a variable',
    projector,
    append,
    '\nconst prefs = { nodeIntegration: true };\nexport const w2 = () => new BrowserWindow({ webPreferences: prefs });\n',
    'not an object literal',
  ],
  [
    'a new window whose webPreferences spread another object',
    projector,
    append,
    '\nconst base = { nodeIntegration: true };\nexport const w3 = () => new BrowserWindow({ webPreferences: { ...base, ' +
      'contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: !app.isPackaged } });\n',
    'spreads another object',
  ],
  [
    'a BrowserView with nodeIntegration',
    projector,
    append,
    '\nexport const v = () => new BrowserView({ webPreferences: { nodeIntegration: true } });\n',
    'new BrowserView: webPreferences lacks contextIsolation: true',
  ],
  // CSP
  [
    'the app:// handler without the CSP header',
    security,
    "headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);",
    '',
    'does not set the Content-Security-Policy header',
  ],
  [
    'a CSP with inline script',
    'policy',
    "script-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "script-src allows 'self' 'unsafe-inline'",
  ],
  ['a CSP with eval', 'policy', "script-src 'self'", "script-src 'self' 'unsafe-eval'", 'script-src allows'],
  ['a CSP that allows plugins', 'policy', "object-src 'none'; ", '', "object-src is not 'none'"],
  ['a CSP without default-src', 'policy', "default-src 'self'; ", '', "default-src is not 'self'"],
  ['no CSP at all', 'policy', /[\s\S]*/, '', 'no Content-Security-Policy defined'],
  // Navigation and window.open
  ['no will-navigate guard', security, "    contents.on('will-navigate', stay);\n", '', "no 'will-navigate' guard"],
  ['no will-redirect guard', security, "    contents.on('will-redirect', stay);\n", '', "no 'will-redirect' guard"],
  [
    'a will-navigate guard that lets every URL through',
    security,
    'if (!isTrustedUrl(url)) e.preventDefault();',
    'console.log(url);',
    "the 'will-navigate' guard does not prevent navigation",
  ],
  [
    'window.open allowed',
    security,
    "({ action: 'deny' })",
    "({ action: 'allow' })",
    'a setWindowOpenHandler allows a window',
  ],
  [
    'no setWindowOpenHandler',
    security,
    "    contents.setWindowOpenHandler(() => ({ action: 'deny' }));\n",
    '',
    'window.open is not denied',
  ],
  [
    'the window-open guard only in a string',
    security,
    "    contents.setWindowOpenHandler(() => ({ action: 'deny' }));\n",
    '    const todo = "contents.setWindowOpenHandler(() => ({ action: \'deny\' }))";\n',
    'window.open is not denied',
  ],
  [
    'webviews not refused',
    security,
    "    contents.on('will-attach-webview', (e) => e.preventDefault());\n",
    '',
    'webviews are not refused',
  ],
  [
    'no guard for new web contents',
    security,
    "app.on('web-contents-created'",
    "app.once('browser-window-created'",
    "no app.on('web-contents-created') guard",
  ],
  [
    'the guard installed after the console window opens',
    index,
    / {2}guardWebContents\(\);\n([\s\S]*?) {2}createConsoleWindow\(\);\n/,
    '$1  createConsoleWindow();\n  guardWebContents();\n',
    'createConsoleWindow() runs before guardWebContents()',
  ],
  ['the guard never installed', index, '  guardWebContents();\n', '', 'guardWebContents() is never called'],
  [
    'a link opened in the system browser',
    security,
    append,
    '\nexport const openHelp = (url: string) => shell.openExternal(url);\n',
    'shell.openExternal',
  ],
  // IPC
  [
    'an ipcMain.handle beside the contract',
    index,
    append,
    "\nipcMain.handle('members.drop', async (_e, id: number) => rt!.db.prepare('DELETE FROM memberships WHERE id = ?').run(id));\n",
    'IPC must be one ipc.handle on a named channel',
  ],
  [
    'an ipcMain.on listener',
    index,
    append,
    '\nipcMain.on(IPC_EVENT_CHANNEL, (e) => e.reply(IPC_EVENT_CHANNEL, rt?.dataDir));\n',
    'ipcMain.on: IPC must be one ipc.handle',
  ],
  [
    'a handler on a channel of its own',
    printPdf,
    append,
    '\nexport function bindRaw(ipc: IpcMain) {\n  ipc.handle(IPC_RAW_SQL_CHANNEL, async (_e, sql: string) => sql);\n}\n',
    'handler on IPC_RAW_SQL_CHANNEL skips the contract',
  ],
  [
    'the contract handler calling services without dispatch',
    binding,
    "return dispatch(handlers, String(method), input, { actor: 'console' });",
    "return { ok: true, data: await (handlers as never as Record<string, (i: unknown, c: unknown) => unknown>)[String(method)]!(input, { actor: 'console' }) };",
    'does not go through dispatch',
  ],
  [
    'the contract handler not checking the sender',
    binding,
    "if (!role) return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自非本应用页面的调用' } };",
    '',
    "does not check the sender's window",
  ],
  [
    'the contract bound twice',
    index,
    append,
    '\nbindIpc(ipcMain, rt!.handlers, () => "console");\n',
    'the contract is bound to IPC',
  ],
  [
    'save-PDF not checking the sender',
    printPdf,
    "if (!isTrustedUrl(event.senderFrame?.url ?? '')) return { ok: false, message: '拒绝来自非本应用页面的调用' };",
    '',
    'handler on IPC_SAVE_PDF_CHANNEL lacks its guard',
  ],
  [
    'save-PDF loading any route',
    printPdf,
    "if (typeof hash !== 'string' || !isPrintHash(hash)) return { ok: false, message: '不是可打印的文书地址' };",
    '',
    'lacks its guard',
  ],
  [
    'the preload exposing ipcRenderer',
    'preload',
    "contextBridge.exposeInMainWorld('yishitai', bridge);",
    "contextBridge.exposeInMainWorld('yishitai', { ...bridge, ipcRenderer });",
    'ipcRenderer itself is exposed',
  ],
  [
    'the preload invoking a channel the page chooses',
    'preload',
    '  savePdf:',
    '  raw: (channel: string, ...args: unknown[]) => ipcRenderer.invoke(channel, ...args),\n  savePdf:',
    'not a fixed IPC_ constant',
  ],
  [
    'the preload sending past invoke',
    'preload',
    '  savePdf:',
    '  ping: () => ipcRenderer.send(IPC_INVOKE_CHANNEL, "system.info"),\n  savePdf:',
    'ipcRenderer.send bypasses',
  ],
  [
    'the preload exposing nothing',
    'preload',
    "contextBridge.exposeInMainWorld('yishitai', bridge);",
    '',
    'nothing exposed through contextBridge',
  ],
];

describe('the checker bites: each rule, broken once in a copy of the real sources, fails', () => {
  it.each(plants)('%s', (_label, file, from, to, expected) => {
    const planted = { main: { ...real.main }, preload: real.preload, policy: real.policy };
    const source = file === 'preload' ? planted.preload : file === 'policy' ? planted.policy : planted.main[file];
    expect(source, `no ${file}`).toBeDefined();
    if (typeof from === 'string')
      expect(source, `the text to replace is gone from ${file}: update this plant`).toContain(from);
    else if (from !== append)
      expect(source, `the text to replace is gone from ${file}: update this plant`).toMatch(from);
    const changed = source!.replace(from, to);
    expect(changed).not.toBe(source);
    if (file === 'preload') planted.preload = changed;
    else if (file === 'policy') planted.policy = changed;
    else planted.main[file] = changed;
    const { violations } = checkElectron(planted);
    expect(violations.join('\n')).toContain(expected);
  });
});
