import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The desktop app cannot run here (no Electron binary), so its safety rails are checked in the source: every
 * window sandboxed and isolated, every web contents kept from navigating or opening windows, pages from app://,
 * no DevTools menu or developer variables in a packaged build, and the fuses off in the package.
 */
const root = path.join(__dirname, '..', '..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
const mainDir = 'electron/main';
const mainFiles = fs.readdirSync(path.join(root, mainDir)).filter((f) => f.endsWith('.ts')).map((f) => `${mainDir}/${f}`);
const main = mainFiles.map(read).join('\n');

describe('Electron hardening', () => {
  it('creates every window sandboxed, isolated, without Node and without DevTools when packaged', () => {
    const windows = [...main.matchAll(/new BrowserWindow\(\{([\s\S]*?)\n\s*\}\);/g)].map((m) => m[1]!);
    expect(windows.length).toBeGreaterThanOrEqual(2);
    for (const w of windows) {
      expect(w).toMatch(/contextIsolation: true/);
      expect(w).toMatch(/sandbox: true/);
      expect(w).toMatch(/nodeIntegration: false/);
      expect(w).toMatch(/devTools: !app\.isPackaged/);
      expect(w).not.toMatch(/webSecurity: false|allowRunningInsecureContent: true|webviewTag: true/);
    }
  });

  it('guards every web contents against navigation, new windows and webviews', () => {
    const security = read(`${mainDir}/security.ts`);
    expect(security).toMatch(/app\.on\('web-contents-created'/);
    for (const guard of ["'will-navigate'", "'will-redirect'", "'will-attach-webview'", 'setWindowOpenHandler(() => ({ action: \'deny\' }))']) expect(security).toContain(guard);
    expect(main).not.toMatch(/openExternal/);
    expect(security).toContain("setPermissionRequestHandler((_wc, _perm, cb) => cb(false))");
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

  it('validates every IPC call: one handler, through dispatch, with the sender checked', () => {
    const handles = [...main.matchAll(/\.handle\(/g)];
    const binding = read(`${mainDir}/ipc-binding.ts`);
    expect(main.match(/ipcMain\.(handle|on)\(/g) ?? []).toHaveLength(0);
    expect(binding).toMatch(/ipc\.handle\(IPC_INVOKE_CHANNEL/);
    expect(binding).toMatch(/roleOf\(event\)/);
    expect(binding).toMatch(/return dispatch\(/);
    // ipc.handle in the binding, protocol.handle for app://, and 保存为 PDF, which is no contract method: it checks
    // the sender the same way and loads only our own print routes.
    expect(handles.length).toBe(3);
    const pdf = read(`${mainDir}/print-pdf.ts`);
    expect(pdf).toMatch(/ipc\.handle\(IPC_SAVE_PDF_CHANNEL/);
    expect(pdf).toMatch(/if \(!isTrustedUrl\(event\.senderFrame\?\.url \?\? ''\)\) return \{ ok: false/);
    expect(pdf).toMatch(/if \(typeof hash !== 'string' \|\| !isPrintHash\(hash\)\) return \{ ok: false/);
  });

  it('turns the fuses off in the package', () => {
    const builder = read('build/electron-builder.yml');
    for (const fuse of ['runAsNode: false', 'enableNodeOptionsEnvironmentVariable: false', 'enableNodeCliInspectArguments: false', 'onlyLoadAppFromAsar: true', 'grantFileProtocolExtraPrivileges: false']) {
      expect(builder).toContain(fuse);
    }
  });
});
