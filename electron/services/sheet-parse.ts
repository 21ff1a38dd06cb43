import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import zlib from 'node:zlib';
import type { ImportIssue, ImportRowPreview } from '../../shared/contract';
import { cellText, type Cell, type SheetRow } from '../../shared/domain/roster-import';

/**
 * Parsing a clerk's .xlsx or .csv into rows of cells, with limits. Runs inside the sheet worker
 * (sheet-worker.ts), never on the host's main thread: a spreadsheet is untrusted input and ExcelJS/JSZip/csv-parse
 * do unbounded work on a hostile one. Every refusal is a SheetLimitError whose message is plain Chinese for the
 * clerk; any other library error is translated by explainParseError, so no English library text reaches the UI.
 */

const MB = 1024 * 1024;

/**
 * The limits. A real roster is at most ~5,000 members × ~30 columns (the import itself stops at 5,000 data rows);
 * a candidate-project list is a few dozen rows. Everything here is several times that, and small enough that the
 * worker (and so the host process, which it shares) stays well under a few hundred MB.
 */
export const SHEET_LIMITS = {
  /** Bytes of the uploaded file. The contract already caps the upload at 20 MB; a 5,000-row .xlsx is ~250 KB. */
  maxFileBytes: 20 * MB,
  /** A CSV has no compression: 5,000 rows × 30 columns of Chinese text is ~3 MB. */
  maxCsvBytes: 10 * MB,
  /** Entries in the zip; an .xlsx has 10–30 (one per sheet, style, theme, image…). */
  maxZipEntries: 2_000,
  /** Decompressed bytes of any one zip entry. A 5,000-row sheet's XML is ~3 MB, even with inline strings < 20 MB. */
  maxEntryBytes: 32 * MB,
  /** Decompressed bytes of all entries together (sheets, shared strings, styles, images). */
  maxTotalBytes: 64 * MB,
  /** Rows that hold at least one cell, per sheet: 5,000 data rows plus titles, headers and notes, twice over. */
  maxRows: 10_000,
  /** Rightmost column used (the cells of a row are kept as a dense array up to it). A roster has ≤ 30. */
  maxColumns: 200,
  /** Cells in a sheet: 5,000 rows × 30 columns is 150,000. */
  maxCells: 400_000,
} as const;

/** A limit or format refusal whose message is meant for the clerk as is. */
export class SheetLimitError extends Error {
  override name = 'SheetLimitError';
}

/** A formula cell with no cached result: we cannot compute it, so the service reports it as an error for that cell. */
export interface UncachedFormula {
  row: number;
  /** 0-based index into the row's cells. */
  col: number;
}

export interface ParsedSheet {
  sheetName: string | null;
  rows: SheetRow[];
  uncachedFormulas: UncachedFormula[];
}

const megabytes = (n: number) => (n >= 10 * MB ? String(Math.round(n / MB)) : (n / MB).toFixed(1).replace(/\.0$/, ''));
const sizeText = (n: number) => (n >= MB ? `${megabytes(n)}MB` : n >= 1024 ? `${Math.round(n / 1024)}KB` : `${n}字节`);

