import { app, BrowserWindow, screen, type Display } from 'electron';
import type { DisplayInfo } from '../../shared/contract';
import type { DesktopPort } from '../services/screen';

/**
 * The projector window: full screen on the external display when there is one, windowed on the main display
 * otherwise. It follows displays being plugged in or pulled out, so a clerk never hunts for a lost window.
 */
export function createProjectorPort(opts: {
  pageUrl: string;
  preload: string;
  /** A display was plugged in, pulled out or changed, or the window was closed (the host publishes displays.changed). */
  onDisplaysChanged(): void;
}): DesktopPort & { isProjector(webContentsId: number): boolean } {
  let win: BrowserWindow | null = null;
  let wantedDisplay: number | undefined;

  const external = () => screen.getAllDisplays().find((d) => d.id !== screen.getPrimaryDisplay().id);
  const target = (): Display =>
    screen.getAllDisplays().find((d) => d.id === wantedDisplay) ?? external() ?? screen.getPrimaryDisplay();

  function place() {
    if (!win || win.isDestroyed()) return;
    const d = target();
    const onPrimary = d.id === screen.getPrimaryDisplay().id;
    win.setFullScreen(false);
    win.setBounds(onPrimary ? { x: d.workArea.x + 40, y: d.workArea.y + 40, width: 1280, height: 720 } : d.bounds);
    if (!onPrimary) win.setFullScreen(true);
  }

  const onDisplaysChanged = () => {
    place();
    opts.onDisplaysChanged();
  };
  screen.on('display-added', onDisplaysChanged);
  screen.on('display-removed', onDisplaysChanged);
  screen.on('display-metrics-changed', onDisplaysChanged);

  return {
    listDisplays(): DisplayInfo[] {
      const primary = screen.getPrimaryDisplay().id;
      const current = win && !win.isDestroyed() ? screen.getDisplayMatching(win.getBounds()).id : null;
      return screen.getAllDisplays().map((d, i) => ({
        id: d.id,
        label: d.label || `显示器${i + 1}`,
        width: d.size.width,
        height: d.size.height,
        primary: d.id === primary,
        hasProjector: d.id === current,
      }));
    },
    openProjector(displayId) {
      wantedDisplay = displayId;
      if (!win || win.isDestroyed()) {
        win = new BrowserWindow({
          title: '议事台 · 投影',
          backgroundColor: '#000000',
          autoHideMenuBar: true,
          show: false,
          webPreferences: {
            preload: opts.preload,
            contextIsolation: true,
            sandbox: true,
            nodeIntegration: false,
            devTools: !app.isPackaged,
          },
        });
        win.once('ready-to-show', () => win?.show());
        win.on('closed', () => {
          win = null;
          // Closed by hand: the console's display list no longer shows it on a display.
          opts.onDisplaysChanged();
        });
        void win.loadURL(opts.pageUrl);
      }
      place();
    },
    isProjector: (webContentsId) => !!win && !win.isDestroyed() && win.webContents.id === webContentsId,
    closeProjector() {
      if (win && !win.isDestroyed()) win.close();
      win = null;
    },
  };
}
