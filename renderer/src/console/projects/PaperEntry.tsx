import { Button, Input, Tag, Tooltip, type InputRef } from 'antd';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Input as ApiInput, PaperBatch, Project, ProjectVote } from '../../../../shared/contract';
import { call, errorMessage, onEvent } from '../../api/client';
import { checkKeys, keysFromText, previewKeys, styleHint } from './ballotKeys';

/**
 * What one ballot style brings to the paper desk: how its keys read, what the clerk sees while typing, and the
 * ballot reference beside the box. 票决 (projectKeying below) and 测评 (../evaluations/ratingKeying) share the desk.
 */
export interface PaperKeying {
  hint: string;
  /** The same reading the host applies, so a typo is caught before anything is sent. */
  check(text: string): { error: string } | { voidReason: string | null };
  /** Under the box: the ballot as the typed keys read. */
  feedback(text: string): ReactNode;
  /** The ballot's entries beside the box, lit as they are typed. */
  sideTitle: string;
  side(text: string): ReactNode;
  help: ReactNode;
  /** A saved ballot in the 最近录入 list (default: its text). */
  recent?(text: string, voidBallot: boolean): ReactNode;
  /** What to put back in the box to correct a ballot read back as `text`. */
  rekeyText(text: string): string;
  /** An empty box is a valid blank ballot (票决), confirmed by a second Enter; otherwise it is a typo. */
  blankAllowed: boolean;
}

/** Which engine methods key the stack: the 票决 ones, or the one engine's (测评). Same input either way. */
export type PaperApi = 'projectVotes' | 'polls';
type EnterInput = ApiInput<'polls.paperEnter'>;
export const paperEnter = (api: PaperApi, input: EnterInput) =>
  api === 'polls' ? call('polls.paperEnter', input) : call('projectVotes.paperEnter', input);
const paperBatch = (api: PaperApi, id: number, batch: 1 | 2) =>
  api === 'polls' ? call('polls.paperBatch', { id, batch }) : call('projectVotes.paperBatch', { id, batch });
/** A round's changes arrive as projectVote.changed (票决) or poll.changed (any round of the engine): both are heard. */
export function onRoundChanged(id: number, fn: (status: string | null) => void): () => void {
  const offs = [
    onEvent('projectVote.changed', (p) => (!p || p.voteId === id) && fn(p?.status ?? null)),
    onEvent('poll.changed', (p) => (!p || p.roundId === id) && fn(p?.status ?? null)),
  ];
  return () => offs.forEach((off) => off());
}

const MARK_TEXT = { yes: '', no: '反对 ', abstain: '弃权 ' } as const;

/** The 票决 ballot on the desk: project numbers, as ballotKeys.ts reads them. */
export function projectKeying(vote: Pick<ProjectVote, 'style' | 'seats'>, candidates: Project[]): PaperKeying {
  return {
    hint: styleHint(vote.style, candidates),
    check: (text) => checkKeys(vote.style, vote.seats, text, candidates),
    feedback: (text) => {
      const preview = previewKeys(vote.style, text, candidates);
      const live = text.trim() ? checkKeys(vote.style, vote.seats, text, candidates) : null;
      return (
        <>
          {preview.allBut && (
            <span className="entry-allbut" data-testid="entry-allbut">
              {preview.allBut.length ? `除${preview.allBut.join('、')}外全部` : '全部'}：
            </span>
          )}
          {preview.tokens.map((t, i) => (
            <span key={t.key} className={`entry-token ${t.name ? MARK_CLASS[t.mark] : 'mark-unknown'}`}>
              {vote.style === 'rank' && <small>{i + 1}.</small>}
              {MARK_TEXT[t.mark]}
              {t.number}
              {t.name ? ` ${t.name}` : ' ？没有此编号'}
            </span>
          ))}
          {live && !('error' in live) && (
            <span className={live.voidReason ? 'entry-warn' : 'muted'}>
              {live.voidReason
                ? `将计为无效票：${live.voidReason.replace(/，作废$/, '')}`
                : `${preview.tokens.length}项，回车确认`}
            </span>
          )}
        </>
      );
    },
    sideTitle: '候选项目（选票编号）',
    side: (text) => (
      <CandidateReference
        candidates={candidates}
        typedKey={previewKeys(vote.style, text, candidates)
          .tokens.map((t) => `${t.mark}:${t.number}`)
          .join(',')}
      />
    ),
    help: (
      <>
        {styleHint(vote.style, candidates)}。回车确认，F2 作废，Ctrl+Z 更正上一张，Esc 清空。
        {vote.style === 'choose' && `勾选超过${vote.seats}项的选票自动计为无效票。`}
      </>
    ),
    rekeyText: keysFromText,
    blankAllowed: true,
  };
}

