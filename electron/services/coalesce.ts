import type { EventMessage } from '../../shared/contract';

/**
 * Progress events coalesced for screens: at most one per poll every `windowMs` (100 ms), so 3,376 casts in a second
 * reach 1,000 screens as about ten frames each, not 3.4 million. The first event of a quiet poll goes out at once;
 * later ones within the window are held, each replacing the last, and the newest goes out when the window ends —
 * the last state is always delivered. A change of status (opened, stopped, closed) is never held: it goes out at
 * once and replaces any progress held for that poll. Events that are not progress pass straight through.
 *
 * The cast entries of the audit log (audit.appended of *.cast) are coalesced the same way: a console only refetches
 * its list on them. attendance.changed is not coalesced here (sign-ins come tens per second, not thousands).
 */

/** The coalescing key of a message, and its status (a change of status is delivered at once); null: not coalesced. */
export function progressKey(msg: EventMessage): { key: string; status: string | null } | null {
  const p = msg.payload as Record<string, unknown>;
  switch (msg.name) {
    case 'poll.changed':
      return { key: `poll:${String(p.roundId)}`, status: String(p.status) };
    case 'vote.changed':
      return { key: `vote:${String(p.voteId)}`, status: String(p.status) };
    case 'projectVote.changed':
      return { key: `projectVote:${String(p.voteId)}`, status: String(p.status) };
    case 'audit.appended':
      return typeof p.action === 'string' && p.action.endsWith('.cast') ? { key: `audit:${p.action}`, status: null } : null;
    default:
      return null;
  }
}

interface Slot {
  status: string | null;
  pending: EventMessage | null;
  timer: ReturnType<typeof setTimeout>;
}

export interface Coalescer {
  push(msg: EventMessage): void;
  /** Deliver everything held now (on shutdown). */
  drain(): void;
}

export function coalescer(deliver: (msg: EventMessage) => void, windowMs = 100): Coalescer {
  const slots = new Map<string, Slot>();
  const open = (key: string, status: string | null): Slot => {
    const slot: Slot = { status, pending: null, timer: setTimeout(() => close(key), windowMs) };
    // A held poll must not keep a finished process alive.
    (slot.timer as { unref?: () => void }).unref?.();
    slots.set(key, slot);
    return slot;
  };
  // The window ends: send what is held and start another window, or forget the poll until its next event.
  const close = (key: string) => {
    const slot = slots.get(key);
    if (!slot) return;
    slots.delete(key);
    if (slot.pending) {
      const msg = slot.pending;
      open(key, slot.status);
      deliver(msg);
    }
  };
  return {
    push(msg) {
      const k = progressKey(msg);
      if (!k) return deliver(msg);
      const slot = slots.get(k.key);
      if (!slot) {
        open(k.key, k.status);
        return deliver(msg);
      }
      if (k.status !== slot.status) {
        // A new status is news, not progress: now, and nothing older held after it.
        clearTimeout(slot.timer);
        slots.delete(k.key);
        open(k.key, k.status);
        return deliver(msg);
      }
      slot.pending = msg;
    },
    drain() {
      for (const [key, slot] of [...slots]) {
        clearTimeout(slot.timer);
        slots.delete(key);
        if (slot.pending) deliver(slot.pending);
      }
    },
  };
}
