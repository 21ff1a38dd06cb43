import type { ImportIssue, ImportRowPreview } from '../contract/types';
import {
  parseOrigin,
  parseScreening,
  projectOriginLabels,
  screeningLabels,
  type ProjectOrigin,
  type ScreeningState,
} from './project-screening';
import { cellText, type SheetRow } from './roster-import';

/** Reading a candidate-project spreadsheet (as the 人大 office receives it from the government): pure. */
export interface ProjectRecord {
  row: number;
  number: number | null;
  name: string;
  department: string | null;
  budgetWan: number | null;
  summary: string | null;
  location: string | null;
  source: string | null;
  origin: ProjectOrigin | null;
  proposer: string | null;
  category: string | null;
  /** 确定为候选 when the file has no 状态 (as files did before screening was recorded). */
  screening: ScreeningState;
  rejectedReason: string | null;
}

type Field = Exclude<keyof ProjectRecord, 'row'>;
const HEADERS: Record<Field, string[]> = {
  number: ['编号', '序号', '项目编号'],
  name: ['项目名称', '名称', '项目'],
  department: ['责任单位', '牵头单位', '实施单位', '责任部门', '牵头部门'],
  budgetWan: ['预算', '预算万元', '投资', '投资万元', '总投资', '总投资万元', '资金', '计划投资万元', '预算资金万元'],
  summary: ['项目简介', '主要内容', '建设内容', '项目内容', '简介'],
  location: ['实施地点', '地点', '建设地点'],
  source: ['项目来源', '提出方式', '来源说明'],
  origin: ['来源', '来源渠道', '来源类别', '征集渠道'],
  proposer: ['提出人', '提出者', '提出单位', '建议人', '申报单位'],
  category: ['类型', '项目类型', '类别'],
  screening: ['状态', '筛选状态', '审查状态'],
  rejectedReason: ['未入选原因', '不入选原因', '原因'],
};
export const PROJECT_FIELD_LABELS: Record<Field, string> = {
  number: '编号',
  name: '项目名称',
  department: '责任单位',
  budgetWan: '预算（万元）',
  summary: '项目简介',
  location: '实施地点',
  source: '项目来源',
  origin: '来源',
  proposer: '提出人',
  category: '类型',
  screening: '状态',
  rejectedReason: '未入选原因',
};
/** The template's header row, in the order a clerk fills it. */
export const PROJECT_TEMPLATE_HEADERS = [
  '编号',
  '项目名称',
  '来源',
  '提出人',
  '类型',
  '状态',
  '未入选原因',
  '责任单位',
  '预算（万元）',
  '实施地点',
  '项目简介',
];
const ORIGIN_CHOICES = Object.values(projectOriginLabels).join('、');
const STATE_CHOICES = Object.values(screeningLabels).join('、');
const norm = (s: string) => s.replace(/[\s\u3000（）()：:*＊]/g, '');