interface Pending {
  key: number;
  keys: string;
  void: boolean;
  /** Set when correcting an earlier ballot; otherwise the ballot goes after the last one. */
  seq?: number;
}

const MARK_CLASS = { yes: 'mark-yes', no: 'mark-no', abstain: 'mark-abstain' } as const;

/**
 * Keying one batch of paper ballots, built for speed: one big input that keeps the focus; type the numbers marked
 * on the ballot and press Enter, F2 for a void ballot, Ctrl+Z to re-key the previous one. Ballots are sent one
 * after another in the background, so the clerk never waits for the host between ballots; a typo is caught locally
 * with the same parser the host uses, and the text stays in the box to be fixed.
 */
export function PaperEntry({
  vote,
  keying,
  batch,
  api = 'projectVotes',
}: {
  vote: { id: number; status: string };
  keying: PaperKeying;
  batch: 1 | 2;
  api?: PaperApi;
}) {
  const enabled = vote.status === 'counting';
  const [state, setState] = useState<PaperBatch | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [blankArmed, setBlankArmed] = useState(false);
  const [correcting, setCorrecting] = useState<{ seq: number; was: string } | null>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const queue = useRef<Pending[]>([]);
  const running = useRef(false);
  const nextKey = useRef(1);
  const input = useRef<InputRef>(null);
  // The newest batch state, for handlers that run after waiting for the queue; and who waits for it to drain.
  const latest = useRef<PaperBatch | null>(null);
  const idle = useRef<(() => void)[]>([]);
  const show = (s: PaperBatch) => {
    latest.current = s;
    setState(s);
  };

  const load = useCallback(async () => {
    try {
      const s = await paperBatch(api, vote.id, batch);
      latest.current = s;
      setState(s);
      setLoadError(null);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [vote.id, batch, api]);

  // Another desk may correct this batch (from 比对): refetch on events — but our own ballots raise them too, so only
  // after a quiet moment and never while our own ballots are in flight.
  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onRoundChanged(vote.id, () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!running.current) void load();
      }, 600);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [load, vote.id]);

  const focus = () => input.current?.focus();

  async function pump() {
    if (running.current) return;
    running.current = true;
    while (queue.current.length) {
      const item = queue.current[0]!;
      try {
        const s = await paperEnter(api, {
          id: vote.id,
          batch,
          keys: item.keys,
          void: item.void,
          ...(item.seq ? { seq: item.seq } : {}),
        });
        queue.current.shift();
        show(s);
        setPending([...queue.current]);
      } catch (e) {
        // Stop: the failed ballot goes back into the box; anything typed after it is listed, not silently lost.
        const lost = queue.current.splice(0);
        setPending([]);
        const later = lost.slice(1).map((p) => (p.void ? '作废' : p.keys || '空白票'));
        setError(
          `${errorMessage(e)}${later.length ? `。其后输入的${later.length}张未保存，请重新录入：${later.join('；')}` : ''}`,
        );
        if (item.seq) setCorrecting({ seq: item.seq, was: '' });
        setText(item.void ? '' : item.keys);
        void load();
        break;
      }
    }
    running.current = false;
    idle.current.splice(0).forEach((resolve) => resolve());
  }

  const whenIdle = () =>
    running.current ? new Promise<void>((resolve) => idle.current.push(resolve)) : Promise.resolve();

  function enqueue(item: Omit<Pending, 'key'>) {
    queue.current.push({ ...item, key: nextKey.current++ });
    setPending([...queue.current]);
    setText('');
    setError(null);
    setBlankArmed(false);
    setCorrecting(null);
    void pump();
  }

  function submit(value: string) {
    if (!enabled) return;
    const keys = value.trim();
    if (!keys && keying.blankAllowed && !blankArmed) {
      setBlankArmed(true);
      return;
    }
    const check = keying.check(keys);
    if ('error' in check) {
      setError(check.error);
      return;
    }
    enqueue({ keys, void: false, ...(correcting ? { seq: correcting.seq } : {}) });
  }

  function markVoid() {
    if (!enabled) return;
    enqueue({ keys: '', void: true, ...(correcting ? { seq: correcting.seq } : {}) });
    focus();
  }

  function correct(seq: number, was: string) {
    if (!enabled) return;
    setCorrecting({ seq, was });
    setText(keying.rekeyText(was));
    setError(null);
    setBlankArmed(false);
    // Select what was keyed so typing replaces it, while the arrow keys still allow a small fix.
    setTimeout(() => input.current?.focus({ cursor: 'all' }), 0);
  }

  // Ctrl+Z right after Enter: wait for that ballot to be saved, then bring it back.
  async function correctLast() {
    await whenIdle();
    const last = latest.current?.recent[0];
    if (last) correct(last.seq, last.text);
    else setError('还没有录入选票');
  }

  // F2 (作废) and Ctrl+Z (更正上一张) work wherever the focus is on this screen.
  const keyHandler = useRef<(e: KeyboardEvent) => void>(() => {});
  useEffect(() => {
    keyHandler.current = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        markVoid();
      } else if ((e.ctrlKey || e.metaKey) && !e.shiftKey && (e.key === 'z' || e.key === 'Z')) {
        e.preventDefault();
        void correctLast();
      }
    };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keyHandler.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const feedback = useMemo(() => keying.feedback(text), [keying, text]);
  // The box and the ballot number update at once on every key and Enter; the reference list beside the box and the
  // recent ballots (75 items each on a 测评 ballot) follow a moment later, so the next empty ballot never waits for them.
  const sideText = useDeferredValue(text);
  const side = useMemo(() => keying.side(sideText), [keying, sideText]);
  const appended = pending.filter((p) => !p.seq);
  const nextSeq = (state?.nextSeq ?? 1) + appended.length;
  const count = (state?.count ?? 0) + appended.length;

  // What the clerk just keyed, newest first: ballots still being saved, then what the host has.
  const recent = useMemo(() => {
    const firstNew = state?.nextSeq ?? 1;
    let n = 0;
    const saving = pending.map((p) => ({
      key: `p${p.key}`,
      seq: p.seq ?? firstNew + n++,
      text: p.void ? '作废' : p.keys || '空白票',
      void: p.void,
      voidReason: null as string | null,
      saving: true,
    }));
    const saved = (state?.recent ?? []).map((b) => ({
      key: `s${b.seq}`,
      seq: b.seq,
      text: b.text,
      void: b.void,
      voidReason: b.voidReason,
      saving: false,
    }));
    return [...saving.reverse(), ...saved].slice(0, 8);
  }, [pending, state]);
  const shownRecent = useDeferredValue(recent);

  // The lists below re-render only when a ballot is saved or a typed number changes, not on every keystroke.
  const correctRef = useRef(correct);
  useEffect(() => {
    correctRef.current = correct;
  });
  const onCorrect = useCallback((seq: number, was: string) => correctRef.current(seq, was), []);

  return (
    <div className="paper-entry">
      <div className="paper-main">
        <div className={`entry-card batch-${batch}`}>
          <div className="entry-top">
            <span className="entry-batch" data-testid="entry-batch">
              第{batch === 1 ? '一' : '二'}批
            </span>
            <span className="entry-seq" data-testid="entry-seq">
              {correcting ? `更正第${correcting.seq}张` : `第${nextSeq}张`}
            </span>
            {correcting && (
              <span className="entry-correcting">
                原录：{correcting.was || '—'}
                <Button
                  size="small"
                  type="link"
                  onClick={() => {
                    setCorrecting(null);
                    setText('');
                    focus();
                  }}
                >
                  取消更正（Esc）
                </Button>
              </span>
            )}
          </div>
          <Input
            ref={input}
            className={`entry-input${error ? ' has-error' : ''}${correcting ? ' correcting' : ''}`}
            aria-label="选票录入"
            data-testid="ballot-input"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            disabled={!enabled}
            placeholder={keying.hint}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setBlankArmed(false);
              if (error) setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                submit(e.currentTarget.value);
              } else if (e.key === 'Escape') {
                setCorrecting(null);
                setText('');
                setError(null);
                setBlankArmed(false);
              }
            }}
            onBlur={() =>
              setTimeout(() => {
                // Keep the focus on the box unless the clerk has moved to another field on purpose.
                const a = document.activeElement;
                if (!a || a === document.body) focus();
              }, 0)
            }
          />
          <div className="entry-feedback" data-testid="entry-feedback">
            {error ? (
              <span className="entry-error" role="alert" data-testid="entry-error">
                {error}
              </span>
            ) : blankArmed ? (
              <span className="entry-warn">空白选票？再按一次回车确认录入空白票（有效票，未选任何项目）</span>
            ) : (
              feedback
            )}
          </div>
          <div className="entry-buttons">
            <Button
              size="large"
              type="primary"
              disabled={!enabled}
              onClick={() => {
                submit(text);
                focus();
              }}
            >
              确认（Enter）
            </Button>
            <Button size="large" danger disabled={!enabled} onClick={markVoid}>
              作废（F2）
            </Button>
            <Button size="large" disabled={!enabled || !state?.recent.length} onClick={() => void correctLast()}>
              更正上一张（Ctrl+Z）
            </Button>
          </div>
        </div>

        <div className="entry-counts" data-testid="entry-counts">
          <div className="count-cell">
            <div className="count-label">已录</div>
            <div className="count-value" data-testid="count-total">
              {count}
            </div>
          </div>
          <div className="count-cell">
            <div className="count-label">有效</div>
            <div className="count-value ok">{state?.valid ?? 0}</div>
          </div>
          <div className="count-cell">
            <div className="count-label">无效</div>
            <div className="count-value bad">{state?.void ?? 0}</div>
          </div>
          {pending.length > 0 && <div className="count-saving">保存中 {pending.length} 张…</div>}
        </div>
        {loadError && <div className="entry-error">{loadError}</div>}

        <RecentBallots recent={shownRecent} enabled={enabled} onCorrect={onCorrect} show={keying.recent} />
      </div>

      <div className="paper-side">
        <div className="ref-title">{keying.sideTitle}</div>
        {side}
        <div className="muted ref-help">{keying.help}</div>
      </div>
    </div>
  );
}

