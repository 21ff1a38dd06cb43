import { Button, Empty, Space } from 'antd';
import type { Attendance, Meeting } from '../../../../shared/contract';
import { useApi } from '../../api/hooks';
import { MotionVotes } from './MotionVotes';

/** 表决: one card per 表决事项 on the agenda, with its rounds; refreshed live on every vote event. */
export function VotesPanel({ meeting, attendance, onAgenda }: { meeting: Meeting; attendance: Attendance | undefined; onAgenda: () => void }) {
  const votes = useApi('votes.list', { meetingId: meeting.id }, ['vote.changed', 'meeting.changed']);
  const motions = meeting.agenda.filter((a) => a.kind === 'motion');

  if (motions.length === 0) {
    return (
      <Empty description="议程中还没有表决事项">
        <Button onClick={onAgenda}>去添加议程</Button>
      </Empty>
    );
  }
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {votes.error && <div style={{ color: '#c00' }}>{votes.error}</div>}
      {meeting.status === 'preparing' && <div className="muted">可以先安排表决；宣布开会后才能开始表决。</div>}
      {motions.map((item) => (
        <MotionVotes
          key={item.id}
          meeting={meeting}
          item={item}
          rounds={(votes.data ?? []).filter((v) => v.agendaItemId === item.id).sort((a, b) => a.round - b.round)}
          attendance={attendance}
        />
      ))}
    </Space>
  );
}
