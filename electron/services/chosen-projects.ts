import { projectOutcome, type OutcomeRound } from '../../shared/domain/project-outcome';
import type { BallotStyle, RoundResult } from '../../shared/domain/projects';
import type { Db } from '../db/open';

interface RoundRow {
  id: number;
  round: number;
  kind: string;
  status: OutcomeRound['status'];
  style: string;
  seats: number | null;
  item_ids: string;
  result: string | null;
}

/**
 * The projects a list's 票决 chose, in the order they were chosen across its rounds (first round, runoffs, retakes),
 * by the one rule of ../../shared/domain/project-outcome.ts that projectLists.result also applies: the plan, the
 * record, the board and the 测评 read "chosen" from here. One light query, for the board's many lists.
 */
export function chosenProjectIds(db: Db, listId: number): number[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.round, r.kind, r.status, p.style, r.seats, r.item_ids, r.result FROM poll_rounds r JOIN polls p ON p.id = r.poll_id
    WHERE p.list_id = ? AND p.kind = 'project_vote' ORDER BY r.round, r.id`,
    )
    .all(listId) as RoundRow[];
  if (!rows.length) return [];
  const seats = db.prepare('SELECT seats FROM project_lists WHERE id = ?').pluck().get(listId) as number;
  const rounds: OutcomeRound[] = rows.map((r) => ({
    id: r.id,
    round: r.round,
    kind: r.kind === 'revote' ? 'retake' : (r.kind as OutcomeRound['kind']),
    status: r.status,
    style: r.style as BallotStyle,
    seats: r.seats ?? 0,
    candidateIds: JSON.parse(r.item_ids) as number[],
    result: r.status === 'closed' && r.result ? (JSON.parse(r.result) as RoundResult) : null,
  }));
  return projectOutcome({ seats, candidateIds: [], rounds, allow: 'choose', decision: null }).chosen.map(
    (c) => c.projectId,
  );
}
