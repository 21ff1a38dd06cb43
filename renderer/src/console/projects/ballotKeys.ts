import type { BallotStyle, Project } from '../../../../shared/contract';
import { ballotVoidReason, parseBallotKeys } from '../../../../shared/domain/projects';

/** One typed token as the clerk sees it while typing: which project it names and how it is marked. */
export interface TokenView {
  key: string;
  number: number;
  name: string | null;
  mark: 'yes' | 'no' | 'abstain';
}

export function previewTokens(text: string, candidates: Project[]): TokenView[] {
  const byNumber = new Map(candidates.map((p) => [p.number, p]));
  return text
    .trim()
    .split(/[\s,，、]+/)
    .filter(Boolean)
    .flatMap((t, i) => {
      const m = /^([-/]?)(\d+)$/.exec(t);
      if (!m) return [];
      const n = Number(m[2]);
      return [{ key: `${i}-${t}`, number: n, name: byNumber.get(n)?.name ?? null, mark: m[1] === '-' ? 'no' : m[1] === '/' ? 'abstain' : 'yes' } as TokenView];
    });
}

/** The same reading the API applies (shared/domain), so a typo is caught before anything is sent. */
export function checkKeys(style: BallotStyle, seats: number, text: string, candidates: Project[]): { error: string } | { voidReason: string | null } {
  const parsed = parseBallotKeys(style, text, candidates.map((p) => p.number));
  if ('error' in parsed) return parsed;
  return { voidReason: ballotVoidReason(style, seats, candidates.length, parsed) };
}

/** A ballot as read back ("3 5 12", "3 → 5", "作废", "空白票") into what the clerk would type again. */
export function keysFromText(text: string | null): string {
  if (!text || text === '作废' || text === '空白票') return '';
  return text.replace(/\s*→\s*/g, ' ');
}

export const STYLE_HINT: Record<BallotStyle, string> = {
  choose: '输入选票上勾选的项目编号，用空格分隔，如 3 5 12',
  approve: '赞成直接输入编号，反对在编号前加 -，弃权加 /，如 3 5 -4 /6',
  rank: '按选票上的名次顺序输入项目编号，如 5 3 12',
};
