import type { AuditFinding, AuditVerification } from '../../shared/contract';
import { verifyAudit } from '../db/audit';
import { ballotDigest, DIGEST_MAX_BALLOTS, resultDigest } from '../db/ballot-digest';
import { meetingStatusRow } from '../db/tables/meetings';
import type { RoundRecord } from '../db/tables/polls';
import { rollSinceOpen, type RollAtOpen } from './attendance';
import { listBackups } from './backup';
import { anchorProblem } from './fingerprints';
import type { ServiceDeps } from './context';
import { meetingQueries } from './meetings';
import type { PollEngine } from './polls';
import { resultEntries } from './result-entries';
import { localTime } from './xlsx-export';

/**
 * audit.verify (issue 12 item 3): the hash chain alone is found out by anyone who deletes its newest rows or
 * rewrites it whole and consistently, and it says nothing of a result or ballot edited in its own table. So the
 * chain is also checked against anchors kept outside the database — the chain head recorded with every backup, the
 * fingerprints of result documents a clerk checked from paper —
 * and every closed round against its close entry: the result recorded then, a recount from its ballots (the
 * engine's own recount), and the digest of its ballots written at close.
 */

interface CloseDetail {
  result?: unknown;
  outcome?: string;
  announcement?: string;
  resultDigest?: string;
  ballotsDigest?: string | null;
}

