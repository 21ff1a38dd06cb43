import { describe, expect, it } from 'vitest';
import {
  findHeader,
  parseLooseDate,
  readRoster,
  MAX_IMPORT_ROWS,
  type Cell,
  type SheetRow,
} from '../../shared/domain/roster-import';

const sheet = (...rows: Cell[][]): SheetRow[] => rows.map((cells, i) => ({ row: i + 1, cells }));

describe('parseLooseDate', () => {
  it.each<[Cell, string | null | 'invalid']>([
    ['2021-10-01', '2021-10-01'],
    ['2021/10/1', '2021-10-01'],
    ['2021.10.1', '2021-10-01'],
    ['2021年10月1日', '2021-10-01'],
    ['2021 年 10 月 1 日', '2021-10-01'],
    ['2021年10月', '2021-10-01'],
    ['2021.10', '2021-10-01'],
    [' 2021-1-5 ', '2021-01-05'],
    ['2024-02-29', '2024-02-29'], // leap day
    [44470, '2021-10-01'], // Excel serial
    [new Date(Date.UTC(2021, 9, 1)), '2021-10-01'],
    [null, null],
    ['', null],
    ['   ', null],
    ['2021-02-30', 'invalid'],
    ['2023-02-29', 'invalid'],
    ['2021-13-01', 'invalid'],
    ['2021-00-10', 'invalid'],
    ['1900-01-01', 'invalid'], // before 1949
    ['十月一日', 'invalid'],
    ['21-10-01', 'invalid'],
    [12, 'invalid'], // a small number is not a date
    [new Date(Number.NaN), 'invalid'],
  ])('%j → %j', (input, expected) => {
    expect(parseLooseDate(input)).toBe(expected);
  });
});

describe('findHeader', () => {
  it('skips a title row and maps headers written with spaces and brackets', () => {
    const map = findHeader(
      sheet(
        ['江北区第十八届人民代表大会代表名册', null, null, null, null],
        [null, null, null, null, null],
        ['序号', '姓  名*', '性\u3000别', '党派（政治面貌）', '爱好'],
        [1, '张三', '男', '群众', '读书'],
      ),
    );
    expect('columns' in map).toBe(true);
    if (!('columns' in map)) return;
    expect(map.headerRow).toBe(3);
    expect(map.columns.map((c) => [c.header, c.field])).toEqual([
      ['序号', null],
      ['姓  名*', 'name'],
      ['性\u3000别', 'gender'],
      ['党派（政治面貌）', 'party'],
      ['爱好', null],
    ]);
  });

  it('reads aliases (政治面貌, 工作单位及职务, 手机号码) and ignores a repeated column', () => {
    const map = findHeader(sheet(['代表姓名', '政治面貌', '工作单位及职务', '手机号码', '电话']));
    if (!('columns' in map)) throw new Error('header not found');
    expect(map.columns.map((c) => c.field)).toEqual(['name', 'party', 'unitTitle', 'phone', null]);
  });

  it('reports the file when no 姓名 column is in the first ten rows', () => {
    const rows = sheet(...Array.from({ length: 10 }, () => ['说明', '']), ['姓名', '性别']);
    const res = findHeader(rows);
    expect(res).toMatchObject({ row: 0, field: '姓名' });
    expect('message' in res && res.message).toMatch(/找不到“姓名”列/);
  });
});

