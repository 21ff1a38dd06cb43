import { Alert, Button, Segmented, Spin, Tag } from 'antd';
import { useEffect, useMemo } from 'react';
import type { PollRound } from '../../../../shared/contract/poll-types';
import { roundStatusLabels } from '../../../../shared/domain/poll-states';
import { useApi } from '../../api/hooks';
import { BatchComparison } from '../projects/PaperCompare';
import { PaperEntry, onRoundChanged } from '../projects/PaperEntry';
import type { PaperTabKey } from '../routes';
import { CountSheet, SheetMismatches } from './CountSheet';
import { EVAL_STATUS_COLORS, evaluationTitle, hasAbstain } from './common';
import { ratingKeying, scoreKeying } from './ratingKeying';
import { RoundPapers } from '../common/RoundPapers';

/** A round, refetched only when its status changes (not on every ballot keyed). */
function useRound(id: number) {
  const round = useApi('polls.get', { id });
  const status = round.data?.status;
  const { reload } = round;
  useEffect(
    () =>
      onRoundChanged(id, (s) => {
        if (s === null || s !== status) void reload();
      }),
    [id, status, reload],
  );
  return round;
}

/**
 * The paper desk of one 测评 round, on the same desk as 票决: two clerks key the stack independently (第一批,
 * 第二批 — the batch is in the address, so each clerk's screen stays on theirs), then 比对 and the 计票单.
 */
export function EvaluationPage({
  roundId,
  tab,
  onTab,
  onBack,
}: {
  roundId: number;
  tab: PaperTabKey;
  onTab: (t: PaperTabKey) => void;
  onBack: (meetingId?: number) => void;
}) {
  const round = useRound(roundId);
  const r = round.data;
  const keying = useMemo(
    () => (r ? (r.style === 'score' ? scoreKeying(r.items) : ratingKeying(r.items, hasAbstain(r))) : null),
    [r],
  );
  if (round.error && !r)
    return (
      <div className="page">
        <Alert type="error" showIcon message={round.error} action={<Button onClick={() => onBack()}>返回</Button>} />
      </div>
    );
  if (!r || !keying)
    return (
      <div className="page">
        <Spin />
      </div>
    );

  return (
    <div className="page paper-page">
      <div className="paper-head">
        <Button type="link" style={{ padding: 0 }} onClick={() => onBack(r.meetingId)}>
          ‹ 返回会议
        </Button>
        <h2>{evaluationTitle(r)}</h2>
        <Tag color={EVAL_STATUS_COLORS[r.status]}>{roundStatusLabels[r.status]}</Tag>
        <span className="muted">纸质测评票 · {r.items.length}项</span>
        {r.mode === 'paper' && (
          <RoundPapers roundId={r.id} paper={r.style === 'score' ? '评分票' : '测评票'} title={evaluationTitle(r)} />
        )}
        {r.mode === 'paper' && (
          <Segmented<PaperTabKey>
            className="batch-toggle"
            size="large"
            value={tab}
            onChange={onTab}
            options={[
              { value: '1', label: '第一批录入' },
              { value: '2', label: '第二批录入' },
              { value: 'compare', label: '比对' },
              { value: 'totals', label: '计票单' },
            ]}
          />
        )}
      </div>
      {r.mode !== 'paper' && (
        <Alert
          type="info"
          showIcon
          message="本轮是电子测评：在会议的“表决”页逐人录入；计票单和两批比对只用于纸质测评票"
        />
      )}
      {r.mode === 'paper' && r.status !== 'counting' && (tab === '1' || tab === '2') && (
        <Alert
          type={r.status === 'closed' ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          message={
            r.status === 'closed'
              ? '本轮已结束计票，测评票不能再录入或更正'
              : '投票尚未停止：票箱封存、点“停止投票”后才能录入测评票'
          }
        />
      )}
      {r.mode === 'paper' && (tab === '1' || tab === '2') && (
        <PaperEntry key={tab} vote={r} keying={keying} api="polls" batch={tab === '1' ? 1 : 2} />
      )}
      {r.mode === 'paper' && tab === 'compare' && <Compare round={r} keying={keying} />}
      {r.mode === 'paper' && tab === 'totals' && <CountSheet round={r} />}
    </div>
  );
}

function Compare({ round, keying }: { round: PollRound; keying: NonNullable<ReturnType<typeof ratingKeying>> }) {
  const cmp = useApi('polls.paperCompare', { id: round.id }, ['poll.changed']);
  if (cmp.error) return <Alert type="error" showIcon message={cmp.error} />;
  if (!cmp.data) return null;
  return (
    <BatchComparison vote={round} comparison={cmp.data} keying={keying} api="polls" noun="测评票">
      <SheetMismatches comparison={cmp.data} />
    </BatchComparison>
  );
}
