import type { Meeting, MeetingStatus } from '../../../../shared/contract';

const STATUS_ORDER: Record<MeetingStatus, number> = { open: 0, preparing: 1, closed: 2 };

/** Meetings as a clerk looks for them on session day: the one in session first, then those in preparation, then closed ones; newest first within each. */
export const byUse = <M extends Pick<Meeting, 'status' | 'date' | 'id'>>(ms: readonly M[]): M[] =>
  [...ms].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.date.localeCompare(a.date) || b.id - a.id,
  );
