import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerification } from '../../shared/contract';
import type { Db } from './open';
import { statement } from './statements';

/**
 * The audit log: append-only (triggers refuse UPDATE and DELETE) and hash-chained, so an edit made to the file
 * by other means is found by verifyAudit. Each row is written inside the transaction of the change it records.
 */
export interface AuditInput {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  detail?: unknown;
  /** When the change happened; now by default. */
  at?: string;
}

const GENESIS = '0'.repeat(64);

export function rowHash(
  prev: string,
  r: {
    id: number;
    at: string;
    actor: string;
    action: string;
    entity: string;
    entity_id: string | null;
    detail: string;
  },
): string {
  const canonical = JSON.stringify([r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.detail]);
  return createHash('sha256').update(prev).update('\n').update(canonical).digest('hex');
}

/** Append one entry. Call inside the transaction of the change it records. Returns the new row's id. */
export function appendAudit(db: Db, e: AuditInput): number {
  const last = statement(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined;
  const row = {
    id: (last?.id ?? 0) + 1,
    at: e.at ?? new Date().toISOString(),
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    detail: JSON.stringify(e.detail ?? null),
  };
  const prev = last?.hash ?? GENESIS;
  const hash = rowHash(prev, row);
  statement(
    db,
    'INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(row.id, row.at, row.actor, row.action, row.entity, row.entity_id, row.detail, prev, hash);
  return row.id;
}

/** The newest entry's id (0 on an empty log): inside a change, the entry it just wrote. */
export const lastAuditId = (db: Db): number =>
  statement(db, 'SELECT COALESCE(MAX(id), 0) FROM audit_log', 'pluck').get() as number;

/** The details (JSON) of one kind of entity's entries after an entry, oldest first; entity ids starting with `idPrefix`. */
export const auditDetailsSince = (db: Db, entity: string, idPrefix: string, afterId: number): string[] =>
  statement(
    db,
    'SELECT detail FROM audit_log WHERE entity = ? AND entity_id LIKE ? AND id > ? ORDER BY id',
    'pluck',
  ).all(entity, `${idPrefix}%`, afterId) as string[];

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/**
 * A stretch of another file's chain (a session laptop's entries brought back with its results): consecutive ids,
 * each row hashing to its hash and pointing at the one before. Where it starts is the caller's to check. Null when sound.
 */
export function segmentProblem(rows: readonly AuditRow[]): string | null {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (i > 0 && r.id !== rows[i - 1]!.id + 1) return `第${rows[i - 1]!.id + 1}条审计记录缺失`;
    if (i > 0 && r.prev_hash !== rows[i - 1]!.hash) return `第${r.id}条审计记录与前一条的哈希不衔接`;
    if (rowHash(r.prev_hash, r) !== r.hash) return `第${r.id}条审计记录的内容与其哈希不符`;
  }
  return null;
}

export type ChainCheck = Pick<AuditVerification, 'ok' | 'checked' | 'brokenAt' | 'message'>;

/** Walk the whole chain: every row must hash to its stored hash and point at the previous row's hash. */
export function verifyAudit(db: Db): ChainCheck {
  let prev = GENESIS;
  let expectedId = 1;
  let checked = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<{
    id: number;
    at: string;
    actor: string;
    action: string;
    entity: string;
    entity_id: string | null;
    detail: string;
    prev_hash: string;
    hash: string;
  }>) {
    const broken = (message: string): ChainCheck => ({ ok: false, checked, brokenAt: r.id, message });
    if (r.id !== expectedId) return broken(`第${expectedId}条审计记录缺失（下一条为第${r.id}条）`);
    if (r.prev_hash !== prev) return broken(`第${r.id}条审计记录与前一条的哈希不衔接，前一条可能被改动或删除`);
    if (rowHash(prev, r) !== r.hash) return broken(`第${r.id}条审计记录的内容与其哈希不符，可能被改动`);
    prev = r.hash;
    expectedId++;
    checked++;
  }
  return {
    ok: true,
    checked,
    brokenAt: null,
    message: checked ? `审计日志完整：${checked}条记录全部校验通过` : '审计日志为空',
  };
}

