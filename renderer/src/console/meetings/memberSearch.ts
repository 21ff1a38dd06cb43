import { useMemo, useState } from 'react';
import type { AttendanceRow } from '../../../../shared/contract';
import { matchesQuery } from '../../../../shared/domain/search';

type Findable = Pick<AttendanceRow, 'membershipId' | 'name' | 'pinyin' | 'initials' | 'seatNo'>;

/**
 * The keyboard search used by sign-in and by the clerk's vote entry: a name, full pinyin, initials or a seat
 * number (a badge scanner types the seat number). Exact hits come first (typing 王伟 finds 王伟 before 王伟明),
 * then the rest in seat order.
 */
export function searchMembers<T extends Findable>(rows: T[], query: string): T[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return rows;
  const hits = rows.filter((r) => matchesQuery(r, q));
  const exact = (r: T) => r.name === q || r.seatNo === q || r.pinyin === q || r.initials === q;
  return [...hits.filter(exact), ...hits.filter((r) => !exact(r))];
}

/**
 * The one member a query names without asking: the only match, or the only one whose seat number, full name or
 * full pinyin is exactly the query (王伟 beside 王伟明). Initials never decide alone: "xy" is 许宇 as much as 肖雨.
 * Null when the clerk must choose.
 */
export function soleMatch<T extends Findable>(matches: T[], query: string): T | null {
  if (matches.length <= 1) return matches[0] ?? null;
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  const exact = matches.filter((r) => r.seatNo === q || r.name === q || r.pinyin === q);
  return exact.length === 1 ? exact[0]! : null;
}

/**
 * The search box's state. Enter acts on the target: the member the query alone names (so a badge scanner's seat
 * number + Enter signs in at once), or the one the clerk picked with ↑/↓. When several match and none is picked
 * there is no target: `ambiguous` says the clerk must choose, and Enter must do nothing but say so.
 */
export function useMemberSearch<T extends Findable>(rows: T[]) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<number | null>(null);
  const matches = useMemo(() => (query.trim() ? searchMembers(rows, query) : []), [rows, query]);
  const sole = useMemo(() => soleMatch(matches, query), [matches, query]);
  const target = matches.find((m) => m.membershipId === chosen) ?? sole ?? null;

  return {
    query,
    matches,
    target,
    ambiguous: !target && matches.length > 1,
    change(q: string) {
      setQuery(q);
      setChosen(null);
    },
    move(delta: 1 | -1) {
      const at = target ? matches.indexOf(target) : -1;
      const next = at < 0 ? matches[0] : matches[Math.min(matches.length - 1, Math.max(0, at + delta))];
      if (next) setChosen(next.membershipId);
    },
  };
}

/**
 * Whether a key press is plain typing (so a stray keystroke or a scanner's digits can be sent to the search box).
 * Space is not: it presses the focused button.
 */
export function isTypingKey(e: KeyboardEvent): boolean {
  return e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey;
}