interface RecentRow {
  key: string;
  seq: number;
  text: string;
  void: boolean;
  voidReason: string | null;
  saving: boolean;
}

const RecentBallots = memo(function RecentBallots({
  recent,
  enabled,
  onCorrect,
  show,
}: {
  recent: RecentRow[];
  enabled: boolean;
  onCorrect: (seq: number, was: string) => void;
  show?: PaperKeying['recent'];
}) {
  return (
    <div className="entry-recent" data-testid="entry-recent">
      <div className="entry-recent-title">最近录入</div>
      {recent.length === 0 && (
        <div className="muted" style={{ padding: '8px 0' }}>
          还没有录入。录入时选票按顺序编号，请与纸质选票的顺序一致，以便两批比对。
        </div>
      )}
      {recent.map((b, i) => (
        <div key={b.key} className={`recent-row${i === 0 ? ' newest' : ''}${b.saving ? ' saving' : ''}`}>
          <span className="recent-seq">第{b.seq}张</span>
          <span className={`recent-text${b.void || b.voidReason ? ' void' : ''}`}>
            {show ? show(b.text, b.void) : b.text}
          </span>
          {b.voidReason && <Tag color="red">{b.voidReason}</Tag>}
          {b.saving ? (
            <span className="muted">保存中…</span>
          ) : (
            <Tooltip title="重新录入这一张">
              <Button type="link" size="small" disabled={!enabled} onClick={() => onCorrect(b.seq, b.text)}>
                更正
              </Button>
            </Tooltip>
          )}
        </div>
      ))}
    </div>
  );
});

/** The candidates with their ballot numbers; those in the box light up as they are typed. */
const CandidateReference = memo(function CandidateReference({
  candidates,
  typedKey,
}: {
  candidates: Project[];
  typedKey: string;
}) {
  const typed = new Map(
    typedKey
      ? typedKey.split(',').map((t) => {
          const [mark, n] = t.split(':');
          return [Number(n), mark as keyof typeof MARK_CLASS] as const;
        })
      : [],
  );
  return (
    <ol className="ref-list" data-testid="candidate-reference">
      {candidates.map((p) => {
        const m = typed.get(p.number);
        return (
          <li key={p.id} className={m ? MARK_CLASS[m] : ''}>
            <span className="ref-no">{p.number}</span>
            <span className="ref-name">{p.name}</span>
          </li>
        );
      })}
    </ol>
  );
});
