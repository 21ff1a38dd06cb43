import { createHash } from 'node:crypto';
import { AppError, type ParsedInput, type Project, type ProjectList } from '../../shared/contract';
import {
  SCREENING_STATES,
  adoptionBodyLabels,
  adoptionText,
  isMidScreening,
  screeningLabels,
  screeningRefusal,
  type AdoptionBody,
  type ListAdoption,
  type ProjectOrigin,
  type ScreeningState,
} from '../../shared/domain/project-screening';
import { recordsDigest } from '../db/ballot-digest';
import type { ServiceDeps } from './context';
import { readProjectFile } from './roster-files';
import { writeProjectTemplate } from './project-template';
import { XLSX_MIME } from './xlsx-export';
import { twoStep, type WriteContext } from './change';

/**
 * 民生实事项目 candidate lists: per body and year, numbered as on the ballot, importable from a spreadsheet. Each
 * project is screened (征集 → … → 确定为候选, or 未入选); the list is adopted by 主任会议 or 常委会 with a 差额 among
 * the 确定为候选 ones, which fixes the candidates; it is locked once the first round opens (project-votes.ts).
 *
 * Numbering: 未入选 projects are kept after all others, so once a list is adopted (nothing mid-screening) the
 * candidates are numbered 1..M in list order — the numbers printed on the ballot and keyed from paper.
 */

interface ListRow {
  id: number;
  body_id: number;
  body_name: string;
  year: number;
  title: string;
  seats: number;
  locked_at: string | null;
  adopted_by: AdoptionBody | null;
  adopted_on: string | null;
  adopted_ref: string | null;
}
interface ProjectRow {
  id: number;
  list_id: number;
  number: number;
  name: string;
  department: string | null;
  budget_wan: number | null;
  summary: string | null;
  location: string | null;
  source: string | null;
  origin: ProjectOrigin | null;
  proposer: string | null;
  category: string | null;
  screening: ScreeningState;
  rejected_reason: string | null;
  rejected_from: ScreeningState | null;
}

const toProject = (r: ProjectRow): Project => ({
  id: r.id,
  listId: r.list_id,
  number: r.number,
  name: r.name,
  department: r.department,
  budgetWan: r.budget_wan,
  summary: r.summary,
  location: r.location,
  source: r.source,
  origin: r.origin,
  proposer: r.proposer,
  category: r.category,
  screening: r.screening,
  rejectedReason: r.rejected_reason,
  rejectedFrom: r.rejected_from,
});

/** "3号 老旧小区改造（初审）、5号 …", naming projects in a refusal. */
const namedProjects = (ps: Project[]) =>
  ps.map((p) => `${p.number}号“${p.name}”（${screeningLabels[p.screening]}）`).join('、');

/** Reading lists and their projects; shared with the rounds. */
export function projectListQueries(db: ServiceDeps['db']) {
  const projectsOf = (listId: number) =>
    (db.prepare('SELECT * FROM projects WHERE list_id = ? ORDER BY number').all(listId) as ProjectRow[]).map(toProject);

  function getList(id: number, field = 'id'): ProjectList {
    const r = db
      .prepare('SELECT l.*, b.name AS body_name FROM project_lists l JOIN bodies b ON b.id = l.body_id WHERE l.id = ?')
      .get(id) as ListRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', `找不到编号为${id}的候选项目清单`, field);
    const projects = projectsOf(r.id);
    const screeningCounts = Object.fromEntries(SCREENING_STATES.map((st) => [st, 0])) as Record<ScreeningState, number>;
    for (const p of projects) screeningCounts[p.screening]++;
    const adoption: ListAdoption | null = r.adopted_by
      ? { by: r.adopted_by, on: r.adopted_on ?? '', ref: r.adopted_ref }
      : null;
    return {
      id: r.id,
      bodyId: r.body_id,
      bodyName: r.body_name,
      year: r.year,
      title: r.title,
      seats: r.seats,
      locked: r.locked_at !== null,
      projects,
      margin: screeningCounts.candidate - r.seats,
      adoption,
      screeningCounts,
    };
  }

  /** The projects that go on a first round's ballot: the 确定为候选 ones, in list (ballot-number) order. */
  const ballotIds = (listId: number) =>
    db
      .prepare("SELECT id FROM projects WHERE list_id = ? AND screening = 'candidate' ORDER BY number")
      .pluck()
      .all(listId) as number[];

  /** Why a list cannot have its first round (null when it can): not adopted, or no 差额 among its candidates. */
  function firstRoundRefusal(list: ProjectList): string | null {
    if (!list.adoption) return `候选项目清单尚未经主任会议或常委会确定：“${list.title}”，请先确定候选清单再安排票决`;
    const n = list.screeningCounts.candidate;
    if (n <= list.seats) return `候选项目${n}个，须多于应选的${list.seats}个（差额票决）`;
    return null;
  }

  return { projectsOf, getList, ballotIds, firstRoundRefusal };
}

