import { createHash } from 'node:crypto';
import {
  AppError,
  bodyKindLabels,
  memberNoun,
  type Body,
  type ImportPreview,
  type ImportResult,
  type Member,
  type ParsedInput,
} from '../../shared/contract';
import { sortByName } from '../../shared/domain/collation';
import { strokeOrderNote } from '../../shared/domain/stroke-order';
import { namePinyin } from '../../shared/domain/pinyin';
import { NO, YES, type CurrentMember, type RosterRecord } from '../../shared/domain/roster-import';
import { lastAuditId } from '../db/audit';
import { recordsDigest } from '../db/ballot-digest';
import { totalChanges } from '../db/open';
import { bodyTables } from '../db/tables/bodies';
import { memberTables, type PersonValues, type SeatValues } from '../db/tables/members';
import type { CallContext, ServiceDeps } from './context';
import { auditExport } from './export-audit';
import { readRosterFile, writeRosterTemplate, writeRosterXlsx } from './roster-files';
import type { RosterFileRead } from './sheet-worker';
import { XLSX_MIME } from './xlsx-export';
import { twoStep, type WriteContext } from './change';

/** Bodies and their members: the roster every meeting, sign-in and vote is counted against. */

type MemberValues = RosterRecord['values'];

export function rosterService(deps: ServiceDeps) {
  const { db } = deps;

  const bodies = bodyTables(db);
  const members = memberTables(db);

  function getBody(id: number): Body {
    const body = bodies.body(id);
    if (!body) throw new AppError('NOT_FOUND', `找不到编号为${id}的机构`, 'bodyId');
    return body;
  }

  function getMember(membershipId: number): Member {
    const member = members.member(membershipId);
    if (!member) throw new AppError('NOT_FOUND', `找不到编号为${membershipId}的成员记录`, 'membershipId');
    return member;
  }

  function assertUniqueBodyName(name: string, exceptId = 0) {
    if (bodies.nameTaken(name, exceptId)) {
      throw new AppError('CONFLICT', `已有名为“${name}”的机构`, 'name');
    }
  }

  /** The body's active members with the values an import row is compared with (update mode). */
  function currentMembers(bodyId: number): CurrentMember[] {
    return members.ofBody(bodyId).map((m) => ({
      membershipId: m.membershipId,
      personId: m.personId,
      values: {
        name: m.name,
        gender: m.gender,
        ethnicity: m.ethnicity,
        party: m.party,
        unitTitle: m.unitTitle,
        constituency: m.constituency,
        phone: m.phone,
        seatNo: m.seatNo,
        since: m.since,
        until: m.until,
        notes: m.notes,
        npcDeputy: m.npcDeputy ? YES : NO,
      },
    }));
  }

  /** A roster row's seat columns; 兼任人大代表 (是/否, blank = 否) as the column stores it. */
  const seatValues = (v: MemberValues): SeatValues => ({
    unitTitle: v.unitTitle,
    constituency: v.constituency,
    seatNo: v.seatNo,
    since: v.since,
    until: v.until,
    notes: v.notes,
    npcDeputy: v.npcDeputy === YES ? 1 : 0,
  });

  /** The form's 兼任人大代表 as a row value; it is only meaningful in a street council (rules §1, §3). */
  function formValues(body: Body, v: Omit<ParsedInput<'members.create'>, 'bodyId'>, current: boolean): MemberValues {
    const { npcDeputy, ...rest } = v;
    const flag = npcDeputy ?? current;
    if (flag && body.kind !== 'street_council') {
      throw new AppError(
        'VALIDATION',
        `输入有误：“兼任人大代表”：只有街道议事代表会议的成员需要标注，${body.name}是${bodyKindLabels[body.kind]}`,
        'npcDeputy',
      );
    }
    return { ...rest, npcDeputy: flag ? YES : NO };
  }

  function personValues(v: MemberValues, pinyin?: { pinyin: string; initials: string }): PersonValues {
    return {
      name: v.name!,
      ...(pinyin ?? namePinyin(v.name!)),
      gender: v.gender,
      ethnicity: v.ethnicity,
      party: v.party,
      phone: v.phone,
    };
  }

  /** Add one seat, created `at` the call's moment; an existing person (same name and phone) is linked rather than duplicated. */
  function addMember(
    bodyId: number,
    v: MemberValues,
    personId: number | null,
    at: string,
    pinyin?: { pinyin: string; initials: string },
  ): number {
    const pid = personId ?? members.insertPerson(personValues(v, pinyin), at);
    if (personId) members.updatePerson(personId, personValues(v, pinyin));
    return members.insertSeat(bodyId, pid, seatValues(v), at);
  }

  /** What came in, row by row (the file's row number and the values read), as a digest: the entry holds no names or phones. */
  const importDigest = (read: RosterFileRead) =>
    recordsDigest(
      'roster',
      read.records.map((r) => ({ row: r.row, ...r.values })),
    );

  /** Parsed and validated off the main thread (sheet-worker.ts); a commit also gets each name's pinyin from there. */
  async function readImport(
    input: ParsedInput<'roster.importPreview'>,
    withPinyin = false,
  ): Promise<{ read: RosterFileRead; sheetName: string | null; sha256: string }> {
    const body = getBody(input.bodyId);
    const content = Buffer.from(input.contentBase64, 'base64');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const file = await readRosterFile({
      fileName: input.fileName,
      content,
      check: () => ({
        kind: 'roster',
        existing: members.people(input.bodyId),
        withPinyin,
        mode: input.mode,
        members: input.mode === 'update' ? currentMembers(input.bodyId) : undefined,
        npcDeputy: body.kind === 'street_council',
      }),
      changes: () => totalChanges(db),
    });
    if (!('read' in file)) {
      const update =
        input.mode === 'update' ? { added: 0, linked: 0, changed: 0, unchanged: 0, missing: [] } : undefined;
      return {
        read: { headerRow: 0, columns: [], totalRows: 0, records: [], issues: [file], preview: [], update },
        sheetName: null,
        sha256,
      };
    }
    return { read: file.read, sheetName: file.sheetName, sha256 };
  }

  return {
    'bodies.list': () => bodies.list(),

    'bodies.create': (input: ParsedInput<'bodies.create'>, ctx: WriteContext) => {
      assertUniqueBodyName(input.name);
      if ((input.kind === 'street_council' || input.kind === 'township_congress') && !input.area) {
        throw new AppError(
          'VALIDATION',
          `输入有误：“所属街道/镇”：${bodyKindLabels[input.kind]}须注明所属街道或镇`,
          'area',
        );
      }
      const id = bodies.insert({ kind: input.kind, name: input.name, area: input.area, term: input.term, at: ctx.now });
      ctx.audit({ action: 'body.create', entity: 'body', entityId: id, detail: input });
      ctx.emit('bodies.changed', { bodyId: id });
      return getBody(id);
    },

    'bodies.update': (input: ParsedInput<'bodies.update'>, ctx: WriteContext) => {
      const before = getBody(input.id);
      assertUniqueBodyName(input.name, input.id);
      bodies.update(input.id, input);
      ctx.audit({ action: 'body.update', entity: 'body', entityId: input.id, detail: { before, after: input } });
      ctx.emit('bodies.changed', { bodyId: input.id });
      return getBody(input.id);
    },

    'members.list': (input: ParsedInput<'members.list'>) => {
      getBody(input.bodyId);
      return sortByName(members.ofBody(input.bodyId, input.includeFormer), 'stroke', (m) => m.name);
    },

    'members.create': (input: ParsedInput<'members.create'>, ctx: WriteContext) => {
      const body = getBody(input.bodyId);
      const { bodyId, ...form } = input;
      const v = formValues(body, form, false);
      const known = members.people(bodyId).filter((p) => p.name === v.name);
      if (known.some((p) => p.inBody && (p.phone === null || v.phone === null || p.phone === v.phone))) {
        throw new AppError('CONFLICT', `“${v.name}”已在${body.name}名册中；如确为另一人，请填写其电话以区分`, 'name');
      }
      const personId = v.phone ? (known.find((p) => p.phone === v.phone)?.personId ?? null) : null;
      const id = addMember(bodyId, v, personId, ctx.now);
      ctx.audit({
        action: 'member.create',
        entity: 'membership',
        entityId: id,
        detail: { bodyId, ...v, linkedPersonId: personId },
      });
      ctx.emit('roster.changed', { bodyId });
      return getMember(id);
    },

    'members.update': (input: ParsedInput<'members.update'>, ctx: WriteContext) => {
      const before = getMember(input.membershipId);
      const { membershipId, ...form } = input;
      const v = formValues(getBody(before.bodyId), form, before.npcDeputy);
      members.updatePerson(before.personId, personValues(v));
      members.updateSeat(membershipId, seatValues(v));
      ctx.audit({
        action: 'member.update',
        entity: 'membership',
        entityId: membershipId,
        detail: { before, after: v },
      });
      ctx.emit('roster.changed', { bodyId: before.bodyId });
      return getMember(membershipId);
    },

    'members.end': (input: ParsedInput<'members.end'>, ctx: WriteContext) => {
      const before = getMember(input.membershipId);
      if (!before.active) throw new AppError('CONFLICT', `${before.name}已离任`, 'membershipId');
      if (before.since && input.until < before.since)
        throw new AppError('VALIDATION', '输入有误：“任职终止”：早于任职起始日期', 'until');
      members.endSeat(input.membershipId, input.until, input.reason);
      ctx.audit({
        action: 'member.end',
        entity: 'membership',
        entityId: input.membershipId,
        detail: { name: before.name, until: input.until, reason: input.reason },
      });
      ctx.emit('roster.changed', { bodyId: before.bodyId });
      return getMember(input.membershipId);
    },

    'roster.importPreview': async (input: ParsedInput<'roster.importPreview'>): Promise<ImportPreview> => {
      const { read, sheetName } = await readImport(input);
      return {
        fileName: input.fileName,
        sheetName,
        headerRow: read.headerRow,
        columns: read.columns,
        totalRows: read.totalRows,
        validRows: read.records.length,
        issues: read.issues,
        rows: read.preview,
        ...(input.mode === 'update' ? { mode: 'update' as const, update: read.update } : {}),
      };
    },

    // The sheet is read off the main thread first; the rows are then written in one transaction (./change.ts).
    'roster.importCommit': twoStep(
      async (input: ParsedInput<'roster.importCommit'>) => {
        const prepared = await readImport(input, true);
        const { read } = prepared;
        if (read.issues.length) {
          const first = read.issues[0]!;
          const where = first.row ? `第${first.row}行“${first.field}”` : `“${first.field}”`;
          throw new AppError(
            'IMPORT_INVALID',
            `导入未执行，名册未作任何改动：共${read.issues.length}处错误，首处在${where}：${first.message}`,
            undefined,
            read.issues,
          );
        }
        return prepared;
      },
      (input, { read, sha256 }, ctx): ImportResult => {
        const body = getBody(input.bodyId);
        let result: Omit<ImportResult, 'auditId'>;
        if (input.mode === 'update') {
          const fresh = read.records.filter((r) => r.membershipId === undefined);
          const changed = read.records.filter((r) => r.membershipId !== undefined && !r.unchanged);
          for (const r of fresh) addMember(body.id, r.values, r.personId, ctx.now, r.pinyin);
          for (const r of changed) {
            const v = r.values;
            members.updatePerson(r.personId!, personValues(v));
            members.updateSeat(r.membershipId!, seatValues(v));
          }
          const counts = {
            added: fresh.length,
            linked: fresh.filter((r) => r.personId).length,
            changed: changed.length,
            unchanged: read.records.length - fresh.length - changed.length,
          };
          result = {
            imported: counts.added,
            linked: counts.linked,
            changed: counts.changed,
            unchanged: counts.unchanged,
          };
          ctx.audit({
            action: 'roster.import',
            entity: 'body',
            entityId: body.id,
            detail: {
              fileName: input.fileName,
              sha256,
              mode: 'update',
              rows: read.records.length,
              fileRows: read.totalRows,
              rowsDigest: importDigest(read),
              ...counts,
              missing: read.update?.missing.length ?? 0,
            },
          });
        } else {
          for (const r of read.records) addMember(body.id, r.values, r.personId, ctx.now, r.pinyin);
          const linked = read.records.filter((r) => r.personId).length;
          result = { imported: read.records.length, linked };
          ctx.audit({
            action: 'roster.import',
            entity: 'body',
            entityId: body.id,
            detail: {
              fileName: input.fileName,
              sha256,
              rows: read.records.length,
              fileRows: read.totalRows,
              rowsDigest: importDigest(read),
              linked,
            },
          });
        }
        ctx.emit('roster.changed', { bodyId: body.id });
        // The entry just written, in this transaction: the clerk's receipt names it.
        return { ...result, auditId: lastAuditId(db) };
      },
    ),

    'roster.export': async (input: ParsedInput<'roster.export'>, ctx?: CallContext) => {
      const body = getBody(input.bodyId);
      const seated = sortByName(members.ofBody(input.bodyId), 'stroke', (m) => m.name);
      const title = `${body.name}${body.term ?? ''}${memberNoun[body.kind]}名册（按姓氏笔画排序）`;
      const content = await writeRosterXlsx(title, seated, {
        nameNotes: seated.map((m) => strokeOrderNote(m.name)),
        npcDeputy: body.kind === 'street_council',
      });
      const day = new Date().toISOString().slice(0, 10);
      const file = {
        fileName: `${body.name}名册-${day}.xlsx`,
        mimeType: XLSX_MIME,
        contentBase64: content.toString('base64'),
      };
      return auditExport(deps, ctx, file, {
        action: 'roster.exportFile',
        entity: 'body',
        entityId: body.id,
        rows: seated.length,
      });
    },

    'roster.template': async (input: ParsedInput<'roster.template'>) => {
      const body = getBody(input.bodyId);
      const content = await writeRosterTemplate(`${body.name}${body.term ?? ''}${memberNoun[body.kind]}名册`, {
        npcDeputy: body.kind === 'street_council',
      });
      return {
        fileName: `${body.name}名册导入模板.xlsx`,
        mimeType: XLSX_MIME,
        contentBase64: content.toString('base64'),
      };
    },
  };
}
