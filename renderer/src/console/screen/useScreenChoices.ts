import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Meeting, ProjectVote, Vote } from '../../../../shared/contract';
import { call, onEvent } from '../../api/client';
import { useApi } from '../../api/hooks';

/**
 * What the clerk can put on the screen for one meeting: its motion votes and its project-vote rounds. Lists are
 * refetched when a vote is created, opened or closed — not on every ballot cast.
 */
export function useScreenChoices(meeting: Meeting | null) {
  const meetingId = meeting?.id ?? null;
  const votes = useApi('votes.list', meetingId ? { meetingId } : null);
  const statusOf = useRef(new Map<number, string>());
  useEffect(() => {
    statusOf.current = new Map((votes.data ?? []).map((v) => [v.id, v.status]));
  }, [votes.data]);
  const reloadVotes = votes.reload;
  useEffect(() => {
    if (!meetingId) return;
    return onEvent('vote.changed', (p) => {
      if (!p || (p.meetingId === meetingId && statusOf.current.get(p.voteId) !== p.status)) void reloadVotes();
    });
  }, [meetingId, reloadVotes]);

  const [projectVotes, setProjectVotes] = useState<(ProjectVote & { listTitle: string })[]>([]);
  const bodyId = meeting?.bodyId ?? null;
  const seq = useRef(0);
  const loadProjectVotes = useCallback(async () => {
    const mine = ++seq.current;
    if (!bodyId || !meetingId) return setProjectVotes([]);
    try {
      const lists = await call('projectLists.list', { bodyId });
      const rounds = await Promise.all(
        lists.map(async (l) =>
          (await call('projectVotes.list', { listId: l.id })).map((v) => ({ ...v, listTitle: l.title })),
        ),
      );
      if (mine === seq.current) setProjectVotes(rounds.flat().filter((v) => v.meetingId === meetingId));
    } catch {
      if (mine === seq.current) setProjectVotes([]);
    }
  }, [bodyId, meetingId]);
  const pvStatus = useRef(new Map<number, string>());
  useEffect(() => {
    pvStatus.current = new Map(projectVotes.map((v) => [v.id, v.status]));
  }, [projectVotes]);
  useEffect(() => {
    void loadProjectVotes();
    const offs = [
      onEvent('projectVote.changed', (p) => {
        if (!p || (p.meetingId === meetingId && pvStatus.current.get(p.voteId) !== p.status)) void loadProjectVotes();
      }),
      onEvent('projects.changed', () => void loadProjectVotes()),
    ];
    return () => offs.forEach((off) => off());
  }, [loadProjectVotes, meetingId]);

  // 测评 rounds come from the one engine; a ballot changes only their count, so only a status change refetches.
  const polls = useApi('polls.list', meetingId ? { meetingId } : null);
  const pollStatus = useRef(new Map<number, string>());
  useEffect(() => {
    pollStatus.current = new Map((polls.data ?? []).map((r) => [r.id, r.status]));
  }, [polls.data]);
  const reloadPolls = polls.reload;
  useEffect(() => {
    if (!meetingId) return;
    return onEvent('poll.changed', (p) => {
      if (
        !p ||
        (p.meetingId === meetingId && p.kind === 'evaluation' && pollStatus.current.get(p.roundId) !== p.status)
      )
        void reloadPolls();
    });
  }, [meetingId, reloadPolls]);
  const evaluations = useMemo(() => (polls.data ?? []).filter((r) => r.kind === 'evaluation'), [polls.data]);

  return { votes: (votes.data ?? []) as Vote[], projectVotes, evaluations };
}
