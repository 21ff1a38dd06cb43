import { z } from 'zod';
import { MAX_EVALUATION_ITEMS } from '../domain/evaluation-items';
import { event, method } from './define';
import { motionCountsInput } from './meetings-api';
import type { PaperBatch } from './project-types';
import {
  EVALUATION_ITEM_KINDS,
  EVALUATION_MODES,
  EVALUATION_STYLES,
  SHEET_FIELDS,
  type PollComparison,
  type PollKind,
  type PollRound,
  type Recount,
} from './poll-types';
import type { ExportedFile } from './types';

/**
 * The one poll engine (issue 9): every method here takes a round of any kind of poll — a motion, a 票决 round or
 * a 测评 — by its id. `votes.*` and `projectVotes.*` stay as they were, served by the same engine.
 */

const id = z.number().int().positive();
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
const nameList = z.array(z.string().trim().min(2).max(20)).max(20);
const count = z.number({ error: '应为整数' }).int('应为整数').min(0, '不能为负数').max(100_000);
const choice = z.enum(['yes', 'no', 'abstain'], { error: '选项应为赞成、反对或弃权' });

const evaluationItem = z.object({
  kind: z.enum(EVALUATION_ITEM_KINDS, { error: '测评项目类别无效' }),
  refId: id.nullish().transform((v) => v ?? null),
  number: optText(30),
  title: z.string().trim().min(2, '测评项目名称至少两个字').max(200, '测评项目名称不超过200个字'),
  department: optText(100),
});
const items = z
  .array(evaluationItem)
  .min(1, '至少要有一个测评项目')
  .max(MAX_EVALUATION_ITEMS, `一张测评票最多${MAX_EVALUATION_ITEMS}个项目`);

/** An electronic ballot as polls.cast takes it; the LAN terminal's terminal.cast takes the same (./lan-api.ts). */
export const castBallotInput = z
  .object({
    choice: choice.optional(),
    marks: z
      .object({
        yes: z.array(id).max(50).default([]),
        no: z.array(id).max(50).default([]),
        abstain: z.array(id).max(50).default([]),
        ranks: z.array(id).max(50).optional(),
      })
      .optional(),
    ratings: z
      .array(
        z
          .enum(['satisfied', 'basically', 'unsatisfied', 'abstain'], {
            error: '测评意见应为满意、基本满意、不满意或弃权',
          })
          .nullable(),
      )
      .max(MAX_EVALUATION_ITEMS)
      .optional(),
    scores: z
      .array(
        z
          .number({ error: '评分应为数字' })
          .int('评分应为整数')
          .min(0, '评分不能低于0')
          .max(100, '评分不能高于100')
          .nullable(),
      )
      .max(MAX_EVALUATION_ITEMS)
      .optional(),
  })
  .refine((b) => [b.choice, b.marks, b.ratings, b.scores].filter((x) => x !== undefined).length === 1, {
    message: '一张选票只能填写一种内容（表决选项、项目勾选、测评意见或评分）',
    path: ['choice'],
  });

const fileInput = {
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/\.(xlsx|csv)$/i, '只支持 .xlsx 或 .csv 文件'),
  contentBase64: z.string().min(1, '文件为空').max(28_000_000, '文件过大（超过20MB）'),
};

