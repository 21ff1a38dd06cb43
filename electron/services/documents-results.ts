import {
  AppError,
  agendaKindLabels,
  memberNoun,
  type MeetingMinutes,
  type ParsedInput,
  type ResultDocument,
  type ResultTable,
} from '../../shared/contract';
import { sortByName } from '../../shared/domain/collation';
import { fingerprintCode } from '../../shared/domain/fingerprint';
import type { RatingResult, ScoreResult } from '../../shared/domain/evaluation';
import type { MotionResult } from '../../shared/domain/rules';
import type { RoundRecord } from '../db/tables/polls';
import { readAttendance } from './attendance';
import type { ServiceDeps } from './context';
import { documentHead } from './documents';
import { MOTION_HEADERS, ratingHeaders, ratingRows, scoreHeaders, scoreRows } from './exports';
import { fingerprintReader } from './fingerprints';
import { meetingQueries } from './meetings';
import { issuerOf, projectResultService } from './project-results';
import type { PollEngine } from './polls';

/**
 * The data of the result documents (issue 12 items 1–2): 表决结果公告 and 测评结果 of a closed round, the 票决结果
 * （主席团）公告 of a list, and the 会议纪要 skeleton. Their words and figures are the ones the app already announced
 * and exports; each carries the fingerprint of the audit entry that recorded it (./fingerprints.ts).
 */

const paragraphsOf = (text: string) =>
  text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);

/** A 公告's paragraphs without its heading line ("…公告") and its closing issuer and date lines. */
function announcementBody(text: string, issuer: string): string[] {
  const lines = paragraphsOf(text);
  if (lines[0] === `${issuer}公告`) lines.shift();
  if (lines.at(-1) && /^\d{4}年\d{1,2}月\d{1,2}日$/.test(lines.at(-1)!)) lines.pop();
  if (lines.at(-1) === issuer) lines.pop();
  return lines;
}

