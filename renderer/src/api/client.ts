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

export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  if (bridge) {
    const res = await bridge.invoke(method, input);
    if (res.ok) return res.data as Output<M>;
    throw new AppError(res.error.code, res.error.message, res.error.field, res.error.details);
  }
  let res: Response;
  try {
    res = await fetch(`./api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input ?? {}) });
  } catch {
    throw new AppError('INTERNAL', '无法连接议事台主机，请检查主机是否在运行');
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return body as Output<M>;
  const err = (body ?? {}) as { code?: string; message?: string; field?: string; details?: unknown };
  throw new AppError((err.code as AppError['code']) ?? 'INTERNAL', err.message ?? `请求失败（${res.status}）`, err.field, err.details);
}

type Listener = (msg: EventMessage) => void;
const listeners = new Set<Listener>();
let connection: (() => void) | null = null;

function connect() {
  if (bridge) {
    connection = bridge.subscribe((msg) => listeners.forEach((l) => l(msg)));
    return;
  }
  const source = new EventSource('./api/events');
  for (const name of eventNames) {
    source.addEventListener(name, (e) => {
      const msg = { name, payload: JSON.parse((e as MessageEvent<string>).data) } as EventMessage;
      listeners.forEach((l) => l(msg));
    });
  }
  // EventSource reconnects by itself; after a host restart everyone refetches.
  source.addEventListener('open', () => listeners.forEach((l) => l({ name: 'reconnected' } as unknown as EventMessage)));
  connection = () => source.close();
}

/** Subscribe to one event (or every event with '*'); returns the unsubscribe function. */
export function onEvent<E extends EventName>(name: E | '*', fn: (payload: EventPayload<E>, name: EventName) => void): () => void {
  const l: Listener = (msg) => {
    if (name === '*' || msg.name === name || (msg.name as string) === 'reconnected') fn(msg.payload as EventPayload<E>, msg.name);
  };
  listeners.add(l);
  if (!connection) connect();
  return () => {
    listeners.delete(l);
  };
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
