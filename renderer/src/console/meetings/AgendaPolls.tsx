import { Tag } from 'antd';
import { projectVoteStatusLabels, voteStatusLabels, type AgendaItem, type Meeting, type Vote } from '../../../../shared/contract';
import { EVAL_STATUS_COLORS, evaluationProgress } from '../evaluations/common';
import { roundProgress } from '../projects/common';
import { ROUND_STATUS_COLORS, roundTitle } from '../projects/RoundsPanel';
import { href, listPath, meetingPath } from '../routes';
import { ofItem, type MeetingPolls } from './useMeetingPolls';

const VOTE_COLORS: Record<Vote['status'], string> = { pending: 'default', open: 'processing', closed: 'success' };

function voteOutcome(v: Vote): string {
  if (v.result) return v.result.passed ? '通过' : '未通过';
  if (v.status === 'open' && v.mode === 'electronic') return `${voteStatusLabels.open}（已投 ${v.cast} / ${v.eligible}）`;
  return voteStatusLabels[v.status];
}

/**
 * Under an agenda item, what it has been put to: each round of a 表决事项 (to the meeting's 表决 tab) or of a
 * 民生实事票决 (to its round in the 票决 area). Other kinds of item are not voted on and show nothing.
 */
export function AgendaPolls({ meeting, item, polls }: { meeting: Meeting; item: AgendaItem; polls: MeetingPolls }) {
  const votesTab = href(meetingPath(meeting.id, 'votes'));
  if (item.kind === 'motion') {
    const rounds = ofItem(polls.votes, item.id);
    return (
      <div className="agenda-polls" data-testid={`agenda-polls-${item.position}`}>
        {rounds.length === 0 ? (
          <a href={votesTab} className="muted">尚未安排表决</a>
        ) : (
          rounds.map((v) => (
            <a key={v.id} href={votesTab}>
              <Tag color={VOTE_COLORS[v.status]}>第{v.round}轮表决：{voteOutcome(v)}</Tag>
            </a>
          ))
        )}
      </div>
    );
  }
  if (item.kind === 'project_vote') {
    const rounds = ofItem(polls.rounds, item.id);
    return (
      <div className="agenda-polls" data-testid={`agenda-polls-${item.position}`}>
        {rounds.length === 0 ? (
          <a href={votesTab} className="muted">尚未安排票决</a>
        ) : (
          rounds.map((v) => (
            <a key={v.id} href={href(listPath(v.listId, 'rounds'))} title={polls.lists.get(v.listId)?.title}>
              <Tag color={ROUND_STATUS_COLORS[v.status]}>票决{roundTitle(v)}：{projectVoteStatusLabels[v.status]}{v.status === 'pending' ? '' : `，${roundProgress(v)}`}</Tag>
            </a>
          ))
        )}
      </div>
    );
  }
  if (item.kind === 'evaluation') {
    const rounds = ofItem(polls.evaluations, item.id);
    return (
      <div className="agenda-polls" data-testid={`agenda-polls-${item.position}`}>
        {rounds.length === 0 ? (
          <a href={votesTab} className="muted">尚未安排测评</a>
        ) : (
          rounds.map((r) => (
            <a key={r.id} href={votesTab}>
              <Tag color={EVAL_STATUS_COLORS[r.status]}>第{r.round}轮测评：{evaluationProgress(r)}</Tag>
            </a>
          ))
        )}
      </div>
    );
  }
  return null;
}
