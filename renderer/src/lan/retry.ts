import { LanNetworkError } from './client';

/**
 * Sending one submit until the host answers. Only a lost answer is retried (LanNetworkError), always with the same
 * idempotency key, so the host counts it once however many copies arrive; a refusal in words ends at once. Bounded:
 * after `attempts` tries the caller shows a 重试 button, which starts again with the same key.
 */
export interface RetryOptions {
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Before each retry: which retry (1, 2, …) and how long until it. */
  onRetry?: (retry: number, waitMs: number, error: LanNetworkError) => void;
}

export const DEFAULT_ATTEMPTS = 8;

/** 0.5 s, 1 s, 2 s, 4 s, then 6 s each time: about half a minute over 8 tries, and a Retry-After is honoured. */
export function backoffMs(retry: number, baseMs = 500, maxMs = 6000, retryAfterMs?: number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** (retry - 1));
  return retryAfterMs !== undefined ? Math.max(exp, Math.min(retryAfterMs, 60_000)) : exp;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function withRetry<T>(send: () => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const attempts = o.attempts ?? DEFAULT_ATTEMPTS;
  const sleep = o.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      if (!(e instanceof LanNetworkError) || attempt >= attempts) throw e;
      const wait = backoffMs(attempt, o.baseMs, o.maxMs, e.retryAfterMs);
      o.onRetry?.(attempt, wait, e);
      await sleep(wait);
    }
  }
}

/** A submit not yet acknowledged, kept in sessionStorage so a reload resends it with the same key. */
export interface Pending<B> {
  roundId: number;
  idempotencyKey: string;
  ballot: B;
}

export interface KeyStore {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  removeItem(k: string): void;
}

const pendingKey = (roundId: number) => `yst.lan.pending.${roundId}`;

export function loadPending<B>(store: KeyStore, roundId: number): Pending<B> | null {
  try {
    const raw = store.getItem(pendingKey(roundId));
    const p = raw ? (JSON.parse(raw) as Pending<B>) : null;
    return p && p.roundId === roundId && typeof p.idempotencyKey === 'string' ? p : null;
  } catch {
    return null;
  }
}

/** The pending submit of this round: the one already kept (same key, same ballot) or a new one kept now. */
export function keepPending<B>(store: KeyStore, roundId: number, ballot: B, newKey: () => string): Pending<B> {
  const kept = loadPending<B>(store, roundId);
  if (kept) return kept;
  const p: Pending<B> = { roundId, idempotencyKey: newKey(), ballot };
  store.setItem(pendingKey(roundId), JSON.stringify(p));
  return p;
}

export function clearPending(store: KeyStore, roundId: number): void {
  store.removeItem(pendingKey(roundId));
}
