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
  const r = readBallotKeys(style, text, candidates.map((p) => p.number));
  return {
    tokens: r.items.map((t, i) => ({ key: `${i}-${t.mark}-${t.number}`, number: t.number, name: t.known ? (byNumber.get(t.number)?.name ?? null) : null, mark: t.mark })),
    allBut: r.allBut,
  };
}

/** The same reading the API applies (shared/domain), so a typo is caught before anything is sent. */
export function checkKeys(style: BallotStyle, seats: number, text: string, candidates: Project[]): { error: string } | { voidReason: string | null } {
  const parsed = readBallotKeys(style, text, candidates.map((p) => p.number));
  if (parsed.error) return { error: parsed.error };
  return { voidReason: ballotVoidReason(style, seats, candidates.length, parsed.marks) };
}

/** A ballot as read back ("3 5 12", "3 → 5", "作废", "空白票") into what the clerk would type again. */
export function keysFromText(text: string | null): string {
  if (!text || text === '作废' || text === '空白票') return '';
  return text.replace(/\s*→\s*/g, ' ');
}

export const STYLE_HINT: Record<BallotStyle, string> = {
  choose: '输入勾选的项目编号，用空格分隔，如 3 5 12；连续的写成 1-10；以 * 开头则输入未勾的编号，如 *11 12 即除11、12外全部',
  approve: '赞成直接输入编号，反对在编号前加 -，弃权加 /，如 3 5 -4 /6；连续的写成 1-10（-1-3 即1至3反对）；以 * 开头即其余全部赞成，如 * -4 /6',
  rank: '按选票上的名次顺序输入项目编号，如 5 3 12',
};
