import { useCallback, useEffect, useRef, useState } from 'react';
import { LanRefusal, newIdempotencyKey, type LanClient } from '../client';
import type { CastAck, CastBallot, TerminalPoll, TerminalState } from '../protocol';
import { useLanState } from '../useLanState';
import { clearPending, keepPending, loadPending, withRetry } from '../retry';
import {
  confirmationLines,
  countText,
  emptyForm,
  itemTitle,
  markLimit,
  submitProblem,
  toCast,
  toggleChosen,
  unmarkedItems,
  type Form,
} from './ballot-form';

type Sending = { phase: 'sending' | 'retrying' | 'stalled' | 'refused'; retry?: number; message?: string };

const readState = (c: LanClient) => c.terminalState();

/** The deputy's phone: the meeting, his name, and only the round open now; a ballot once cast stays cast. */
export function TerminalApp({ client, demo }: { client: LanClient; demo: boolean }) {
  const { state, error, offline, load } = useLanState<TerminalState>(client, readState);

  return (
    <div className="lan-page">
      {demo && <div className="demo-banner">演示页面：数据只在本机，不会提交到会场主机</div>}
      {offline && (
        <div className="net-banner" role="status">
          网络中断，正在重新连接…
        </div>
      )}
      {error ? (
        <Notice tone="bad" title="无法使用本页" text={error} />
      ) : !state ? (
        <Notice tone="muted" title="正在连接会场主机…" />
      ) : (
        <>
          <header className="lan-head">
            <div className="lan-meeting">{state.meeting.title}</div>
            <div className="lan-who">
              {state.deputy.name}
              {'\u3000'}代表
            </div>
          </header>
          {state.poll ? (
            <PollView key={state.poll.roundId} poll={state.poll} client={client} onCast={load} />
          ) : (
            <Notice tone="muted" title="当前没有进行中的投票" text="请等候主持人宣布开始投票，本页会自动显示选票。" />
          )}
        </>
      )}
    </div>
  );
}

function Notice({ tone, title, text }: { tone: 'bad' | 'muted' | 'good'; title: string; text?: string }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'bad' ? 'alert' : 'status'}>
      <div className="notice-title">{title}</div>
      {text && <div className="notice-text">{text}</div>}
    </div>
  );
}

