import type { BallotStyle, Project } from '../../../../shared/contract';
import { readBallotKeys } from '../../../../shared/domain/ballot-keys';
import { ballotVoidReason } from '../../../../shared/domain/projects';

/** One marked project as the clerk sees it while typing: which project it names and how it is marked. */
export interface TokenView {
  key: string;
  number: number;
  name: string | null;
  mark: 'yes' | 'no' | 'abstain';
}

export interface KeysPreview {
  tokens: TokenView[];
  /** All-but entry: the numbers left out ("除11、12外"), null otherwise. */
  allBut: number[] | null;
}

/** The ballot as the host will read it (the same reader, shared/domain/ballot-keys), project by project. */
export function previewKeys(style: BallotStyle, text: string, candidates: Project[]): KeysPreview {
  const byNumber = new Map(candidates.map((p) => [p.number, p]));
  const r = readBallotKeys(
    style,
    text,
    candidates.map((p) => p.number),
  );
  return {
    tokens: r.items.map((t, i) => ({
      key: `${i}-${t.mark}-${t.number}`,
      number: t.number,
      name: t.known ? (byNumber.get(t.number)?.name ?? null) : null,
      mark: t.mark,
    })),
    allBut: r.allBut,
  };
}

/** The same reading the API applies (shared/domain), so a typo is caught before anything is sent. */
export function checkKeys(
  style: BallotStyle,
  seats: number,
  text: string,
  candidates: Project[],
): { error: string } | { voidReason: string | null } {
  const parsed = readBallotKeys(
    style,
    text,
    candidates.map((p) => p.number),
  );
  if (parsed.error) return { error: parsed.error };
  return { voidReason: ballotVoidReason(style, seats, candidates.length, parsed.marks) };
}

/** A ballot as read back ("3 5 12", "3 → 5", "作废", "空白票") into what the clerk would type again. */
export function keysFromText(text: string | null): string {
  if (!text || text === '作废' || text === '空白票') return '';
  return text.replace(/\s*→\s*/g, ' ');
}

/**
 * How to key this ballot, with examples drawn from its own numbers, so the hint of a 2-candidate runoff does not
 * suggest a “12” that is not on it.
 */
export function styleHint(style: BallotStyle, candidates: readonly { number: number }[]): string {
  const n = candidates.map((c) => c.number).sort((a, b) => a - b);
  const [a, b, c] = [n[0] ?? 1, n[1] ?? n[0] ?? 2, n[2] ?? n[1] ?? n[0] ?? 3];
  const last = n.at(-1) ?? c;
  const many = n.length >= 3;
  if (style === 'rank') return `按选票上的名次顺序输入项目编号，如 ${many ? `${c} ${a} ${b}` : `${b} ${a}`}`;
  if (style === 'approve') {
    return many
      ? `赞成直接输入编号，反对在编号前加 -，弃权加 /，如 ${a} ${b} -${c}；连续的写成 ${a}-${c}（-${a}-${c} 即${a}至${c}反对）；以 * 开头即其余全部赞成，如 * -${last}`
      : `赞成直接输入编号，反对在编号前加 -，弃权加 /，如 ${a} -${b}`;
  }
  return many
    ? `输入勾选的项目编号，用空格分隔，如 ${a} ${b} ${last}；连续的写成 ${a}-${c}；以 * 开头则输入未勾的编号，如 *${last} 即除${last}号外全部`
    : `输入勾选的项目编号，如 ${a}`;
}
