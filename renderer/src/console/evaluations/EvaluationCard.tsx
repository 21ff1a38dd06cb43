import { Button, Card, Collapse, Progress, Space, Tag } from 'antd';
import { useState, type ReactElement } from 'react';
import type { AgendaItem, Attendance, Meeting } from '../../../../shared/contract';
import type { PollRound } from '../../../../shared/contract/poll-types';
import { ROUND_STEPS, roundStatusLabels, type RoundStep } from '../../../../shared/domain/poll-states';
import { call } from '../../api/client';
import { useConfirm } from '../common/confirm';
import { useAction } from '../common/useAction';
import { CloseDialog } from '../projects/CloseDialog';
import { evaluationPath, href } from '../routes';
import { screenInput, useOfferScreen } from '../screen/offerScreen';
import { EVAL_STATUS_COLORS, evaluationModeLabels, evaluationProgress, evaluationStyleLabels } from './common';
import { EvaluationDialog } from './EvaluationDialog';
import { EvaluationResult } from './EvaluationResult';
import { RatingEntry } from './RatingEntry';
import '../projects/projects.css';
import './evaluations.css';

/**
 * A 测评 agenda item on the meeting's 表决 tab: 安排测评, then the current round with only the buttons its state
 * allows (round.steps, from shared/domain/poll-states), its progress (已投/应投, never a tally), and once closed the
 * result; earlier rounds (a void 测评 retaken) stay below.
 */
export function EvaluationCard({
  meeting,
  item,
  rounds,
  attendance,
}: {
  meeting: Meeting;
  item: AgendaItem;
  rounds: PollRound[];
  attendance: Attendance | undefined;
}) {
  const [dialog, setDialog] = useState<'create' | 'edit' | null>(null);
  const current = rounds[rounds.length - 1];
  const earlier = rounds.slice(0, -1).reverse();
  return (
    <Card
      size="small"
      data-testid={`evaluation-${item.position}`}
      title={
        <Space>
          <span className="motion-title">
            {item.position}. {item.title}
          </span>
          <Tag color="geekblue">满意度测评</Tag>
          {current && (
            <Tag color={EVAL_STATUS_COLORS[current.status]} data-testid="evaluation-status">
              {roundStatusLabels[current.status]}
            </Tag>
          )}
          {current && (
            <span className="muted" style={{ fontWeight: 400, fontSize: 13 }}>
              {evaluationModeLabels[current.mode]} ·{' '}
              {evaluationStyleLabels[current.style === 'score' ? 'score' : 'rating']} · {current.items.length}项
            </span>
          )}
        </Space>
      }
      extra={
        meeting.status !== 'closed' && (
          <Space>
            {!current && (
              <Button type="primary" onClick={() => setDialog('create')}>
                安排测评
              </Button>
            )}
            {current && <RoundSteps round={current} onEdit={() => setDialog('edit')} />}
          </Space>
        )
      }
    >
      {!current && (
        <div className="muted">
          尚未安排测评。测评项目可取自本次会议的专项工作报告、票决确定的民生实事项目、手工输入或从 Excel 导入。
        </div>
      )}
      {current && <RoundBody round={current} attendance={attendance} />}
      {earlier.length > 0 && (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={earlier.map((r) => ({
            key: r.id,
            label: `第${r.round}轮：${roundStatusLabels[r.status]}${r.result && 'outcome' in r.result && r.result.outcome === 'void' ? '（无效）' : ''}`,
            children: <EvaluationResult round={r} />,
          }))}
        />
      )}
      {dialog && (
        <EvaluationDialog
          meeting={meeting}
          item={item}
          round={dialog === 'edit' ? current : undefined}
          onClose={() => setDialog(null)}
        />
      )}
    </Card>
  );
}

function RoundBody({ round: r, attendance }: { round: PollRound; attendance: Attendance | undefined }) {
  if (r.status === 'pending') {
    return (
      <div className="muted" data-testid="evaluation-pending">
        已安排：
        {r.items
          .map((x) => x.title)
          .slice(0, 6)
          .join('、')}
        {r.items.length > 6 ? `等${r.items.length}项` : ''}。开始投票时冻结应到、实到人数。
        {r.scrutineers.length > 0 && ` 监票人：${r.scrutineers.join('、')}。`}
        {r.counters.length > 0 && ` 计票人：${r.counters.join('、')}。`}
      </div>
    );
  }
  if (r.status === 'closed') return <EvaluationResult round={r} />;
  const present = r.present ?? 0;
  return (
    <>
      <div className="round-progress" data-testid="evaluation-progress">
        <span className="round-progress-text">{evaluationProgress(r)}</span>
        {r.mode === 'electronic' && (
          <Progress
            percent={present ? Math.round((r.returned / present) * 100) : 0}
            showInfo={false}
            strokeColor="#b71c1c"
            style={{ flex: 1, maxWidth: 420, margin: 0 }}
          />
        )}
      </div>
      {r.steps.includes('cast') && <RatingEntry round={r} attendance={attendance} />}
    </>
  );
}

