import { fieldLabels } from './labels';
import {
  agendaKindLabels,
  attendanceLabels,
  choiceLabels,
  meetingKindLabels,
  voteModeLabels,
  voteSecrecyLabels,
  type AttendanceStatus,
  type Choice,
} from './meeting-types';
import { projectVoteModeLabels, screeningLabels, type ScreeningState } from './project-types';
import { screenModeLabels, type ScreenMode } from './screen-types';
import { bodyKindLabels, type BodyKind } from './types';

/**
 * The audit log in the clerk's words: a Chinese name and a group for every action the services record, who made
 * the call, and each entry's detail as a short sentence or a 键：值 list (never raw JSON). Used by the settings page
 * and by the .xlsx export, so both read the same. tests/unit/audit-labels.test.ts fails when a service records an
 * action that has no entry here.
 */

export const AUDIT_GROUPS = ['roster', 'meeting', 'attendance', 'vote', 'project', 'screen', 'system'] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];
export const auditGroupLabels: Record<AuditGroup, string> = {
  roster: '名册',
  meeting: '会议与议程',
  attendance: '签到',
  vote: '表决',
  project: '项目票决',
  screen: '投影',
  system: '系统',
};

/** Names the describer may look up for ids in a detail; anything it cannot find is shown by its number. */
export interface AuditNames {
  member?: (membershipId: number) => string | undefined;
  meeting?: (meetingId: number) => string | undefined;
}

type Detail = Record<string, unknown>;
interface ActionInfo {
  label: string;
  group: AuditGroup;
  describe?: (d: Detail, names: AuditNames) => string;
}

const str = (v: unknown) => (v === null || v === undefined || v === '' ? '' : String(v));
const member = (names: AuditNames, id: unknown) =>
  typeof id === 'number' ? (names.member?.(id) ?? `成员记录#${id}`) : '';
const meeting = (names: AuditNames, id: unknown) =>
  typeof id === 'number' ? (names.meeting?.(id) ?? `会议#${id}`) : '';
const direction = (d: Detail) => (d.direction === 'up' ? '上移一位' : d.direction === 'down' ? '下移一位' : '');
const join = (...parts: string[]) => parts.filter(Boolean).join('；');
const countsText = (c: unknown) =>
  c && typeof c === 'object'
    ? Object.entries(c as Detail)
        .map(([k, n]) => `${k}${str(n)}`)
        .join('、')
    : '';

/** Values as a clerk reads them: enums by their Chinese names, lists joined with 、, nothing nested. */
function valueText(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v))
    return v
      .map((x) => valueText(key, x))
      .filter(Boolean)
      .join('、');
  if (typeof v === 'object') return `${Object.keys(v).length}项`;
  const s = String(v);
  const maps: Record<string, Record<string, string>> = { secrecy: voteSecrecyLabels, status: attendanceLabels };
  if (key === 'kind')
    return (
      bodyKindLabels[s as BodyKind] ??
      meetingKindLabels[s as keyof typeof meetingKindLabels] ??
      agendaKindLabels[s as keyof typeof agendaKindLabels] ??
      s
    );
  if (key === 'mode')
    return (
      voteModeLabels[s as keyof typeof voteModeLabels] ??
      projectVoteModeLabels[s as keyof typeof projectVoteModeLabels] ??
      screenModeLabels[s as ScreenMode] ??
      s
    );
  return maps[key]?.[s] ?? (s.length > 60 ? `${s.slice(0, 60)}…` : s);
}

/** Field names as in the forms; a few contract labels are too narrow for every action (kind, mode). */
const LABELS: Record<string, string> = {
  ...fieldLabels,
  kind: '类别',
  mode: '方式',
  title: '名称',
  year: '年度',
  style: '选票样式',
  linkedPersonId: '兼任',
};
const labelOf = (k: string) => LABELS[k] ?? k;

