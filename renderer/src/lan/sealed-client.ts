import type {
  LAN_API_PATH as API_PATH,
  LAN_EVENTS_PATH as EVENTS_PATH,
  LanAudience,
  LanMethodName,
  LanOutput,
  LanReply,
} from '../../../shared/contract/lan-api';
import { sealSession, type SealSession, type SealedReply } from '../../../shared/lan/seal';
import { LanNetworkError, LanRefusal, type LanClient } from './client';
import { watchChanges } from './events';
import type { LanLink } from './fragment';

// Typed by the contract's constants but not imported as values: lan-api.ts brings zod, 100 KB a phone does not need.
const LAN_API_PATH: typeof API_PATH = '/lan/api/';
const LAN_EVENTS_PATH: typeof EVENTS_PATH = '/lan/events';

/** How long one request may take before it counts as lost (a phone walking out of the Wi-Fi hangs, not fails). */
const TIMEOUT_MS = 10_000;

export interface Transport {
  (
    url: string,
    init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
  ): Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;
}

/** The page's one key pair per host (sealSession): made at its first request, forgotten when the page closes. */
const sessions = new Map<string, SealSession>();
function sessionFor(hostKey: string): SealSession {
  let s = sessions.get(hostKey);
  if (!s) sessions.set(hostKey, (s = sealSession(hostKey)));
  return s;
}

/**
 * The host over the hall's Wi-Fi: every request is sealed to the host's key with the credential inside
 * (shared/lan/seal.ts, tweetnacl — a plain-http page has no WebCrypto), and so is every reply, errors included.
 * A lost or unverifiable answer is a LanNetworkError (the caller may resend with the same key); a refusal the host
 * sealed is a LanRefusal with its Chinese words.
 */
export function sealedCall<M extends LanMethodName>(
  link: LanLink,
  method: M,
  input: unknown,
  transport: Transport = fetch as unknown as Transport,
): Promise<LanOutput<M>> {
  const { body, openReply } = sessionFor(link.hostKey).seal({ credential: link.credential, input });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  return (async () => {
    let res;
    let text: string;
    try {
      res = await transport(LAN_API_PATH + method, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: abort.signal,
      });
      text = await res.text();
    } catch {
      throw new LanNetworkError('网络中断');
    } finally {
      clearTimeout(timer);
    }
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* a plain answer */
    }
    const sealed = json as Partial<SealedReply> | null;
    if (sealed && typeof sealed.box === 'string') {
      const reply = openReply(sealed as SealedReply) as LanReply<M> | undefined;
      if (!reply) throw new LanNetworkError('主机的答复无法验证');
      if (!reply.ok) throw new LanRefusal(reply.message);
      return reply.data;
    }
    // Plain answers (400, 429) carry Chinese text, or JSON with a message.
    const plain =
      (json as { message?: string } | null)?.message ??
      (json === null && text.trim() ? text.trim().slice(0, 200) : undefined);
    if (res.status === 429) {
      const after = Number(res.headers.get('retry-after'));
      throw new LanNetworkError(
        plain ?? '尝试过于频繁，请稍后再试',
        Number.isFinite(after) && after > 0 ? after * 1000 : undefined,
      );
    }
    if (res.status >= 500) throw new LanNetworkError('会场主机暂时无法应答');
    if (res.status === 404) throw new LanRefusal('会场主机未开启代表终端服务，请联系会务工作人员');
    throw new LanRefusal(plain ?? '请求无法解读，请重新扫描二维码');
  })();
}

/** `audience`: which pings the page follows (a terminal's or a desk's, LAN_EVENTS_PATH). */
export function sealedClient(link: LanLink, audience: LanAudience, transport?: Transport): LanClient {
  const call = <M extends LanMethodName>(m: M, input: unknown) => sealedCall(link, m, input, transport);
  return {
    terminalState: () => call('terminal.state', {}),
    cast: (input) => call('terminal.cast', input),
    deskState: () => call('desk.state', {}),
    search: (query) => call('desk.search', { query }),
    signIn: (input) => call('desk.signIn', input),
    onChanged: (cb) => watchChanges(cb, { url: `${LAN_EVENTS_PATH}?for=${audience}` }),
  };
}
