import { memberFieldSchemas } from '../contract/api';
import type {
  ImportFieldChange,
  ImportIssue,
  ImportMode,
  ImportRowPreview,
  ImportUpdateSummary,
} from '../contract/types';
import { normalizeEthnicity, normalizeParty } from './ethnicity';

/**
 * Reading a clerk's roster spreadsheet: find the header row, map Chinese headers to fields, normalise and
 * validate every row, and detect duplicates within the file and against the roster. Pure: the caller reads
 * the file (xlsx or csv) into rows of cells and supplies the people already on record.
 */
export type Cell = string | number | Date | boolean | null;
export interface SheetRow {
  /** Row number in the file, 1-based, as the clerk sees it. */
  row: number;
  cells: Cell[];
}

/** npcDeputy (兼任人大代表) is read as 是/否 here and stored as a flag (a street council's double threshold, rules §3). */
export type RosterField = keyof typeof memberFieldSchemas | 'npcDeputy';
const ROSTER_FIELDS = [
  ...(Object.keys(memberFieldSchemas) as (keyof typeof memberFieldSchemas)[]),
  'npcDeputy',
] as const satisfies readonly RosterField[];

/** The values a 兼任人大代表 cell may hold. */
export const YES = '是';
export const NO = '否';

export const FIELD_HEADERS: Record<RosterField, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  party: '党派',
  unitTitle: '单位及职务',
  constituency: '选区/小组',
  phone: '联系电话',
  seatNo: '座位号',
  since: '任职起始',
  until: '任职终止',
  notes: '备注',
  npcDeputy: '兼任人大代表',
};

/** Headers seen on real rosters for each field, after removing spaces and brackets. */
const HEADER_ALIASES: Record<RosterField, string[]> = {
  name: ['姓名', '代表姓名', '名字', '议事代表姓名'],
  gender: ['性别'],
  ethnicity: ['民族'],
  party: ['党派', '政治面貌', '党派政治面貌', '党派团体'],
  unitTitle: [
    '单位及职务',
    '工作单位及职务',
    '工作单位和职务',
    '单位职务',
    '工作单位',
    '职务',
    '单位及职务职称',
    '工作单位及职务职称',
  ],
  constituency: [
    '选区/小组',
    '选区',
    '代表团',
    '小组',
    '代表小组',
    '所属选区',
    '所在小组',
    '代表组',
    '界别',
    '选区小组',
    '所属代表小组',
  ],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式'],
  seatNo: ['座位号', '座号', '座位'],
  since: ['任职起始', '任期开始', '当选时间', '当选日期', '起始日期', '任职时间', '任职起始日期'],
  until: ['任职终止', '任期结束', '终止日期', '离任日期', '任职终止日期'],
  notes: ['备注', '说明'],
  npcDeputy: ['兼任人大代表', '是否人大代表', '是否为人大代表', '是否区人大代表', '是否兼任人大代表'],
};
const IGNORED_HEADERS = ['序号', '编号', '排序'];

const normHeader = (s: string) => s.replace(/[\s\u3000（）()：:*＊]/g, '');

const aliasToField = new Map<string, RosterField>();
for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [RosterField, string[]][]) {
  for (const a of aliases) aliasToField.set(normHeader(a), field);
}

/** "党派（政治面貌）" is an alias as a whole; "联系电话（手机）" is 联系电话 with a remark in brackets. */
function fieldOfHeader(header: string): RosterField | null {
  return (
    aliasToField.get(normHeader(header)) ??
    aliasToField.get(normHeader(header.replace(/[（(][^）)]*[）)]/g, ''))) ??
    null
  );
}

export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return isoDay(c);
  return String(c)
    .replace(/\u00a0/g, ' ')
    .trim();
}

function isoDay(d: Date): string {
  // Spreadsheet dates carry no zone; exceljs reads them as UTC midnight.
  return d.toISOString().slice(0, 10);
}

/** Dates as clerks type them: 2021-10-01, 2021/10/1, 2021.10.1, 2021年10月1日, 2021.10, or an Excel date/serial. */
export function parseLooseDate(c: Cell): string | null | 'invalid' {
  if (c === null || c === '') return null;
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? 'invalid' : isoDay(c);
  if (typeof c === 'number') {
    if (c > 20000 && c < 80000) return isoDay(new Date(Date.UTC(1899, 11, 30) + c * 86400000));
    return 'invalid';
  }
  const s = String(c).trim();
  if (!s) return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?$/.exec(s);
  if (!m) return 'invalid';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1949 || y > 2100)
    return 'invalid';
  return isoDay(date);
}

