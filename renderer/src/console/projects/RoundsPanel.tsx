import { Alert, Button, Card, Empty, Progress, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import {
  projectVoteModeLabels,
  projectVoteStatusLabels,
  type ListResult,
  type Meeting,
  type ProjectList,
  type ProjectVote,
} from '../../../../shared/contract';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { CloseDialog } from './CloseDialog';
import { roundKindLabels, styleShort } from './common';
import { useConfirm } from '../common/confirm';
import { useAction } from '../common/useAction';
import { NextRoundDialog } from './NextRoundDialog';
import type { PaperTab } from './PaperPage';
import { RoundDialog } from './RoundDialog';
import { RoundOrigin } from './RoundOrigin';
import { ResultPanel } from './ResultPanel';
import { RoundResult } from './RoundResult';
import { SettleDialog } from './SettleDialog';
import { useOfferScreen } from '../screen/offerScreen';
import { RoundPapers } from '../common/RoundPapers';

export const ROUND_STATUS_COLORS: Record<ProjectVote['status'], string> = {
  pending: 'default',
  open: 'processing',
  counting: 'gold',
  closed: 'success',
};

/** A runoff for seats a decided round left unfilled (projectLists.settle) cites the 另行票决 rule in its pass basis. */
const isUnfilledRunoff = (v: ProjectVote) => v.kind === 'runoff' && v.pass.basis.includes('不足名额');

export function roundTitle(v: ProjectVote): string {
  return `第${v.round}轮${v.kind === 'first' ? '' : `（${isUnfilledRunoff(v) ? '不足名额另行票决' : roundKindLabels[v.kind]}）`}`;
}

/** The list's rounds, newest first; every earlier round (a tie, a void vote) stays on record below. */
export function RoundsPanel({
  list,
  onPaper,
}: {
  list: ProjectList;
  onPaper: (voteId: number, tab?: PaperTab) => void;
}) {
  const rounds = useApi('projectVotes.list', { listId: list.id }, ['projectVote.changed', 'projects.changed']);
  const result = useApi('projectLists.result', { listId: list.id }, ['projectVote.changed', 'projects.changed']);
  const [settling, setSettling] = useState(false);
  const meetings = useApi('meetings.list', { bodyId: list.bodyId }, ['meeting.changed']);
  const [creating, setCreating] = useState(false);
  const byId = useMemo(() => new Map((meetings.data ?? []).map((m) => [m.id, m])), [meetings.data]);
  const all = rounds.data ?? [];
  const latest = all[all.length - 1];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {rounds.error && <Alert type="error" showIcon message={rounds.error} />}
      {result.error && <Alert type="error" showIcon message={result.error} />}
      {result.data && <ResultPanel result={result.data} onSettle={() => setSettling(true)} />}
      {rounds.data && all.length === 0 && (
        <Card>
          <Empty
            description={
              !list.adoption
                ? '候选项目清单尚未经主任会议或常委会确定，确定后才能安排票决（在“候选项目”页点“确定候选清单”）。'
                : list.margin > 0
                  ? '尚未安排票决。请先在会议议程中添加“民生实事票决”议程，再在这里安排第一轮。'
                  : `候选项目须多于应选的${list.seats}项才能差额票决`
            }
          >
            <Button
              type="primary"
              size="large"
              disabled={!list.adoption || list.margin <= 0 || !meetings.data}
              onClick={() => setCreating(true)}
            >
              安排票决
            </Button>
          </Empty>
        </Card>
      )}
      {[...all].reverse().map((v) => (
        <RoundCard
          key={v.id}
          vote={v}
          list={list}
          meeting={byId.get(v.meetingId)}
          latest={v.id === latest?.id}
          onPaper={onPaper}
          combined={v.id === latest?.id ? result.data : undefined}
          onSettle={() => setSettling(true)}
        />
      ))}
      {/* The dialog picks its meeting when it opens, so it opens once the meetings are known (a slow laptop). */}
      {creating && meetings.data && (
        <RoundDialog list={list} meetings={meetings.data} onClose={() => setCreating(false)} />
      )}
      {settling && result.data && <SettleDialog result={result.data} onClose={() => setSettling(false)} />}
    </Space>
  );
}

