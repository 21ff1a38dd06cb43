import { Alert, Button, Space, Table } from 'antd';
import { useState, type ReactNode } from 'react';
import { useApi } from '../../api/hooks';
import { CloseDialog, type ClosingRound } from './CloseDialog';
import { projectKeying, type PaperApi, type PaperKeying } from './PaperEntry';
import { RekeyDialog } from './RekeyDialog';
import { TotalsMismatches } from './TotalsSheet';
import type { Project, ProjectVote } from '../../../../shared/contract';

interface Difference {
  seq: number;
  first: string | null;
  second: string | null;
}
interface Comparison {
  first: number;
  second: number;
  differences: Difference[];
  agreed: boolean;
}

/**
 * 比对: the two clerks' batches side by side — how many each keyed and every ballot where they differ. Each one is
 * re-keyed from the paper in either batch, here; once they agree the round can be closed.
 */
export function PaperCompare({ vote, candidates }: { vote: ProjectVote; candidates: Project[] }) {
  const cmp = useApi('projectVotes.paperCompare', { id: vote.id }, ['projectVote.changed']);
  if (cmp.error) return <Alert type="error" showIcon message={cmp.error} />;
  if (!cmp.data) return null;
  const c = cmp.data;
  return (
    <BatchComparison vote={vote} comparison={c} keying={projectKeying(vote, candidates)}>
      {c.totalsMismatches.length > 0 && <TotalsMismatches mismatches={c.totalsMismatches} candidates={candidates} />}
    </BatchComparison>
  );
}

/**
 * The comparison itself, for any keyed paper round (票决 or 测评): the counts, the verdict, every differing ballot
 * with both readings and a re-key of that seq in either batch; `children` reconciles the count sheet below.
 */
export function BatchComparison({
  vote,
  comparison: c,
  keying,
  api = 'projectVotes',
  noun,
  children,
}: {
  vote: ClosingRound & { status: string };
  comparison: Comparison;
  keying: PaperKeying;
  api?: PaperApi;
  noun?: string;
  children?: ReactNode;
}) {
  const [rekey, setRekey] = useState<{ seq: number; batch: 1 | 2; diff: Difference } | null>(null);
  const [closing, setClosing] = useState(false);
  const counting = vote.status === 'counting';

  return (
    <div className="paper-compare">
      <div className="compare-counts" data-testid="compare-counts">
        <div className="count-cell">
          <div className="count-label">第一批</div>
          <div className="count-value">{c.first}</div>
        </div>
        <div className="count-cell">
          <div className="count-label">第二批</div>
          <div className="count-value">{c.second}</div>
        </div>
        <div className="count-cell">
          <div className="count-label">不一致</div>
          <div className={`count-value ${c.differences.length ? 'bad' : 'ok'}`} data-testid="diff-count">
            {c.differences.length}
          </div>
        </div>
        <div style={{ flex: 1 }}>
          {c.agreed ? (
            <Alert
              type="success"
              showIcon
              data-testid="compare-verdict"
              message={`两批录入一致，共${c.first}张`}
              description={counting ? '可以结束计票。' : undefined}
              action={
                counting && (
                  <Button type="primary" size="large" onClick={() => setClosing(true)}>
                    结束计票…
                  </Button>
                )
              }
            />
          ) : (
            <Alert
              type={c.first + c.second ? 'error' : 'info'}
              showIcon
              data-testid="compare-verdict"
              message={
                c.first + c.second === 0
                  ? '两批都还没有录入'
                  : c.differences.length
                    ? `有${c.differences.length}张不一致${c.first !== c.second ? `，且张数不同（${c.first}张对${c.second}张）` : ''}。请找出原始选票核对，在错的一批中重录`
                    : `张数不同：第一批${c.first}张，第二批${c.second}张`
              }
            />
          )}
        </div>
      </div>
      {c.differences.length > 0 && (
        <Table<Difference>
          size="middle"
          rowKey="seq"
          dataSource={c.differences}
          pagination={false}
          data-testid="compare-table"
          style={{ marginTop: 12 }}
          columns={[
            {
              title: '选票序号',
              dataIndex: 'seq',
              width: 120,
              render: (s: number) => (
                <span className="diff-seq" data-testid="diff-seq">
                  第{s}张
                </span>
              ),
            },
            {
              title: '第一批录入',
              dataIndex: 'first',
              render: (t: string | null) => (
                <span className="diff-text">
                  {t === null ? (
                    <span className="muted">（未录）</span>
                  ) : keying.recent ? (
                    keying.recent(t, t === '作废')
                  ) : (
                    t
                  )}
                </span>
              ),
            },
            {
              title: '第二批录入',
              dataIndex: 'second',
              render: (t: string | null) => (
                <span className="diff-text">
                  {t === null ? (
                    <span className="muted">（未录）</span>
                  ) : keying.recent ? (
                    keying.recent(t, t === '作废')
                  ) : (
                    t
                  )}
                </span>
              ),
            },
            {
              title: '核对原始选票后重录',
              width: 260,
              render: (_v, d) => (
                <Space>
                  <Button disabled={!counting} onClick={() => setRekey({ seq: d.seq, batch: 1, diff: d })}>
                    重录第一批
                  </Button>
                  <Button disabled={!counting} onClick={() => setRekey({ seq: d.seq, batch: 2, diff: d })}>
                    重录第二批
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      {children}
      {rekey && <RekeyDialog vote={vote} keying={keying} api={api} {...rekey} onClose={() => setRekey(null)} />}
      {closing && <CloseDialog vote={vote} api={api} noun={noun} onClose={() => setClosing(false)} />}
    </div>
  );
}
