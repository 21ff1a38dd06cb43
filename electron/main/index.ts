import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker } from 'electron';
import path from 'node:path';
import { IPC_EVENT_CHANNEL, PROJECTOR_EVENTS } from '../../shared/contract/bridge';
import { anyMeetingSitting } from '../db/tables/meetings';
import { seedDemo } from '../services/demo';
import { EventBus } from '../services/bus';
import { createRuntime, type Runtime } from '../services/runtime';
import { bindIpc } from './ipc-binding';
import { bindSavePdf } from './print-pdf';
import { createProjectorPort } from './projector';
import { devOnly, guardWebContents, isTrustedUrl, registerAppScheme, RENDERER_URL, serveRenderer } from './security';

/**
 * The desktop app: owns the database (the single source of truth), binds the contract to IPC, and forwards
 * every domain event to every window. The console window is sandboxed with context isolation.
 */
const rendererDir = path.join(__dirname, '..', 'renderer');

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
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(RENDERER_URL);
  return win;
}

app.setName('议事台');
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(async () => {
  serveRenderer(rendererDir);
  guardWebContents();
  // The default menu carries DevTools and reload; an installed app has none (copy and paste keys still work).
  if (app.isPackaged) Menu.setApplicationMenu(null);

  const dataDir = devOnly(process.env.YISHITAI_DATA_DIR) ?? app.getPath('userData');
  const bus = new EventBus();
  const projector = createProjectorPort({
    pageUrl: `${RENDERER_URL}#/projector`,
    preload: path.join(__dirname, 'preload.cjs'),
    bus,
  });
  try {
    rt = createRuntime(dataDir, {
      transport: 'ipc',
      nativeBinding: devOnly(process.env.YISHITAI_SQLITE_BINDING) || undefined,
      desktop: projector,
      bus,
    });
  } catch (e) {
    dialog.showErrorBox('议事台无法启动', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  // `npm start -- --demo`: seed the demo district into an empty store, as `npm run serve -- --demo` does.
  if (process.argv.includes('--demo')) await seedDemo(rt).catch((e) => console.error('[议事台] 演示数据生成失败：', e));
  bindIpc(ipcMain, rt.handlers, (event) => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '')) return null;
    return event.sender && projector.isProjector(event.sender.id) ? 'projector' : 'console';
  });
  bindSavePdf(ipcMain, path.join(__dirname, 'preload.cjs'));
  // Each window gets what it shows: the console every event, the projector window only what it draws.
  // Progress coalesced (≤1 per poll per 100 ms), as the host's event stream sends it.
  rt.bus.subscribeLive((msg) => {
    for (const w of BrowserWindow.getAllWindows()) {
      if (w.isDestroyed() || (projector.isProjector(w.webContents.id) && !PROJECTOR_EVENTS.includes(msg.name)))
        continue;
      w.webContents.send(IPC_EVENT_CHANNEL, msg);
    }
  });
  // Keep the displays awake while a meeting is in progress (进行中), and let them sleep otherwise.
  let blocker: number | null = null;
  const keepAwake = () => {
    const open = rt ? anyMeetingSitting(rt.db) : false;
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
