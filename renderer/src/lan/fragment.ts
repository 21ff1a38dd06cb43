/**
 * The slip's link carries the credential and the host's public key in the fragment (…/t/#c=…&k=…), which the
 * browser never sends. The page keeps them in sessionStorage (a reload keeps working, closing the tab forgets
 * them) and takes them out of the address bar, so a glance at the screen or a shared screenshot shows no secret.
 */
export interface LanLink {
  credential: string;
  hostKey: string;
}

const STORE = 'yst.lan.link';

export function parseFragment(hash: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const k = i < 0 ? part : part.slice(0, i);
    try {
      out[decodeURIComponent(k)] = i < 0 ? '' : decodeURIComponent(part.slice(i + 1));
    } catch {
      /* a malformed escape is not ours */
    }
  }
  return out;
}

/** The link of this tab: from the fragment (kept, then cleared from the address bar), else as kept before. */
export function takeLink(scope: 'terminal' | 'desk'): LanLink | { demo: string } | null {
  const f = parseFragment(window.location.hash);
  const key = `${STORE}.${scope}`;
  if (f.c && f.k) {
    sessionStorage.setItem(key, JSON.stringify({ credential: f.c, hostKey: f.k }));
    sessionStorage.removeItem(`${key}.demo`);
  } else if (f.demo) {
    sessionStorage.setItem(`${key}.demo`, f.demo);
  }
  if (window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
  const demo = sessionStorage.getItem(`${key}.demo`);
  if (demo) return { demo };
  try {
    const kept = JSON.parse(sessionStorage.getItem(key) ?? 'null') as LanLink | null;
    return kept?.credential && kept.hostKey ? kept : null;
  } catch {
    return null;
  }
}
