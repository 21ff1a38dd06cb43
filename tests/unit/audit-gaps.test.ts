import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  auditActionLabel,
  auditGroupOf,
  describeAudit,
  type AuditEntry,
  type ExportedFile,
  type ProjectList,
} from '../../shared/contract';
import {
  b64,
  createBody,
  errorOf,
  makeTempRuntime,
  namedAndSecretVotes,
  quarterlySession,
  type TempRuntime,
} from './helpers';
import { ROSTER_HEADERS, buildXlsx, rosterRows } from '../fixtures';

/**
 * What was not audited before (issue 12 item 3): the rows an import brought in, as counts and a digest rather
 * than the names and phones themselves; and every export of personal data, with who asked, the file and its rows.
 */

let t: TempRuntime;
beforeEach(() => (t = makeTempRuntime()));
afterEach(() => t.cleanup());

const entries = async (action: string) =>
  ((await t.ok('audit.list', { limit: 500 })) as AuditEntry[]).filter((e) => e.action === action).reverse();

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
    const details = got.map(
      (e) => e.detail as { sha256: string; rowsDigest: string; rows: number; fileRows: number; fileName: string },
    );
    expect(details.map((d) => [d.fileName, d.rows, d.fileRows])).toEqual([
      ['名册1.xlsx', 5, 5],
      ['名册2.xlsx', 5, 5],
      ['名册3.xlsx', 5, 5],
    ]);
    for (const d of details) expect(d.rowsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(details[0]!.sha256).not.toBe(details[1]!.sha256);
    expect(details[0]!.rowsDigest).toBe(details[1]!.rowsDigest);
    expect(details[2]!.rowsDigest).not.toBe(details[0]!.rowsDigest);
    // No personal data in the entries: neither a name nor a phone number.
    for (const e of got)
      for (const r of changed) {
        expect(JSON.stringify(e.detail)).not.toContain(String(r[1]));
        expect(JSON.stringify(e.detail)).not.toContain(String(r[7]));
      }
    expect(describeAudit(got[0]!)).toBe(
      `文件：名册1.xlsx；导入5名；文件共5行；数据摘要${details[0]!.rowsDigest.slice(0, 12)}…`,
    );
  });

  it('candidate projects: the entry names the file, the rows and their digest', async () => {
    const body = await createBody(t, '龙泉区人民代表大会');
    const list = (await t.ok('projectLists.create', {
      bodyId: body.id,
      year: 2026,
      title: '2026年度民生实事候选项目',
      seats: 2,
    })) as ProjectList;
    const head = ['编号', '项目名称', '责任单位'];
    const rows = [
      [1, '社区养老服务中心', '区民政局'],
      [2, '口袋公园建设', '区城管局'],
      [3, '农贸市场提升', '区商务局'],
    ];
    await t.ok('projects.importCommit', {
      listId: list.id,
      fileName: '候选项目.xlsx',
      contentBase64: b64(await buildXlsx([head, ...rows], { title: '候选项目' })),
    });
    const [e] = await entries('projects.import');
    const d = e!.detail as { rows: number; fileRows: number; rowsDigest: string };
    expect(d).toMatchObject({ rows: 3, fileRows: 3 });
    expect(d.rowsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(describeAudit(e!)).toBe(
      `文件：候选项目.xlsx；导入3个项目；文件共3行；数据摘要${d.rowsDigest.slice(0, 12)}…`,
    );
  });
});

describe('exports of personal data are audited; reads are not', () => {
  it('records who exported which file with how many rows and its SHA-256; a refused export and plain reads record nothing', async () => {
    const { body, members, meeting } = await quarterlySession(t, 5);
    await t.ok('meetings.open', { id: meeting.id });
    const votes = await namedAndSecretVotes(t, meeting.id, members);
    const count = () => t.count('audit_log');
    // Reads of personal data through the API are not recorded one by one.
    const before = count();
    await t.ok('members.list', { bodyId: body.id });
    await t.ok('attendance.get', { meetingId: meeting.id });
    await t.ok('votes.roll', { id: votes[0]!.id });
    await t.ok('roster.template', { bodyId: body.id });
    expect(count()).toBe(before);
    // A refused export writes nothing: a secret vote has no roll call.
    expect(errorOf(await t.call('exports.rollCall', { roundId: votes[1]!.id })).message).toContain('无记名');
    expect(count()).toBe(before);

    const cases: [string, Record<string, unknown>, string, number, string][] = [
      ['roster.export', { bodyId: body.id }, 'roster.exportFile', 5, `body:${body.id}`],
      ['exports.attendance', { meetingId: meeting.id }, 'export.attendance', 5, `meeting:${meeting.id}`],
      ['exports.rollCall', { roundId: votes[0]!.id }, 'export.rollCall', 5, `vote:${votes[0]!.id}`],
      ['exports.round', { roundId: votes[1]!.id }, 'export.round', 1, `vote:${votes[1]!.id}`],
      [
        'projectYear.export',
        { bodyId: body.id, year: 2025, asOf: '2025-04-10' },
        'projectYear.exportFile',
        0,
        `body:${body.id}`,
      ],
      ['audit.export', {}, 'audit.exportFile', before + 5, 'audit_log:null'],
    ];
    for (const [method, input, action, rows, entity] of cases) {
      const file = (await t.ok(method as never, input as never)) as ExportedFile;
      const [e] = (await t.ok('audit.list', { limit: 1 })) as AuditEntry[];
      expect(e!.action, method).toBe(action);
      expect(`${e!.entity}:${e!.entityId}`, method).toBe(entity);
      expect(e!.actor).toBe('test');
      const content = Buffer.from(file.contentBase64, 'base64');
      expect(e!.detail, method).toEqual({
        fileName: file.fileName,
        rows,
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
      });
      expect(auditActionLabel(action)).toMatch(/^导出/);
      expect(describeAudit(e!)).toMatch(new RegExp(`^文件：${file.fileName.replace(/[()（）.]/g, '.')}；共${rows}`));
    }
    expect(count()).toBe(before + cases.length);
    // Each sits in the group a clerk filters by: the roster's with the roster, the sign-in sheet's with sign-in.
    expect(['roster.exportFile', 'export.attendance', 'export.rollCall', 'audit.exportFile'].map(auditGroupOf)).toEqual(
      ['roster', 'attendance', 'vote', 'system'],
    );
    // And with the meeting: the meeting's filter finds its sign-in sheet and roll call exports.
    const ofMeeting = ((await t.ok('audit.list', { limit: 500, meetingId: meeting.id })) as AuditEntry[]).map(
      (e) => e.action,
    );
    expect(ofMeeting).toEqual(expect.arrayContaining(['export.attendance', 'export.rollCall', 'export.round']));
  });
});
