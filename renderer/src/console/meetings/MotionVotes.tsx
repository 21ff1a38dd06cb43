import { Button, Card, Collapse, Space, Tag } from 'antd';
import { useState } from 'react';
import {
  voteModeLabels,
  voteSecrecyLabels,
  voteStatusLabels,
  type AgendaItem,
  type Attendance,
  type Meeting,
  type Vote,
} from '../../../../shared/contract';
import { call } from '../../api/client';
import { CountsEntry } from './CountsEntry';
import { ElectronicEntry } from './ElectronicEntry';
import { useAction } from '../common/useAction';
import { VoteDialog } from './VoteDialog';
import { VoteResult } from './VoteResult';
import { useOfferScreen } from '../screen/offerScreen';

const STATUS_COLORS: Record<Vote['status'], string> = { pending: 'default', open: 'processing', closed: 'success' };

export function voteLine(v: Vote): string {
  return `第${v.round}轮 · ${voteModeLabels[v.mode]} · ${voteSecrecyLabels[v.secrecy]}`;
}

/** One motion: its current round (安排 → 开始 → 录入/投票 → 结束 → 结果与公告) and the earlier rounds kept below. */
export function MotionVotes({
  meeting,
  item,
  rounds,
  attendance,
}: {
  meeting: Meeting;
  item: AgendaItem;
  rounds: Vote[];
  attendance: Attendance | undefined;
}) {
  const { busy, run } = useAction();
  const [dialog, setDialog] = useState<'create' | 'revote' | null>(null);
  const current = rounds[rounds.length - 1];
  const offerScreen = useOfferScreen(current && { kind: 'vote', id: current.id, open: current.status === 'open' });
  const earlier = rounds.slice(0, -1).reverse();
  const closedMeeting = meeting.status === 'closed';

  return (
    <Card
      size="small"
      data-testid={`motion-${item.position}`}
      title={
        <Space>
          <span className="motion-title">
            {item.position}. {item.title}
          </span>
          {current && <Tag color={STATUS_COLORS[current.status]}>{voteStatusLabels[current.status]}</Tag>}
          {current && (
            <span className="muted" style={{ fontWeight: 400, fontSize: 13 }}>
              {voteLine(current)}
            </span>
          )}
        </Space>
      }
      extra={
        !closedMeeting && (
          <Space>
            {!current && (
              <Button type="primary" onClick={() => setDialog('create')}>
                安排表决
              </Button>
            )}
            {current?.status === 'pending' && (
              <Button
                type="primary"
                loading={busy === 'open'}
                onClick={() =>
                  run(
                    'open',
                    () => call('votes.open', { id: current.id }),
                    (v) => {
                      offerScreen({
                        kind: 'vote',
                        id: v.id,
                        meetingId: meeting.id,
                        agendaItemId: item.id,
                        title: `表决“${v.title}”`,
                      });
                      return '表决开始';
                    },
                  )
                }
              >
                开始表决
              </Button>
            )}
            {current?.status === 'closed' && <Button onClick={() => setDialog('revote')}>重新表决</Button>}
          </Space>
        )
      }
    >
      {!current && <div className="muted">尚未安排表决</div>}
      {current?.status === 'pending' && (
        <div className="muted">
          已安排{voteLine(current)}。开始表决时将冻结应到、实到人数和会议规则（{meeting.ruleSetName}
          ），只有届时已签到出席的{attendance?.noun ?? '成员'}可以表决。
        </div>
      )}
      {current?.status === 'open' &&
        (current.mode === 'electronic' ? (
          <ElectronicEntry vote={current} attendance={attendance} />
        ) : (
          <CountsEntry vote={current} />
        ))}
      {current?.status === 'closed' && <VoteResult vote={current} />}
      {earlier.length > 0 && (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={earlier.map((v) => ({
            key: v.id,
            label: (
              <span data-testid={`round-${v.round}`}>
                {voteLine(v)}：{v.result ? (v.result.passed ? '通过' : '未通过') : voteStatusLabels[v.status]}
                {v.result && `（赞成${v.result.yes}，反对${v.result.no}，弃权${v.result.abstain}）`}
              </span>
            ),
            children: <VoteResult vote={v} />,
          }))}
        />
      )}
      {dialog && (
        <VoteDialog item={item} revoteOf={dialog === 'revote' ? current : undefined} onClose={() => setDialog(null)} />
      )}
    </Card>
  );
}
