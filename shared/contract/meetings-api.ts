import { z } from 'zod';
import { MEETING_KINDS, UNFILLED_OPTIONS } from '../domain/rules';
import { event, method } from './define';
import {
  AGENDA_KINDS,
  ATTENDANCE_STATUSES,
  CHOICES,
  VOTE_MODES,
  VOTE_SECRECY,
  type AgendaItem,
  type Attendance,
  type AttendanceChange,
  type AttendanceChangedPayload,
  type Meeting,
  type RuleSet,
  type Vote,
  type VoteRollEntry,
} from './meeting-types';
import type { ExportedFile } from './types';

/** Meetings, agenda, sign-in and motion votes. Part of the one contract (spread into `api`). */

const id = z.number().int().positive();
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成“2025-04-10”这样的格式');
const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间应写成“09:30”这样的格式')
  .nullish()
  .or(z.literal(''))
  .transform((v) => v || null);
const count = z.number({ error: '应为整数' }).int('应为整数').min(0, '不能为负数').max(100_000);
/**
 * A motion's counts by hand: the totals, and (double threshold, two ballot boxes) the 人大代表 box beside them —
 * required exactly when the round has two boxes; the other 议事代表's box is the difference.
 */
export const motionCountsInput = {
  yes: count,
  no: count,
  abstain: count,
  deputies: z
    .object({ yes: count, no: count, abstain: count }, { error: '应为人大代表票箱的赞成、反对、弃权票数' })
    .optional(),
};

const fraction = {
  num: z
    .number({ error: '比例的分子应为整数' })
    .int('比例的分子应为整数')
    .min(1, '比例的分子至少为1')
    .max(99, '比例的分子不超过99'),
  den: z
    .number({ error: '比例的分母应为整数' })
    .int('比例的分母应为整数')
    .min(1, '比例的分母至少为1')
    .max(100, '比例的分母不超过100'),
  strict: z.boolean({ error: '请选择“超过”或“以上”' }),
};
const basis = z.string({ error: '请写明依据' }).trim().min(2, '请写明依据').max(200, '依据不超过200个字');
const share = { ...fraction, basis };
const passBase = z.enum(['members', 'present', 'cast'], { error: '计算基数应为全体成员、出席人数或投票人数' });
const fractionOk = (f: { num: number; den: number }) => f.num <= f.den;
const NUM_OVER_DEN = '比例的分子不能大于分母';
/** A share with its base, checked on its own so the message names the share that is wrong. */
const baseShare = z
  .object({ ...fraction, base: passBase })
  .refine(fractionOk, { message: NUM_OVER_DEN, path: ['num'] });
/** A rate threshold in hundredths of a percent (7000 = 70%) or of a point (6000 = 60分). */
const belowHundredths = z
  .number({ error: '整改线应为数字' })
  .int('整改线最多两位小数')
  .min(0, '整改线不能低于0')
  .max(10_000, '整改线不能高于100');

/** 满意度测评 (../shared/rules/README.md §5): the rating ballot. */
const ratingRules = z
  .object({
    abstain: z.boolean({ error: '请选择测评票是否设弃权' }),
    formula: z.enum(['rates', 'graded'], { error: '测评计算方法应为“按收回票计算比率”或“按全体成员评定等次”' }),
    satisfactionRate: z.enum(['combined', 'satisfied'], { error: '满意率应为“满意加基本满意”或“仅满意”' }),
    gradeShare: z.object(fraction).refine(fractionOk, { message: NUM_OVER_DEN, path: ['num'] }),
    membersName: z
      .string({ error: '请填写全体成员的称谓' })
      .trim()
      .min(2, '全体成员的称谓至少两个字')
      .max(30, '全体成员的称谓不超过30个字'),
    basis,
    rectify: z
      .discriminatedUnion(
        'on',
        [
          z.object({ on: z.enum(['satisfiedRate', 'combinedRate']), belowHundredths, basis }),
          z.object({
            on: z.literal('grade'),
            grades: z
              .array(z.enum(['satisfied', 'basically', 'unsatisfied'], { error: '整改等次无效' }))
              .min(1, '请选择须整改的等次'),
            basis,
          }),
        ],
        { error: '整改条件应为满意率低于某值或测评等次' },
      )
      .nullable(),
  })
  .refine((r) => r.rectify?.on !== 'grade' || r.formula === 'graded', {
    message: '按等次触发整改须采用“按全体成员评定等次”的计算方法',
    path: ['rectify'],
  });

