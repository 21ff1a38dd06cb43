import {
  AppError,
  memberNoun,
  type ListResult,
  type Meeting,
  type ParsedInput,
  type SettleResult,
} from '../../shared/contract';
import {
  chineseDate,
  outcomeAnnouncement,
  projectOutcome,
  sessionName,
  settleDecisionLabels,
  type OutcomeRound,
  type ProjectOutcome,
  type RecordedDecision,
} from '../../shared/domain/project-outcome';
import type { BallotStyle, RoundResult } from '../../shared/domain/projects';
import type { RoundRecord } from '../db/tables/polls';
import type { WriteContext } from './change';
import type { ServiceDeps } from './context';
import { meetingQueries } from './meetings';
import { projectListQueries } from './project-lists';
import type { PollEngine } from './polls';

/**
 * The result of a list's 票决 as one thing (`projectLists.result`) and the clerk's decision about seats no round
 * filled (`projectLists.settle`), recorded in list_outcomes. The rounds are the engine's (./polls.ts); what they add
 * up to is shared/domain/project-outcome.ts.
 */

interface OutcomeRow {
  list_id: number;
  decision: 'complete' | 'leave_unfilled' | 'runoff';
  unfilled: number;
  reason: string | null;
  round_id: number | null;
  decided_at: string;
}

const toOutcomeRound = (r: RoundRecord): OutcomeRound => ({
  id: r.id,
  round: r.round,
  kind: r.roundKind === 'revote' ? 'retake' : r.roundKind,
  status: r.status,
  style: r.style as BallotStyle,
  seats: r.seats ?? 0,
  candidateIds: r.itemIds,
  result: r.status === 'closed' ? (r.result as RoundResult) : null,
});

/** Who issues the 公告: a congress session's 主席团 (the annual session's 主席团公告, §4; a 镇人大 session's too), else the body. */
export function issuerOf(m: Meeting): { issuer: string; meetingName: string } {
  const meetingName = sessionName(m.bodyName, m.session, m.title);
  if (m.kind === 'district_annual' || m.kind === 'township_quarterly' || m.annualSession)
    return { issuer: `${meetingName}主席团`, meetingName };
  return { issuer: m.bodyName, meetingName: m.title };
}

