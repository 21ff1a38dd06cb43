import type { EventMessage } from './api';
import type { ApiErrorValue } from './errors';

/** What the sandboxed preload exposes as window.yishitai: one invoke and one event subscription, nothing else. */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<{ ok: true; data: unknown } | { ok: false; error: ApiErrorValue }>;
  subscribe(listener: (msg: EventMessage) => void): () => void;
}

export const IPC_INVOKE_CHANNEL = 'yishitai:invoke';
export const IPC_EVENT_CHANNEL = 'yishitai:event';