/** 现场打分 (0–100): plain or trimmed mean. */
const scoreRules = z.object({
  trimmed: z.boolean({ error: '请选择是否去掉最高分和最低分' }),
  basis,
  rectify: z.object({ belowHundredths, basis }).nullable(),
});

/** The street councils' double threshold (§3): both limits, each a share of its base. */
const doubleThreshold = z.object({ deputies: baseShare, all: baseShare, basis });

/** 票决 seats left unfilled after the rounds (§4): what the local rule allows, with its basis. */
const unfilledRule = z.object({
  allow: z.enum(UNFILLED_OPTIONS, { error: '空缺名额的处理应为空缺、另行票决或由会议决定' }),
  basis,
});

/**
 * Sections added after the first release are optional: a rule set sent without them gets its meeting kind's
 * defaults (normalizeRules) when it is read back, so a script written for the older contract still works.
 */
const rules = z
  .object({
    quorum: z.object(share),
    pass: z.object({ ...share, base: passBase }),
    proxies: z.boolean(),
    evaluation: z.object({ rating: ratingRules, score: scoreRules }).optional(),
    doubleThreshold: doubleThreshold.nullable().optional(),
    unfilled: unfilledRule.optional(),
  })
  .refine((r) => r.quorum.num <= r.quorum.den && r.pass.num <= r.pass.den, { message: NUM_OVER_DEN, path: ['quorum'] });

const meetingFields = {
  ruleSetId: id,
  session: optText(30),
  title: z.string().trim().min(2, '会议名称至少两个字').max(100),
  date,
  startTime: time,
  endTime: time,
  venue: optText(60),
  quarter: z
    .number()
    .int()
    .min(1, '季度应为1至4')
    .max(4, '季度应为1至4')
    .nullish()
    .transform((v) => v ?? null),
  /** A 镇人大季会 that is the annual session (季会制). Omitted on update: unchanged. */
  annualSession: z.boolean({ error: '请选择是否为年度会议' }).optional(),
};

const fileInput = {
  fileName: z.string().trim().min(1).max(255),
  contentBase64: z.string().min(1, '文件为空').max(70_000_000, '文件过大（超过50MB）'),
};

/** 签到登记, shared by attendance.mark (returns the whole sheet) and attendance.markOne (the row and the summary). */
const markInput = z
  .object({
    meetingId: id,
    membershipId: id,
    status: z.enum(ATTENDANCE_STATUSES, { error: '签到状态无效' }),
    reason: optText(200),
  })
  .refine((v) => v.status !== 'leave' || !!v.reason, { message: '请假须填写原因', path: ['reason'] });

