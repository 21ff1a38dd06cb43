import type { Db } from '../db/open';

/**
 * The projects a list's 票决 chose, in the order they were chosen across its rounds (first round, runoffs,
 * retakes): the one place the plan, the record, the board and the 测评 read "chosen" from.
 */
export function chosenProjectIds(db: Db, listId: number): number[] {
  const results = db.prepare(`SELECT r.result FROM poll_rounds r JOIN polls p ON p.id = r.poll_id
    WHERE p.list_id = ? AND p.kind = 'project_vote' AND r.status = 'closed' ORDER BY r.round, r.id`).pluck().all(listId) as (string | null)[];
  const out: number[] = [];
  for (const text of results) {
    const ids = text ? ((JSON.parse(text) as { chosenIds?: number[] }).chosenIds ?? []) : [];
    for (const id of ids) if (!out.includes(id)) out.push(id);
  }
  return out;
}
