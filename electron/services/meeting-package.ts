import { format } from 'date-fns';
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  AppError,
  meetingStatusLabels,
  type ExportedFile,
  type PackageChange,
  type PackageImported,
  type PackagePreview,
  type PackageSummary,
  type ParsedInput,
} from '../../shared/contract';
import { PACKAGE_EXTENSION } from '../../shared/contract/meeting-package-api';
import { segmentProblem, type AuditRow } from '../db/audit';
import { migrations } from '../db/migrations';
import { schemaVersion, type Db } from '../db/open';
import { twoStep, type WriteContext } from './change';
import type { ServiceDeps } from './context';
import { readPackage, writePackage, type PackageManifest } from './package-file';
import { readStoredFile, storeFile } from './stored-files';
import { fileNameOf } from './xlsx-export';

/**
 * One meeting in a file (issue 12 item 6), and back. Rows travel as records named by their `uid` (migration 0012),
 * their references as the uids of the rows they point at, so integer ids stay each file's own: a new record keeps
 * the package's id where it is free here and gets the next one where it is not — except projects, candidate lists
 * and 测评 items, whose ids rounds and results name inside their JSON (item_ids, result): those keep their id or the
 * package is refused. Rows without an id of their own (sign-in, rolls, ballots, counts) travel as the set of one
 * parent (a round's ballots), replaced as a whole.
 *
 * Each side keeps the records of the last package that carried the meeting (meeting_packages) as the common base:
 * a field the package changed and this laptop did not is updated, one changed only here is kept, and one changed
 * on both (or with no base to tell) is a conflict the clerk resolves. Nothing is merged silently; deletions are
 * not carried (a record missing from a package is left as it is).
 *
 * The audit trail: the session laptop's own chain starts with its import of the package and goes on through the
 * session. The package it sends back carries that stretch (from the import entry to its head); the office checks
 * it as a chain (consecutive ids, each hash) and that it starts with the import of a package the office exported,
 * keeps it verbatim in package_audit, and records one entry of its own naming the package digest and the
 * stretch's head. The office chain stays one unbroken chain that audit.verify walks; the session's entries are
 * not re-hashed into it (they would no longer match the session laptop's file or its printed fingerprints).
 */

type Value = string | number | null | { $hex: string };
interface Rec {
  t: string;
  uid?: string;
  id?: number;
  /** Plain columns. */
  f: Record<string, Value>;
  /** References: column → uid of the row it names (null when empty). */
  r: Record<string, string | null>;
}
interface Body {
  records: Rec[];
  /** File contents by SHA-256, base64. */
  files: Record<string, string>;
  audit: AuditRow[];
}

type RefOf = string | ((row: Record<string, unknown>) => string | null);
interface Spec {
  table: string;
  kind: string;
  refs: Record<string, RefOf>;
  /** SQL over @m (the meeting) selecting this table's rows of the package, in an order that inserts cleanly. */
  select: string;
  /** Rows with an id and uid; otherwise rows of a set keyed by `parent` (a ref column). */
  parent?: string;
  /** Ids named inside other rows' JSON: kept as they are or the import is refused. */
  keepId?: boolean;
  /** Columns that identify a record set up separately on each laptop (a built-in rule set). */
  natural?: string[];
  /** Columns that are this file's own (where a stored file lies). */
  local?: string[];
}

const ITEMS = 'SELECT id FROM agenda_items WHERE meeting_id = @m';
const POLLS = 'SELECT id FROM polls WHERE meeting_id = @m';
const ROUNDS = `SELECT id FROM poll_rounds WHERE poll_id IN (${POLLS})`;
// The candidate lists it votes on: those of its rounds, those its agenda hears or rates, and the body's lists of
// the meeting's year (a 票决 round is arranged on the session day).
const LISTS = `SELECT list_id FROM polls WHERE meeting_id = @m AND list_id IS NOT NULL
  UNION SELECT l.id FROM project_lists l JOIN meetings m ON m.body_id = l.body_id AND m.year = l.year WHERE m.id = @m
  UNION SELECT p.list_id FROM projects p WHERE p.id IN (SELECT project_id FROM agenda_item_projects WHERE agenda_item_id IN (${ITEMS}))
  UNION SELECT p.list_id FROM projects p WHERE p.id IN (SELECT ref_id FROM poll_items WHERE kind = 'project' AND poll_id IN (${POLLS}))`;
const BODY = 'SELECT body_id FROM meetings WHERE id = @m';