/** Keys never worth showing a clerk: internal ids already named elsewhere, hashes, timestamps of the row itself. */
const HIDDEN = new Set([
  'sha256',
  'pinyin',
  'initials',
  'personId',
  'membershipId',
  'bodyId',
  'otherBodies',
  'active',
  'createdAt',
  'created_at',
  'id',
  'activeMembers',
]);

/** 键：值 pairs of the fields that have a value. */
export function fieldList(d: Detail, keys?: string[]): string {
  return (keys ?? Object.keys(d))
    .filter((k) => !HIDDEN.has(k))
    .map((k) => [labelOf(k), valueText(k, d[k])] as const)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}：${v}`)
    .join('；');
}

/** What a before/after edit changed: 单位及职务：甲 → 乙. */
function changes(d: Detail): string {
  const before = (d.before ?? {}) as Detail;
  const after = (d.after ?? {}) as Detail;
  const out = Object.keys(after)
    .filter((k) => !HIDDEN.has(k) && !(typeof after[k] === 'object' && after[k] !== null && !Array.isArray(after[k])))
    .filter((k) => valueText(k, before[k]) !== valueText(k, after[k]))
    .map((k) => `${labelOf(k)}：${valueText(k, before[k]) || '（空）'} → ${valueText(k, after[k]) || '（空）'}`);
  return out.length ? out.join('；') : '未改动任何字段';
}

const named = (d: Detail, key = 'name') => {
  const before = (d.before ?? {}) as Detail;
  return str(before[key] ?? (d.after as Detail | undefined)?.[key]);
};

const attendance = (label: string): ActionInfo => ({
  label,
  group: 'attendance',
  describe: (d, n) => {
    const from = attendanceLabels[d.from as AttendanceStatus] ?? str(d.from);
    const to = attendanceLabels[d.to as AttendanceStatus] ?? str(d.to);
    return join(
      `${str(d.name) || member(n, d.membershipId)}：${from} → ${to}`,
      d.reason ? `原因：${str(d.reason)}` : '',
      meeting(n, d.meetingId),
    );
  },
});

/** The roll frozen at 宣布开会, as its entry records it: counts and the start of its digest. */
function rollAtOpen(d: Detail): string {
  const r = d.roll as Detail | undefined;
  if (!r) return '';
  return (
    `开会时名单：应到${str(r.expected)}人，实到${str(r.present)}人，` +
    `请假${str(r.leave)}人${Number(r.absent) ? `，缺席${str(r.absent)}人` : ''}${Number(r.pending) ? `，未签到${str(r.pending)}人` : ''}（名单摘要${str(r.digest).slice(0, 12)}…）`
  );
}

/** An import's receipt: how many rows the file had and the start of the digest of what came in. */
const imported = (d: Detail) =>
  join(
    d.fileRows !== undefined ? `文件共${Number(d.fileRows)}行` : '',
    d.rowsDigest ? `数据摘要${str(d.rowsDigest).slice(0, 12)}…` : '',
  );

/** An export of personal data (electron/services/export-audit.ts): the file, its rows, its size. */
const exported = (label: string, group: AuditGroup, rows = '行'): ActionInfo => ({
  label,
  group,
  describe: (d) =>
    join(
      `文件：${str(d.fileName)}`,
      `共${Number(d.rows ?? 0)}${rows}`,
      typeof d.size === 'number' ? `大小：${Math.max(1, Math.round(d.size / 1024))}KB` : '',
    ),
});

const projectRound = (label: string): ActionInfo => ({
  label,
  group: 'project',
  describe: (d) =>
    join(d.round ? `第${str(d.round)}轮` : '', fieldList(d, ['seats', 'mode', 'style', 'scrutineers', 'counters'])),
});

export const auditActions: Record<string, ActionInfo> = {
  'body.create': {
    label: '新建机构',
    group: 'roster',
    describe: (d) => fieldList(d, ['name', 'kind', 'area', 'term']),
  },
  'body.update': {
    label: '修改机构',
    group: 'roster',
    describe: (d) => join(named(d) && `机构：${named(d)}`, changes(d)),
  },
  'member.create': {
    label: '新增成员',
    group: 'roster',
    describe: (d) =>
      join(
        fieldList(d, ['name', 'gender', 'unitTitle', 'constituency', 'phone', 'seatNo']),
        d.linkedPersonId ? '已有人员兼任' : '',
      ),
  },
  'member.update': {
    label: '修改成员',
    group: 'roster',
    describe: (d) => join(named(d) && `姓名：${named(d)}`, changes(d)),
  },
  'member.end': {
    label: '成员离任',
    group: 'roster',
    describe: (d) =>
      join(str(d.name), d.until ? `离任日期：${str(d.until)}` : '', d.reason ? `原因：${str(d.reason)}` : ''),
  },
  'roster.import': {
    label: '导入名册',
    group: 'roster',
    describe: (d) =>
      d.mode === 'update'
        ? join(
            `文件：${str(d.fileName)}`,
            `更新已有成员：新增${Number(d.added ?? 0)}名，修改${Number(d.changed ?? 0)}名，未变${Number(d.unchanged ?? 0)}名`,
            imported(d),
          )
        : join(
            `文件：${str(d.fileName)}`,
            `导入${Number(d.rows ?? 0)}名`,
            d.linked ? `其中${Number(d.linked)}名为已有人员兼任` : '',
            imported(d),
          ),
  },
  'roster.exportFile': exported('导出名册', 'roster', '名成员'),

  'ruleSet.builtin': { label: '登记内置规则', group: 'system', describe: (d) => fieldList(d, ['name', 'basis']) },
  'ruleSet.copy': {
    label: '复制会议规则',
    group: 'meeting',
    describe: (d) => join(`新规则：${str(d.name)}`, `复制自规则#${str(d.from)}`),
  },
  'ruleSet.update': {
    label: '修改会议规则',
    group: 'meeting',
    describe: (d) => join(named(d) && `规则：${named(d)}`, changes(d)),
  },
  'meeting.create': {
    label: '新建会议',
    group: 'meeting',
    describe: (d) => fieldList(d, ['title', 'kind', 'session', 'date', 'startTime', 'venue']),
  },
  'meeting.update': {
    label: '修改会议',
    group: 'meeting',
    describe: (d) => join(named(d, 'title') && `会议：${named(d, 'title')}`, changes(d)),
  },
  'meeting.open': {
    label: '宣布开会',
    group: 'meeting',
    describe: (d) => join(d.quorum ? `法定人数：${str(d.quorum)}` : '', rollAtOpen(d)),
  },
  'meeting.open.override': {
    label: '强行开会（人数不足）',
    group: 'meeting',
    describe: (d) =>
      join(d.quorum ? `法定人数：${str(d.quorum)}` : '', `理由：${str(d.overrideReason)}`, rollAtOpen(d)),
  },
  'meeting.close': { label: '宣布闭会', group: 'meeting' },
  'backup.create': {
    label: '备份数据',
    group: 'system',
    describe: (d) =>
      join(
        `文件：${str(d.name)}`,
        d.note ? `备注：${str(d.note)}` : '',
        d.auditHead ? `审计链至第${str((d.auditHead as Detail).id)}条` : '',
      ),
  },
  'backup.restoreScheduled': {
    label: '安排恢复数据',
    group: 'system',
    describe: (d) => join(`来源：${str(d.from)}`, '重启后生效'),
  },
  'meetingPackage.export': {
    label: '导出会议包',
    group: 'meeting',
    describe: (d) => join(`文件：${str(d.fileName)}`, `摘要：${str(d.digest).slice(0, 16)}…`, countsText(d.counts)),
  },
  'meetingPackage.import': {
    label: '导入会议包',
    group: 'meeting',
    describe: (d) =>
      join(
        `文件：${str(d.fileName)}`,
        `摘要：${str(d.digest).slice(0, 16)}…`,
        `新增${str(d.added)}项，更新${str(d.updated)}项`,
        d.sessionAudit
          ? `带回审计记录${str((d.sessionAudit as Detail).entries)}条${(d.sessionAudit as Detail).linked ? '（与本机导出的会议包衔接）' : ''}`
          : '',
      ),
  },
  'backup.restore': {
    label: '恢复数据',
    group: 'system',
    describe: (d) => join(`来源：${str(d.from)}`, `原数据已备份为：${str(d.before)}`),
  },
  'agenda.add': {
    label: '添加议程',
    group: 'meeting',
    describe: (d, n) => join(fieldList(d, ['title', 'kind']), meeting(n, d.meetingId)),
  },
  'agenda.update': {
    label: '修改议程',
    group: 'meeting',
    describe: (d) => join(named(d, 'title') && `议程：${named(d, 'title')}`, changes(d)),
  },
  'agenda.move': { label: '调整议程顺序', group: 'meeting', describe: direction },
  'agenda.remove': { label: '删除议程', group: 'meeting', describe: (d) => `议程：${str(d.title)}` },
  'agenda.attach': {
    label: '上传议程附件',
    group: 'meeting',
    describe: (d) =>
      join(
        `文件：${str(d.fileName)}`,
        typeof d.size === 'number' ? `大小：${Math.max(1, Math.round(d.size / 1024))}KB` : '',
      ),
  },

  'attendance.signIn': attendance('签到'),
  'attendance.lateSignIn': attendance('迟到签到'),
  'attendance.pending': attendance('撤销签到'),
  'attendance.present': attendance('登记出席'),
  'attendance.leave': attendance('登记请假'),
  'attendance.absent': attendance('登记缺席'),
  'attendance.left': attendance('登记离场'),
  'export.attendance': exported('导出签到情况', 'attendance', '人'),
  'export.round': exported('导出计票结果', 'vote'),
  'export.rollCall': exported('导出记名表决名单', 'vote', '人'),
  'export.evaluations': exported('导出测评结果', 'vote', '项'),
  'audit.exportFile': exported('导出审计日志', 'system', '条'),
  'projectYear.exportFile': exported('导出民生实事推进表', 'project', '个项目'),

  'vote.create': { label: '创建表决', group: 'vote', describe: (d) => fieldList(d, ['title', 'mode', 'secrecy']) },
  'vote.revote': {
    label: '重新表决',
    group: 'vote',
    describe: (d) => join(`第${str(d.round)}轮`, fieldList(d, ['title', 'mode', 'secrecy'])),
  },
  'vote.open': {
    label: '开始表决',
    group: 'vote',
    describe: (d) =>
      join(`应到${str(d.expected)}人，实到${str(d.present)}人`, d.ruleSet ? `规则：${str(d.ruleSet)}` : ''),
  },
  // A secret vote's entry holds no choice; the sentence says so rather than leaving a blank that looks like a gap.
  'vote.cast': {
    label: '投票',
    group: 'vote',
    describe: (d, n) =>
      d.choice
        ? `${member(n, d.membershipId)}：${choiceLabels[d.choice as Choice] ?? str(d.choice)}`
        : `${member(n, d.membershipId)}已投票（无记名，不记录表决意见）`,
  },
  'vote.counts': {
    label: '录入票数',
    group: 'vote',
    describe: (d) => `赞成${str(d.yes)}，反对${str(d.no)}，弃权${str(d.abstain)}`,
  },
  'vote.close': { label: '结束表决', group: 'vote', describe: (d) => str(d.announcement) || '表决结束' },

  'projectList.create': {
    label: '新建候选项目清单',
    group: 'project',
    describe: (d) => fieldList(d, ['title', 'year', 'seats']),
  },
  'projectList.update': { label: '修改候选项目清单', group: 'project', describe: changes },
  'project.add': {
    label: '添加候选项目',
    group: 'project',
    describe: (d) => fieldList(d, ['name', 'department', 'budgetWan', 'location']),
  },
  'projectFiles.attach': {
    label: '上传项目材料',
    group: 'project',
    describe: (d) =>
      join(
        named(d, 'project') && `项目：${named(d, 'project')}`,
        `文件：${str(d.fileName)}`,
        typeof d.size === 'number' ? `大小：${Math.max(1, Math.round(d.size / 1024))}KB` : '',
      ),
  },
  'projectFiles.remove': { label: '删除项目材料', group: 'project', describe: (d) => `文件：${str(d.fileName)}` },
  'project.update': {
    label: '修改候选项目',
    group: 'project',
    describe: (d) => join(named(d) && `项目：${named(d)}`, changes(d)),
  },
  'project.remove': { label: '删除候选项目', group: 'project', describe: (d) => `项目：${str(d.name)}` },
  'project.move': { label: '调整候选项目顺序', group: 'project', describe: direction },
  'projects.import': {
    label: '导入候选项目',
    group: 'project',
    describe: (d) => join(`文件：${str(d.fileName)}`, `导入${Number(d.rows ?? 0)}个项目`, imported(d)),
  },
  'projectVote.create': projectRound('安排项目票决'),
  'projectVote.runoff': projectRound('安排项目票决（另行投票）'),
  'projectVote.retake': projectRound('安排项目票决（重新投票）'),
  'projectVote.open': {
    label: '开始项目票决',
    group: 'project',
    describe: (d) => `应到${str(d.expected)}人，实到${str(d.present)}人`,
  },
  'projectVote.cast': {
    label: '项目票决投票',
    group: 'project',
    describe: (d, n) => `${member(n, d.membershipId)}已投票（无记名，不记录所选项目）`,
  },
  'projectVote.stop': { label: '停止投票、开始计票', group: 'project' },
  'projectVote.manualTotals': {
    label: '录入计票单',
    group: 'project',
    describe: (d) => `${Array.isArray(d) ? d.length : Object.keys(d).length}个项目的合计`,
  },
  'projectVote.close': {
    label: '结束项目票决',
    group: 'project',
    describe: (d) => join(`发出选票${str(d.issued)}张`, str(d.announcement)),
  },
  'evaluation.create': {
    label: '安排满意度测评',
    group: 'vote',
    describe: (d) =>
      join(fieldList(d, ['title', 'mode', 'scrutineers', 'counters']), d.items ? `测评项目${str(d.items)}项` : ''),
  },
  'evaluation.items': {
    label: '修改测评项目',
    group: 'vote',
    describe: (d) =>
      join(
        d.fileName ? `文件：${str(d.fileName)}` : '',
        d.rows !== undefined ? `导入${str(d.rows)}项` : d.items !== undefined ? `共${str(d.items)}项` : '',
      ),
  },
  'evaluation.retake': { label: '重新测评', group: 'vote', describe: (d) => `第${str(d.round)}轮` },
  'evaluation.open': {
    label: '开始测评',
    group: 'vote',
    describe: (d) => `应到${str(d.expected)}人，实到${str(d.present)}人`,
  },
  'evaluation.cast': {
    label: '测评投票',
    group: 'vote',
    describe: (d, n) => `${member(n, d.membershipId)}已投票（无记名，不记录测评意见）`,
  },
  'evaluation.stop': { label: '停止测评投票、开始计票', group: 'vote' },
  'evaluation.countSheet': {
    label: '录入测评计票单',
    group: 'vote',
    describe: (d) => `${Array.isArray(d) ? d.length : 0}个项目的合计`,
  },
  'evaluation.close': {
    label: '结束满意度测评',
    group: 'vote',
    describe: (d) => join(`发出测评票${str(d.issued)}张`, str(d.announcement)),
  },
  'paper.enter': {
    label: '录入纸质选票',
    group: 'project',
    describe: (d) =>
      join(
        `第${str(d.batch)}遍录入第${str(d.seq)}张`,
        `内容：${str(d.keys) || '（空白票）'}`,
        d.voidReason ? `作废原因：${str(d.voidReason)}` : '',
      ),
  },
  'paper.correct': {
    label: '更正纸质选票',
    group: 'project',
    describe: (d) =>
      join(
        `第${str(d.batch)}遍录入第${str(d.seq)}张`,
        `改为：${str(d.keys) || '（空白票）'}`,
        d.voidReason ? `作废原因：${str(d.voidReason)}` : '',
      ),
  },
  'projectEvaluations.rewrite': {
    label: '重新写入项目测评结果',
    group: 'project',
    describe: (d) => join(`测评：${str(d.title)}`, `${str(d.projects)}个项目`),
  },
  'rectification.open': {
    label: '开启整改',
    group: 'project',
    describe: (d) =>
      join(`项目：${str(d.project)}`, `责任单位：${str(d.department)}`, `期限：${str(d.deadline)}`, str(d.reason)),
  },
  'rectification.close': { label: '整改复评达标', group: 'project', describe: (d) => `项目：${str(d.project)}` },
  'rectification.reopen': { label: '整改重新开启', group: 'project', describe: (d) => `项目：${str(d.project)}` },
  'rectification.withdraw': {
    label: '撤销整改',
    group: 'project',
    describe: (d) => join(`项目：${str(d.project)}`, str(d.reason)),
  },
  'rectification.update': {
    label: '修改整改期限或要求',
    group: 'project',
    describe: (d) => join(named(d) && `项目：${named(d)}`, changes(d)),
  },
  'rectification.respond': {
    label: '报送整改情况',
    group: 'project',
    describe: (d) => join(`项目：${str(d.name)}`, `责任单位：${str(d.department)}`, `报告日期：${str(d.respondedOn)}`),
  },

  'screen.show': {
    label: '切换投影',
    group: 'screen',
    describe: (d, n) =>
      join(
        `投影：${screenModeLabels[d.mode as ScreenMode] ?? str(d.mode)}`,
        d.message ? `文字：${str(d.message)}` : '',
        d.meetingId ? meeting(n, d.meetingId) : '',
        d.countdownSeconds ? `倒计时${Math.round(Number(d.countdownSeconds) / 60)}分钟` : '',
      ),
  },
  'screen.reveal': { label: '投影公布结果', group: 'screen' },
  'screen.hide': { label: '投影隐藏结果', group: 'screen' },

  'projectPlan.set': {
    label: '填写项目实施计划',
    group: 'project',
    describe: (d) =>
      join(
        d.project ? `项目：${str(d.project)}` : '',
        d.before
          ? changes(d)
          : fieldList((d.after ?? {}) as Detail, ['department', 'lead', 'budgetWan', 'startOn', 'finishOn']),
      ),
  },
  'projectMilestone.add': {
    label: '添加项目节点',
    group: 'project',
    describe: (d) => join(d.project ? `项目：${str(d.project)}` : '', fieldList(d, ['title', 'dueOn'])),
  },
  'projectMilestone.update': {
    label: '修改项目节点',
    group: 'project',
    describe: (d) => join(d.project ? `项目：${str(d.project)}` : '', changes(d)),
  },
  'projectMilestone.done': {
    label: '项目节点完成情况',
    group: 'project',
    describe: (d) =>
      join(
        d.project ? `项目：${str(d.project)}` : '',
        `节点：${str(d.title)}`,
        d.doneOn ? `完成日期：${str(d.doneOn)}` : '撤销完成',
      ),
  },
  'projectMilestone.remove': {
    label: '删除项目节点',
    group: 'project',
    describe: (d) => join(d.project ? `项目：${str(d.project)}` : '', `节点：${str(d.title)}`),
  },
  'projectProgress.add': {
    label: '添加项目进展报告',
    group: 'project',
    describe: (d) =>
      join(
        d.project ? `项目：${str(d.project)}` : '',
        fieldList(d, ['reportedOn', 'percent', 'spentWan', 'loweredReason']),
      ),
  },
  'projectInspection.add': {
    label: '记录代表视察/督查',
    group: 'project',
    describe: (d) =>
      join(
        d.project ? `项目：${str(d.project)}` : '',
        d.kind === 'supervision' ? '督查' : '代表视察',
        fieldList(d, ['heldOn', 'participants']),
      ),
  },
  'projectDecision.propose': {
    label: '提请变更/终止项目',
    group: 'project',
    describe: (d) =>
      join(
        d.project ? `项目：${str(d.project)}` : '',
        d.kind === 'stop' ? '终止' : '变更',
        `表决事项：${str(d.title)}`,
        `内容：${str(d.summary)}`,
      ),
  },
  'agendaProjects.set': {
    label: '设定议程听取的项目',
    group: 'meeting',
    describe: (d) =>
      join(
        `议程：${str(d.agenda)}`,
        Array.isArray(d.projects) && d.projects.length ? `项目：${d.projects.map(str).join('、')}` : '不听取任何项目',
      ),
  },
  'project.screen': {
    label: '候选项目筛选',
    group: 'project',
    describe: (d) =>
      join(
        `项目：${str(d.name)}`,
        `${screeningLabels[d.from as ScreeningState] ?? str(d.from)} → ${screeningLabels[d.to as ScreeningState] ?? str(d.to)}`,
        d.reason ? `原因：${str(d.reason)}` : '',
      ),
  },
  'projectList.adopt': {
    label: '确定候选项目清单',
    group: 'project',
    describe: (d) =>
      join(
        `清单：${str(d.title)}`,
        `${str(d.on)}经${str(d.by)}确定`,
        d.ref ? `文号：${str(d.ref)}` : '',
        `候选${str(d.candidates)}个、应选${str(d.seats)}个`,
      ),
  },
  'projectList.unadopt': {
    label: '撤销候选清单的确定',
    group: 'project',
    describe: (d) => join(`清单：${str(d.title)}`, `原为：${str(d.was)}`, `原因：${str(d.reason)}`),
  },
  'projectList.settle': {
    label: '决定空缺名额的处理',
    group: 'project',
    describe: (d) =>
      join(
        d.decision === 'runoff'
          ? '就未入选项目另行票决'
          : d.decision === 'leave_unfilled'
            ? '空缺，不再票决'
            : str(d.decision),
        d.summary ? str(d.summary) : '',
        d.reason ? `理由：${str(d.reason)}` : '',
      ),
  },
  'fingerprint.check': {
    label: '核验结果指纹',
    group: 'system',
    describe: (d) =>
      join(
        d.code ? `指纹：${str(d.code)}` : `输入：${str(d.input)}`,
        d.status === 'found' ? '一致' : d.status === 'altered' ? '与现在的数据不符' : '没有找到',
      ),
  },
};

