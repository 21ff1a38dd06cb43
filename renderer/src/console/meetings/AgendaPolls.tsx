import { Tag } from 'antd';
import {
  projectVoteStatusLabels,
  voteStatusLabels,
  type AgendaItem,
  type Meeting,
  type Vote,
} from '../../../../shared/contract';
import { EVAL_STATUS_COLORS, evaluationProgress } from '../evaluations/common';
import { roundProgress } from '../projects/common';
import { ROUND_STATUS_COLORS, roundTitle } from '../projects/RoundsPanel';
import { href, listPath, meetingPath } from '../routes';
import { ofItem, type MeetingPolls } from './useMeetingPolls';

const VOTE_COLORS: Record<Vote['status'], string> = { pending: 'default', open: 'processing', closed: 'success' };

function voteOutcome(v: Vote): string {
  if (v.result) return v.result.passed ? '通过' : '未通过';
  if (v.status === 'open' && v.mode === 'electronic')
    return `${voteStatusLabels.open}（已投 ${v.cast} / ${v.eligible}）`;
  return voteStatusLabels[v.status];
}

/**
 * Under an agenda item, what it has been put to: each round of a 表决事项 (to the meeting's 表决 tab), of a
 * 民生实事票决 (to its round in the 票决 area), or of a 测评 (to the 表决 tab). Other kinds of item show nothing.
 */
export function AgendaPolls({ meeting, item, polls }: { meeting: Meeting; item: AgendaItem; polls: MeetingPolls }) {
  const votesTab = href(meetingPath(meeting.id, 'votes'));
  // Per kind of item: its rounds, and each round as a tag with where it leads.
  const tags =
    item.kind === 'motion'
      ? {
          none: '尚未安排表决',
          rounds: ofItem(polls.votes, item.id).map((v) => ({
            id: v.id,
            to: votesTab,
            title: undefined,
            color: VOTE_COLORS[v.status],
            text: `第${v.round}轮表决：${voteOutcome(v)}`,
          })),
        }
      : item.kind === 'project_vote'
        ? {
            none: '尚未安排票决',
            rounds: ofItem(polls.rounds, item.id).map((v) => ({
              id: v.id,
              to: href(listPath(v.listId, 'rounds')),
              title: polls.lists.get(v.listId)?.title,
              color: ROUND_STATUS_COLORS[v.status],
              text: `票决${roundTitle(v)}：${projectVoteStatusLabels[v.status]}${v.status === 'pending' ? '' : `，${roundProgress(v)}`}`,
            })),
          }
        : item.kind === 'evaluation'
          ? {
              none: '尚未安排测评',
              rounds: ofItem(polls.evaluations, item.id).map((r) => ({
                id: r.id,
                to: votesTab,
                title: undefined,
                color: EVAL_STATUS_COLORS[r.status],
                text: `第${r.round}轮测评：${evaluationProgress(r)}`,
              })),
            }
          : null;
  if (!tags) return null;
  return (
    <div className="agenda-polls" data-testid={`agenda-polls-${item.position}`}>
      {tags.rounds.length === 0 ? (
        <a href={votesTab} className="muted">
          {tags.none}
        </a>
      ) : (
        tags.rounds.map((t) => (
          <a key={t.id} href={t.to} title={t.title}>
            <Tag color={t.color}>{t.text}</Tag>
          </a>
        ))
      )}
    </div>
  );
}
