import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Body,
  EventMessage,
  ExportedFile,
  ImportIssue,
  ImportPreview,
  ImportResult,
  Member,
} from '../../shared/contract';
import { sortByName } from '../../shared/domain/collation';
import { verifyAudit } from '../../electron/db/audit';
import {
  b64,
  createBody,
  errorOf,
  makeTempRuntime,
  readXlsxValues,
  type TempRuntime,
  quarterlySession,
} from './helpers';
import { ROSTER_HEADERS, buildXlsx, encodeGb18030, rosterRows } from '../fixtures';

let t: TempRuntime;
let events: EventMessage[];
beforeEach(() => {
  t = makeTempRuntime();
  events = [];
  t.rt.bus.subscribe((m) => events.push(m));
});
afterEach(() => t.cleanup());

const member = (bodyId: number, name: string, extra: Record<string, unknown> = {}) => ({ bodyId, name, ...extra });
const addMember = async (bodyId: number, name: string, extra: Record<string, unknown> = {}) =>
  (await t.ok('members.create', member(bodyId, name, extra) as never)) as Member;
const list = async (bodyId: number, includeFormer = false) =>
  (await t.ok('members.list', { bodyId, includeFormer })) as Member[];

describe('bodies', () => {
  it('creates bodies, and requires the street of a street council', async () => {
    const district = await createBody(t, '江北区人民代表大会');
    expect(district).toMatchObject({
      id: 1,
      kind: 'district_congress',
      name: '江北区人民代表大会',
      area: null,
      term: '第十八届',
      activeMembers: 0,
    });

    const noArea = errorOf(await t.call('bodies.create', { kind: 'street_council', name: '观音桥街道议事代表会议' }));
    expect(noArea).toMatchObject({ code: 'VALIDATION', field: 'area' });
    expect(noArea.message).toMatch(/^输入有误：“所属街道\/镇”/);
    expect(t.count('bodies')).toBe(1);

    const council = await createBody(t, '观音桥街道议事代表会议', 'street_council', '观音桥街道');
    expect(council).toMatchObject({ kind: 'street_council', area: '观音桥街道' });
    expect(
      errorOf(await t.call('bodies.create', { kind: 'township_congress', name: '鱼嘴镇人民代表大会', area: '  ' })),
    ).toMatchObject({ field: 'area' });

    expect(((await t.ok('bodies.list', {})) as Body[]).map((b) => b.name)).toEqual([
      '江北区人民代表大会',
      '观音桥街道议事代表会议',
    ]);
    // Besides the shipped rule sets the runtime records on first start (actor 'system').
    expect(t.rt.db.prepare("SELECT action FROM audit_log WHERE actor <> 'system'").pluck().all()).toEqual([
      'body.create',
      'body.create',
    ]);
    expect(events.filter((e) => e.name === 'bodies.changed').map((e) => e.payload)).toEqual([
      { bodyId: 1 },
      { bodyId: 2 },
    ]);
  });

  it('refuses a second body of the same name, and updates a body', async () => {
    const a = await createBody(t, '江北区人民代表大会');
    const b = await createBody(t, '江北区人大常委会', 'standing_committee');
    expect(
      errorOf(await t.call('bodies.create', { kind: 'standing_committee', name: '江北区人民代表大会' })),
    ).toMatchObject({ code: 'CONFLICT', field: 'name' });
    expect(errorOf(await t.call('bodies.update', { id: b.id, name: a.name }))).toMatchObject({
      code: 'CONFLICT',
      field: 'name',
    });
    const updated = (await t.ok('bodies.update', {
      id: b.id,
      name: '江北区第十八届人大常委会',
      term: '第十八届',
    })) as Body;
    expect(updated).toMatchObject({
      id: b.id,
      name: '江北区第十八届人大常委会',
      term: '第十八届',
      kind: 'standing_committee',
    });
    expect(errorOf(await t.call('bodies.update', { id: 99, name: '不存在的机构' }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'bodyId',
    });
    expect(errorOf(await t.call('members.list', { bodyId: 99 }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('roster export of names without stroke data', () => {
  it('puts them last with a comment on the name cell, and still re-imports', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    for (const [i, n] of ['刘䶮', '蔡奇', '刘备'].entries()) await addMember(body.id, n, { phone: `1390000000${i}` });
    expect((await list(body.id)).map((m) => m.name)).toEqual(['刘备', '刘䶮', '蔡奇']);
    const file = (await t.ok('roster.export', { bodyId: body.id })) as ExportedFile;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows = [3, 4, 5].map((r) => ({ name: ws.getCell(r, 2).value, note: ws.getCell(r, 2).note }));
    expect(rows.map((r) => r.name)).toEqual(['刘备', '刘䶮', '蔡奇']);
    expect(rows[0]!.note).toBeUndefined();
    expect(JSON.stringify(rows[1]!.note)).toContain('笔顺库未收录“䶮”');
    const council = await createBody(t, '观音桥街道议事代表会议', 'street_council', '观音桥街道');
    const res = (await t.ok('roster.importCommit', {
      bodyId: council.id,
      fileName: file.fileName,
      contentBase64: file.contentBase64,
    })) as ImportResult;
    expect(res.imported).toBe(3);
    expect((await list(council.id)).map((m) => m.name)).toEqual(['刘备', '刘䶮', '蔡奇']);
  });
});

describe('members', () => {
  it('creates members with pinyin, lists them in 笔画 order and counts them on the body', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    for (const n of ['欧阳修', '张三', '丁一', '单雄信', '王五']) await addMember(body.id, n);
    const members = await list(body.id);
    expect(members.map((m) => m.name)).toEqual(['丁一', '王五', '张三', '欧阳修', '单雄信']); // 欧 and 单 both 8: 横 before 点
    expect(members.find((m) => m.name === '单雄信')).toMatchObject({
      pinyin: 'shanxiongxin',
      initials: 'sxx',
      active: true,
      otherBodies: [],
    });
    expect(((await t.ok('bodies.list', {})) as Body[])[0]!.activeMembers).toBe(5);
    expect(events.filter((e) => e.name === 'roster.changed')).toHaveLength(5);
  });

  it('refuses a duplicate name in the same body unless phones tell the two apart', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    await addMember(body.id, '张三');
    const before = [t.count('persons'), t.count('memberships'), t.count('audit_log')];
    const dup = errorOf(await t.call('members.create', member(body.id, '张三', { phone: '13800138000' })));
    expect(dup).toMatchObject({ code: 'CONFLICT', field: 'name' });
    expect(dup.message).toContain('张三');
    expect([t.count('persons'), t.count('memberships'), t.count('audit_log')]).toEqual(before);

    const body2 = await createBody(t, '江北区人大常委会', 'standing_committee');
    await addMember(body2.id, '李四', { phone: '13800138001' });
    await addMember(body2.id, '李四', { phone: '13800138002' }); // a namesake with another phone
    expect(errorOf(await t.call('members.create', member(body2.id, '李四', { phone: '13800138002' })))).toMatchObject({
      code: 'CONFLICT',
    });
    expect((await list(body2.id)).map((m) => m.phone).sort()).toEqual(['13800138001', '13800138002']);
  });

  it('links the same person (name and phone) into a second body and shows the other body', async () => {
    const district = await createBody(t, '江北区人民代表大会');
    const council = await createBody(t, '观音桥街道议事代表会议', 'street_council', '观音桥街道');
    const a = await addMember(district.id, '张三', { phone: '13800138000', gender: '男' });
    const b = await addMember(council.id, '张三', { phone: '13800138000', seatNo: '7' });
    expect(b.personId).toBe(a.personId);
    expect(b.membershipId).not.toBe(a.membershipId);
    expect(b.otherBodies).toEqual(['江北区人民代表大会']);
    expect((await list(district.id))[0]!.otherBodies).toEqual(['观音桥街道议事代表会议']);
    expect(t.count('persons')).toBe(1);

    // A namesake with another phone is another person.
    const c = await addMember(council.id, '李四', { phone: '13900139000' });
    const d = await addMember(district.id, '李四', { phone: '13700137000' });
    expect(d.personId).not.toBe(c.personId);
    expect(d.otherBodies).toEqual([]);
  });

  it('updates a member and ends a membership, keeping the record', async () => {
    const district = await createBody(t, '江北区人民代表大会');
    const council = await createBody(t, '观音桥街道议事代表会议', 'street_council', '观音桥街道');
    const m = await addMember(district.id, '张三', { phone: '13800138000', since: '2021-12-28' });
    await addMember(council.id, '张三', { phone: '13800138000' });

    const updated = (await t.ok('members.update', {
      membershipId: m.membershipId,
      name: '曾三',
      phone: '13800138000',
      seatNo: '12',
      since: '2021-12-28',
    })) as Member;
    expect(updated).toMatchObject({
      name: '曾三',
      pinyin: 'zengsan',
      initials: 'zs',
      seatNo: '12',
      since: '2021-12-28',
    });
    expect(errorOf(await t.call('members.update', { membershipId: 999, name: '李四' }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'membershipId',
    });

    const early = errorOf(
      await t.call('members.end', { membershipId: m.membershipId, until: '2020-01-01', reason: '辞职' }),
    );
    expect(early).toMatchObject({ code: 'VALIDATION', field: 'until' });

    const ended = (await t.ok('members.end', {
      membershipId: m.membershipId,
      until: '2024-06-30',
      reason: '调离本行政区域',
    })) as Member;
    expect(ended).toMatchObject({ active: false, until: '2024-06-30' });
    expect(
      errorOf(await t.call('members.end', { membershipId: m.membershipId, until: '2024-07-01', reason: '再次' })),
    ).toMatchObject({ code: 'CONFLICT' });

    expect(await list(district.id)).toEqual([]);
    expect((await list(district.id, true)).map((x) => [x.name, x.active])).toEqual([['曾三', false]]);
    // The ended seat no longer shows as an overlap in the council.
    expect((await list(council.id))[0]!.otherBodies).toEqual([]);
    const actions = t.rt.db.prepare("SELECT action FROM audit_log WHERE actor <> 'system' ORDER BY id").pluck().all();
    expect(actions).toEqual([
      'body.create',
      'body.create',
      'member.create',
      'member.create',
      'member.update',
      'member.end',
    ]);
    expect(verifyAudit(t.rt.db).ok).toBe(true);
  });
});

describe('roster import', () => {
  const BAD_DATA_ROW = 300;
  /** Title in row 1, header in row 2: data row n is spreadsheet row n + 2. */
  const EXCEL_ROW = BAD_DATA_ROW + 2;

  async function rosterXlsx(n: number, edit?: (rows: ReturnType<typeof rosterRows>) => void) {
    const rows = rosterRows(n);
    edit?.(rows);
    return buildXlsx([ROSTER_HEADERS, ...rows], { title: '江北区第十八届人民代表大会代表名册', sheetName: '代表名册' });
  }
  const importInput = (bodyId: number, fileName: string, content: Buffer) => ({
    bodyId,
    fileName,
    contentBase64: b64(content),
  });
  const snapshot = () => ({
    persons: t.count('persons'),
    memberships: t.count('memberships'),
    audit: t.count('audit_log'),
  });

  it('pinpoints the one bad row of 500 by its spreadsheet row and header, and writes nothing', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    await addMember(body.id, '赵钱孙');
    const file = await rosterXlsx(500, (rows) => {
      rows[BAD_DATA_ROW - 1]![2] = '未知'; // 性别
    });

    const preview = (await t.ok('roster.importPreview', importInput(body.id, '代表名册.xlsx', file))) as ImportPreview;
    expect(preview).toMatchObject({
      fileName: '代表名册.xlsx',
      sheetName: '代表名册',
      headerRow: 2,
      totalRows: 500,
      validRows: 499,
    });
    expect(preview.issues).toEqual([{ row: EXCEL_ROW, field: '性别', message: '性别应为“男”或“女”' }]);
    expect(preview.rows).toHaveLength(500);
    expect(preview.rows.filter((r) => r.status === 'error').map((r) => r.row)).toEqual([EXCEL_ROW]);
    expect(preview.rows[0]).toMatchObject({ row: 3, ethnicity: '回族', party: '中共党员', status: 'new' });
    expect(preview.columns).toContainEqual({ header: '政治面貌', field: '党派' });

    const before = snapshot();
    events.length = 0;
    const err = errorOf(await t.call('roster.importCommit', importInput(body.id, '代表名册.xlsx', file)));
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.message).toContain(`第${EXCEL_ROW}行“性别”`);
    expect(err.message).toContain('名册未作任何改动');
    expect(err.details as ImportIssue[]).toEqual(preview.issues);
    expect(snapshot()).toEqual(before);
    expect(events).toEqual([]);
  });

  it('reports a bad phone under the header the file uses', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    const rows = rosterRows(20);
    rows[4]![7] = '12345';
    const file = await buildXlsx([ROSTER_HEADERS.map((h) => (h === '联系电话' ? '手 机 号 码' : h)), ...rows]);
    const preview = (await t.ok('roster.importPreview', importInput(body.id, 'a.xlsx', file))) as ImportPreview;
    expect(preview.issues.map((i) => [i.row, i.field])).toEqual([[6, '手 机 号 码']]);
    expect(preview.issues[0]!.message).toContain('电话');
  });

  it('imports while the hall keeps signing in at another meeting, instead of refusing the file as always modified', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    const hall = await quarterlySession(t, 10);
    const file = await rosterXlsx(300);
    let done = false;
    const imported = t
      .ok('roster.importCommit', importInput(body.id, '代表名册.xlsx', file))
      .finally(() => (done = true));
    // Sign-ins (and leaves) all the while the file is parsed in the worker: each attempt of the old check saw them.
    let writes = 0;
    for (; !done && writes < 2000; writes++) {
      const m = hall.members[writes % hall.members.length]!;
      await t.ok('attendance.mark', {
        meetingId: hall.meeting.id,
        membershipId: m.membershipId,
        status: Math.floor(writes / hall.members.length) % 2 ? 'present' : 'absent',
      });
      await new Promise((r) => setTimeout(r, 2));
    }
    const res = await imported;
    expect(writes).toBeGreaterThan(3);
    // The hall's ten are the file's first ten (same names and phones): linked to the people on record, not doubled.
    expect(res).toMatchObject({ imported: 300, linked: 10 });
  });

  it('imports a clean 500-row file in one transaction with one audit entry', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    const file = await rosterXlsx(500);
    const before = snapshot();
    const res = (await t.ok('roster.importCommit', importInput(body.id, '代表名册.xlsx', file))) as ImportResult;
    expect(res).toMatchObject({ imported: 500, linked: 0 });
    expect(snapshot()).toEqual({
      persons: before.persons + 500,
      memberships: before.memberships + 500,
      audit: before.audit + 1,
    });
    const entry = t.rt.db
      .prepare('SELECT id, action, entity_id, detail FROM audit_log ORDER BY id DESC LIMIT 1')
      .get() as { id: number; action: string; entity_id: string; detail: string };
    expect(entry).toMatchObject({ id: res.auditId, action: 'roster.import', entity_id: String(body.id) });
    expect(JSON.parse(entry.detail)).toEqual({
      fileName: '代表名册.xlsx',
      sha256: createHash('sha256').update(file).digest('hex'),
      rows: 500,
      fileRows: 500,
      rowsDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      linked: 0,
    });
    expect(events.filter((e) => e.name === 'roster.changed')).toEqual([
      { name: 'roster.changed', payload: { bodyId: body.id } },
    ]);

    const members = await list(body.id);
    expect(members).toHaveLength(500);
    expect(members.find((m) => m.phone === '13800000299')).toMatchObject({
      gender: '男',
      ethnicity: '汉族',
      party: '群众',
      constituency: '第12选区',
    }); // data row 300 (index 299)
    expect(verifyAudit(t.rt.db).ok).toBe(true);

    // Importing the same file again: every row is now a duplicate of a member of the body.
    const again = errorOf(await t.call('roster.importCommit', importInput(body.id, '代表名册.xlsx', file)));
    expect(again.code).toBe('IMPORT_INVALID');
    expect((again.details as ImportIssue[]).length).toBe(500);
    expect(t.count('memberships')).toBe(500);
  });

  it('links people who already sit in another body', async () => {
    const district = await createBody(t, '江北区人民代表大会');
    const council = await createBody(t, '观音桥街道议事代表会议', 'street_council', '观音桥街道');
    const deputy = await addMember(district.id, '张三', { phone: '13800138000' });
    const file = await buildXlsx([
      ['姓名', '联系电话'],
      ['张三', '13800138000'],
      ['李四', '13800138001'],
    ]);
    const res = (await t.ok('roster.importCommit', importInput(council.id, 'council.xlsx', file))) as ImportResult;
    expect(res).toMatchObject({ imported: 2, linked: 1 });
    const zhang = (await list(council.id)).find((m) => m.name === '张三')!;
    expect(zhang.personId).toBe(deputy.personId);
    expect(zhang.otherBodies).toEqual(['江北区人民代表大会']);
  });

  it('imports CSV saved as UTF-8 with a BOM', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    const csv = '\uFEFF姓名,性别,民族,联系电话\r\n张三,男,汉,13800138000\r\n"李四",女,回族,13800138001\r\n';
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const res = (await t.ok('roster.importCommit', importInput(body.id, '名册.CSV', bytes))) as ImportResult;
    expect(res.imported).toBe(2);
    expect((await list(body.id)).map((m) => [m.name, m.gender, m.ethnicity, m.phone])).toEqual([
      ['李四', '女', '回族', '13800138001'], // 李 and 张 both have 7 strokes: 李 starts with 横, 张 with 折
      ['张三', '男', '汉族', '13800138000'],
    ]);
  });

  it('imports CSV saved by Chinese Windows Excel in GB18030', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    const text =
      '姓名,性别,民族,联系电话\r\n张三,男,汉族,13800138000\r\n李四,女,回族,13800138001\r\n王五,男,汉,13800138002\r\n';
    const bytes = encodeGb18030(text);
    // The bytes really are GB18030 (two bytes per character here), and not UTF-8.
    expect(new TextDecoder('gb18030').decode(bytes)).toBe(text);
    expect(bytes.length).toBeLessThan(Buffer.byteLength(text, 'utf8'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();

    const preview = (await t.ok('roster.importPreview', importInput(body.id, '名册.csv', bytes))) as ImportPreview;
    expect(preview.issues).toEqual([]);
    expect(preview.rows.map((r) => [r.row, r.name])).toEqual([
      [2, '张三'],
      [3, '李四'],
      [4, '王五'],
    ]);
    const res = (await t.ok('roster.importCommit', importInput(body.id, '名册.csv', bytes))) as ImportResult;
    expect(res.imported).toBe(3);
    expect((await list(body.id)).map((m) => m.name)).toEqual(['王五', '李四', '张三']);
  });

  it('explains a file it cannot read, and writes nothing', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    const junk = Buffer.from('这不是一个Excel文件');
    const preview = (await t.ok('roster.importPreview', importInput(body.id, '名册.xlsx', junk))) as ImportPreview;
    expect(preview.issues).toHaveLength(1);
    expect(preview.issues[0]).toMatchObject({ row: 0, field: '文件' });
    expect(preview.issues[0]!.message).toContain('名册.xlsx');
    const before = snapshot();
    expect(errorOf(await t.call('roster.importCommit', importInput(body.id, '名册.xlsx', junk))).code).toBe(
      'IMPORT_INVALID',
    );
    expect(snapshot()).toEqual(before);
  });
});

