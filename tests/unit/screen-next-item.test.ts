import { describe, expect, it } from 'vitest';
import type { ScreenView } from '../../shared/contract';
import { nextAgendaItem } from '../../renderer/src/console/screen/nextItem';

/** N in 投影 goes forward from what the hall sees — also when that is a vote, whose screen record names no item. */
const agenda = [
  { id: 30, position: 3, title: '票决民生实事项目' },
  { id: 10, position: 1, title: '听取报告' },
  { id: 20, position: 2, title: '表决决议' },
];
const screen = (state: Partial<ScreenView['state']>, currentItem: ScreenView['currentItem'] = null) =>
  ({
    state: {
      mode: 'meeting',
      meetingId: 1,
      agendaItemId: null,
      voteId: null,
      projectVoteId: null,
      message: null,
      countdownEndsAt: null,
      revealed: false,
      updatedAt: '',
      ...state,
    },
    currentItem,
  }) as ScreenView;

describe('nextAgendaItem', () => {
  it('goes in agenda order from the item on screen', () => {
    expect(nextAgendaItem(agenda, screen({ agendaItemId: 10 }), 1)?.id).toBe(20);
    expect(nextAgendaItem(agenda, screen({ agendaItemId: 20 }), 1)?.id).toBe(30);
    expect(nextAgendaItem(agenda, screen({ agendaItemId: 30 }), 1)).toBeNull();
  });

  it('continues from the agenda item of the vote on screen (it used to jump back to 议程一)', () => {
    const vote = screen({ mode: 'vote', voteId: 7 }, { id: 20, position: 2, title: '表决决议' });
    expect(nextAgendaItem(agenda, vote, 1)?.id).toBe(30);
  });

  it('starts at the first item when the screen shows nothing of this meeting', () => {
    expect(nextAgendaItem(agenda, screen({ mode: 'message', meetingId: null }), 1)?.id).toBe(10);
    expect(nextAgendaItem(agenda, screen({ agendaItemId: 20, meetingId: 2 }), 1)?.id).toBe(10);
    expect(nextAgendaItem(agenda, null, 1)?.id).toBe(10);
  });
});
