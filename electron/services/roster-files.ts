import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportIssue } from '../../shared/contract';
import { evaluationItemsTemplateRows } from '../../shared/domain/evaluation-items';
import { cellText, FIELD_HEADERS, NO, YES, type RosterField } from '../../shared/domain/roster-import';
import { columnLetters, explainParseError, type ParsedSheet } from './sheet-parse';
import type { ProjectFileRead, RosterFileRead, SheetAnswer, SheetCheck, SheetJob } from './sheet-worker';
import { addBanner, addHeader, addRow, freezeTo, newSheet, setWidths, toBuffer } from './xlsx-export';

/**
 * Reading a clerk's .xlsx or .csv (parsed and validated in a worker thread, see sheet-worker.ts), and writing a
 * roster back to .xlsx.
 */
export type SheetRead = ParsedSheet;

/**
 * A worker that has not answered by then is terminated. A 5,000-row roster takes 1–3 s on an office PC; anything
 * far slower is a hostile or broken file, and the clerk is better told so than left waiting.
 */
export const SHEET_TIME_BUDGET_MS = 20_000;

/**
 * The worker's heap, a second line of defence behind the size limits in sheet-parse.ts (which refuse a hostile file
 * before it is inflated or modelled): ExcelJS's model of a 5,000-row roster needs well under this.
 */
const SHEET_WORKER_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };

/** Files parsed at once; more wait their turn, so a burst of uploads cannot multiply the worker memory. */
const MAX_PARALLEL_SHEETS = 2;

/**
 * The worker script: dist/electron/sheet-worker.cjs next to the bundle (outside app.asar, which a worker thread
 * cannot load from), else the TypeScript source run through tsx (Vitest, tsx).
 */
function workerScript(): { file: string; execArgv: string[] } {
  const bundled = path.join(__dirname, 'sheet-worker.cjs');
  if (fs.existsSync(bundled)) {
    const unpacked = bundled.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    return { file: unpacked !== bundled && fs.existsSync(unpacked) ? unpacked : bundled, execArgv: [] };
  }
  // tsx's require hook (the .ts sources are CommonJS to Node); `--import tsx` does not reach a worker's entry on Node 20.
  return {
    file: path.join(__dirname, 'sheet-worker.ts'),
    execArgv: ['--require', createRequire(__filename).resolve('tsx/cjs')],
  };
}

let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL_SHEETS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function parseInWorker(fileName: string, content: Buffer, check: SheetCheck, budgetMs: number): Promise<SheetAnswer> {
  const { file, execArgv } = workerScript();
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(file, {
      workerData: {
        fileName,
        content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength),
        check,
      } satisfies SheetJob,
      execArgv,
      resourceLimits: SHEET_WORKER_LIMITS,
      stdout: false,
      stderr: false,
    });
    const finish = (answer: SheetAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          message: `读取文件超过${Math.round(budgetMs / 1000)}秒仍未完成，已停止。文件可能过大或结构异常，请删除多余的工作表、行或列后再导入`,
        }),
      budgetMs,
    );
    worker.once('message', (answer: SheetAnswer) => finish(answer));
    worker.once('error', (e) => finish({ ok: false, message: explainParseError(e, fileName) }));
    worker.once('exit', () => finish({ ok: false, message: explainParseError(null, fileName) }));
  });
}

const fileIssue = (fileName: string, message: string): ImportIssue => ({
  row: 0,
  field: '文件',
  message: `无法读取文件“${fileName}”：${message}`,
});

/** The file as rows of cells, unvalidated. */
export async function readSheet(
  fileName: string,
  content: Buffer,
  opts: { budgetMs?: number } = {},
): Promise<SheetRead | ImportIssue> {
  const answer = await inTurn(() =>
    parseInWorker(fileName, content, { kind: 'none' }, opts.budgetMs ?? SHEET_TIME_BUDGET_MS),
  );
  if (!answer.ok) return fileIssue(fileName, answer.message);
  return answer.kind === 'none' ? answer.sheet : fileIssue(fileName, explainParseError(null, fileName));
}

/**
 * A sheet as rows of text for a pure parser that takes them so (parseEvaluationItems): rows[i] is the file's row
 * i + 1, a blank row an empty array, so the row numbers in its errors are the ones the clerk sees. Parsed in the
 * sheet worker with the same limits as a roster.
 */
export async function readSheetRows(
  fileName: string,
  contentBase64: string,
): Promise<{ sheetName: string | null; rows: string[][] } | ImportIssue> {
  const sheet = await readSheet(fileName, Buffer.from(contentBase64, 'base64'));
  if (!('rows' in sheet)) return sheet;
  const rows: string[][] = [];
  for (const r of sheet.rows) rows[r.row - 1] = r.cells.map(cellText);
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  const formula = sheet.uncachedFormulas[0];
  if (formula)
    return {
      row: formula.row,
      field: columnLetters(formula.col + 1),
      message: `第${formula.row}行${columnLetters(formula.col + 1)}列是公式且没有计算结果，请在 Excel 中另存为数值后再导入`,
    };
  return { sheetName: sheet.sheetName, rows };
}

/**
 * What the validation in the worker checked against (the people on record, the projects on a list) is read before
 * the worker starts, and the host serves other requests meanwhile. `changes` is SQLite's total_changes() on the
 * one connection: if nothing was written while the worker ran, its checks hold. If something was, the check is
 * read again: on session day the hall keeps writing (sign-ins, casts) while a clerk imports, and those writes
 * rarely touch what the check read — only when they did is the file checked again (the crash trials found an
 * import refused as "always modified" under casts into another body's meeting).
 */