export function resultDocumentService(deps: ServiceDeps, engine: PollEngine) {
  const { db } = deps;
  const q = meetingQueries(db);
  const fingerprints = fingerprintReader(deps, engine);
  const listResult = projectResultService(deps, engine)['projectLists.result'];

  /** A round's document name, as the clerks call it. */
  const roundTitle = (r: RoundRecord) =>
    r.kind === 'motion'
      ? `表决《${r.title}》${r.round > 1 ? `（第${r.round}次表决）` : ''}`
      : r.kind === 'evaluation'
        ? `测评《${r.title}》${r.round > 1 ? `第${r.round}轮` : ''}`
        : `第${r.round}轮票决《${r.title}》`;

  function roundTable(r: RoundRecord): { table: ResultTable | null; notes: string[] } {
    if (r.kind === 'motion') {
      const x = r.result as MotionResult;
      return {
        table: {
          headers: [...MOTION_HEADERS],
          rows: [
            [
              r.snapshot?.expected ?? null,
              r.snapshot?.present ?? null,
              x.yes,
              x.no,
              x.abstain,
              x.notVoting,
              x.required,
              x.passed ? '通过' : '未通过',
            ],
          ],
        },
        notes: [`通过线：${x.thresholdText}。`],
      };
    }
    const x = r.result as RatingResult | ScoreResult;
    if (x.outcome === 'void') return { table: null, notes: [`本轮无效：${x.reason ?? ''}`] };
    const rules = (r.snapshot?.rules ?? q.getMeeting(r.meetingId).rules).evaluation;
    if (r.style === 'rating') {
      const rr = x as RatingResult;
      return {
        table: { headers: ratingHeaders(rr), rows: ratingRows(rr, engine.itemsOf(r)) },
        notes: [`计算方法：${rules.rating.basis}。`],
      };
    }
    const sr = x as ScoreResult;
    return {
      table: { headers: scoreHeaders(sr), rows: scoreRows(sr, engine.itemsOf(r)) },
      notes: [`计算方法：${rules.score.basis}。`],
    };
  }

  return {
    'documents.result': async (input: ParsedInput<'documents.result'>): Promise<ResultDocument> => {
      if (input.roundId !== undefined) {
        const r = engine.round(input.roundId, 'roundId');
        if (r.kind === 'project_vote')
          throw new AppError(
            'VALIDATION',
            '输入有误：“投票轮次”：票决的结果公告按候选项目清单出具，请指定 listId',
            'roundId',
          );
        if (r.status !== 'closed')
          throw new AppError(
            'CONFLICT',
            `${roundTitle(r)}尚未结束，结果尚未公布，不能出具${r.kind === 'motion' ? '表决结果公告' : '测评结果'}`,
            'roundId',
          );
        const m = q.getMeeting(r.meetingId);
        const { table, notes } = roundTable(r);
        const motion = r.kind === 'motion';
        return {
          kind: motion ? 'motion' : 'evaluation',
          head: documentHead(m),
          docName: motion ? '表决结果公告' : '测评结果',
          title: motion
            ? `关于《${r.title}》表决结果的公告`
            : `${r.title}${r.title.includes('测评') ? '' : '满意度测评'}结果`,
          issuer: issuerOf(m).issuer,
          paragraphs: paragraphsOf(r.announcement ?? ''),
          table,
          notes,
          recordedAt: r.closedAt ?? '',
          fingerprint: await fingerprints.get({ roundId: r.id }),
        };
      }
      const res = listResult({ listId: input.listId! });
      const last = engine.polls.roundsOfList(res.listId, null).at(-1);
      if (!res.announcement || !last)
        throw new AppError('CONFLICT', `《${res.title}》尚未计票，票决结果尚未公布，不能出具票决结果公告`, 'listId');
      const m = q.getMeeting(last.meetingId);
      const fingerprint = await fingerprints.get({ listId: res.listId });
      return {
        kind: 'project_list',
        head: documentHead(m),
        docName: '票决结果公告',
        title: `关于${res.year}年度民生实事项目票决结果的公告`,
        issuer: res.issuer ?? issuerOf(m).issuer,
        // The 公告's own heading (…主席团公告) and signature lines are the document's title and issuer: not twice.
        paragraphs: announcementBody(res.announcement, res.issuer ?? issuerOf(m).issuer),
        // The 公告 lists the chosen with their votes already; each candidate's tally is the 计票单's.
        table: null,
        notes: [],
        recordedAt: fingerprint.at,
        fingerprint,
      };
    },

    'documents.minutes': async (input: ParsedInput<'documents.minutes'>): Promise<MeetingMinutes> => {
      const m = q.getMeeting(input.meetingId, 'meetingId');
      const a = readAttendance(db, m);
      const names = (status: string) =>
        sortByName(
          a.rows.filter((r) => r.status === status),
          'stroke',
          (r) => r.name,
        ).map((r) => r.name);
      const rounds = engine.polls.roundsOfMeeting(m.id);
      const items = m.agenda.map((it) => ({
        position: it.position,
        kindLabel: agendaKindLabels[it.kind],
        title: it.title,
        results: rounds
          .filter((r) => r.agendaItemId === it.id)
          .map((r) => {
            const close = r.status === 'closed' ? fingerprints.entries.roundClose(r) : undefined;
            return {
              name: roundTitle(r),
              text: r.status === 'closed' ? (r.announcement ?? '') : '尚未公布',
              code: close ? fingerprintCode(close.id, close.hash) : null,
            };
          }),
      }));
      const s = a.summary;
      return {
        head: documentHead(m),
        noun: memberNoun[m.bodyKind],
        attendance: {
          expected: s.expected,
          present: s.present,
          leave: s.leave,
          absent: s.absent,
          quorumText: s.quorum.text,
        },
        leaveNames: names('leave'),
        absentNames: names('absent'),
        items,
        fingerprint:
          m.status === 'closed' && fingerprints.entries.meetingClose(m.id)
            ? await fingerprints.get({ meetingId: m.id })
            : null,
        status: m.status,
      };
    },
  };
}
