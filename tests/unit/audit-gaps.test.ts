import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeAudit, type AuditEntry, type ProjectList } from '../../shared/contract';
import { ROSTER_HEADERS, b64, buildXlsx, createBody, makeTempRuntime, rosterRows, type TempRuntime } from './helpers';

/**
 * What was not audited before (issue 12 item 3): the rows an import brought in, as counts and a digest rather
 * than the names and phones themselves.
 */

let t: TempRuntime;
beforeEach(() => (t = makeTempRuntime()));
afterEach(() => t.cleanup());

const entries = async (action: string) => ((await t.ok('audit.list', { limit: 500 })) as AuditEntry[]).filter((e) => e.action === action).reverse();

describe('imports are audited with their row counts and a digest of the rows, not the rows', () => {
  it('roster: the same rows give the same digest whatever file they came in; a changed row does not', async () => {
    const rows = rosterRows(5);
    const changed = rows.map((r, i) => (i === 2 ? [...r.slice(0, 7), '13900000000'] : r));
    const files = [
      await buildXlsx([ROSTER_HEADERS, ...rows], { title: '第十八届代表名册' }),
      // Another title row, so another file (its SHA-256 differs), the same rows.
      await buildXlsx([ROSTER_HEADERS, ...rows], { title: '代表名册（办公室）' }),
      await buildXlsx([ROSTER_HEADERS, ...changed], { title: '第十八届代表名册' }),
    ];
    for (const [i, file] of files.entries()) {
      const body = await createBody(t, `第${i + 1}人民代表大会`);
      await t.ok('roster.importCommit', { bodyId: body.id, fileName: `名册${i + 1}.xlsx`, contentBase64: b64(file) });
    }
    const got = await entries('roster.import');
    const details = got.map((e) => e.detail as { sha256: string; rowsDigest: string; rows: number; fileRows: number; fileName: string });
    expect(details.map((d) => [d.fileName, d.rows, d.fileRows])).toEqual([['名册1.xlsx', 5, 5], ['名册2.xlsx', 5, 5], ['名册3.xlsx', 5, 5]]);
    for (const d of details) expect(d.rowsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(details[0]!.sha256).not.toBe(details[1]!.sha256);
    expect(details[0]!.rowsDigest).toBe(details[1]!.rowsDigest);
    expect(details[2]!.rowsDigest).not.toBe(details[0]!.rowsDigest);
    // No personal data in the entries: neither a name nor a phone number.
    for (const e of got) for (const r of changed) {
      expect(JSON.stringify(e.detail)).not.toContain(String(r[1]));
      expect(JSON.stringify(e.detail)).not.toContain(String(r[7]));
    }
    expect(describeAudit(got[0]!)).toBe(`文件：名册1.xlsx；导入5名；文件共5行；数据摘要${details[0]!.rowsDigest.slice(0, 12)}…`);
  });

  it('candidate projects: the entry names the file, the rows and their digest', async () => {
    const body = await createBody(t, '龙泉区人民代表大会');
    const list = (await t.ok('projectLists.create', { bodyId: body.id, year: 2026, title: '2026年度民生实事候选项目', seats: 2 })) as ProjectList;
    const head = ['编号', '项目名称', '责任单位'];
    const rows = [[1, '社区养老服务中心', '区民政局'], [2, '口袋公园建设', '区城管局'], [3, '农贸市场提升', '区商务局']];
    await t.ok('projects.importCommit', { listId: list.id, fileName: '候选项目.xlsx', contentBase64: b64(await buildXlsx([head, ...rows], { title: '候选项目' })) });
    const [e] = await entries('projects.import');
    const d = e!.detail as { rows: number; fileRows: number; rowsDigest: string };
    expect(d).toMatchObject({ rows: 3, fileRows: 3 });
    expect(d.rowsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(describeAudit(e!)).toBe(`文件：候选项目.xlsx；导入3个项目；文件共3行；数据摘要${d.rowsDigest.slice(0, 12)}…`);
  });
});
