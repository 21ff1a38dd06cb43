import { memo, useEffect, useRef } from 'react';
import type { PollItem } from '../../../../shared/contract/poll-types';
import {
  RATING,
  ratingBallotVoid,
  readRatingKeys,
  readScoreKeys,
  scoreBallotVoid,
  type RatingMark,
} from '../../../../shared/domain/evaluation';
import type { PaperKeying } from '../projects/PaperEntry';
import { RATING_MARK_CLASS, RATING_SHORT } from './common';

const CODE_MARK: Record<number, RatingMark | 'void'> = {
  [RATING.satisfied]: 'satisfied',
  [RATING.basically]: 'basically',
  [RATING.unsatisfied]: 'unsatisfied',
  [RATING.abstain]: 'abstain',
  [RATING.void]: 'void',
};
const KEY_MARK: Record<string, RatingMark | 'void'> = {
  '1': 'satisfied',
  '2': 'basically',
  '3': 'unsatisfied',
  '0': 'abstain',
  '9': 'void',
  '*': 'void',
};

/** The digits typed so far, one per item (spaces and full-width digits read as the host reads them). */
function typedDigits(text: string): string {
  return text.replace(/[０-９＊]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s,，、]+/g, '');
}

/**
 * A 测评 ballot on the paper desk: one digit per item in ballot order — 1 满意, 2 基本满意, 3 不满意, 0 弃权,
 * 9 or * 该项无效 — and Enter; M items take M + 1 keys. The reading is the host's own (readRatingKeys).
 */
export function ratingKeying(items: PollItem[], abstain: boolean): PaperKeying {
  const m = items.length;
  const hint = `每项一位：1满意 2基本满意 3不满意${abstain ? ' 0弃权' : ''} 9该项无效；共${m}位，回车`;
  return {
    hint,
    check: (text) => {
      const r = readRatingKeys(text, m, { abstain });
      return r.ballot ? { voidReason: ratingBallotVoid(r.ballot) } : { error: r.error ?? '输入有误' };
    },
    feedback: (text) => {
      const d = typedDigits(text);
      if (!d) return <span className="muted">{hint}</span>;
      const next = items[d.length];
      const check = readRatingKeys(text, m, { abstain });
      return (
        <span className={d.length > m ? 'entry-error' : check.ballot ? 'entry-ok' : 'muted'} data-testid="rating-typed">
          已输入 {Math.min(d.length, m)} / {m} 项
          {d.length < m && next
            ? `，下一项：${next.position}. ${next.title}`
            : d.length === m
              ? check.ballot
                ? '，回车确认'
                : `：${check.error}`
              : `，多了${d.length - m}位`}
        </span>
      );
    },
    sideTitle: `测评项目（共${m}项，按选票顺序）`,
    side: (text) => <RatingReference items={items} typed={typedDigits(text)} />,
    help: `${hint}。全部无效可只输入一个 9。回车确认，F2 作废整张，Ctrl+Z 更正上一张，Esc 清空。`,
    recent: (text, voidBallot) => (voidBallot ? text : <RatingCells digits={typedDigits(text)} items={items} />),
    rekeyText: (text) => (text === '作废' ? '' : typedDigits(text)),
    blankAllowed: false,
  };
}

/** A score ballot: one whole number 0–100 per item, separated by spaces, * for an item void (readScoreKeys). */
export function scoreKeying(items: PollItem[]): PaperKeying {
  const m = items.length;
  const hint = `逐项输入分数（0至100），空格分隔，该项无效输入 *；共${m}项，回车`;
  const tokens = (text: string) =>
    text
      .trim()
      .split(/[\s,，、]+/)
      .filter(Boolean);
  return {
    hint,
    check: (text) => {
      const r = readScoreKeys(text, m);
      return r.ballot ? { voidReason: scoreBallotVoid(r.ballot) } : { error: r.error ?? '输入有误' };
    },
    feedback: (text) => (
      <span className="muted">
        已输入 {tokens(text).length} / {m} 项
      </span>
    ),
    sideTitle: `评分项目（共${m}项）`,
    side: (text) => {
      const t = tokens(text);
      return (
        <ol className="ref-list rating-ref">
          {items.map((it, i) => (
            <li key={it.id} className={i === t.length ? 'current' : ''}>
              <span className="ref-no">{it.position}</span>
              <span className="ref-name">{it.title}</span>
              <b>{t[i] ?? ''}</b>
            </li>
          ))}
        </ol>
      );
    },
    help: `${hint}。F2 作废整张，Ctrl+Z 更正上一张。`,
    rekeyText: (text) => (text === '作废' ? '' : text),
    blankAllowed: false,
  };
}

/** A keyed ballot at a glance: one coloured cell per item (满意 green, 基本 blue, 不满 red, 弃权 grey, 无效 hatched). */
export const RatingCells = memo(function RatingCells({ digits, items }: { digits: string; items: PollItem[] }) {
  if (!/^[0-39*]+$/.test(digits)) return <>{digits}</>;
  return (
    <span className="rating-cells" title={digits}>
      {[...digits].map((k, i) => {
        const mark = KEY_MARK[k] ?? CODE_MARK[Number(k)] ?? 'void';
        return (
          <span
            key={i}
            className={`rating-cell ${RATING_MARK_CLASS[mark]}`}
            title={`${items[i]?.position ?? i + 1}. ${items[i]?.title ?? ''}：${RATING_SHORT[mark]}`}
          >
            {k}
          </span>
        );
      })}
    </span>
  );
});

/**
 * The ballot's items beside the box: each shows what was typed for it, and the next item to type is marked and
 * kept in view, so at 75 items the clerk can check the digit against the line on the paper.
 */
const RatingReference = memo(function RatingReference({ items, typed }: { items: PollItem[]; typed: string }) {
  const list = useRef<HTMLOListElement>(null);
  const at = Math.min(typed.length, items.length - 1);
  useEffect(() => {
    const li = list.current?.children[at] as HTMLElement | undefined;
    li?.scrollIntoView?.({ block: 'nearest' });
  }, [at]);
  return (
    <ol className="ref-list rating-ref" ref={list} data-testid="rating-reference">
      {items.map((it, i) => {
        const k = typed[i];
        const mark = k === undefined ? null : (KEY_MARK[k] ?? null);
        return (
          <li key={it.id} className={`${mark ? RATING_MARK_CLASS[mark] : ''}${i === typed.length ? ' current' : ''}`}>
            <span className="ref-no">{it.position}</span>
            <span className="ref-name">{it.title}</span>
            {k !== undefined && <b className="rating-mark">{mark ? RATING_SHORT[mark] : `“${k}”？`}</b>}
          </li>
        );
      })}
    </ol>
  );
});
