import type { ScreenView } from '../../../../shared/contract';

/**
 * N in 投影: the agenda item after the one the hall sees. That is the screen's own agenda item, or — when a vote is
 * on screen, whose record names no item — the vote's item (view.currentItem); the first item when none is shown.
 * Returns null after the last item.
 */
export function nextAgendaItem<T extends { id: number; position: number }>(
  agenda: T[],
  view: ScreenView | null,
  meetingId: number,
): T | null {
  const ordered = [...agenda].sort((a, b) => a.position - b.position);
  const onScreen =
    view && view.state.meetingId === meetingId ? (view.state.agendaItemId ?? view.currentItem?.id ?? null) : null;
  const i = ordered.findIndex((a) => a.id === onScreen);
  return (i < 0 ? ordered[0] : ordered[i + 1]) ?? null;
}