export const meetingMethods = {
  'ruleSets.list': method<RuleSet[]>()('列出会议规则（法定人数、通过比例及其依据）', z.object({}), 'RuleSet[]'),
  'ruleSets.copy': method<RuleSet>()(
    '复制一套规则以便按本地规定调整',
    z.object({ id, name: z.string().trim().min(2).max(60) }),
    'RuleSet',
  ),
  'ruleSets.update': method<RuleSet>()(
    '修改自定义规则（内置规则不可修改）',
    z.object({ id, name: z.string().trim().min(2).max(60), rules }),
    'RuleSet',
  ),

  'meetings.list': method<Meeting[]>()(
    '列出会议（可按机构筛选），新会议在前',
    z.object({ bodyId: id.optional() }),
    'Meeting[]',
  ),
  'meetings.get': method<Meeting>()('会议详情，含议程与附件', z.object({ id }), 'Meeting'),
  'meetings.create': method<Meeting>()(
    '新建会议',
    z.object({ bodyId: id, kind: z.enum(MEETING_KINDS, { error: '会议类型无效' }), ...meetingFields }),
    'Meeting',
  ),
  'meetings.update': method<Meeting>()('修改会议信息（筹备中）', z.object({ id, ...meetingFields }), 'Meeting'),
  'meetings.open': method<Meeting>()(
    '宣布开会：检查法定人数；不足时须填写理由方可强行开会（记入审计日志）',
    z.object({ id, overrideReason: optText(200) }),
    'Meeting',
  ),
  'meetings.close': method<Meeting>()('宣布闭会（须先结束全部表决）', z.object({ id }), 'Meeting'),

  'agenda.add': method<AgendaItem>()(
    '添加议程',
    z.object({
      meetingId: id,
      kind: z.enum(AGENDA_KINDS, { error: '议程类别无效' }),
      title: z.string().trim().min(2, '议程名称至少两个字').max(120),
      notes: optText(500),
    }),
    'AgendaItem',
  ),
  'agenda.update': method<AgendaItem>()(
    '修改议程',
    z.object({ id, kind: z.enum(AGENDA_KINDS), title: z.string().trim().min(2).max(120), notes: optText(500) }),
    'AgendaItem',
  ),
  'agenda.move': method<AgendaItem[]>()(
    '调整议程顺序',
    z.object({ id, direction: z.enum(['up', 'down']) }),
    'AgendaItem[]',
  ),
  'agenda.remove': method<{ removed: true }>()(
    '删除议程（已有表决的议程不可删除）',
    z.object({ id }),
    '{ removed: true }',
  ),
  'agenda.attach': method<AgendaItem>()(
    '为议程添加附件（文件保存在数据目录）',
    z.object({ itemId: id, ...fileInput }),
    'AgendaItem',
  ),
  'agenda.document': method<ExportedFile>()('读取议程附件', z.object({ documentId: id }), 'ExportedFile'),

  'attendance.get': method<Attendance>()(
    '签到情况：应到、实到、请假、缺席及是否达到法定人数',
    z.object({ meetingId: id }),
    'Attendance',
  ),
  'attendance.mark': method<Attendance>()(
    '签到登记：出席（会议开始后为补签到）、请假（须填原因）、缺席、离场，或撤销为未签到',
    markInput,
    'Attendance',
  ),
  'attendance.markOne': method<AttendanceChange>()(
    '签到登记（精简）：与 attendance.mark 相同，只返回该成员的一行与签到汇总，供签到台和扫码枪连续签到',
    markInput,
    'AttendanceChange',
  ),

  'votes.list': method<Vote[]>()('会议的全部表决（含重新表决的各轮）', z.object({ meetingId: id }), 'Vote[]'),
  'votes.get': method<Vote>()('一次表决的状态；结果仅在表决结束后给出', z.object({ id }), 'Vote'),
  'votes.create': method<Vote>()(
    '为议程创建表决',
    z.object({
      agendaItemId: id,
      title: optText(120),
      mode: z.enum(VOTE_MODES, { error: '表决方式无效' }),
      secrecy: z.enum(VOTE_SECRECY, { error: '记名方式无效' }),
    }),
    'Vote',
  ),
  'votes.open': method<Vote>()('开始表决：冻结应到、实到与规则', z.object({ id }), 'Vote'),
  'votes.cast': method<{ accepted: true; cast: number }>()(
    '电子表决投票（每名出席成员一票）',
    z.object({ id, membershipId: id, choice: z.enum(CHOICES, { error: '选项应为赞成、反对或弃权' }) }),
    '{ accepted: true; cast: number }',
  ),
  'votes.enterCounts': method<Vote>()(
    '录入举手或纸质票的赞成、反对、弃权票数；按双重门槛计票的表决另填 deputies（人大代表票箱的赞成、反对、弃权票数）',
    z.object({ id, ...motionCountsInput }),
    'Vote',
  ),
  'votes.close': method<Vote>()('结束表决并按规则计算结果', z.object({ id }), 'Vote'),
  'votes.revote': method<Vote>()(
    '重新表决：保留前一轮记录，另开一轮（可改用其他表决方式）',
    z.object({ id, mode: z.enum(VOTE_MODES).optional() }),
    'Vote',
  ),
  'votes.roll': method<VoteRollEntry[]>()('记名表决的逐人结果（表决结束后）', z.object({ id }), 'VoteRollEntry[]'),
} as const;

export const meetingEvents = {
  'meeting.changed': event<{ meetingId: number }>('会议信息、议程或状态变化'),
  'attendance.changed': event<AttendanceChangedPayload>('签到变化（含实到、应到、请假人数，变化的一行与签到汇总）'),
  'vote.changed': event<{ voteId: number; meetingId: number; status: string; cast: number; eligible: number }>(
    '表决状态或进度变化（只有已投票数，从不含票数分布）',
  ),
} as const;
