import { z } from 'zod';
import { MEETING_KINDS } from '../domain/rules';
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
const optText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成“2025-04-10”这样的格式');
const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间应写成“09:30”这样的格式')
  .nullish()
  .or(z.literal(''))
  .transform((v) => v || null);
const count = z.number({ error: '应为整数' }).int('应为整数').min(0, '不能为负数').max(100_000);

const share = {
  num: z.number().int().min(1).max(99),
  den: z.number().int().min(1).max(100),
  strict: z.boolean(),
  basis: z.string().trim().min(2, '请写明依据').max(200),
};
const rules = z
  .object({
    quorum: z.object(share),
    pass: z.object({ ...share, base: z.enum(['members', 'present', 'cast']) }),
    proxies: z.boolean(),
  })
  .refine((r) => r.quorum.num <= r.quorum.den && r.pass.num <= r.pass.den, { message: '比例的分子不能大于分母', path: ['quorum'] });

const meetingFields = {
  ruleSetId: id,
  session: optText(30),
  title: z.string().trim().min(2, '会议名称至少两个字').max(100),
  date,
  startTime: time,
  endTime: time,
  venue: optText(60),
  quarter: z.number().int().min(1, '季度应为1至4').max(4, '季度应为1至4').nullish().transform((v) => v ?? null),
};

const fileInput = {
  fileName: z.string().trim().min(1).max(255),
  contentBase64: z.string().min(1, '文件为空').max(70_000_000, '文件过大（超过50MB）'),
};

/** 签到登记, shared by attendance.mark (returns the whole sheet) and attendance.markOne (the row and the summary). */
const markInput = z
  .object({ meetingId: id, membershipId: id, status: z.enum(ATTENDANCE_STATUSES, { error: '签到状态无效' }), reason: optText(200) })
  .refine((v) => v.status !== 'leave' || !!v.reason, { message: '请假须填写原因', path: ['reason'] });

export const meetingMethods = {
  'ruleSets.list': method<RuleSet[]>()('列出会议规则（法定人数、通过比例及其依据）', z.object({}), 'RuleSet[]'),
  'ruleSets.copy': method<RuleSet>()('复制一套规则以便按本地规定调整', z.object({ id, name: z.string().trim().min(2).max(60) }), 'RuleSet'),
  'ruleSets.update': method<RuleSet>()('修改自定义规则（内置规则不可修改）', z.object({ id, name: z.string().trim().min(2).max(60), rules }), 'RuleSet'),

  'meetings.list': method<Meeting[]>()('列出会议（可按机构筛选），新会议在前', z.object({ bodyId: id.optional() }), 'Meeting[]'),
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
    z.object({ meetingId: id, kind: z.enum(AGENDA_KINDS, { error: '议程类别无效' }), title: z.string().trim().min(2, '议程名称至少两个字').max(120), notes: optText(500) }),
    'AgendaItem',
  ),
  'agenda.update': method<AgendaItem>()(
    '修改议程',
    z.object({ id, kind: z.enum(AGENDA_KINDS), title: z.string().trim().min(2).max(120), notes: optText(500) }),
    'AgendaItem',
  ),
  'agenda.move': method<AgendaItem[]>()('调整议程顺序', z.object({ id, direction: z.enum(['up', 'down']) }), 'AgendaItem[]'),
  'agenda.remove': method<{ removed: true }>()('删除议程（已有表决的议程不可删除）', z.object({ id }), '{ removed: true }'),
  'agenda.attach': method<AgendaItem>()('为议程添加附件（文件保存在数据目录）', z.object({ itemId: id, ...fileInput }), 'AgendaItem'),
  'agenda.document': method<ExportedFile>()('读取议程附件', z.object({ documentId: id }), 'ExportedFile'),

  'attendance.get': method<Attendance>()('签到情况：应到、实到、请假、缺席及是否达到法定人数', z.object({ meetingId: id }), 'Attendance'),
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
    z.object({ agendaItemId: id, title: optText(120), mode: z.enum(VOTE_MODES, { error: '表决方式无效' }), secrecy: z.enum(VOTE_SECRECY, { error: '记名方式无效' }) }),
    'Vote',
  ),
  'votes.open': method<Vote>()('开始表决：冻结应到、实到与规则', z.object({ id }), 'Vote'),
  'votes.cast': method<{ accepted: true; cast: number }>()(
    '电子表决投票（每名出席成员一票）',
    z.object({ id, membershipId: id, choice: z.enum(CHOICES, { error: '选项应为赞成、反对或弃权' }) }),
    '{ accepted: true; cast: number }',
  ),
  'votes.enterCounts': method<Vote>()(
    '录入举手或纸质票的赞成、反对、弃权票数',
    z.object({ id, yes: count, no: count, abstain: count }),
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
