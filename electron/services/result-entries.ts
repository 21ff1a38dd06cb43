import type { PollKind } from '../../shared/contract';
import type { Db } from '../db/open';
import { POLL_AUDIT_ACTIONS } from './polls';

/**
 * The audit entries that record a result: a round's close entry (表决、票决、测评结束), a candidate list's 空缺决定,
 * a meeting's 闭会. audit.verify checks a closed round against its close entry; a result document's fingerprint is
 * the entry that recorded its result (./fingerprints.ts). Both find them here.
 */

export interface ResultEntryRow {
  id: number;
  at: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string;
  hash: string;
}

const ENTITY: Record<PollKind, string> = { motion: 'vote', project_vote: 'project_vote', evaluation: 'evaluation' };

export function resultEntries(db: Db) {
  const through = () => db.prepare('SELECT through_id FROM audit_before_polls').pluck().get() as number;
  // Entries written before the one poll engine (migration 0006) name a 票决 round by its old id (poll_rounds.legacy).
  const closeQuery =
    db.prepare(`SELECT id, at, action, entity, entity_id, detail, hash FROM audit_log WHERE action = @action AND (
      (entity_id = @id AND (id > @through OR @kind = 'motion')) OR (id <= @through AND 'project_votes:' || entity_id = @legacy)) ORDER BY id DESC LIMIT 1`);
  const legacyOf = db.prepare('SELECT legacy FROM poll_rounds WHERE id = ?').pluck();
  const byEntity = db.prepare(
    'SELECT id, at, action, entity, entity_id, detail, hash FROM audit_log WHERE action = ? AND entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1',
  );

  /** The entry that closed a round (the latest, should a round ever be closed twice). */
  function roundClose(r: { id: number; kind: PollKind }): ResultEntryRow | undefined {
    return closeQuery.get({
      action: POLL_AUDIT_ACTIONS[r.kind].close,
      id: String(r.id),
      through: through(),
      kind: r.kind,
      legacy: (legacyOf.get(r.id) as string | null) ?? null,
    }) as ResultEntryRow | undefined;
  }

  // A round run on the session laptop and brought back in a meeting package (./meeting-package.ts) closed there:
  // its close entry is in that laptop's stretch of chain kept in package_audit, under the id the round had there,
  // which the package's own records give for the round's uid (the newest package that carried it).
  let sessionIds: Map<string, { digest: string; id: number }> | null = null;
  const uidOf = db.prepare('SELECT uid FROM poll_rounds WHERE id = ?').pluck();
  const broughtBackQuery = db.prepare(
    'SELECT id, at, action, entity, entity_id, detail, hash FROM package_audit WHERE package_digest = ? AND action = ? AND entity_id = ? ORDER BY id DESC LIMIT 1',
  );
  function broughtBackClose(r: { id: number; kind: PollKind }): ResultEntryRow | undefined {
    if (!sessionIds) {
      sessionIds = new Map();
      const packages = db
        .prepare("SELECT digest, records FROM meeting_packages WHERE direction = 'import' ORDER BY at, rowid")
        .all() as { digest: string; records: string }[];
      for (const p of packages) {
        for (const rec of JSON.parse(p.records) as { t: string; uid?: string; id?: number }[]) {
          if (rec.t === 'poll_rounds' && rec.uid && rec.id !== undefined)
            sessionIds.set(rec.uid, { digest: p.digest, id: rec.id });
        }
      }
    }
    const uid = uidOf.get(r.id) as string | null | undefined;
    const at = uid ? sessionIds.get(uid) : undefined;
    return at
      ? (broughtBackQuery.get(at.digest, POLL_AUDIT_ACTIONS[r.kind].close, String(at.id)) as ResultEntryRow | undefined)
      : undefined;
  }

  /** What a result entry is the result of: the round, list or meeting it names (null for any other entry). */
  function subjectOf(
    e: Pick<ResultEntryRow, 'id' | 'action' | 'entity' | 'entity_id'>,
  ): { kind: 'round' | 'list' | 'meeting'; id: number } | null {
    if (!e.entity_id) return null;
    if (e.action === 'meeting.close' && e.entity === 'meeting') return { kind: 'meeting', id: Number(e.entity_id) };
    if (e.action === 'projectList.settle' && e.entity === 'project_list')
      return { kind: 'list', id: Number(e.entity_id) };
    const kind = (Object.keys(POLL_AUDIT_ACTIONS) as PollKind[]).find(
      (k) => POLL_AUDIT_ACTIONS[k].close === e.action && ENTITY[k] === e.entity,
    );
    if (!kind) return null;
    if (kind === 'project_vote' && e.id <= through()) {
      const id = db
        .prepare('SELECT id FROM poll_rounds WHERE legacy = ?')
        .pluck()
        .get(`project_votes:${e.entity_id}`) as number | undefined;
      return id ? { kind: 'round', id } : null;
    }
    return { kind: 'round', id: Number(e.entity_id) };
  }

  return {
    roundClose,
    broughtBackClose,
    subjectOf,
    settle: (listId: number) =>
      byEntity.get('projectList.settle', 'project_list', String(listId)) as ResultEntryRow | undefined,
    meetingClose: (meetingId: number) =>
      byEntity.get('meeting.close', 'meeting', String(meetingId)) as ResultEntryRow | undefined,
  };
}
