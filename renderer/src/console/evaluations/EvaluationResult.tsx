import { Table, Tag } from 'antd';
import type { PollRound } from '../../../../shared/contract/poll-types';
import {
  ratingLabels,
  type RatingItemResult,
  type RatingResult,
  type ScoreItemResult,
  type ScoreResult,
} from '../../../../shared/domain/evaluation';
import { formatDateTime } from '../../format';
import { call } from '../../api/client';
import { Announcement } from '../common/Announcement';
import { ExportButton } from '../common/ExportButton';
import { PrintButton } from '../common/PrintPreview';

/**
 * A closed 测评: 应到 … 无效, then per item its votes (满意 / 基本满意 / 不满意 / 弃权 / 该项无效) with the rates
 * (two decimals) or the grade, or the score; the 整改 flag with its reason; and the announcement to copy.
 */
export function EvaluationResult({ round: r }: { round: PollRound }) {
  const res = r.result as RatingResult | ScoreResult | null;
  if (!res) return null;
  const titles = new Map(r.items.map((x) => [x.position, x]));
  const figures: [string, number | null][] = [
    ['应到', r.expected],
    ['出席', r.present],
    ['发出', res.issued],
    ['收回', res.returned],
    ['有效', res.valid],
    ['无效', res.void],
  ];
  return (
    <div className="round-result" data-testid="evaluation-result">
      <div className="result-figures">
        <div className={`result-verdict ${res.outcome === 'void' ? 'void' : 'decided'}`}>
          {res.outcome === 'void' ? '本次测评无效' : '测评完毕'}
        </div>
        {figures.map(([label, n]) => (
          <div className="result-cell" key={label}>
            <div className="result-label">{label}</div>
            <div className="result-value">{n ?? '—'}</div>
          </div>
        ))}
        {res.reason && (
          <div className="result-threshold" style={{ color: '#a8071a' }}>
            {res.reason}
          </div>
        )}
      </div>
      {res.items.length > 0 &&
        (r.style === 'score' ? (
          <ScoreTable result={res as ScoreResult} titles={titles} />
        ) : (
          <RatingTable result={res as RatingResult} titles={titles} />
        ))}
      <div className="result-signers">
        <span>监票人：{r.scrutineers.length ? r.scrutineers.join('、') : '—'}</span>
        <span>计票人：{r.counters.length ? r.counters.join('、') : '—'}</span>
        {r.closedAt && <span className="muted">计票完毕于 {formatDateTime(r.closedAt)}</span>}
        <ExportButton testId="export-round" load={() => call('exports.round', { roundId: r.id })} />
        <PrintButton target={{ doc: 'round-result', id: r.id, title: '测评结果' }} testId="print-round-result" />
        <ExportButton
          label="导出本次会议全部测评"
          testId="export-evaluations"
          load={() => call('exports.evaluations', { meetingId: r.meetingId })}
        />
      </div>
      {r.announcement && <Announcement text={r.announcement} />}
    </div>
  );
}

type Titles = Map<number, PollRound['items'][number]>;
const itemTitle = (titles: Titles, i: number) => titles.get(i + 1)?.title ?? `第${i + 1}项`;
const rectifyCell = (x: { rectify: { needed: boolean; reason: string | null } }) =>
  x.rectify.needed ? (
    <span>
      <Tag color="red">须整改</Tag>
      <span className="eval-rectify">{x.rectify.reason}</span>
    </span>
  ) : (
    <span className="muted">—</span>
  );

function RatingTable({ result, titles }: { result: RatingResult; titles: Titles }) {
  const graded = result.formula === 'graded';
  const rateCol = (title: string, key: 'satisfiedRate' | 'basicallyRate' | 'unsatisfiedRate' | 'combinedRate') => ({
    title,
    width: 96,
    align: 'right' as const,
    render: (_v: unknown, x: RatingItemResult) => x[key].text,
  });
  return (
    <Table<RatingItemResult & { i: number }>
      size="small"
      rowKey="i"
      style={{ marginTop: 12 }}
      pagination={false}
      data-testid="evaluation-table"
      rowClassName={(x) => (x.rectify.needed ? 'row-rectify' : '')}
      dataSource={result.items.map((x, i) => ({ ...x, i }))}
      columns={[
        { title: '序号', width: 56, align: 'center', render: (_v, x) => x.i + 1 },
        { title: '测评项目', render: (_v, x) => itemTitle(titles, x.i) },
        { title: '满意', dataIndex: 'satisfied', width: 64, align: 'right' },
        { title: '基本满意', dataIndex: 'basically', width: 80, align: 'right' },
        { title: '不满意', dataIndex: 'unsatisfied', width: 70, align: 'right' },
        ...(result.abstain ? [{ title: '弃权', dataIndex: 'abstain', width: 60, align: 'right' as const }] : []),
        { title: '该项无效', dataIndex: 'void', width: 80, align: 'right' },
        ...(graded
          ? [
              {
                title: '测评结果',
                width: 110,
                render: (_v: unknown, x: RatingItemResult) =>
                  x.grade ? <b title={x.gradeText ?? undefined}>{ratingLabels[x.grade]}</b> : '—',
              },
            ]
          : result.satisfactionRate === 'combined'
            ? // Rate columns named as the announcement names them, apart from the vote counts beside them.
              [
                rateCol('满意率', 'combinedRate'),
                rateCol('其中满意', 'satisfiedRate'),
                rateCol('其中基本满意', 'basicallyRate'),
                rateCol('不满意率', 'unsatisfiedRate'),
              ]
            : [
                rateCol('满意率', 'satisfiedRate'),
                rateCol('基本满意率', 'basicallyRate'),
                rateCol('不满意率', 'unsatisfiedRate'),
              ]),
        { title: '整改', width: 260, render: (_v, x) => rectifyCell(x) },
      ]}
    />
  );
}

function ScoreTable({ result, titles }: { result: ScoreResult; titles: Titles }) {
  return (
    <Table<ScoreItemResult & { i: number }>
      size="small"
      rowKey="i"
      style={{ marginTop: 12 }}
      pagination={false}
      data-testid="evaluation-table"
      dataSource={result.items.map((x, i) => ({ ...x, i }))}
      columns={[
        { title: '序号', width: 56, align: 'center', render: (_v, x) => x.i + 1 },
        { title: '测评项目', render: (_v, x) => itemTitle(titles, x.i) },
        { title: '有效评分', dataIndex: 'n', width: 80, align: 'right' },
        { title: '无效', dataIndex: 'void', width: 60, align: 'right' },
        { title: '最高', dataIndex: 'max', width: 60, align: 'right' },
        { title: '最低', dataIndex: 'min', width: 60, align: 'right' },
        {
          title: result.trimmed ? '得分（去掉最高最低）' : '平均分',
          width: 150,
          align: 'right',
          render: (_v, x) => <b>{x.scoreText}</b>,
        },
        { title: '整改', width: 260, render: (_v, x) => rectifyCell(x) },
      ]}
    />
  );
}
