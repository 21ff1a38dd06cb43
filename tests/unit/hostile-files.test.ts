import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgendaItem,
  ApiErrorValue,
  ExportedFile,
  ImportIssue,
  Member,
  ProjectList,
  RuleSet,
} from '../../shared/contract';
import { SHEET_LIMITS } from '../../electron/services/sheet-parse';
import type { CallResult } from '../../electron/services/dispatch';
import { b64, CJK, createBody, makeTempRuntime, type TempRuntime } from './helpers';
import { FC_SEED, fcRuns, fcTimeout } from './hostile-arbitraries';
import { StateWatch } from './state-digest';
import {
  buildXlsx,
  encodeGb18030,
  ROSTER_HEADERS,
  rosterRows,
  type XlsxCell,
  zipBombXlsx,
  importDeputies,
} from '../fixtures';

/**
 * Hostile files through every importer (issue 14 item 2): the roster, candidate projects, 测评 items, meeting
 * packages and restoring a data file, given random bytes, real files cut short or scribbled on, cells of the wrong
 * type, huge cells, formula text, zip bombs, and CSV in GB18030 and UTF-16. A refused file gets a Chinese message
 * (naming the row and column where one is at fault) and changes nothing; a formula is never evaluated on the way
 * in nor written back as one on the way out; a CSV in any encoding Excel writes reads back the same names.
 */

fc.configureGlobal({ seed: FC_SEED, numRuns: fcRuns(6), endOnFailure: true });

let t: TempRuntime;
let watch: StateWatch;
let bodyId: number;
let listId: number;
let roundId: number;

/** Each importer, as a clerk's console calls it with a file. */
const importers = {
  roster: (fileName: string, content: Buffer) =>
    ['roster.importCommit', { bodyId, fileName, contentBase64: b64(content) }] as const,
  rosterPreview: (fileName: string, content: Buffer) =>
    ['roster.importPreview', { bodyId, fileName, contentBase64: b64(content) }] as const,
  projects: (fileName: string, content: Buffer) =>
    ['projects.importCommit', { listId, fileName, contentBase64: b64(content) }] as const,
  evaluationItems: (fileName: string, content: Buffer) =>
    ['evaluations.importItems', { id: roundId, fileName, contentBase64: b64(content) }] as const,
  meetingPackage: (_f: string, content: Buffer) =>
    ['meetingPackages.import', { fileName: '会议包.yspkg', contentBase64: b64(content), resolutions: [] }] as const,
  restoreFile: (_f: string, content: Buffer) =>
    ['backups.restoreFile', { fileName: 'yishitai.sqlite', contentBase64: b64(content) }] as const,
};
type Importer = keyof typeof importers;
const IMPORTERS = Object.keys(importers) as Importer[];

/** Calls an importer; a refusal must be plain Chinese, name rows and columns sensibly, and change nothing. */
async function importFile(which: Importer, fileName: string, content: Buffer): Promise<CallResult> {
  const [name, input] = importers[which](fileName, content);
  const res = await t.call(name, input);
  if (res.ok) {
    // A preview answers with its issues instead of refusing.
    const issues = (res.data as { issues?: ImportIssue[] }).issues ?? [];
    for (const i of issues) expectIssue(i, `${which} ${fileName}`);
    watch.moveOn();
    return res;
  }
  expectRefusal(res.error, `${which} ${fileName}`);
  expect(watch.changed(), `${which} refused ${fileName} (${res.error.message}) but changed`).toBeNull();
  return res;
}

