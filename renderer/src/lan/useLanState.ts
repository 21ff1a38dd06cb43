import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { LanNetworkError, type LanClient } from './client';

/**
 * The page's state from the host, read again on every change ping: `offline` while the host cannot be reached
 * (the page keeps what it last had), `error` when the host refuses (a revoked credential, a closed meeting).
 */
export function useLanState<S>(
  client: LanClient,
  read: (c: LanClient) => Promise<S>,
): {
  state: S | null;
  setState: Dispatch<SetStateAction<S | null>>;
  error: string | null;
  offline: boolean;
  load: () => Promise<void>;
} {
  const [state, setState] = useState<S | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  // `read` is a module-level function in each page, so it never changes between renders.
  const load = useCallback(async () => {
    try {
      setState(await read(client));
      setError(null);
      setOffline(false);
    } catch (e) {
      if (e instanceof LanNetworkError) setOffline(true);
      else setError(e instanceof Error ? e.message : String(e));
    }
  }, [client, read]);
  useEffect(() => {
    void load();
    return client.onChanged(() => void load());
  }, [client, load]);
  return { state, setState, error, offline, load };
}