function RoundCard({
  vote: v,
  list,
  meeting,
  latest,
  onPaper,
  combined,
  onSettle,
}: {
  vote: ProjectVote;
  list: ProjectList;
  meeting: Meeting | undefined;
  latest: boolean;
  onPaper: (voteId: number, tab?: PaperTab) => void;
  /** The list's combined result, for the latest round: its next step is offered here too. */
  combined?: ListResult;
  onSettle: () => void;
}) {
  const { busy, run } = useAction();
  const offerScreen = useOfferScreen({ kind: 'projectVote', id: v.id, open: v.status === 'open' });
  const confirm = useConfirm();
  const [closing, setClosing] = useState(false);
  const [next, setNext] = useState(false);
  const item = meeting?.agenda.find((a) => a.id === v.agendaItemId);
  const paper = v.mode === 'paper';

  async function stop() {
    const present = v.present ?? 0;
    const ok = await confirm({
      title: `停止第${v.round}轮投票？`,
      content: paper
        ? `票箱封存后停止投票，之后由两名工作人员分别录入纸质选票。出席${present}人。停止后不能再投票。确定停止？`
        : `停止后不再接受投票，未投的代表不能再投。已收回${v.returned}张，未投${present - v.returned}人（出席${present}人）。确定停止？`,
      okText: '停止投票',
      danger: true,
    });
    if (ok)
      await run(
        'stop',
        () => call('projectVotes.stopVoting', { id: v.id }),
        () => '已停止投票，进入计票',
      );
  }

  return (
    <Card
      data-testid={`round-${v.round}`}
      className={latest ? 'round-card latest' : 'round-card'}
      title={
        <Space wrap>
          <span className="round-title">{roundTitle(v)}</span>
          <Tag color={ROUND_STATUS_COLORS[v.status]}>{projectVoteStatusLabels[v.status]}</Tag>
          <span className="muted round-sub">
            {projectVoteModeLabels[v.mode]} · {styleShort(v.style, v.seats)} · 候选{v.candidateIds.length}项
          </span>
          <RoundOrigin meeting={meeting} item={item} />
        </Space>
      }
      extra={
        <Space>
          {v.mode === 'paper' && <RoundPapers roundId={v.id} title={`${list.title}${roundTitle(v)}`} />}
          {v.status === 'pending' && (
            <Button
              type="primary"
              loading={busy === 'open'}
              onClick={() =>
                run(
                  'open',
                  () => call('projectVotes.open', { id: v.id }),
                  (opened) => {
                    offerScreen({
                      kind: 'projectVote',
                      id: opened.id,
                      meetingId: opened.meetingId,
                      agendaItemId: opened.agendaItemId,
                      title: `${list.title}${roundTitle(opened)}投票`,
                    });
                    return '投票开始，候选清单已锁定';
                  },
                )
              }
            >
              开始投票
            </Button>
          )}
          {v.status === 'open' && (
            <Button type="primary" danger loading={busy === 'stop'} onClick={stop}>
              停止投票
            </Button>
          )}
          {v.status === 'counting' && (
            <Button type="primary" onClick={() => setClosing(true)}>
              结束计票…
            </Button>
          )}
          {v.status === 'closed' && v.result && (
            <Button
              type={latest ? 'primary' : 'default'}
              loading={busy === 'reveal'}
              onClick={() =>
                run(
                  'reveal',
                  async () => {
                    await call('screen.show', {
                      mode: 'projectVote',
                      meetingId: v.meetingId,
                      agendaItemId: v.agendaItemId,
                      projectVoteId: v.id,
                    });
                    return call('screen.reveal', { reveal: true });
                  },
                  () => '结果已在大屏公布',
                )
              }
            >
              公布结果（大屏）
            </Button>
          )}
          {v.status === 'closed' && latest && v.result && v.result.outcome !== 'decided' && (
            <Button type="primary" onClick={() => setNext(true)}>
              安排下一轮
            </Button>
          )}
          {v.status === 'closed' && combined?.next.kind === 'settle' && (
            <Button type="primary" onClick={onSettle} data-testid="round-settle">
              处理空缺名额…
            </Button>
          )}
        </Space>
      }
    >
      {v.status === 'pending' && (
        <div className="muted">
          已安排。开始投票时锁定候选清单，冻结应到与实到人数；须已宣布开会且达到法定人数。 通过：{v.pass.basis}。
          {v.scrutineers.length > 0 && ` 监票人：${v.scrutineers.join('、')}。`}
          {v.counters.length > 0 && ` 计票人：${v.counters.join('、')}。`}
        </div>
      )}
      {v.status === 'open' && <OpenProgress vote={v} />}
      {v.status === 'counting' &&
        (paper ? (
          <PaperStatus vote={v} onPaper={onPaper} />
        ) : (
          <div className="round-progress-text">
            已收回电子选票 <b>{v.returned}</b> 张。结束计票后，点“公布结果”在大屏公布。
          </div>
        ))}
      {v.status === 'closed' && <RoundResult vote={v} list={list} combined={combined} />}
      {closing && <CloseDialog vote={v} onClose={() => setClosing(false)} />}
      {next && <NextRoundDialog vote={v} onClose={() => setNext(false)} />}
    </Card>
  );
}

