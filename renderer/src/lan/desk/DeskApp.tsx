import { useEffect, useRef, useState } from 'react';
import { LanNetworkError, newIdempotencyKey, type LanClient } from '../client';
import type { VOTING_CODE_AT_DESK } from '../../../../shared/contract/lan-api';
import type { DeskMember, DeskState } from '../protocol';
import { withRetry } from '../retry';
import { useLanState } from '../useLanState';
import { CameraScan, cameraPossible } from './CameraScan';
import { classifyDeskInput, STATUS_LABELS } from './desk-input';

const readState = (c: LanClient) => c.deskState();
type Flash = { tone: 'good' | 'warn' | 'bad'; text: string };
/** The contract's words (checked by type; not imported as a value, which would bring zod into the bundle). */
const VOTING_AT_DESK: typeof VOTING_CODE_AT_DESK = '这是投票码，请扫描签到码';

/** A door's desk: the live 应到/实到/请假, and one input for the scanner's badge code or a name. */
export function DeskApp({ client, demo }: { client: LanClient; demo: boolean }) {
  const { state, setState, error, offline } = useLanState<DeskState>(client, readState);
  const [text, setText] = useState('');
  const [hits, setHits] = useState<DeskMember[]>([]);
  const [cursor, setCursor] = useState(0);
  const [flash, setFlash] = useState<Flash | null>(null);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);
  const [canCamera, setCanCamera] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void cameraPossible().then(setCanCamera);
  }, []);

  // Names and initials are looked up as they are typed; a scanner's text (a badge) is not.
  useEffect(() => {
    const input = classifyDeskInput(text);
    if (input.kind !== 'query') {
      setHits([]);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      client.search(input.query).then(
        (h) => {
          if (!live) return;
          setHits(h);
          setCursor(0);
        },
        () => undefined,
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text, client]);

  const signIn = async (what: { badge: string } | { membershipId: number }) => {
    setBusy(true);
    const idempotencyKey = newIdempotencyKey();
    try {
      const r = await withRetry(() => client.signIn({ ...what, idempotencyKey }), { attempts: 4 });
      setFlash(
        r.already
          ? { tone: 'warn', text: `${r.name}\u3000此前已签到` }
          : { tone: 'good', text: `${r.name}\u3000签到成功` },
      );
      setState((s) => (s ? { ...s, summary: r.summary } : s));
      setText('');
      setHits([]);
    } catch (e) {
      setFlash({
        tone: 'bad',
        text:
          e instanceof LanNetworkError ? '网络中断，未能签到，请再扫一次' : e instanceof Error ? e.message : String(e),
      });
      if ('badge' in what) setText('');
    } finally {
      setBusy(false);
      inputRef.current?.focus();
    }
  };

  const submit = (raw: string) => {
    const input = classifyDeskInput(raw);
    if (input.kind === 'voting') {
      setFlash({ tone: 'bad', text: VOTING_AT_DESK });
      setText('');
      return;
    }
    if (input.kind === 'badge') return void signIn({ badge: input.badge });
    if (input.kind === 'query') {
      const hit = hits[cursor];
      if (hit) return void signIn({ membershipId: hit.membershipId });
      setFlash({ tone: 'warn', text: `没有找到「${input.query}」，请核对姓名或拼音首字母` });
    }
  };

  const onKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      submit(e.currentTarget.value);
    } else if (e.key === 'ArrowDown' && hits.length) {
      e.preventDefault();
      setCursor((c) => Math.min(hits.length - 1, c + 1));
    } else if (e.key === 'ArrowUp' && hits.length) {
      e.preventDefault();
      setCursor((c) => Math.max(0, c - 1));
    } else if (e.key === 'Escape') {
      setText('');
    }
  };

  if (error) {
    return (
      <div className="lan-page desk">
        <div className="notice notice-bad" role="alert">
          <div className="notice-title">无法使用签到台</div>
          <div className="notice-text">{error}</div>
        </div>
      </div>
    );
  }
  const s = state?.summary;
  return (
    <div className="lan-page desk">
      {demo && <div className="demo-banner">演示页面：数据只在本机，不会提交到会场主机</div>}
      {offline && (
        <div className="net-banner" role="status">
          网络中断，正在重新连接…
        </div>
      )}
      <header className="lan-head">
        <div className="lan-meeting">{state?.meeting.title ?? '正在连接会场主机…'}</div>
        <div className="lan-who">{state ? state.desk.name : ''}</div>
      </header>
      <section className="desk-summary" aria-label="签到情况">
        <div className="desk-cell">
          <div className="desk-label">应到</div>
          <div className="desk-value" data-testid="expected">
            {s?.expected ?? '—'}
          </div>
        </div>
        <div className="desk-cell desk-present">
          <div className="desk-label">实到</div>
          <div className="desk-value" data-testid="present">
            {s?.present ?? '—'}
          </div>
        </div>
        <div className="desk-cell">
          <div className="desk-label">请假</div>
          <div className="desk-value" data-testid="leave">
            {s?.leave ?? '—'}
          </div>
        </div>
      </section>
      {s && (
        <div className="desk-quorum" role="status">
          {s.quorumText}
        </div>
      )}

      <div className="desk-input-row">
        <input
          ref={inputRef}
          className="desk-input"
          autoFocus
          value={text}
          disabled={busy}
          aria-label="签到码、姓名或拼音首字母"
          placeholder="扫描签到码，或输入姓名、拼音首字母"
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="done"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
        />
        {canCamera && (
          <button className="btn btn-ghost desk-cam" onClick={() => setCamera((c) => !c)}>
            {camera ? '关闭摄像头' : '摄像头扫码'}
          </button>
        )}
      </div>
      <div className="desk-hint">
        扫码枪扫描签到码即签到；按姓名签到：输入后用 ↑↓ 选择，回车确认。
        {!canCamera &&
          (window.isSecureContext
            ? '本机没有可用的摄像头。'
            : '本页通过 http 打开，浏览器不允许使用摄像头，请使用扫码枪或按姓名签到。')}
      </div>
      {flash && (
        <div className={`desk-flash desk-flash-${flash.tone}`} role="alert">
          {flash.text}
        </div>
      )}
      {camera && <CameraScan onCode={(code) => submit(code)} />}
      {hits.length > 0 && (
        <ul className="desk-hits" role="listbox" aria-label="查找结果">
          {hits.map((h, i) => (
            <li key={h.membershipId} role="option" aria-selected={i === cursor}>
              <button
                className={`desk-hit ${i === cursor ? 'is-on' : ''}`}
                onClick={() => void signIn({ membershipId: h.membershipId })}
              >
                <span className="desk-hit-name">{h.name}</span>
                <span className="desk-hit-unit">{h.unit ?? ''}</span>
                <span className={`desk-hit-status st-${h.status}`}>{STATUS_LABELS[h.status] ?? h.status}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
