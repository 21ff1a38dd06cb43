import { describe, expect, it } from 'vitest';
import type { ScreenView } from '../../shared/contract';
import { absentOf, applyEvent, remaining } from '../../renderer/src/projector/live';

/** The hall screen patches itself from progress events and refetches only when it must (see renderer/src/projector/live.ts). */

function view(over: Partial<ScreenView> = {}): ScreenView {
  return {
    state: {
      mode: 'vote',
      meetingId: 1,
      agendaItemId: 2,
      voteId: 7,
      projectVoteId: null,
      roundId: 7,
      message: null,
      countdownEndsAt: null,
      revealed: false,
      updatedAt: '2027-01-20T01:00:00.000Z',
    },
    meeting: {
      id: 1,
      title: '鱼嘴镇季会',
      session: null,
      bodyName: '鱼嘴镇人民代表大会',
      date: '2027-01-20',
      venue: null,
      status: 'open',
      agenda: [],
    },
    currentItem: null,
    attendance: {
      expected: 90,
      present: 60,
      leave: 2,
      absent: 0,
      pending: 28,
      left: 0,
      noun: '代表',
      quorum: { expected: 90, present: 60, required: 60, met: true, text: '', basis: '' },
    },
    vote: {
      id: 7,
      title: '决议',
      round: 1,
      mode: 'electronic',
      secrecy: 'secret',
      status: 'open',
      cast: 3,
      eligible: 61,
      result: null,
      announcement: null,
    },
    projectVote: null,
    evaluation: null,
    serverTime: '2027-01-20T01:00:00.000Z',
    ...over,
  };
}

describe('applyEvent', () => {
  it('refetches when the clerk switches the screen or after a reconnect', () => {
    expect(applyEvent(view(), 'screen.changed', { mode: 'blank', updatedAt: '' })).toBe('reload');
    expect(applyEvent(null, 'reconnected', undefined)).toBe('reload');
  });

  it('patches 已投 from vote.changed of the vote on screen, without a refetch', () => {
    const v = applyEvent(view(), 'vote.changed', { voteId: 7, meetingId: 1, status: 'open', cast: 4, eligible: 61 });
    expect(v).not.toBe('reload');
    expect((v as ScreenView).vote).toMatchObject({ cast: 4, eligible: 61, result: null });
  });

  it('ignores other votes, and refetches when the vote on screen opens or closes', () => {
    expect(
      applyEvent(view(), 'vote.changed', { voteId: 8, meetingId: 1, status: 'open', cast: 1, eligible: 61 }),
    ).toBeNull();
    expect(
      applyEvent(view(), 'vote.changed', { voteId: 7, meetingId: 1, status: 'closed', cast: 3, eligible: 61 }),
    ).toBe('reload');
  });

  it('patches 实到 and recomputes the quorum from the frozen threshold', () => {
    // Exactly two thirds of 90 is 60: met at 60, not at 59.
    const below = applyEvent(view(), 'attendance.changed', { meetingId: 1, present: 59, expected: 90 }) as ScreenView;
    expect(below.attendance).toMatchObject({ present: 59, quorum: { met: false, present: 59 } });
    const again = applyEvent(below, 'attendance.changed', { meetingId: 1, present: 60, expected: 90 }) as ScreenView;
    expect(again.attendance?.quorum.met).toBe(true);
    expect(absentOf(again.attendance!)).toBe(28);
  });

  it('refetches when 实到 did not change (someone went on leave) or 应到 changed; ignores other meetings', () => {
    expect(applyEvent(view(), 'attendance.changed', { meetingId: 1, present: 60, expected: 90 })).toBe('reload');
    expect(applyEvent(view(), 'attendance.changed', { meetingId: 1, present: 61, expected: 91 })).toBe('reload');
    expect(applyEvent(view(), 'attendance.changed', { meetingId: 2, present: 1, expected: 45 })).toBeNull();
  });

  it('patches 收回 of the project vote on screen', () => {
    const pv = {
      id: 3,
      listTitle: '民生实事',
      style: 'choose' as const,
      mode: 'electronic' as const,
      round: 1,
      seats: 5,
      status: 'open' as const,
      returned: 10,
      present: 60,
      result: null,
      names: {},
      announcement: null,
    };
    const v = applyEvent(view({ projectVote: pv }), 'projectVote.changed', {
      voteId: 3,
      listId: 1,
      meetingId: 1,
      status: 'open',
      returned: 11,
      eligible: 60,
    }) as ScreenView;
    expect(v.projectVote?.returned).toBe(11);
    expect(
      applyEvent(view({ projectVote: pv }), 'projectVote.changed', {
        voteId: 3,
        listId: 1,
        meetingId: 1,
        status: 'counting',
        returned: 11,
        eligible: 60,
      }),
    ).toBe('reload');
  });
});

describe('remaining', () => {
  it('counts down in mm:ss by the given clock, and stops at zero', () => {
    const end = '2027-01-20T01:10:00.000Z';
    expect(remaining(end, Date.parse('2027-01-20T01:00:00.000Z'))?.text).toBe('10:00');
    expect(remaining(end, Date.parse('2027-01-20T01:09:58.500Z'))?.text).toBe('00:02');
    expect(remaining(end, Date.parse('2027-01-20T02:00:00.000Z'))).toEqual({ seconds: 0, text: '00:00' });
    expect(remaining(null, 0)).toBeNull();
  });
});
