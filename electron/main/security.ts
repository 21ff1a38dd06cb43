import { app, net, protocol, session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../host/server';

/**
 * The desktop app's safety rails, following Electron's security checklist: pages come from our own app://
 * scheme (not file://, whose extra privileges the grantFileProtocolExtraPrivileges fuse also turns off in the
 * package), no page navigates away or opens a window, no permission is granted, and a packaged build has no
 * DevTools menu and ignores the developer-only environment variables.
 */

export const APP_ORIGIN = 'app://yishitai';
export const RENDERER_URL = `${APP_ORIGIN}/index.html`;

/** Only our own page, whatever its hash (#/projector) or query. */
export const isTrustedUrl = (url: string) => url.split('#')[0]!.split('?')[0] === RENDERER_URL;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves dist/renderer at app://yishitai/, with the CSP; nothing outside that folder is reachable. */
export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle('app', async (req) => {
    const url = new URL(req.url);
    const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    if (url.host !== 'yishitai' || !file.startsWith(root + path.sep))
      return new Response('没有这个文件', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

/** Every web contents, present and future: no navigation away, no new windows, no webviews, no permissions. */
export function guardWebContents(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) => {
    const stay = (e: { preventDefault(): void }, url: string) => {
      if (!isTrustedUrl(url)) e.preventDefault();
    };
    contents.on('will-navigate', stay);
    contents.on('will-redirect', stay);
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/**
 * Developer-only settings (a data folder or a better-sqlite3 binary from the environment, DevTools) exist in a
 * source checkout; a packaged build ignores them, so nobody can point the installed app at another native module.
 */
export const devOnly = <T>(value: T): T | undefined => (app.isPackaged ? undefined : value);
