import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventName, Input, MethodName, Output } from '../../../shared/contract';
import { call, errorMessage, onEvent } from './client';

/**
 * Fetch a method's result and refetch whenever one of the given events arrives (nobody polls).
 * `input` null means "not yet": nothing is fetched.
 */
export function useApi<M extends MethodName>(method: M, input: Input<M> | null, refreshOn: EventName[] = []) {
  const [data, setData] = useState<Output<M> | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const key = input === null ? null : JSON.stringify(input);
  const seq = useRef(0);
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    if (key === null) return;
    const mine = ++seq.current;
    inFlight.current = true;
    setLoading(true);
    try {
      const result = await call(method, JSON.parse(key) as Input<M>);
      if (mine === seq.current) {
        setData(result);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError(errorMessage(e));
    } finally {
      if (mine === seq.current) {
        inFlight.current = false;
        setLoading(false);
      }
    }
  }, [method, key]);

  useEffect(() => {
    setData(undefined);
    void load();
  }, [load]);

  const events = refreshOn.join(',');
  useEffect(() => {
    if (!events) return;
    const offs = events.split(',').map((e) => onEvent(e as EventName, () => void load()));
    return () => offs.forEach((off) => off());
  }, [events, load]);

  /**
   * Change the data in place from an event's payload instead of refetching; `fn` returns 'reload' when the payload
   * is not enough. A fetch still under way may have read the data before the change, so it is fetched again.
   */
  const patch = useCallback(
    (fn: (d: Output<M>) => Output<M> | 'reload') => {
      let again = inFlight.current;
      setData((d) => {
        if (d === undefined) return d;
        const next = fn(d);
        if (next !== 'reload') return next;
        again = true;
        return d;
      });
      if (again) void load();
    },
    [load],
  );

  return { data, error, loading, reload: load, patch };
}