/** The buttons of a round: exactly its `steps`, labelled as the states table labels them. */
function RoundSteps({ round: r, onEdit }: { round: PollRound; onEdit: () => void }) {
  const { busy, run } = useAction();
  const confirm = useConfirm();
  const offerScreen = useOfferScreen({ kind: 'evaluation', id: r.id, open: r.status === 'open' });
  const [closing, setClosing] = useState(false);
  const target = {
    kind: 'evaluation' as const,
    id: r.id,
    meetingId: r.meetingId,
    agendaItemId: r.agendaItemId,
    title: `测评“${r.title}”`,
  };
  const label = (s: RoundStep) => ROUND_STEPS[s].label;
  const paper = r.mode === 'paper';

  async function stop() {
    const present = r.present ?? 0;
    const ok = await confirm({
      title: '停止投票？',
      content: paper
        ? `票箱封存后停止投票，之后由两名工作人员分别录入测评票。出席${present}人。停止后不能再投票。确定停止？`
        : `停止后不再接受投票。已投${r.returned}人，未投${present - r.returned}人（出席${present}人）。确定停止？`,
      okText: '停止投票',
      danger: true,
    });
    if (ok)
      await run(
        'stopVoting',
        () => call('polls.stopVoting', { id: r.id }),
        () => '已停止投票，进入计票',
      );
  }

  async function nextRound() {
    const ok = await confirm({
      title: '安排下一轮测评？',
      content: `第${r.round}轮的记录保留；下一轮使用相同的测评项目，须重新开始投票。`,
      okText: '安排下一轮',
    });
    if (ok)
      await run(
        'nextRound',
        () => call('polls.nextRound', { id: r.id }),
        () => '已安排下一轮测评',
      );
  }

  const buttons: Partial<Record<RoundStep, ReactElement>> = {
    open: (
      <Button
        key="open"
        type="primary"
        loading={busy === 'open'}
        onClick={() =>
          run(
            'open',
            () => call('polls.open', { id: r.id }),
            () => (offerScreen(target), '测评开始'),
          )
        }
      >
        {label('open')}
      </Button>
    ),
    stopVoting: (
      <Button key="stop" type="primary" danger loading={busy === 'stopVoting'} onClick={stop}>
        {label('stopVoting')}
      </Button>
    ),
    paperEnter: (
      <Button key="enter" href={href(evaluationPath(r.id, '1'))}>
        {label('paperEnter')}
      </Button>
    ),
    countSheet: (
      <Button key="sheet" href={href(evaluationPath(r.id, 'totals'))}>
        {label('countSheet')}
      </Button>
    ),
    close: (
      <Button key="close" type="primary" onClick={() => setClosing(true)}>
        {label('close')}…
      </Button>
    ),
    nextRound: (
      <Button key="next" loading={busy === 'nextRound'} onClick={nextRound}>
        {label('nextRound')}
      </Button>
    ),
    reveal: (
      <Button
        key="reveal"
        type="primary"
        loading={busy === 'reveal'}
        onClick={() =>
          run(
            'reveal',
            async () => {
              await call('screen.show', screenInput(target));
              return call('screen.reveal', { reveal: true });
            },
            () => '结果已在大屏公布',
          )
        }
      >
        {label('reveal')}（大屏）
      </Button>
    ),
  };
  return (
    <>
      {r.status === 'pending' && <Button onClick={onEdit}>修改测评项目</Button>}
      {(r.status === 'open' || r.status === 'counting') && (
        <Button
          loading={busy === 'screen'}
          onClick={() =>
            run(
              'screen',
              () => call('screen.show', screenInput(target)),
              () => '已投到大屏',
            )
          }
        >
          投到大屏
        </Button>
      )}
      {r.steps.map((s) => buttons[s])}
      {closing && <CloseDialog vote={r} api="polls" noun="测评票" onClose={() => setClosing(false)} />}
    </>
  );
}
