import path from 'node:path';
import {
  AppError,
  meetingBodyKinds,
  bodyKindLabels,
  type AgendaItem,
  type Meeting,
  type ParsedInput,
  type RuleSet,
} from '../../shared/contract';
import { BUILTIN_RULE_SETS, meetingKindLabels } from '../../shared/domain/rules';
import { appendAudit } from '../db/audit';
import type { Db } from '../db/open';
import { agendaTables } from '../db/tables/agenda';
import { bodyTables } from '../db/tables/bodies';
import { pollTables } from '../db/tables/polls';
import {
  annualMeetingTitle,
  insertMeeting,
  markMeetingClosed,
  markMeetingOpen,
  meetingAnnualFlag,
  meetingRow,
  meetingRows,
  meetingStatusRow,
  quarterTaken,
  rowToMeeting,
  updateMeeting,
} from '../db/tables/meetings';
import { ruleSetTables } from '../db/tables/rule-sets';
import type { WriteContext } from './change';
import { readStoredFile, storeFile } from './stored-files';
import type { ServiceDeps } from './context';

/** Rule sets, meetings and their agenda. Sign-in and votes build on getMeeting from here. */

/** 届次会次: 第三届第三次会议, 第十九届第十二次. */
const SESSION_PATTERN = /^第[一二三四五六七八九十百零〇\d]+届第[一二三四五六七八九十百零〇\d]+次(会议)?$/;

/** Shipped rule sets are written on first start (and when a release adds one); a clerk's copies are never touched. */
export function ensureBuiltinRuleSets(db: Db): void {
  db.transaction(() => {
    const ruleSets = ruleSetTables(db);
    for (const b of BUILTIN_RULE_SETS) {
      if (ruleSets.hasKey(b.key)) continue;
      const id = ruleSets.insertBuiltin(b, new Date().toISOString());
      appendAudit(db, { actor: 'system', action: 'ruleSet.builtin', entity: 'rule_set', entityId: id, detail: b });
    }
  })();
}

export function meetingQueries(db: Db) {
  const agenda = agendaTables(db);
  const ruleSets = ruleSetTables(db);
  const agendaOf = (meetingId: number) => agenda.ofMeeting(meetingId);
  function getMeeting(id: number, field = 'id'): Meeting {
    const row = meetingRow(db, id);
    if (!row) throw new AppError('NOT_FOUND', `找不到编号为${id}的会议`, field);
    return rowToMeeting(row, agendaOf(row.id));
  }
  function getItem(id: number, field = 'id'): AgendaItem {
    const item = agenda.item(id);
    if (!item) throw new AppError('NOT_FOUND', `找不到编号为${id}的议程`, field);
    return item;
  }
  function getRuleSet(id: number, field = 'id'): RuleSet {
    const rs = ruleSets.ruleSet(id);
    if (!rs) throw new AppError('NOT_FOUND', `找不到编号为${id}的会议规则`, field);
    return rs;
  }
  return {
    getMeeting,
    getItem,
    getRuleSet,
    agendaOf,
    list: (bodyId?: number) => meetingRows(db, bodyId).map((r) => rowToMeeting(r, agendaOf(r.id))),
  };
}

export function assertMeetingStatus(m: Meeting, allowed: Meeting['status'][], doing: string): void {
  if (!allowed.includes(m.status)) {
    const label = { preparing: '筹备中', open: '进行中', closed: '已结束' }[m.status];
    throw new AppError('CONFLICT', `会议“${m.title}”${label}，不能${doing}`, 'id');
  }
}

/**
 * Ballots and counts are taken only while the meeting sits: once it is closed (宣布闭会) no poll of it takes a
 * ballot or an entry, whatever state the poll was left in. A light query, for the casting path.
 */
export function assertMeetingSitting(db: Db, meetingId: number, doing: string): void {
  const m = meetingStatusRow(db, meetingId);
  if (!m) throw new AppError('NOT_FOUND', `找不到编号为${meetingId}的会议`, 'id');
  if (m.status === 'closed') throw new AppError('CONFLICT', `会议“${m.title}”已闭会，不能${doing}`, 'id');
}

/** onSitting: called after the commit of 宣布开会 and 宣布闭会 (the automatic backups, ./backup.ts), never inside the write. */
export interface OpenCheck {
  met: boolean;
  text: string;
  /** The roll frozen at open, summarised for the open entry (attendance.ts rollAtOpen). */
  roll?: unknown;
}

