import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ImportIssue } from '../../shared/contract';
import type { Cell, SheetRow } from '../../shared/domain/roster-import';
import { FIELD_HEADERS, type RosterField } from '../../shared/domain/roster-import';

/** Reading a clerk's .xlsx or .csv into rows of cells, and writing a roster back to .xlsx. */
export interface SheetRead {
  sheetName: string | null;
  rows: SheetRow[];
}

export async function readSheet(fileName: string, content: Buffer): Promise<SheetRead | ImportIssue> {
  try {
    return /\.csv$/i.test(fileName) ? readCsv(content) : await readXlsx(content);
  } catch (e) {
    return { row: 0, field: '文件', message: `无法读取文件“${fileName}”：${e instanceof Error ? e.message : String(e)}。请确认是 Excel (.xlsx) 或 CSV 文件` };
  }
}

async function readXlsx(content: Buffer): Promise<SheetRead> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((s) => s.state === 'visible' && s.actualRowCount > 0) ?? wb.worksheets[0];
  if (!ws) return { sheetName: null, rows: [] };
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(cellValue(row.getCell(c).value));
    rows.push({ row: rowNumber, cells });
  });
  return { sheetName: ws.name, rows };
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return null;
  }
  return String(v);
}

/** Excel on a Chinese Windows saves CSV as GB18030 (ANSI); newer versions as UTF-8 with a BOM. Accept both. */
function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

function readCsv(content: Buffer): SheetRead {
  const records = parseCsv(decodeText(content), { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  return { sheetName: null, rows: records.map((cells, i) => ({ row: i + 1, cells })) };
}

export const EXPORT_COLUMNS: RosterField[] = ['name', 'gender', 'ethnicity', 'party', 'unitTitle', 'constituency', 'phone', 'seatNo', 'since', 'until', 'notes'];

/**
 * A roster workbook with a title row and the same Chinese headers the import reads, so it round-trips.
 * `nameNotes[i]`, when set, becomes an Excel comment on row i's name: visible to the clerk, not read back.
 */
export async function writeRosterXlsx(title: string, rows: { [K in RosterField]: string | null }[], nameNotes: readonly (string | null)[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '议事台';
  wb.created = new Date();
  const ws = wb.addWorksheet('名册', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const headers = ['序号', ...EXPORT_COLUMNS.map((f) => FIELD_HEADERS[f])];
  ws.mergeCells(1, 1, 1, headers.length);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 16 };
  titleCell.alignment = { horizontal: 'center' };
  const headerRow = ws.addRow(headers);
  headerRow.font = { bold: true };
  rows.forEach((r, i) => {
    const row = ws.addRow([i + 1, ...EXPORT_COLUMNS.map((f) => r[f] ?? '')]);
    const note = nameNotes[i];
    if (note) row.getCell(2).note = note;
  });
  const widths = [6, 10, 6, 8, 12, 36, 14, 14, 8, 12, 12, 20];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
