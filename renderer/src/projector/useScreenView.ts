import { useEffect, useState } from 'react';
import type { ScreenView } from '../../../shared/contract';
import { call, errorMessage, onEvent } from '../api/client';
import { applyEvent } from './live';

export interface LiveScreen {
  view: ScreenView | null;
  /** Host clock minus this machine's clock, in ms, so every screen counts down to the same second. */
  offset: number;
  /** Set while the host cannot be reached; the last view stays on screen. */
  error: string | null;
  reload: () => void;
}

/**
 * What the hall screen shows, kept live: fetched once, patched from progress events, refetched when the clerk
 * switches the screen, when a vote opens or closes, and after a reconnect (a restarted host reads the same state
 * from its database, so the screen comes back as it was).
 */
export function useScreenView(): LiveScreen {
  const [live, setLive] = useState<Omit<LiveScreen, 'reload'>>({ view: null, offset: 0, error: null });
  const [reloader, setReloader] = useState<() => void>(() => () => undefined);

  useEffect(() => {
    let alive = true;
    let current: ScreenView | null = null;
    let seq = 0;
    // Events that arrive while a fetch is in flight are applied again to its answer: the answer may predate them.
    // Payloads carry absolute counts, so applying one twice is harmless.
    let inFlight: [string, unknown][] | null = null;

    const commit = (view: ScreenView, offset?: number) => {
      current = view;
      setLive((s) => ({ view, offset: offset ?? s.offset, error: null }));
    };

    async function load() {
      const mine = ++seq;
      inFlight = [];
      const sent = Date.now();
      try {
        let view = await call('screen.view', {});
        if (!alive || mine !== seq) return;
        const received = Date.now();
        for (const [name, payload] of inFlight) {
          const patched = applyEvent(view, name, payload);
          if (patched && patched !== 'reload') view = patched;
        }
        inFlight = null;
        commit(view, Date.parse(view.serverTime) - (sent + received) / 2);
      } catch (e) {
        if (!alive || mine !== seq) return;
        inFlight = null;
        setLive((s) => ({ ...s, error: errorMessage(e) }));
      }
    }

    const off = onEvent('*', (payload, name) => {
      const outcome = applyEvent(current, name, payload);
      if (outcome === 'reload') return void load();
      inFlight?.push([name, payload]);
      if (outcome) commit(outcome);
    });
    setReloader(() => () => void load());
    void load();
    return () => {
      alive = false;
      off();
    };
  }, []);

  return { ...live, reload: reloader };
}
