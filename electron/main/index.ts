import { app, BrowserWindow, ipcMain, powerSaveBlocker, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_EVENT_CHANNEL } from '../../shared/contract/bridge';
import { CONTENT_SECURITY_POLICY } from '../host/server';
import { seedDemo } from '../services/demo';
import { EventBus } from '../services/bus';
import { createRuntime, type Runtime } from '../services/runtime';
import { bindIpc } from './ipc-binding';
import { createProjectorPort } from './projector';

/**
 * The desktop app: owns the database (the single source of truth), binds the contract to IPC, and forwards
 * every domain event to every window. The console window is sandboxed with context isolation.
 */
const rendererDir = path.join(__dirname, '..', 'renderer');
const rendererUrl = pathToFileURL(path.join(rendererDir, 'index.html')).href;
const isTrustedUrl = (url: string) => url.split('#')[0]!.split('?')[0] === rendererUrl;

let rt: Runtime | null = null;

function createConsoleWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    title: '议事台',
    backgroundColor: '#f5f6f8',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The console never navigates away; links open in the system browser.
  win.webContents.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:/.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadFile(path.join(rendererDir, 'index.html'));
  return win;
}

app.setName('议事台');
if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));

  const dataDir = process.env.YISHITAI_DATA_DIR ?? app.getPath('userData');
  const bus = new EventBus();
  const desktop = createProjectorPort({ rendererDir, preload: path.join(__dirname, 'preload.cjs'), bus });
  rt = createRuntime(dataDir, { transport: 'ipc', nativeBinding: process.env.YISHITAI_SQLITE_BINDING || undefined, desktop, bus });
  // `npm start -- --demo`: seed the demo district into an empty store, as `npm run serve -- --demo` does.
  if (process.argv.includes('--demo')) await seedDemo(rt).catch((e) => console.error('[议事台] 演示数据生成失败：', e));
  bindIpc(ipcMain, rt.handlers, isTrustedUrl);
  rt.bus.subscribe((msg) => {
    for (const w of BrowserWindow.getAllWindows()) if (!w.isDestroyed()) w.webContents.send(IPC_EVENT_CHANNEL, msg);
  });
  // Keep the displays awake while a meeting is in progress (进行中), and let them sleep otherwise.
  let blocker: number | null = null;
  const keepAwake = () => {
    const open = (rt?.db.prepare("SELECT COUNT(*) FROM meetings WHERE status = 'open'").pluck().get() as number) > 0;
    if (open && blocker === null) blocker = powerSaveBlocker.start('prevent-display-sleep');
    if (!open && blocker !== null) {
      powerSaveBlocker.stop(blocker);
      blocker = null;
    }
  };
  keepAwake();
  rt.bus.subscribe((msg) => msg.name === 'meeting.changed' && keepAwake());
  createConsoleWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createConsoleWindow();
  });
});

app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows();
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.on('window-all-closed', () => {
  rt?.close();
  rt = null;
  app.quit();
});