export interface ColumnMap {
  headerRow: number;
  columns: { index: number; header: string; field: RosterField | null }[];
}

/** The header row is the first of the first ten rows that has a 姓名 column (a title row may come before it). */
export function findHeader(rows: readonly SheetRow[]): ColumnMap | ImportIssue {
  for (const r of rows.slice(0, 10)) {
    if (!r.cells.some((c) => fieldOfHeader(cellText(c)) === 'name')) continue;
    const seen = new Set<RosterField>();
    const columns = r.cells.map((c, index) => {
      const field = fieldOfHeader(cellText(c));
      if (field && seen.has(field)) return { index, header: cellText(c), field: null };
      if (field) seen.add(field);
      return { index, header: cellText(c), field };
    });
    return { headerRow: r.row, columns };
  }
  return {
    row: 0,
    field: '姓名',
    message: '前10行中找不到“姓名”列，请确认表头（如：姓名、性别、民族、党派、单位及职务、联系电话）',
  };
}

export interface ExistingPerson {
  personId: number;
  name: string;
  phone: string | null;
  /** Already an active member of the body being imported into. */
  inBody: boolean;
}

export type RosterValues = { [K in RosterField]: string | null };

/** An active member of the body being imported into, for update mode. */
export interface CurrentMember {
  membershipId: number;
  personId: number;
  values: RosterValues;
}

export interface RosterRecord {
  row: number;
  /** In update mode, for a matched member: the member's record with the file's values laid over it. */
  values: RosterValues;
  /** Set when the row is an existing person joining this body, or (update mode) the matched member's person. */
  personId: number | null;
  /** Update mode: the member the row matched, and whether it changes anything. */
  membershipId?: number;
  unchanged?: boolean;
}

export interface RosterReadResult {
  headerRow: number;
  columns: { header: string; field: string }[];
  totalRows: number;
  records: RosterRecord[];
  issues: ImportIssue[];
  preview: ImportRowPreview[];
  /** Update mode only. */
  update?: ImportUpdateSummary;
}

export interface RosterReadOptions {
  mode?: ImportMode;
  /** Read the 兼任人大代表 column: only a 街道议事代表会议's roster has it; elsewhere the column is ignored. */
  npcDeputy?: boolean;
  /** The body's active members; required for update mode. */
  members?: readonly CurrentMember[];
}

/**
 * Update mode: which member a row is. Name and phone first, then name and seat number, then the one member of that
 * name (so a changed phone is still found). Two members of the same name that neither tells apart are ambiguous.
 */
export function matchMember(
  values: RosterValues,
  sameName: readonly CurrentMember[],
): CurrentMember | 'ambiguous' | null {
  if (!sameName.length) return null;
  const by = (f: 'phone' | 'seatNo') => (values[f] ? sameName.filter((m) => m.values[f] === values[f]) : []);
  const byPhone = by('phone');
  if (byPhone.length === 1) return byPhone[0]!;
  const bySeat = by('seatNo');
  if (bySeat.length === 1) return bySeat[0]!;
  return sameName.length === 1 ? sameName[0]! : 'ambiguous';
}

/**
 * The member's record with the row's values over it. Only columns the file has count, and a blank cell keeps what
 * is on record: an updated roster often leaves out what did not change, and a blank must not erase a phone number.
 */
export function mergeMember(
  current: RosterValues,
  row: RosterValues,
  present: ReadonlySet<RosterField>,
): { values: RosterValues; changes: ImportFieldChange[] } {
  const values = { ...current };
  const changes: ImportFieldChange[] = [];
  for (const f of present) {
    const v = row[f];
    if (v === null || v === current[f]) continue;
    values[f] = v;
    changes.push({ field: FIELD_HEADERS[f], before: current[f], after: v });
  }
  return { values, changes };
}

export const MAX_IMPORT_ROWS = 5000;

