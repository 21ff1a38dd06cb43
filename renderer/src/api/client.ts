import {
  AppError,
  eventNames,
  type EventMessage,
  type EventName,
  type EventPayload,
  type Input,
  type MethodName,
  type Output,
  type PreloadBridge,
} from '../../../shared/contract';

/**
 * The renderer's only transport-aware module. In the desktop app it goes through the preload bridge
 * (window.yishitai); in a browser it uses the host's HTTP API and its server-sent-events stream.
 */
declare global {
  interface Window {
    yishitai?: PreloadBridge;
  }
}

const bridge = typeof window !== 'undefined' ? window.yishitai : undefined;
export const transport: 'ipc' | 'http' = bridge ? 'ipc' : 'http';

/**
 * The host prints the console's address with its admin token (…/#token=…). Trade it once for the host's
 * HttpOnly cookie and take it out of the address bar, so it is neither in the history nor readable by scripts;
 * calls and the event stream wait for that.
 */
const session: Promise<void> = bridge || typeof window === 'undefined' ? Promise.resolve() : exchangeToken();

// A new address pasted into an open tab (the host restarted with a new token) only changes the hash: trade it and
// start afresh.
if (!bridge && typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    if (/[#?&]token=/.test(window.location.hash)) void exchangeToken().then(() => window.location.reload());
  });
}

async function exchangeToken(): Promise<void> {
  const m = /[#?&]token=([0-9a-f]+)/i.exec(window.location.hash);
  if (!m) return;
  // "#token=…" → "#/", "#/projector?token=…" → "#/projector"
  const rest = window.location.hash.replace(/[?&]?token=[0-9a-f]+/i, '');
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}${rest === '#' ? '#/' : rest}`);
  await fetch('./api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: m[1] }),
  }).catch(() => undefined);
}

const unauthorizedListeners = new Set<() => void>();
/** The host said this page's token is no longer good: nothing is tried again until the clerk signs in anew. */
let signedOut = false;

/** Called when the host refuses this page's credentials (no token, or the host restarted with a new one). */
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn);
  return () => {
    unauthorizedListeners.delete(fn);
  };
}

export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  if (bridge) {
    const res = await bridge.invoke(method, input);
    if (res.ok) return res.data as Output<M>;
    throw new AppError(res.error.code, res.error.message, res.error.field, res.error.details);
  }
  await session;
  let res: Response;
  try {
    res = await fetch(`./api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    throw new AppError('INTERNAL', '无法连接议事台主机，请检查主机是否在运行');
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return body as Output<M>;
  if (res.status === 401) {
    signedOut = true;
    unauthorizedListeners.forEach((l) => l());
  }
  const err = (body ?? {}) as { code?: string; message?: string; field?: string; details?: unknown };
  throw new AppError(
    (err.code as AppError['code']) ?? 'INTERNAL',
    err.message ?? `请求失败（${res.status}）`,
    err.field,
    err.details,
  );
}

type Listener = (msg: EventMessage) => void;
const listeners = new Set<Listener>();
let connected = false;

function connect() {
  connected = true;
  if (bridge) bridge.subscribe((msg) => listeners.forEach((l) => l(msg)));
  else void session.then(openStream);
}

function openStream(): void {
  const source = new EventSource('./api/events');
  for (const name of eventNames) {
    source.addEventListener(name, (e) => {
      const msg = { name, payload: JSON.parse((e as MessageEvent<string>).data) } as EventMessage;
      listeners.forEach((l) => l(msg));
    });
  }
  // EventSource reconnects by itself; after a host restart everyone refetches.
  source.addEventListener('open', () =>
    listeners.forEach((l) => l({ name: 'reconnected' } as unknown as EventMessage)),
  );
  // It gives up for good on an answer that is not a stream (a host shutting down, or a 401 once the host restarted
  // with a new token): an ordinary call finds out why and reports a 401; otherwise the stream is opened again once
  // the host answers — tried every 2 s while it is still down (a restart), never given up silently.
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) reopenStream();
  });
}

function reopenStream(): void {
  setTimeout(() => {
    void call('system.info', {}).then(openStream, () => {
      if (!signedOut) reopenStream();
    });
  }, 2000);
}

/** Subscribe to one event (or every event with '*'); returns the unsubscribe function. */
export function onEvent<E extends EventName>(
  name: E | '*',
  fn: (payload: EventPayload<E>, name: EventName) => void,
): () => void {
  const l: Listener = (msg) => {
    if (name === '*' || msg.name === name || (msg.name as string) === 'reconnected')
      fn(msg.payload as EventPayload<E>, msg.name);
  };
  listeners.add(l);
  if (!connected) connect();
  return () => {
    listeners.delete(l);
  };
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * 保存为 PDF of a print route: in the desktop app the main process prints it (printToPDF) and asks where to save;
 * in a browser there is no such door, so null tells the caller to open the browser's print dialog instead.
 */
export async function savePdf(hash: string, fileName: string): Promise<{ path: string | null; pages: number } | null> {
  if (!bridge?.savePdf) return null;
  const res = await bridge.savePdf(hash, fileName);
  if (!res.ok) throw new AppError('INTERNAL', res.message);
  return { path: res.path, pages: res.pages };
}
