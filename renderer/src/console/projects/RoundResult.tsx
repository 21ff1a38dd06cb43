import { Table, Tag } from 'antd';
import type { ListResult, ProjectList, ProjectVote } from '../../../../shared/contract';
import type { ProjectRow } from '../../../../shared/domain/projects';
import { formatDateTime } from '../../format';
import { call } from '../../api/client';
import { Announcement } from '../common/Announcement';
import { ExportButton } from '../common/ExportButton';
import { roundVerdict } from './verdict';

/** A closed round: the figures, every project with its votes and rank, who is chosen, and the announcement. */
export function RoundResult({
  vote: v,
  list,
  combined,
}: {
  vote: ProjectVote;
  list: ProjectList;
  combined?: ListResult;
}) {
  const r = v.result;
  if (!r) return null;
  const byId = new Map(list.projects.map((p) => [p.id, p]));

  const verdict = roundVerdict(r, v.seats);

  const votesColumns =
    v.style === 'approve'
      ? [
          { title: '赞成', dataIndex: 'yes', width: 80, align: 'right' as const, render: (n: number) => <b>{n}</b> },
          { title: '反对', dataIndex: 'no', width: 80, align: 'right' as const },
          { title: '弃权', dataIndex: 'abstain', width: 80, align: 'right' as const },
        ]
      : v.style === 'rank'
        ? [
            {
              title: '得分',
              dataIndex: 'points',
              width: 90,
              align: 'right' as const,
              render: (n: number) => <b>{n}</b>,
            },
            { title: '排入票数', dataIndex: 'yes', width: 100, align: 'right' as const },
          ]
        : [{ title: '得票', dataIndex: 'yes', width: 100, align: 'right' as const, render: (n: number) => <b>{n}</b> }];

  return (
    <div className="round-result" data-testid="round-result">
      <div className="result-figures">
        <div className={`result-verdict ${verdict.cls}`}>{verdict.text}</div>
        {[
          ['应到', v.expected],
          ['出席', v.present],
          ['发出', r.issued],
          ['收回', r.returned],
          ['有效', r.valid],
          ['无效', r.void],
        ].map(([label, n]) => (
          <div className="result-cell" key={label as string}>
            <div className="result-label">{label}</div>
            <div className="result-value">{n ?? '—'}</div>
          </div>
        ))}
        <div className="result-threshold">
          <div>{r.thresholdText}</div>
          {r.reason && <div style={{ color: r.outcome === 'void' ? '#a8071a' : '#ad6800' }}>{r.reason}</div>}
          <div className="muted" style={{ fontSize: 12 }}>
            {v.pass.basis}
          </div>
        </div>
      </div>
      {/* A round that chose fewer than its seats is no dead end: the list's whole count, and what can be done now. */}
      {combined && verdict.cls === 'short' && (
        <div className="round-short" data-testid="round-short">
          本轮确定{r.rows.filter((x) => x.chosen).length}项，应选{v.seats}项。全部轮次合计：<b>{combined.summary}</b>。
          {combined.next.kind === 'settle'
            ? combined.next.text.replace(/^[^。]*。/, '') + '，请点“处理空缺名额”。'
            : combined.next.text}
        </div>
      )}
      {r.rows.length > 0 && (
        <Table<ProjectRow>
          size="small"
          rowKey="candidateId"
          dataSource={r.rows}
          pagination={false}
          style={{ marginTop: 12 }}
          rowClassName={(x) => (x.chosen ? 'row-chosen' : x.tied ? 'row-tied' : '')}
          data-testid="result-table"
          columns={[
            { title: '名次', dataIndex: 'rank', width: 70, align: 'center' },
            { title: '编号', width: 70, align: 'center', render: (_v, x) => byId.get(x.candidateId)?.number },
            { title: '项目名称', render: (_v, x) => byId.get(x.candidateId)?.name },
            ...votesColumns,
            {
              title: '过半数',
              dataIndex: 'passed',
              width: 100,
              render: (p: boolean) => (p ? <Tag color="green">通过</Tag> : <Tag>未通过</Tag>),
            },
            {
              title: '结果',
              width: 110,
              render: (_v, x) =>
                x.chosen ? (
                  <Tag color="red" className="tag-chosen">
                    入选
                  </Tag>
                ) : x.tied ? (
                  <Tag color="orange">平票待再投</Tag>
                ) : (
                  <span className="muted">未入选</span>
                ),
            },
          ]}
        />
      )}
      <div className="result-signers">
        <span>监票人：{v.scrutineers.length ? v.scrutineers.join('、') : '—'}</span>
        <span>计票人：{v.counters.length ? v.counters.join('、') : '—'}</span>
        {v.closedAt && <span className="muted">计票完毕于 {formatDateTime(v.closedAt)}</span>}
        <ExportButton testId="export-round" load={() => call('exports.round', { roundId: v.id })} />
      </div>
      {v.announcement && <Announcement text={v.announcement} />}
    </div>
  );
}
