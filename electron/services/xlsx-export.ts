import { format, parseISO } from 'date-fns';
import ExcelJS from 'exceljs';
import type { ExportedFile } from '../../shared/contract';

/**
 * What every .xlsx the app writes shares: the workbook (creator 议事台, A4 fitted to the page width), the merged
 * title row, bold headers, column widths, frozen headers, and cells that Excel never evaluates.
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Formula injection: a string that starts with = + - @ (or a tab or CR, which some readers strip before one) is
 * what Excel and WPS would evaluate once a clerk edits or re-saves the cell. Such a cell is given the text format
 * ('@'), so it stays text as written — a member named "=HYPERLINK(…)" or a project "+1" is shown, never run.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(cell: ExcelJS.Cell, value: ExcelJS.CellValue): void {
  cell.value = value;
  if (typeof value === 'string' && FORMULA_START.test(value)) cell.numFmt = '@';
}

export function newSheet(
  name: string,
  orientation: 'landscape' | 'portrait' = 'landscape',
): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const wb = new ExcelJS.Workbook();
  wb.creator = '议事台';
  wb.created = new Date();
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  return { wb, ws };
}

/** A row across `span` columns, merged: the sheet's title (large, bold, centred) or a line of text under it. */
export function addBanner(
  ws: ExcelJS.Worksheet,
  text: string,
  span: number,
  kind: 'title' | 'note' = 'title',
  size = 16,
): ExcelJS.Cell {
  const row = ws.addRow([]);
  if (span > 1) ws.mergeCells(row.number, 1, row.number, span);
  const cell = ws.getCell(row.number, 1);
  safeCell(cell, text);
  if (kind === 'title') {
    cell.font = { bold: true, size };
    cell.alignment = { horizontal: 'center' };
  } else cell.alignment = { wrapText: true, vertical: 'top' };
  return cell;
}

/** A row of values, each through safeCell. */
export function addRow(ws: ExcelJS.Worksheet, values: readonly ExcelJS.CellValue[]): ExcelJS.Row {
  const row = ws.addRow([]);
  values.forEach((v, i) => safeCell(row.getCell(i + 1), v ?? null));
  return row;
}

export function addHeader(
  ws: ExcelJS.Worksheet,
  headers: readonly string[],
  opts: { wrap?: boolean } = {},
): ExcelJS.Row {
  const row = addRow(ws, headers);
  row.font = { bold: true };
  if (opts.wrap) row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  return row;
}

export function setWidths(ws: ExcelJS.Worksheet, widths: readonly number[]): void {
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/** Keep the rows down to `row` (the header) in view while scrolling. */
export function freezeTo(ws: ExcelJS.Worksheet, row: number): void {
  ws.views = [{ state: 'frozen', ySplit: row }];
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function toExportedFile(wb: ExcelJS.Workbook, fileName: string): Promise<ExportedFile> {
  return { fileName, mimeType: XLSX_MIME, contentBase64: (await toBuffer(wb)).toString('base64') };
}

/** A name for a file: what Windows and macOS refuse in a file name becomes a full-width or plain dash. */
export const fileNameOf = (s: string) => s.replace(/[\\/:*?"<>|]/g, '－').slice(0, 120);

/** A moment in the laptop's local time, as the clerk read it on the wall clock. */
export function localTime(iso: string): string {
  return format(parseISO(iso), 'yyyy-MM-dd HH:mm:ss');
}