export function projectListService(deps: ServiceDeps) {
  const { db } = deps;
  const { getList } = projectListQueries(db);

  function editableList(id: number, field = 'listId'): ProjectList {
    const list = getList(id, field);
    if (list.locked) throw new AppError('CONFLICT', `“${list.title}”已开始投票，候选项目已锁定，不能修改`, field);
    return list;
  }

  /** A list whose candidates may still change: not yet adopted (an adopted one says when and by whom). */
  function openCandidates(id: number, field = 'listId', doing = '更改候选项目'): ProjectList {
    const list = editableList(id, field);
    if (list.adoption)
      throw new AppError(
        'CONFLICT',
        `“${list.title}”已于${adoptionText(list.adoption)}，候选项目已固定，不能${doing}（如确需更改，请先撤销确定）`,
        field,
      );
    return list;
  }

  function getProject(id: number): Project {
    const r = db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', `找不到编号为${id}的候选项目`, 'id');
    return toProject(r);
  }

  function renumber(listId: number) {
    const ids = db
      .prepare("SELECT id FROM projects WHERE list_id = ? ORDER BY screening = 'rejected', number, id")
      .pluck()
      .all(listId) as number[];
    const set = db.prepare('UPDATE projects SET number = ? WHERE id = ?');
    ids.forEach((pid, i) => set.run(i + 1, pid));
  }

  async function readImport(input: ParsedInput<'projects.importPreview'>) {
    const list = openCandidates(input.listId, 'listId', '导入项目');
    const content = Buffer.from(input.contentBase64, 'base64');
    const sha256 = createHash('sha256').update(content).digest('hex');
    // Parsed and validated off the main thread (sheet-worker.ts).
    const file = await readProjectFile({
      fileName: input.fileName,
      content,
      check: () => ({ kind: 'projects', existingNames: editableList(input.listId).projects.map((p) => p.name) }),
      changes: () => db.prepare('SELECT total_changes()').pluck().get() as number,
    });
    if (!('read' in file))
      return {
        list,
        sha256,
        sheetName: null,
        read: { headerRow: 0, columns: [], totalRows: 0, records: [], issues: [file], preview: [] },
      };
    return {
      list: openCandidates(input.listId, 'listId', '导入项目'),
      sha256,
      sheetName: file.sheetName,
      read: file.read,
    };
  }

  const insertProject =
    db.prepare(`INSERT INTO projects (list_id, number, name, department, budget_wan, summary, location, source, origin, proposer, category, screening, rejected_reason, created_at)
    VALUES (@listId, @number, @name, @department, @budgetWan, @summary, @location, @source, @origin, @proposer, @category, @screening, @rejectedReason, @at)`);
  const candidateDefaults = {
    origin: null,
    proposer: null,
    category: null,
    screening: 'candidate' as ScreeningState,
    rejectedReason: null,
  };

  return {
    'projectLists.list': (input: ParsedInput<'projectLists.list'>) =>
      (
        db
          .prepare(
            `SELECT id FROM project_lists ${input.bodyId ? 'WHERE body_id = ?' : ''} ORDER BY year DESC, id DESC`,
          )
          .pluck()
          .all(...(input.bodyId ? [input.bodyId] : [])) as number[]
      ).map((id) => getList(id)),
    'projectLists.get': (input: ParsedInput<'projectLists.get'>) => getList(input.id),

    'projectLists.create': (input: ParsedInput<'projectLists.create'>, ctx: WriteContext) => {
      if (!db.prepare('SELECT 1 FROM bodies WHERE id = ?').get(input.bodyId))
        throw new AppError('NOT_FOUND', `找不到编号为${input.bodyId}的机构`, 'bodyId');
      if (db.prepare('SELECT 1 FROM project_lists WHERE body_id = ? AND title = ?').get(input.bodyId, input.title))
        throw new AppError('CONFLICT', `已有名为“${input.title}”的清单`, 'title');
      // One list a year is the norm; a second one (a supplement, or a list made in error and already voted on) only when asked for.
      const sameYear = db
        .prepare('SELECT title FROM project_lists WHERE body_id = ? AND year = ? ORDER BY id')
        .pluck()
        .all(input.bodyId, input.year) as string[];
      if (sameYear.length > 0 && !input.sameYear) {
        throw new AppError(
          'CONFLICT',
          `本机构${input.year}年度已有候选项目清单${sameYear.map((t) => `“${t}”`).join('、')}，不能再新建同一年度的清单（确需另建请确认）`,
          'year',
        );
      }
      const id = Number(
        db
          .prepare('INSERT INTO project_lists (body_id, year, title, seats, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(input.bodyId, input.year, input.title, input.seats, ctx.now).lastInsertRowid,
      );
      ctx.audit({
        action: 'projectList.create',
        entity: 'project_list',
        entityId: id,
        detail: {
          bodyId: input.bodyId,
          year: input.year,
          title: input.title,
          seats: input.seats,
          ...(sameYear.length ? { sameYear: true } : {}),
        },
      });
      ctx.emit('projects.changed', { listId: id });
      return getList(id);
    },

    'projectLists.update': (input: ParsedInput<'projectLists.update'>, ctx: WriteContext) => {
      const before = editableList(input.id, 'id');
      if (before.adoption && input.seats !== before.seats) openCandidates(input.id, 'seats', '修改应选项目数');
      db.prepare('UPDATE project_lists SET title = ?, seats = ? WHERE id = ?').run(input.title, input.seats, input.id);
      ctx.audit({
        action: 'projectList.update',
        entity: 'project_list',
        entityId: input.id,
        detail: { before: { title: before.title, seats: before.seats }, after: input },
      });
      ctx.emit('projects.changed', { listId: input.id });
      return getList(input.id);
    },

    'projects.add': (input: ParsedInput<'projects.add'>, ctx: WriteContext) => {
      const list = openCandidates(input.listId, 'listId', '添加项目');
      if (list.projects.some((p) => p.name === input.name))
        throw new AppError('CONFLICT', `清单中已有“${input.name}”`, 'name');
      if (list.projects.length >= 49) throw new AppError('CONFLICT', '候选项目最多49个', 'listId');
      const row = {
        ...candidateDefaults,
        ...input,
        origin: input.origin ?? null,
        proposer: input.proposer ?? null,
        category: input.category ?? null,
        rejectedReason: input.screening === 'rejected' ? input.rejectedReason! : null,
      };
      const id = Number(insertProject.run({ ...row, number: list.projects.length + 1, at: ctx.now }).lastInsertRowid);
      // A new project goes after those on the ballot and before any 未入选 one.
      renumber(list.id);
      ctx.audit({ action: 'project.add', entity: 'project', entityId: id, detail: input });
      ctx.emit('projects.changed', { listId: list.id });
      return getProject(id);
    },

    'projects.update': (input: ParsedInput<'projects.update'>, ctx: WriteContext) => {
      const before = getProject(input.id);
      const list = editableList(before.listId, 'id');
      if (list.projects.some((p) => p.name === input.name && p.id !== input.id))
        throw new AppError('CONFLICT', `清单中已有“${input.name}”`, 'name');
      // The adopting decision named its candidates: their names stay as adopted (the other particulars may be completed).
      if (list.adoption && input.name !== before.name) openCandidates(list.id, 'name', '修改项目名称');
      const keep = <T>(v: T | undefined, old: T) => (v === undefined ? old : v);
      db.prepare(
        'UPDATE projects SET name=@name, department=@department, budget_wan=@budgetWan, summary=@summary, ' +
          'location=@location, source=@source, origin=@origin, proposer=@proposer, category=@category WHERE id=@id',
      ).run({
        ...input,
        origin: keep(input.origin, before.origin),
        proposer: keep(input.proposer, before.proposer),
        category: keep(input.category, before.category),
      });
      ctx.audit({ action: 'project.update', entity: 'project', entityId: input.id, detail: { before, after: input } });
      ctx.emit('projects.changed', { listId: list.id });
      return getProject(input.id);
    },

    'projects.remove': (input: ParsedInput<'projects.remove'>, ctx: WriteContext) => {
      const p = getProject(input.id);
      openCandidates(p.listId, 'id', '删除项目');
      db.prepare('DELETE FROM projects WHERE id = ?').run(p.id);
      renumber(p.listId);
      ctx.audit({ action: 'project.remove', entity: 'project', entityId: p.id, detail: p });
      ctx.emit('projects.changed', { listId: p.listId });
      return { removed: true as const };
    },

    'projects.move': (input: ParsedInput<'projects.move'>, ctx: WriteContext) => {
      const p = getProject(input.id);
      openCandidates(p.listId, 'id', '调整顺序（即选票上的编号）');
      if (p.screening === 'rejected')
        throw new AppError('CONFLICT', `“${p.name}”未入选，不在选票上，排在清单末尾`, 'id');
      const other = db
        .prepare("SELECT id FROM projects WHERE list_id = ? AND number = ? AND screening <> 'rejected'")
        .pluck()
        .get(p.listId, input.direction === 'up' ? p.number - 1 : p.number + 1) as number | undefined;
      if (other) {
        db.prepare('UPDATE projects SET number = ? WHERE id = ?').run(p.number, other);
        db.prepare('UPDATE projects SET number = ? WHERE id = ?').run(
          input.direction === 'up' ? p.number - 1 : p.number + 1,
          p.id,
        );
      }
      ctx.audit({ action: 'project.move', entity: 'project', entityId: p.id, detail: { direction: input.direction } });
      ctx.emit('projects.changed', { listId: p.listId });
      return getList(p.listId);
    },

    'projects.importPreview': async (input: ParsedInput<'projects.importPreview'>) => {
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
      };
    },

    'projects.importCommit': twoStep(
      async (input: ParsedInput<'projects.importCommit'>) => {
        const prepared = await readImport(input);
        const { read } = prepared;
        if (read.issues.length) {
          const f = read.issues[0]!;
          throw new AppError(
            'IMPORT_INVALID',
            `导入未执行，清单未作任何改动：共${read.issues.length}处错误，首处在${f.row ? `第${f.row}行` : ''}“${f.field}”：${f.message}`,
            undefined,
            read.issues,
          );
        }
        return prepared;
      },
      (input, { read, sha256 }, ctx) => {
        const list = openCandidates(input.listId, 'listId', '导入项目');
        if (list.projects.length + read.records.length > 49)
          throw new AppError('IMPORT_INVALID', '导入后候选项目将超过49个', undefined, []);
        // Numbers in the file decide the order when given; new projects follow those already on the list.
        const sorted = [...read.records].sort((a, b) => (a.number ?? 1e9) - (b.number ?? 1e9) || a.row - b.row);
        sorted.forEach((r, i) =>
          insertProject.run({ ...r, listId: list.id, number: list.projects.length + i + 1, at: ctx.now }),
        );
        renumber(list.id);
        ctx.audit({
          action: 'projects.import',
          entity: 'project_list',
          entityId: list.id,
          detail: {
            fileName: input.fileName,
            sha256,
            rows: sorted.length,
            fileRows: read.totalRows,
            rowsDigest: recordsDigest(
              'projects',
              sorted.map((r) => ({ ...r })),
            ),
          },
        });
        ctx.emit('projects.changed', { listId: list.id });
        // The entry just written, in this transaction: the clerk's receipt names it.
        return {
          imported: sorted.length,
          linked: 0,
          auditId: db.prepare('SELECT MAX(id) FROM audit_log').pluck().get() as number,
        };
      },
    ),

    'projects.screen': (input: ParsedInput<'projects.screen'>, ctx: WriteContext) => {
      const p = getProject(input.id);
      const list = openCandidates(p.listId, 'id', '更改筛选状态');
      const refusal = screeningRefusal({
        from: p.screening,
        to: input.to,
        reason: input.reason,
        rejectedFrom: p.rejectedFrom,
      });
      if (refusal) {
        if (input.to === 'rejected') throw new AppError('VALIDATION', `输入有误：“原因”：${refusal}`, 'reason');
        throw new AppError('CONFLICT', `“${p.name}”${refusal}`, 'to');
      }
      const rejected = input.to === 'rejected';
      db.prepare('UPDATE projects SET screening = ?, rejected_reason = ?, rejected_from = ? WHERE id = ?').run(
        input.to,
        rejected ? input.reason! : null,
        rejected ? p.screening : null,
        p.id,
      );
      if (rejected || p.screening === 'rejected') renumber(list.id);
      ctx.audit({
        action: 'project.screen',
        entity: 'project',
        entityId: p.id,
        detail: { name: p.name, from: p.screening, to: input.to, ...(rejected ? { reason: input.reason } : {}) },
      });
      ctx.emit('projects.changed', { listId: list.id });
      return getProject(p.id);
    },

    'projectLists.adopt': (input: ParsedInput<'projectLists.adopt'>, ctx: WriteContext) => {
      const list = editableList(input.id, 'id');
      if (list.adoption) throw new AppError('CONFLICT', `“${list.title}”已于${adoptionText(list.adoption)}`, 'id');
      const mid = list.projects.filter((p) => isMidScreening(p.screening));
      if (mid.length) {
        throw new AppError(
          'CONFLICT',
          `“${list.title}”还有${mid.length}个项目仍在筛选中：${namedProjects(mid)}；请先确定为候选或列为未入选，再确定清单`,
          'id',
        );
      }
      const n = list.screeningCounts.candidate;
      if (n <= list.seats) {
        throw new AppError(
          'CONFLICT',
          `确定为候选的项目${n}个，须多于应选的${list.seats}个（差额票决），不能确定“${list.title}”`,
          'id',
        );
      }
      renumber(list.id);
      db.prepare('UPDATE project_lists SET adopted_by = ?, adopted_on = ?, adopted_ref = ? WHERE id = ?').run(
        input.by,
        input.on,
        input.ref,
        list.id,
      );
      ctx.audit({
        action: 'projectList.adopt',
        entity: 'project_list',
        entityId: list.id,
        detail: {
          title: list.title,
          by: adoptionBodyLabels[input.by],
          on: input.on,
          ref: input.ref,
          candidates: n,
          seats: list.seats,
          rejected: list.screeningCounts.rejected,
        },
      });
      ctx.emit('projects.changed', { listId: list.id });
      return getList(list.id);
    },

    'projectLists.unadopt': (input: ParsedInput<'projectLists.unadopt'>, ctx: WriteContext) => {
      const list = getList(input.id, 'id');
      if (list.locked) throw new AppError('CONFLICT', `“${list.title}”已开始票决，不能撤销清单的确定`, 'id');
      if (!list.adoption) throw new AppError('CONFLICT', `“${list.title}”尚未确定，无须撤销`, 'id');
      db.prepare('UPDATE project_lists SET adopted_by = NULL, adopted_on = NULL, adopted_ref = NULL WHERE id = ?').run(
        list.id,
      );
      ctx.audit({
        action: 'projectList.unadopt',
        entity: 'project_list',
        entityId: list.id,
        detail: { title: list.title, was: adoptionText(list.adoption), reason: input.reason },
      });
      ctx.emit('projects.changed', { listId: list.id });
      return getList(list.id);
    },

    'projects.importTemplate': async () => ({
      fileName: '候选项目导入模板.xlsx',
      mimeType: XLSX_MIME,
      contentBase64: (await writeProjectTemplate()).toString('base64'),
    }),
  };
}
