import path from 'node:path';
import { AppError, type ParsedInput, type ProjectFile, type ProjectFileStage } from '../../shared/contract';
import type { WriteContext } from './change';
import type { ServiceDeps } from './context';
import { mimeTypeOf, readStoredFile, storeFile } from './stored-files';

/** A project's files (论证材料, progress photos, 整改 responses): kept in the data folder, named by a row per file. */

interface FileRow {
  id: number;
  project_id: number;
  stage: ProjectFileStage;
  record_id: number | null;
  file_name: string;
  stored_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  added_at: string;
}
const toFile = (r: FileRow): ProjectFile => ({
  id: r.id,
  projectId: r.project_id,
  stage: r.stage,
  recordId: r.record_id,
  fileName: r.file_name,
  mimeType: r.mime_type,
  size: r.size,
  sha256: r.sha256,
  addedAt: r.added_at,
});

/** The table a stage's records live in, and what one is called; stages without records take files for the stage as a whole. */
const RECORDS: Partial<Record<ProjectFileStage, { table: string; noun: string }>> = {
  progress: { table: 'project_progress', noun: '进展报告' },
  inspection: { table: 'project_inspections', noun: '视察督查记录' },
  decision: { table: 'project_decisions', noun: '变更决定' },
  rectification: { table: 'rectifications', noun: '整改记录' },
};

export function projectFileQueries(db: ServiceDeps['db']) {
  return {
    filesOf: (projectId: number, stage?: ProjectFileStage, recordId?: number) =>
      (
        db
          .prepare(
            'SELECT * FROM project_files WHERE project_id = ? AND (? IS NULL OR stage = ?) AND (? IS NULL OR record_id = ?) ORDER BY id',
          )
          .all(projectId, stage ?? null, stage ?? null, recordId ?? null, recordId ?? null) as FileRow[]
      ).map(toFile),
  };
}

export function projectFileService(deps: ServiceDeps) {
  const { db } = deps;
  const dir = path.join(deps.dataDir, 'documents');
  const { filesOf } = projectFileQueries(db);
  const projectName = (id: number) => {
    const name = db.prepare('SELECT name FROM projects WHERE id = ?').pluck().get(id) as string | undefined;
    if (name === undefined) throw new AppError('NOT_FOUND', `找不到编号为${id}的项目`, 'projectId');
    return name;
  };

  return {
    'projectFiles.attach': (input: ParsedInput<'projectFiles.attach'>, ctx: WriteContext) => {
      const name = projectName(input.projectId);
      const records = RECORDS[input.stage];
      if (!records && input.recordId !== null)
        throw new AppError('VALIDATION', '该阶段的材料不属于某条记录，请不要指定记录', 'recordId');
      if (
        records &&
        input.recordId !== null &&
        !db
          .prepare(`SELECT 1 FROM ${records.table} WHERE id = ? AND project_id = ?`)
          .get(input.recordId, input.projectId)
      ) {
        throw new AppError('NOT_FOUND', `项目“${name}”没有编号为${input.recordId}的${records.noun}`, 'recordId');
      }
      const content = Buffer.from(input.contentBase64, 'base64');
      const stored = storeFile(dir, input.fileName, content);
      const id = Number(
        db
          .prepare(
            'INSERT INTO project_files (project_id, stage, record_id, file_name, stored_name, mime_type, size, sha256, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            input.projectId,
            input.stage,
            input.recordId,
            input.fileName,
            stored.storedName,
            mimeTypeOf(input.fileName),
            stored.size,
            stored.sha256,
            ctx.now,
          ).lastInsertRowid,
      );
      ctx.audit({
        action: 'projectFiles.attach',
        entity: 'project_file',
        entityId: id,
        detail: {
          projectId: input.projectId,
          project: name,
          stage: input.stage,
          recordId: input.recordId,
          fileName: input.fileName,
          size: stored.size,
          sha256: stored.sha256,
        },
      });
      ctx.emit('projectFiles.changed', { projectId: input.projectId });
      return toFile(db.prepare('SELECT * FROM project_files WHERE id = ?').get(id) as FileRow);
    },

    'projectFiles.list': (input: ParsedInput<'projectFiles.list'>) => {
      projectName(input.projectId);
      return filesOf(input.projectId, input.stage, input.recordId);
    },

    'projectFiles.get': (input: ParsedInput<'projectFiles.get'>) => {
      const r = db.prepare('SELECT * FROM project_files WHERE id = ?').get(input.fileId) as FileRow | undefined;
      if (!r) throw new AppError('NOT_FOUND', `找不到编号为${input.fileId}的项目材料`, 'fileId');
      const content = readStoredFile(dir, r.stored_name);
      if (!content) throw new AppError('NOT_FOUND', `材料“${r.file_name}”的文件已不在数据目录中`, 'fileId');
      return { fileName: r.file_name, mimeType: r.mime_type, contentBase64: content.toString('base64') };
    },

    'projectFiles.remove': (input: ParsedInput<'projectFiles.remove'>, ctx: WriteContext) => {
      const r = db.prepare('SELECT * FROM project_files WHERE id = ?').get(input.fileId) as FileRow | undefined;
      if (!r) throw new AppError('NOT_FOUND', `找不到编号为${input.fileId}的项目材料`, 'fileId');
      db.prepare('DELETE FROM project_files WHERE id = ?').run(r.id);
      ctx.audit({
        action: 'projectFiles.remove',
        entity: 'project_file',
        entityId: r.id,
        detail: { projectId: r.project_id, stage: r.stage, fileName: r.file_name, sha256: r.sha256 },
      });
      ctx.emit('projectFiles.changed', { projectId: r.project_id });
      return { removed: true as const };
    },
  };
}
