/**
 * The items of a 满意度测评 of 代表建议/议案办理情况, read from a clerk's sheet: 编号, 标题, 承办单位 and optionally
 * 类别 (建议 or 议案). Pure: the caller reads the file into rows of text (electron/services/roster-files.ts
 * readSheetRows). Basis: ../shared/rules/README.md §5 (the handling of deputies' suggestions is evaluated); a county
 * evaluated 6 议案 and 69 建议 on one ballot in 2019, so a list holds up to MAX_EVALUATION_ITEMS.
 */

export type EvaluationItemKind = 'suggestion' | 'motion_handling';

export interface EvaluationItemRow {
  number: string | null;
  title: string;
  department: string | null;
  kind: EvaluationItemKind;
}

export interface EvaluationItemIssue {
  /** Row number as the clerk sees it in the sheet (1-based, counting title and header rows); 0 = the file itself. */
  row: number;
  /** The column's header as in the file, or the field's Chinese name. */
  field: string;
  message: string;
}

export const MAX_EVALUATION_ITEMS = 200;
const MAX_TITLE = 200;
const MAX_NUMBER = 30;
const MAX_DEPARTMENT = 100;

type Field = 'number' | 'title' | 'department' | 'kind';

/** The headers the template writes (evaluationItemsTemplate) and the errors name when a column is missing. */
export const EVALUATION_ITEM_HEADERS: Record<Field, string> = {
  number: '编号',
  title: '标题',
  department: '承办单位',
  kind: '类别',
};

/** Headers seen on 建议办理 lists, after removing spaces and brackets. */
const ALIASES: Record<Field, string[]> = {
  number: ['编号', '建议编号', '议案编号', '案号', '建议号', '序号编号', '文号'],
  title: ['标题', '建议标题', '议案标题', '案由', '题目', '建议名称', '议案名称', '名称', '内容'],
  department: ['承办单位', '主办单位', '办理单位', '承办部门', '主办部门', '责任单位', '交办单位'],
  kind: ['类别', '类型', '建议或议案', '类别建议议案'],
};
const KIND_VALUES: Record<string, EvaluationItemKind> = {
  建议: 'suggestion',
  代表建议: 'suggestion',
  议案: 'motion_handling',
  代表议案: 'motion_handling',
};

const norm = (s: string) => s.replace(/[\s\u3000（）()：:*＊/、]/g, '');
const aliasField = new Map<string, Field>();
for (const [f, list] of Object.entries(ALIASES) as [Field, string[]][])
  for (const a of list) aliasField.set(norm(a), f);
const fieldOf = (h: string): Field | null =>
  aliasField.get(norm(h)) ?? aliasField.get(norm(h.replace(/[（(][^）)]*[）)]/g, ''))) ?? null;

const text = (c: string | undefined) => (c ?? '').replace(/\u00a0/g, ' ').trim();

/**
 * rows[i] is the sheet's row i + 1. The header is the first of the first ten rows with a 标题 column, so a title row
 * above it (as in the template) is fine. Every problem is reported, each naming its row and column; only a list
 * without any is meant to be used.
 */
export function parseEvaluationItems(rows: string[][]): { items: EvaluationItemRow[]; errors: EvaluationItemIssue[] } {
  const errors: EvaluationItemIssue[] = [];
  const headerAt = rows.slice(0, 10).findIndex((r) => r.some((c) => fieldOf(text(c)) === 'title'));
  if (headerAt < 0) {
    return {
      items: [],
      errors: [
        {
          row: 0,
          field: EVALUATION_ITEM_HEADERS.title,
          message: '前10行中找不到“标题”列，请确认表头（如：编号、标题、承办单位、类别）',
        },
      ],
    };
  }
  const columns = new Map<Field, { index: number; header: string }>();
  rows[headerAt]!.forEach((c, index) => {
    const f = fieldOf(text(c));
    if (f && !columns.has(f)) columns.set(f, { index, header: text(c) });
  });
  const headerOf = (f: Field) => columns.get(f)?.header ?? EVALUATION_ITEM_HEADERS[f];
  const cell = (r: string[], f: Field) => {
    const col = columns.get(f);
    return col ? text(r[col.index]) : '';
  };

  const body = rows
    .map((cells, i) => ({ row: i + 1, cells }))
    .slice(headerAt + 1)
    .filter((r) => r.cells.some((c) => text(c) !== ''));
  if (!body.length) return { items: [], errors: [{ row: 0, field: '文件', message: '表头下没有任何测评项目' }] };
  if (body.length > MAX_EVALUATION_ITEMS) {
    return {
      items: [],
      errors: [
        {
          row: 0,
          field: '文件',
          message: `一张测评票最多${MAX_EVALUATION_ITEMS}项，本文件有${body.length}项，请分几次测评`,
        },
      ],
    };
  }

  const items: EvaluationItemRow[] = [];
  const numbers = new Map<string, number>();
  for (const { row, cells } of body) {
    const rowErrors: EvaluationItemIssue[] = [];
    const fail = (f: Field, message: string) => rowErrors.push({ row, field: headerOf(f), message });
    const number = cell(cells, 'number') || null;
    const title = cell(cells, 'title');
    const department = cell(cells, 'department') || null;
    const kindText = cell(cells, 'kind');

    if (!title) fail('title', '标题不能为空');
    else if (title.length > MAX_TITLE) fail('title', `标题不超过${MAX_TITLE}个字，本行${title.length}个字`);
    if (number && number.length > MAX_NUMBER) fail('number', `编号不超过${MAX_NUMBER}个字`);
    if (number) {
      const first = numbers.get(number);
      if (first !== undefined) fail('number', `编号“${number}”与第${first}行重复`);
      else numbers.set(number, row);
    }
    if (department && department.length > MAX_DEPARTMENT) fail('department', `承办单位不超过${MAX_DEPARTMENT}个字`);
    const kind = kindText ? KIND_VALUES[norm(kindText)] : 'suggestion';
    if (!kind) fail('kind', `无法识别的类别“${kindText}”：应填“建议”或“议案”（不填为建议）`);

    errors.push(...rowErrors);
    if (!rowErrors.length) items.push({ number, title, department, kind: kind! });
  }
  return { items, errors };
}

/** The template's rows: a title row, then the headers (the parser skips the title, as the roster template's). */
export function evaluationItemsTemplateRows(title: string): string[][] {
  return [
    [title],
    [
      EVALUATION_ITEM_HEADERS.number,
      EVALUATION_ITEM_HEADERS.title,
      EVALUATION_ITEM_HEADERS.department,
      EVALUATION_ITEM_HEADERS.kind,
    ],
  ];
}