describe('readRoster', () => {
  const HEAD: Cell[] = ['序号', '姓  名', '性别', '民族', '政治面貌', '联系 电话', '任职起始'];

  it('reads clean rows, normalising values', () => {
    const res = readRoster(
      sheet(
        ['某街道议事代表名册'],
        HEAD,
        [1, ' 张三 ', '男性', '汉', '党员', '138 0013 8000', '2021年10月1日'],
        [2, '买买提·艾力', '男', '维吾尔', '群众', null, 44470],
        [null, null, null],
      ),
      [],
    );
    expect(res.issues).toEqual([]);
    expect(res.headerRow).toBe(2);
    expect(res.totalRows).toBe(2); // the blank row does not count
    expect(res.records.map((r) => r.row)).toEqual([3, 4]);
    expect(res.records[0]!.values).toMatchObject({
      name: '张三',
      gender: '男',
      ethnicity: '汉族',
      party: '中共党员',
      phone: '13800138000',
      since: '2021-10-01',
    });
    expect(res.records[1]!.values).toMatchObject({
      name: '买买提·艾力',
      ethnicity: '维吾尔族',
      phone: null,
      since: '2021-10-01',
    });
    expect(res.preview.map((p) => p.status)).toEqual(['new', 'new']);
    expect(res.columns).toContainEqual({ header: '序号', field: '（序号，忽略）' });
    expect(res.columns).toContainEqual({ header: '姓  名', field: '姓名' });
  });

  it('reports each bad field with the spreadsheet row number and the header as written in the file', () => {
    const res = readRoster(
      sheet(
        ['名册'],
        HEAD,
        [1, '张三', '男', '汉族', '群众', '13800138000', '2021-10-01'],
        [2, '李四', '未知', '汉族', '群众', '13800138001', '2021-10-01'],
        [3, '王五', '男', '火星', '群众', '12345', '2021-02-30'],
        [4, '', '女', '汉族', '群众', '13800138003', null],
      ),
      [],
    );
    expect(res.issues.map((i) => [i.row, i.field])).toEqual([
      [4, '性别'],
      [5, '民族'],
      [5, '联系 电话'],
      [5, '任职起始'],
      [6, '姓  名'],
    ]);
    expect(res.issues.every((i) => /\p{Script=Han}/u.test(i.message))).toBe(true);
    expect(res.issues.find((i) => i.row === 6)!.message).toBe('姓名不能为空');
    expect(res.issues.find((i) => i.field === '任职起始')!.message).toContain('2021-02-30');
    expect(res.records.map((r) => r.row)).toEqual([3]);
    expect(res.preview.map((p) => p.status)).toEqual(['new', 'error', 'error', 'error']);
  });

  it('rejects an end date before the start date', () => {
    const res = readRoster(sheet(['姓名', '任职起始', '任职终止'], ['张三', '2022-01-01', '2021-12-31']), []);
    expect(res.issues).toEqual([{ row: 2, field: '任职终止', message: '任职终止日期早于起始日期' }]);
  });

  it('finds duplicates within the file: same name with the same or a missing phone', () => {
    const res = readRoster(
      sheet(
        ['姓名', '联系电话'],
        ['张三', '13800138000'],
        ['张三', '13800138000'], // duplicate of row 2
        ['张三', '13900139000'], // a different 张三
        ['李四', null],
        ['李四', '13700137000'], // phone missing on row 5: cannot tell them apart
      ),
      [],
    );
    expect(res.issues.map((i) => [i.row, i.field])).toEqual([
      [3, '姓名'],
      [6, '姓名'],
    ]);
    expect(res.issues[0]!.message).toContain('第2行');
    expect(res.issues[1]!.message).toContain('第5行');
    expect(res.records.map((r) => r.row)).toEqual([2, 4, 5]);
  });

  it('finds a duplicate of an active member of the body, and links a person from another body by name and phone', () => {
    const existing = [
      { personId: 1, name: '张三', phone: null, inBody: true },
      { personId: 2, name: '李四', phone: '13800138001', inBody: false },
      { personId: 3, name: '王五', phone: '13800138002', inBody: false },
    ];
    const res = readRoster(
      sheet(
        ['姓名', '联系电话'],
        ['张三', '13800138000'], // already in this body (its phone is unknown)
        ['李四', '13800138001'], // same person as in another body → link
        ['王五', '13900139000'], // same name, different phone → a new person
      ),
      existing,
    );
    expect(res.issues.map((i) => [i.row, i.field])).toEqual([[2, '姓名']]);
    expect(res.issues[0]!.message).toContain('已在本机构名册中');
    expect(res.records.map((r) => [r.row, r.personId])).toEqual([
      [3, 2],
      [4, null],
    ]);
    expect(res.preview.map((p) => p.status)).toEqual(['error', 'link', 'new']);
  });

  it('reports a file without data rows, and a file too large to import', () => {
    expect(readRoster(sheet(['姓名', '性别']), []).issues).toEqual([
      { row: 0, field: '文件', message: '表头下没有任何数据行' },
    ]);
    const big = sheet(['姓名'], ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => [`张${i}`]));
    const res = readRoster(big, []);
    expect(res.records).toEqual([]);
    expect(res.issues).toHaveLength(1);
    expect(res.issues[0]).toMatchObject({ row: 0, field: '文件' });
  });

  it('reports a missing header as an issue of the file itself', () => {
    const res = readRoster(sheet(['名单'], ['张三']), []);
    expect(res.headerRow).toBe(0);
    expect(res.records).toEqual([]);
    expect(res.issues).toEqual([expect.objectContaining({ row: 0, field: '姓名' })]);
  });
});

describe('header remarks and blank optional fields', () => {
  it('reads "联系电话（手机）" as the phone column and still reads "党派（政治面貌）" as a whole', () => {
    const res = readRoster(
      [
        { row: 1, cells: ['姓名', '党派（政治面貌）', '联系电话（手机）'] },
        { row: 2, cells: ['张三', '中共', '13800000001'] },
      ],
      [],
    );
    expect(res.issues).toEqual([]);
    expect(res.records[0]!.values).toMatchObject({ party: '中共党员', phone: '13800000001' });
  });
});
