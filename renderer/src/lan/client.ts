import type { CastAck, CastBallot, DeskMember, DeskSignedIn, DeskState, TerminalState } from './protocol';

/** A refusal the host gave in words (「您已投票，不能更改」): shown as it is and never retried. */
export class LanRefusal extends Error {
  override name = 'LanRefusal';
}

/** The request did not get an answer (Wi-Fi dropped, host restarting, 5xx, 429): safe to send again with the same key. */
export class LanNetworkError extends Error {
  override name = 'LanNetworkError';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The terminal's and the desk's view of the host: the sealed client and the in-memory demo share this shape. */
export interface LanClient {
  terminalState(): Promise<TerminalState>;
  cast(input: { roundId: number; idempotencyKey: string; ballot: CastBallot }): Promise<CastAck>;
  deskState(): Promise<DeskState>;
  search(query: string): Promise<DeskMember[]>;
  signIn(input: { badge?: string; membershipId?: number; idempotencyKey: string }): Promise<DeskSignedIn>;
  /** Calls back whenever the host says something changed (content-free); returns the unsubscribe. */
  onChanged(cb: () => void): () => void;
}

/** A random key for one submit, kept until the host acknowledges it (the host dedupes by it). */
export function newIdempotencyKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
