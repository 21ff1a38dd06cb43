import QRCode from 'qrcode';
import {
  AppError,
  auditActionLabel,
  type FingerprintCheck,
  type ParsedInput,
  type ResultFingerprint,
} from '../../shared/contract';
import { fingerprintCode, hashPart, parseFingerprint } from '../../shared/domain/fingerprint';
import { verifyAudit } from '../db/audit';
import { meetingStatusRow } from '../db/tables/meetings';
import type { WriteContext } from './change';
import type { ServiceDeps } from './context';
import type { PollEngine } from './polls';
import { resultEntries, type ResultEntryRow } from './result-entries';
import { localTime } from './xlsx-export';

/**
 * fingerprints.get and fingerprints.check (issue 12 item 2). A result document carries the code of the audit entry
 * that recorded its result; since every entry's hash chains all before it, the code on paper pins the whole record
 * up to that moment. A code checked here is kept (fingerprint_anchors) and audit.verify compares the chain with it.
 */

/** What is wrong when the live chain no longer has an anchor's entry with its hash; null when it does. */
export function anchorProblem(entryId: number, part: string, live: string | undefined, lastId: number): string | null {
  if (live !== undefined && hashPart(live) === part) return null;
  if (live !== undefined) return `第${entryId}条审计记录现在的哈希与指纹不符：审计日志在这条记录或它之前被改写`;
  return entryId > lastId
    ? `指纹所指的第${entryId}条审计记录已不存在：审计日志现在只到第${lastId}条，第${lastId + 1}条起的最新记录被删除`
    : `指纹所指的第${entryId}条审计记录已不存在`;
}