export const pollMethods = {
  'polls.list': method<PollRound[]>()(
    '会议的全部投票轮次（表决、票决、测评），按安排先后',
    z.object({ meetingId: id }),
    'PollRound[]',
  ),
  'polls.get': method<PollRound>()('一轮投票的状态与可进行的步骤；结果仅在结束后给出', z.object({ id }), 'PollRound'),
  'polls.open': method<PollRound>()('开始投票：冻结应到、实到、可投票名单与规则', z.object({ id }), 'PollRound'),
  'polls.cast': method<{ accepted: true; returned: number }>()(
    '电子投票：每名开始时出席的成员一票；无记名投票存储时不与成员关联；多选或漏项按规则拒收并说明',
    z.object({ id, membershipId: id, ballot: castBallotInput }),
    '{ accepted: true; returned: number }',
  ),
  'polls.enterCounts': method<PollRound>()(
    '录入举手或当场清点的纸质票的赞成、反对、弃权票数（表决）；按双重门槛计票的表决另填 deputies（人大代表票箱的票数）',
    z.object({ id, ...motionCountsInput }),
    'PollRound',
  ),
  'polls.stopVoting': method<PollRound>()('停止投票，进入计票', z.object({ id }), 'PollRound'),
  'polls.paperEnter': method<PaperBatch>()(
    '录入一张纸质选票（票决按 projectVotes.paperEnter 的写法；测评每项一位：1满意、2基本满意、3不满意、0弃权、9或*该项无效，回车结束）；或作废；指定 seq 即更正该张',
    z.object({
      id,
      batch: z.union([z.literal(1), z.literal(2)], { error: '录入批次应为1或2' }),
      seq: z.number().int().min(1).optional(),
      keys: z.string().max(800).default(''),
      void: z.boolean().default(false),
    }),
    'PaperBatch',
  ),
  'polls.paperBatch': method<PaperBatch>()(
    '某一录入批次的进度（仅纸质选票）',
    z.object({ id, batch: z.union([z.literal(1), z.literal(2)]) }),
    'PaperBatch',
  ),
  'polls.paperCompare': method<PollComparison>()(
    '比对两名工作人员的录入并核对计票单（仅纸质选票）',
    z.object({ id }),
    'PollComparison',
  ),
  'polls.countSheet': method<PollComparison>()(
    '录入计票单：每个项目各选项的合计票数（按选票上的序号），与选票核对（仅纸质选票）',
    z.object({
      id,
      lines: z
        .array(z.object({ position: z.number().int().min(1), counts: z.partialRecord(z.enum(SHEET_FIELDS), count) }))
        .max(MAX_EVALUATION_ITEMS),
    }),
    'PollComparison',
  ),
  'polls.close': method<PollRound>()(
    '结束本轮并计票：纸质选票须填写发出数且两批录入一致；电子投票的发出数即开始时冻结的名单',
    z.object({
      id,
      issued: z.number().int().min(0).max(100_000).optional(),
      scrutineers: nameList.optional(),
      counters: nameList.optional(),
    }),
    'PollRound',
  ),
  'polls.nextRound': method<PollRound>()(
    '安排下一轮：表决重新表决、票决平票再投或无效重投、测评无效重测；前一轮记录保留',
    z.object({ id, mode: z.enum(['electronic', 'hands', 'paper']).optional() }),
    'PollRound',
  ),
  'polls.recount': method<Recount>()(
    '独立重新计票：由已存选票和票数重新计算已结束轮次的结果，与记录核对',
    z.object({ id }),
    'Recount',
  ),

  'evaluations.create': method<PollRound>()(
    '在测评议程下安排满意度测评（满意/基本满意/不满意，或百分制评分），列出测评项目',
    z.object({
      agendaItemId: id,
      title: optText(120),
      style: z.enum(EVALUATION_STYLES, { error: '测评方式应为满意度或评分' }),
      mode: z.enum(EVALUATION_MODES, { error: '投票方式无效' }),
      items,
      scrutineers: nameList.default([]),
      counters: nameList.default([]),
    }),
    'PollRound',
  ),
  'evaluations.setItems': method<PollRound>()('修改测评项目（测评开始前）', z.object({ id, items }), 'PollRound'),
  'evaluations.importItems': method<PollRound>()(
    '从 .xlsx/.csv 导入代表建议、议案办理情况等测评项目（编号、标题、承办单位），追加在已有项目之后；任一行有误则不写入',
    z.object({ id, ...fileInput }),
    'PollRound',
  ),
  'evaluations.itemsTemplate': method<ExportedFile>()('测评项目导入模板（.xlsx）', z.object({}), 'ExportedFile'),
} as const;

export const pollEvents = {
  'poll.changed': event<{
    roundId: number;
    pollId: number;
    meetingId: number;
    kind: PollKind;
    status: string;
    returned: number;
    eligible: number;
  }>('任一投票轮次（表决、票决、测评）的状态或进度变化（只有收回票数，从不含票数分布）'),
} as const;
