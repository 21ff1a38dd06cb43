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
      return typeof p.action === 'string' && p.action.endsWith('.cast')
        ? { key: `audit:${p.action}`, status: null }
        : null;
    default:
      return null;
  }
}

interface Slot {
  status: string | null;
  pending: EventMessage | null;
  /** The tick at which what is held may go out: at least one window after this poll's last frame. */
  readyAt: number;
}

export interface Coalescer {
  push(msg: EventMessage): void;
  /** Deliver everything held now (on shutdown). */
  drain(): void;
}

/**
 * Held frames go out on one shared tick (every `windowMs` while anything is held), not on a timer per poll: the
 * poll's, its vote's and its audit list's progress then leave in the same turn, and the host writes each of 1,000
 * streams once per tick instead of once per kind (each write is a system call). A poll's window is at least
 * `windowMs` and under two: it may go out at the first tick a whole window after its last frame.
 */
export function coalescer(deliver: (msg: EventMessage) => void, windowMs = 100): Coalescer {
  const slots = new Map<string, Slot>();
  let tick = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const onTick = () => {
    timer = null;
    tick++;
    const due: EventMessage[] = [];
    for (const [key, slot] of slots) {
      if (slot.readyAt > tick) continue;
      if (slot.pending) {
        due.push(slot.pending);
        slot.pending = null;
        slot.readyAt = tick + 1;
      } else slots.delete(key);
    }
    if (slots.size) schedule();
    for (const msg of due) deliver(msg);
  };
  const schedule = () => {
    timer = setTimeout(onTick, windowMs);
    // A held poll must not keep a finished process alive.
    (timer as { unref?: () => void }).unref?.();
  };
  const open = (key: string, status: string | null) => {
    // A tick started now is a whole window away; a running one may be nearer, so wait for the one after it.
    const fresh = !timer;
    if (fresh) schedule();
    slots.set(key, { status, pending: null, readyAt: tick + (fresh ? 1 : 2) });
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
        slots.delete(k.key);
        open(k.key, k.status);
        return deliver(msg);
      }
      slot.pending = msg;
    },
    drain() {
      if (timer) clearTimeout(timer);
      timer = null;
      const held = [...slots.values()].map((s) => s.pending).filter((m): m is EventMessage => !!m);
      slots.clear();
      for (const msg of held) deliver(msg);
    },
  };
}
