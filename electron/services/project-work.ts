import {
  AppError,
  decisionKindLabels,
  projectStageLabels,
  type AgendaProject,
  type BodyKind,
  type Meeting,
  type ParsedInput,
  type ProgressReport,
  type ProjectAgendaLink,
  type ProjectDecision,
  type ProjectInspection,
  type ProjectMilestone,
  type ProjectPlan,
  type ProjectRecord,
} from '../../shared/contract';
import { dayOf } from '../../shared/domain/project-timeline';
import { decidingBodyRefusal, decisionTitle, progressRefusal, projectStage } from '../../shared/domain/project-work';
import type { MotionResult } from '../../shared/domain/rules';
import { agendaTables } from '../db/tables/agenda';
import type { WriteContext } from './change';
import type { ServiceDeps } from './context';
import { meetingQueries } from './meetings';
import { projectFileQueries } from './project-files';
import type { PollEngine } from './polls';
import { voteService } from './votes';
import { chosenProjectIds } from './chosen-projects';

/**
 * Implementation of a chosen 民生实事项目 (../shared/rules/README.md §4, §6): plan, milestones, progress, 代表视察/督查,
 * the decisions that change or stop it (motions on the engine, linked in project_decisions) and the agenda items
 * that hear it. A project's state is computed from these and from its motions' results, never copied.
 */

type Db = ServiceDeps['db'];

/** Whether any round of the list's 票决 has closed: before that a project is still a candidate. */
const listVoted = (db: Db, listId: number) =>
  !!db
    .prepare(
      "SELECT 1 FROM poll_rounds r JOIN polls p ON p.id = r.poll_id WHERE p.kind = 'project_vote' AND p.list_id = ? AND r.status = 'closed'",
    )
    .get(listId);

interface ProjectHead {
  id: number;
  list_id: number;
  number: number;
  name: string;
  department: string | null;
  budget_wan: number | null;
  summary: string | null;
  location: string | null;
  created_at: string;
  list_title: string;
  year: number;
  body_id: number;
  body_name: string;
  body_kind: BodyKind;
}
interface PlanRow {
  project_id: number;
  department: string;
  lead: string | null;
  budget_wan: number | null;
  start_on: string | null;
  finish_on: string | null;
  updated_at: string;
}
interface MilestoneRow {
  id: number;
  project_id: number;
  position: number;
  title: string;
  due_on: string;
  done_on: string | null;
}
interface ProgressRow {
  id: number;
  project_id: number;
  reported_on: string;
  percent: number;
  spent_wan: number | null;
  text: string;
  lowered_reason: string | null;
  created_at: string;
}
interface InspectionRow {
  id: number;
  project_id: number;
  kind: 'inspection' | 'supervision';
  held_on: string;
  participants: string;
  findings: string;
  created_at: string;
}
interface DecisionRow {
  id: number;
  project_id: number;
  poll_id: number;
  kind: 'change' | 'stop';
  summary: string;
  created_at: string;
}

const toPlan = (r: PlanRow): ProjectPlan => ({
  projectId: r.project_id,
  department: r.department,
  lead: r.lead,
  budgetWan: r.budget_wan,
  startOn: r.start_on,
  finishOn: r.finish_on,
  updatedAt: r.updated_at,
});
const toMilestone = (r: MilestoneRow): ProjectMilestone => ({
  id: r.id,
  projectId: r.project_id,
  position: r.position,
  title: r.title,
  dueOn: r.due_on,
  doneOn: r.done_on,
});

