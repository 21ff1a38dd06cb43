import { useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { ScreenView } from '../../../shared/contract';
import { formatDate } from '../format';
import { Countdown } from './Countdown';
import { EvaluationScreen } from './EvaluationScreen';
import { absentOf } from './live';
import './projector.css';

/**
 * The hall screen, drawn from a ScreenView. Purely presentational: the full-window projector page and the console's
 * thumbnail render the same component. Every size is in container units (see projector.css), so it scales with the
 * box it is given — the whole window on the hall PC, a 1920×1080 box scaled down in the console.
 *
 * While a vote is open it shows progress only (已投 X / 应投 Y); the host sends a result only for a closed vote after
 * the clerk pressed 公布, and only then are bars drawn.
 */
export function ProjectorView({
  view,
  offset,
  error,
  thumbnail,
}: {
  view: ScreenView | null;
  offset: number;
  error?: string | null;
  thumbnail?: boolean;
}) {
  const mode = view?.state.mode ?? 'blank';
  return (
    <div className={`pj-frame ${thumbnail ? 'pj-thumb' : ''}`}>
      <div className="pj" data-testid="pj-root" data-mode={view ? mode : 'loading'}>
        {view && <Content view={view} offset={offset} />}
        {error && <div className="pj-offline">正在连接议事台主机…</div>}
      </div>
    </div>
  );
}

function Content({ view, offset }: { view: ScreenView; offset: number }) {
  const s = view.state;
  if (s.mode === 'message' && s.message)
    return <MessageScreen text={s.message} endsAt={s.countdownEndsAt} offset={offset} />;
  if (s.mode === 'vote' && view.vote) return <VoteScreen view={view} vote={view.vote} offset={offset} />;
  if (s.mode === 'projectVote' && view.projectVote)
    return <ProjectVoteScreen view={view} pv={view.projectVote} offset={offset} />;
  if (s.mode === 'evaluation' && view.evaluation)
    return <EvaluationScreen ev={view.evaluation} band={<Band view={view} offset={offset} />} />;
  if (
    (s.mode === 'meeting' || s.mode === 'vote' || s.mode === 'projectVote' || s.mode === 'evaluation') &&
    view.meeting
  )
    return <MeetingScreen view={view} offset={offset} />;
  return <div className="pj-blank" />;
}

// ---------------------------------------------------------------------------------------------------------------

const DIGITS = '零一二三四五六七八九';
/** 1 → 一, 12 → 十二, 25 → 二十五: agenda items are numbered the way the chair reads them. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
  }
  return String(n);
}

/** Long text gets smaller type so that it still fits the screen without scrolling. */
function sizeClass(text: string, steps: [number, string][], fallback: string): string {
  const len = [...text].length;
  return steps.find(([max]) => len <= max)?.[1] ?? fallback;
}

function Band({ view, offset, children }: { view: ScreenView; offset: number; children?: ReactNode }) {
  const m = view.meeting;
  return (
    <header className="pj-band">
      <div className="pj-band-title">{m?.title ?? ''}</div>
      <div className="pj-band-right">
        {children}
        {view.state.countdownEndsAt && (
          <Countdown endsAt={view.state.countdownEndsAt} offset={offset} className="pj-band-countdown" />
        )}
      </div>
    </header>
  );
}

function MessageScreen({ text, endsAt, offset }: { text: string; endsAt: string | null; offset: number }) {
  const size = sizeClass(
    text,
    [
      [6, 'pj-msg-xl'],
      [10, 'pj-msg-l'],
      [24, 'pj-msg-m'],
      [60, 'pj-msg-s'],
    ],
    'pj-msg-xs',
  );
  return (
    <div className="pj-message">
      <div className={`pj-message-text ${size}`} data-testid="pj-message">
        {text}
      </div>
      {endsAt && <Countdown endsAt={endsAt} offset={offset} className="pj-message-countdown" />}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------

function MeetingScreen({ view, offset }: { view: ScreenView; offset: number }) {
  const m = view.meeting!;
  const a = view.attendance;
  const item = view.currentItem;
  const titleSize = sizeClass(
    m.title,
    [
      [18, ''],
      [30, 'pj-title-long'],
    ],
    'pj-title-longer',
  );
  const sub = [m.session && !m.title.includes(m.session) ? m.session : null, formatDate(m.date), m.venue]
    .filter(Boolean)
    .join('\u3000');
  return (
    <div className="pj-screen pj-meeting">
      <header className="pj-meeting-head">
        <div className="pj-body-name">{m.bodyName}</div>
        <h1 className={`pj-meeting-title ${titleSize}`}>{m.title}</h1>
        <div className="pj-meeting-sub">{sub}</div>
        {view.state.countdownEndsAt && (
          <Countdown endsAt={view.state.countdownEndsAt} offset={offset} className="pj-corner-countdown" />
        )}
      </header>

      {item ? (
        <div className="pj-item" data-testid="pj-item">
          <div className="pj-item-no">议程{chineseNumber(item.position)}</div>
          <div
            className={`pj-item-title ${sizeClass(
              item.title,
              [
                [20, ''],
                [36, 'pj-item-long'],
              ],
              'pj-item-longer',
            )}`}
          >
            {item.title}
          </div>
        </div>
      ) : (
        m.agenda.length > 0 && (
          <ol className="pj-agenda" style={{ '--n': Math.min(m.agenda.length, 8) } as CSSProperties}>
            {m.agenda.slice(0, 8).map((x) => (
              <li key={x.id}>
                <span className="pj-agenda-no">{chineseNumber(x.position)}、</span>
                {x.title}
              </li>
            ))}
          </ol>
        )
      )}

      {a && (
        <>
          <div className="pj-att" data-testid="pj-attendance">
            <Cell label={`应到${a.noun}`} value={a.expected} />
            <Cell label="实到" value={a.present} strong />
            <Cell label="请假" value={a.leave} />
            <Cell label={m.status === 'preparing' ? '未到' : '缺席'} value={absentOf(a)} />
          </div>
          <div className={`pj-quorum ${a.quorum.met ? 'met' : 'unmet'}`} data-testid="pj-quorum">
            <span className="pj-quorum-verdict">{a.quorum.met ? '✓ 符合法定人数' : '✕ 未达法定人数'}</span>
            <span className="pj-quorum-text">
              应到{a.noun}
              {a.expected}名，实到{a.present}名，法定人数{a.quorum.required}名
            </span>
          </div>
        </>
      )}
    </div>
  );
}

function Cell({ label, value, strong }: { label: string; value: number; strong?: boolean }) {
  return (
    <div className={`pj-att-cell ${strong ? 'strong' : ''}`}>
      <div className="pj-att-value">
        {value}
        <small>名</small>
      </div>
      <div className="pj-att-label">{label}</div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------

type ScreenVote = NonNullable<ScreenView['vote']>;

function VoteScreen({ view, vote, offset }: { view: ScreenView; vote: ScreenVote; offset: number }) {
  // How the vote is taken (举手表决 · 记名) is for the desk, not the hall; only a later round is worth saying.
  const meta = vote.round > 1 ? `第${vote.round}轮` : '';
  const titleSize = sizeClass(
    vote.title,
    [
      [22, ''],
      [40, 'pj-vote-title-long'],
    ],
    'pj-vote-title-longer',
  );
  if (vote.result) {
    return (
      <div className="pj-screen pj-vote revealed">
        <Band view={view} offset={offset}>
          {meta && <span>{meta}</span>}
        </Band>
        <ResultBody vote={vote} result={vote.result} titleSize={titleSize} />
      </div>
    );
  }
  const status =
    vote.status === 'open' ? '表决中' : vote.status === 'pending' ? '表决尚未开始' : '表决已结束，等待公布结果';
  const pct = vote.eligible > 0 ? Math.min(100, (vote.cast / vote.eligible) * 100) : 0;
  return (
    <div className="pj-screen pj-vote">
      <Band view={view} offset={offset} />
      <div className="pj-vote-main">
        <div className="pj-kicker">
          {view.currentItem ? `议程${chineseNumber(view.currentItem.position)}\u3000` : ''}表决事项
        </div>
        <h1 className={`pj-vote-title ${titleSize}`}>{vote.title}</h1>
        {meta && <div className="pj-vote-meta">{meta}</div>}
        <div className={`pj-status ${vote.status}`} data-testid="pj-status">
          {vote.status === 'open' && <span className="pj-pulse" />}
          {status}
        </div>
        {vote.mode === 'electronic'
          ? vote.status !== 'pending' && (
              <div className="pj-progress-block">
                <div className="pj-progress" data-testid="pj-progress">
                  <span className="pj-progress-label">已投</span> <b>{vote.cast}</b>{' '}
                  <span className="pj-progress-sep">/</span> <span className="pj-progress-label">应投</span>{' '}
                  <b>{vote.eligible}</b>
                </div>
                <div className="pj-progress-track" data-testid="pj-progress-bar">
                  <div className="pj-progress-fill" style={{ width: `${pct}%` }} />
                </div>
              </div>
            )
          : vote.status === 'open' && (
              <div className="pj-hands">{vote.mode === 'hands' ? '请举手表决' : '请填写表决票'}</div>
            )}
      </div>
    </div>
  );
}

function ResultBody({
  vote,
  result,
  titleSize,
}: {
  vote: ScreenVote;
  result: NonNullable<ScreenVote['result']>;
  titleSize: string;
}) {
  const rows = [
    { key: 'yes', label: '赞成', value: result.yes, unit: '票' },
    { key: 'no', label: '反对', value: result.no, unit: '票' },
    { key: 'abstain', label: '弃权', value: result.abstain, unit: '票' },
    // Present members who cast nothing: people, not ballots.
    { key: 'none', label: '未表决', value: result.notVoting, unit: '人' },
  ];
  const scale = Math.max(1, result.yes + result.no + result.abstain + result.notVoting, result.required);
  const linePct = Math.min(100, (result.required / scale) * 100);
  return (
    <div className="pj-result">
      <div className="pj-result-head">
        <h1 className={`pj-vote-title ${titleSize}`}>{vote.title}</h1>
        <div className={`pj-verdict ${result.passed ? 'pass' : 'fail'}`} data-testid="pj-verdict">
          {result.passed ? '通过' : '未通过'}
        </div>
      </div>
      <div className="pj-bars" data-testid="pj-result-bars">
        {rows.map((r) => (
          <div key={r.key} className={`pj-bar-row ${r.key}`} data-testid="result-bar">
            <div className="pj-bar-label">{r.label}</div>
            <div className="pj-bar-track">
              <div className="pj-bar-fill" style={{ width: `${(r.value / scale) * 100}%` }} />
              {r.key === 'yes' && <div className="pj-bar-line" style={{ left: `${linePct}%` }} />}
            </div>
            <div className="pj-bar-value">
              {r.value}
              <small>{r.unit}</small>
            </div>
          </div>
        ))}
      </div>
      <div className="pj-threshold">{result.thresholdText}</div>
      {vote.announcement && (
        <div className="pj-announcement" data-testid="pj-announcement">
          {vote.announcement}
        </div>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------

type ScreenProjectVote = NonNullable<ScreenView['projectVote']>;

function ProjectVoteScreen({ view, pv, offset }: { view: ScreenView; pv: ScreenProjectVote; offset: number }) {
  const kicker = `民生实事项目票决\u3000第${pv.round}轮\u3000应选${pv.seats}项`;
  if (pv.result) {
    return (
      <div className="pj-screen pj-pv revealed">
        <Band view={view} offset={offset}>
          <span>{kicker}</span>
        </Band>
        <ProjectResult pv={pv} result={pv.result} />
      </div>
    );
  }
  const status = { pending: '投票尚未开始', open: '投票中', counting: '正在计票', closed: '投票已结束，等待公布结果' }[
    pv.status
  ];
  const pct = pv.present > 0 ? Math.min(100, (pv.returned / pv.present) * 100) : 0;
  return (
    <div className="pj-screen pj-vote">
      <Band view={view} offset={offset} />
      <div className="pj-vote-main">
        <div className="pj-kicker">{kicker}</div>
        <h1
          className={`pj-vote-title ${sizeClass(
            pv.listTitle,
            [
              [22, ''],
              [40, 'pj-vote-title-long'],
            ],
            'pj-vote-title-longer',
          )}`}
        >
          {pv.listTitle}
        </h1>
        <div className={`pj-status ${pv.status === 'open' ? 'open' : pv.status}`} data-testid="pj-status">
          {pv.status === 'open' && <span className="pj-pulse" />}
          {status}
        </div>
        {pv.mode === 'paper' ? (
          // Paper ballots are in the box while voting; once counting, the clerks' keying is the progress.
          pv.status === 'open' ? (
            <div className="pj-hands">请填写选票，投入票箱</div>
          ) : (
            pv.status === 'counting' && (
              <div className="pj-progress" data-testid="pj-progress">
                <span className="pj-progress-label">已录入</span> <b>{pv.returned}</b>{' '}
                <span className="pj-progress-label">张</span>
              </div>
            )
          )
        ) : (
          pv.status !== 'pending' && (
            <div className="pj-progress-block">
              <div className="pj-progress" data-testid="pj-progress">
                <span className="pj-progress-label">收回选票</span> <b>{pv.returned}</b>{' '}
                <span className="pj-progress-sep">/</span> <span className="pj-progress-label">实到</span>{' '}
                <b>{pv.present}</b>
              </div>
              <div className="pj-progress-track" data-testid="pj-progress-bar">
                <div className="pj-progress-fill" style={{ width: `${pct}%` }} />
              </div>
            </div>
          )
        )}
      </div>
    </div>
  );
}

function ProjectResult({ pv, result }: { pv: ScreenProjectVote; result: NonNullable<ScreenProjectVote['result']> }) {
  if (result.outcome === 'void') {
    return (
      <div className="pj-pv-main">
        <h1 className="pj-vote-title">{pv.listTitle}</h1>
        <div className="pj-verdict fail pj-pv-void">本轮投票无效</div>
        <div className="pj-pv-note" data-testid="pj-pv-note">
          {result.reason}
        </div>
      </div>
    );
  }
  const byPoints = pv.style === 'rank';
  const rows = result.rows;
  const names = rows.map((r) => pv.names[r.candidateId] ?? String(r.candidateId));
  const rankWidth = rows.some((r) => r.rank >= 10) ? '3.4em' : '2.8em';
  const chosen = rows.filter((r) => r.chosen).length;
  // The whole list's count beside this round's: a runoff that fills nothing reads 确定9项，应选10项，1项空缺 — the head
  // in the warning colour, the note naming the unfilled seats (kept short: the ranking needs the height).
  const count = pv.count;
  const unfilled = !result.runoff && (count ? count.unfilled > 0 : chosen < pv.seats);
  const note = result.runoff
    ? `${result.runoff.candidateIds.map((id) => pv.names[id] ?? String(id)).join('、')}得票相同，须就其中${result.runoff.seats}个名额再次投票`
    : count && count.seats !== pv.seats
      ? `${result.thresholdText}。本轮确定${chosen}项；全部合计${count.summary}`
      : `${result.thresholdText}。${unfilled ? `${pv.seats - chosen}项空缺` : `应选${pv.seats}项，确定${chosen}项`}`;
  return (
    <div className="pj-pv-main">
      <div className="pj-pv-head">
        <h1 className="pj-vote-title pj-vote-title-long">{pv.listTitle}</h1>
        {count && count.seats !== pv.seats ? (
          <div className={`pj-pv-count ${unfilled ? 'unfilled' : ''}`} data-testid="pj-pv-count">
            确定 <b>{count.filled}</b> 项（应选{count.seats}项）
          </div>
        ) : (
          <div className={`pj-pv-count ${unfilled ? 'unfilled' : ''}`} data-testid="pj-pv-count">
            确定 <b>{chosen}</b> 项{chosen < pv.seats ? `（应选${pv.seats}项）` : ''}
          </div>
        )}
      </div>
      <FittedRanking count={rows.length} rankWidth={rankWidth} fitKey={names.join('|')}>
        {rows.map((r, i) => (
          <li key={r.candidateId} className={`${r.chosen ? 'chosen' : ''} ${r.tied ? 'tied' : ''}`}>
            <span className="pj-rank">第{r.rank}名</span>
            <span className="pj-rank-name">{names[i]}</span>
            <span className="pj-rank-votes">
              {byPoints ? r.points : r.yes}
              <small>{byPoints ? '分' : '票'}</small>
            </span>
            <span className="pj-rank-mark">{r.chosen ? '入选' : r.tied ? '平票' : ''}</span>
          </li>
        ))}
      </FittedRanking>
      <div className={`pj-pv-note ${result.runoff ? 'tie' : unfilled ? 'unfilled' : ''}`} data-testid="pj-pv-note">
        {note}
      </div>
    </div>
  );
}

/**
 * The ranking list, its type shrunk until every row shows its whole name (wrapping to a second line if need be) in
 * the box it is given — measured, since the box is the hall window or the console's thumbnail, and names vary. With
 * many projects both one and two columns are tried, and the layout with the larger type wins. Names are never cut.
 */
function FittedRanking({
  count,
  rankWidth,
  fitKey,
  children,
}: {
  count: number;
  rankWidth: string;
  fitKey: string;
  children: ReactNode;
}) {
  const list = useRef<HTMLOListElement>(null);
  const [layout, setLayout] = useState(() => ({
    cols: 1,
    rows: Math.max(count, 5),
    fs: Math.min(4.6, 60 / Math.max(count, 5)),
  }));
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const apply = (l: { cols: number; rows: number; fs: number }) => {
      el.style.setProperty('--cols', String(l.cols));
      el.style.setProperty('--rows', String(l.rows));
      el.style.setProperty('--fs', String(l.fs));
    };
    const overflows = () =>
      el.scrollHeight > el.clientHeight + 1 ||
      Array.from(el.children).some(
        (li) => li.scrollHeight > li.clientHeight + 1 || li.scrollWidth > li.clientWidth + 1,
      );
    const fit = () => {
      let best: { cols: number; rows: number; fs: number } | null = null;
      for (const cols of count > 12 ? [1, 2] : [1]) {
        const rows = Math.max(Math.ceil(count / cols), 5);
        const l = { cols, rows, fs: Math.min(4.6, 60 / rows) };
        apply(l);
        while (l.fs > 1.2 && overflows()) {
          l.fs *= 0.95;
          apply(l);
        }
        if (!best || l.fs > best.fs) best = l;
      }
      apply(best!);
      setLayout(best!);
    };
    fit();
    // Web fonts change the metrics once loaded; the box changes with the window.
    let alive = true;
    void document.fonts?.ready.then(() => alive && fit());
    const ro = new ResizeObserver(() => fit());
    ro.observe(el.parentElement ?? el);
    return () => {
      alive = false;
      ro.disconnect();
    };
  }, [count, fitKey]);
  return (
    <ol
      ref={list}
      className="pj-ranking"
      data-testid="pj-ranking"
      style={
        { '--rows': layout.rows, '--cols': layout.cols, '--fs': layout.fs, '--rank-w': rankWidth } as CSSProperties
      }
    >
      {children}
    </ol>
  );
}
