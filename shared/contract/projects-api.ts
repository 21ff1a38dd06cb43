import { z } from 'zod';
import { BALLOT_STYLES } from '../domain/projects';
import { event, method } from './define';
import { PROJECT_ORIGINS, SCREENING_STATES } from '../domain/project-screening';
import {
  ADOPTION_BODIES,
  PROJECT_VOTE_MODES,
  type PaperBatch,
  type PaperComparison,
  type Project,
  type ProjectList,
  type ProjectVote,
} from './project-types';
import type { ExportedFile, ImportPreview, ImportResult } from './types';

/** 民生实事项目票决: candidate lists, rounds, electronic and paper ballots. Part of the one contract. */

const id = z.number().int().positive();
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
const nameList = z.array(z.string().trim().min(2).max(20)).max(20);
const names = nameList.default([]);

const projectFields = {
  name: z.string().trim().min(2, '项目名称至少两个字').max(100),
  department: optText(60),
  budgetWan: z
    .number({ error: '预算应为数字（万元）' })
    .min(0, '预算不能为负数')
    .max(10_000_000)
    .nullish()
    .transform((v) => v ?? null),
  summary: optText(1000),
  location: optText(100),
  source: optText(100),
};

/**
 * The candidate's provenance (issue 11), optional so scripts written before keep working: projects.add without them
 * records none, projects.update without them leaves them as they are (null clears).
 */
const keepText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));
const candidateFields = {
  origin: z.enum(PROJECT_ORIGINS, { error: '来源应为代表建议、群众征集、部门申报、民情联络员或其他' }).nullish(),
  proposer: keepText(100, '提出人不超过100字'),
  category: keepText(20, '类型不超过20字'),
};
const reason = z.string().trim().min(2, '请写明原因（至少两个字）').max(300, '原因不超过300字');
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成“2026-01-12”这样的格式')
  .refine((v) => !Number.isNaN(Date.parse(v)), '不是有效的日期');

const fileInput = {
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/\.(xlsx|csv)$/i, '只支持 .xlsx 或 .csv 文件'),
  contentBase64: z.string().min(1, '文件为空').max(28_000_000, '文件过大（超过20MB）'),
};

const marks = z.object({
  /** Candidate ids marked 赞成 (or chosen, for choose-N ballots). */
  yes: z.array(id).max(50).default([]),
  no: z.array(id).max(50).default([]),
  abstain: z.array(id).max(50).default([]),
  /** Rank ballots: candidate ids in order of priority. */
  ranks: z.array(id).max(50).optional(),
});