/** In insert order: a record's references come before it. */
const SPECS: Spec[] = [
  { table: 'bodies', kind: '机构', refs: {}, select: `SELECT * FROM bodies WHERE id = (${BODY})`, natural: ['name'] },
  {
    table: 'persons',
    kind: '人员',
    refs: {},
    select: `SELECT * FROM persons WHERE id IN (SELECT person_id FROM memberships WHERE body_id = (${BODY})) ORDER BY id`,
  },
  {
    table: 'memberships',
    kind: '代表资格',
    refs: { body_id: 'bodies', person_id: 'persons' },
    select: `SELECT * FROM memberships WHERE body_id = (${BODY}) ORDER BY id`,
  },
  {
    table: 'rule_sets',
    kind: '规则',
    refs: { based_on: 'rule_sets' },
    natural: ['key'],
    select: `WITH RECURSIVE c(id) AS (SELECT rule_set_id FROM meetings WHERE id = @m UNION SELECT r.based_on FROM rule_sets r JOIN c ON r.id = c.id WHERE r.based_on IS NOT NULL)
      SELECT * FROM rule_sets WHERE id IN (SELECT id FROM c) ORDER BY id`,
  },
  {
    table: 'meetings',
    kind: '会议',
    refs: { body_id: 'bodies', rule_set_id: 'rule_sets' },
    select: 'SELECT * FROM meetings WHERE id = @m',
  },
  {
    table: 'agenda_items',
    kind: '议程',
    refs: { meeting_id: 'meetings' },
    select: `SELECT * FROM agenda_items WHERE meeting_id = @m ORDER BY id`,
  },
  {
    table: 'agenda_documents',
    kind: '议程附件',
    refs: { item_id: 'agenda_items' },
    local: ['stored_name'],
    select: `SELECT * FROM agenda_documents WHERE item_id IN (${ITEMS}) ORDER BY id`,
  },
  {
    table: 'project_lists',
    kind: '候选项目清单',
    refs: { body_id: 'bodies' },
    keepId: true,
    select: `SELECT * FROM project_lists WHERE id IN (${LISTS}) ORDER BY id`,
  },
  {
    table: 'projects',
    kind: '项目',
    refs: { list_id: 'project_lists' },
    keepId: true,
    select: `SELECT * FROM projects WHERE list_id IN (${LISTS}) ORDER BY id`,
  },
  // Candidate-stage files only: the other stages' files name records (progress, 整改) that stay in the office.
  {
    table: 'project_files',
    kind: '项目材料',
    refs: { project_id: 'projects' },
    keepId: true,
    local: ['stored_name'],
    select: `SELECT * FROM project_files WHERE stage = 'candidate' AND project_id IN (SELECT id FROM projects WHERE list_id IN (${LISTS})) ORDER BY id`,
  },
  {
    table: 'agenda_item_projects',
    kind: '议程所听取的项目',
    refs: { agenda_item_id: 'agenda_items', project_id: 'projects' },
    parent: 'agenda_item_id',
    select: `SELECT * FROM agenda_item_projects WHERE agenda_item_id IN (${ITEMS})`,
  },
  {
    table: 'polls',
    kind: '表决事项',
    refs: { meeting_id: 'meetings', agenda_item_id: 'agenda_items', list_id: 'project_lists' },
    select: `SELECT * FROM polls WHERE meeting_id = @m ORDER BY id`,
  },
  {
    table: 'poll_items',
    kind: '测评项目',
    keepId: true,
    select: `SELECT * FROM poll_items WHERE poll_id IN (${POLLS}) ORDER BY id`,
    refs: {
      poll_id: 'polls',
      ref_id: (row) => (row.kind === 'project' ? 'projects' : row.kind === 'report' ? 'agenda_items' : null),
    },
  },
  {
    table: 'poll_rounds',
    kind: '投票轮次',
    refs: { poll_id: 'polls', previous_id: 'poll_rounds' },
    select: `SELECT * FROM poll_rounds WHERE poll_id IN (${POLLS}) ORDER BY id`,
  },
  {
    table: 'attendance',
    kind: '签到',
    refs: { meeting_id: 'meetings', membership_id: 'memberships' },
    parent: 'meeting_id',
    select: 'SELECT * FROM attendance WHERE meeting_id = @m ORDER BY membership_id',
  },
  {
    table: 'round_eligible',
    kind: '应到名单',
    refs: { round_id: 'poll_rounds', membership_id: 'memberships' },
    parent: 'round_id',
    select: `SELECT * FROM round_eligible WHERE round_id IN (${ROUNDS})`,
  },
  {
    table: 'round_named',
    kind: '记名表决',
    refs: { round_id: 'poll_rounds', membership_id: 'memberships' },
    parent: 'round_id',
    select: `SELECT * FROM round_named WHERE round_id IN (${ROUNDS})`,
  },
  {
    table: 'round_voters',
    kind: '已投票名单',
    refs: { round_id: 'poll_rounds', membership_id: 'memberships' },
    parent: 'round_id',
    select: `SELECT * FROM round_voters WHERE round_id IN (${ROUNDS})`,
  },
  // Ballots as the file keeps them: a random id, the marks, no voter and no time; ordered by the random id.
  {
    table: 'round_ballots',
    kind: '选票',
    refs: { round_id: 'poll_rounds' },
    parent: 'round_id',
    select: `SELECT * FROM round_ballots WHERE round_id IN (${ROUNDS}) ORDER BY round_id, ballot_id`,
  },
  {
    table: 'round_entries',
    kind: '纸质选票录入',
    refs: { round_id: 'poll_rounds' },
    parent: 'round_id',
    select: `SELECT * FROM round_entries WHERE round_id IN (${ROUNDS})`,
  },
  {
    table: 'round_counts',
    kind: '计票数',
    refs: { round_id: 'poll_rounds' },
    parent: 'round_id',
    select: `SELECT * FROM round_counts WHERE round_id IN (${ROUNDS})`,
  },
  {
    table: 'project_evaluations',
    kind: '测评结果',
    refs: { project_id: 'projects', round_id: 'poll_rounds', meeting_id: 'meetings' },
    parent: 'round_id',
    select: `SELECT * FROM project_evaluations WHERE round_id IN (${ROUNDS})`,
  },
];
const specOf = new Map(SPECS.map((s) => [s.table, s]));

