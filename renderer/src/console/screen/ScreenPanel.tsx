import { App, Button, Card, Col, Input, InputNumber, Row, Select, Space, Tag, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  meetingStatusLabels,
  projectVoteStatusLabels,
  screenModeLabels,
  voteStatusLabels,
  type Input as ApiInput,
  type ScreenMode,
  type ScreenState,
  type ScreenView,
} from '../../../../shared/contract';
import { roundStatusLabels } from '../../../../shared/domain/poll-states';
import { call, errorMessage } from '../../api/client';
import { useApi } from '../../api/hooks';
import { isInField } from '../common/keys';
import { byUse } from '../meetings/meetingOrder';
import { useScreenView } from '../../projector/useScreenView';
import { ProjectorWindow } from './ProjectorWindow';
import { ScreenThumbnail } from './ScreenThumbnail';
import { nextAgendaItem } from './nextItem';
import { useScreenChoices } from './useScreenChoices';
import './screen.css';

type Show = ApiInput<'screen.show'>;

const PRESETS: [string, number | null][] = [
  ['休会十分钟', 10],
  ['请代表们入座，会议即将开始', null],
  ['请代表们将手机调至静音', null],
];

/** Which content a blanked screen held: the screen record keeps its targets while black, so B can bring it back. */

export function restorableMode(s: ScreenState): Exclude<ScreenMode, 'blank'> | null {
  if (s.roundId) return 'evaluation';
  if (s.projectVoteId) return 'projectVote';
  if (s.voteId) return 'vote';
  if (s.message) return 'message';
  if (s.meetingId) return 'meeting';
  return null;
}

function secondsLeft(view: ScreenView, offset: number): number | null {
  if (!view.state.countdownEndsAt) return null;
  const s = Math.round((Date.parse(view.state.countdownEndsAt) - (Date.now() + offset)) / 1000);
  return s > 0 ? s : null;
}

function describe(view: ScreenView | null): string {
  if (!view) return '正在读取……';
  const s = view.state;
  switch (s.mode) {
    case 'blank':
      return '黑屏';
    case 'message':
      return `文字通知：${s.message ?? ''}`;
    case 'meeting':
      return `会议：${view.meeting?.title ?? ''}${view.currentItem ? `，议程${view.currentItem.position}：${view.currentItem.title}` : ''}`;
    case 'vote':
      return view.vote ? `表决：${view.vote.title}（${voteStatusLabels[view.vote.status]}）` : '表决';
    case 'projectVote':
      return view.projectVote
        ? `项目票决：${view.projectVote.listTitle} 第${view.projectVote.round}轮（${projectVoteStatusLabels[view.projectVote.status]}）`
        : '项目票决';
    case 'evaluation':
      return view.evaluation
        ? `满意度测评：${view.evaluation.title}${view.evaluation.round > 1 ? ` 第${view.evaluation.round}轮` : ''}（${projectVoteStatusLabels[view.evaluation.status]}）`
        : '满意度测评';
  }
}

/**
 * 投影: the clerk's control of the hall screen. A live thumbnail of what the hall sees, the content to put on it,
 * 公布 for a closed vote, black-out and notices, with one-key shortcuts (B, P, N, M) for use during the session.
 */
