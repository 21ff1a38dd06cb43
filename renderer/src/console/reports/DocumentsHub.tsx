import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { pollKindLabels, type Meeting, type PollRound } from '../../../../shared/contract';
import { roundStatusLabels } from '../../../../shared/domain/poll-states';
import { POLL_STYLE_MODULES } from '../../../../shared/domain/poll-styles';
import { useApi } from '../../api/hooks';
import { formatDate } from '../../format';
import { PrintButton } from '../common/PrintPreview';
import { RoundPapers } from '../common/RoundPapers';
import { MeetingStatusTag } from '../meetings/StatusTag';

/**
 * 报表: the documents hub. Pick a meeting, then print its papers: the 签到表, and each round's ballot and 计票单
 * and, once a round is closed, its result document: 表决结果公告, 测评结果, or the list's 票决结果公告.
 */
export function DocumentsHub({ meetingId, go }: { meetingId: number | null; go: (path: string) => void }) {
  const meetings = useApi('meetings.list', {}, ['meeting.changed']);
  const meeting = meetings.data?.find((m) => m.id === meetingId) ?? null;
  return (
    <div className="page">
      <div className="page-title">
        <h2>报表</h2>
        <span className="muted">签到表、选票、计票单等 A4 文书的打印预览、打印和保存为 PDF</span>
      </div>
      {meetings.error && <Typography.Text type="danger">{meetings.error}</Typography.Text>}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(280px, 1fr) 2fr', gap: 16, alignItems: 'start' }}>
        <Card title="选择会议" size="small">
          <List
            size="small"
            loading={!meetings.data && !meetings.error}
            dataSource={meetings.data ?? []}
            locale={{ emptyText: '还没有会议' }}
            renderItem={(m) => (
              <List.Item
                data-testid={`hub-meeting-${m.id}`}
                onClick={() => go(`reports/${m.id}`)}
                style={{ cursor: 'pointer', background: m.id === meetingId ? '#fff1f0' : undefined, paddingInline: 8 }}
              >
                <List.Item.Meta title={m.title} description={`${m.bodyName} · ${formatDate(m.date)}`} />
                <MeetingStatusTag status={m.status} />
              </List.Item>
            )}
          />
        </Card>
        {meeting ? <MeetingDocuments meeting={meeting} /> : <Empty description="请在左侧选择会议" />}
      </div>
    </div>
  );
}

function MeetingDocuments({ meeting }: { meeting: Meeting }) {
  const rounds = useApi('polls.list', { meetingId: meeting.id }, ['poll.changed', 'meeting.changed']);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="hub-documents">
      <Card title={meeting.title} size="small">
        <Space wrap>
          <PrintButton
            testId="print-signin"
            label="打印签到表"
            target={{ doc: 'signin', id: meeting.id, title: `${meeting.title}签到表` }}
          />
          <PrintButton
            testId="print-minutes"
            label="会议纪要"
            target={{ doc: 'minutes', id: meeting.id, title: `${meeting.title}会议纪要` }}
          />
        </Space>
      </Card>
      <Card title="投票文书" size="small">
        {rounds.error && <Typography.Text type="danger">{rounds.error}</Typography.Text>}
        <List
          size="small"
          dataSource={rounds.data ?? []}
          loading={!rounds.data && !rounds.error}
          locale={{ emptyText: '本次会议还没有安排表决、票决或测评' }}
          renderItem={(r: PollRound) => (
            <List.Item
              data-testid={`hub-round-${r.id}`}
              extra={
                <Space wrap>
                  <RoundPapers roundId={r.id} paper={POLL_STYLE_MODULES[r.style].paper} title={r.title} />
                  {r.status === 'closed' && <ResultButton round={r} />}
                </Space>
              }
            >
              <List.Item.Meta
                title={
                  <Space>
                    {r.title}
                    {r.round > 1 && <span>第{r.round}轮</span>}
                  </Space>
                }
                description={
                  <Space>
                    <Tag>{pollKindLabels[r.kind]}</Tag>
                    <span>{roundStatusLabels[r.status]}</span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

/** A closed round's result on paper: a 票决 round's is its list's 公告 (the list is the unit of a 票决's result). */
function ResultButton({ round: r }: { round: PollRound }) {
  if (r.kind === 'project_vote') {
    return r.listId ? (
      <PrintButton
        testId={`print-result-${r.id}`}
        label="票决结果公告"
        target={{ doc: 'list-result', id: r.listId, title: '票决结果公告' }}
      />
    ) : null;
  }
  const name = r.kind === 'motion' ? '表决结果公告' : '测评结果';
  return (
    <PrintButton
      testId={`print-result-${r.id}`}
      label={name}
      target={{ doc: 'round-result', id: r.id, title: `${r.title}${name}` }}
    />
  );
}
