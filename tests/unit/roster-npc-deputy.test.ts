import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRoster, type SheetRow } from '../../shared/domain/roster-import';
import { b64, createBody, errorOf, makeTempRuntime, readXlsxValues, type TempRuntime } from './helpers';
import { ROSTER_HEADERS, buildXlsx, rosterRows } from '../fixtures';

/** 兼任人大代表: which 议事代表 are also 区人大代表, for a street council's double threshold (rules §1, §3). */

let t: TempRuntime;
beforeEach(() => (t = makeTempRuntime()));
afterEach(() => t.cleanup());

const street = () => createBody(t, '观音桥街道议事代表会议', 'street_council', '观音桥街道');
const person = { name: '张建国', gender: '男', phone: '13800000001' } as const;

describe('the member form', () => {
  it('stores the flag, keeps it when an update leaves it out, and defaults to no', async () => {
    const body = await street();
    const m = await t.ok('members.create', { bodyId: body.id, ...person, npcDeputy: true });
    expect(m.npcDeputy).toBe(true);
    expect(t.rt.db.prepare('SELECT npc_deputy FROM memberships WHERE id = ?').pluck().get(m.membershipId)).toBe(1);
    const kept = await t.ok('members.update', { membershipId: m.membershipId, ...person, notes: '社区书记' });
    expect(kept).toMatchObject({ npcDeputy: true, notes: '社区书记' });
    const off = await t.ok('members.update', { membershipId: m.membershipId, ...person, npcDeputy: false });
    expect(off.npcDeputy).toBe(false);
    const plain = await t.ok('members.create', { bodyId: body.id, name: '李秀英', phone: '13800000002' });
    expect(plain.npcDeputy).toBe(false);
    expect((await t.ok('members.list', { bodyId: body.id })).map((x) => x.npcDeputy)).toEqual([false, false]);
  });

  it('is refused outside a street council, in Chinese naming the field, and changes nothing', async () => {
    const body = await createBody(t, '某区人大常委会', 'standing_committee');
    const err = errorOf(await t.call('members.create', { bodyId: body.id, ...person, npcDeputy: true }));
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'npcDeputy' });
    expect(err.message).toBe(
      '输入有误：“兼任人大代表”：只有街道议事代表会议的成员需要标注，某区人大常委会是区人大常委会',
    );
    expect(t.count('memberships')).toBe(0);
    expect(await t.fails('members.create', { bodyId: body.id, ...person, npcDeputy: '是' })).toBe(
      '输入有误：“兼任人大代表”：“兼任人大代表”应为“是”或“否”',
    );
  });
});