export function projectResultService(deps: ServiceDeps, engine: PollEngine) {
  const { db } = deps;
  const { getList } = projectListQueries(db);
  const meetings = meetingQueries(db);
  const outcomeRow = (listId: number) =>
    db.prepare('SELECT * FROM list_outcomes WHERE list_id = ?').get(listId) as OutcomeRow | undefined;

  function read(listId: number) {
    const list = getList(listId, 'listId');
    const records = engine.polls.roundsOfList(list.id, null);
    const last = records[records.length - 1];
    const meeting = last ? meetings.getMeeting(last.meetingId) : null;
    const row = outcomeRow(list.id);
    const decision: RecordedDecision | null = row ? { decision: row.decision, roundId: row.round_id } : null;
    const outcome = projectOutcome({
      seats: list.seats,
      candidateIds: list.projects.map((p) => p.id),
      rounds: records.map(toOutcomeRound),
      allow: meeting?.rules.unfilled.allow ?? 'choose',
      decision,
    });
    return { list, records, meeting, row, outcome };
  }

  function toResult({ list, records, meeting, row, outcome }: ReturnType<typeof read>): ListResult {
    const byId = new Map(list.projects.map((p) => [p.id, p]));
    const named = (pid: number) => ({ number: byId.get(pid)?.number ?? 0, name: byId.get(pid)?.name ?? `编号${pid}` });
    const chosen = outcome.chosen.map((c) => ({ ...c, ...named(c.projectId) }));
    const rounds = records.map((r) => {
      const res = r.status === 'closed' ? (r.result as RoundResult) : null;
      return {
        id: r.id,
        round: r.round,
        kind: r.roundKind === 'revote' ? ('retake' as const) : r.roundKind,
        status: r.status,
        seats: r.seats ?? 0,
        candidates: r.itemIds.length,
        outcome: res?.outcome ?? null,
        chosen: res?.chosenIds.length ?? 0,
        closedAt: r.closedAt,
      };
    });
    const who = meeting ? issuerOf(meeting) : null;
    return {
      listId: list.id,
      title: list.title,
      year: list.year,
      seats: outcome.seats,
      filled: outcome.filled,
      unfilled: outcome.unfilled,
      summary: outcome.summary,
      chosen,
      remaining: outcome.remainingIds.map((pid) => ({ projectId: pid, ...named(pid) })),
      rounds,
      next: outcome.next,
      unfilledRule: meeting ? meeting.rules.unfilled : null,
      decision: row
        ? {
            decision: row.decision,
            unfilled: row.unfilled,
            reason: row.reason,
            roundId: row.round_id,
            decidedAt: row.decided_at,
          }
        : null,
      announcement:
        meeting && who ? announce(list.title, list.year, meeting, who, records, chosen, outcome, row) : null,
      issuer: who?.issuer ?? null,
    };
  }

  function announce(
    title: string,
    year: number,
    meeting: Meeting,
    who: { issuer: string; meetingName: string },
    records: RoundRecord[],
    chosen: ListResult['chosen'],
    outcome: ProjectOutcome,
    row: OutcomeRow | undefined,
  ): string | null {
    const closed = records.filter((r) => r.status === 'closed' && r.result);
    const first = closed.find((r) => outcome.countedRoundIds.includes(r.id)) ?? closed[0];
    if (!first) return null;
    const snap = first.snapshot;
    return outcomeAnnouncement({
      issuer: who.issuer,
      meetingName: who.meetingName,
      dateText: chineseDate(meeting.date),
      listTitle: `《${title}》`,
      year,
      style: first.style as BallotStyle,
      quorum: {
        expected: snap?.expected ?? 0,
        present: snap?.present ?? 0,
        met: snap?.quorum?.met ?? true,
        noun: snap?.noun ?? memberNoun[meeting.bodyKind],
      },
      rounds: closed.map((r) => {
        const res = r.result as RoundResult;
        return {
          round: r.round,
          kind: r.roundKind === 'revote' ? 'retake' : r.roundKind,
          expected: r.snapshot?.expected ?? 0,
          present: r.snapshot?.present ?? 0,
          issued: res.issued,
          returned: res.returned,
          valid: res.valid,
          void: res.void,
          outcome: res.outcome,
        };
      }),
      chosen,
      seats: outcome.seats,
      decision: row && row.decision !== 'complete' ? { decision: row.decision, reason: row.reason } : null,
    });
  }

  return {
    'projectLists.result': (input: ParsedInput<'projectLists.result'>) => toResult(read(input.listId)),

    'projectLists.settle': (input: ParsedInput<'projectLists.settle'>, ctx: WriteContext): SettleResult => {
      const state = read(input.listId);
      const { list, records, meeting, outcome } = state;
      const next = outcome.next;
      const label = settleDecisionLabels[input.decision];
      if (next.kind === 'schedule')
        throw new AppError('CONFLICT', `“${list.title}”尚未票决，没有空缺名额可决定`, 'listId');
      if (next.kind === 'wait') throw new AppError('CONFLICT', `${next.text}，须结束计票后才能决定空缺名额`, 'listId');
      if (next.kind === 'runoff') throw new AppError('CONFLICT', `${next.text}（安排下一轮），不能${label}`, 'listId');
      if (next.kind === 'retake') throw new AppError('CONFLICT', `${next.text}（安排下一轮），不能${label}`, 'listId');
      if (next.kind === 'done') {
        throw new AppError(
          'CONFLICT',
          outcome.unfilled
            ? `“${list.title}”${outcome.summary}，已决定空缺名额不再票决`
            : `“${list.title}”没有空缺名额：${outcome.summary}`,
          'listId',
        );
      }
      if (!next.options.includes(input.decision)) {
        const rule = meeting!.rules.unfilled;
        throw new AppError(
          'CONFLICT',
          `本会议适用“${meeting!.ruleSetName}”：${rule.basis}；不能选择“${label}”`,
          'decision',
        );
      }
      const src = records[records.length - 1]!;
      const round =
        input.decision === 'runoff' ? engine.planUnfilledRunoff(src, next.candidateIds, next.seats, ctx) : null;
      db.prepare(
        `INSERT INTO list_outcomes (list_id, decision, unfilled, reason, round_id, decided_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(list_id) DO UPDATE SET decision = excluded.decision, unfilled = excluded.unfilled, reason = excluded.reason, round_id = excluded.round_id, decided_at = excluded.decided_at`,
      ).run(list.id, input.decision, outcome.unfilled, input.reason, round?.id ?? null, ctx.now);
      ctx.audit({
        action: 'projectList.settle',
        entity: 'project_list',
        entityId: list.id,
        detail: {
          decision: input.decision,
          reason: input.reason,
          unfilled: outcome.unfilled,
          summary: outcome.summary,
          afterRoundId: src.id,
          roundId: round?.id ?? null,
          ...(round ? { candidateIds: next.candidateIds, seats: next.seats } : {}),
        },
      });
      ctx.emit('projects.changed', { listId: list.id });
      return { result: toResult(read(list.id)), roundId: round?.id ?? null };
    },
  };
}

/**
 * The list's count as it stood after a given round (the hall screen shows a round's result with the whole count
 * beside it: "确定9项，应选10项，1项空缺", never a lone "确定0项" of a runoff).
 */
export function countAfterRound(db: ServiceDeps['db'], engine: PollEngine, listId: number, round: number) {
  const seats = db.prepare('SELECT seats FROM project_lists WHERE id = ?').pluck().get(listId) as number;
  const ids = db.prepare('SELECT id FROM projects WHERE list_id = ? ORDER BY number').pluck().all(listId) as number[];
  const rounds = engine.polls
    .roundsOfList(listId, null)
    .filter((r) => r.round <= round)
    .map(toOutcomeRound);
  const o = projectOutcome({ seats, candidateIds: ids, rounds, allow: 'choose', decision: null });
  return { seats: o.seats, filled: o.filled, unfilled: o.unfilled, summary: o.summary };
}
