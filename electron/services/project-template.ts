import { PROJECT_TEMPLATE_HEADERS } from '../../shared/domain/project-import';
import { projectOriginLabels, screeningLabels } from '../../shared/domain/project-screening';
import { PROJECT_CATEGORIES } from '../../shared/contract';
import { addBanner, addHeader, freezeTo, newSheet, setWidths, toBuffer } from './xlsx-export';

/**
 * The candidate-project import template (.xlsx): a title row, the header row the import reads, and drop-downs for
 * 来源, 类型 and 状态 so what a clerk picks is what the import accepts.
 */
export async function writeProjectTemplate(): Promise<Buffer> {
  const headers = PROJECT_TEMPLATE_HEADERS;
  const { wb, ws } = newSheet('候选项目');
  const title = addBanner(ws, '民生实事候选项目', headers.length);
  title.note =
    '第2行为表头，请勿修改；从第3行起每行填写一个项目。项目名称必填；状态不填即为“确定为候选”；状态为“未入选”的须填写未入选原因；一次最多49个项目。';
  addHeader(ws, headers);
  setWidths(ws, [8, 36, 14, 26, 10, 14, 26, 20, 12, 16, 50]);
  const col = (h: string) => String.fromCharCode(65 + headers.indexOf(h));
  const choices = (values: readonly string[]) => ({
    type: 'list' as const,
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
  });
  const rows = (h: string) => `${col(h)}3:${col(h)}200`;
  // ExcelJS types lack the sheet-level collection; it is there at run time.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations;
  validations.add(rows('来源'), {
    ...choices(Object.values(projectOriginLabels)),
    showErrorMessage: true,
    errorTitle: '来源',
    error: '请从列表中选择来源',
  });
  validations.add(rows('类型'), { ...choices(PROJECT_CATEGORIES), showErrorMessage: false });
  validations.add(rows('状态'), {
    ...choices(Object.values(screeningLabels)),
    showErrorMessage: true,
    errorTitle: '状态',
    error: '请从列表中选择状态',
  });
  freezeTo(ws, 2);
  return toBuffer(wb);
}