export function readProjects(rows: readonly SheetRow[], existingNames: readonly string[]) {
  const issues: ImportIssue[] = [];
  const header = rows.slice(0, 10).find((r) => r.cells.some((c) => HEADERS.name.includes(norm(cellText(c)))));
  if (!header) {
    return {
      headerRow: 0,
      columns: [],
      totalRows: 0,
      records: [],
      issues: [{ row: 0, field: '项目名称', message: '前10行中找不到“项目名称”列' }],
      preview: [],
    };
  }
  const colOf = new Map<Field, number>();
  const columns = header.cells
    .map((c, i) => {
      const h = norm(cellText(c));
      const field = (Object.keys(HEADERS) as Field[]).find((f) => HEADERS[f].includes(h) && !colOf.has(f));
      if (field) colOf.set(field, i);
      return { header: cellText(c), field: field ? PROJECT_FIELD_LABELS[field] : '（未识别，忽略）' };
    })
    .filter((c) => c.header);
  const body = rows.filter((r) => r.row > header.row && r.cells.some((c) => cellText(c) !== ''));
  const records: ProjectRecord[] = [];
  const preview: ImportRowPreview[] = [];
  const seen = new Map<string, number>();
  for (const r of body) {
    const get = (f: Field) => (colOf.has(f) ? cellText(r.cells[colOf.get(f)!] ?? null) : '');
    const rowIssues: ImportIssue[] = [];
    const name = get('name');
    if (name.length < 2)
      rowIssues.push({
        row: r.row,
        field: PROJECT_FIELD_LABELS.name,
        message: name ? '项目名称至少两个字' : '项目名称不能为空',
      });
    else if (name.length > 100)
      rowIssues.push({ row: r.row, field: PROJECT_FIELD_LABELS.name, message: '项目名称不超过100字' });
    if (name && seen.has(name))
      rowIssues.push({ row: r.row, field: PROJECT_FIELD_LABELS.name, message: `与第${seen.get(name)}行重复` });
    if (name && existingNames.includes(name))
      rowIssues.push({ row: r.row, field: PROJECT_FIELD_LABELS.name, message: '清单中已有同名项目' });
    seen.set(name, r.row);
    const budgetText = get('budgetWan').replace(/[,，万元\s]/g, '');
    const budget = budgetText === '' ? null : Number(budgetText);
    if (budget !== null && (!Number.isFinite(budget) || budget < 0))
      rowIssues.push({
        row: r.row,
        field: PROJECT_FIELD_LABELS.budgetWan,
        message: `“${get('budgetWan')}”不是有效的金额（万元）`,
      });
    const numberText = get('number');
    const number = numberText === '' ? null : Number(numberText);
    if (number !== null && (!Number.isInteger(number) || number < 1))
      rowIssues.push({ row: r.row, field: PROJECT_FIELD_LABELS.number, message: `“${numberText}”不是有效的编号` });
    const text = (f: Field, max: number) => {
      const v = get(f);
      if (v.length > max) rowIssues.push({ row: r.row, field: PROJECT_FIELD_LABELS[f], message: `不超过${max}字` });
      return v || null;
    };
    const originText = get('origin');
    const origin = originText ? parseOrigin(originText) : null;
    if (originText && !origin)
      rowIssues.push({
        row: r.row,
        field: PROJECT_FIELD_LABELS.origin,
        message: `“${originText}”不是有效的来源，应为${ORIGIN_CHOICES}`,
      });
    const stateText = get('screening');
    const screening = stateText ? parseScreening(stateText) : 'candidate';
    if (!screening)
      rowIssues.push({
        row: r.row,
        field: PROJECT_FIELD_LABELS.screening,
        message: `“${stateText}”不是有效的状态，应为${STATE_CHOICES}`,
      });
    const rejectedReason = text('rejectedReason', 300);
    if (screening === 'rejected' && !rejectedReason)
      rowIssues.push({
        row: r.row,
        field: PROJECT_FIELD_LABELS.rejectedReason,
        message: '状态为“未入选”的项目须写明原因',
      });
    const rec: ProjectRecord = {
      row: r.row,
      number,
      name,
      department: text('department', 60),
      budgetWan: budget !== null && Number.isFinite(budget) ? budget : null,
      summary: text('summary', 1000),
      location: text('location', 100),
      source: text('source', 100),
      origin,
      proposer: text('proposer', 100),
      category: text('category', 20),
      screening: screening ?? 'candidate',
      rejectedReason: screening === 'rejected' ? rejectedReason : null,
    };
    issues.push(...rowIssues);
    preview.push({
      row: r.row,
      name,
      gender: null,
      ethnicity: null,
      party: null,
      unitTitle: rec.department,
      constituency: rec.location,
      phone: rec.budgetWan === null ? null : String(rec.budgetWan),
      status: rowIssues.length ? 'error' : 'new',
    });
    if (!rowIssues.length) records.push(rec);
  }
  if (body.length > 49) issues.push({ row: 0, field: '文件', message: `候选项目最多49个，本文件有${body.length}个` });
  if (!body.length) issues.push({ row: 0, field: '文件', message: '表头下没有任何项目' });
  return { headerRow: header.row, columns, totalRows: body.length, records, issues, preview };
}