/** The hall's network (issue 13). */
Object.assign(auditActions, {
  'lan.start': { label: '开启会场网络', group: 'system', describe: (d: Detail) => `端口：${str(d.port)}` },
  'lan.stop': { label: '关闭会场网络', group: 'system' },
  'rehearsal.start': {
    label: '开始演练（副本，不影响正式记录）',
    group: 'system',
    describe: (d: Detail) => join(`模拟终端${str(d.terminals)}个`, `每秒${str(d.rate)}个`, `类型：${str(d.kindLabel)}`),
  },
  'rehearsal.stop': {
    label: '结束演练',
    group: 'system',
    describe: (d: Detail) =>
      join(
        `已应答${str(d.answered)}/${str(d.terminals)}`,
        d.p95Ms === null || d.p95Ms === undefined ? '' : `p95 ${str(d.p95Ms)} ms`,
        `用时${str(d.elapsedMs)} ms`,
        d.errors ? `错误${str(d.errors)}个` : '',
      ),
  },
  'credential.revoke': {
    label: '作废投票码和签到码',
    group: 'attendance',
    describe: (d: Detail) => join(`人员：${str(d.name)}`, `第${str(d.generation)}代`),
  },
  'credential.reissue': {
    label: '重新生成投票码和签到码',
    group: 'attendance',
    describe: (d: Detail) => join(`人员：${str(d.name)}`, `第${str(d.generation)}代`),
  },
  'desk.create': { label: '新增签到台', group: 'attendance', describe: (d: Detail) => `签到台：${str(d.name)}` },
  'desk.link': { label: '取得签到台链接', group: 'attendance', describe: (d: Detail) => `签到台：${str(d.name)}` },
  'desk.revoke': { label: '停用签到台', group: 'attendance', describe: (d: Detail) => `签到台：${str(d.name)}` },
  'documents.slips': {
    label: '打印代表凭条（发放投票码和签到码）',
    group: 'attendance',
    describe: (d: Detail) => `${str(d.count)}人`,
  },
} satisfies Record<string, ActionInfo>);

