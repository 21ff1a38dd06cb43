/** Records as they cross the API. Dates are ISO strings (yyyy-MM-dd, or full ISO timestamps for times). */

export const BODY_KINDS = ['district_congress', 'standing_committee', 'street_council', 'township_congress'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const bodyKindLabels: Record<BodyKind, string> = {
  district_congress: '区人民代表大会',
  standing_committee: '区人大常委会',
  street_council: '街道议事代表会议',
  township_congress: '镇人民代表大会',
};

/** What a member of each kind of body is called. */
export const memberNoun: Record<BodyKind, string> = {
  district_congress: '代表',
  standing_committee: '组成人员',
  street_council: '议事代表',
  township_congress: '代表',
};

/**
 * All the members of a body, as a pass rule names its base (全体代表的过半数): a 票决 names the body's own members
 * (../shared/rules/README.md §1, §3–4).
 */
export const allMembersText: Record<BodyKind, string> = {
  district_congress: '全体代表',
  standing_committee: '常委会全体组成人员',
  street_council: '全体议事代表',
  township_congress: '全体镇人大代表',
};

export interface Body {
  id: number;
  kind: BodyKind;
  name: string;
  /** The street or township a council/township congress belongs to. */
  area: string | null;
  term: string | null;
  activeMembers: number;
  createdAt: string;
}

export const GENDERS = ['男', '女'] as const;
export type Gender = (typeof GENDERS)[number];

export interface Member {
  membershipId: number;
  personId: number;
  bodyId: number;
  name: string;
  /** Full pinyin without tones or spaces, surname read as a surname (单 → shan). */
  pinyin: string;
  /** Pinyin initials, e.g. zs for 张三. */
  initials: string;
  gender: Gender | null;
  ethnicity: string | null;
  party: string | null;
  unitTitle: string | null;
  constituency: string | null;
  phone: string | null;
  seatNo: string | null;
  since: string | null;
  until: string | null;
  notes: string | null;
  /**
   * Also a 区人大代表 (兼任人大代表): meaningful in a 街道议事代表会议, whose double threshold counts these members'
   * votes apart (../shared/rules/README.md §1, §3). false elsewhere unless a clerk set it.
   */
  npcDeputy: boolean;
  /** Other bodies this person sits in (names), so a clerk sees overlaps. */
  otherBodies: string[];
  active: boolean;
}

export interface ImportIssue {
  /** Row number as the clerk sees it in the spreadsheet (1-based, counting the header). 0 = the file itself. */
  row: number;
  /** Column header as in the file, or the field's Chinese name. */
  field: string;
  message: string;
}

export interface ImportRowPreview {
  row: number;
  name: string;
  gender: string | null;
  ethnicity: string | null;
  party: string | null;
  unitTitle: string | null;
  constituency: string | null;
  phone: string | null;
  /**
   * new person, an existing person joining this body, or a row with errors; in update mode (导入方式“更新已有成员”)
   * also a member of the body whose record the row changes, or one it leaves as is.
   */
  status: 'new' | 'link' | 'error' | 'changed' | 'unchanged';
  /** Update mode: the member the row was matched to. */
  membershipId?: number;
  /** Update mode: what the row changes, old → new, under the Chinese field names. */
  changes?: ImportFieldChange[];
}

export interface ImportFieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** How a roster file is applied: add its rows as new members (default), or also update the members it matches. */
export const IMPORT_MODES = ['add', 'update'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** Update mode: what a commit would do. Members missing from the file are listed, never ended. */
export interface ImportUpdateSummary {
  added: number;
  linked: number;
  changed: number;
  unchanged: number;
  missing: { membershipId: number; name: string; phone: string | null; seatNo: string | null }[];
}

export interface ImportPreview {
  fileName: string;
  sheetName: string | null;
  headerRow: number;
  /** Column header in file → field it was read as. */
  columns: { header: string; field: string }[];
  totalRows: number;
  validRows: number;
  issues: ImportIssue[];
  rows: ImportRowPreview[];
  /** Roster imports in update mode only. */
  mode?: ImportMode;
  update?: ImportUpdateSummary;
}

export interface ImportResult {
  imported: number;
  linked: number;
  auditId: number;
  /** Roster imports in update mode: members whose records were changed, and those left as they were. */
  changed?: number;
  unchanged?: number;
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
  hash: string;
}

/** One thing audit.verify found wrong, in Chinese, with where it was found. */
export interface AuditFinding {
  /**
   * chain: the hash chain itself; anchor: a backup's recorded chain head; round: a closed round against its close
   * entry; roll: a meeting's roll at open against the digest in its open entry.
   */
  kind: 'chain' | 'anchor' | 'round' | 'roll';
  /** Where, in words: "备份“yishitai-…”", "第3轮票决《…》（会议《…》）". */
  where: string;
  message: string;
  roundId: number | null;
  backup: string | null;
}

export interface AuditVerification {
  /** The chain is intact, matches every anchor, and every closed round checks out. */
  ok: boolean;
  /** Audit rows whose hash was checked. */
  checked: number;
  /** First row whose hash does not match, when the chain is broken. */
  brokenAt: number | null;
  /** The summary line: all well, or how many problems and the first. */
  message: string;
  /** Anchors kept outside the database (each backup's recorded chain head) compared with the live chain. */
  anchors: number;
  /** Closed rounds recounted and compared with their close entries. */
  rounds: number;
  /** Everything found wrong; empty when ok. */
  findings: AuditFinding[];
  /** What could not be checked, and why (a round closed before digests were written, anchors a restore replaced). */
  notes: string[];
}

export interface SystemInfo {
  app: string;
  version: string;
  schemaVersion: number;
  dataDir: string;
  dbFile: string;
  transport: 'ipc' | 'http';
  startedAt: string;
}
