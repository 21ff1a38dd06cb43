/**
 * The host's content-free pings (GET /lan/events: `{ t: 'changed' }`): each one makes the page refetch its state.
 * Where the stream cannot be held (a proxy, a WebView that drops it, the host restarting) the page polls every few
 * seconds until the stream is open again; and it refetches whenever the stream (re)opens, for pings it missed.
 */
export function watchChanges(onChanged: () => void, o: { url?: string; pollMs?: number } = {}): () => void {
  const pollMs = o.pollMs ?? 4000;
  let timer: ReturnType<typeof setInterval> | null = null;
  const startPolling = () => {
    if (!timer) timer = setInterval(onChanged, pollMs);
  };
  const stopPolling = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  let es: EventSource | null = null;
  if (typeof EventSource === 'function') {
    es = new EventSource(o.url ?? '/lan/events');
    es.onopen = () => {
      stopPolling();
      onChanged();
    };
    es.onmessage = () => onChanged();
    // EventSource reconnects by itself while the host answers; meanwhile, and if it gives up (CLOSED), poll.
    es.onerror = () => startPolling();
  } else {
    startPolling();
  }
  return () => {
    stopPolling();
    es?.close();
  };
}