/** The fingerprint of a result: for fingerprints.get and for the result documents, which print it at their foot. */
export function fingerprintReader(deps: Pick<ServiceDeps, 'db'>, engine: PollEngine) {
  const { db } = deps;
  const entries = resultEntries(db);

  /** 表决《…》的结果, 《…》的票决结果, 《…》会议纪要: what the document of a subject records. */
  function what(kind: 'round' | 'list' | 'meeting', id: number): { text: string; meetingId: number | null } {
    if (kind === 'round') {
      const r = engine.polls.round(id);
      if (!r) return { text: `投票#${id}的结果`, meetingId: null };
      const n =
        r.kind === 'motion'
          ? `表决《${r.title}》`
          : r.kind === 'project_vote'
            ? `《${r.title}》第${r.round}轮票决`
            : `测评《${r.title}》`;
      return { text: `${n}的结果`, meetingId: r.meetingId };
    }
    if (kind === 'list') {
      const title = db.prepare('SELECT title FROM project_lists WHERE id = ?').pluck().get(id) as string | undefined;
      const rounds = engine.polls.roundsOfList(id, null);
      return { text: `《${title ?? `清单#${id}`}》的票决结果`, meetingId: rounds.at(-1)?.meetingId ?? null };
    }
    const title = meetingStatusRow(db, id)?.title;
    return { text: `会议《${title ?? id}》的结果`, meetingId: id };
  }

  /** The entry a subject's document is fingerprinted with, or a refusal saying why there is none yet. */
  function entryOf(input: ParsedInput<'fingerprints.get'>): {
    kind: 'round' | 'list' | 'meeting';
    id: number;
    entry: ResultEntryRow;
  } {
    if (input.roundId !== undefined) {
      const r = engine.round(input.roundId, 'roundId');
      if (r.status !== 'closed')
        throw new AppError(
          'CONFLICT',
          `${what('round', r.id).text.replace(/的结果$/, '')}尚未结束，结果尚未公布，没有指纹`,
          'roundId',
        );
      const entry = entries.roundClose(r);
      if (!entry) throw new AppError('NOT_FOUND', '没有找到这轮投票结束时的审计记录，无法生成指纹', 'roundId');
      return { kind: 'round', id: r.id, entry };
    }
    if (input.listId !== undefined) {
      const exists = db.prepare('SELECT 1 FROM project_lists WHERE id = ?').get(input.listId);
      if (!exists) throw new AppError('NOT_FOUND', `找不到编号为${input.listId}的候选项目清单`, 'listId');
      // The list's result stands as of its latest closed round or its 空缺决定, whichever came last.
      const closes = engine.polls
        .roundsOfList(input.listId, null)
        .filter((r) => r.status === 'closed')
        .map((r) => entries.roundClose(r));
      const all = [...closes, entries.settle(input.listId)]
        .filter((e): e is ResultEntryRow => !!e)
        .sort((a, b) => b.id - a.id);
      if (!all[0])
        throw new AppError(
          'CONFLICT',
          `${what('list', input.listId).text.replace(/的票决结果$/, '')}尚未计票，票决结果尚未公布，没有指纹`,
          'listId',
        );
      return { kind: 'list', id: input.listId, entry: all[0] };
    }
    // The contract asks for one of the three; no meeting has id 0.
    const meetingId = input.meetingId ?? 0;
    const row = meetingStatusRow(db, meetingId);
    if (!row) throw new AppError('NOT_FOUND', `找不到编号为${input.meetingId}的会议`, 'meetingId');
    const m = { id: meetingId, status: row.status };
    const entry = entries.meetingClose(m.id);
    if (m.status !== 'closed' || !entry)
      throw new AppError(
        'CONFLICT',
        `${what('meeting', m.id).text.replace(/的结果$/, '')}尚未闭会，闭会后才有指纹`,
        'meetingId',
      );
    return { kind: 'meeting', id: m.id, entry };
  }

  async function get(input: ParsedInput<'fingerprints.get'>): Promise<ResultFingerprint> {
    const { kind, id, entry } = entryOf(input);
    const code = fingerprintCode(entry.id, entry.hash);
    // The QR holds the code itself, so any phone scanner shows what the clerk would type.
    const qrSvg = await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    return {
      subject: kind,
      subjectId: id,
      what: what(kind, id).text,
      code,
      entryId: entry.id,
      hash: entry.hash,
      at: entry.at,
      actionLabel: auditActionLabel(entry.action),
      qrSvg,
    };
  }

  return { get, what, entries };
}

export function fingerprintService(deps: ServiceDeps, engine: PollEngine) {
  const { db } = deps;
  const { get, what, entries } = fingerprintReader(deps, engine);
  const entryAt = db.prepare('SELECT id, at, action, entity, entity_id, detail, hash FROM audit_log WHERE id = ?');
  const lastId = () => (db.prepare('SELECT MAX(id) FROM audit_log').pluck().get() as number | null) ?? 0;

  return {
    'fingerprints.get': get,

    'fingerprints.check': (input: ParsedInput<'fingerprints.check'>, ctx: WriteContext): FingerprintCheck => {
      const parsed = parseFingerprint(input.code);
      if (!parsed.ok) {
        ctx.audit({
          action: 'fingerprint.check',
          entity: 'audit_log',
          detail: { input: input.code.slice(0, 40), status: 'not_found' },
        });
        return {
          status: 'not_found',
          message: `没有找到这个指纹：${parsed.message}`,
          code: null,
          entryId: null,
          entry: null,
          subject: null,
          chainOk: null,
          chainMessage: null,
          anchored: false,
        };
      }
      const { entryId, code } = parsed;
      db.prepare(
        `INSERT INTO fingerprint_anchors (code, entry_id, hash_part, first_checked_at, last_checked_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(code) DO UPDATE SET last_checked_at = excluded.last_checked_at, checks = checks + 1`,
      ).run(code, entryId, parsed.hashPart, ctx.now, ctx.now);
      const live = entryAt.get(entryId) as ResultEntryRow | undefined;
      const chain = verifyAudit(db);
      const problem = anchorProblem(entryId, parsed.hashPart, live?.hash, lastId());
      const subject = live && !problem ? entries.subjectOf(live) : null;
      const w = subject ? what(subject.kind, subject.id) : null;
      const entry =
        live && !problem ? { at: live.at, actionLabel: auditActionLabel(live.action), what: w?.text ?? null } : null;
      let message: string;
      if (problem) message = `指纹与现在的数据不符：${problem}。纸面结果记录之后，数据文件被改动过`;
      else {
        const of = w ? `，记录的是${w.text}` : '（这条记录不是结果的记录）';
        message =
          `指纹一致：第${entryId}条审计记录（${localTime(live!.at)}，${entry!.actionLabel}）${of}，其哈希未变；` +
          (chain.ok ? `审计链完整（${chain.checked}条记录全部校验通过）` : `但审计链已断开：${chain.message}`);
      }
      ctx.audit({
        action: 'fingerprint.check',
        entity: 'audit_log',
        entityId: entryId,
        detail: { code, status: problem ? 'altered' : 'found' },
      });
      return {
        status: problem ? 'altered' : 'found',
        message,
        code,
        entryId,
        entry,
        subject: subject ? { kind: subject.kind, id: subject.id, meetingId: w?.meetingId ?? null } : null,
        chainOk: chain.ok,
        chainMessage: chain.message,
        anchored: true,
      };
    },
  };
}