export function verifyAuditTrail(
  deps: Pick<ServiceDeps, 'db' | 'dataDir' | 'nativeBinding'>,
  engine: PollEngine,
): AuditVerification {
  const { db } = deps;
  const findings: AuditFinding[] = [];
  const notes: string[] = [];

  const chain = verifyAudit(db);
  if (!chain.ok)
    findings.push({
      kind: 'chain',
      where: `审计日志第${chain.brokenAt}条`,
      message: chain.message,
      roundId: null,
      backup: null,
    });

  // ---- anchors: each backup's chain head must be in the live chain, with the same hash at that id ----
  const hashAt = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck();
  const lastId = (db.prepare('SELECT MAX(id) FROM audit_log').pluck().get() as number | null) ?? 0;
  // A restore replaces the records after the restored file's head: anchors from the replaced records no longer apply.
  const restores = (
    db.prepare("SELECT id, at, detail FROM audit_log WHERE action = 'backup.restore' ORDER BY id").all() as {
      id: number;
      at: string;
      detail: string;
    }[]
  ).map((x) => ({
    ...x,
    d: JSON.parse(x.detail) as { from?: string; auditHead?: { id: number; hash: string } | null },
  }));
  let anchors = 0;
  for (const b of listBackups(deps.dataDir, deps.nativeBinding)) {
    const head = b.auditHead;
    if (!head) continue;
    const where = `备份“${b.name}”（${localTime(b.createdAt)}）`;
    const live = hashAt.get(head.id) as string | undefined;
    if (live === head.hash) {
      anchors++;
      continue;
    }
    const replaced = restores.find(
      (x) =>
        x.at >= b.createdAt &&
        x.d.auditHead &&
        head.id > x.d.auditHead.id &&
        hashAt.get(x.d.auditHead.id) === x.d.auditHead.hash,
    );
    if (replaced) {
      notes.push(`${where}：其记下的第${head.id}条审计记录已随恢复“${replaced.d.from ?? ''}”被取代，未作比对`);
      continue;
    }
    const message =
      live === undefined
        ? head.id > lastId
          ? `记下的审计链头是第${head.id}条，审计日志现在只到第${lastId}条：第${lastId + 1}条起的最新记录被删除`
          : `记下的第${head.id}条审计记录已不存在`
        : `记下的第${head.id}条审计记录哈希为${head.hash.slice(0, 12)}…，现在为${live.slice(0, 12)}…：审计日志被改写`;
    findings.push({ kind: 'anchor', where, message, roundId: null, backup: b.name });
  }

  // ---- anchors: each fingerprint checked from paper must still name its entry with the same hash ----
  const paper = db
    .prepare('SELECT code, entry_id, hash_part, first_checked_at FROM fingerprint_anchors ORDER BY entry_id, code')
    .all() as { code: string; entry_id: number; hash_part: string; first_checked_at: string }[];
  for (const a of paper) {
    const problem = anchorProblem(a.entry_id, a.hash_part, hashAt.get(a.entry_id) as string | undefined, lastId);
    if (!problem) anchors++;
    else
      findings.push({
        kind: 'anchor',
        where: `纸面指纹“${a.code}”（${localTime(a.first_checked_at)}核验）`,
        message: problem,
        roundId: null,
        backup: null,
      });
  }

  // ---- closed rounds: against the close entry, recounted, and their ballots' digest ----
  const entries = resultEntries(db);
  const ids = db.prepare("SELECT id FROM poll_rounds WHERE status = 'closed' ORDER BY id").pluck().all() as number[];
  let withoutDigest = 0;
  for (const id of ids) {
    const r = engine.round(id);
    const where = `${roundName(r)}（会议《${meetingStatusRow(db, r.meetingId)?.title ?? r.meetingId}》）`;
    const found = (message: string) => findings.push({ kind: 'round', where, message, roundId: r.id, backup: null });
    const raw = (entries.roundClose(r) ?? entries.broughtBackClose(r))?.detail;
    const entry = raw ? (JSON.parse(raw) as CloseDetail | null) : null;
    if (!entry) {
      notes.push(`${where}：没有找到结束时的审计记录，只做了重新计票`);
    } else {
      const resultChanged =
        entry.resultDigest !== undefined
          ? entry.resultDigest !== resultDigest(r.result)
          : (entry.result !== undefined && JSON.stringify(entry.result) !== JSON.stringify(r.result)) ||
            (entry.outcome !== undefined && entry.outcome !== engine.outcomeOf(r));
      if (resultChanged) found('记录的结果与结束时审计的结果不一致（结果在结束后被改动）');
      if (entry.announcement !== undefined && entry.announcement !== r.announcement)
        found('公布的结果文字与结束时审计的不一致（在结束后被改动）');
      if (entry.ballotsDigest === undefined) withoutDigest++;
      else if (entry.ballotsDigest === null)
        notes.push(`${where}：选票超过${DIGEST_MAX_BALLOTS}张，结束时未记录选票摘要，只比对了结果并重新计票`);
      else if (entry.ballotsDigest !== ballotDigest(engine.ballots.digestRows(r.id)))
        found('选票摘要与结束时记录的不一致（选票在结束后被改动）');
    }
    try {
      if (!engine.recount(r).matches) found('按选票重新计票的结果与记录的结果不一致（选票或结果被改动）');
    } catch (e) {
      found(`无法重新计票：${(e as Error).message}`);
    }
  }
  if (withoutDigest)
    notes.push(
      `${withoutDigest}轮投票结束于启用选票摘要之前，结束时没有记录选票摘要，只比对了结果并重新计票（不算作改动）`,
    );

  // ---- each opened meeting: the roll rebuilt as it was at open against the digest in its open entry ----
  const q = meetingQueries(db);
  const openEntries = db
    .prepare(
      `SELECT e.id, e.entity_id AS meetingId, e.detail FROM audit_log e
      WHERE e.entity = 'meeting' AND e.action IN ('meeting.open', 'meeting.open.override')
        AND e.id = (SELECT MAX(x.id) FROM audit_log x WHERE x.entity = 'meeting' AND x.entity_id = e.entity_id AND x.action IN ('meeting.open', 'meeting.open.override'))
      ORDER BY e.id`,
    )
    .all() as { id: number; meetingId: string; detail: string }[];
  let rolls = 0;
  let rollsWithout = 0;
  for (const e of openEntries) {
    const recorded = (JSON.parse(e.detail) as { roll?: RollAtOpen } | null)?.roll;
    const meetingId = Number(e.meetingId);
    if (!meetingStatusRow(db, meetingId)) continue;
    if (!recorded?.digest) {
      rollsWithout++;
      continue;
    }
    rolls++;
    const m = q.getMeeting(meetingId);
    const now = rollSinceOpen(db, m, e.id);
    if (now.digest === recorded.digest) continue;
    const counts = (r: RollAtOpen) =>
      `应到${r.expected}人、实到${r.present}人、请假${r.leave}人、缺席${r.absent}人${r.pending ? `、未签到${r.pending}人` : ''}`;
    findings.push({
      kind: 'roll',
      where: `会议《${m.title}》开会时的名单`,
      roundId: null,
      backup: null,
      message: `按现在的签到记录推算，开会时为${counts(now)}，与宣布开会时审计记录的名单摘要（${counts(recorded)}）不一致：签到记录在开会后被改动，且没有审计记录`,
    });
  }
  if (rollsWithout) notes.push(`${rollsWithout}次会议开会于启用名单摘要之前，开会时的名单未作比对`);

  const rounds = ids.length;
  const anchorText = anchors ? `与${anchors}个外部锚点一致` : '尚无外部锚点（还没有备份，也没有核验过纸面指纹）';
  const message = findings.length
    ? `发现${findings.length}处问题：${findings[0]!.where}：${findings[0]!.message}${findings.length > 1 ? '等' : ''}`
    : `审计链完整（${chain.checked}条记录全部校验通过），${anchorText}，${rounds}轮已结束投票复核一致${withoutDigest ? `（其中${withoutDigest}轮结束时未记录选票摘要）` : ''}${rolls ? `，${rolls}次会议开会时的名单与记录一致` : ''}`;
  return {
    ok: findings.length === 0,
    checked: chain.checked,
    brokenAt: chain.brokenAt,
    message,
    anchors,
    rounds,
    findings,
    notes,
  };
}

/** How the clerks name a round: 表决《…》, 第3轮票决《…》, 测评《…》第2轮. */
function roundName(r: RoundRecord): string {
  if (r.kind === 'project_vote') return `第${r.round}轮票决《${r.title}》`;
  if (r.kind === 'evaluation') return `测评《${r.title}》${r.round > 1 ? `第${r.round}轮` : ''}`;
  return `表决《${r.title}》${r.round > 1 ? `（第${r.round}次表决）` : ''}`;
}