export function readRoster(
  rows: readonly SheetRow[],
  existing: readonly ExistingPerson[],
  opts: RosterReadOptions = {},
): RosterReadResult {
  const update = opts.mode === 'update';
  const found = findHeader(rows);
  if (!('columns' in found)) {
    return { headerRow: 0, columns: [], totalRows: 0, records: [], issues: [found], preview: [] };
  }
  const offColumn = (c: ColumnMap['columns'][number]) => c.field === 'npcDeputy' && !opts.npcDeputy;
  const header: ColumnMap = { ...found, columns: found.columns.map((c) => (offColumn(c) ? { ...c, field: null } : c)) };
  const columns = found.columns
    .filter((c) => c.header)
    .map((c) => ({
      header: c.header,
      field: offColumn(c)
        ? '（仅街道议事代表会议使用，忽略）'
        : c.field
          ? FIELD_HEADERS[c.field]
          : IGNORED_HEADERS.includes(normHeader(c.header))
            ? '（序号，忽略）'
            : '（未识别，忽略）',
    }));
  const headerOf = (f: RosterField) => header.columns.find((c) => c.field === f)?.header ?? FIELD_HEADERS[f];

  const body = rows.filter((r) => r.row > header.headerRow && r.cells.some((c) => cellText(c) !== ''));
  const issues: ImportIssue[] = [];
  if (body.length > MAX_IMPORT_ROWS) {
    issues.push({ row: 0, field: '文件', message: `一次最多导入${MAX_IMPORT_ROWS}行，本文件有${body.length}行` });
    return { headerRow: header.headerRow, columns, totalRows: body.length, records: [], issues, preview: [] };
  }

  const byName = new Map<string, ExistingPerson[]>();
  for (const p of existing) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const seenInFile = new Map<string, { row: number; phone: string | null }[]>();
  const membersByName = new Map<string, CurrentMember[]>();
  for (const m of opts.members ?? [])
    membersByName.set(m.values.name!, [...(membersByName.get(m.values.name!) ?? []), m]);
  const present = new Set(header.columns.flatMap((c) => (c.field ? [c.field] : [])));
  /** Update mode: membership → the row that matched it, so two rows cannot both change one member. */
  const claimed = new Map<number, number>();

  const records: RosterRecord[] = [];
  const preview: ImportRowPreview[] = [];
  for (const r of body) {
    const rowIssues: ImportIssue[] = [];
    const raw = (f: RosterField): Cell => {
      const col = header.columns.find((c) => c.field === f);
      return col ? (r.cells[col.index] ?? null) : null;
    };
    const values = {} as RosterRecord['values'];
    for (const f of ROSTER_FIELDS) {
      let v: unknown;
      const cell = raw(f);
      if (f === 'npcDeputy') {
        const t = cellText(cell);
        if (t && t !== YES && t !== NO)
          rowIssues.push({
            row: r.row,
            field: headerOf(f),
            message: `无法识别“${t}”：应填“是”或“否”（不是人大代表的可留空）`,
          });
        values[f] = t === YES || t === NO ? t : null;
        continue;
      }
      if (f === 'since' || f === 'until') {
        const d = parseLooseDate(cell);
        if (d === 'invalid') {
          rowIssues.push({
            row: r.row,
            field: headerOf(f),
            message: `无法识别的日期“${cellText(cell)}”，应如 2021-10-01`,
          });
          values[f] = null;
          continue;
        }
        v = d;
      } else {
        let t = cellText(cell);
        if (f === 'gender') t = t.replace(/^男性$/, '男').replace(/^女性$/, '女');
        if (f === 'party' && t) t = normalizeParty(t);
        if (f === 'phone') t = t.replace(/\s/g, '');
        if (f === 'ethnicity' && t) {
          const e = normalizeEthnicity(t);
          if (!e) rowIssues.push({ row: r.row, field: headerOf(f), message: `“${t}”不是五十六个民族的名称` });
          t = e ?? '';
        }
        v = t === '' ? null : t;
      }
      const parsed = memberFieldSchemas[f].safeParse(v);
      if (parsed.success) {
        values[f] = parsed.data as string | null;
      } else {
        values[f] = null;
        const msg = f === 'name' && v === null ? '姓名不能为空' : parsed.error.issues[0]!.message;
        rowIssues.push({ row: r.row, field: headerOf(f), message: msg });
      }
    }
    if (values.since && values.until && values.until < values.since) {
      rowIssues.push({ row: r.row, field: headerOf('until'), message: '任职终止日期早于起始日期' });
    }

    let personId: number | null = null;
    let matched: { member: CurrentMember; values: RosterValues; changes: ImportFieldChange[] } | null = null;
    const name = values.name;
    if (name) {
      const phone = values.phone;
      const same = (a: string | null, b: string | null) => a === null || b === null || a === b;
      const earlier = (seenInFile.get(name) ?? []).find((e) => same(e.phone, phone));
      if (earlier) {
        rowIssues.push({
          row: r.row,
          field: headerOf('name'),
          message: `与第${earlier.row}行重复（同名，电话相同或未填）`,
        });
      }
      seenInFile.set(name, [...(seenInFile.get(name) ?? []), { row: r.row, phone }]);
      const known = byName.get(name) ?? [];
      const match = update ? matchMember(values, membersByName.get(name) ?? []) : null;
      if (match === 'ambiguous') {
        rowIssues.push({
          row: r.row,
          field: headerOf('name'),
          message: `本机构有${membersByName.get(name)!.length}名“${name}”，请填写其联系电话或座位号以确定是哪一位`,
        });
      } else if (match) {
        const first = claimed.get(match.membershipId);
        if (first !== undefined)
          rowIssues.push({ row: r.row, field: headerOf('name'), message: `与第${first}行对应同一名成员“${name}”` });
        else claimed.set(match.membershipId, r.row);
        matched = { member: match, ...mergeMember(match.values, values, present) };
      } else if (known.some((p) => p.inBody && same(p.phone, phone))) {
        rowIssues.push({
          row: r.row,
          field: headerOf('name'),
          message: `“${name}”已在本机构名册中（同名，电话相同或未填）；如确为另一人，请填写其电话以区分${update ? '' : '；要修改已有成员，请选择导入方式“更新已有成员”'}`,
        });
      } else if (phone) {
        personId = known.find((p) => !p.inBody && p.phone === phone)?.personId ?? null;
      }
    }
    if (matched) {
      const v = matched.values;
      if (v.since && v.until && v.until < v.since && !rowIssues.some((i) => i.field === headerOf('until'))) {
        rowIssues.push({
          row: r.row,
          field: headerOf('until'),
          message: `任职终止日期早于起始日期（名册中为${v.since}起）`,
        });
      }
    }

    issues.push(...rowIssues);
    // A rejected value is shown as written, so the clerk sees what to correct.
    const shown = (f: RosterField) => values[f] ?? (cellText(raw(f)) || null);
    preview.push({
      row: r.row,
      name: shown('name') ?? '',
      gender: shown('gender'),
      ethnicity: shown('ethnicity'),
      party: shown('party'),
      unitTitle: shown('unitTitle'),
      constituency: shown('constituency'),
      phone: shown('phone'),
      status: rowIssues.length
        ? 'error'
        : matched
          ? matched.changes.length
            ? 'changed'
            : 'unchanged'
          : personId
            ? 'link'
            : 'new',
      ...(matched ? { membershipId: matched.member.membershipId, changes: matched.changes } : {}),
    });
    if (rowIssues.length) continue;
    if (matched) {
      const m = matched.member;
      records.push({
        row: r.row,
        values: matched.values,
        personId: m.personId,
        membershipId: m.membershipId,
        unchanged: matched.changes.length === 0,
      });
    } else records.push({ row: r.row, values, personId });
  }
  if (body.length === 0) issues.push({ row: 0, field: '文件', message: '表头下没有任何数据行' });
  const result: RosterReadResult = {
    headerRow: header.headerRow,
    columns,
    totalRows: body.length,
    records,
    issues,
    preview,
  };
  if (update) result.update = updateSummary(records, opts.members ?? [], claimed);
  return result;
}

function updateSummary(
  records: readonly RosterRecord[],
  members: readonly CurrentMember[],
  claimed: ReadonlyMap<number, number>,
): ImportUpdateSummary {
  const fresh = records.filter((r) => r.membershipId === undefined);
  return {
    added: fresh.length,
    linked: fresh.filter((r) => r.personId).length,
    changed: records.filter((r) => r.membershipId !== undefined && !r.unchanged).length,
    unchanged: records.filter((r) => r.unchanged).length,
    missing: members
      .filter((m) => !claimed.has(m.membershipId))
      .map((m) => ({
        membershipId: m.membershipId,
        name: m.values.name!,
        phone: m.values.phone,
        seatNo: m.values.seatNo,
      })),
  };
}
