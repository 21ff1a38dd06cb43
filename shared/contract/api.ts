import { z } from 'zod';
import { AUDIT_GROUPS } from './audit-labels';
import { backupEvents, backupMethods } from './backup-api';
import { event, method } from './define';
import { documentMethods } from './documents-api';
import { exportMethods } from './exports-api';
import { meetingPackageEvents, meetingPackageMethods } from './meeting-package-api';
import { fingerprintMethods } from './fingerprints-api';
import { lanAdminMethods } from './lan-admin-api';
import { rehearsalMethods } from './rehearsal-api';
import { resultDocumentMethods } from './result-documents-api';
import { meetingEvents, meetingMethods } from './meetings-api';
import { pollEvents, pollMethods } from './polls-api';
import { projectFileEvents, projectFileMethods } from './project-files-api';
import { projectReviewEvents, projectReviewMethods } from './project-review-api';
import { projectResultMethods } from './project-results-api';
import { projectEvents, projectMethods } from './projects-api';
import { projectWorkEvents, projectWorkMethods } from './project-work-api';
import { screenEvents, screenMethods } from './screen-api';
import {
  BODY_KINDS,
  GENDERS,
  IMPORT_MODES,
  type AuditEntry,
  type AuditVerification,
  type Body,
  type ExportedFile,
  type ImportPreview,
  type ImportResult,
  type Member,
  type SystemInfo,
} from './types';

/** The single API contract. Each entry is served over Electron IPC and over HTTP (POST /api/<name>). */

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().max(max);
const optText = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v ? v : null));
const isoDate = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, '日期应写成“2025-04-10”这样的格式')
  .nullish()
  .transform((v) => v || null);

/** A person's name: Chinese characters, possibly with the middle dot of minority names (买买提·艾力). */
export const personName = z
  .string()
  .trim()
  .min(2, '姓名至少两个字')
  .max(20, '姓名不超过20个字')
  .regex(/^[\p{Script=Han}A-Za-z·•.]+$/u, '姓名只能包含汉字、字母和间隔号“·”');

export const phone = z
  .string()
  .trim()
  .regex(/^(|1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/, '电话应为11位手机号或带区号的固定电话')
  .nullish()
  .transform((v) => v || null);

/** Field rules shared by the member form and the roster import, so both accept exactly the same values. */
export const memberFieldSchemas = {
  name: personName,
  gender: z
    .enum(GENDERS, { error: '性别应为“男”或“女”' })
    .nullish()
    .transform((v) => v ?? null),
  ethnicity: optText(10),
  party: optText(20),
  unitTitle: optText(100),
  constituency: optText(50),
  phone,
  seatNo: optText(10),
  since: isoDate,
  until: isoDate,
  notes: optText(500),
};

/**
 * 兼任人大代表: whether a 议事代表 is also a 区人大代表, for a street council's double threshold (rules §3). Optional,
 * so a script written before it keeps working: a new member is not, and an update without it leaves it as it is.
 */
export const npcDeputyInput = z.boolean({ error: '“兼任人大代表”应为“是”或“否”' }).optional();

const fileInput = {
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/\.(xlsx|csv)$/i, '只支持 .xlsx 或 .csv 文件'),
  // 20 MB of base64 is far more than any roster.
  contentBase64: z.string().min(1, '文件为空').max(28_000_000, '文件过大（超过20MB）'),
};

/** A moment as an ISO 8601 timestamp (2026-03-01T08:00:00+08:00) or a day (2026-03-01, its midnight UTC). */
const isoTime = z
  .string()
  .trim()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)),
    '时间格式应为 ISO 8601，如 2026-03-01T08:00:00+08:00',
  )
  .transform((s) => new Date(s).toISOString());

/** Which audit entries: one meeting (its agenda, sign-in, votes and screen), one group of actions, a time range. */
const auditFilter = {
  meetingId: id.optional(),
  group: z.enum(AUDIT_GROUPS, { error: '操作类别无效' }).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
};
const fromBeforeTo = (v: { from?: string; to?: string }) => !v.from || !v.to || v.from <= v.to;
const fromBeforeToIssue = { message: '起始时间晚于结束时间', path: ['to'] };

/** add: every row is a new member (a person already in the body is an error); update: rows matching a member change it. */
const importMode = z.enum(IMPORT_MODES, { error: '导入方式应为“新增”或“更新已有成员”' }).default('add');