export interface AuditFilter {
  meetingId?: number;
  /** The actions to include (a group of them); none = all. */
  actions?: string[];
  /** ISO timestamps, from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

/**
 * What belongs to a meeting: the meeting itself, its agenda items and their files, its sign-in, its votes and
 * project votes, and what the screen showed of it. Matched by entity and id, so the rows need no meeting column.
 */
const MEETING_ROWS = `(
  (entity = 'meeting' AND entity_id = @meetingText)
  OR (entity = 'agenda_item' AND entity_id IN (SELECT CAST(id AS TEXT) FROM agenda_items WHERE meeting_id = @meetingId))
  OR (entity = 'agenda_document' AND entity_id IN (SELECT CAST(d.id AS TEXT) FROM agenda_documents d JOIN agenda_items i ON i.id = d.item_id WHERE i.meeting_id = @meetingId))
  OR (entity = 'attendance' AND entity_id LIKE @meetingText || ':%')
  -- entries written before the one poll engine (migration 0006) name a 票决 round by its old id (poll_rounds.legacy);
  -- a motion kept its id
  OR (id > (SELECT through_id FROM audit_before_polls) AND (
    (entity IN ('vote', 'project_vote', 'evaluation') AND (entity, entity_id) IN (SELECT CASE p.kind WHEN 'motion' THEN 'vote' ELSE p.kind END, CAST(r.id AS TEXT)
        FROM poll_rounds r JOIN polls p ON p.id = r.poll_id WHERE p.meeting_id = @meetingId))
    OR (entity = 'screen' AND (json_extract(detail, '$.meetingId') = @meetingId
      OR COALESCE(json_extract(detail, '$.roundId'), json_extract(detail, '$.voteId'), json_extract(detail, '$.projectVoteId'))
        IN (SELECT r.id FROM poll_rounds r JOIN polls p ON p.id = r.poll_id WHERE p.meeting_id = @meetingId)))))
  OR (id <= (SELECT through_id FROM audit_before_polls) AND (
    (entity = 'vote' AND entity_id IN (SELECT CAST(r.id AS TEXT) FROM poll_rounds r JOIN polls p ON p.id = r.poll_id WHERE p.meeting_id = @meetingId AND p.kind = 'motion'))
    OR (entity = 'project_vote' AND 'project_votes:' || entity_id IN (SELECT r.legacy FROM poll_rounds r JOIN polls p ON p.id = r.poll_id WHERE p.meeting_id = @meetingId))
    OR (entity = 'screen' AND (json_extract(detail, '$.meetingId') = @meetingId
      OR json_extract(detail, '$.voteId') IN (SELECT r.id FROM poll_rounds r JOIN polls p ON p.id = r.poll_id WHERE p.meeting_id = @meetingId AND p.kind = 'motion')
      OR 'project_votes:' || json_extract(detail, '$.projectVoteId') IN (SELECT r.legacy FROM poll_rounds r JOIN polls p ON p.id = r.poll_id WHERE p.meeting_id = @meetingId)))))
)`;

function where(filter: AuditFilter): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.meetingId !== undefined) {
    parts.push(MEETING_ROWS);
    params.meetingId = filter.meetingId;
    // Bound as text: entity_id is TEXT, and a JS number binds as a REAL whose text is "3.0".
    params.meetingText = String(filter.meetingId);
  }
  if (filter.actions) {
    parts.push(`action IN (SELECT value FROM json_each(@actions))`);
    params.actions = JSON.stringify(filter.actions);
  }
  if (filter.from) {
    parts.push('at >= @from');
    params.from = filter.from;
  }
  if (filter.to) {
    parts.push('at < @to');
    params.to = filter.to;
  }
  return { sql: parts.length ? ` AND ${parts.join(' AND ')}` : '', params };
}

type ListedRow = Omit<AuditRow, 'prev_hash'>;
const toEntry = (r: ListedRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  detail: JSON.parse(r.detail),
  hash: r.hash,
});

export function listAudit(db: Db, limit: number, beforeId?: number, filter: AuditFilter = {}): AuditEntry[] {
  const w = where(filter);
  const rows = db
    .prepare(
      `SELECT id, at, actor, action, entity, entity_id, detail, hash FROM audit_log WHERE id < @beforeId${w.sql} ORDER BY id DESC LIMIT @limit`,
    )
    .all({ ...w.params, beforeId: beforeId ?? Number.MAX_SAFE_INTEGER, limit }) as ListedRow[];
  return rows.map(toEntry);
}
