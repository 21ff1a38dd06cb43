import { createHash } from 'node:crypto';
import { AppError, type ParsedInput, type Project, type ProjectList } from '../../shared/contract';
import type { ServiceDeps } from './context';
import { readProjectFile } from './roster-files';
import { twoStep, type WriteContext } from './change';

/**
 * 民生实事项目 candidate lists: per body and year, numbered as on the ballot, importable from a spreadsheet, and
 * locked once the first round opens (the rounds themselves are in project-votes.ts).
 */

interface ListRow { id: number; body_id: number; body_name: string; year: number; title: string; seats: number; locked_at: string | null }
interface ProjectRow { id: number; list_id: number; number: number; name: string; department: string | null; budget_wan: number | null; summary: string | null; location: string | null; source: string | null }

const toProject = (r: ProjectRow): Project => ({
  id: r.id, listId: r.list_id, number: r.number, name: r.name, department: r.department, budgetWan: r.budget_wan, summary: r.summary, location: r.location, source: r.source,
});

/** Reading lists and their projects; shared with the rounds. */
export function projectListQueries(db: ServiceDeps['db']) {
  const projectsOf = (listId: number) => (db.prepare('SELECT * FROM projects WHERE list_id = ? ORDER BY number').all(listId) as ProjectRow[]).map(toProject);

  function getList(id: number, field = 'id'): ProjectList {
    const r = db.prepare('SELECT l.*, b.name AS body_name FROM project_lists l JOIN bodies b ON b.id = l.body_id WHERE l.id = ?').get(id) as ListRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', `找不到编号为${id}的候选项目清单`, field);
    const projects = projectsOf(r.id);
    return { id: r.id, bodyId: r.body_id, bodyName: r.body_name, year: r.year, title: r.title, seats: r.seats, locked: r.locked_at !== null, projects, margin: projects.length - r.seats };
  }

  return { projectsOf, getList };
}

