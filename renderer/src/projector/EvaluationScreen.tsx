import { useEffect, useState, type ReactNode } from 'react';
import type { ScreenView } from '../../../shared/contract';
import { ratingLabels, type RatingResult, type ScoreResult } from '../../../shared/domain/evaluation';

type ScreenEvaluation = NonNullable<ScreenView['evaluation']>;

/** Items per page of the chart: 8 rows keep a bar's label at about 5% of the screen height, readable from the back. */
export const ITEMS_PER_PAGE = 8;
const PAGE_SECONDS = 12;

/**
 * 满意度测评 on the hall screen. While open or counting only progress (已投/应投, or the keyed count on paper);
 * after 公布 one horizontal stacked bar per item (满意 / 基本满意 / 不满意, as shares of ballots returned) with the
 * 满意率 or the grade, paged every few seconds when there are more items than fit. Plain CSS bars, sized in the
 * screen's own units, so they are sharp at any resolution and in the console's thumbnail alike.
 */
export function EvaluationScreen({ ev, band }: { ev: ScreenEvaluation; band: ReactNode }) {
  if (ev.result) {
    return (
      <div className="pj-screen pj-eval revealed">
        {band}
        <EvaluationChart ev={ev} result={ev.result} />
      </div>
    );
  }
  const status = {
    pending: '测评尚未开始',
    open: '测评投票中',
    counting: '正在计票',
    closed: '测评已结束，等待公布结果',
  }[ev.status];
  const pct = ev.present > 0 ? Math.min(100, (ev.returned / ev.present) * 100) : 0;
  return (
    <div className="pj-screen pj-vote">
      {band}
      <div className="pj-vote-main">
        <div className="pj-kicker">
          满意度测评{ev.round > 1 ? `\u3000第${ev.round}轮` : ''}\u3000共{ev.items.length}项
        </div>
        <h1 className="pj-vote-title">{ev.title}</h1>
        <div className={`pj-status ${ev.status}`} data-testid="pj-status">
          {ev.status === 'open' && <span className="pj-pulse" />}
          {status}
        </div>
        {ev.mode === 'paper' ? (
          ev.status === 'open' ? (
            <div className="pj-hands">请填写测评票，投入票箱</div>
          ) : (
            ev.status === 'counting' && (
              <div className="pj-progress" data-testid="pj-progress">
                <span className="pj-progress-label">已录入</span> <b>{ev.returned}</b>{' '}
                <span className="pj-progress-label">张</span>
              </div>
            )
          )
        ) : (
          ev.status !== 'pending' && (
            <div className="pj-progress-block">
              <div className="pj-progress" data-testid="pj-progress">
                <span className="pj-progress-label">已投</span> <b>{ev.returned}</b>{' '}
                <span className="pj-progress-sep">/</span> <span className="pj-progress-label">应投</span>{' '}
                <b>{ev.present}</b>
              </div>
              <div className="pj-progress-track">
                <div className="pj-progress-fill" style={{ width: `${pct}%` }} />
              </div>
            </div>
          )
        )}
      </div>
    </div>
  );
}

function usePage(pages: number): number {
  const [page, setPage] = useState(0);
  useEffect(() => {
    setPage(0);
    if (pages <= 1) return;
    const t = setInterval(() => setPage((p) => (p + 1) % pages), PAGE_SECONDS * 1000);
    return () => clearInterval(t);
  }, [pages]);
  return Math.min(page, pages - 1);
}

function EvaluationChart({ ev, result }: { ev: ScreenEvaluation; result: RatingResult | ScoreResult }) {
  const pages = Math.max(1, Math.ceil(result.items.length / ITEMS_PER_PAGE));
  const page = usePage(pages);
  if (result.outcome === 'void') {
    return (
      <div className="pj-pv-main">
        <h1 className="pj-vote-title">{ev.title}</h1>
        <div className="pj-verdict fail pj-pv-void">本次测评无效</div>
        <div className="pj-pv-note">{result.reason}</div>
      </div>
    );
  }
  const from = page * ITEMS_PER_PAGE;
  const title = (i: number) => ev.items.find((x) => x.position === i + 1)?.title ?? `第${i + 1}项`;
  const rating = ev.style === 'rating' ? (result as RatingResult) : null;
  const rows = result.items.slice(from, from + ITEMS_PER_PAGE).map((x, k) => ({ x, i: from + k }));
  return (
    <div className="pj-eval-main">
      <div className="pj-eval-head">
        <h1 className="pj-vote-title pj-vote-title-long">{ev.title}</h1>
        <div className="pj-eval-figures">
          收回{result.returned}张，有效{result.valid}张
        </div>
      </div>
      {rating && (
        <div className="pj-eval-legend">
          <span className="sat">满意</span>
          <span className="bas">基本满意</span>
          <span className="uns">不满意</span>
          <span className="muted">
            {rating.formula === 'graded'
              ? '测评结果'
              : rating.satisfactionRate === 'combined'
                ? '满意率（满意加基本满意）'
                : '满意率'}
          </span>
        </div>
      )}
      <ol
        className="pj-eval-rows"
        style={{ ['--rows' as string]: Math.max(4, rows.length) }}
        data-testid="pj-eval-chart"
      >
        {rows.map(({ x, i }) => {
          if (!rating) {
            const s = x as ScoreResult['items'][number];
            return (
              <li key={i} className={`pj-eval-row${s.rectify.needed ? ' rectify' : ''}`} data-testid="pj-eval-row">
                <span className="pj-eval-no">{i + 1}</span>
                <span className="pj-eval-title">{title(i)}</span>
                <span className="pj-eval-bar">
                  <span className="sat" style={{ width: `${(s.score ?? 0) / 100}%` }} />
                </span>
                <span className="pj-eval-value">{s.scoreText}</span>
              </li>
            );
          }
          const r = x as RatingResult['items'][number];
          const w = (h: number) => `${h / 100}%`;
          const value =
            rating.formula === 'graded' && r.grade
              ? ratingLabels[r.grade]
              : (rating.satisfactionRate === 'combined' ? r.combinedRate : r.satisfiedRate).text;
          return (
            <li key={i} className={`pj-eval-row${r.rectify.needed ? ' rectify' : ''}`} data-testid="pj-eval-row">
              <span className="pj-eval-no">{i + 1}</span>
              <span className="pj-eval-title">{title(i)}</span>
              <span
                className="pj-eval-bar"
                title={`满意${r.satisfiedRate.text} 基本满意${r.basicallyRate.text} 不满意${r.unsatisfiedRate.text}`}
              >
                <span className="sat" style={{ width: w(r.satisfiedRate.hundredths) }}>
                  {r.satisfiedRate.hundredths >= 1200 ? r.satisfiedRate.text : ''}
                </span>
                <span className="bas" style={{ width: w(r.basicallyRate.hundredths) }}>
                  {r.basicallyRate.hundredths >= 1200 ? r.basicallyRate.text : ''}
                </span>
                <span className="uns" style={{ width: w(r.unsatisfiedRate.hundredths) }}>
                  {r.unsatisfiedRate.hundredths >= 1200 ? r.unsatisfiedRate.text : ''}
                </span>
              </span>
              <span className="pj-eval-value" data-testid="pj-eval-value">
                {value}
              </span>
            </li>
          );
        })}
      </ol>
      {pages > 1 && (
        <div className="pj-eval-page" data-testid="pj-eval-page">
          第{page + 1}页 / 共{pages}页
        </div>
      )}
    </div>
  );
}