describe('roster export', () => {
  it('writes an xlsx in 笔画 order that re-imports into another body with the same names', async () => {
    const district = await createBody(t, '江北区人民代表大会');
    const names = ['欧阳修', '周一', '李二', '张三', '刘四', '司马光', '王五', '马六', '习七', '丁八'];
    for (const [i, n] of names.entries()) {
      await addMember(district.id, n, {
        phone: `1380000000${i}`,
        gender: i % 2 ? '女' : '男',
        ethnicity: '汉族',
        since: '2021-12-28',
        seatNo: String(i + 1),
      });
    }
    const ended = (await list(district.id)).find((m) => m.name === '马六')!;
    await t.ok('members.end', { membershipId: ended.membershipId, until: '2024-01-31', reason: '辞职' });

    const file = (await t.ok('roster.export', { bodyId: district.id })) as ExportedFile;
    expect(file.fileName).toMatch(/^江北区人民代表大会名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const content = Buffer.from(file.contentBase64, 'base64');

    const cells = await readXlsxValues(content);
    expect(String(cells[0]![0])).toContain('按姓氏笔画排序');
    expect(cells[1]!.slice(0, 3)).toEqual(['序号', '姓名', '性别']);
    const exportedNames = cells.slice(2).map((r) => r[1]);
    const expected = ['丁八', '习七', '王五', '司马光', '刘四', '李二', '张三', '欧阳修', '周一']; // 马六 has left
    expect(exportedNames).toEqual(expected);
    expect(expected).toEqual(sortByName(expected, 'stroke', (n) => n));

    const council = await createBody(t, '观音桥街道议事代表会议', 'street_council', '观音桥街道');
    const res = (await t.ok('roster.importCommit', {
      bodyId: council.id,
      fileName: file.fileName,
      contentBase64: file.contentBase64,
    })) as ImportResult;
    expect(res).toMatchObject({ imported: 9, linked: 9 }); // same names and phones: the same people
    const copied = await list(council.id);
    expect(copied.map((m) => m.name)).toEqual(expected);
    const original = await list(district.id);
    const fields = (m: Member) => [m.name, m.gender, m.ethnicity, m.phone, m.seatNo, m.since];
    expect(copied.map(fields)).toEqual(original.map(fields));
    expect(copied.every((m) => m.otherBodies.includes('江北区人民代表大会'))).toBe(true);
  });
});

describe('roster update import', () => {
  const xlsx = (
    rows: (string | number | null)[][],
    headers = ['序号', '姓名', '性别', '工作单位及职务', '联系电话', '座位号'],
  ) => buildXlsx([headers, ...rows], { title: '江北区第十八届人民代表大会代表名册' });
  const input = (bodyId: number, content: Buffer, mode?: 'add' | 'update') => ({
    bodyId,
    fileName: '更新名册.xlsx',
    contentBase64: b64(content),
    ...(mode ? { mode } : {}),
  });

  async function district() {
    const body = await createBody(t, '江北区人民代表大会');
    await addMember(body.id, '张三', {
      phone: '13800000001',
      unitTitle: '龙泉街道社区党委书记',
      seatNo: '1',
      gender: '男',
    });
    await addMember(body.id, '李四', { phone: '13800000002', unitTitle: '龙泉小学教师', seatNo: '2', gender: '女' });
    await addMember(body.id, '王五', { phone: '13800000003', unitTitle: '物流公司经理', seatNo: '3' });
    await addMember(body.id, '赵六', { phone: '13800000004', unitTitle: '卫生院院长', seatNo: '4' });
    return body;
  }

  // 张三 by name + phone, with a new title; 李四 by name + seat, with a new phone; 王五 unchanged (blank title kept);
  // 孙七 new; 赵六 not in the file.
  const UPDATED = [
    [1, '张三', '男', '龙泉街道党工委副书记', '13800000001', '1'],
    [2, '李四', '女', '龙泉小学教师', '13900000002', '2'],
    [3, '王五', null, null, '13800000003', '3'],
    [4, '孙七', '女', '双桥村党支部书记', '13800000007', '7'],
  ];

  it('refuses a re-import in add mode (the default), pointing to the update mode', async () => {
    const body = await district();
    const preview = (await t.ok('roster.importPreview', input(body.id, await xlsx(UPDATED)))) as ImportPreview;
    // 张三 and 王五 (same name and phone); 李四 with a new phone reads as another person of that name.
    expect(preview.issues.filter((i) => i.message.includes('已在本机构名册中')).map((i) => i.row)).toEqual([3, 5]);
    expect(preview.issues[0]!.message).toContain('更新已有成员');
    expect(preview.mode).toBeUndefined();
  });

  it('previews per row what changes, old → new, and lists members missing from the file without ending them', async () => {
    const body = await district();
    const before = { persons: t.count('persons'), memberships: t.count('memberships'), audit: t.count('audit_log') };
    const preview = (await t.ok(
      'roster.importPreview',
      input(body.id, await xlsx(UPDATED), 'update'),
    )) as ImportPreview;
    expect(preview.issues).toEqual([]);
    expect(preview.mode).toBe('update');
    expect(preview.rows.map((r) => [r.name, r.status])).toEqual([
      ['张三', 'changed'],
      ['李四', 'changed'],
      ['王五', 'unchanged'],
      ['孙七', 'new'],
    ]);
    expect(preview.rows[0]!.changes).toEqual([
      { field: '单位及职务', before: '龙泉街道社区党委书记', after: '龙泉街道党工委副书记' },
    ]);
    expect(preview.rows[1]!.changes).toEqual([{ field: '联系电话', before: '13800000002', after: '13900000002' }]);
    expect(preview.rows[2]!.changes).toEqual([]);
    expect(preview.update).toMatchObject({
      added: 1,
      linked: 0,
      changed: 2,
      unchanged: 1,
      missing: [{ name: '赵六', phone: '13800000004', seatNo: '4' }],
    });
    expect({ persons: t.count('persons'), memberships: t.count('memberships'), audit: t.count('audit_log') }).toEqual(
      before,
    );
  });

  it('commits all of it in one transaction with one audit entry of counts, and keeps the missing member', async () => {
    const body = await district();
    const res = (await t.ok('roster.importCommit', input(body.id, await xlsx(UPDATED), 'update'))) as ImportResult;
    expect(res).toMatchObject({ imported: 1, linked: 0, changed: 2, unchanged: 1 });
    const members = await list(body.id);
    const by = (n: string) => members.find((m) => m.name === n)!;
    expect(members).toHaveLength(5);
    expect(by('张三')).toMatchObject({ unitTitle: '龙泉街道党工委副书记', phone: '13800000001', seatNo: '1' });
    expect(by('李四')).toMatchObject({ phone: '13900000002', unitTitle: '龙泉小学教师' });
    expect(by('王五')).toMatchObject({ unitTitle: '物流公司经理' });
    expect(by('赵六').active).toBe(true);
    expect(by('孙七')).toMatchObject({ unitTitle: '双桥村党支部书记', initials: 'sq' });
    const audit = t.rt.db.prepare("SELECT * FROM audit_log WHERE action = 'roster.import'").all() as {
      id: number;
      detail: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.id).toBe(res.auditId);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({
      mode: 'update',
      rows: 4,
      added: 1,
      changed: 2,
      unchanged: 1,
      missing: 1,
    });
    expect(verifyAudit(t.rt.db).ok).toBe(true);
  });

  it('writes nothing when one row is wrong or two rows are the same member, and asks which of two namesakes is meant', async () => {
    const body = await district();
    await addMember(body.id, '王五', { phone: '13800000009' });
    const snap = () => [
      t.count('persons'),
      t.count('memberships'),
      t.count('audit_log'),
      JSON.stringify(t.rt.db.prepare('SELECT * FROM memberships ORDER BY id').all()),
    ];
    const before = snap();
    const bad = await xlsx([
      [1, '张三', '男', '新职务', '13800000001', '1'],
      [2, '张三', '男', '另一职务', null, '1'],
      [3, '王五', null, '某单位', null, null],
      [4, '李四', '未知', null, '13800000002', '2'],
    ]);
    const preview = (await t.ok('roster.importPreview', input(body.id, bad, 'update'))) as ImportPreview;
    const messages = preview.issues.map((i) => `${i.row}:${i.field}:${i.message}`);
    expect(messages).toContain('4:姓名:与第3行重复（同名，电话相同或未填）');
    expect(messages).toContain('5:姓名:本机构有2名“王五”，请填写其联系电话或座位号以确定是哪一位');
    expect(messages.some((m) => m.startsWith('6:性别:'))).toBe(true);
    const err = errorOf(await t.call('roster.importCommit', input(body.id, bad, 'update')));
    expect(err.code).toBe('IMPORT_INVALID');
    expect(snap()).toEqual(before);
  });

  it('offers a template with the title row and the headers the importer reads', async () => {
    const body = await createBody(t, '观音桥街道议事代表会议', 'street_council', '观音桥街道');
    const file = (await t.ok('roster.template', { bodyId: body.id })) as ExportedFile;
    expect(file.fileName).toBe('观音桥街道议事代表会议名册导入模板.xlsx');
    const cells = await readXlsxValues(Buffer.from(file.contentBase64, 'base64'));
    expect(String(cells[0]![0])).toBe('观音桥街道议事代表会议第十八届议事代表名册');
    expect(cells[1]).toEqual([
      '序号',
      '姓名',
      '性别',
      '民族',
      '党派',
      '单位及职务',
      '选区/小组',
      '联系电话',
      '座位号',
      '任职起始',
      '任职终止',
      '备注',
      '兼任人大代表',
    ]);
    expect(cells).toHaveLength(2);
    // Filled in, it imports as it stands.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    wb.worksheets[0]!.addRow([
      1,
      '张三',
      '男',
      '汉族',
      '群众',
      '观音桥社区主任',
      '第一小组',
      '13800000001',
      '5',
      '2021-12-28',
      null,
      null,
    ]);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = (await t.ok('roster.importPreview', input(body.id, filled))) as ImportPreview;
    expect(preview).toMatchObject({ headerRow: 2, validRows: 1, issues: [] });
    expect(preview.columns.map((c) => c.field)).toContain('座位号');
  });
});
