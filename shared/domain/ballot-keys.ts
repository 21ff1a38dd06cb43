/**
 * The paper-ballot keyboard, read in one place for the entry desk's live preview and for the host
 * (projectVotes.paperEnter), so what the clerk sees before Enter is exactly what is stored.
 *
 * - `3 5 12`: projects 3, 5 and 12 (勾选 / 赞成); separators are spaces or ，、,
 * - `1-10`: every candidate numbered 1 to 10 — a range only when both sides are numbers with no space, so `-4`
 *   alone stays 反对 4 on a per-project ballot (and `-1-3` is 反对 1 to 3, `/1-3` 弃权 1 to 3).
 * - `*` first: "all but" — `*11 12` is every candidate except 11 and 12 (a 12选10 ballot in 6 keys); on a
 *   per-project ballot the others are 赞成 and `-N`, `/N` still mark 反对 and 弃权 (`* -4 /6`). `*` sits on the
 *   numeric keypad with `-` and `/`. Rank ballots are keyed one by one in order of priority (ranges allowed).
 * Numbers are the candidates' numbers printed on the ballot (a runoff keeps the original numbers).
 */
import { bit, hasBit, type BallotMarks, type BallotStyle } from './projects';

export type KeyMark = 'yes' | 'no' | 'abstain';

/** One project as the keys mark it, for the preview; `known` is false for a number not on the ballot. */
export interface KeyItem {
  number: number;
  mark: KeyMark;
  known: boolean;
}

export interface BallotReading {
  /** The projects marked, in the order typed (all-but: in ballot order); unknown numbers included for the preview. */
  items: KeyItem[];
  /** All-but entry (`*`): the numbers left out; null otherwise. */
  allBut: number[] | null;
  /** The first problem, in Chinese; null when the keys can be stored. */
  error: string | null;
  marks: BallotMarks;
}

const TOKEN = /^([-/]?)(\d+)(?:-(\d+))?$/;
export const ALL_BUT = '*';

export function readBallotKeys(style: BallotStyle, text: string, numbers: number[]): BallotReading {
  let body = text.trim();
  const allBut = body.startsWith(ALL_BUT);
  if (allBut) body = body.slice(ALL_BUT.length);
  const tokens = body.split(/[\s,，、]+/).filter(Boolean);
  const marks: BallotMarks = { yes: 0, no: 0, abstain: 0, ...(style === 'rank' ? { ranks: [] } : {}) };
  const items: KeyItem[] = [];
  const left: number[] = [];
  let error: string | null = null;
  const fail = (e: string) => (error ??= e);
  if (allBut && style === 'rank') fail(`排序选票须按名次逐个输入编号，不能用“${ALL_BUT}”`);
  const seen = new Set<number>();

  for (const t of tokens) {
    const m = TOKEN.exec(t);
    if (!m) {
      fail(
        t.includes(ALL_BUT)
          ? `“${ALL_BUT}”只能写在最前面，表示“除以下编号外全部”`
          : `无法识别“${t}”：请输入项目编号${style === 'approve' ? '（反对在编号前加 -，弃权加 /）' : ''}`,
      );
      continue;
    }
    const sign = m[1]!;
    const from = Number(m[2]);
    const to = m[3] === undefined ? from : Number(m[3]);
    if (sign && style !== 'approve') fail(`“${t}”：只有逐项表决的选票才区分反对和弃权`);
    const mark: KeyMark = sign === '-' ? 'no' : sign === '/' ? 'abstain' : 'yes';
    const unknown = [from, to].find((n) => !numbers.includes(n));
    if (unknown !== undefined) {
      fail(`没有编号为${unknown}的候选项目`);
      if (from === to && !allBut) items.push({ number: from, mark, known: false });
      continue;
    }
    if (to < from) {
      fail(`“${t}”：范围应从小号写到大号，如 ${to}-${from}`);
      continue;
    }
    for (const n of numbers.filter((x) => x >= from && x <= to)) {
      const idx = numbers.indexOf(n);
      if (seen.has(idx)) {
        // A number typed twice on a choose ballot is one mark; elsewhere it is ambiguous.
        if (style !== 'choose') fail(`项目${n}重复`);
        continue;
      }
      seen.add(idx);
      if (allBut && mark === 'yes') {
        left.push(n);
        continue;
      }
      if (style === 'rank') marks.ranks!.push(idx);
      else marks[mark] += bit(idx);
      if (!allBut) items.push({ number: n, mark, known: true });
    }
  }

  if (allBut && style !== 'rank') {
    // Everything not named is 勾选 / 赞成; the preview lists the whole ballot in ballot order.
    numbers.forEach((n, idx) => {
      if (!seen.has(idx)) marks.yes += bit(idx);
      const mark: KeyMark | null = hasBit(marks.yes, idx)
        ? 'yes'
        : hasBit(marks.no, idx)
          ? 'no'
          : hasBit(marks.abstain, idx)
            ? 'abstain'
            : null;
      if (mark) items.push({ number: n, mark, known: true });
    });
  }
  return { items, allBut: allBut ? left : null, error, marks };
}

/** The keys as the host stores them: the marks, or the first problem. */
export function parseBallotKeys(style: BallotStyle, text: string, numbers: number[]): BallotMarks | { error: string } {
  const r = readBallotKeys(style, text, numbers);
  return r.error ? { error: r.error } : r.marks;
}

/** Numbers (a subset of `numbers`, in ballot order) as tokens, with runs of three or more as ranges. */
function runs(picked: number[], numbers: number[], sign: string): string[] {
  const set = new Set(picked);
  const out: string[] = [];
  let i = 0;
  while (i < numbers.length) {
    if (!set.has(numbers[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < numbers.length && set.has(numbers[j + 1]!)) j++;
    if (j - i >= 2) out.push(`${sign}${numbers[i]}-${numbers[j]}`);
    else for (let k = i; k <= j; k++) out.push(`${sign}${numbers[k]}`);
    i = j + 1;
  }
  return out;
}

/**
 * The fewest keys that enter a ballot with this syntax (what a practised clerk types): plain with ranges, or
 * all-but, whichever is shorter. Used to measure the desk (tests/bench/paper-entry.ts); readBallotKeys reads it back.
 */
export function shortestKeys(style: BallotStyle, b: BallotMarks, numbers: number[]): string {
  if (style === 'rank') return (b.ranks ?? []).map((i) => numbers[i]).join(' ');
  const of = (mask: number) => numbers.filter((_n, i) => hasBit(mask, i));
  const marked = b.yes + b.no + b.abstain;
  const blank = numbers.filter((_n, i) => !hasBit(marked, i));
  const signed = [...runs(of(b.no), numbers, '-'), ...runs(of(b.abstain), numbers, '/')];
  const plain = [...runs(of(b.yes), numbers, ''), ...signed].join(' ');
  const allBut = ALL_BUT + [...runs(blank, numbers, ''), ...signed].join(' ');
  return allBut.length < plain.length ? allBut : plain;
}