/** 「满意50项，基本满意12项，未选6项」 for the confirmation bar of a long ballot. */
function tallyText(lines: { mark: string; missing?: boolean }[]): string {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const k = l.missing ? '未选' : l.mark;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k}${n}项`).join('，') + '。提交后不能更改。';
}

const ACK_STORE = (roundId: number) => `yst.lan.ack.${roundId}`;

function PollView({ poll, client, onCast }: { poll: TerminalPoll; client: LanClient; onCast: () => void }) {
  const [form, setForm] = useState<Form>(() => emptyForm(poll));
  const [step, setStep] = useState<'fill' | 'confirm'>('fill');
  const [flash, setFlash] = useState<string | null>(null);
  const [highlight, setHighlight] = useState(false);
  const [sending, setSending] = useState<Sending | null>(null);
  const [ack, setAck] = useState<CastAck | null>(
    () => JSON.parse(sessionStorage.getItem(ACK_STORE(poll.roundId)) ?? 'null') as CastAck | null,
  );
  const listRef = useRef<HTMLDivElement>(null);

  const send = useCallback(
    async (ballot: CastBallot) => {
      const p = keepPending(sessionStorage, poll.roundId, ballot, newIdempotencyKey);
      setSending({ phase: 'sending' });
      try {
        const a = await withRetry(
          () => client.cast({ roundId: p.roundId, idempotencyKey: p.idempotencyKey, ballot: p.ballot }),
          {
            onRetry: (retry) => setSending({ phase: 'retrying', retry }),
          },
        );
        sessionStorage.setItem(ACK_STORE(poll.roundId), JSON.stringify(a));
        clearPending(sessionStorage, poll.roundId);
        setAck(a);
        setSending(null);
        onCast();
      } catch (e) {
        if (e instanceof LanRefusal) {
          clearPending(sessionStorage, poll.roundId);
          setSending({ phase: 'refused', message: e.message });
        } else setSending({ phase: 'stalled' });
      }
    },
    [client, poll.roundId, onCast],
  );

  // A submit left unacknowledged (the tab reloaded mid-retry) is sent again with its own key: counted once at most.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || poll.voted) return;
    resumed.current = true;
    const p = loadPending<CastBallot>(sessionStorage, poll.roundId);
    if (p) void send(p.ballot);
  }, [poll.roundId, poll.voted, send]);

  if (ack || poll.voted) {
    return (
      <div className="done" role="status">
        <div className="done-mark" aria-hidden>
          ✓
        </div>
        <div className="done-title">已提交，不能更改</div>
        <div className="done-text">{poll.title}</div>
        <div className="done-text">
          您的选票已送达会场主机{poll.secret ? '。本轮为无记名投票，选票不与您的姓名关联。' : '。'}
        </div>
        {ack && <div className="done-receipt">回执号：{ack.receipt}</div>}
      </div>
    );
  }

  if (sending && sending.phase !== 'refused') {
    return (
      <div className="sending" role="status">
        {sending.phase === 'sending' && <div className="sending-title">正在提交…</div>}
        {sending.phase === 'retrying' && (
          <>
            <div className="sending-title net-bad">网络中断，正在重试…</div>
            <div className="notice-text">第{sending.retry}次重试。请不要关闭本页，选票只会计一次。</div>
          </>
        )}
        {sending.phase === 'stalled' && (
          <>
            <div className="sending-title net-bad">网络仍未恢复，选票尚未确认送达</div>
            <div className="notice-text">
              请靠近会场无线网络后点「重新发送」。重新发送的仍是刚才的选票，只会计一次。
            </div>
            <button
              className="btn btn-primary btn-block"
              onClick={() =>
                void send(loadPending<CastBallot>(sessionStorage, poll.roundId)?.ballot ?? toCast(poll, form))
              }
            >
              重新发送
            </button>
          </>
        )}
      </div>
    );
  }

  const unmarked = unmarkedItems(poll, form);
  const jumpToUnmarked = () => {
    setHighlight(true);
    const first = unmarked[0];
    if (first) document.getElementById(`item-${first.id}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  const next = () => {
    const problem = submitProblem(poll, form);
    if (problem) {
      setFlash(problem);
      if (unmarked.length) jumpToUnmarked();
      return;
    }
    if (unmarked.length && !highlight) {
      jumpToUnmarked();
      setFlash(`还有${unmarked.length}项未选，已用黄色标出。未选的项目按该项无效计。`);
      return;
    }
    setFlash(null);
    setStep('confirm');
    window.scrollTo(0, 0);
  };

  if (step === 'confirm') {
    const lines = confirmationLines(poll, form);
    const missing = lines.filter((l) => l.missing).length;
    return (
      <div className="confirm">
        <h1 className="poll-title">请核对您的选择</h1>
        <div className="poll-sub">{poll.title}</div>
        {missing > 0 && poll.kind === 'evaluation' && (
          <div className="warn-box">有{missing}项未选，这些项目按无效计。</div>
        )}
        <ol className="confirm-list">
          {lines.map((l, i) => (
            <li key={i} className={l.missing ? 'is-missing' : ''}>
              <span className="confirm-text">{l.text}</span>
              <span className="confirm-mark">{l.mark}</span>
            </li>
          ))}
        </ol>
        {sending?.phase === 'refused' && (
          <div className="warn-box bad" role="alert">
            {sending.message}
          </div>
        )}
        {/* A 75-line list is long: the two buttons stay under the thumb, with what the list adds up to. */}
        <div className="bar" role="region" aria-label="确认">
          <div className="bar-row">
            <div className="bar-count">{lines.length > 3 ? tallyText(lines) : '提交后不能更改。'}</div>
            <button className="btn btn-ghost" onClick={() => setStep('fill')}>
              返回修改
            </button>
            <button className="btn btn-primary" onClick={() => void send(toCast(poll, form))}>
              确认提交
            </button>
          </div>
        </div>
      </div>
    );
  }

  const chosenCount = form.type === 'choose' || form.type === 'rank' ? form.chosen.length : 0;
  return (
    <div className="fill" ref={listRef}>
      <h1 className="poll-title">{poll.title}</h1>
      <div className="poll-sub">
        {poll.secret ? '无记名投票　' : ''}
        {form.type === 'choose' && `请选择不超过${markLimit(poll)}项`}
        {form.type === 'rank' && `按先后点选，最多${markLimit(poll)}项，先点的排在前面`}
        {form.type === 'perItem' && `共${poll.items.length}项，请逐项选择`}
        {form.type === 'score' && `共${poll.items.length}项，请逐项打分（0至100分）`}
      </div>

      {form.type === 'motion' && (
        <div className="motion">
          {poll.choices.map((c) => (
            <button
              key={c.value}
              className={`btn btn-choice choice-${c.value} ${form.choice === c.value ? 'is-on' : ''}`}
              aria-pressed={form.choice === c.value}
              onClick={() => setForm({ type: 'motion', choice: c.value })}
            >
              {c.label}
            </button>
          ))}
        </div>
      )}

      {(form.type === 'choose' || form.type === 'rank') && (
        <ul className="pick-list">
          {poll.items.map((i) => {
            const at = form.chosen.indexOf(i.id);
            return (
              <li key={i.id}>
                <button
                  className={`pick ${at >= 0 ? 'is-on' : ''}`}
                  aria-pressed={at >= 0}
                  onClick={() => {
                    const r = toggleChosen(poll, form.chosen, i.id);
                    setForm({ type: form.type, chosen: r.chosen });
                    setFlash(r.refusal);
                  }}
                >
                  <span className="pick-box">{at >= 0 ? (form.type === 'rank' ? at + 1 : '✓') : ''}</span>
                  <span className="pick-name">{itemTitle(i, poll.kind)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}

      {form.type === 'perItem' && (
        <ol className="item-list">
          {poll.items.map((i) => {
            const mark = form.marks[i.id];
            return (
              <li
                key={i.id}
                id={`item-${i.id}`}
                className={`item ${mark === undefined && highlight ? 'is-unmarked' : ''}`}
              >
                <div className="item-name">
                  {itemTitle(i, poll.kind)}
                  {mark === undefined && highlight && <span className="tag-unmarked">未选</span>}
                </div>
                <div
                  className={`seg seg-${poll.choices.length}`}
                  role="radiogroup"
                  aria-label={itemTitle(i, poll.kind)}
                >
                  {poll.choices.map((c) => (
                    <button
                      key={c.value}
                      role="radio"
                      aria-checked={mark === c.value}
                      className={`seg-btn choice-${c.value} ${mark === c.value ? 'is-on' : ''}`}
                      onClick={() => setForm({ type: 'perItem', marks: { ...form.marks, [i.id]: c.value } })}
                    >
                      {c.label}
                    </button>
                  ))}
                </div>
              </li>
            );
          })}
        </ol>
      )}

      {form.type === 'score' && (
        <ol className="item-list">
          {poll.items.map((i) => (
            <li
              key={i.id}
              id={`item-${i.id}`}
              className={`item ${form.scores[i.id] === undefined && highlight ? 'is-unmarked' : ''}`}
            >
              <div className="item-name">{itemTitle(i, poll.kind)}</div>
              <input
                className="score-input"
                type="number"
                inputMode="numeric"
                min={0}
                max={100}
                aria-label={`${itemTitle(i, poll.kind)}的评分`}
                value={form.scores[i.id] ?? ''}
                onChange={(e) => {
                  const n =
                    e.target.value === '' ? undefined : Math.max(0, Math.min(100, Math.round(Number(e.target.value))));
                  const scores = { ...form.scores };
                  if (n === undefined || Number.isNaN(n)) delete scores[i.id];
                  else scores[i.id] = n;
                  setForm({ type: 'score', scores });
                }}
              />
            </li>
          ))}
        </ol>
      )}

      <div className="bar" role="region" aria-label="提交">
        {flash && (
          <div className="flash" role="alert">
            {flash}
          </div>
        )}
        <div className="bar-row">
          <div className="bar-count" aria-live="polite">
            {(form.type === 'choose' || form.type === 'rank') && countText(poll, chosenCount)}
            {(form.type === 'perItem' || form.type === 'score') &&
              (unmarked.length ? (
                <>
                  已选{poll.items.length - unmarked.length}项，
                  <span className="n-unmarked">未选{unmarked.length}项</span>
                </>
              ) : (
                `${poll.items.length}项已全部选择`
              ))}
          </div>
          {(form.type === 'perItem' || form.type === 'score') && unmarked.length > 0 && (
            <button className="btn btn-ghost" onClick={jumpToUnmarked}>
              跳到未选
            </button>
          )}
          <button className="btn btn-primary" onClick={next}>
            下一步：核对
          </button>
        </div>
      </div>
    </div>
  );
}
