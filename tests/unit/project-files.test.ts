import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBody, errorOf, makeTempRuntime, type TempRuntime } from './helpers';

let t: TempRuntime;
let projectId: number;
beforeEach(async () => {
  t = makeTempRuntime();
  const body = await createBody(t, '某区人民代表大会');
  const list = await t.ok('projectLists.create', {
    bodyId: body.id,
    year: 2027,
    title: '某区2027年民生实事候选项目',
    seats: 1,
  });
  projectId = (await t.ok('projects.add', { listId: list.id, name: '老旧小区加装电梯' })).id;
});
afterEach(() => t.cleanup());

const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64');

describe('project files', () => {
  it('keeps a candidate document in the data folder, lists it, reads it back byte for byte and audits both steps', async () => {
    const f = await t.ok('projectFiles.attach', {
      projectId,
      stage: 'candidate',
      fileName: '论证报告.pdf',
      contentBase64: photo,
    });
    expect(f).toMatchObject({
      projectId,
      stage: 'candidate',
      recordId: null,
      fileName: '论证报告.pdf',
      mimeType: 'application/pdf',
      size: 7,
    });
    expect(await t.ok('projectFiles.list', { projectId })).toEqual([f]);
    expect(await t.ok('projectFiles.list', { projectId, stage: 'progress' })).toEqual([]);
    expect(await t.ok('projectFiles.get', { fileId: f.id })).toMatchObject({
      fileName: '论证报告.pdf',
      contentBase64: photo,
    });
    await t.ok('projectFiles.remove', { fileId: f.id });
    expect(await t.ok('projectFiles.list', { projectId })).toEqual([]);
    expect(
      t.rt.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'projectFiles.%' ORDER BY id").pluck().all(),
    ).toEqual(['projectFiles.attach', 'projectFiles.remove']);
  });

  it('refuses a record that is not the project’s, or a record where the stage has none, and writes nothing', async () => {
    const before = t.count('project_files');
    expect(
      errorOf(
        await t.call('projectFiles.attach', {
          projectId,
          stage: 'progress',
          recordId: 99,
          fileName: '现场.jpg',
          contentBase64: photo,
        }),
      ),
    ).toMatchObject({
      code: 'NOT_FOUND',
      field: 'recordId',
      message: '项目“老旧小区加装电梯”没有编号为99的进展报告',
    });
    expect(
      errorOf(
        await t.call('projectFiles.attach', {
          projectId,
          stage: 'candidate',
          recordId: 1,
          fileName: '现场.jpg',
          contentBase64: photo,
        }),
      ),
    ).toMatchObject({ field: 'recordId' });
    expect(
      errorOf(
        await t.call('projectFiles.attach', {
          projectId: 999,
          stage: 'candidate',
          fileName: '现场.jpg',
          contentBase64: photo,
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'projectId' });
    expect(t.count('project_files')).toBe(before);
  });
});
