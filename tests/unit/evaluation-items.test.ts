import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseEvaluationItems } from '../../shared/domain/evaluation-items';
import { readSheetRows, writeEvaluationItemsTemplate } from '../../electron/services/roster-files';
import { b64 } from './helpers';
import { buildXlsx } from '../fixtures';

/** A 测评's list of 代表建议/议案办理情况 from a sheet (../shared/rules/README.md §5). */

const list = (n: number, header = ['编号', '标题', '承办单位', '类别']) => [
  header,
  ...Array.from({ length: n }, (_x, i) => [
    `2025${String(i + 1).padStart(3, '0')}`,
    `关于改善第${i + 1}社区停车条件的建议`,
    '区住房城乡建委',
    i < 6 ? '议案' : '建议',
  ]),
];

describe('parseEvaluationItems', () => {
  it('reads 75 items (6 议案, 69 建议, as the 2019 county ballot) with the standard headers', () => {
    const { items, errors } = parseEvaluationItems(list(75));
    expect(errors).toEqual([]);
    expect(items).toHaveLength(75);
    expect(items[0]).toEqual({
      number: '2025001',
      title: '关于改善第1社区停车条件的建议',
      department: '区住房城乡建委',
      kind: 'motion_handling',
    });
    expect(items.filter((i) => i.kind === 'suggestion')).toHaveLength(69);
  });

  it('takes header synonyms, a title row above the header, and no 类别 column (建议)', () => {
    const rows = [
      ['2025年区人大代表建议办理情况满意度测评'],
      ['建议编号', '案由', '主办单位（部门）'],
      ['第12号', '关于增设公交站点的建议', '区交通局'],
      [],
      ['', '关于修缮老旧小区的建议', ''],
    ];
    const { items, errors } = parseEvaluationItems(rows);
    expect(errors).toEqual([]);
    expect(items).toEqual([
      { number: '第12号', title: '关于增设公交站点的建议', department: '区交通局', kind: 'suggestion' },
      { number: null, title: '关于修缮老旧小区的建议', department: null, kind: 'suggestion' },
    ]);
    expect(
      parseEvaluationItems([
        ['案号', '题目', '办理单位', '类型'],
        ['1', '某议案', '区政府', '代表议案'],
      ]).items[0]!.kind,
    ).toBe('motion_handling');
  });

  it('names the row and the column of each problem, and leaves the bad rows out', () => {
    const rows = [
      ['编号', '建议标题', '承办单位', '类别'],
      ['A1', '关于甲的建议', '区教委', '建议'],
      ['A1', '关于乙的建议', '区卫健委', ''],
      ['A3', '', '区民政局', ''],
      ['A4', '关于丙的建议', '区水利局', '意见'],
    ];
    const { items, errors } = parseEvaluationItems(rows);
    expect(errors).toEqual([
      { row: 3, field: '编号', message: '编号“A1”与第2行重复' },
      { row: 4, field: '建议标题', message: '标题不能为空' },
      { row: 5, field: '类别', message: '无法识别的类别“意见”：应填“建议”或“议案”（不填为建议）' },
    ]);
    expect(items.map((i) => i.number)).toEqual(['A1']);
  });

  it('refuses 201 items and a sheet without a 标题 column or without items, in Chinese', () => {
    expect(parseEvaluationItems(list(200)).items).toHaveLength(200);
    expect(parseEvaluationItems(list(201))).toEqual({
      items: [],
      errors: [{ row: 0, field: '文件', message: '一张测评票最多200项，本文件有201项，请分几次测评' }],
    });
    expect(
      parseEvaluationItems([
        ['编号', '单位'],
        ['1', '区教委'],
      ]).errors[0],
    ).toMatchObject({ row: 0, field: '标题', message: expect.stringContaining('找不到“标题”列') });
    expect(parseEvaluationItems([['编号', '标题']]).errors).toEqual([
      { row: 0, field: '文件', message: '表头下没有任何测评项目' },
    ]);
  });
});

describe('readSheetRows and the template', () => {
  it('returns an .xlsx as rows of text, blank rows kept so row numbers match the sheet', async () => {
    const file = await buildXlsx(
      [
        ['编号', '标题', '承办单位'],
        [2025001, '关于甲的建议', '区教委'],
        [null, null, null],
        ['A3', '', '区民政局'],
      ],
      { title: '建议办理测评' },
    );
    const read = await readSheetRows('建议.xlsx', b64(file));
    if (!('rows' in read)) throw new Error(read.message);
    expect(read.rows[1]).toEqual(['编号', '标题', '承办单位']);
    expect(read.rows[2]).toEqual(['2025001', '关于甲的建议', '区教委']);
    expect(parseEvaluationItems(read.rows).errors).toEqual([{ row: 5, field: '标题', message: '标题不能为空' }]);
  });

  it('reads a .csv the same way, and a broken file as one Chinese issue', async () => {
    const csv = new TextEncoder().encode('编号,标题,承办单位\n1,关于甲的建议,区教委\n');
    const read = await readSheetRows('建议.csv', Buffer.from(csv).toString('base64'));
    expect('rows' in read && read.rows).toEqual([
      ['编号', '标题', '承办单位'],
      ['1', '关于甲的建议', '区教委'],
    ]);
    const bad = await readSheetRows('建议.xlsx', Buffer.from('not a zip').toString('base64'));
    expect(bad).toMatchObject({ row: 0, field: '文件', message: expect.stringContaining('无法读取文件“建议.xlsx”') });
  });

  it('writes a template with a title row and the headers the parser reads; filled in, it parses', async () => {
    const content = await writeEvaluationItemsTemplate('2025年代表建议办理情况满意度测评项目');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(content as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual([undefined, '编号', '标题', '承办单位', '类别']);
    ws.addRow(['0012', '关于增设公交站点的建议', '区交通局', '建议']);
    const read = await readSheetRows('模板.xlsx', Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'));
    if (!('rows' in read)) throw new Error(read.message);
    expect(parseEvaluationItems(read.rows)).toEqual({
      items: [{ number: '0012', title: '关于增设公交站点的建议', department: '区交通局', kind: 'suggestion' }],
      errors: [],
    });
  });
});