interface CheckedRead<K extends SheetCheck['kind']> {
  fileName: string;
  content: Buffer;
  check: () => Extract<SheetCheck, { kind: K }>;
  changes: () => number;
  budgetMs?: number;
}

const ATTEMPTS = 3;

/** The check is plain data (names, phones, numbers read from the database), so equal JSON is the same check. */
const sameCheck = (a: SheetCheck, b: SheetCheck) => JSON.stringify(a) === JSON.stringify(b);

async function checkedRead<K extends 'roster' | 'projects'>(
  opts: CheckedRead<K>,
): Promise<Extract<SheetAnswer, { kind: K }> | ImportIssue> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = opts.changes();
    const check: SheetCheck = opts.check();
    const answer = await inTurn(() =>
      parseInWorker(opts.fileName, opts.content, check, opts.budgetMs ?? SHEET_TIME_BUDGET_MS),
    );
    if (!answer.ok) return fileIssue(opts.fileName, answer.message);
    if (answer.kind !== check.kind) return fileIssue(opts.fileName, explainParseError(null, opts.fileName));
    if (opts.changes() === before || sameCheck(opts.check(), check)) return answer as Extract<SheetAnswer, { kind: K }>;
  }
  return { row: 0, field: '文件', message: '读取文件期间数据一直在被其他操作修改，请稍后再试' };
}

export async function readRosterFile(
  opts: CheckedRead<'roster'>,
): Promise<{ sheetName: string | null; read: RosterFileRead } | ImportIssue> {
  const answer = await checkedRead(opts);
  return 'ok' in answer ? { sheetName: answer.sheetName, read: answer.read } : answer;
}

export async function readProjectFile(
  opts: CheckedRead<'projects'>,
): Promise<{ sheetName: string | null; read: ProjectFileRead } | ImportIssue> {
  const answer = await checkedRead(opts);
  return 'ok' in answer ? { sheetName: answer.sheetName, read: answer.read } : answer;
}

export const EXPORT_COLUMNS: RosterField[] = [
  'name',
  'gender',
  'ethnicity',
  'party',
  'unitTitle',
  'constituency',
  'phone',
  'seatNo',
  'since',
  'until',
  'notes',
];

/**
 * A roster workbook with a title row and the same Chinese headers the import reads, so it round-trips.
 * `nameNotes[i]`, when set, becomes an Excel comment on row i's name: visible to the clerk, not read back.
 * `example`: the blank template, with phone and seat columns as text and a note on how to fill it in.
 */
export async function writeRosterXlsx(
  title: string,
  rows: ({ [K in Exclude<RosterField, 'npcDeputy'>]: string | null } & { npcDeputy?: boolean })[],
  opts: { example?: boolean; nameNotes?: readonly (string | null)[]; npcDeputy?: boolean } = {},
): Promise<Buffer> {
  // A street council's roster also says who is a 区人大代表 (是/否), which its double threshold counts apart.
  const columns: RosterField[] = opts.npcDeputy ? [...EXPORT_COLUMNS, 'npcDeputy'] : EXPORT_COLUMNS;
  const cell = (r: (typeof rows)[number], f: RosterField) =>
    f === 'npcDeputy' ? (r.npcDeputy ? YES : NO) : (r[f] ?? '');
  const { wb, ws } = newSheet('名册');
  const headers = ['序号', ...columns.map((f) => FIELD_HEADERS[f])];
  addBanner(ws, title, headers.length);
  addHeader(ws, headers);
  rows.forEach((r, i) => {
    const row = addRow(ws, [i + 1, ...columns.map((f) => cell(r, f))]);
    const note = opts.nameNotes?.[i];
    if (note) row.getCell(2).note = note;
  });
  if (opts.example) {
    // Phone and seat numbers as text, so Excel neither drops a leading 0 nor shows 1.38E+10.
    for (const f of ['phone', 'seatNo'] as const) ws.getColumn(EXPORT_COLUMNS.indexOf(f) + 2).numFmt = '@';
    ws.getCell(1, 1).note =
      `第2行为表头，请勿修改；从第3行起每行填写一名成员。姓名必填，其余可空。性别填“男”或“女”，日期如 2021-10-01。${opts.npcDeputy ? '兼任人大代表填“是”或“否”。' : ''}`;
  }
  setWidths(ws, [6, 10, 6, 8, 12, 36, 14, 14, 8, 12, 12, 20, 14]);
  freezeTo(ws, 2);
  return toBuffer(wb);
}

/** The import template: the title row and the headers, nothing else (an example row would be imported by mistake). */
export function writeRosterTemplate(title: string, opts: { npcDeputy?: boolean } = {}): Promise<Buffer> {
  return writeRosterXlsx(title, [], { example: true, npcDeputy: opts.npcDeputy });
}

/**
 * The template for a 测评's list of 代表建议/议案 (parseEvaluationItems), in the roster template's style: a title row,
 * the headers, no example row; 编号 as text so 2025001 stays as written.
 */
export async function writeEvaluationItemsTemplate(title: string): Promise<Buffer> {
  const [titleRow, headers] = evaluationItemsTemplateRows(title) as [string[], string[]];
  const { wb, ws } = newSheet('测评项目', 'portrait');
  const titleCell = addBanner(ws, titleRow[0]!, headers.length);
  titleCell.note =
    '第2行为表头，请勿修改；从第3行起每行填写一项。标题必填，编号不得重复，类别填“建议”或“议案”（不填为建议），一次最多200项。';
  addHeader(ws, headers);
  ws.getColumn(1).numFmt = '@';
  setWidths(ws, [14, 60, 24, 8]);
  freezeTo(ws, 2);
  return toBuffer(wb);
}
