import { Alert, Button, Segmented, Spin, Tag } from 'antd';
import { useEffect } from 'react';
import { projectVoteStatusLabels, type Project, type ProjectList, type ProjectVote } from '../../../../shared/contract';
import { onEvent } from '../../api/client';
import { useApi } from '../../api/hooks';
import { styleShort } from './common';
import { PaperCompare } from './PaperCompare';
import { PaperEntry, projectKeying } from './PaperEntry';
import { RoundOrigin } from './RoundOrigin';
import { roundTitle } from './RoundsPanel';
import { TotalsSheet } from './TotalsSheet';
import type { PaperTabKey } from '../routes';

export type PaperTab = PaperTabKey;

/** The candidates of a round in ballot order (a runoff has only the tied ones). */
export function roundCandidates(vote: ProjectVote, list: ProjectList): Project[] {
  const byId = new Map(list.projects.map((p) => [p.id, p]));
  return vote.candidateIds.map((id) => byId.get(id)).filter((p): p is Project => !!p);
}

/** A round, refetched only when its status changes (not on every ballot keyed). */
function useRound(id: number) {
  const vote = useApi('projectVotes.get', { id });
  const status = vote.data?.status;
  const { reload } = vote;
  useEffect(
    () =>
      onEvent('projectVote.changed', (p) => {
        if (!p || (p.voteId === id && p.status !== status)) void reload();
      }),
    [id, status, reload],
  );
  return vote;
}

/**
 * The paper-ballot desk of one round: two clerks key the same stack independently (第一批, 第二批 — the batch is part
 * of the address, so each clerk's screen stays on theirs), then 比对 lists every ballot where they differ, and the
 * 计票单 (manual totals) is checked against the ballots.
 */
export function PaperPage({
  listId,
  voteId,
  tab,
  onTab,
  onBack,
}: {
  listId: number;
  voteId: number;
  tab: PaperTab;
  onTab: (t: PaperTab) => void;
  onBack: () => void;
}) {
  const list = useApi('projectLists.get', { id: listId }, ['projects.changed']);
  const vote = useRound(voteId);
  const meeting = useApi('meetings.get', vote.data ? { id: vote.data.meetingId } : null, ['meeting.changed']);
  const error = list.error ?? vote.error;
  if (error && (!list.data || !vote.data))
    return (
      <div className="page">
        <Alert type="error" showIcon message={error} action={<Button onClick={onBack}>返回</Button>} />
      </div>
    );
  if (!list.data || !vote.data)
    return (
      <div className="page">
        <Spin />
      </div>
    );
  const v = vote.data;
  const l = list.data;
  const candidates = roundCandidates(v, l);
  const keying = projectKeying(v, candidates);

  return (
    <div className="page paper-page">
      <div className="paper-head">
        <Button type="link" style={{ padding: 0 }} onClick={onBack}>
          ‹ 返回票决
        </Button>
        <h2>
          {l.title} · {roundTitle(v)}
        </h2>
        <Tag color={v.status === 'counting' ? 'gold' : 'default'}>{projectVoteStatusLabels[v.status]}</Tag>
        <span className="muted">
          {v.mode === 'paper' ? '纸质选票' : '电子选票'} · {styleShort(v.style, v.seats)} · 候选{candidates.length}项
        </span>
        <RoundOrigin meeting={meeting.data} item={meeting.data?.agenda.find((a) => a.id === v.agendaItemId)} />
        {/* An electronic round has nothing to key or compare, and the API refuses it (see projectVotes.paperCompare). */}
        {v.mode === 'paper' && (
          <Segmented<PaperTab>
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
      {v.mode !== 'paper' && (
        <Alert
          type="info"
          showIcon
          message="本轮是电子选票：计票单和两批比对只用于纸质选票；电子票决在结束前只显示已投/应投"
        />
      )}
      {v.mode === 'paper' && v.status !== 'counting' && (tab === '1' || tab === '2') && (
        <Alert
          type={v.status === 'closed' ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          message={
            v.status === 'closed'
              ? '本轮已结束计票，选票不能再录入或更正'
              : '投票尚未停止：票箱封存、点“停止投票”后才能录入选票'
          }
        />
      )}
      {v.mode === 'paper' && (tab === '1' || tab === '2') && (
        <PaperEntry key={tab} vote={v} keying={keying} batch={tab === '1' ? 1 : 2} />
      )}
      {v.mode === 'paper' && tab === 'compare' && <PaperCompare vote={v} candidates={candidates} />}
      {v.mode === 'paper' && tab === 'totals' && <TotalsSheet vote={v} candidates={candidates} />}
    </div>
  );
}
