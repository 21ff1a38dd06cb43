import { z } from 'zod';
import { event, method } from './define';
import { VOTE_MODES, VOTE_SECRECY } from './meeting-types';
import {
  DECISION_KINDS,
  INSPECTION_KINDS,
  type AgendaProject,
  type ProgressReport,
  type ProjectDecision,
  type ProjectInspection,
  type ProjectMilestone,
  type ProjectPlan,
  type ProjectRecord,
  type TimelineEntry,
} from './project-work-types';

/**
 * Implementation of a chosen 民生实事项目 (issue 11, ../shared/rules/README.md §4, §6): its plan and milestones,
 * progress reports, 代表视察/督查, decisions that change or stop it (a motion on the engine), the agenda items that
 * report on it, its record and its timeline. Part of the one contract (spread into `api`).
 */

const id = z.number().int().positive();
const day = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成“2026-03-01”这样的格式')
    .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), '不是有效的日期');
const optDay = (what: string) =>
  day(what)
    .nullish()
    .or(z.literal(''))
    .transform((v) => v || null);
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不超过${max}个字`)
    .nullish()
    .transform((v) => (v ? v : null));
const wan = z
  .number({ error: '应为数字（万元）' })
  .min(0, '不能为负数')
  .max(10_000_000, '数额过大')
  .nullish()
  .transform((v) => v ?? null);
const names = z.array(z.string().trim().min(2, '姓名至少两个字').max(20, '姓名不超过20个字')).max(100, '最多100人');

const planFields = z
  .object({
    projectId: id,
    department: z
      .string({ error: '请填写责任单位' })
      .trim()
      .min(2, '责任单位至少两个字')
      .max(100, '责任单位不超过100个字'),
    lead: optText(40),
    budgetWan: wan,
    startOn: optDay('开工日期'),
    finishOn: optDay('完工日期'),
  })
  .refine((v) => !v.startOn || !v.finishOn || v.startOn <= v.finishOn, {
    message: '完工日期早于开工日期',
    path: ['finishOn'],
  });

const milestoneTitle = z
  .string({ error: '请填写节点名称' })
  .trim()
  .min(2, '节点名称至少两个字')
  .max(100, '节点名称不超过100个字');

export const projectWorkMethods = {
  'projects.record': method<ProjectRecord>()(
    '项目档案：所属清单与年度、是否经票决入选、状态（实施中、已变更、已终止…）、实施计划、节点、进展报告、视察督查、变更/终止决定及其表决结果、听取其进展的议程',
    z.object({ id }),
    'ProjectRecord',
  ),
  'projects.timeline': method<TimelineEntry[]>()(
    '项目时间线，按日期排列：候选、票决（每一轮）、计划、进展、视察督查、变更/终止决定、会议听取、测评、整改、复评',
    z.object({ id }),
    'TimelineEntry[]',
  ),
  'projectPlans.set': method<ProjectPlan>()(
    '填写或修改入选项目的实施计划：责任单位、责任人、预算（万元）、开工和完工日期（未经票决入选的项目不能填写）',
    planFields,
    'ProjectPlan',
  ),
  'projectMilestones.add': method<ProjectMilestone>()(
    '为入选项目添加节点（名称、计划完成日期），排在最后',
    z.object({ projectId: id, title: milestoneTitle, dueOn: day('计划完成日期') }),
    'ProjectMilestone',
  ),
  'projectMilestones.update': method<ProjectMilestone>()(
    '修改节点名称或计划完成日期',
    z.object({ id, title: milestoneTitle, dueOn: day('计划完成日期') }),
    'ProjectMilestone',
  ),
  'projectMilestones.done': method<ProjectMilestone>()(
    '标记节点已完成（填写完成日期），或撤销完成（doneOn 为空）',
    z.object({ id, doneOn: optDay('完成日期') }),
    'ProjectMilestone',
  ),
  'projectMilestones.remove': method<{ removed: true }>()(
    '删除节点（记入审计日志）',
    z.object({ id }),
    '{ removed: true }',
  ),
  'projectProgress.add': method<ProgressReport>()(
    '添加进展报告：报告日期、完成进度（0–100%，低于上次报告须填写下调说明）、累计完成投资（万元）、进展情况；照片和材料用 projectFiles.attach（stage 为 progress，recordId 为本报告）',
    z.object({
      projectId: id,
      reportedOn: day('报告日期'),
      percent: z
        .number({ error: '请填写完成进度（0–100）' })
        .int('完成进度应为整数')
        .min(0, '完成进度不能小于0')
        .max(100, '完成进度不能大于100'),
      spentWan: wan,
      text: z
        .string({ error: '请填写进展情况' })
        .trim()
        .min(2, '进展情况至少两个字')
        .max(2000, '进展情况不超过2000个字'),
      loweredReason: optText(200),
    }),
    'ProgressReport',
  ),
  'projectInspections.add': method<ProjectInspection>()(
    '记录一次代表视察或督查：日期、参加人员、发现的问题和意见；材料用 projectFiles.attach（stage 为 inspection）',
    z.object({
      projectId: id,
      kind: z.enum(INSPECTION_KINDS, { error: '类别应为代表视察或督查' }),
      heldOn: day('视察督查日期'),
      participants: names.default([]),
      findings: z
        .string({ error: '请填写发现的问题和意见' })
        .trim()
        .min(2, '发现的问题和意见至少两个字')
        .max(2000, '不超过2000个字'),
    }),
    'ProjectInspection',
  ),
  'projectDecisions.propose': method<ProjectDecision>()(
    '提请变更或终止入选项目：在人民代表大会或常委会会议的表决事项下安排表决（“关于调整××项目的决定（草案）”），与项目关联；表决通过后项目显示为已变更或已终止',
    z.object({
      projectId: id,
      agendaItemId: id,
      kind: z.enum(DECISION_KINDS, { error: '决定类别应为变更或终止' }),
      summary: z
        .string({ error: '请填写变更或终止的内容' })
        .trim()
        .min(4, '变更或终止的内容至少四个字')
        .max(1000, '不超过1000个字'),
      mode: z.enum(VOTE_MODES, { error: '表决方式无效' }).default('electronic'),
      secrecy: z.enum(VOTE_SECRECY, { error: '记名方式无效' }).default('named'),
    }),
    'ProjectDecision',
  ),
  'agendaProjects.set': method<AgendaProject[]>()(
    '设定议程所听取的项目（如年中会议“听取民生实事项目进展报告”）：项目须经票决入选；整组替换',
    z.object({ agendaItemId: id, projectIds: z.array(id).max(200, '最多200个项目') }),
    'AgendaProject[]',
  ),
  'agendaProjects.get': method<AgendaProject[]>()(
    '议程所听取的项目',
    z.object({ agendaItemId: id }),
    'AgendaProject[]',
  ),
  'agendaProjects.options': method<AgendaProject[]>()(
    '议程可以听取的项目：本会议所属机构（区人大常委会会议还包括区人民代表大会）本年度和上一年度清单中经票决入选的项目，按年度（新的在前）、清单和编号排列',
    z.object({ agendaItemId: id }),
    'AgendaProject[]',
  ),
} as const;

export const projectWorkEvents = {
  'projectWork.changed': event<{ projectId: number }>('项目的实施计划、节点、进展、视察督查或变更决定变化'),
  'agendaProjects.changed': event<{ agendaItemId: number; meetingId: number }>('议程所听取的项目变化'),
} as const;