/** Column names the preview shows (the rest by their column name). */
const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  title: '名称',
  kind: '类别',
  area: '地区',
  term: '届次',
  pinyin: '拼音',
  initials: '拼音首字母',
  gender: '性别',
  ethnicity: '民族',
  party: '党派',
  phone: '电话',
  unit_title: '工作单位及职务',
  constituency: '选区',
  seat_no: '座位号',
  since: '任职起',
  until: '任职止',
  end_reason: '离任原因',
  notes: '备注',
  npc_deputy: '兼任人大代表',
  session: '会次',
  date: '日期',
  start_time: '开始时间',
  end_time: '结束时间',
  venue: '地点',
  year: '年度',
  quarter: '季度',
  status: '状态',
  opened_at: '开会时间',
  closed_at: '闭会时间',
  quorum_override: '法定人数',
  annual_session: '年度会议',
  rules: '规则内容',
  position: '顺序',
  file_name: '文件名',
  sha256: '文件摘要',
  seats: '应选数',
  number: '编号',
  department: '承办部门',
  budget_wan: '预算（万元）',
  summary: '简介',
  location: '地点',
  screening: '筛选状态',
  secrecy: '记名方式',
  mode: '投票方式',
  result: '结果',
  announcement: '公告',
  snapshot: '应到实到',
  issued: '发出选票',
  scrutineers: '监票人',
  counters: '计票人',
  round: '轮次',
  item_ids: '候选项目',
  pass: '通过规则',
  body_id: '所属机构',
  person_id: '人员',
  rule_set_id: '规则',
  meeting_id: '会议',
  list_id: '候选项目清单',
  agenda_item_id: '议程',
  locked_at: '锁定时间',
  adopted_by: '决定机关',
  adopted_on: '决定日期',
  adopted_ref: '文号或会次',
};
const SET_LABEL = '（整组）';

const latestSchema = Math.max(...migrations.map((m) => m.version));

