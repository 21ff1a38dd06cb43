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
 * The search box's state. Enter acts on the target: the first match the action still applies to (signing in
 * someone not yet present), unless the clerk moved to another match with ↑/↓.
 */
export function useMemberSearch<T extends Findable>(rows: T[], applies: (r: T) => boolean) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<number | null>(null);
  const matches = useMemo(() => (query.trim() ? searchMembers(rows, query) : []), [rows, query]);
  const target = matches.find((m) => m.membershipId === chosen) ?? matches.find(applies) ?? matches[0];

  return {
    query,
    matches,
    target,
    change(q: string) {
      setQuery(q);
      setChosen(null);
    },
    move(delta: 1 | -1) {
      if (!target) return;
      const next = matches[Math.min(matches.length - 1, Math.max(0, matches.indexOf(target) + delta))];
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