function expectRefusal(e: ApiErrorValue, label: string) {
  expect(e.code, `${label}: ${e.message}`).not.toBe('INTERNAL');
  expect(e.message, label).toMatch(CJK);
  expect(e.message, label).not.toMatch(
    /\b(Error|undefined|null|NaN|Invalid|Expected|Cannot|is not|end of data|zip|JSZip)\b|\[object /,
  );
  if (e.code === 'IMPORT_INVALID') for (const i of e.details as ImportIssue[]) expectIssue(i, label);
}

function expectIssue(i: ImportIssue, label: string) {
  expect(Number.isInteger(i.row) && i.row >= 0, `${label}: row ${i.row}`).toBe(true);
  expect(typeof i.field === 'string' && i.field.length > 0, `${label}: field ${i.field}`).toBe(true);
  expect(i.message, label).toMatch(CJK);
  // A message about a row says which row; one about the file (row 0) needs no number.
  if (i.row > 0)
    expect(i.message.includes(`第${i.row}行`) || !/第\d+行/.test(i.message), `${label}: ${i.message}`).toBe(true);
}

const rosterXlsx = (rows: XlsxCell[][]) =>
  buildXlsx([ROSTER_HEADERS, ...rows], { title: '江北区人大常委会组成人员名册' });
const csvOf = (rows: XlsxCell[][]) =>
  [ROSTER_HEADERS, ...rows]
    .map((r) => r.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : String(c ?? ''))).join(','))
    .join('\r\n') + '\r\n';
const memberNames = async () => ((await t.ok('members.list', { bodyId })) as Member[]).map((m) => m.name);

let goodXlsx: Buffer;
let goodCsv: Buffer;

beforeAll(async () => {
  t = makeTempRuntime();
  const body = await createBody(t, '江北区人大常委会', 'standing_committee');
  bodyId = body.id;
  const members = await importDeputies(t, bodyId, 20);
  listId = (
    (await t.ok('projectLists.create', {
      bodyId,
      year: 2026,
      title: '江北区2026年度民生实事候选项目',
      seats: 3,
    })) as ProjectList
  ).id;
  const sets = (await t.ok('ruleSets.list', {})) as RuleSet[];
  const meeting = (await t.ok('meetings.create', {
    bodyId,
    kind: 'standing_committee',
    ruleSetId: sets.find((r) => r.key === 'standing_committee')!.id,
    title: '江北区人大常委会第九次会议',
    date: '2026-11-08',
  })) as { id: number };
  for (const m of members)
    await t.ok('attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  const item = (await t.ok('agenda.add', {
    meetingId: meeting.id,
    kind: 'evaluation',
    title: '对代表建议办理情况进行满意度测评',
  })) as AgendaItem;
  const items = [
    { kind: 'suggestion' as const, number: '第1号', title: '关于增设公交站点的建议办理情况', department: '区交通局' },
  ];
  roundId = (
    (await t.ok('evaluations.create', { agendaItemId: item.id, style: 'rating', mode: 'paper', items })) as {
      id: number;
    }
  ).id;
  // Rows 21… of the same roster: new members, so a file that survives its mutation imports.
  goodXlsx = await rosterXlsx(rosterRows(40).slice(20));
  goodCsv = Buffer.from(csvOf(rosterRows(40).slice(20)), 'utf8');
  watch = new StateWatch(t);
}, 120_000);
afterAll(() => t?.cleanup());

describe('random and broken files', () => {
  it(
    'refuses random bytes as .xlsx and .csv, in every importer',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...IMPORTERS),
          fc.constantFrom('名册.xlsx', '名册.csv'),
          fc.uint8Array({ minLength: 1, maxLength: 4096 }),
          async (which, fileName, bytes) => {
            const res = await importFile(which, fileName, Buffer.from(bytes));
            if (which !== 'rosterPreview') expect(res.ok, `${which} took random bytes`).toBe(false);
          },
        ),
        { numRuns: fcRuns(12) },
      );
    },
    fcTimeout(fcRuns(12)),
  );

  it(
    'refuses a real roster cut short or scribbled on, or imports what is still whole',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.boolean(),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.option(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 }))),
          async (xlsx, cut, scribble) => {
            const file = Buffer.from(xlsx ? goodXlsx : goodCsv);
            if (scribble)
              file.set(
                scribble[1].subarray(0, Math.max(0, file.length - (scribble[0] % file.length))),
                scribble[0] % file.length,
              );
            await importFile(
              'roster',
              xlsx ? '名册.xlsx' : '名册.csv',
              file.subarray(0, Math.max(1, Math.floor(file.length * cut))),
            );
          },
        ),
      );
    },
    fcTimeout(fcRuns(6)),
  );

  it('refuses a file whose name says one kind and whose bytes are another', async () => {
    for (const which of ['roster', 'projects', 'evaluationItems'] as const) {
      const res = await importFile(which, '名册.xlsx', goodCsv);
      expect(res.ok).toBe(false);
      expect(!res.ok && res.error.message).toContain('文件已损坏或不是 Excel 文件');
    }
  });
});