export function ScreenPanel() {
  const { message } = App.useApp();
  const live = useScreenView();
  const view = live.view;
  const meetings = useApi('meetings.list', {}, ['meeting.changed']);

  const [pickedMeeting, setMeetingId] = useState<number | null>(null);
  const [pickedItem, setAgendaItemId] = useState<number | null | undefined>(undefined);
  const [pickedVote, setVoteId] = useState<number | null>(null);
  const [pickedProjectVote, setProjectVoteId] = useState<number | null>(null);
  const [pickedEvaluation, setEvaluationId] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [minutes, setMinutes] = useState<number | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const messageBox = useRef<InputRef>(null);
  const blankedFrom = useRef<Exclude<ScreenMode, 'blank'> | null>(null);

  // Until the clerk picks, follow what is on the screen, else the meeting in session, else the newest.
  const list = meetings.data ?? [];
  const meetingId =
    pickedMeeting ?? view?.state.meetingId ?? list.find((m) => m.status === 'open')?.id ?? list[0]?.id ?? null;
  const meeting = list.find((m) => m.id === meetingId) ?? null;
  const onScreenHere = !!view && view.state.meetingId === meetingId;
  const agendaItemId = pickedItem !== undefined ? pickedItem : onScreenHere ? view.state.agendaItemId : null;
  const { votes, projectVotes, evaluations } = useScreenChoices(meeting);
  const voteId =
    (pickedVote && votes.some((v) => v.id === pickedVote) ? pickedVote : null) ??
    (view?.state.voteId && votes.some((v) => v.id === view.state.voteId) ? view.state.voteId : null) ??
    votes.find((v) => v.status === 'open')?.id ??
    votes[votes.length - 1]?.id ??
    null;
  const projectVoteId =
    (pickedProjectVote && projectVotes.some((v) => v.id === pickedProjectVote) ? pickedProjectVote : null) ??
    projectVotes.find((v) => v.status === 'open' || v.status === 'counting')?.id ??
    projectVotes[projectVotes.length - 1]?.id ??
    null;

  const evaluationId =
    (pickedEvaluation && evaluations.some((r) => r.id === pickedEvaluation) ? pickedEvaluation : null) ??
    evaluations.find((r) => r.status === 'open' || r.status === 'counting')?.id ??
    evaluations[evaluations.length - 1]?.id ??
    null;

  const shownResultTarget =
    view?.state.mode === 'vote'
      ? view.vote
      : view?.state.mode === 'projectVote'
        ? view.projectVote
        : view?.state.mode === 'evaluation'
          ? view.evaluation
          : null;
  const canReveal = !!shownResultTarget && shownResultTarget.status === 'closed' && !view?.state.revealed;
  const revealed = !!shownResultTarget && shownResultTarget.status === 'closed' && !!view?.state.revealed;

  async function act<T>(key: string, fn: () => Promise<T>, done?: string): Promise<T | undefined> {
    setBusy(key);
    try {
      const r = await fn();
      if (done) message.success(done);
      return r;
    } catch (e) {
      message.error(errorMessage(e));
      return undefined;
    } finally {
      setBusy(null);
    }
  }
  // What the screen shows as far as this console knows: the live view, or the answer to our own last change if that
  // is newer — so B or N pressed twice in quick succession works from the state the first press produced.
  const liveView = useRef<ScreenView | null>(null);
  useEffect(() => {
    liveView.current = view;
  }, [view]);
  const ours = useRef<ScreenView | null>(null);
  const latest = (): ScreenView | null => {
    const [a, b] = [ours.current, liveView.current];
    if (!a || !b) return a ?? b;
    return a.state.updatedAt > b.state.updatedAt ? a : b;
  };
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const inTurn = (fn: () => unknown) => {
    queue.current = queue.current.then(fn).catch(() => undefined);
  };
  const show = (key: string, input: Show, done?: string) =>
    act(
      key,
      async () => {
        const r = await call('screen.show', input);
        ours.current = r;
        return r;
      },
      done,
    );

  const showMeeting = () => {
    if (!meetingId) return message.warning('请先选择会议');
    void show('meeting', { mode: 'meeting', meetingId, agendaItemId });
  };
  const showVote = () => {
    if (!voteId) return message.warning('本次会议还没有安排表决');
    void show('vote', { mode: 'vote', meetingId, voteId });
  };
  const showProjectVote = () => {
    if (!projectVoteId) return message.warning('本次会议还没有安排项目票决');
    void show('projectVote', { mode: 'projectVote', meetingId, projectVoteId });
  };
  const showEvaluation = () => {
    if (!evaluationId) return message.warning('本次会议还没有安排满意度测评');
    void show('evaluation', { mode: 'evaluation', meetingId, roundId: evaluationId });
  };
  const showMessage = () => {
    const t = text.trim();
    if (!t) {
      messageBox.current?.focus();
      return message.warning('请填写要显示的文字');
    }
    void show('message', { mode: 'message', message: t, countdownSeconds: minutes ? Math.round(minutes * 60) : null });
  };
  const reveal = () => {
    if (!canReveal)
      return message.warning(
        shownResultTarget
          ? shownResultTarget.status === 'closed'
            ? '结果已公布'
            : '表决尚未结束，不能公布结果'
          : '投影上没有表决',
      );
    void act('reveal', async () => (ours.current = await call('screen.reveal', { reveal: true })), '已公布结果');
  };

  /** B: black out, keeping what was shown (the record keeps its targets), and bring it back on the next press. */
  const toggleBlank = () =>
    inTurn(async () => {
      const now = latest();
      if (!now) return;
      const s = now.state;
      const keep = {
        meetingId: s.meetingId,
        agendaItemId: s.agendaItemId,
        voteId: s.voteId,
        projectVoteId: s.projectVoteId,
        roundId: s.roundId,
        message: s.message,
        countdownSeconds: secondsLeft(now, live.offset),
      };
      if (s.mode !== 'blank') {
        blankedFrom.current = s.mode;
        return show('blank', { mode: 'blank', ...keep });
      }
      const mode = blankedFrom.current ?? restorableMode(s);
      blankedFrom.current = null;
      if (!mode) return message.info('黑屏前没有显示内容，请选择要显示的内容');
      return show('blank', { mode, ...keep });
    });

  /** N: the next agenda item of the meeting on screen (or the chosen one), in meeting mode. */
  const nextItem = () =>
    inTurn(async () => {
      const now = latest();
      const m = list.find((x) => x.id === (now?.state.meetingId ?? meetingId));
      if (!m) return message.warning('请先选择会议');
      if (!m.agenda.length) return message.warning('该会议还没有议程');
      const next = nextAgendaItem(m.agenda, now, m.id);
      if (!next) return message.info('已是最后一项议程');
      setMeetingId(m.id);
      setAgendaItemId(next.id);
      return show('next', { mode: 'meeting', meetingId: m.id, agendaItemId: next.id });
    });

  const keys = useRef({ toggleBlank, reveal, nextItem });
  useEffect(() => {
    keys.current = { toggleBlank, reveal, nextItem };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      if (isInField(e.target)) return;
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return;
      const k = e.key.toLowerCase();
      if (k === 'b') keys.current.toggleBlank();
      else if (k === 'p') keys.current.reveal();
      else if (k === 'n') keys.current.nextItem();
      else if (k === 'm') messageBox.current?.focus();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const mode = view?.state.mode;
  return (
    <div className="page screen-panel">
      <div className="page-title">
        <h2>投影</h2>
        <span className="muted">控制会场大屏：显示会议与出席、表决进度，表决结束后公布结果</span>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <Card
            title="大屏画面（实时）"
            extra={
              <Space>
                {mode && (
                  <Tag color={mode === 'blank' ? 'default' : 'red'} data-testid="screen-mode">
                    {screenModeLabels[mode]}
                  </Tag>
                )}
                {revealed && <Tag color="green">结果已公布</Tag>}
              </Space>
            }
          >
            <ScreenThumbnail view={view} offset={live.offset} error={live.error} />
            <div className="screen-now" data-testid="screen-now">
              {describe(view)}
            </div>
            {live.error && <div className="screen-error">{live.error}</div>}
            <Space wrap style={{ marginTop: 12 }}>
              <Button type="primary" size="large" disabled={!canReveal} loading={busy === 'reveal'} onClick={reveal}>
                公布 <span className="kbd-inline">P</span>
              </Button>
              {revealed && (
                <Button
                  size="large"
                  loading={busy === 'hide'}
                  onClick={() => void act('hide', () => call('screen.reveal', { reveal: false }), '已撤下结果')}
                >
                  撤下结果
                </Button>
              )}
              {/* B and N answer at once and come in quick succession: no spinner, whose exit animation a second press
                  can cut short and leave hanging. */}
              <Button size="large" danger={mode !== 'blank'} onClick={toggleBlank}>
                {mode === 'blank' ? '恢复' : '黑屏'} <span className="kbd-inline">B</span>
              </Button>
              <Button size="large" onClick={nextItem}>
                下一项议程 <span className="kbd-inline">N</span>
              </Button>
            </Space>
          </Card>
          <Card size="small" title="快捷键" style={{ marginTop: 16 }} data-testid="screen-shortcuts">
            <div className="screen-keys">
              <span>
                <kbd className="kbd">B</kbd> 黑屏 / 恢复原内容
              </span>
              <span>
                <kbd className="kbd">P</kbd> 公布结果（表决结束后）
              </span>
              <span>
                <kbd className="kbd">N</kbd> 下一项议程
              </span>
              <span>
                <kbd className="kbd">M</kbd> 输入文字通知（Esc 退出输入框）
              </span>
            </div>
          </Card>
          <Card size="small" title="投影窗口" style={{ marginTop: 16 }}>
            <ProjectorWindow />
          </Card>
        </Col>

        <Col xs={24} xl={11}>
          <Card size="small" title="会议与议程">
            <div className="screen-field">
              <label htmlFor="screen-meeting">会议</label>
              <Select
                id="screen-meeting"
                style={{ width: '100%' }}
                loading={meetings.loading && !meetings.data}
                value={meetingId ?? undefined}
                placeholder="请选择会议"
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent="还没有会议"
                onChange={(v: number) => {
                  setMeetingId(v);
                  setAgendaItemId(null);
                  setVoteId(null);
                  setProjectVoteId(null);
                  setEvaluationId(null);
                }}
                options={byUse(list).map((m) => ({
                  value: m.id,
                  label: `${m.title}（${meetingStatusLabels[m.status]}）`,
                }))}
              />
            </div>
            <div className="screen-field">
              <label htmlFor="screen-item">当前议程</label>
              <Select
                id="screen-item"
                style={{ width: '100%' }}
                value={agendaItemId ?? 0}
                onChange={(v: number) => setAgendaItemId(v || null)}
                options={[
                  { value: 0, label: '（不显示议程）' },
                  ...(meeting?.agenda ?? []).map((a) => ({ value: a.id, label: `${a.position}. ${a.title}` })),
                ]}
              />
            </div>
            <Button type="primary" loading={busy === 'meeting'} onClick={showMeeting} disabled={!meetingId}>
              显示会议
            </Button>
            <span className="muted" style={{ marginLeft: 8, fontSize: 13 }}>
              会议名称、当前议程、应到实到与法定人数
            </span>
          </Card>

          <Card size="small" title="表决" style={{ marginTop: 16 }}>
            <div className="screen-field">
              <label htmlFor="screen-vote">表决事项</label>
              <Space.Compact style={{ width: '100%' }}>
                <Select
                  id="screen-vote"
                  style={{ flex: 1, minWidth: 0 }}
                  value={voteId ?? undefined}
                  placeholder="本次会议还没有安排表决"
                  onChange={(v: number) => setVoteId(v)}
                  options={votes.map((v) => ({
                    value: v.id,
                    label: `${v.title}${v.round > 1 ? ` 第${v.round}轮` : ''}（${voteStatusLabels[v.status]}）`,
                  }))}
                />
                <Button type="primary" loading={busy === 'vote'} onClick={showVote} disabled={!voteId}>
                  显示表决
                </Button>
              </Space.Compact>
            </div>
            <div className="screen-field">
              <label htmlFor="screen-pv">项目票决</label>
              <Space.Compact style={{ width: '100%' }}>
                <Select
                  id="screen-pv"
                  style={{ flex: 1, minWidth: 0 }}
                  value={projectVoteId ?? undefined}
                  placeholder="本次会议还没有安排项目票决"
                  onChange={(v: number) => setProjectVoteId(v)}
                  options={projectVotes.map((v) => ({
                    value: v.id,
                    label: `${v.listTitle} 第${v.round}轮（${projectVoteStatusLabels[v.status]}）`,
                  }))}
                />
                <Button
                  type="primary"
                  loading={busy === 'projectVote'}
                  onClick={showProjectVote}
                  disabled={!projectVoteId}
                >
                  显示票决
                </Button>
              </Space.Compact>
            </div>
            <div className="screen-field">
              <label htmlFor="screen-eval">满意度测评</label>
              <Space.Compact style={{ width: '100%' }}>
                <Select
                  id="screen-eval"
                  style={{ flex: 1, minWidth: 0 }}
                  value={evaluationId ?? undefined}
                  placeholder="本次会议还没有安排满意度测评"
                  onChange={(v: number) => setEvaluationId(v)}
                  options={evaluations.map((r) => ({
                    value: r.id,
                    label: `${r.title}${r.round > 1 ? ` 第${r.round}轮` : ''}（${roundStatusLabels[r.status]}）`,
                  }))}
                />
                <Button
                  type="primary"
                  loading={busy === 'evaluation'}
                  onClick={showEvaluation}
                  disabled={!evaluationId}
                >
                  显示测评
                </Button>
              </Space.Compact>
            </div>
            <div className="muted" style={{ fontSize: 13 }}>
              表决进行中只显示已投票数；结束后按“公布”才显示结果。
            </div>
          </Card>

          <Card size="small" title="文字通知" style={{ marginTop: 16 }}>
            <div className="screen-field">
              <label htmlFor="screen-message">文字（M）</label>
              <Input
                id="screen-message"
                ref={messageBox}
                value={text}
                maxLength={200}
                placeholder="例如：休会十分钟"
                onChange={(e) => setText(e.target.value)}
                onPressEnter={showMessage}
                onKeyDown={(e) => e.key === 'Escape' && messageBox.current?.blur()}
              />
            </div>
            <Space wrap>
              <span>
                <label htmlFor="screen-minutes">倒计时</label>{' '}
                <InputNumber
                  id="screen-minutes"
                  min={0}
                  max={600}
                  value={minutes}
                  onChange={(v) => setMinutes(v)}
                  placeholder="不倒计时"
                  style={{ width: 120 }}
                  suffix="分钟"
                />
              </span>
              <Button type="primary" loading={busy === 'message'} onClick={showMessage}>
                显示通知
              </Button>
            </Space>
            <div className="screen-presets">
              {PRESETS.map(([t, m]) => (
                <Button
                  key={t}
                  size="small"
                  type="dashed"
                  onClick={() => {
                    setText(t);
                    setMinutes(m);
                  }}
                >
                  {t}
                  {m ? `（${m}分钟）` : ''}
                </Button>
              ))}
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