export function meetingService(
  deps: ServiceDeps,
  openCheck: (meeting: Meeting) => OpenCheck,
  onSitting: (event: 'open' | 'close') => void = () => {},
) {
  const { db } = deps;
  const q = meetingQueries(db);
  const docsDir = path.join(deps.dataDir, 'documents');
  const bodies = bodyTables(db);
  const agenda = agendaTables(db);
  const ruleSets = ruleSetTables(db);

  function validateMeeting(bodyId: number, kind: Meeting['kind'], input: ParsedInput<'meetings.update'>, exceptId = 0) {
    const body = bodies.head(bodyId);
    if (!body) throw new AppError('NOT_FOUND', `找不到编号为${bodyId}的机构`, 'bodyId');
    if (!meetingBodyKinds[kind].includes(body.kind)) {
      throw new AppError(
        'VALIDATION',
        `输入有误：“会议类型”：${meetingKindLabels[kind]}不能由${bodyKindLabels[body.kind]}召开`,
        'kind',
      );
    }
    const rs = q.getRuleSet(input.ruleSetId, 'ruleSetId');
    if (rs.meetingKind !== kind)
      throw new AppError(
        'VALIDATION',
        `输入有误：“会议规则”：“${rs.name}”不适用于${meetingKindLabels[kind]}`,
        'ruleSetId',
      );
    if (kind === 'township_quarterly' && !input.quarter)
      throw new AppError('VALIDATION', '输入有误：“季度”：镇人大季会须注明第几季度', 'quarter');
    const year = Number(input.date.slice(0, 4));
    if (input.quarter && quarterTaken(db, bodyId, year, input.quarter, exceptId)) {
      throw new AppError('CONFLICT', `${body.name}${year}年第${input.quarter}季度的季会已存在`, 'quarter');
    }
    if (input.startTime && input.endTime && input.endTime <= input.startTime)
      throw new AppError('VALIDATION', '输入有误：“结束时间”：应晚于开始时间', 'endTime');
    const annual = annualOf(kind, input.annualSession, exceptId);
    if (annual && kind === 'township_quarterly') {
      const other = annualMeetingTitle(db, bodyId, year, exceptId);
      if (other)
        throw new AppError(
          'CONFLICT',
          `${body.name}${year}年的年度会议已是“${other}”，一年只有一次年度会议`,
          'annualSession',
        );
    }
    // 届次会次 names an annual session (第三届第三次会议) and heads its 主席团公告.
    if (annual && !(input.session && SESSION_PATTERN.test(input.session))) {
      throw new AppError(
        'VALIDATION',
        `输入有误：“届次会次”：${kind === 'district_annual' ? '区人大年度会议' : '年度会议'}须注明届次会次，如“第三届第三次会议”`,
        'session',
      );
    }
    return { body, year, annual };
  }

  /** A 区人大年度会议 is the annual session by kind; a 镇人大季会 when flagged (kept as it was when an update omits it). */
  function annualOf(kind: Meeting['kind'], asked: boolean | undefined, exceptId: number): boolean {
    if (kind === 'district_annual') return true;
    if (asked && kind !== 'township_quarterly') {
      throw new AppError(
        'VALIDATION',
        `输入有误：“年度会议”：${meetingKindLabels[kind]}不能标为年度会议；区人大的年度会议请选择会议类型“区人大年度会议”`,
        'annualSession',
      );
    }
    if (asked === undefined) return exceptId ? meetingAnnualFlag(db, exceptId) : false;
    return asked;
  }

  function editableMeetingOfItem(itemId: number, field = 'id') {
    const item = q.getItem(itemId, field);
    const meeting = q.getMeeting(item.meetingId);
    assertMeetingStatus(meeting, ['preparing', 'open'], '修改议程');
    return { item, meeting };
  }

  return {
    'ruleSets.list': () => ruleSets.list(),

    'ruleSets.copy': (input: ParsedInput<'ruleSets.copy'>, ctx: WriteContext) => {
      const src = q.getRuleSet(input.id);
      if (ruleSets.nameTaken(input.name)) throw new AppError('CONFLICT', `已有名为“${input.name}”的规则`, 'name');
      const id = ruleSets.insertCopy(input.name, src, ctx.now);
      ctx.audit({
        action: 'ruleSet.copy',
        entity: 'rule_set',
        entityId: id,
        detail: { from: src.id, name: input.name },
      });
      return q.getRuleSet(id);
    },

    'ruleSets.update': (input: ParsedInput<'ruleSets.update'>, ctx: WriteContext) => {
      const before = q.getRuleSet(input.id);
      if (before.builtin)
        throw new AppError('CONFLICT', `“${before.name}”是内置规则，不能修改；请先复制一份再调整`, 'id');
      if (ruleSets.nameTaken(input.name, input.id))
        throw new AppError('CONFLICT', `已有名为“${input.name}”的规则`, 'name');
      ruleSets.update(input.id, input.name, input.rules);
      ctx.audit({ action: 'ruleSet.update', entity: 'rule_set', entityId: input.id, detail: { before, after: input } });
      return q.getRuleSet(input.id);
    },

    'meetings.list': (input: ParsedInput<'meetings.list'>) => q.list(input.bodyId),
    'meetings.get': (input: ParsedInput<'meetings.get'>) => q.getMeeting(input.id),

    'meetings.create': (input: ParsedInput<'meetings.create'>, ctx: WriteContext) => {
      const { year, annual } = validateMeeting(input.bodyId, input.kind, { ...input, id: 0 });
      const id = insertMeeting(db, { ...input, year, annual: annual ? 1 : 0, at: ctx.now });
      ctx.audit({ action: 'meeting.create', entity: 'meeting', entityId: id, detail: input });
      ctx.emit('meeting.changed', { meetingId: id });
      return q.getMeeting(id);
    },

    'meetings.update': (input: ParsedInput<'meetings.update'>, ctx: WriteContext) => {
      const before = q.getMeeting(input.id);
      assertMeetingStatus(before, ['preparing'], '修改会议信息');
      const { year, annual } = validateMeeting(before.bodyId, before.kind, input, input.id);
      updateMeeting(db, input.id, { ...input, year, annual: annual ? 1 : 0 });
      ctx.audit({
        action: 'meeting.update',
        entity: 'meeting',
        entityId: input.id,
        detail: { before: { ...before, agenda: undefined }, after: input },
      });
      ctx.emit('meeting.changed', { meetingId: input.id });
      return q.getMeeting(input.id);
    },

    'meetings.open': (input: ParsedInput<'meetings.open'>, ctx: WriteContext) => {
      const before = q.getMeeting(input.id);
      assertMeetingStatus(before, ['preparing'], '宣布开会');
      const quorum = openCheck(before);
      if (!quorum.met && !input.overrideReason) {
        throw new AppError(
          'CONFLICT',
          `${quorum.text}。如确需开会，请填写理由后强行开会（将记入审计日志）`,
          'overrideReason',
        );
      }
      const override = quorum.met ? null : input.overrideReason;
      const { roll } = quorum;
      markMeetingOpen(db, input.id, ctx.now, override);
      ctx.audit({
        action: override ? 'meeting.open.override' : 'meeting.open',
        entity: 'meeting',
        entityId: input.id,
        detail: { quorum: quorum.text, overrideReason: override, ...(roll ? { roll } : {}) },
      });
      ctx.emit('meeting.changed', { meetingId: input.id });
      ctx.afterCommit(() => onSitting('open'));
      return q.getMeeting(input.id);
    },

    'meetings.close': (input: ParsedInput<'meetings.close'>, ctx: WriteContext) => {
      const before = q.getMeeting(input.id);
      assertMeetingStatus(before, ['open'], '宣布闭会');
      // Every poll of the meeting, of any kind, ends before the meeting does: the chair announces each result on the
      // spot (当场宣布, ../shared/rules/README.md §3–4), and a round left open would take ballots after the close.
      const state = (status: string) => (status === 'open' ? '投票中' : '计票中');
      const unfinished = pollTables(db)
        .unfinished(input.id)
        .map((r) =>
          r.kind === 'motion'
            ? `表决“${r.title}”`
            : r.kind === 'project_vote'
              ? `“${r.title}”第${r.round}轮票决（${state(r.status)}）`
              : `测评“${r.title}”（${state(r.status)}）`,
        );
      if (unfinished.length)
        throw new AppError(
          'CONFLICT',
          `还有${unfinished.length}项投票未结束：${unfinished.join('、')}。请先结束后再宣布闭会`,
          'id',
        );
      markMeetingClosed(db, input.id, ctx.now);
      ctx.audit({ action: 'meeting.close', entity: 'meeting', entityId: input.id });
      ctx.emit('meeting.changed', { meetingId: input.id });
      ctx.afterCommit(() => onSitting('close'));
      return q.getMeeting(input.id);
    },

    'agenda.add': (input: ParsedInput<'agenda.add'>, ctx: WriteContext) => {
      const meeting = q.getMeeting(input.meetingId);
      assertMeetingStatus(meeting, ['preparing', 'open'], '添加议程');
      const id = agenda.insert({
        meetingId: input.meetingId,
        position: agenda.nextPosition(input.meetingId),
        kind: input.kind,
        title: input.title,
        notes: input.notes,
      });
      ctx.audit({ action: 'agenda.add', entity: 'agenda_item', entityId: id, detail: input });
      ctx.emit('meeting.changed', { meetingId: meeting.id });
      return q.getItem(id);
    },

    'agenda.update': (input: ParsedInput<'agenda.update'>, ctx: WriteContext) => {
      const { item: before, meeting } = editableMeetingOfItem(input.id);
      agenda.update(input.id, input);
      ctx.audit({
        action: 'agenda.update',
        entity: 'agenda_item',
        entityId: input.id,
        detail: { before: { ...before, documents: undefined }, after: input },
      });
      ctx.emit('meeting.changed', { meetingId: meeting.id });
      return q.getItem(input.id);
    },

    'agenda.move': (input: ParsedInput<'agenda.move'>, ctx: WriteContext) => {
      const { item, meeting } = editableMeetingOfItem(input.id);
      agenda.renumber(meeting.id);
      agenda.swap(meeting.id, item.id, input.direction === 'up' ? -1 : 1);
      ctx.audit({
        action: 'agenda.move',
        entity: 'agenda_item',
        entityId: item.id,
        detail: { direction: input.direction },
      });
      ctx.emit('meeting.changed', { meetingId: meeting.id });
      return q.agendaOf(meeting.id);
    },

    'agenda.remove': (input: ParsedInput<'agenda.remove'>, ctx: WriteContext) => {
      const { item, meeting } = editableMeetingOfItem(input.id);
      if (pollTables(db).itemHasPoll(item.id))
        throw new AppError('CONFLICT', `议程“${item.title}”已有表决记录，不能删除`, 'id');
      // The projects it was to hear go with it (the audit entry names them); the projects themselves stay.
      const heard = agenda.heardProjects(item.id);
      agenda.remove(item.id);
      agenda.renumber(meeting.id);
      ctx.audit({
        action: 'agenda.remove',
        entity: 'agenda_item',
        entityId: item.id,
        detail: { title: item.title, documents: item.documents, ...(heard.length ? { projectIds: heard } : {}) },
      });
      ctx.emit('meeting.changed', { meetingId: meeting.id });
      for (const projectId of heard) ctx.emit('projectWork.changed', { projectId });
      return { removed: true as const };
    },

    'agenda.attach': (input: ParsedInput<'agenda.attach'>, ctx: WriteContext) => {
      const { item, meeting } = editableMeetingOfItem(input.itemId, 'itemId');
      const content = Buffer.from(input.contentBase64, 'base64');
      const { storedName, sha256 } = storeFile(docsDir, input.fileName, content);
      const id = agenda.insertDocument({
        itemId: item.id,
        fileName: input.fileName,
        storedName,
        size: content.length,
        sha256,
        at: ctx.now,
      });
      ctx.audit({
        action: 'agenda.attach',
        entity: 'agenda_document',
        entityId: id,
        detail: { itemId: item.id, fileName: input.fileName, size: content.length, sha256 },
      });
      ctx.emit('meeting.changed', { meetingId: meeting.id });
      return q.getItem(item.id);
    },

    'agenda.document': (input: ParsedInput<'agenda.document'>) => {
      const d = agenda.document(input.documentId);
      if (!d) throw new AppError('NOT_FOUND', `找不到编号为${input.documentId}的附件`, 'documentId');
      const content = readStoredFile(docsDir, d.storedName);
      if (!content) throw new AppError('NOT_FOUND', `附件“${d.fileName}”的文件已不在数据目录中`, 'documentId');
      return { fileName: d.fileName, mimeType: 'application/octet-stream', contentBase64: content.toString('base64') };
    },
  };
}