export function columnLetters(col1: number): string {
  let s = '';
  for (let n = col1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

export async function parseSheet(fileName: string, content: Uint8Array): Promise<ParsedSheet> {
  const buf = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (buf.length > SHEET_LIMITS.maxFileBytes) {
    throw new SheetLimitError(`文件大小${sizeText(buf.length)}，超过上限${megabytes(SHEET_LIMITS.maxFileBytes)}MB`);
  }
  return /\.csv$/i.test(fileName) ? readCsv(buf) : readXlsx(buf);
}

// ---------------------------------------------------------------------------------------------------------------
// Zip: read the central directory ourselves, refuse by the declared sizes, inflate each entry with a capped output
// (an entry that lies about its size stops at the cap), then hand ExcelJS a rebuilt zip of *stored* entries, so
// JSZip inside ExcelJS never inflates anything we have not measured.

interface ZipEntry {
  name: string;
  nameBytes: Buffer;
  flags: number;
  crc: number;
  data: Buffer;
}

const CORRUPT = '文件已损坏或不是 Excel 文件（.xlsx），请用 Excel 或 WPS 打开后另存为 .xlsx 再导入';

function readZip(buf: Buffer): ZipEntry[] {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) {
    // An OLE compound file: an old .xls, or an .xlsx with an opening password (Excel encrypts it into one).
    throw new SheetLimitError(
      '这是旧版 Excel（.xls）文件或设置了打开密码的文件，请在 Excel 中取消密码并另存为 .xlsx 后再导入',
    );
  }
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new SheetLimitError(CORRUPT);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  // ZIP64 only matters above 4 GB or 65,535 entries, far beyond any limit here.
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new SheetLimitError(CORRUPT);
  if (count > SHEET_LIMITS.maxZipEntries) {
    throw new SheetLimitError(
      `压缩包中有${count}个文件，超过上限${SHEET_LIMITS.maxZipEntries}个，这不像是一个名册表格`,
    );
  }
  if (cdOffset + cdSize > eocd) throw new SheetLimitError(CORRUPT);

  // Pass 1: the central directory only, and the declared sizes, before inflating a byte.
  const declared: {
    name: string;
    nameBytes: Buffer;
    flags: number;
    method: number;
    crc: number;
    compSize: number;
    size: number;
    local: number;
  }[] = [];
  let p = cdOffset;
  let declaredTotal = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) throw new SheetLimitError(CORRUPT);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const nameBytes = buf.subarray(p + 46, p + 46 + nameLen);
    const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 0x1) throw new SheetLimitError('文件已加密，请在 Excel 中取消密码后另存为 .xlsx 再导入');
    if (method !== 0 && method !== 8) throw new SheetLimitError(CORRUPT);
    if (size > SHEET_LIMITS.maxEntryBytes) {
      throw new SheetLimitError(
        `压缩包中的 ${name} 解压后约${megabytes(size)}MB，超过上限${megabytes(SHEET_LIMITS.maxEntryBytes)}MB，文件可能已损坏或被恶意构造`,
      );
    }
    declaredTotal += size;
    if (declaredTotal > SHEET_LIMITS.maxTotalBytes) {
      throw new SheetLimitError(
        `压缩包解压后共约${megabytes(declaredTotal)}MB以上，超过上限${megabytes(SHEET_LIMITS.maxTotalBytes)}MB`,
      );
    }
    declared.push({ name, nameBytes, flags, method, crc, compSize, size, local });
  }

  // Pass 2: inflate, each entry capped at what is left of both limits, whatever it declared.
  const entries: ZipEntry[] = [];
  let total = 0;
  for (const e of declared) {
    if (e.name.endsWith('/')) continue; // a folder
    if (e.local + 30 > buf.length || buf.readUInt32LE(e.local) !== 0x04034b50) throw new SheetLimitError(CORRUPT);
    const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
    if (start + e.compSize > buf.length) throw new SheetLimitError(CORRUPT);
    const raw = buf.subarray(start, start + e.compSize);
    const cap = Math.min(SHEET_LIMITS.maxEntryBytes, SHEET_LIMITS.maxTotalBytes - total);
    let data: Buffer;
    if (e.method === 0) {
      data = raw;
    } else {
      try {
        data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, cap) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new SheetLimitError(
            `压缩包中的 ${e.name} 声明解压后为${sizeText(e.size)}，实际超过${megabytes(cap)}MB，超过上限；文件已损坏或被恶意构造，请用 Excel 重新另存后再导入`,
          );
        }
        throw new SheetLimitError(CORRUPT);
      }
    }
    if (data.length > cap)
      throw new SheetLimitError(
        `压缩包中的 ${e.name} 解压后约${megabytes(data.length)}MB，超过上限${megabytes(cap)}MB`,
      );
    total += data.length;
    entries.push({ name: e.name, nameBytes: e.nameBytes, flags: e.flags & 0x800, crc: e.crc, data });
  }
  return entries;
}