describe('hostile cells', () => {
  const hostileCell: fc.Arbitrary<XlsxCell> = fc.oneof(
    fc.constantFrom<XlsxCell>(
      '=HYPERLINK("http://evil.example","点我")',
      "=cmd|'/c calc'!A1",
      '+1',
      '-1',
      '@SUM(A1:A9)',
      '\t=1+1',
      '',
      ' ',
      '\u0000',
      '\uD800',
      '张'.repeat(32_767),
      'x'.repeat(5_000),
      -1,
      0,
      1e21,
      3.5,
      2 ** 53 + 1,
      new Date('1900-01-01'),
      new Date('9999-12-31'),
      null,
    ),
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );

  it(
    'refuses a roster with a wrong cell by its row and column, or imports it as text',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat({ max: 4 }), fc.nat({ max: ROSTER_HEADERS.length - 1 }), hostileCell), {
            minLength: 1,
            maxLength: 4,
          }),
          fc.nat({ max: 60 }),
          async (edits, offset) => {
            const rows = rosterRows(200).slice(60 + offset * 2, 65 + offset * 2);
            for (const [r, c, v] of edits) rows[r]![c] = v;
            const res = await importFile('roster', '名册.xlsx', await rosterXlsx(rows));
            if (!res.ok && res.error.code === 'IMPORT_INVALID') {
              const issues = res.error.details as ImportIssue[];
              // A cell's problem is on a data row (the title is row 1, the header row 2) and names a column of the header.
              for (const i of issues.filter((x) => x.row > 0)) {
                expect(i.row).toBeGreaterThanOrEqual(3);
                expect(i.row).toBeLessThanOrEqual(7);
              }
            }
          },
        ),
      );
    },
    fcTimeout(fcRuns(6)),
  );

  it('never evaluates formula text, and writes it back as text the roster export keeps from running', async () => {
    const risky = ['=HYPERLINK("http://evil.example","点我")', '+86 主任', '-副主任', '@某单位', "=cmd|'/c calc'!A1"];
    const rows = rosterRows(300)
      .slice(280, 280 + risky.length)
      .map((r, i) => {
        const row = [...r];
        row[5] = risky[i]!;
        return row;
      });
    const res = await importFile('roster', '名册.xlsx', await rosterXlsx(rows));
    expect(res.ok, JSON.stringify(!res.ok && res.error)).toBe(true);
    const stored = t.rt.db
      .prepare(`SELECT unit_title FROM memberships WHERE unit_title IN (${risky.map(() => '?').join(',')})`)
      .pluck()
      .all(...risky);
    expect(stored.sort()).toEqual([...risky].sort());
    // The roster itself, and the audit log that recorded the import: no formula anywhere, formula text kept as text.
    for (const [method, input] of [
      ['roster.export', { bodyId }],
      ['audit.export', {}],
    ] as const) {
      const exported = (await t.ok(method, input)) as ExportedFile;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(exported.contentBase64, 'base64') as unknown as ArrayBuffer);
      const cells: ExcelJS.Cell[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(c))));
      expect(
        cells.filter((c) => c.type === ExcelJS.ValueType.Formula),
        method,
      ).toEqual([]);
      for (const c of cells)
        if (typeof c.value === 'string' && /^[=+\-@]/.test(c.value))
          expect(c.numFmt, `${method} ${c.address} ${c.value}`).toBe('@');
      if (method === 'roster.export')
        for (const text of risky)
          expect(
            cells.some((c) => c.value === text),
            text,
          ).toBe(true);
    }
  });
});