export const projectMethods = {
  'projectLists.list': method<ProjectList[]>()(
    '候选项目清单（可按机构筛选）',
    z.object({ bodyId: id.optional() }),
    'ProjectList[]',
  ),
  'projectLists.get': method<ProjectList>()('一份候选项目清单及其项目', z.object({ id }), 'ProjectList'),
  'projectLists.create': method<ProjectList>()(
    '新建某机构某年度的候选项目清单（同一机构同一年度已有清单时拒绝，除非 sameYear 为 true 表示确认再建一份）',
    z.object({
      bodyId: id,
      year: z.number().int().min(2000).max(2100),
      title: z.string().trim().min(2).max(100),
      seats: z.number().int().min(1, '应选项目数至少为1').max(49),
      sameYear: z.boolean().default(false),
    }),
    'ProjectList',
  ),
  'projectLists.update': method<ProjectList>()(
    '修改清单名称或应选项目数（投票开始后不可修改）',
    z.object({ id, title: z.string().trim().min(2).max(100), seats: z.number().int().min(1).max(49) }),
    'ProjectList',
  ),
  'projects.add': method<Project>()(
    '添加候选项目（编号自动顺延）；可注明来源、提出人、类型和筛选状态（不注明状态即为确定为候选；未入选须写明原因）；清单确定后不可添加',
    z
      .object({
        listId: id,
        ...projectFields,
        ...candidateFields,
        screening: z.enum(SCREENING_STATES, { error: '筛选状态无效' }).optional(),
        rejectedReason: reason.optional(),
      })
      .refine((v) => v.screening !== 'rejected' || !!v.rejectedReason, {
        message: '列为“未入选”须写明原因',
        path: ['rejectedReason'],
      }),
    'Project',
  ),
  'projects.update': method<Project>()(
    '修改候选项目（来源、提出人、类型不填则不变；筛选状态用 projects.screen）',
    z.object({ id, ...projectFields, ...candidateFields }),
    'Project',
  ),
  'projects.screen': method<Project>()(
    '推进候选项目的筛选：征集 → 初审 → 论证/评估 → 合法性审查 → 确定为候选，每次一步；可退回上一步，或列为未入选（须写明原因）；清单确定后不可更改',
    z.object({ id, to: z.enum(SCREENING_STATES, { error: '筛选状态无效' }), reason: reason.optional() }),
    'Project',
  ),
  'projectLists.adopt': method<ProjectList>()(
    '确定候选项目清单（主任会议或常委会决定）：确定为候选的项目须多于应选项目数（差额），且没有仍在筛选中的项目；确定后候选项目不再变动',
    z.object({
      id,
      by: z.enum(ADOPTION_BODIES, { error: '决定机关应为主任会议或常委会' }),
      on: day,
      ref: z.string().trim().min(2, '请填写文号或会次').max(60, '文号不超过60字'),
    }),
    'ProjectList',
  ),
  'projectLists.unadopt': method<ProjectList>()(
    '撤销清单的确定（仅在任何一轮票决开始前；须写明原因）',
    z.object({ id, reason }),
    'ProjectList',
  ),
  'projects.importTemplate': method<ExportedFile>()('候选项目导入模板（.xlsx）', z.object({}), 'ExportedFile'),
  'projects.remove': method<{ removed: true }>()(
    '删除候选项目（清单锁定后不可删除）',
    z.object({ id }),
    '{ removed: true }',
  ),
  'projects.move': method<ProjectList>()(
    '调整候选项目顺序（即选票上的编号）',
    z.object({ id, direction: z.enum(['up', 'down']) }),
    'ProjectList',
  ),
  'projects.importPreview': method<ImportPreview>()(
    '预览候选项目导入（.xlsx/.csv），不写入',
    z.object({ listId: id, ...fileInput }),
    'ImportPreview',
  ),
  'projects.importCommit': method<ImportResult>()(
    '导入候选项目：整批写入，任一行有误则不写入',
    z.object({ listId: id, ...fileInput }),
    'ImportResult',
  ),

  'projectVotes.list': method<ProjectVote[]>()(
    '清单的全部票决轮次；给出 meetingId 时只列该会议的轮次（可只给 meetingId：该会议各议程的全部票决）',
    z
      .object({ listId: id.optional(), meetingId: id.optional() })
      .refine((v) => v.listId !== undefined || v.meetingId !== undefined, {
        message: '请指定候选项目清单（listId）或会议（meetingId）',
        path: ['listId'],
      }),
    'ProjectVote[]',
  ),
  'projectVotes.get': method<ProjectVote>()('一轮票决；结果仅在结束后给出', z.object({ id }), 'ProjectVote'),
  'projectVotes.create': method<ProjectVote>()(
    '在会议的票决议程下安排票决（第一轮）',
    z.object({
      listId: id,
      agendaItemId: id,
      style: z.enum(BALLOT_STYLES, { error: '选票样式无效' }),
      mode: z.enum(PROJECT_VOTE_MODES, { error: '投票方式无效' }),
      /** The pass rule is the meeting's rule set's; a base given here must be the same (a different one is refused). */
      passBase: z.enum(['members', 'present', 'cast']).optional(),
      scrutineers: names,
      counters: names,
    }),
    'ProjectVote',
  ),
  'projectVotes.open': method<ProjectVote>()('开始投票：锁定候选清单，冻结应到与实到', z.object({ id }), 'ProjectVote'),
  'projectVotes.cast': method<{ accepted: true; returned: number }>()(
    '电子选票：每名出席代表一张，存储时不与代表关联',
    z.object({ id, membershipId: id, marks }),
    '{ accepted: true; returned: number }',
  ),
  'projectVotes.stopVoting': method<ProjectVote>()(
    '停止投票，进入计票（纸质选票录入）',
    z.object({ id }),
    'ProjectVote',
  ),
  'projectVotes.paperEnter': method<PaperBatch>()(
    '录入一张纸质选票：输入所选项目编号，空格分隔；连续编号写成 1-10（两边都是数字且无空格）；以 * 开头表示“除以下编号外全部”（如 *11 12）；逐项表决时反对加 -、弃权加 /（-4 仍是反对4）；或作废；指定 seq 即更正该张',
    z.object({
      id,
      batch: z.union([z.literal(1), z.literal(2)], { error: '录入批次应为1或2' }),
      seq: z.number().int().min(1).optional(),
      keys: z.string().max(400).default(''),
      void: z.boolean().default(false),
    }),
    'PaperBatch',
  ),
  'projectVotes.paperBatch': method<PaperBatch>()(
    '某一录入批次的进度（仅纸质选票）',
    z.object({ id, batch: z.union([z.literal(1), z.literal(2)]) }),
    'PaperBatch',
  ),
  'projectVotes.paperCompare': method<PaperComparison>()(
    '比对两名工作人员的录入，列出全部不一致的选票（仅纸质选票）',
    z.object({ id }),
    'PaperComparison',
  ),
  'projectVotes.manualTotals': method<PaperComparison>()(
    '录入计票单（每个项目的赞成、反对、弃权合计），与选票核对（仅纸质选票；电子票决在结束前只显示已投/应投）',
    z.object({
      id,
      totals: z
        .array(
          z.object({
            projectId: id,
            yes: z.number().int().min(0),
            no: z.number().int().min(0).default(0),
            abstain: z.number().int().min(0).default(0),
          }),
        )
        .max(50),
    }),
    'PaperComparison',
  ),
  'projectVotes.close': method<ProjectVote>()(
    '结束本轮并计票：填写发出选票数、监票人与计票人；纸质选票须两批录入一致',
    // No default here: omitted names keep those recorded when the round was scheduled (zod applies a default
    // even inside .optional(), which would blank them).
    z.object({
      id,
      issued: z.number().int().min(0).max(100_000),
      scrutineers: nameList.optional(),
      counters: nameList.optional(),
    }),
    'ProjectVote',
  ),
  'projectVotes.nextRound': method<ProjectVote>()(
    '安排下一轮：平票时就并列项目再次投票，本轮无效时重新投票；前一轮记录保留',
    z.object({ id, mode: z.enum(PROJECT_VOTE_MODES).optional() }),
    'ProjectVote',
  ),
} as const;

export const projectEvents = {
  'projects.changed': event<{ listId: number }>('候选项目清单变化'),
  'projectVote.changed': event<{
    voteId: number;
    listId: number;
    meetingId: number;
    status: string;
    returned: number;
    eligible: number;
  }>('票决状态或进度变化（只有收回票数，从不含得票）'),
} as const;