/** A zip of the same entries, all stored (method 0), so loading it inflates nothing. */
function storedZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(e.flags, 6);
    lh.writeUInt16LE(0, 8);
    lh.writeUInt32LE(e.crc, 14);
    lh.writeUInt32LE(e.data.length, 18);
    lh.writeUInt32LE(e.data.length, 22);
    lh.writeUInt16LE(e.nameBytes.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(e.flags, 8);
    ch.writeUInt32LE(e.crc, 16);
    ch.writeUInt32LE(e.data.length, 20);
    ch.writeUInt32LE(e.data.length, 24);
    ch.writeUInt16LE(e.nameBytes.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, e.nameBytes, e.data);
    centrals.push(ch, e.nameBytes);
    offset += 30 + e.nameBytes.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// ---------------------------------------------------------------------------------------------------------------
// Sheet XML: count the cells that exist before ExcelJS builds a model of them.

const entryPath = (name: string) => name.replace(/^\//, '');
const xmlText = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!,
  );

/** Sheet names by worksheet path, from xl/workbook.xml and its rels; for the messages only. */
function sheetNames(entries: ZipEntry[]): Map<string, string> {
  const get = (p: string) => entries.find((e) => entryPath(e.name) === p)?.data.toString('utf8') ?? '';
  const targets = new Map<string, string>();
  for (const m of get('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  const names = new Map<string, string>();
  for (const m of get('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const target = rid ? targets.get(rid) : undefined;
    if (name !== undefined && target) names.set(target, xmlText(name));
  }
  return names;
}

/** Rows with cells, rightmost column and number of cells of one worksheet's XML; stops at the first limit passed. */
function checkWorksheet(xml: string, label: string) {
  const tag = /<(?:\w+:)?(row|c)(?=[\s/>])([^>]*)>/g;
  let rows = 0;
  let cells = 0;
  let maxCol = 0;
  let maxColRow = 0;
  let rowNo = 0;
  let col = 0;
  let rowHasCell = false;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const attrs = m[2]!;
    if (m[1] === 'row') {
      const r = /\br="(\d+)"/.exec(attrs);
      rowNo = r ? Number(r[1]) : rowNo + 1;
      col = 0;
      rowHasCell = false;
      continue;
    }
    const ref = /\br="([A-Z]{1,3})(\d+)"/.exec(attrs);
    col = ref ? columnNumber(ref[1]!) : col + 1;
    if (!rowHasCell) {
      rowHasCell = true;
      if (++rows > SHEET_LIMITS.maxRows)
        throw new SheetLimitError(
          `${label}有超过${SHEET_LIMITS.maxRows}行内容，超过上限${SHEET_LIMITS.maxRows}行（一次最多导入5000名）`,
        );
    }
    if (++cells > SHEET_LIMITS.maxCells)
      throw new SheetLimitError(`${label}有超过${SHEET_LIMITS.maxCells}个单元格，超过上限${SHEET_LIMITS.maxCells}个`);
    if (col > maxCol) {
      maxCol = col;
      maxColRow = ref ? Number(ref[2]) : rowNo;
    }
  }
  if (maxCol > SHEET_LIMITS.maxColumns) {
    throw new SheetLimitError(
      `${label}使用了${maxCol}列（第${maxColRow}行有内容在 ${columnLetters(maxCol)} 列），超过上限${SHEET_LIMITS.maxColumns}列。请在 Excel 中删除多余的列（或清除远处的单元格）后再导入`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function readXlsx(buf: Buffer): Promise<ParsedSheet> {
  const entries = readZip(buf);
  const names = sheetNames(entries);
  const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(entryPath(e.name)));
  if (!sheets.length) throw new SheetLimitError(CORRUPT);
  for (const s of sheets) {
    const name = names.get(entryPath(s.name));
    // latin1: tags and attributes are ASCII; one byte per character, no decoding cost.
    checkWorksheet(s.data.toString('latin1'), name ? `工作表“${name}”` : `表格（${entryPath(s.name)}）`);
  }
  const zip = storedZip(entries);
  entries.length = 0;

  // Loaded only now, so a refused file never pays for ExcelJS.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  await wb.xlsx.load(zip as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((s) => s.state === 'visible' && s.actualRowCount > 0) ?? wb.worksheets[0];
  if (!ws) return { sheetName: null, rows: [], uncachedFormulas: [] };
  const rows: SheetRow[] = [];
  const uncachedFormulas: UncachedFormula[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // Only the cells that exist (never up to ws.columnCount, which scans the whole sheet each time it is read).
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const v = cellValue(cell.value);
      if (v === UNCACHED) uncachedFormulas.push({ row: rowNumber, col: colNumber - 1 });
      cells[colNumber - 1] = v === UNCACHED ? null : v;
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows.push({ row: rowNumber, cells });
  });
  return { sheetName: ws.name, rows, uncachedFormulas };
}

const UNCACHED = Symbol('formula without a cached result');

function cellValue(v: ExcelJS.CellValue): Cell | typeof UNCACHED {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      // The value Excel last computed is stored with the formula; a file written by a program may have none.
      const result = (v as { result?: ExcelJS.CellValue }).result;
      if (result === undefined || result === null) return UNCACHED;
      const r = cellValue(result);
      return r;
    }
    if ('error' in v) return null;
    if ('text' in v) return typeof v.text === 'string' ? v.text : cellValue(v.text as ExcelJS.CellValue);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

const NOT_TEXT =
  'CSV 文件中有空字符，不是文本文件或编码无法识别；请用 Excel 打开后另存为“CSV UTF-8（逗号分隔）”或 .xlsx 再导入';

/**
 * Which half of each two-byte unit holds the zeros of a UTF-16 text without a byte-order mark (an ASCII comma, digit
 * or newline is 00 xx in big-endian, xx 00 in little-endian); null when the zeros fall on both, as in a binary file.
 */
function utf16WithoutBom(content: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (content.length % 2) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < content.length; i++) {
    if (content[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  if (odd && !even) return 'utf-16le';
  if (even && !odd) return 'utf-16be';
  return null;
}

/**
 * Excel on a Chinese Windows saves CSV as GB18030 (ANSI); newer versions as UTF-8 with a BOM; its “Unicode 文本” and
 * some tools as UTF-16 (little- or big-endian, with a BOM or without). Accept all of them. A NUL is in no text of
 * those encodings but UTF-16, so a file that has one and is not UTF-16 is no CSV: refused, never read as GB18030.
 */
function decodeText(content: Buffer): string {
  if (content[0] === 0xff && content[1] === 0xfe) return new TextDecoder('utf-16le').decode(content.subarray(2));
  if (content[0] === 0xfe && content[1] === 0xff) return new TextDecoder('utf-16be').decode(content.subarray(2));
  if (content.includes(0)) {
    const utf16 = utf16WithoutBom(content);
    if (!utf16) throw new SheetLimitError(NOT_TEXT);
    return new TextDecoder(utf16).decode(content);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

/** Excel's “Unicode 文本” separates by tabs: a text with tabs and no comma in its first lines is read that way. */
function delimiterOf(text: string): ',' | '\t' {
  const head = text.slice(0, 4096);
  return head.includes('\t') && !head.includes(',') ? '\t' : ',';
}

function readCsv(content: Buffer): ParsedSheet {
  if (content.length > SHEET_LIMITS.maxCsvBytes) {
    throw new SheetLimitError(
      `CSV 文件大小${sizeText(content.length)}，超过上限${megabytes(SHEET_LIMITS.maxCsvBytes)}MB`,
    );
  }
  let rowsWithContent = 0;
  let endLine = 0; // the line the last complete record ended on: an unclosed quote opened on the line after it
  let records: string[][];
  try {
    const text = decodeText(content);
    records = parseCsv(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      on_record: (record: string[], info: { lines: number; records: number }) => {
        endLine = info.lines;
        if (record.length > SHEET_LIMITS.maxColumns) {
          throw new SheetLimitError(`CSV 第${info.lines}行有${record.length}列，超过上限${SHEET_LIMITS.maxColumns}列`);
        }
        if (record.some((c) => c !== '') && ++rowsWithContent > SHEET_LIMITS.maxRows) {
          throw new SheetLimitError(
            `CSV 有超过${SHEET_LIMITS.maxRows}行内容，超过上限${SHEET_LIMITS.maxRows}行（一次最多导入5000名）`,
          );
        }
        return record;
      },
    }) as string[][];
  } catch (e) {
    if (e instanceof SheetLimitError) throw e;
    throw new SheetLimitError(explainCsvError(e, endLine + 1));
  }
  return { sheetName: null, rows: records.map((cells, i) => ({ row: i + 1, cells })), uncachedFormulas: [] };
}

function explainCsvError(e: unknown, openedAt: number): string {
  const err = e as { code?: string; lines?: number; column?: number | string };
  const line = err.lines ?? openedAt;
  const col = typeof err.column === 'number' ? `第${err.column + 1}列` : '';
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `CSV 第${openedAt}行引号未闭合：该行某个字段以英文双引号 " 开头，但直到文件末尾都没有对应的结束引号`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `CSV 第${line}行${col}引号有误：结束的双引号后面紧跟了其他字符。字段中的双引号应写成两个（""）`;
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_OPENING_QUOTE':
      return `CSV 第${line}行${col}引号有误：字段中间出现了双引号。字段中的双引号应写成两个（""），并用双引号把整个字段括起来`;
    case 'CSV_MAX_RECORD_SIZE':
      return `CSV 第${line}行过长`;
    default:
      return '无法读取 CSV 文件，文件可能已损坏；请用 Excel 打开后另存为“CSV UTF-8（逗号分隔）”或 .xlsx 再导入';
  }
}

/** Any error from parsing, as a sentence for the clerk (never the library's English). */
export function explainParseError(e: unknown, fileName: string): string {
  if (e instanceof SheetLimitError) return e.message;
  const code = (e as { code?: string } | null)?.code;
  if (
    code === 'ERR_WORKER_OUT_OF_MEMORY' ||
    (e instanceof RangeError && /string length|array length|allocation/i.test(e.message))
  ) {
    return '文件内容过多，读取时超出内存上限，请删除多余的工作表、行或列后再导入';
  }
  return /\.csv$/i.test(fileName) ? '无法读取 CSV 文件，文件可能已损坏' : CORRUPT;
}

/**
 * The file's own problems that only the reader sees (a formula cell without a computed value), merged into the
 * result of readRoster / readProjects: an issue per cell, and its row shown as an error and not imported.
 */
export function withSheetIssues<
  R extends { headerRow: number; issues: ImportIssue[]; records: { row: number }[]; preview: ImportRowPreview[] },
>(read: R, sheet: ParsedSheet): R {
  // Above the header only titles; with no header found the header itself may be the formula.
  const cells = sheet.uncachedFormulas.filter((f) => read.headerRow === 0 || f.row >= read.headerRow);
  if (!cells.length) return read;
  const header = sheet.rows.find((r) => r.row === read.headerRow);
  const issues: ImportIssue[] = cells.map((f) => {
    const name = cellText(header?.cells[f.col] ?? null) || columnLetters(f.col + 1);
    return {
      row: f.row,
      field: name,
      message: `第${f.row}行“${name}”列是公式且没有计算结果，请在 Excel 中另存为数值后再导入`,
    };
  });
  const bad = new Set(cells.map((f) => f.row));
  return {
    ...read,
    // The formula explains that cell better than what the validation made of it being empty (“姓名不能为空”).
    issues: [...read.issues.filter((i) => !issues.some((f) => f.row === i.row && f.field === i.field)), ...issues].sort(
      (a, b) => a.row - b.row,
    ),
    records: read.records.filter((r) => !bad.has(r.row)),
    preview: read.preview.map((p) => (bad.has(p.row) ? { ...p, status: 'error' as const } : p)),
  };
}