export function projectListService(deps: ServiceDeps) {
  const { db } = deps;
  const { getList } = projectListQueries(db);

  function editableList(id: number, field = 'listId'): ProjectList {
    const list = getList(id, field);
    if (list.locked) throw new AppError('CONFLICT', `“${list.title}”已开始投票，候选项目已锁定，不能修改`, field);
    return list;
  }

  function getProject(id: number): Project {
    const r = db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', `找不到编号为${id}的候选项目`, 'id');
    return toProject(r);
  }

  function renumber(listId: number) {
    const ids = db.prepare('SELECT id FROM projects WHERE list_id = ? ORDER BY number, id').pluck().all(listId) as number[];
    const set = db.prepare('UPDATE projects SET number = ? WHERE id = ?');
    ids.forEach((pid, i) => set.run(i + 1, pid));
  }

  async function readImport(input: ParsedInput<'projects.importPreview'>) {
    const list = editableList(input.listId);
    const content = Buffer.from(input.contentBase64, 'base64');
    const sha256 = createHash('sha256').update(content).digest('hex');
    // Parsed and validated off the main thread (sheet-worker.ts).
    const file = await readProjectFile({
      fileName: input.fileName,
      content,
      check: () => ({ kind: 'projects', existingNames: editableList(input.listId).projects.map((p) => p.name) }),
      changes: () => db.prepare('SELECT total_changes()').pluck().get() as number,
    });
    if (!('read' in file)) return { list, sha256, sheetName: null, read: { headerRow: 0, columns: [], totalRows: 0, records: [], issues: [file], preview: [] } };
    return { list: editableList(input.listId), sha256, sheetName: file.sheetName, read: file.read };
  }

  const insertProject = db.prepare(`INSERT INTO projects (list_id, number, name, department, budget_wan, summary, location, source, created_at)
    VALUES (@listId, @number, @name, @department, @budgetWan, @summary, @location, @source, @at)`);


  return {
    'projectLists.list': (input: ParsedInput<'projectLists.list'>) =>
      (db.prepare(`SELECT id FROM project_lists ${input.bodyId ? 'WHERE body_id = ?' : ''} ORDER BY year DESC, id DESC`).pluck().all(...(input.bodyId ? [input.bodyId] : [])) as number[]).map((id) => getList(id)),
    'projectLists.get': (input: ParsedInput<'projectLists.get'>) => getList(input.id),

    'projectLists.create': (input: ParsedInput<'projectLists.create'>, ctx: WriteContext) => {
      if (!db.prepare('SELECT 1 FROM bodies WHERE id = ?').get(input.bodyId)) throw new AppError('NOT_FOUND', `找不到编号为${input.bodyId}的机构`, 'bodyId');
      if (db.prepare('SELECT 1 FROM project_lists WHERE body_id = ? AND title = ?').get(input.bodyId, input.title)) throw new AppError('CONFLICT', `已有名为“${input.title}”的清单`, 'title');
      // One list a year is the norm; a second one (a supplement, or a list made in error and already voted on) only when asked for.
      const sameYear = db.prepare('SELECT title FROM project_lists WHERE body_id = ? AND year = ? ORDER BY id').pluck().all(input.bodyId, input.year) as string[];
      if (sameYear.length > 0 && !input.sameYear) {
        throw new AppError('CONFLICT', `本机构${input.year}年度已有候选项目清单${sameYear.map((t) => `“${t}”`).join('、')}，不能再新建同一年度的清单（确需另建请确认）`, 'year');
      }
      const id = Number(db.prepare('INSERT INTO project_lists (body_id, year, title, seats, created_at) VALUES (?, ?, ?, ?, ?)').run(input.bodyId, input.year, input.title, input.seats, ctx.now).lastInsertRowid);
      ctx.audit({ action: 'projectList.create', entity: 'project_list', entityId: id, detail: { bodyId: input.bodyId, year: input.year, title: input.title, seats: input.seats, ...(sameYear.length ? { sameYear: true } : {}) } });
      ctx.emit('projects.changed', { listId: id });
      return getList(id);
    },

    'projectLists.update': (input: ParsedInput<'projectLists.update'>, ctx: WriteContext) => {
      const before = editableList(input.id, 'id');
      db.prepare('UPDATE project_lists SET title = ?, seats = ? WHERE id = ?').run(input.title, input.seats, input.id);
      ctx.audit({ action: 'projectList.update', entity: 'project_list', entityId: input.id, detail: { before: { title: before.title, seats: before.seats }, after: input } });
      ctx.emit('projects.changed', { listId: input.id });
      return getList(input.id);
    },

    'projects.add': (input: ParsedInput<'projects.add'>, ctx: WriteContext) => {
      const list = editableList(input.listId);
      if (list.projects.some((p) => p.name === input.name)) throw new AppError('CONFLICT', `清单中已有“${input.name}”`, 'name');
      if (list.projects.length >= 49) throw new AppError('CONFLICT', '候选项目最多49个', 'listId');
      const id = Number(insertProject.run({ ...input, number: list.projects.length + 1, at: ctx.now }).lastInsertRowid);
      ctx.audit({ action: 'project.add', entity: 'project', entityId: id, detail: input });
      ctx.emit('projects.changed', { listId: list.id });
      return getProject(id);
    },

    'projects.update': (input: ParsedInput<'projects.update'>, ctx: WriteContext) => {
      const before = getProject(input.id);
      const list = editableList(before.listId, 'id');
      if (list.projects.some((p) => p.name === input.name && p.id !== input.id)) throw new AppError('CONFLICT', `清单中已有“${input.name}”`, 'name');
      db.prepare('UPDATE projects SET name=@name, department=@department, budget_wan=@budgetWan, summary=@summary, location=@location, source=@source WHERE id=@id').run(input);
      ctx.audit({ action: 'project.update', entity: 'project', entityId: input.id, detail: { before, after: input } });
      ctx.emit('projects.changed', { listId: list.id });
      return getProject(input.id);
    },

    'projects.remove': (input: ParsedInput<'projects.remove'>, ctx: WriteContext) => {
      const p = getProject(input.id);
      editableList(p.listId, 'id');
      db.prepare('DELETE FROM projects WHERE id = ?').run(p.id);
      renumber(p.listId);
      ctx.audit({ action: 'project.remove', entity: 'project', entityId: p.id, detail: p });
      ctx.emit('projects.changed', { listId: p.listId });
      return { removed: true as const };
    },

    'projects.move': (input: ParsedInput<'projects.move'>, ctx: WriteContext) => {
      const p = getProject(input.id);
      editableList(p.listId, 'id');
      const other = db.prepare('SELECT id FROM projects WHERE list_id = ? AND number = ?').pluck().get(p.listId, input.direction === 'up' ? p.number - 1 : p.number + 1) as number | undefined;
      if (other) {
        db.prepare('UPDATE projects SET number = ? WHERE id = ?').run(p.number, other);
        db.prepare('UPDATE projects SET number = ? WHERE id = ?').run(input.direction === 'up' ? p.number - 1 : p.number + 1, p.id);
      }
      ctx.audit({ action: 'project.move', entity: 'project', entityId: p.id, detail: { direction: input.direction } });
      ctx.emit('projects.changed', { listId: p.listId });
      return getList(p.listId);
    },

    'projects.importPreview': async (input: ParsedInput<'projects.importPreview'>) => {
      const { read, sheetName } = await readImport(input);
      return { fileName: input.fileName, sheetName, headerRow: read.headerRow, columns: read.columns, totalRows: read.totalRows, validRows: read.records.length, issues: read.issues, rows: read.preview };
    },

    'projects.importCommit': twoStep(async (input: ParsedInput<'projects.importCommit'>) => {
      const prepared = await readImport(input);
      const { read } = prepared;
      if (read.issues.length) {
        const f = read.issues[0]!;
        throw new AppError('IMPORT_INVALID', `导入未执行，清单未作任何改动：共${read.issues.length}处错误，首处在${f.row ? `第${f.row}行` : ''}“${f.field}”：${f.message}`, undefined, read.issues);
      }
      return prepared;
    }, (input, { read, sha256 }, ctx) => {
      const list = editableList(input.listId);
      if (list.projects.length + read.records.length > 49) throw new AppError('IMPORT_INVALID', '导入后候选项目将超过49个', undefined, []);
      // Numbers in the file decide the order when given; new projects follow those already on the list.
      const sorted = [...read.records].sort((a, b) => (a.number ?? 1e9) - (b.number ?? 1e9) || a.row - b.row);
      sorted.forEach((r, i) => insertProject.run({ ...r, listId: list.id, number: list.projects.length + i + 1, at: ctx.now }));
      ctx.audit({ action: 'projects.import', entity: 'project_list', entityId: list.id, detail: { fileName: input.fileName, sha256, rows: sorted.length } });
      ctx.emit('projects.changed', { listId: list.id });
      // The entry just written, in this transaction: the clerk's receipt names it.
      return { imported: sorted.length, linked: 0, auditId: db.prepare('SELECT MAX(id) FROM audit_log').pluck().get() as number };
    }),

  };
}