describe('CSV encodings', () => {
  const names = ['买买提·艾力', '欧阳晓东', '张三丰', '李秀英'];
  const csv = (tab = false) => {
    const text =
      [
        '姓名,性别,民族,联系电话',
        ...names.map((n, i) => `${n},${i % 2 ? '女' : '男'},汉族,1390000${String(1000 + i)}`),
      ].join('\r\n') + '\r\n';
    return tab ? text.replace(/,/g, '\t') : text;
  };
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
  const BOM_LE = Buffer.from([0xff, 0xfe]);
  const BOM_BE = Buffer.from([0xfe, 0xff]);

  it.each([
    ['UTF-8', () => Buffer.from(csv(), 'utf8')],
    ['UTF-8 with a BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(), 'utf8')])],
    ['UTF-16LE with a BOM', () => Buffer.concat([BOM_LE, Buffer.from(csv(), 'utf16le')])],
    ['UTF-16BE with a BOM', () => Buffer.concat([BOM_BE, utf16be(csv())])],
    ['UTF-16LE without a BOM', () => Buffer.from(csv(), 'utf16le')],
    [
      'UTF-16LE, tab-separated (Excel’s “Unicode 文本”)',
      () => Buffer.concat([BOM_LE, Buffer.from(csv(true), 'utf16le')]),
    ],
  ])('reads the same names from %s', async (_label, file) => {
    const bodyOf = await createBody(t, `江北区第${Math.floor(Math.random() * 1e6)}选区代表小组`);
    const res = await t.call('roster.importCommit', {
      bodyId: bodyOf.id,
      fileName: '名册.csv',
      contentBase64: b64(file()),
    });
    expect(res.ok, JSON.stringify(!res.ok && res.error)).toBe(true);
    const got = ((await t.ok('members.list', { bodyId: bodyOf.id })) as Member[]).map((m) => m.name);
    expect(got.sort()).toEqual([...names].sort());
    watch.moveOn();
  });

  it('reads GB18030 (Excel’s CSV on a Chinese Windows)', async () => {
    const bodyOf = await createBody(t, '江北区观音桥选区代表小组');
    const file = encodeGb18030('姓名,性别,民族\r\n张三,男,汉族\r\n李四,女,回族\r\n王五,男,汉族\r\n');
    const res = await t.call('roster.importCommit', {
      bodyId: bodyOf.id,
      fileName: '名册.csv',
      contentBase64: b64(file),
    });
    expect(res.ok, JSON.stringify(!res.ok && res.error)).toBe(true);
    expect(((await t.ok('members.list', { bodyId: bodyOf.id })) as Member[]).map((m) => m.name).sort()).toEqual(
      ['张三', '李四', '王五'].sort(),
    );
    watch.moveOn();
  });

  it('refuses a binary file named .csv (NUL bytes, not UTF-16) in Chinese, instead of reading it as GB18030', async () => {
    const before = await memberNames();
    const file = Buffer.concat([Buffer.from('姓名,性别\r\n张三,男\r\n', 'utf8'), Buffer.from([0, 1, 0, 0, 2, 0, 0])]);
    for (const which of ['roster', 'projects', 'evaluationItems'] as const) {
      const res = await importFile(which, '名册.csv', file);
      expect(!res.ok && res.error.message, which).toContain('CSV 文件中有空字符');
    }
    expect(await memberNames()).toEqual(before);
  });
});

describe('zip bombs and huge files', () => {
  it('refuses a 256 MB zip bomb in every spreadsheet importer, before inflating it', async () => {
    const bomb = zipBombXlsx(256);
    for (const which of ['roster', 'projects', 'evaluationItems'] as const) {
      const base = process.memoryUsage().rss;
      const res = await importFile(which, '炸弹.xlsx', bomb);
      expect(res.ok).toBe(false);
      expect(!res.ok && res.error.message, which).toContain(`超过上限${SHEET_LIMITS.maxEntryBytes / 1024 / 1024}MB`);
      expect((process.memoryUsage().rss - base) / 1024 / 1024, which).toBeLessThan(150);
    }
  });

  it('refuses a CSV over the size limit and one over the contract’s upload limit, in Chinese', async () => {
    const big = Buffer.alloc(SHEET_LIMITS.maxCsvBytes + 1, 'a');
    const res = await importFile('roster', '名册.csv', big);
    expect(!res.ok && res.error.message).toContain(`超过上限${SHEET_LIMITS.maxCsvBytes / 1024 / 1024}MB`);
    const huge = await t.call('roster.importCommit', {
      bodyId,
      fileName: '名册.csv',
      contentBase64: 'A'.repeat(28_000_001),
    });
    expect(!huge.ok && huge.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('文件过大') });
    expect(watch.changed()).toBeNull();
  });
});