export function projectWorkQueries(db: Db, engine: PollEngine) {
  const meetings = meetingQueries(db);
  const { filesOf } = projectFileQueries(db);

  function head(id: number, field = 'id'): ProjectHead {
    const r = db
      .prepare(
        `SELECT p.*, l.title AS list_title, l.year, l.body_id, b.name AS body_name, b.kind AS body_kind
      FROM projects p JOIN project_lists l ON l.id = p.list_id JOIN bodies b ON b.id = l.body_id WHERE p.id = ?`,
      )
      .get(id) as ProjectHead | undefined;
    if (!r) throw new AppError('NOT_FOUND', `找不到编号为${id}的项目`, field);
    return r;
  }

  const plan = (projectId: number) => {
    const r = db.prepare('SELECT * FROM project_plans WHERE project_id = ?').get(projectId) as PlanRow | undefined;
    return r ? toPlan(r) : null;
  };
  const milestones = (projectId: number) =>
    (
      db
        .prepare('SELECT * FROM project_milestones WHERE project_id = ? ORDER BY position, id')
        .all(projectId) as MilestoneRow[]
    ).map(toMilestone);
  const progress = (projectId: number): ProgressReport[] =>
    (
      db
        .prepare('SELECT * FROM project_progress WHERE project_id = ? ORDER BY reported_on, id')
        .all(projectId) as ProgressRow[]
    ).map((r) => ({
      id: r.id,
      projectId: r.project_id,
      reportedOn: r.reported_on,
      percent: r.percent,
      spentWan: r.spent_wan,
      text: r.text,
      loweredReason: r.lowered_reason,
      files: filesOf(r.project_id, 'progress', r.id),
      createdAt: r.created_at,
    }));
  const inspections = (projectId: number): ProjectInspection[] =>
    (
      db
        .prepare('SELECT * FROM project_inspections WHERE project_id = ? ORDER BY held_on, id')
        .all(projectId) as InspectionRow[]
    ).map((r) => ({
      id: r.id,
      projectId: r.project_id,
      kind: r.kind,
      heldOn: r.held_on,
      participants: JSON.parse(r.participants) as string[],
      findings: r.findings,
      files: filesOf(r.project_id, 'inspection', r.id),
      createdAt: r.created_at,
    }));

  /** A decision as its motion's latest round stands: 待表决, 表决中, 通过 or 未通过 (a revote supersedes the round before). */
  function toDecision(r: DecisionRow): ProjectDecision {
    const rounds = engine.polls.roundsOfPoll(r.poll_id);
    const last = rounds[rounds.length - 1]!;
    const m = meetings.getMeeting(last.meetingId);
    const result = last.status === 'closed' ? (last.result as MotionResult) : null;
    return {
      id: r.id,
      projectId: r.project_id,
      kind: r.kind,
      summary: r.summary,
      pollId: r.poll_id,
      voteId: last.id,
      title: last.title,
      meetingId: m.id,
      meetingTitle: m.title,
      bodyName: m.bodyName,
      agendaItemId: last.agendaItemId,
      agendaTitle: m.agenda.find((a) => a.id === last.agendaItemId)?.title ?? '',
      status: result ? (result.passed ? 'passed' : 'failed') : last.status === 'pending' ? 'pending' : 'voting',
      result,
      announcement: result ? last.announcement : null,
      decidedAt: result ? last.closedAt : null,
      createdAt: r.created_at,
    };
  }
  const decisions = (projectId: number) =>
    (
      db.prepare('SELECT * FROM project_decisions WHERE project_id = ? ORDER BY id').all(projectId) as DecisionRow[]
    ).map(toDecision);

  const agendaOf = (projectId: number): ProjectAgendaLink[] =>
    (
      db
        .prepare(
          `SELECT a.id AS agenda_item_id, a.title AS agenda_title, m.id AS meeting_id, m.title AS meeting_title, m.date, b.name AS body_name
      FROM agenda_item_projects ap JOIN agenda_items a ON a.id = ap.agenda_item_id JOIN meetings m ON m.id = a.meeting_id JOIN bodies b ON b.id = m.body_id
      WHERE ap.project_id = ? ORDER BY m.date, a.position`,
        )
        .all(projectId) as {
        agenda_item_id: number;
        agenda_title: string;
        meeting_id: number;
        meeting_title: string;
        date: string;
        body_name: string;
      }[]
    ).map((r) => ({
      agendaItemId: r.agenda_item_id,
      agendaTitle: r.agenda_title,
      meetingId: r.meeting_id,
      meetingTitle: r.meeting_title,
      meetingDate: r.date,
      bodyName: r.body_name,
    }));

  const isChosen = (h: ProjectHead) => chosenProjectIds(db, h.list_id).includes(h.id);

  function record(id: number): ProjectRecord {
    const h = head(id);
    const chosen = isChosen(h);
    const p = plan(id);
    const reports = progress(id);
    const ds = decisions(id);
    const passed = ds.filter((d) => d.status === 'passed');
    const percent = reports.length ? reports[reports.length - 1]!.percent : null;
    const rectifying = !!db.prepare("SELECT 1 FROM rectifications WHERE project_id = ? AND status = 'open'").get(id);
    const stage = projectStage({
      voted: listVoted(db, h.list_id),
      chosen,
      hasPlan: !!p,
      percent,
      passedDecisions: passed.map((d) => d.kind),
      rectifying,
    });
    const change = [...passed].reverse().find((d) => d.kind === 'change');
    return {
      id: h.id,
      listId: h.list_id,
      listTitle: h.list_title,
      year: h.year,
      bodyId: h.body_id,
      bodyName: h.body_name,
      number: h.number,
      name: h.name,
      department: p?.department ?? h.department,
      budgetWan: p?.budgetWan ?? h.budget_wan,
      summary: h.summary,
      location: h.location,
      chosen,
      stage,
      stageLabel: projectStageLabels[stage],
      changedSummary: stage === 'changed' ? (change?.summary ?? null) : null,
      plan: p,
      milestones: milestones(id),
      progress: reports,
      inspections: inspections(id),
      decisions: ds,
      agenda: agendaOf(id),
      percent,
    };
  }

  return { head, plan, milestones, progress, inspections, decisions, agendaOf, isChosen, record, meetings };
}