export const api = {
  'system.info': method<SystemInfo>()('版本、数据位置和运行方式', z.object({}), 'SystemInfo'),

  'bodies.list': method<Body[]>()('列出全部机构（人大、常委会、街道议事代表会议、镇人大）', z.object({}), 'Body[]'),
  'bodies.create': method<Body>()(
    '新建机构',
    z.object({
      kind: z.enum(BODY_KINDS, { error: '机构类别无效' }),
      name: z.string().trim().min(2, '名称至少两个字').max(60),
      area: optText(30),
      term: optText(30),
    }),
    'Body',
  ),
  'bodies.update': method<Body>()(
    '修改机构名称、所属街道/镇或届次',
    z.object({ id, name: z.string().trim().min(2).max(60), area: optText(30), term: optText(30) }),
    'Body',
  ),

  'members.list': method<Member[]>()(
    '列出机构成员（默认只含在任成员）',
    z.object({ bodyId: id, includeFormer: z.boolean().optional() }),
    'Member[]',
  ),
  'members.create': method<Member>()(
    '向机构新增一名成员；同名同电话的人员视为同一人（可兼任多个机构）',
    z.object({ bodyId: id, ...memberFieldSchemas, npcDeputy: npcDeputyInput }),
    'Member',
  ),
  'members.update': method<Member>()(
    '修改成员信息',
    z.object({ membershipId: id, ...memberFieldSchemas, npcDeputy: npcDeputyInput }),
    'Member',
  ),
  'members.end': method<Member>()(
    '成员离任（保留记录，填写终止日期和原因）',
    z.object({
      membershipId: id,
      until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成“2025-04-10”这样的格式'),
      reason: z.string().trim().min(1, '请填写离任原因').max(200),
    }),
    'Member',
  ),

  'roster.importPreview': method<ImportPreview>()(
    '预览名册导入：解析 .xlsx/.csv，逐行校验，不写入任何数据；mode 为 update 时按姓名+电话、姓名+座位号或唯一姓名对应已有成员，逐行列出改动',
    z.object({ bodyId: id, ...fileInput, mode: importMode }),
    'ImportPreview',
  ),
  'roster.importCommit': method<ImportResult>()(
    '提交名册导入：整批写入；任一行有误则一行也不写入；mode 为 update 时同时修改对应的已有成员（文件中没有的成员不作离任处理）',
    z.object({ bodyId: id, ...fileInput, mode: importMode }),
    'ImportResult',
  ),
  'roster.export': method<ExportedFile>()(
    '导出机构名册为 .xlsx（按姓氏笔画排序）',
    z.object({ bodyId: id }),
    'ExportedFile',
  ),
  'roster.template': method<ExportedFile>()(
    '下载名册导入模板 .xlsx（标题行和导入所读的中文表头）',
    z.object({ bodyId: id }),
    'ExportedFile',
  ),

  'audit.list': method<AuditEntry[]>()(
    '审计日志，按时间倒序',
    z
      .object({ limit: z.number().int().min(1).max(500).default(100), beforeId: id.optional(), ...auditFilter })
      .refine(fromBeforeTo, fromBeforeToIssue),
    'AuditEntry[]',
  ),
  'audit.export': method<ExportedFile>()(
    '导出审计日志为 .xlsx（中文操作名称与内容；可按会议、操作类别和时间筛选）',
    z.object(auditFilter).refine(fromBeforeTo, fromBeforeToIssue),
    'ExportedFile',
  ),
  'audit.verify': method<AuditVerification>()(
    '校验审计日志：逐条校验哈希链，与备份中记下的链头（外部锚点）比对，已结束的投票按选票重新计票并与结束时的审计记录比对',
    z.object({}),
    'AuditVerification',
  ),
  ...meetingMethods,
  ...projectMethods,
  ...screenMethods,
  ...pollMethods,
  ...projectFileMethods,
  ...projectWorkMethods,
  ...projectReviewMethods,
  ...projectResultMethods,
  ...backupMethods,
  ...exportMethods,
  ...meetingPackageMethods,
  ...fingerprintMethods,
  ...documentMethods,
  ...resultDocumentMethods,
  ...lanAdminMethods,
  ...rehearsalMethods,
} as const;

export const events = {
  'bodies.changed': event<{ bodyId: number }>('机构新增或修改'),
  'roster.changed': event<{ bodyId: number }>('机构名册变化（新增、修改、离任、导入）'),
  'audit.appended': event<{ id: number; action: string }>('审计日志新增一条'),
  ...meetingEvents,
  ...projectEvents,
  ...screenEvents,
  ...pollEvents,
  ...projectFileEvents,
  ...projectWorkEvents,
  ...projectReviewEvents,
  ...backupEvents,
  ...meetingPackageEvents,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type Input<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type Output<M extends MethodName> = NonNullable<Api[M]['_output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = NonNullable<Events[E]['_payload']>;
export interface EventMessage<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}

export const methodNames = Object.keys(api) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

/**
 * The methods that change nothing: no row, no file, no window. Whatever they return is open to any caller, so
 * none may depend on how anyone voted in a secret ballot (无记名投票) that is still open: tests/unit/secret-flow.test.ts
 * calls every one of them on two databases that differ in one ballot and requires the same answers, and fails
 * when a method is neither here nor on its list of writes.
 */
export const readMethods = [
  'system.info',
  'bodies.list',
  'members.list',
  'roster.importPreview',
  'roster.export',
  'roster.template',
  'audit.list',
  'audit.export',
  'audit.verify',
  'ruleSets.list',
  'meetings.list',
  'meetings.get',
  'agenda.document',
  'attendance.get',
  'votes.list',
  'votes.get',
  'votes.roll',
  'projectLists.list',
  'projectLists.get',
  'projects.importPreview',
  'projectVotes.list',
  'projectVotes.get',
  'projectVotes.paperBatch',
  'projectVotes.paperCompare',
  'screen.view',
  'screen.displays',
  'polls.list',
  'polls.get',
  'polls.paperBatch',
  'polls.paperCompare',
  'polls.recount',
  'evaluations.itemsTemplate',
  'projectFiles.list',
  'projectFiles.get',
  'projects.record',
  'projects.timeline',
  'agendaProjects.get',
  'projectEvaluations.list',
  'rectifications.list',
  'rectifications.get',
  'projectYear.board',
  'projectYear.trends',
  'projectYear.export',
  'projects.importTemplate',
  'projectLists.result',
  'agendaProjects.options',
  'backups.list',
  'exports.attendance',
  'exports.round',
  'exports.rollCall',
  'exports.evaluations',
  'meetingPackages.preview',
  'fingerprints.get',
  'documents.result',
  'documents.minutes',
  'documents.signIn',
  'documents.ballot',
  'documents.countSheet',
  'lan.status',
  'credentials.list',
  'desks.list',
  'rehearsals.status',
] as const satisfies readonly MethodName[];
export type ReadMethodName = (typeof readMethods)[number];
