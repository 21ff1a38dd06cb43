import ExcelJS from 'exceljs';
import { PROJECT_TEMPLATE_HEADERS } from '../../shared/domain/project-import';
import { projectOriginLabels, screeningLabels } from '../../shared/domain/project-screening';
import { PROJECT_CATEGORIES } from '../../shared/contract';

/**
 * The candidate-project import template (.xlsx): a title row, the header row the import reads, and drop-downs for
 * 来源, 类型 and 状态 so what a clerk picks is what the import accepts.
 */
export async function writeProjectTemplate(): Promise<Buffer> {
  const headers = PROJECT_TEMPLATE_HEADERS;
  const wb = new ExcelJS.Workbook();
  wb.creator = '议事台';
  wb.created = new Date();
  const ws = wb.addWorksheet('候选项目', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells(1, 1, 1, headers.length);
  const title = ws.getCell(1, 1);
  title.value = '民生实事候选项目';
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  title.note = '第2行为表头，请勿修改；从第3行起每行填写一个项目。项目名称必填；状态不填即为“确定为候选”；状态为“未入选”的须填写未入选原因；一次最多49个项目。';
  ws.addRow(headers).font = { bold: true };
  [8, 36, 14, 26, 10, 14, 26, 20, 12, 16, 50].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const col = (h: string) => String.fromCharCode(65 + headers.indexOf(h));
  const choices = (values: readonly string[]) => ({ type: 'list' as const, allowBlank: true, formulae: [`"${values.join(',')}"`] });
  const rows = (h: string) => `${col(h)}3:${col(h)}200`;
  // ExcelJS types lack the sheet-level collection; it is there at run time.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations;
  validations.add(rows('来源'), { ...choices(Object.values(projectOriginLabels)), showErrorMessage: true, errorTitle: '来源', error: '请从列表中选择来源' });
  validations.add(rows('类型'), { ...choices(PROJECT_CATEGORIES), showErrorMessage: false });
  validations.add(rows('状态'), { ...choices(Object.values(screeningLabels)), showErrorMessage: true, errorTitle: '状态', error: '请从列表中选择状态' });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