export function auditActionLabel(action: string): string {
  return auditActions[action]?.label ?? action;
}

export function auditGroupOf(action: string): AuditGroup {
  return auditActions[action]?.group ?? 'system';
}

/** The actions of one group, for the service's filter. */
export function auditActionsOf(group: AuditGroup): string[] {
  return Object.entries(auditActions)
    .filter(([, a]) => a.group === group)
    .map(([k]) => k);
}

/**
 * Who made a call. The transports record `console` (the desktop window over IPC), `http:<ip>#cookie` (the browser
 * console, which signed in with the printed address) or `http:<ip>#bearer` (a script holding the admin-token file);
 * rows written before the suffix existed read `http:<ip>`.
 */
export function auditActorLabel(actor: string): string {
  if (actor === 'console') return '桌面控制台';
  if (actor === 'system') return '系统（首次启动）';
  if (actor === 'demo') return '演示数据';
  const m = /^http:(.*?)(?:#(cookie|bearer))?$/.exec(actor);
  if (m) {
    const ip = m[1]!.replace(/^::ffff:/, '');
    const local = ip === '127.0.0.1' || ip === '::1' || /^127\./.test(ip);
    const where = local ? '本机' : ip;
    return m[2] === 'cookie'
      ? `浏览器控制台（${where}）`
      : m[2] === 'bearer'
        ? local
          ? '本机脚本'
          : `脚本（${ip}）`
        : `主机接口（${where}）`;
  }
  return actor;
}

/** The entry's detail as a sentence or 键：值 list; empty when the action says it all. */
export function describeAudit(e: { action: string; detail: unknown }, names: AuditNames = {}): string {
  const d = e.detail;
  if (d === null || d === undefined) return '';
  const info = auditActions[e.action];
  const obj: Detail = typeof d === 'object' ? (d as Detail) : { 内容: d };
  try {
    return info?.describe ? info.describe(obj, names) : fieldList(obj);
  } catch {
    return fieldList(obj);
  }
}

const entityLabels: Record<string, string> = {
  body: '机构',
  membership: '成员记录',
  rule_set: '会议规则',
  meeting: '会议',
  agenda_item: '议程',
  agenda_document: '议程附件',
  attendance: '签到',
  vote: '表决',
  project_list: '候选项目清单',
  project: '候选项目',
  project_vote: '项目票决',
  screen: '投影',
  project_plan: '实施计划',
  project_milestone: '项目节点',
  project_progress: '进展报告',
  project_inspection: '视察督查',
  project_decision: '变更/终止决定',
  rectification: '整改',
  project_file: '项目材料',
  evaluation: '测评',
  audit_log: '审计日志',
};

export function auditEntityLabel(entity: string, entityId: string | null): string {
  const name = entityLabels[entity] ?? entity;
  if (!entityId || entity === 'screen') return name;
  return entity === 'attendance' ? name : `${name}#${entityId}`;
}
