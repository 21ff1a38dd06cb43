import {
  AppError,
  type ParsedInput,
  type ProjectEvaluation,
  type Rectification,
  type RectificationState,
} from '../../shared/contract';
import {
  DEFAULT_RECTIFY_DAYS,
  addDays,
  evaluationLine,
  localDate,
  planRectifications,
  summaryText,
  type LineSummary,
  type RectificationRow,
} from '../../shared/domain/project-review';
import type { Db } from '../db/open';
import { meetingStatusRow } from '../db/tables/meetings';
import { pollTables, type RoundRecord } from '../db/tables/polls';
import type { WriteContext } from './change';
import type { ServiceDeps } from './context';
import { projectFileQueries } from './project-files';

/**
 * 测评 results on projects and the 整改 they open (shared/domain/project-review.ts has the rules). The engine calls
 * recordRoundEvaluations when a 测评 round closes, in the same transaction (electron/services/polls.ts close): each
 * item of kind 'project' writes its line to project_evaluations, and the project's 整改 are derived again from its
 * results. projectEvaluations.rewrite does the same for a round already closed.
 *
 * polls.recount is a read: it checks the record against the stored ballots and changes nothing. A recount that
 * disagrees means the record or the ballots were altered, so the project lines keep following the announced result
 * on record; writing them from the recount would let an edited ballot in the file close a 整改.
 */

interface EvalRow {
  project_id: number;
  round_id: number;
  meeting_id: number;
  held_on: string;
  style: 'rating' | 'score';
  summary: string;
  passed: number;
}
const toEvaluation = (r: EvalRow): ProjectEvaluation => ({
  projectId: r.project_id,
  roundId: r.round_id,
  meetingId: r.meeting_id,
  heldOn: r.held_on,
  style: r.style,
  summary: JSON.parse(r.summary) as LineSummary,
  passed: r.passed === 1,
});

interface RectRow {
  id: number;
  project_id: number;
  opened_by_round: number;
  department: string;
  deadline: string;
  requirement: string | null;
  response: string | null;
  responded_on: string | null;
  status: 'open' | 'closed';
  closed_by_round: number | null;
  closed_at: string | null;
  created_at: string;
  withdrawn: string | null;
  project_name: string;
  list_id: number;
  year: number;
  body_id: number;
  opened_on: string | null;
  opened_summary: string | null;
  closed_on: string | null;
}

const RECT_SELECT = `SELECT x.*, p.name AS project_name, p.list_id, l.year, l.body_id,
    eo.held_on AS opened_on, eo.summary AS opened_summary, ec.held_on AS closed_on
  FROM rectifications x JOIN projects p ON p.id = x.project_id JOIN project_lists l ON l.id = p.list_id
  LEFT JOIN project_evaluations eo ON eo.project_id = x.project_id AND eo.round_id = x.opened_by_round
  LEFT JOIN project_evaluations ec ON ec.project_id = x.project_id AND ec.round_id = x.closed_by_round`;

export function rectificationState(
  r: { status: 'open' | 'closed'; deadline: string; withdrawn: string | null },
  asOf: string,
): RectificationState {
  if (r.status === 'closed') return r.withdrawn ? 'withdrawn' : 'closed';
  return r.deadline < asOf ? 'overdue' : 'open';
}

/** The department responsible: the plan's, else the candidate's, else the 测评 item's. */
function departmentOf(db: Db, projectId: number, itemDepartment: string | null): string {
  const d = db
    .prepare(
      'SELECT COALESCE(pl.department, p.department) FROM projects p LEFT JOIN project_plans pl ON pl.project_id = p.id WHERE p.id = ?',
    )
    .pluck()
    .get(projectId) as string | null;
  return d?.trim() || itemDepartment?.trim() || '（未填写责任单位）';
}