export function projectWorkService(deps: ServiceDeps, engine: PollEngine) {
  const { db } = deps;
  const q = projectWorkQueries(db, engine);
  const votes = voteService(deps, engine);

  /** A project the work may be recorded on: chosen by its list's 票决, and not stopped by a decision. */
  function workable(projectId: number, doing: string) {
    const h = q.head(projectId, 'projectId');
    if (!q.isChosen(h))
      throw new AppError('CONFLICT', `“${h.name}”未经${h.list_title}票决入选，不能${doing}`, 'projectId');
    if (q.decisions(h.id).some((d) => d.kind === 'stop' && d.status === 'passed'))
      throw new AppError('CONFLICT', `“${h.name}”已经决定终止，不能再${doing}`, 'projectId');
    return h;
  }

  function milestone(id: number) {
    const r = db.prepare('SELECT * FROM project_milestones WHERE id = ?').get(id) as MilestoneRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', `找不到编号为${id}的项目节点`, 'id');
    return toMilestone(r);
  }

  const changed = (ctx: WriteContext, projectId: number) => ctx.emit('projectWork.changed', { projectId });

  /** An agenda item of a meeting whose body may act on the project's list (decide on it, hear it). */
  function actingMeeting(h: ReturnType<typeof q.head>, meeting: Meeting, doing: string) {
    const who = decidingBodyRefusal(
      { bodyId: h.body_id, bodyKind: h.body_kind, bodyName: h.body_name },
      { bodyId: meeting.bodyId, bodyKind: meeting.bodyKind },
    );
    if (who)
      throw new AppError(
        'VALIDATION',
        `输入有误：“议程”：“${meeting.title}”是${meeting.bodyName}的会议；${doing}“${h.name}”须在${who}的会议上`,
        'agendaItemId',
      );
  }

  function agendaProjects(agendaItemId: number): AgendaProject[] {
    return (
      db
        .prepare(
          `SELECT p.id, p.name, p.number, p.department, l.id AS list_id, l.title AS list_title, l.year
      FROM agenda_item_projects ap JOIN projects p ON p.id = ap.project_id JOIN project_lists l ON l.id = p.list_id
      WHERE ap.agenda_item_id = ? ORDER BY l.year, l.id, p.number`,
        )
        .all(agendaItemId) as {
        id: number;
        name: string;
        number: number;
        department: string | null;
        list_id: number;
        list_title: string;
        year: number;
      }[]
    ).map((r) => ({
      projectId: r.id,
      name: r.name,
      number: r.number,
      listId: r.list_id,
      listTitle: r.list_title,
      year: r.year,
      department: q.plan(r.id)?.department ?? r.department,
    }));
  }

  return {
    'projects.record': (input: ParsedInput<'projects.record'>) => q.record(input.id),

    'projectPlans.set': (input: ParsedInput<'projectPlans.set'>, ctx: WriteContext) => {
      const h = workable(input.projectId, '填写实施计划');
      const before = q.plan(h.id);
      db.prepare(
        `INSERT INTO project_plans (project_id, department, lead, budget_wan, start_on, finish_on, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (project_id) DO UPDATE SET department = excluded.department, lead = excluded.lead, budget_wan = excluded.budget_wan,
          start_on = excluded.start_on, finish_on = excluded.finish_on, updated_at = excluded.updated_at`,
      ).run(h.id, input.department, input.lead, input.budgetWan, input.startOn, input.finishOn, ctx.now);
      const after = q.plan(h.id)!;
      const fields = (p: ProjectPlan | null) =>
        p && {
          department: p.department,
          lead: p.lead,
          budgetWan: p.budgetWan,
          startOn: p.startOn,
          finishOn: p.finishOn,
        };
      ctx.audit({
        action: 'projectPlan.set',
        entity: 'project_plan',
        entityId: h.id,
        detail: { project: h.name, before: fields(before), after: fields(after) },
      });
      changed(ctx, h.id);
      return after;
    },

    'projectMilestones.add': (input: ParsedInput<'projectMilestones.add'>, ctx: WriteContext) => {
      const h = workable(input.projectId, '添加节点');
      const position = db
        .prepare('SELECT COALESCE(MAX(position), 0) + 1 FROM project_milestones WHERE project_id = ?')
        .pluck()
        .get(h.id) as number;
      const id = Number(
        db
          .prepare('INSERT INTO project_milestones (project_id, position, title, due_on) VALUES (?, ?, ?, ?)')
          .run(h.id, position, input.title, input.dueOn).lastInsertRowid,
      );
      ctx.audit({
        action: 'projectMilestone.add',
        entity: 'project_milestone',
        entityId: id,
        detail: { project: h.name, title: input.title, dueOn: input.dueOn },
      });
      changed(ctx, h.id);
      return milestone(id);
    },

    'projectMilestones.update': (input: ParsedInput<'projectMilestones.update'>, ctx: WriteContext) => {
      const m = milestone(input.id);
      const h = workable(m.projectId, '修改节点');
      db.prepare('UPDATE project_milestones SET title = ?, due_on = ? WHERE id = ?').run(
        input.title,
        input.dueOn,
        m.id,
      );
      ctx.audit({
        action: 'projectMilestone.update',
        entity: 'project_milestone',
        entityId: m.id,
        detail: {
          project: h.name,
          before: { title: m.title, dueOn: m.dueOn },
          after: { title: input.title, dueOn: input.dueOn },
        },
      });
      changed(ctx, h.id);
      return milestone(m.id);
    },

    'projectMilestones.done': (input: ParsedInput<'projectMilestones.done'>, ctx: WriteContext) => {
      const m = milestone(input.id);
      const h = workable(m.projectId, '更改节点完成情况');
      if (input.doneOn && input.doneOn > dayOf(ctx.now)) {
        throw new AppError('VALIDATION', `输入有误：“完成日期”：${input.doneOn}还没有到，不能标记为已完成`, 'doneOn');
      }
      db.prepare('UPDATE project_milestones SET done_on = ? WHERE id = ?').run(input.doneOn, m.id);
      ctx.audit({
        action: 'projectMilestone.done',
        entity: 'project_milestone',
        entityId: m.id,
        detail: { project: h.name, title: m.title, doneOn: input.doneOn },
      });
      changed(ctx, h.id);
      return milestone(m.id);
    },

    'projectMilestones.remove': (input: ParsedInput<'projectMilestones.remove'>, ctx: WriteContext) => {
      const m = milestone(input.id);
      const h = workable(m.projectId, '删除节点');
      db.prepare('DELETE FROM project_milestones WHERE id = ?').run(m.id);
      ctx.audit({
        action: 'projectMilestone.remove',
        entity: 'project_milestone',
        entityId: m.id,
        detail: { project: h.name, title: m.title, dueOn: m.dueOn },
      });
      changed(ctx, h.id);
      return { removed: true as const };
    },

    'projectProgress.add': (input: ParsedInput<'projectProgress.add'>, ctx: WriteContext) => {
      const h = workable(input.projectId, '添加进展报告');
      const before = db
        .prepare(
          'SELECT reported_on AS reportedOn, percent FROM project_progress WHERE project_id = ? AND reported_on <= ? ORDER BY reported_on DESC, id DESC LIMIT 1',
        )
        .get(h.id, input.reportedOn) as { reportedOn: string; percent: number } | undefined;
      const refusal = progressRefusal(input.percent, before, input.loweredReason);
      if (refusal) throw new AppError('VALIDATION', `输入有误：“完成进度”：${refusal}`, 'percent');
      const id = Number(
        db
          .prepare(
            'INSERT INTO project_progress (project_id, reported_on, percent, spent_wan, text, lowered_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            h.id,
            input.reportedOn,
            input.percent,
            input.spentWan,
            input.text,
            before && input.percent < before.percent ? input.loweredReason : null,
            ctx.now,
          ).lastInsertRowid,
      );
      ctx.audit({
        action: 'projectProgress.add',
        entity: 'project_progress',
        entityId: id,
        detail: {
          project: h.name,
          reportedOn: input.reportedOn,
          percent: `${input.percent}%`,
          spentWan: input.spentWan,
          loweredReason: input.loweredReason,
        },
      });
      changed(ctx, h.id);
      return q.progress(h.id).find((p) => p.id === id)!;
    },

    'projectInspections.add': (input: ParsedInput<'projectInspections.add'>, ctx: WriteContext) => {
      const h = q.head(input.projectId, 'projectId');
      if (!q.isChosen(h))
        throw new AppError('CONFLICT', `“${h.name}”未经${h.list_title}票决入选，不能记录视察督查`, 'projectId');
      const id = Number(
        db
          .prepare(
            'INSERT INTO project_inspections (project_id, kind, held_on, participants, findings, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(h.id, input.kind, input.heldOn, JSON.stringify(input.participants), input.findings, ctx.now)
          .lastInsertRowid,
      );
      ctx.audit({
        action: 'projectInspection.add',
        entity: 'project_inspection',
        entityId: id,
        detail: { project: h.name, kind: input.kind, heldOn: input.heldOn, participants: input.participants },
      });
      changed(ctx, h.id);
      return q.inspections(h.id).find((x) => x.id === id)!;
    },

    'projectDecisions.propose': (input: ParsedInput<'projectDecisions.propose'>, ctx: WriteContext) => {
      const h = workable(input.projectId, `提请${decisionKindLabels[input.kind]}`);
      const item = q.meetings.getItem(input.agendaItemId, 'agendaItemId');
      const meeting = q.meetings.getMeeting(item.meetingId);
      actingMeeting(h, meeting, `决定${decisionKindLabels[input.kind]}`);
      const open = q.decisions(h.id).find((d) => d.status === 'pending' || d.status === 'voting');
      if (open) throw new AppError('CONFLICT', `“${h.name}”已有待表决的“${open.title}”，请先完成该表决`, 'projectId');
      // The motion is an ordinary one on the engine (votes.create: the item must be a 表决事项 of a meeting not yet closed).
      const vote = votes['votes.create'](
        { agendaItemId: item.id, title: decisionTitle(input.kind, h.name), mode: input.mode, secrecy: input.secrecy },
        ctx,
      );
      const pollId = engine.round(vote.id).pollId;
      const id = Number(
        db
          .prepare(
            'INSERT INTO project_decisions (project_id, poll_id, kind, summary, created_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(h.id, pollId, input.kind, input.summary, ctx.now).lastInsertRowid,
      );
      ctx.audit({
        action: 'projectDecision.propose',
        entity: 'project_decision',
        entityId: id,
        detail: {
          project: h.name,
          kind: input.kind,
          title: vote.title,
          summary: input.summary,
          voteId: vote.id,
          meetingId: meeting.id,
        },
      });
      changed(ctx, h.id);
      return q.decisions(h.id).find((d) => d.id === id)!;
    },

    'agendaProjects.set': (input: ParsedInput<'agendaProjects.set'>, ctx: WriteContext) => {
      const item = q.meetings.getItem(input.agendaItemId, 'agendaItemId');
      const meeting = q.meetings.getMeeting(item.meetingId);
      if (item.kind === 'motion' || item.kind === 'project_vote') {
        throw new AppError(
          'VALIDATION',
          `输入有误：“议程”：“${item.title}”是${item.kind === 'motion' ? '表决事项' : '票决议程'}；听取项目进展请用听取报告、满意度测评或专题询问议程`,
          'agendaItemId',
        );
      }
      const ids = [...new Set(input.projectIds)];
      const heads = ids.map((pid) => q.head(pid, 'projectIds'));
      for (const h of heads) {
        if (!q.isChosen(h))
          throw new AppError('CONFLICT', `“${h.name}”未经${h.list_title}票决入选，不能列为听取的项目`, 'projectIds');
        actingMeeting(h, meeting, '听取');
      }
      const before = agendaProjects(item.id).map((p) => p.projectId);
      agendaTables(db).setHeardProjects(item.id, ids);
      ctx.audit({
        action: 'agendaProjects.set',
        entity: 'agenda_item',
        entityId: item.id,
        detail: { agenda: item.title, meetingId: meeting.id, projects: heads.map((h) => h.name), projectIds: ids },
      });
      ctx.emit('agendaProjects.changed', { agendaItemId: item.id, meetingId: meeting.id });
      for (const pid of new Set([...before, ...ids])) changed(ctx, pid);
      return agendaProjects(item.id);
    },

    // The same rule agendaProjects.set applies (chosen, and a body that may hear it), so every option can be saved.
    'agendaProjects.options': (input: ParsedInput<'agendaProjects.options'>) => {
      const item = q.meetings.getItem(input.agendaItemId, 'agendaItemId');
      const meeting = q.meetings.getMeeting(item.meetingId);
      if (item.kind === 'motion' || item.kind === 'project_vote') return [];
      const lists = db
        .prepare(
          `SELECT l.id, l.title, l.year, l.body_id, b.name AS body_name, b.kind AS body_kind FROM project_lists l JOIN bodies b ON b.id = l.body_id
        WHERE l.year BETWEEN ? AND ? ORDER BY l.year DESC, l.id`,
        )
        .all(meeting.year - 1, meeting.year) as {
        id: number;
        title: string;
        year: number;
        body_id: number;
        body_name: string;
        body_kind: BodyKind;
      }[];
      const out: AgendaProject[] = [];
      for (const l of lists) {
        if (
          decidingBodyRefusal(
            { bodyId: l.body_id, bodyKind: l.body_kind, bodyName: l.body_name },
            { bodyId: meeting.bodyId, bodyKind: meeting.bodyKind },
          )
        )
          continue;
        const chosen = chosenProjectIds(db, l.id);
        const rows = db
          .prepare(`SELECT id, name, number, department FROM projects WHERE list_id = ? ORDER BY number`)
          .all(l.id) as { id: number; name: string; number: number; department: string | null }[];
        for (const r of rows) {
          if (chosen.includes(r.id))
            out.push({
              projectId: r.id,
              name: r.name,
              number: r.number,
              listId: l.id,
              listTitle: l.title,
              year: l.year,
              department: q.plan(r.id)?.department ?? r.department,
            });
        }
      }
      return out;
    },

    'agendaProjects.get': (input: ParsedInput<'agendaProjects.get'>) => {
      q.meetings.getItem(input.agendaItemId, 'agendaItemId');
      return agendaProjects(input.agendaItemId);
    },
  };
}