const encode = (v: unknown): Value => (Buffer.isBuffer(v) ? { $hex: v.toString('hex') } : (v as Value));
const decode = (v: Value): unknown => (v !== null && typeof v === 'object' ? Buffer.from(v.$hex, 'hex') : v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

/** A row as a package record: references as uids. */
function toRecord(db: Db, spec: Spec, row: Record<string, unknown>, uidOf: (table: string, id: number) => string): Rec {
  const f: Record<string, Value> = {};
  const r: Record<string, string | null> = {};
  for (const [col, v] of Object.entries(row)) {
    if (col === 'id' || col === 'uid' || spec.local?.includes(col)) continue;
    const ref = spec.refs[col];
    const target = typeof ref === 'function' ? ref(row) : ref;
    if (target) r[col] = v === null ? null : uidOf(target, v as number);
    else f[col] = encode(v);
  }
  return spec.parent ? { t: spec.table, f, r } : { t: spec.table, uid: row.uid as string, id: row.id as number, f, r };
}

function uidLookup(db: Db) {
  const cache = new Map<string, string>();
  return (table: string, id: number): string => {
    const k = `${table}:${id}`;
    let uid = cache.get(k);
    if (uid === undefined) {
      uid = db.prepare(`SELECT uid FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined;
      if (uid === undefined) throw new AppError('INTERNAL', `内部错误：${table}第${id}条记录不存在`);
      cache.set(k, uid);
    }
    return uid;
  };
}

/** The records of one meeting as this file holds them. */
function collect(db: Db, meetingId: number): Rec[] {
  const uidOf = uidLookup(db);
  const out: Rec[] = [];
  for (const spec of SPECS) {
    for (const row of db.prepare(spec.select).all({ m: meetingId }) as Record<string, unknown>[])
      out.push(toRecord(db, spec, row, uidOf));
  }
  return out;
}

const setKey = (rec: Rec) => `${rec.t}@${rec.r[specOf.get(rec.t)!.parent!]}`;
const recKey = (rec: Rec) => (rec.uid ? `${rec.t}:${rec.uid}` : setKey(rec));

/** Records grouped: one entry per identified row, one per parent's set (its records sorted, so sets compare as values). */
function index(records: readonly Rec[]): Map<string, Rec | Rec[]> {
  const m = new Map<string, Rec | Rec[]>();
  for (const rec of records) {
    if (rec.uid) m.set(recKey(rec), rec);
    else {
      const k = setKey(rec);
      const list = (m.get(k) as Rec[] | undefined) ?? [];
      list.push(rec);
      m.set(k, list);
    }
  }
  for (const v of m.values())
    if (Array.isArray(v)) v.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return m;
}

/** Where a package's file goes in this data folder: its stored name. */
type Store = (sha256: string, fileName: string) => string;

interface Plan {
  preview: Omit<PackagePreview, keyof PackageSummary>;
  /** Writes, in order, each given the resolutions. */
  apply: (resolutions: Record<string, 'local' | 'package'>, store: Store) => { added: number; updated: number };
}

/** Compare a package with this file: what it adds, updates, keeps and where both sides changed. Reads only. */
function plan(db: Db, body: Body, base: Map<string, Rec | Rec[]> | null): Plan {
  const uidToId = new Map<string, number>();
  const allocated = new Map<string, Set<number>>();
  const names = new Map<string, string>();
  const pkgIndex = index(body.records);
  // Names for the preview, from the package's own records.
  for (const rec of body.records) if (rec.uid) names.set(rec.uid, nameOf(rec, names));

  const localId = (table: string, uid: string | null): number | null => {
    if (uid === null) return null;
    const known = uidToId.get(`${table}:${uid}`);
    if (known !== undefined) return known;
    const id = db.prepare(`SELECT id FROM ${table} WHERE uid = ?`).pluck().get(uid) as number | undefined;
    if (id === undefined)
      throw new AppError(
        'VALIDATION',
        `会议包缺少它所引用的记录（${specOf.get(table)?.kind ?? table}），无法导入`,
        'contentBase64',
      );
    return id;
  };
  // A record matched by its natural key (a built-in rule set, a body of the same name) has another uid here.
  const alias = new Map<string, string>();
  const lookup = uidLookup(db);
  const localRecord = (spec: Spec, row: Record<string, unknown>) =>
    toRecord(db, spec, row, (t, id) => {
      const uid = lookup(t, id);
      return alias.get(uid) ?? uid;
    });

  const added = new Map<string, number>();
  const updated: PackageChange[] = [];
  const keptLocal: PackageChange[] = [];
  const conflicts: PackageChange[] = [];
  let unchanged = 0;
  type Op = (res: Record<string, 'local' | 'package'>, store: Store) => number;
  const ops: { kind: 'add' | 'update'; run: Op }[] = [];

  const rowValues = (spec: Spec, rec: Rec, cols: string[], store: Store) => {
    const v: Record<string, unknown> = {};
    for (const c of cols) {
      if (c in rec.f) v[c] = decode(rec.f[c]!);
      else if (c in rec.r) v[c] = localId(refTarget(spec, c, rec)!, rec.r[c]!);
      else if (c === 'stored_name') v[c] = store(rec.f.sha256 as string, String(rec.f.file_name));
    }
    return v;
  };

  for (const spec of SPECS) {
    const cols = columnsOf(db, spec.table).filter((c) => c !== 'id' && c !== 'uid');
    const recs = body.records.filter((r) => r.t === spec.table);
    if (spec.parent) {
      const parents = [...new Set(recs.map((r) => r.r[spec.parent!]!))];
      for (const parentUid of parents) {
        const key = `${spec.table}@${parentUid}`;
        const pkg = pkgIndex.get(key) as Rec[];
        const parentTable = refTarget(spec, spec.parent, pkg[0]!)!;
        const parentLocal = db.prepare(`SELECT id FROM ${parentTable} WHERE uid = ?`).pluck().get(parentUid) as
          number | undefined;
        const local =
          parentLocal === undefined
            ? []
            : ((index(
                (
                  db.prepare(`SELECT * FROM ${spec.table} WHERE ${spec.parent} = ?`).all(parentLocal) as Record<
                    string,
                    unknown
                  >[]
                ).map((row) => localRecord(spec, row)),
              ).get(key) as Rec[] | undefined) ?? []);
        const baseSet = (base?.get(key) as Rec[] | undefined) ?? null;
        const replace: Op = (res, store) => {
          if (decided(key, res) === 'local') return 0;
          const pid = localId(parentTable, parentUid)!;
          db.prepare(`DELETE FROM ${spec.table} WHERE ${spec.parent} = ?`).run(pid);
          const insert = db.prepare(
            `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
          );
          for (const rec of pkg) insert.run(rowValues(spec, rec, cols, store));
          return 1;
        };
        if (same(local, pkg)) unchanged++;
        else if (local.length === 0) {
          added.set(spec.kind, (added.get(spec.kind) ?? 0) + pkg.length);
          ops.push({ kind: 'add', run: replace });
        } else {
          const change: PackageChange = {
            key,
            record: `${names.get(parentUid) ?? parentTable}的${spec.kind}`,
            field: SET_LABEL,
            local: `${local.length}条`,
            package: `${pkg.length}条`,
          };
          if (baseSet && same(baseSet, local)) {
            updated.push(change);
            ops.push({ kind: 'update', run: (res, store) => replace({ ...res, [key]: 'package' }, store) });
          } else if (baseSet && same(baseSet, pkg)) keptLocal.push(change);
          else {
            conflicts.push({ ...change, local: describeSet(local), package: describeSet(pkg) });
            ops.push({ kind: 'update', run: replace });
          }
        }
      }
      continue;
    }
    for (const rec of recs) {
      const uid = rec.uid!;
      let row = db.prepare(`SELECT * FROM ${spec.table} WHERE uid = ?`).get(uid) as Record<string, unknown> | undefined;
      if (!row && spec.natural) {
        const nat = spec.natural.filter((c) => rec.f[c] !== null && rec.f[c] !== undefined);
        if (nat.length)
          row = db
            .prepare(`SELECT * FROM ${spec.table} WHERE ${nat.map((c) => `${c} = @${c}`).join(' AND ')}`)
            .get(Object.fromEntries(nat.map((c) => [c, rec.f[c]]))) as typeof row;
      }
      const label = `${spec.kind}“${names.get(uid) ?? uid}”`;
      if (!row) {
        const taken = (id: number) =>
          !!db.prepare(`SELECT 1 FROM ${spec.table} WHERE id = ?`).get(id) || allocated.get(spec.table)?.has(id);
        let id = rec.id!;
        if (taken(id)) {
          if (spec.keepId) {
            throw new AppError(
              'CONFLICT',
              `不能导入会议包：本机的第${id}号${spec.kind}是另一条记录，而会议的投票结果按编号引用${label}。请在新的数据目录中导入，或导入回导出它的电脑`,
              'contentBase64',
            );
          }
          id =
            Math.max(
              ...[...(allocated.get(spec.table) ?? [])],
              db.prepare(`SELECT COALESCE(MAX(id), 0) FROM ${spec.table}`).pluck().get() as number,
            ) + 1;
        }
        if (!allocated.has(spec.table)) allocated.set(spec.table, new Set());
        allocated.get(spec.table)!.add(id);
        uidToId.set(`${spec.table}:${uid}`, id);
        added.set(spec.kind, (added.get(spec.kind) ?? 0) + 1);
        ops.push({
          kind: 'add',
          run: (_res, store) => {
            const v = rowValues(spec, rec, cols, store);
            db.prepare(
              `INSERT INTO ${spec.table} (id, uid, ${cols.join(', ')}) VALUES (@id, @uid, ${cols.map((c) => `@${c}`).join(', ')})`,
            ).run({ ...v, id, uid });
            return 1;
          },
        });
        continue;
      }
      const id = row.id as number;
      uidToId.set(`${spec.table}:${uid}`, id);
      const natural = row.uid !== uid;
      if (natural) alias.set(row.uid as string, uid);
      const local = localRecord(spec, row);
      const b = (base?.get(`${spec.table}:${uid}`) as Rec | undefined) ?? null;
      const fields: string[] = [];
      for (const col of cols) {
        if (spec.local?.includes(col) || (natural && col === 'created_at')) continue;
        const inRef = col in rec.r;
        const p = inRef ? rec.r[col] : rec.f[col];
        const l = inRef ? local.r[col] : local.f[col];
        if (p === undefined || same(p, l)) continue;
        const bv = b ? (inRef ? b.r[col] : b.f[col]) : undefined;
        const key = `${spec.table}:${uid}:${col}`;
        const shown = (v: unknown) =>
          inRef && typeof v === 'string' ? (names.get(v) ?? show(v)) : show(decode(v as Value));
        const change: PackageChange = {
          key,
          record: label,
          field: FIELD_LABELS[col] ?? col,
          local: shown(l),
          package: shown(p),
        };
        if (b && bv !== undefined && same(bv, l)) {
          updated.push(change);
          fields.push(col);
        } else if (b && bv !== undefined && same(bv, p)) keptLocal.push(change);
        else {
          conflicts.push(change);
          fields.push(col);
        }
      }
      if (!fields.length) {
        unchanged++;
        continue;
      }
      ops.push({
        kind: 'update',
        run: (res, store) => {
          const take = fields.filter((c) => decided(`${spec.table}:${uid}:${c}`, res) !== 'local');
          if (!take.length) return 0;
          // Another file: stored under a new name here.
          if (take.includes('sha256') && cols.includes('stored_name')) take.push('stored_name');
          const v = rowValues(spec, rec, take, store);
          db.prepare(`UPDATE ${spec.table} SET ${take.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({
            ...v,
            id,
          });
          return 1;
        },
      });
    }
  }
  const conflictKeys = new Set(conflicts.map((c) => c.key));
  // Undecided conflicts never reach here (checked before apply); a change that is not a conflict is taken.
  function decided(key: string, res: Record<string, 'local' | 'package'>): 'local' | 'package' {
    return conflictKeys.has(key) ? res[key]! : 'package';
  }

  return {
    preview: { added: [...added].map(([kind, count]) => ({ kind, count })), updated, keptLocal, unchanged, conflicts },
    apply: (res, store) => {
      let nAdded = 0;
      let nUpdated = 0;
      for (const op of ops) {
        const n = op.run(res, store);
        if (op.kind === 'add') nAdded += n;
        else nUpdated += n;
      }
      return { added: nAdded, updated: nUpdated };
    },
  };
}

function refTarget(spec: Spec, col: string, rec: Rec): string | null {
  const ref = spec.refs[col];
  if (typeof ref !== 'function') return ref ?? null;
  return ref(Object.fromEntries(Object.entries(rec.f).map(([k, v]) => [k, decode(v)])));
}

function describeSet(recs: Rec[]): string {
  if (!recs.length) return '（无）';
  return `${recs.length}条`;
}

/** How the preview names a record: a person by name, a seat by its person, a round by its poll and number. */
function nameOf(rec: Rec, names: Map<string, string>): string {
  const f = rec.f;
  switch (rec.t) {
    case 'memberships':
      return names.get(rec.r.person_id ?? '') ?? '代表';
    case 'agenda_documents':
      return String(f.file_name);
    case 'poll_rounds':
      return `${names.get(rec.r.poll_id ?? '') ?? '投票'}第${String(f.round)}轮`;
    case 'meetings':
    case 'agenda_items':
    case 'polls':
    case 'project_lists':
    case 'poll_items':
      return String(f.title);
    default:
      return String(f.name ?? f.title ?? f.file_name ?? rec.uid);
  }
}

const KIND_OF_COUNT = (records: readonly Rec[]) => {
  const c: Record<string, number> = {};
  for (const r of records) {
    const k = specOf.get(r.t)!.kind;
    c[k] = (c[k] ?? 0) + 1;
  }
  return c;
};

interface Opened {
  digest: string;
  manifest: PackageManifest;
  body: Body;
}

export function meetingPackageService(deps: ServiceDeps) {
  const { db } = deps;
  const docsDir = path.join(deps.dataDir, 'documents');
  const installation = () => db.prepare('SELECT uid FROM installation WHERE id = 1').pluck().get() as string;
  const lastExchange = (meetingUid: string) =>
    db
      .prepare('SELECT digest FROM meeting_packages WHERE meeting_uid = ? ORDER BY at DESC, rowid DESC LIMIT 1')
      .pluck()
      .get(meetingUid) as string | undefined;

  function open(input: { fileName: string; contentBase64: string }): Opened {
    const { digest, manifest, body } = readPackage(
      input.fileName,
      Buffer.from(input.contentBase64, 'base64'),
      latestSchema,
    );
    const b = body as Body;
    for (const [sha, content] of Object.entries(b.files)) {
      if (storeHash(Buffer.from(content, 'base64')) !== sha)
        throw new AppError('VALIDATION', `不能导入会议包“${input.fileName}”：其中的附件已损坏`, 'contentBase64');
    }
    return { digest, manifest, body: b };
  }

  function summary(o: Opened, fileName: string) {
    const m = o.manifest;
    let audit: PackagePreview['audit'] = null;
    if (m.audit) {
      const problem = segmentProblem(o.body.audit);
      if (problem)
        throw new AppError(
          'VALIDATION',
          `不能导入会议包“${fileName}”：带回的审计记录不完整（${problem}）`,
          'contentBase64',
        );
      const first = o.body.audit[0];
      const from = first ? (JSON.parse(first.detail) as { digest?: string }).digest : undefined;
      const linked =
        !!first &&
        first.action === 'meetingPackage.import' &&
        !!from &&
        !!db.prepare("SELECT 1 FROM meeting_packages WHERE digest = ? AND direction = 'export'").get(from);
      audit = { entries: o.body.audit.length, head: m.audit.head, linked };
    }
    return {
      digest: o.digest,
      fileName,
      formatVersion: 1,
      schemaVersion: m.schemaVersion,
      createdAt: m.createdAt,
      origin: m.origin === installation() ? '本机' : m.origin,
      meeting: m.meeting,
      basedOn: m.basedOn,
      counts: m.counts,
      audit,
    };
  }

  function prepared(o: Opened, fileName: string) {
    const seen = db.prepare('SELECT direction, at FROM meeting_packages WHERE digest = ?').get(o.digest) as
      { direction: string; at: string } | undefined;
    if (seen) {
      throw new AppError(
        'CONFLICT',
        `会议包“${fileName}”已于${format(new Date(seen.at), 'yyyy年M月d日 HH:mm')}${seen.direction === 'export' ? '由本机导出' : '导入本机'}，无需再次导入`,
        'contentBase64',
      );
    }
    const baseRow = o.manifest.basedOn
      ? (db.prepare('SELECT records FROM meeting_packages WHERE digest = ?').pluck().get(o.manifest.basedOn) as
          string | undefined)
      : undefined;
    const base = baseRow ? index(JSON.parse(baseRow) as Rec[]) : null;
    return { summary: summary(o, fileName), plan: plan(db, o.body, base) };
  }

  return {
    'meetingPackages.export': (input: ParsedInput<'meetingPackages.export'>, ctx: WriteContext): ExportedFile => {
      const m = db
        .prepare(
          'SELECT m.id, m.uid, m.title, m.date, m.status, b.name AS body FROM meetings m JOIN bodies b ON b.id = m.body_id WHERE m.id = ?',
        )
        .get(input.meetingId) as
        | {
            id: number;
            uid: string;
            title: string;
            date: string;
            status: 'preparing' | 'open' | 'closed';
            body: string;
          }
        | undefined;
      if (!m) throw new AppError('NOT_FOUND', `找不到编号为${input.meetingId}的会议`, 'meetingId');
      // A package taken while a secret round is open, compared with one taken later, shows how those between voted.
      if (
        db
          .prepare(
            "SELECT 1 FROM poll_rounds r JOIN polls p ON p.id = r.poll_id WHERE p.meeting_id = ? AND p.secrecy = 'secret' AND r.status IN ('open', 'counting')",
          )
          .get(m.id)
      ) {
        throw new AppError('CONFLICT', '本会议有无记名投票正在进行，暂不能导出会议包：请在投票结束后导出', 'meetingId');
      }
      const records = collect(db, m.id);
      const files: Record<string, string> = {};
      for (const t of ['agenda_documents', 'project_files']) {
        for (const r of db.prepare(specOf.get(t)!.select).all({ m: m.id }) as {
          stored_name: string;
          sha256: string;
          file_name: string;
        }[]) {
          const content = readStoredFile(docsDir, r.stored_name);
          if (!content)
            throw new AppError('NOT_FOUND', `附件“${r.file_name}”的文件已不在数据目录中，无法导出会议包`, 'meetingId');
          files[r.sha256] = content.toString('base64');
        }
      }
      // The stretch of this laptop's chain since it imported the meeting: the session's entries, going home.
      // Only where the meeting came in by a package (the first exchange was an import): the office sends none.
      const first = db
        .prepare('SELECT digest, direction FROM meeting_packages WHERE meeting_uid = ? ORDER BY at, rowid LIMIT 1')
        .get(m.uid) as { digest: string; direction: string } | undefined;
      const imported = first?.direction === 'import' ? first.digest : undefined;
      const fromId = imported
        ? (db
            .prepare(
              "SELECT id FROM audit_log WHERE action = 'meetingPackage.import' AND json_extract(detail, '$.digest') = ?",
            )
            .pluck()
            .get(imported) as number | undefined)
        : undefined;
      const audit = fromId
        ? (db.prepare('SELECT * FROM audit_log WHERE id >= ? ORDER BY id').all(fromId) as AuditRow[])
        : [];
      const last = audit[audit.length - 1];
      const manifest: PackageManifest = {
        schemaVersion: schemaVersion(db),
        createdAt: ctx.now,
        origin: installation(),
        meetingUid: m.uid,
        meeting: { title: m.title, date: m.date, body: m.body, status: meetingStatusLabels[m.status] },
        basedOn: lastExchange(m.uid) ?? null,
        counts: KIND_OF_COUNT(records),
        audit: fromId ? { entries: audit.length, head: last ? { id: last.id, hash: last.hash } : null } : null,
      };
      const { content, digest } = writePackage(manifest, { records, files, audit } satisfies Body);
      db.prepare(
        "INSERT INTO meeting_packages (digest, direction, meeting_uid, based_on, records, at) VALUES (?, 'export', ?, ?, ?, ?)",
      ).run(digest, m.uid, manifest.basedOn, JSON.stringify(records), ctx.now);
      const fileName = fileNameOf(
        `${m.title}-会议包-${format(new Date(ctx.now), 'yyyyMMdd-HHmmss')}${PACKAGE_EXTENSION}`,
      );
      ctx.audit({
        action: 'meetingPackage.export',
        entity: 'meeting',
        entityId: m.id,
        detail: {
          fileName,
          digest,
          size: content.length,
          counts: manifest.counts,
          basedOn: manifest.basedOn,
          auditEntries: audit.length,
        },
      });
      return { fileName, mimeType: 'application/octet-stream', contentBase64: content.toString('base64') };
    },

    'meetingPackages.preview': (input: ParsedInput<'meetingPackages.preview'>): PackagePreview => {
      const p = prepared(open(input), input.fileName);
      return { ...p.summary, ...p.plan.preview };
    },

    'meetingPackages.import': twoStep(
      async (input: ParsedInput<'meetingPackages.import'>) => open(input),
      (input, o, ctx): PackageImported => {
        const p = prepared(o, input.fileName);
        const { conflicts } = p.plan.preview;
        const resolutions = Object.fromEntries(input.resolutions.map((r) => [r.key, r.choice]));
        const open = conflicts.filter((c) => !resolutions[c.key]);
        if (open.length) {
          throw new AppError(
            'VALIDATION',
            `还有${open.length}项冲突未处理（${open
              .slice(0, 3)
              .map((c) => `${c.record}的${c.field}`)
              .join('、')}${open.length > 3 ? '等' : ''}），请逐项选择保留本机或采用会议包`,
            'resolutions',
          );
        }
        const stored = new Map<string, string>();
        const store: Store = (sha, fileName) => {
          let name = stored.get(sha);
          if (!name) {
            const content = o.body.files[sha];
            if (content === undefined) throw new AppError('VALIDATION', `会议包缺少附件“${fileName}”`, 'contentBase64');
            name = storeFile(docsDir, fileName, Buffer.from(content, 'base64')).storedName;
            stored.set(sha, name);
          }
          return name;
        };
        let done: { added: number; updated: number };
        try {
          done = p.plan.apply(resolutions, store);
        } catch (e) {
          if (e instanceof AppError) throw e;
          throw new AppError(
            'CONFLICT',
            `会议包与本机数据不一致，未导入任何内容（${(e as Error).message}）`,
            'contentBase64',
          );
        }
        db.prepare(
          "INSERT INTO meeting_packages (digest, direction, meeting_uid, based_on, records, at) VALUES (?, 'import', ?, ?, ?, ?)",
        ).run(o.digest, o.manifest.meetingUid, o.manifest.basedOn, JSON.stringify(o.body.records), ctx.now);
        const insertAudit = db.prepare(
          'INSERT INTO package_audit (package_digest, id, at, actor, action, entity, entity_id, detail, ' +
            'prev_hash, hash) VALUES (@digest, @id, @at, @actor, @action, @entity, @entity_id, @detail, @prev_hash, @hash)',
        );
        for (const r of o.body.audit) insertAudit.run({ ...r, digest: o.digest });
        const meetingId = db
          .prepare('SELECT id FROM meetings WHERE uid = ?')
          .pluck()
          .get(o.manifest.meetingUid) as number;
        const resolved = { local: 0, package: 0 };
        for (const c of conflicts) resolved[resolutions[c.key]!]++;
        ctx.audit({
          action: 'meetingPackage.import',
          entity: 'meeting',
          entityId: meetingId,
          detail: {
            fileName: input.fileName,
            digest: o.digest,
            origin: o.manifest.origin,
            basedOn: o.manifest.basedOn,
            counts: o.manifest.counts,
            added: done.added,
            updated: done.updated,
            conflicts: resolved,
            ...(p.summary.audit
              ? {
                  sessionAudit: {
                    entries: p.summary.audit.entries,
                    head: p.summary.audit.head,
                    linked: p.summary.audit.linked,
                  },
                }
              : {}),
          },
        });
        ctx.emit('meetingPackages.imported', { meetingId, digest: o.digest });
        ctx.emit('meeting.changed', { meetingId });
        return {
          digest: o.digest,
          meetingId,
          added: done.added,
          updated: done.updated,
          conflictsResolved: resolved,
          auditId: db.prepare('SELECT MAX(id) FROM audit_log').pluck().get() as number,
        };
      },
    ),
  };
}

function storeHash(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
