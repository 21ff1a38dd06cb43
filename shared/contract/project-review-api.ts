import { z } from 'zod';
import { event, method } from './define';
import {
  RECTIFICATION_STATES,
  type ProjectEvaluation,
  type Rectification,
  type YearBoard,
  type YearTrends,
} from './project-review-types';
import type { ExportedFile } from './types';

/**
 * 测评 results on projects, 整改 and the year board (../shared/rules/README.md §4–§5): part of the one contract.
 * A 测评 writes each project's line when its round closes (electron/services/project-review.ts); these methods read
 * them, keep the 整改 the results open, and show the body's year.
 */

const id = z.number().int().positive();
const year = z
  .number({ error: '请填写年度' })
  .int('年度应为整数')
  .min(2000, '年度应在2000至2100之间')
  .max(2100, '年度应在2000至2100之间');
const date = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成“2025-04-10”这样的格式')
    .refine(
      (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      '日期不存在',
    );
const asOf = date('查看日期').optional();

export const projectReviewMethods = {
  'projectEvaluations.list': method<ProjectEvaluation[]>()(
    '项目历次测评结果（满意率或得分，是否达到整改线），按测评日期排列',
    z.object({ projectId: id }),
    'ProjectEvaluation[]',
  ),
  'projectEvaluations.rewrite': method<ProjectEvaluation[]>()(
    '按已记录的测评结果重新写入各项目的测评结果（如升级前已结束的测评），并使整改记录与之一致；返回该轮写入的结果',
    z.object({ roundId: id }),
    'ProjectEvaluation[]',
  ),
  'rectifications.list': method<Rectification[]>()(
    '整改记录（可按机构、年度、项目、状态筛选；逾期 = 已过整改期限仍未复评达标）',
    z.object({
      bodyId: id.optional(),
      year: year.optional(),
      projectId: id.optional(),
      state: z.enum(RECTIFICATION_STATES, { error: '整改状态无效' }).optional(),
      asOf,
    }),
    'Rectification[]',
  ),
  'rectifications.get': method<Rectification>()('读取一条整改记录及其材料', z.object({ id, asOf }), 'Rectification'),
  'rectifications.update': method<Rectification>()(
    '修改整改期限或整改要求',
    z
      .object({
        id,
        deadline: date('整改期限').optional(),
        requirement: z.string().trim().max(2000, '整改要求不超过2000字').nullish(),
      })
      .refine((v) => v.deadline !== undefined || v.requirement !== undefined, {
        message: '请填写要修改的整改期限或整改要求',
        path: ['deadline'],
      }),
    'Rectification',
  ),
  'rectifications.respond': method<Rectification>()(
    '记录责任单位的整改情况报告（材料用 projectFiles.attach，阶段 rectification、记录为本整改）',
    z.object({
      id,
      response: z.string({ error: '请填写整改情况' }).trim().min(2, '请填写整改情况').max(5000, '整改情况不超过5000字'),
      respondedOn: date('报告日期'),
    }),
    'Rectification',
  ),
  'projectYear.board': method<YearBoard>()(
    '年度民生实事项目推进表：本机构该年度各清单票决确定的项目，及责任单位、预算、进度、测评、整改、变更和标记（空缺名额单列）',
    z.object({ bodyId: id, year, asOf }),
    'YearBoard',
  ),
  'projectYear.trends': method<YearTrends>()(
    '历年对比：按责任单位和项目类型统计确定项目数、预算、平均满意率、整改数',
    z
      .object({ bodyId: id, fromYear: year, toYear: year })
      .refine((v) => v.fromYear <= v.toYear, { message: '起始年度不能晚于结束年度', path: ['fromYear'] })
      .refine((v) => v.toYear - v.fromYear < 30, { message: '一次最多对比30个年度', path: ['toYear'] }),
    'YearTrends',
  ),
  'projectYear.export': method<ExportedFile>()(
    '导出年度民生实事项目推进表（.xlsx）',
    z.object({ bodyId: id, year, asOf }),
    'ExportedFile',
  ),
} as const;

export const projectReviewEvents = {
  'rectifications.changed': event<{ projectId: number; rectificationId: number }>('整改记录变化'),
} as const;
