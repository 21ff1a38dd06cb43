import { Button, Empty, Space } from 'antd';
import type { Attendance, Meeting } from '../../../../shared/contract';
import { EvaluationCard } from '../evaluations/EvaluationCard';
import { MotionVotes } from './MotionVotes';
import { ProjectVoteItem } from './ProjectVoteItem';
import { POLL_KINDS, ofItem, useMeetingPolls } from './useMeetingPolls';

/**
 * 表决: in agenda order, one card per 表决事项 with its rounds, and one per 民生实事票决 with its rounds and links into
 * the 票决 area; refreshed live on every vote event.
 */
export function VotesPanel({
  meeting,
  attendance,
  onAgenda,
}: {
  meeting: Meeting;
  attendance: Attendance | undefined;
  onAgenda: () => void;
}) {
  const polls = useMeetingPolls(meeting);
  const items = meeting.agenda.filter((a) => POLL_KINDS.has(a.kind));

  if (items.length === 0) {
    return (
      <Empty description="议程中还没有表决事项、民生实事票决或满意度测评">
        <Button onClick={onAgenda}>去添加议程</Button>
      </Empty>
    );
  }
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {polls.error && <div style={{ color: '#c00' }}>{polls.error}</div>}
      {meeting.status === 'preparing' && <div className="muted">可以先安排表决；宣布开会后才能开始表决。</div>}
      {items.map((item) =>
        item.kind === 'motion' ? (
          <MotionVotes
            key={item.id}
            meeting={meeting}
            item={item}
            rounds={ofItem(polls.votes, item.id)}
            attendance={attendance}
          />
        ) : item.kind === 'evaluation' ? (
          <EvaluationCard
            key={item.id}
            meeting={meeting}
            item={item}
            rounds={ofItem(polls.evaluations, item.id)}
            attendance={attendance}
          />
        ) : (
          <ProjectVoteItem key={item.id} item={item} rounds={ofItem(polls.rounds, item.id)} polls={polls} />
        ),
      )}
    </Space>
  );
}