/** While voting: only how many ballots are back out of how many deputies are present — never a tally. */
function OpenProgress({ vote: v }: { vote: ProjectVote }) {
  const present = v.present ?? 0;
  if (v.mode === 'paper') {
    return (
      <div className="round-progress-text">
        纸质选票投票中：出席 <b>{present}</b> 人。投票完毕、票箱封存后点“停止投票”，再由两名工作人员分别录入选票。
      </div>
    );
  }
  return (
    <div className="round-progress" data-testid="round-progress">
      <span className="round-progress-text">
        收回 <b>{v.returned}</b> / 出席 <b>{present}</b>
      </span>
      <Progress percent={present ? Math.round((v.returned / present) * 100) : 0} style={{ flex: 1, maxWidth: 420 }} />
    </div>
  );
}

/** Counting paper ballots: where the two entry batches stand, and the ways into the entry desk. */
function PaperStatus({ vote: v, onPaper }: { vote: ProjectVote; onPaper: (voteId: number, tab?: PaperTab) => void }) {
  const cmp = useApi('projectVotes.paperCompare', { id: v.id }, ['projectVote.changed']);
  const c = cmp.data;
  return (
    <div className="paper-status">
      <Space size={16} wrap>
        <Button size="large" type="primary" onClick={() => onPaper(v.id, '1')}>
          录入第一批
        </Button>
        <Button size="large" type="primary" ghost onClick={() => onPaper(v.id, '2')}>
          录入第二批
        </Button>
        <Button size="large" onClick={() => onPaper(v.id, 'compare')}>
          比对
        </Button>
        <Button size="large" onClick={() => onPaper(v.id, 'totals')}>
          计票单
        </Button>
      </Space>
      {c && (
        <div className="paper-status-line" data-testid="paper-status">
          第一批已录 <b>{c.first}</b> 张，第二批已录 <b>{c.second}</b> 张
          {c.first + c.second > 0 &&
            (c.agreed ? (
              <Tag color="green" style={{ marginLeft: 12 }}>
                两批一致
              </Tag>
            ) : (
              <Tag color="red" style={{ marginLeft: 12 }}>
                {c.differences.length ? `${c.differences.length}张不一致` : '张数不同'}
              </Tag>
            ))}
        </div>
      )}
    </div>
  );
}
