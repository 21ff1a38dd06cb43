import { useSyncExternalStore, type ReactNode } from 'react';

/**
 * The toast for rapid actions — a scanner signs in a deputy a second, a clerk keys votes in a row. Each one
 * replaces the last and goes after a few seconds. It is plain state rather than antd's message, whose notices
 * can stay stuck on screen when they are replaced during their enter animation.
 */
export type FlashType = 'success' | 'error' | 'warning';
export interface Flash {
  id: number;
  type: FlashType;
  content: ReactNode;
}

let current: Flash | null = null;
let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function flash(type: FlashType, content: ReactNode): void {
  current = { id: ++seq, type, content };
  clearTimeout(timer);
  timer = setTimeout(
    () => {
      current = null;
      emit();
    },
    type === 'error' ? 5000 : 2500,
  );
  emit();
}

export function useFlash(): Flash | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
