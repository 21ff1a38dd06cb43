import { useEffect, useMemo } from 'react';
import type { AgendaKind, Meeting, ProjectList, ProjectVote, Vote } from '../../../../shared/contract';
import type { PollRound } from '../../../../shared/contract/poll-types';
import { onEvent } from '../../api/client';
import { useApi } from '../../api/hooks';

/** Agenda kinds put to a vote, shown on the meeting's 表决 tab. */
export const POLL_KINDS: ReadonlySet<AgendaKind> = new Set<AgendaKind>(['motion', 'project_vote', 'evaluation']);

export interface MeetingPolls {
  /** Motion votes, every round. */
  votes: Vote[];
  /** 票决 rounds held under this meeting's agenda items, every round. */
  rounds: ProjectVote[];
  /** The body's candidate lists by id (for their titles). */
  lists: Map<number, ProjectList>;
  /** The body's lists still open to change (no round opened yet): where a 票决 item without a round is scheduled. */
  openLists: ProjectList[];
  /** 测评 rounds of the one engine, every round. */
  evaluations: PollRound[];
  error: string | null;
}

/**
 * Everything put to a vote in one meeting: the motion votes and the 票决 rounds. A ballot changes only the count
 * of its round (patched from the event, no refetch per ballot); a change of status or a round not seen yet refetches.
 */
export function useMeetingPolls(meeting: Meeting): MeetingPolls {
  const votes = useApi('votes.list', { meetingId: meeting.id }, ['vote.changed', 'meeting.changed']);
  const rounds = useApi('projectVotes.list', { meetingId: meeting.id }, ['meeting.changed']);
  const lists = useApi('projectLists.list', { bodyId: meeting.bodyId }, ['projects.changed']);
  const polls = useApi('polls.list', { meetingId: meeting.id }, ['meeting.changed']);
  const patchPolls = polls.patch;
  useEffect(
    () =>
      onEvent('poll.changed', (p) => {
        if (p && (p.meetingId !== meeting.id || p.kind !== 'evaluation')) return;
        patchPolls((all) => {
          const known = p && all.find((r) => r.id === p.roundId);
          if (!p || !known || known.status !== p.status) return 'reload';
          return all.map((r) => (r.id === p.roundId ? { ...r, returned: p.returned } : r));
        });
      }),
    [meeting.id, patchPolls],
  );
  const { patch } = rounds;
  useEffect(
    () =>
      onEvent('projectVote.changed', (p) => {
        if (p && p.meetingId !== meeting.id) return;
        patch((all) => {
          const known = p && all.find((v) => v.id === p.voteId);
          if (!p || !known || known.status !== p.status) return 'reload';
          return all.map((v) => (v.id === p.voteId ? { ...v, returned: p.returned } : v));
        });
      }),
    [meeting.id, patch],
  );
  return useMemo(() => {
    const all = lists.data ?? [];
    return {
      votes: votes.data ?? [],
      rounds: rounds.data ?? [],
      lists: new Map(all.map((l) => [l.id, l])),
      openLists: all.filter((l) => !l.locked),
      evaluations: (polls.data ?? []).filter((r) => r.kind === 'evaluation'),
      error: votes.error ?? rounds.error ?? lists.error ?? polls.error,
    };
  }, [votes.data, votes.error, rounds.data, rounds.error, lists.data, lists.error, polls.data, polls.error]);
}

/** Rounds (or votes) of one agenda item, oldest first. */
export function ofItem<T extends { agendaItemId: number; round: number }>(polls: T[], itemId: number): T[] {
  return polls.filter((p) => p.agendaItemId === itemId).sort((a, b) => a.round - b.round);
}