/** Derive a project's 整改 again from its results (see planRectifications), auditing each change. */
function reconcileProject(db: Db, projectId: number, ctx: WriteContext, itemDepartment: string | null = null) {
  const points = db
    .prepare('SELECT round_id, held_on, passed, summary FROM project_evaluations WHERE project_id = ?')
    .all(projectId) as { round_id: number; held_on: string; passed: number; summary: string }[];
  const byRound = new Map(points.map((p) => [p.round_id, p]));
  const rows = (
    db
      .prepare(
        'SELECT id, opened_by_round, status, closed_by_round, withdrawn FROM rectifications WHERE project_id = ?',
      )
      .all(projectId) as {
      id: number;
      opened_by_round: number;
      status: 'open' | 'closed';
      closed_by_round: number | null;
      withdrawn: string | null;
    }[]
  ).map((r): RectificationRow => ({
    id: r.id,
    openedByRound: r.opened_by_round,
    status: r.status,
    closedByRound: r.closed_by_round,
    withdrawn: r.withdrawn,
  }));
  const plan = planRectifications(
    points.map((p) => ({ roundId: p.round_id, heldOn: p.held_on, passed: p.passed === 1 })),
    rows,
  );
  const name = db.prepare('SELECT name FROM projects WHERE id = ?').pluck().get(projectId) as string;
  for (const step of plan) {
    let id: number;
    if (step.act === 'open') {
      const opener = byRound.get(step.openedByRound)!;
      const reason = (JSON.parse(opener.summary) as LineSummary).rectifyReason;
      const deadline = addDays(opener.held_on, DEFAULT_RECTIFY_DAYS);
      const department = departmentOf(db, projectId, itemDepartment);
      id = Number(
        db
          .prepare(
            `INSERT INTO rectifications (project_id, opened_by_round, department, deadline, requirement, status, closed_by_round, closed_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            projectId,
            step.openedByRound,
            department,
            deadline,
            reason ? `${reason}。请于整改期限前报送整改情况。` : null,
            step.closedByRound === null ? 'open' : 'closed',
            step.closedByRound,
            step.closedByRound === null ? null : ctx.now,
            ctx.now,
          ).lastInsertRowid,
      );
      ctx.audit({
        action: 'rectification.open',
        entity: 'rectification',
        entityId: id,
        detail: { project: name, department, deadline, roundId: step.openedByRound, reason },
      });
      if (step.closedByRound !== null)
        ctx.audit({
          action: 'rectification.close',
          entity: 'rectification',
          entityId: id,
          detail: { project: name, roundId: step.closedByRound },
        });
    } else if (step.act === 'set') {
      id = step.id;
      db.prepare(
        `UPDATE rectifications SET opened_by_round = ?, status = ?, closed_by_round = ?, closed_at = CASE WHEN ? = 'open' THEN NULL WHEN closed_by_round IS ? THEN closed_at ELSE ? END,
        withdrawn = NULL WHERE id = ?`,
      ).run(step.openedByRound, step.status, step.closedByRound, step.status, step.closedByRound, ctx.now, id);
      const action = step.status === 'closed' ? 'rectification.close' : 'rectification.reopen';
      ctx.audit({
        action,
        entity: 'rectification',
        entityId: id,
        detail: { project: name, roundId: step.status === 'closed' ? step.closedByRound : step.openedByRound },
      });
    } else {
      id = step.id;
      const withdrawn = '开启该整改的测评结果重新写入后已达到整改线，整改撤销';
      db.prepare(
        "UPDATE rectifications SET status = 'closed', closed_by_round = NULL, closed_at = ?, withdrawn = ? WHERE id = ?",
      ).run(ctx.now, withdrawn, id);
      ctx.audit({
        action: 'rectification.withdraw',
        entity: 'rectification',
        entityId: id,
        detail: { project: name, reason: withdrawn },
      });
    }
    ctx.emit('rectifications.changed', { projectId, rectificationId: id });
  }
}

/**
 * A closed 测评 round's project lines: written (again) from the round's recorded result, and each touched project's
 * 整改 derived again. A void round (retaken) has no items counted and writes none. Returns the lines written.
 */
export function recordRoundEvaluations(db: Db, r: RoundRecord, ctx: WriteContext): ProjectEvaluation[] {
  if (r.kind !== 'evaluation' || r.status !== 'closed' || (r.style !== 'rating' && r.style !== 'score')) return [];
  const items = new Map(
    pollTables(db)
      .items(r.pollId)
      .map((it) => [it.id, it]),
  );
  const heldOn = meetingStatusRow(db, r.meetingId)!.date;
  const before = db
    .prepare('SELECT project_id FROM project_evaluations WHERE round_id = ?')
    .pluck()
    .all(r.id) as number[];
  db.prepare('DELETE FROM project_evaluations WHERE round_id = ?').run(r.id);
  const insert = db.prepare(
    'INSERT INTO project_evaluations (project_id, round_id, meeting_id, held_on, style, summary, passed) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const touched = new Map<number, string | null>(before.map((p) => [p, null]));
  r.itemIds.forEach((itemId, i) => {
    const it = items.get(itemId);
    if (!it || it.kind !== 'project' || it.refId === null) return;
    const line = evaluationLine(r.style as 'rating' | 'score', r.result, i);
    if (!line) return;
    insert.run(it.refId, r.id, r.meetingId, heldOn, r.style, JSON.stringify(line.summary), line.passed ? 1 : 0);
    touched.set(it.refId, it.department);
  });
  for (const [projectId, department] of touched) reconcileProject(db, projectId, ctx, department);
  return (
    db.prepare('SELECT * FROM project_evaluations WHERE round_id = ? ORDER BY project_id').all(r.id) as EvalRow[]
  ).map(toEvaluation);
}

export function reviewQueries(db: Db) {
  const files = projectFileQueries(db);
  const toRect = (r: RectRow, asOf: string): Rectification => {
    const state = rectificationState(r, asOf);
    const opened = r.opened_summary ? (JSON.parse(r.opened_summary) as LineSummary) : null;
    return {
      id: r.id,
      projectId: r.project_id,
      projectName: r.project_name,
      listId: r.list_id,
      year: r.year,
      bodyId: r.body_id,
      department: r.department,
      openedByRoundId: r.opened_by_round,
      openedOn: r.opened_on ?? r.created_at.slice(0, 10),
      openedResult: opened ? summaryText(opened) : '',
      deadline: r.deadline,
      requirement: r.requirement,
      response: r.response,
      respondedOn: r.responded_on,
      status: r.status,
      state,
      overdue: state === 'overdue',
      closedByRoundId: r.closed_by_round,
      closedOn: r.closed_on ?? (r.closed_at ? r.closed_at.slice(0, 10) : null),
      withdrawn: r.withdrawn,
      createdAt: r.created_at,
      files: files.filesOf(r.project_id, 'rectification', r.id),
    };
  };
  return {
    rectification(id: number, asOf = localDate()): Rectification {
      const r = db.prepare(`${RECT_SELECT} WHERE x.id = ?`).get(id) as RectRow | undefined;
      if (!r) throw new AppError('NOT_FOUND', `找不到编号为${id}的整改记录`, 'id');
      return toRect(r, asOf);
    },
    rectifications(
      f: { bodyId?: number; year?: number; projectId?: number; state?: RectificationState },
      asOf = localDate(),
    ): Rectification[] {
      const rows = db
        .prepare(
          `${RECT_SELECT} WHERE (? IS NULL OR l.body_id = ?) AND (? IS NULL OR l.year = ?) AND (? IS NULL OR x.project_id = ?)
        ORDER BY x.status DESC, x.deadline, x.id`,
        )
        .all(
          f.bodyId ?? null,
          f.bodyId ?? null,
          f.year ?? null,
          f.year ?? null,
          f.projectId ?? null,
          f.projectId ?? null,
        ) as RectRow[];
      return rows.map((r) => toRect(r, asOf)).filter((r) => !f.state || r.state === f.state);
    },
  };
}

export function projectReviewService(deps: ServiceDeps) {
  const { db } = deps;
  const q = reviewQueries(db);

  return {
    'projectEvaluations.list': (input: ParsedInput<'projectEvaluations.list'>) => {
      if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(input.projectId))
        throw new AppError('NOT_FOUND', `找不到编号为${input.projectId}的项目`, 'projectId');
      return (
        db
          .prepare('SELECT * FROM project_evaluations WHERE project_id = ? ORDER BY held_on, round_id')
          .all(input.projectId) as EvalRow[]
      ).map(toEvaluation);
    },
    'projectEvaluations.rewrite': (input: ParsedInput<'projectEvaluations.rewrite'>, ctx: WriteContext) => {
      const r = pollTables(db).round(input.roundId);
      if (!r || r.kind !== 'evaluation')
        throw new AppError('NOT_FOUND', `找不到编号为${input.roundId}的测评`, 'roundId');
      if (r.status !== 'closed')
        throw new AppError('CONFLICT', `测评“${r.title}”尚未结束，结束后才写入项目测评结果`, 'roundId');
      const lines = recordRoundEvaluations(db, r, ctx);
      ctx.audit({
        action: 'projectEvaluations.rewrite',
        entity: 'evaluation',
        entityId: r.id,
        detail: { title: r.title, projects: lines.length },
      });
      return lines;
    },
    'rectifications.list': (input: ParsedInput<'rectifications.list'>) => q.rectifications(input, input.asOf),
    'rectifications.get': (input: ParsedInput<'rectifications.get'>) => q.rectification(input.id, input.asOf),
    'rectifications.update': (input: ParsedInput<'rectifications.update'>, ctx: WriteContext) => {
      const before = q.rectification(input.id);
      const after = {
        deadline: input.deadline ?? before.deadline,
        requirement: input.requirement === undefined ? before.requirement : input.requirement || null,
      };
      if (after.deadline < before.openedOn)
        throw new AppError(
          'VALIDATION',
          `输入有误：“整改期限”：不能早于开启整改的测评日期${before.openedOn}`,
          'deadline',
        );
      db.prepare('UPDATE rectifications SET deadline = ?, requirement = ? WHERE id = ?').run(
        after.deadline,
        after.requirement,
        input.id,
      );
      ctx.audit({
        action: 'rectification.update',
        entity: 'rectification',
        entityId: input.id,
        detail: {
          name: before.projectName,
          before: { deadline: before.deadline, requirement: before.requirement },
          after,
        },
      });
      ctx.emit('rectifications.changed', { projectId: before.projectId, rectificationId: input.id });
      return q.rectification(input.id);
    },
    'rectifications.respond': (input: ParsedInput<'rectifications.respond'>, ctx: WriteContext) => {
      const before = q.rectification(input.id);
      if (before.state === 'withdrawn')
        throw new AppError('CONFLICT', `“${before.projectName}”的这条整改已撤销，不再报送整改情况`, 'id');
      if (input.respondedOn < before.openedOn)
        throw new AppError(
          'VALIDATION',
          `输入有误：“报告日期”：不能早于开启整改的测评日期${before.openedOn}`,
          'respondedOn',
        );
      db.prepare('UPDATE rectifications SET response = ?, responded_on = ? WHERE id = ?').run(
        input.response,
        input.respondedOn,
        input.id,
      );
      ctx.audit({
        action: 'rectification.respond',
        entity: 'rectification',
        entityId: input.id,
        detail: {
          name: before.projectName,
          department: before.department,
          respondedOn: input.respondedOn,
          response: input.response,
        },
      });
      ctx.emit('rectifications.changed', { projectId: before.projectId, rectificationId: input.id });
      return q.rectification(input.id);
    },
  };
}
