import type { EventPayload, ScreenView } from '../../../shared/contract';

/**
 * How a domain event changes what the hall screen shows, as a pure function.
 *
 * A hall may have a thousand screens and terminals listening; if each refetched `screen.view` on every vote cast or
 * sign-in, one change would cost the host a thousand queries. Progress events carry absolute counts (已投 X, 实到 Y),
 * so a screen showing that vote or meeting patches itself from the payload, and refetches only when the status
 * changes (a vote opens or closes), when the clerk switches the screen, or after a reconnect.
 *
 * Returns the patched view, 'reload' (fetch screen.view again), or null (the event is not about what is shown).
 */
export type LiveOutcome = ScreenView | 'reload' | null;

export function applyEvent(view: ScreenView | null, name: string, payload: unknown): LiveOutcome {
  if (name === 'reconnected' || name === 'screen.changed') return 'reload';
  if (!view) return null;
  switch (name) {
    case 'meeting.changed': {
      const p = payload as EventPayload<'meeting.changed'>;
      // Title, agenda or status edited: rare, so simply refetch.
      return view.meeting?.id === p.meetingId ? 'reload' : null;
    }
    case 'attendance.changed': {
      const p = payload as EventPayload<'attendance.changed'> & { leave?: number };
      const a = view.attendance;
      if (!a || view.meeting?.id !== p.meetingId) return null;
      // A member added or ended changes 应到 and the quorum threshold: refetch.
      if (p.expected !== a.expected) return 'reload';
      const leave = typeof p.leave === 'number' ? p.leave : a.leave;
      // Same 实到 means someone moved between 未签到, 请假 and 缺席, which the payload does not say: refetch.
      if (p.present === a.present && leave === a.leave) return typeof p.leave === 'number' ? null : 'reload';
      const met = p.expected > 0 && p.present >= a.quorum.required;
      return {
        ...view,
        attendance: { ...a, present: p.present, leave, quorum: { ...a.quorum, present: p.present, met } },
      };
    }
    case 'vote.changed': {
      const p = payload as EventPayload<'vote.changed'>;
      const v = view.vote;
      if (!v || v.id !== p.voteId) return null;
      // Opened or closed: the frozen 应投 or (after 公布) the result must come from the host.
      if (p.status !== v.status) return 'reload';
      if (p.cast === v.cast && p.eligible === v.eligible) return null;
      return { ...view, vote: { ...v, cast: p.cast, eligible: p.eligible } };
    }
    case 'projectVote.changed': {
      const p = payload as EventPayload<'projectVote.changed'>;
      const v = view.projectVote;
      if (!v || v.id !== p.voteId) return null;
      if (p.status !== v.status) return 'reload';
      if (p.returned === v.returned && p.eligible === v.present) return null;
      return { ...view, projectVote: { ...v, returned: p.returned, present: p.eligible } };
    }
    case 'poll.changed': {
      // A 测评 round: a status change reloads (the result comes only from the host, after 公布); a ballot patches 已投.
      const p = payload as EventPayload<'poll.changed'>;
      const v = view.evaluation;
      if (!v || v.id !== p.roundId) return null;
      if (p.status !== v.status) return 'reload';
      if (p.returned === v.returned && p.eligible === v.present) return null;
      return { ...view, evaluation: { ...v, returned: p.returned, present: p.eligible } };
    }
    default:
      return null;
  }
}

/** 缺席 on the screen: everyone expected who is neither present nor on leave (including those not yet signed in). */
export function absentOf(a: { expected: number; present: number; leave: number }): number {
  return Math.max(0, a.expected - a.present - a.leave);
}

/** mm:ss (or h:mm:ss) left until `endsAt`, by the host's clock; null when there is no countdown. */
export function remaining(endsAt: string | null, now: number): { seconds: number; text: string } | null {
  if (!endsAt) return null;
  const seconds = Math.max(0, Math.ceil((Date.parse(endsAt) - now) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { seconds, text: h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}` };
}