describe('the roster import column', () => {
  const rows = (header: string, values: (string | null)[]) => [
    [...ROSTER_HEADERS, header],
    ...rosterRows(values.length).map((r, i) => [...r, values[i] ?? null]),
  ];

  it('reads 是/否 under either header into the flag; blank is 否', async () => {
    const body = await street();
    for (const header of ['兼任人大代表', '是否人大代表']) {
      const file = await buildXlsx(rows(header, ['是', '否', null, ' 是 ']), { title: '议事代表名册' });
      const preview = await t.ok('roster.importPreview', {
        bodyId: body.id,
        fileName: '名册.xlsx',
        contentBase64: b64(file),
      });
      expect(preview.issues).toEqual([]);
      expect(preview.columns.at(-1)).toEqual({ header, field: '兼任人大代表' });
    }
    const file = await buildXlsx(rows('是否人大代表', ['是', '否', null, '是']));
    await t.ok('roster.importCommit', { bodyId: body.id, fileName: '名册.xlsx', contentBase64: b64(file) });
    const stored = t.rt.db
      .prepare('SELECT p.name, m.npc_deputy FROM memberships m JOIN persons p ON p.id = m.person_id ORDER BY m.id')
      .all() as { npc_deputy: number }[];
    expect(stored.map((r) => r.npc_deputy)).toEqual([1, 0, 0, 1]);
  });

  it('a value other than 是/否 names the row and the field, and nothing is imported', async () => {
    const body = await street();
    const file = await buildXlsx(rows('兼任人大代表', ['是', '√', 'Y']), { title: '议事代表名册' });
    const preview = await t.ok('roster.importPreview', {
      bodyId: body.id,
      fileName: '名册.xlsx',
      contentBase64: b64(file),
    });
    expect(preview.issues).toEqual([
      { row: 4, field: '兼任人大代表', message: '无法识别“√”：应填“是”或“否”（不是人大代表的可留空）' },
      { row: 5, field: '兼任人大代表', message: '无法识别“Y”：应填“是”或“否”（不是人大代表的可留空）' },
    ]);
    expect(
      await t.fails('roster.importCommit', { bodyId: body.id, fileName: '名册.xlsx', contentBase64: b64(file) }),
    ).toContain('首处在第4行“兼任人大代表”：无法识别“√”');
    expect(t.count('memberships')).toBe(0);
  });

  it('update mode changes the flag and lists it; a blank cell keeps it', async () => {
    const body = await street();
    const first = rosterRows(2);
    await t.ok('roster.importCommit', {
      bodyId: body.id,
      fileName: '名册.xlsx',
      contentBase64: b64(
        await buildXlsx([
          [...ROSTER_HEADERS, '兼任人大代表'],
          [...first[0]!, '是'],
          [...first[1]!, null],
        ]),
      ),
    });
    const again = await buildXlsx([
      [...ROSTER_HEADERS, '兼任人大代表'],
      [...first[0]!, null],
      [...first[1]!, '是'],
    ]);
    const preview = await t.ok('roster.importPreview', {
      bodyId: body.id,
      fileName: '名册.xlsx',
      contentBase64: b64(again),
      mode: 'update',
    });
    expect(preview.rows.map((r) => [r.status, r.changes])).toEqual([
      ['unchanged', []],
      ['changed', [{ field: '兼任人大代表', before: '否', after: '是' }]],
    ]);
    await t.ok('roster.importCommit', {
      bodyId: body.id,
      fileName: '名册.xlsx',
      contentBase64: b64(again),
      mode: 'update',
    });
    expect((await t.ok('members.list', { bodyId: body.id })).every((m) => m.npcDeputy)).toBe(true);
  });

  it('outside a street council the column is ignored, and said so', () => {
    const sheet: SheetRow[] = [
      ['姓名', '是否人大代表'],
      ['张建国', '也许'],
    ].map((cells, i) => ({ row: i + 1, cells }));
    const read = readRoster(sheet, []);
    expect(read.issues).toEqual([]);
    expect(read.columns[1]).toEqual({ header: '是否人大代表', field: '（仅街道议事代表会议使用，忽略）' });
    expect(readRoster(sheet, [], { npcDeputy: true }).issues[0]).toMatchObject({ row: 2, field: '是否人大代表' });
  });

  it('the street council template and export carry the column, and round-trip', async () => {
    const body = await street();
    const tpl = await t.ok('roster.template', { bodyId: body.id });
    expect((await readXlsxValues(Buffer.from(tpl.contentBase64, 'base64')))[1]!.at(-1)).toBe('兼任人大代表');
    await t.ok('members.create', { bodyId: body.id, ...person, npcDeputy: true });
    const out = await t.ok('roster.export', { bodyId: body.id });
    const values = await readXlsxValues(Buffer.from(out.contentBase64, 'base64'));
    expect(values[2]!.at(-1)).toBe('是');
    const other = await createBody(t, '某区人大常委会', 'standing_committee');
    const plainTpl = await t.ok('roster.template', { bodyId: other.id });
    expect((await readXlsxValues(Buffer.from(plainTpl.contentBase64, 'base64')))[1]).not.toContain('兼任人大代表');
  });
});

describe('migration 0005', () => {
  it('adds npc_deputy to memberships, NOT NULL DEFAULT 0, as version 5', () => {
    const db = t.rt.db;
    const col = db.prepare("SELECT * FROM pragma_table_info('memberships') WHERE name = 'npc_deputy'").get() as {
      dflt_value: string;
      notnull: number;
    };
    expect(col).toMatchObject({ dflt_value: '0', notnull: 1 });
    expect(db.prepare('SELECT version FROM schema_migrations WHERE name = ?').pluck().get('0005-member-deputy')).toBe(
      5,
    );
  });
});
