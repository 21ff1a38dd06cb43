import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import type { ListResult } from '../../../../shared/contract';
import { Announcement } from '../common/Announcement';
import { PrintButton } from '../common/PrintPreview';

type Row = {
  key: string;
  order: number;
  number: number | null;
  name: string;
  round: number | null;
  votes: string;
  unfilled: boolean;
};

/**
 * The 票决 as one result (projectLists.result): the chosen projects in order across every round, the seats still
 * unfilled as rows of their own, what may be done next, and the 公告. An unfilled seat is never shown as success.
 */
export function ResultPanel({ result: r, onSettle }: { result: ListResult; onSettle: () => void }) {
  if (!r.rounds.some((x) => x.status === 'closed')) return null;
  const short = r.unfilled > 0;
  const rows: Row[] = [
    ...r.chosen.map((c) => ({
      key: `p${c.projectId}`,
      order: c.order,
      number: c.number,
      name: c.name,
      round: c.round,
      votes: `${c.votes}${c.unit}`,
      unfilled: false,
    })),
    ...Array.from({ length: r.unfilled }, (_, i) => ({
      key: `u${i}`,
      order: r.chosen.length + i + 1,
      number: null,
      name: '空缺',
      round: null,
      votes: '—',
      unfilled: true,
    })),
  ];

  return (
    <Card
      data-testid="list-result"
      className="list-result"
      title={
        <Space wrap>
          <span className="round-title">票决结果（各轮合并）</span>
          <span className={`list-result-summary ${short ? 'short' : 'done'}`} data-testid="list-result-summary">
            {r.summary}
          </span>
        </Space>
      }
      extra={
        r.next.kind === 'settle' && (
          <Button type="primary" onClick={onSettle} data-testid="settle-open">
            处理空缺名额…
          </Button>
        )
      }
    >
      <NextStep result={r} />
      <Table<Row>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={false}
        style={{ marginTop: 12 }}
        data-testid="list-result-table"
        rowClassName={(x) => (x.unfilled ? 'row-unfilled' : '')}
        columns={[
          { title: '序号', dataIndex: 'order', width: 70, align: 'center' },
          { title: '编号', dataIndex: 'number', width: 70, align: 'center', render: (n: number | null) => n ?? '—' },
          {
            title: '项目名称',
            dataIndex: 'name',
            render: (n: string, x) => (x.unfilled ? <Tag color="orange">空缺</Tag> : n),
          },
          { title: '确定于', dataIndex: 'round', width: 100, render: (n: number | null) => (n ? `第${n}轮` : '—') },
          { title: '得票', dataIndex: 'votes', width: 90, align: 'right' },
        ]}
      />
      {r.decision && r.decision.decision !== 'complete' && (
        <div className="muted" style={{ marginTop: 8 }} data-testid="list-result-decision">
          已记录决定：{r.decision.decision === 'leave_unfilled' ? '空缺名额不再票决' : '就未入选项目另行票决'}
          {r.decision.reason ? `（理由：${r.decision.reason}）` : ''}
        </div>
      )}
      {r.announcement && (
        <Announcement text={r.announcement} label={r.issuer ? `${r.issuer}公告` : '公告'} testId="list-announcement" />
      )}
      {r.announcement && (
        <PrintButton target={{ doc: 'list-result', id: r.listId, title: '票决结果公告' }} testId="print-list-result" />
      )}
    </Card>
  );
}

/** What the clerk can do now, in the colour it deserves: seats left unfilled are a warning, not a success. */
function NextStep({ result: r }: { result: ListResult }) {
  const n = r.next;
  if (n.kind === 'done')
    return <Alert type={r.unfilled ? 'warning' : 'success'} showIcon message={n.text} data-testid="list-result-next" />;
  if (n.kind === 'settle')
    return (
      <Alert
        type="warning"
        showIcon
        message={n.text}
        description={r.unfilledRule ? `依据：${r.unfilledRule.basis}` : undefined}
        data-testid="list-result-next"
      />
    );
  if (n.kind === 'runoff' || n.kind === 'retake')
    return (
      <Alert
        type="warning"
        showIcon
        message={`${n.text}。请在下方最新一轮点“安排下一轮”。`}
        data-testid="list-result-next"
      />
    );
  return <Alert type="info" showIcon message={n.text} data-testid="list-result-next" />;
}
