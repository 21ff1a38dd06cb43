import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, utilityProcess } from 'electron';
import path from 'node:path';
import { IPC_EVENT_CHANNEL, PROJECTOR_EVENTS } from '../../shared/contract/bridge';
import type { MainMessage } from '../host/desktop-channel';
import { HOST_NODE_FLAGS } from '../host/node-flags';
import { superviseHost, type HostChild, type HostClient } from './host-client';
import { bindIpc } from './ipc-binding';
import { bindSavePdf } from './print-pdf';
import { createProjectorPort } from './projector';
import { devOnly, guardWebContents, isTrustedUrl, registerAppScheme, RENDERER_URL, serveRenderer } from './security';

/**
 * The desktop app. The host — the database (the single source of truth), the services, the admin API on loopback
 * and the hall's network — runs in a process of its own (Electron's utilityProcess running dist/electron/host.cjs,
 * ../host/utility-main.ts), so a burst of 3,376 casts keeps that process's core busy, not this one, which moves the
 * windows and answers them. This process binds the contract to IPC and relays each call to the host
 * (./host-client.ts), forwards the host's events to every window, and keeps the projector window the host asks
 * for. The console window is sandboxed with context isolation.
 */
const rendererDir = path.join(__dirname, '..', 'renderer');

let host: HostClient | null = null;

/** The host process, as Electron starts it; the channel is the same one child_process.fork gives in tests. */
function forkHost(dataDir: string): HostChild {
  const binding = devOnly(process.env.YISHITAI_SQLITE_BINDING);
  const child = utilityProcess.fork(
    path.join(__dirname, 'host.cjs'),
    [
      '--data',
      dataDir,
      '--port',
      '0',
      '--desktop',
      ...(process.argv.includes('--demo') ? ['--demo'] : []),
      ...(binding ? ['--sqlite-binding', binding] : []),
    ],
    { serviceName: '议事台主机', stdio: 'inherit', execArgv: HOST_NODE_FLAGS },
  );
  return {
    post: (msg: MainMessage) => child.postMessage(msg),
    onMessage: (f) => child.on('message', f),
    onExit: (f) => child.on('exit', f),
  };
}

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
  const client = superviseHost(() => forkHost(dataDir), {
    onRestart: () => client.setDisplays(projector.listDisplays(), false),
    onGiveUp: () =>
      dialog.showErrorBox(
        '议事台主机进程已停止',
        '主机进程多次意外退出。已确认的操作都已保存，请关闭并重新打开议事台。',
      ),
  });
  host = client;
  const projector = createProjectorPort({
    pageUrl: `${RENDERER_URL}#/projector`,
    preload: path.join(__dirname, 'preload.cjs'),
    onDisplaysChanged: () => client.setDisplays(projector.listDisplays(), true),
  });
  try {
    await client.ready;
  } catch (e) {
    dialog.showErrorBox('议事台无法启动', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  client.setDisplays(projector.listDisplays(), false);
  client.onProjector((ask) => {
    if (ask.open) projector.openProjector(ask.displayId);
    else projector.closeProjector();
    client.setDisplays(projector.listDisplays(), false);
  });
  bindIpc(ipcMain, client.handlers, (event) => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '')) return null;
    return event.sender && projector.isProjector(event.sender.id) ? 'projector' : 'console';
  });
  bindSavePdf(ipcMain, path.join(__dirname, 'preload.cjs'));
  // Each window gets what it shows: the console every event, the projector window only what it draws. The host
  // sends progress coalesced (≤1 per poll per 100 ms), as its event stream does.
  client.onEvent((msg) => {
    for (const w of BrowserWindow.getAllWindows()) {
      if (w.isDestroyed() || (projector.isProjector(w.webContents.id) && !PROJECTOR_EVENTS.includes(msg.name)))
        continue;
      w.webContents.send(IPC_EVENT_CHANNEL, msg);
    }
  });
  // Keep the displays awake while a meeting is in progress (进行中), and let them sleep otherwise.
  let blocker: number | null = null;
  client.onSitting((open) => {
    if (open && blocker === null) blocker = powerSaveBlocker.start('prevent-display-sleep');
    if (!open && blocker !== null) {
      powerSaveBlocker.stop(blocker);
      blocker = null;
    }
  });
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
  const h = host;
  host = null;
  // The host commits every acknowledged write before it answers; stopping it closes the store cleanly.
  void (h ? h.stop() : Promise.resolve()).then(() => app.quit());
});
