import type ExcelJS from 'exceljs';
import {
  AppError,
  attendanceLabels,
  choiceLabels,
  pollKindLabels,
  voteModeLabels,
  voteSecrecyLabels,
  type ExportedFile,
  type Meeting,
  type ParsedInput,
} from '../../shared/contract';
import { sortByName } from '../../shared/domain/collation';
import type { RatingResult, ScoreResult } from '../../shared/domain/evaluation';
import { ratingLabels } from '../../shared/domain/evaluation';
import { roundStatusLabels } from '../../shared/domain/poll-states';
import { chineseDate } from '../../shared/domain/project-timeline';
import type { RoundResult } from '../../shared/domain/projects';
import type { MotionResult } from '../../shared/domain/rules';
import { hundredthsText } from '../../shared/domain/share';
import type { RoundRecord } from '../db/tables/polls';
import { readAttendance } from './attendance';
import type { CallContext, ServiceDeps } from './context';
import { auditExport } from './export-audit';
import { meetingQueries } from './meetings';
import type { PollEngine } from './polls';
import {
  addBanner,
  addHeader,
  addRow,
  fileNameOf,
  freezeTo,
  localTime,
  newSheet,
  setWidths,
  toExportedFile,
} from './xlsx-export';

/**
 * The Excel exports of a meeting (issue 12 item 4). Every figure is read from what the engine recorded when the
 * round closed (votes.result, votes.announcement), never recounted here, so the sheet says what was announced.
 */

export const ATTENDANCE_HEADERS = [
  '序号',
  '姓名',
  '座位号',
  '选区',
  '签到情况',
  '签到时间',
  '离场时间',
  '事由',
  '备注',
] as const;
export const COUNT_HEADERS = ['应到', '实到', '发出', '收回', '有效', '无效'] as const;
export const MOTION_HEADERS = ['应到', '实到', '赞成', '反对', '弃权', '未按', '通过所需票数', '表决结果'] as const;
export const ROLL_HEADERS = ['序号', '姓名', '表决意见'] as const;

/** 票决 columns by ballot style: a 勾选 ballot only has votes for; a 排序 ballot ranks by points. */
export function projectHeaders(style: string): string[] {
  const votes = style === 'approve' ? ['赞成', '反对', '弃权'] : style === 'rank' ? ['得分', '得票'] : ['得票'];
  return ['序号', '项目名称', ...votes, '名次', '达到通过票数', '是否入选'];
}

/** 测评 columns as the announcement words the rates (ratingAnnouncement): the rule set decides what 满意率 means. */
export function ratingHeaders(r: Pick<RatingResult, 'abstain' | 'satisfactionRate' | 'formula'>): string[] {
  const rates =
    r.satisfactionRate === 'combined'
      ? ['满意率（满意加基本满意）', '满意占比', '基本满意占比', '不满意占比']
      : ['满意率', '基本满意率', '不满意率'];
  return [
    '序号',
    '测评项目',
    '承办单位',
    '满意',
    '基本满意',
    '不满意',
    ...(r.abstain ? ['弃权'] : []),
    '该项无效',
    ...rates,
    ...(r.abstain ? ['弃权占比'] : []),
    ...(r.formula === 'graded' ? ['测评等次'] : []),
    '整改',
  ];
}

export function scoreHeaders(r: Pick<ScoreResult, 'trimmed'>): string[] {
  return [
    '序号',
    '测评项目',
    '承办单位',
    '有效评分',
    '最高分',
    '最低分',
    '平均分',
    ...(r.trimmed ? ['去掉一个最高分和一个最低分后的平均分'] : []),
    '得分',
    '整改',
  ];
}

const score = (h: number | null) => (h === null ? '' : hundredthsText(h));

type EvaluatedItem = { title: string; department?: string | null };

/** A 测评's rows under ratingHeaders: the counts and the rates as the rule set names them (the export and the printed 测评结果). */
export function ratingRows(x: RatingResult, items: EvaluatedItem[]): (string | number)[][] {
  return x.items.map((it, i) => {
    const item = items[i];
    const rates =
      x.satisfactionRate === 'combined'
        ? [it.combinedRate, it.satisfiedRate, it.basicallyRate, it.unsatisfiedRate]
        : [it.satisfiedRate, it.basicallyRate, it.unsatisfiedRate];
    return [
      i + 1,
      item?.title ?? `第${i + 1}项`,
      item?.department ?? '',
      it.satisfied,
      it.basically,
      it.unsatisfied,
      ...(x.abstain ? [it.abstain] : []),
      it.void,
      ...rates.map((rt) => rt.text),
      ...(x.abstain ? [it.abstainRate?.text ?? ''] : []),
      ...(x.formula === 'graded' ? [it.grade ? ratingLabels[it.grade] : ''] : []),
      it.rectify.needed ? (it.rectify.reason ?? '须整改') : '',
    ];
  });
}

/** A scored 测评's rows under scoreHeaders. */
export function scoreRows(x: ScoreResult, items: EvaluatedItem[]): (string | number | null)[][] {
  return x.items.map((it, i) => {
    const item = items[i];
    return [
      i + 1,
      item?.title ?? `第${i + 1}项`,
      item?.department ?? '',
      it.n,
      it.max,
      it.min,
      score(it.mean),
      ...(x.trimmed ? [score(it.trimmedMean)] : []),
      score(it.score),
      it.rectify.needed ? (it.rectify.reason ?? '须整改') : '',
    ];
  });
}

export function exportService(deps: ServiceDeps, engine: PollEngine) {
  const { db } = deps;
  const q = meetingQueries(db);

  const meetingLine = (m: Meeting) => `${m.title}（${chineseDate(m.date)}）`;
  const roundName = (r: RoundRecord) => `${pollKindLabels[r.kind]}《${r.title}》${r.round > 1 ? `第${r.round}轮` : ''}`;

  /** A closed round, or a refusal that says what state it is in (nothing is read of a round still open). */
  function closedRound(id: number, doing: string): RoundRecord {
    const r = engine.round(id, 'roundId');
    if (r.status !== 'closed')
      throw new AppError('CONFLICT', `${roundName(r)}${roundStatusLabels[r.status]}，结束后才能${doing}`, 'roundId');
    return r;
  }

  /** The audit entry of a round's export names the round as its own entries do (a motion's are 'vote'). */
  const roundEntity = (r: RoundRecord) => ({ entity: r.kind === 'motion' ? 'vote' : r.kind, entityId: r.id });

  /** One round's tally on `ws`, under the meeting's title: the counts, the table of the style, the 公告. Returns its data rows. */
  function writeRound(ws: ExcelJS.Worksheet, r: RoundRecord, m: Meeting): number {
    const span = 10;
    addBanner(ws, meetingLine(m), span);
    addBanner(
      ws,
      `${roundName(r)}计票结果（${voteModeLabels[r.mode]}，${voteSecrecyLabels[r.secrecy]}）`,
      span,
      'title',
      13,
    );
    const snap = r.snapshot;
    if (r.kind === 'motion') {
      const x = r.result as MotionResult;
      addHeader(ws, MOTION_HEADERS);
      addRow(ws, [
        snap?.expected ?? null,
        snap?.present ?? null,
        x.yes,
        x.no,
        x.abstain,
        x.notVoting,
        x.required,
        x.passed ? '通过' : '未通过',
      ]);
      addBanner(ws, `通过线：${x.thresholdText}。`, span, 'note').alignment = {};
    } else {
      const x = r.result as RoundResult | RatingResult | ScoreResult;
      addHeader(ws, COUNT_HEADERS);
      const c = x as { expected?: number; present?: number };
      addRow(ws, [
        c.expected ?? snap?.expected ?? null,
        c.present ?? snap?.present ?? null,
        x.issued,
        x.returned,
        x.valid,
        x.void,
      ]);
      if (x.outcome === 'void') addBanner(ws, `本轮无效：${x.reason ?? ''}`, span, 'note').alignment = {};
      else if (r.kind === 'project_vote') writeProjects(ws, r, x as RoundResult);
      else if (r.style === 'rating') writeRatings(ws, r, x as RatingResult);
      else writeScores(ws, r, x as ScoreResult);
    }
    if (r.announcement)
      addBanner(ws, `公告：${r.announcement}`, span, 'note').alignment = { wrapText: true, vertical: 'top' };
    if (r.closedAt) addBanner(ws, `结束时间：${localTime(r.closedAt)}`, span, 'note').alignment = {};
    setWidths(ws, [8, 40, 18, 10, 10, 10, 10, 12, 14, 14, 14, 14, 14, 12]);
    const x = r.result as { rows?: unknown[]; items?: unknown[] } | null;
    return x?.rows?.length ?? x?.items?.length ?? 1;
  }

  function writeProjects(ws: ExcelJS.Worksheet, r: RoundRecord, x: RoundResult) {
    addBanner(ws, `通过线：${x.thresholdText}。`, 10, 'note').alignment = {};
    addHeader(ws, projectHeaders(r.style));
    const byId = new Map(engine.candidatesOf(r).map((p) => [p.id, p]));
    for (const row of x.rows) {
      const p = byId.get(row.candidateId);
      const votes =
        r.style === 'approve' ? [row.yes, row.no, row.abstain] : r.style === 'rank' ? [row.points, row.yes] : [row.yes];
      addRow(ws, [
        p?.number ?? null,
        p?.name ?? `编号${row.candidateId}`,
        ...votes,
        row.rank,
        row.passed ? '是' : '否',
        row.chosen ? '入选' : row.tied ? '平票，须再次投票' : '',
      ]);
    }
  }

  function writeRatings(ws: ExcelJS.Worksheet, r: RoundRecord, x: RatingResult) {
    addHeader(ws, ratingHeaders(x), { wrap: true });
    for (const row of ratingRows(x, engine.itemsOf(r))) addRow(ws, row);
  }

  function writeScores(ws: ExcelJS.Worksheet, r: RoundRecord, x: ScoreResult) {
    addHeader(ws, scoreHeaders(x), { wrap: true });
    for (const row of scoreRows(x, engine.itemsOf(r))) addRow(ws, row);
  }

  return {
    'exports.attendance': async (
      input: ParsedInput<'exports.attendance'>,
      ctx?: CallContext,
    ): Promise<ExportedFile> => {
      const m = q.getMeeting(input.meetingId, 'meetingId');
      const a = readAttendance(db, m);
      const s = a.summary;
      const { wb, ws } = newSheet('签到情况', 'portrait');
      addBanner(ws, `${meetingLine(m)}签到情况`, ATTENDANCE_HEADERS.length);
      addBanner(
        ws,
        `应到${s.expected}人，实到${s.present}人，请假${s.leave}人，缺席${s.absent}人${s.left ? `，离场${s.left}人` : ''}${s.pending ? `，未签到${s.pending}人` : ''}。${s.quorum.text}`,
        ATTENDANCE_HEADERS.length,
        'note',
      ).alignment = { wrapText: true };
      addHeader(ws, ATTENDANCE_HEADERS);
      // 姓氏笔画, the order of a formal list (the console's sheet follows the seats in the hall instead).
      sortByName(a.rows, 'stroke', (x) => x.name).forEach((x, i) => {
        addRow(ws, [
          i + 1,
          x.name,
          x.seatNo ?? '',
          x.constituency ?? '',
          attendanceLabels[x.status],
          x.signedInAt ? localTime(x.signedInAt) : '',
          x.leftAt ? localTime(x.leftAt) : '',
          x.reason ?? '',
          x.late ? '迟到' : '',
        ]);
      });
      setWidths(ws, [6, 12, 8, 16, 10, 20, 20, 20, 8]);
      freezeTo(ws, 3);
      return auditExport(deps, ctx, await toExportedFile(wb, fileNameOf(`${m.title}签到情况.xlsx`)), {
        action: 'export.attendance',
        entity: 'meeting',
        entityId: m.id,
        rows: a.rows.length,
      });
    },

    'exports.round': async (input: ParsedInput<'exports.round'>, ctx?: CallContext): Promise<ExportedFile> => {
      const r = closedRound(input.roundId, '导出计票结果');
      const m = q.getMeeting(r.meetingId);
      const { wb, ws } = newSheet('计票结果');
      const rows = writeRound(ws, r, m);
      return auditExport(
        deps,
        ctx,
        await toExportedFile(wb, fileNameOf(`${r.title}${r.round > 1 ? `第${r.round}轮` : ''}计票结果.xlsx`)),
        { action: 'export.round', ...roundEntity(r), rows },
      );
    },

    'exports.rollCall': async (input: ParsedInput<'exports.rollCall'>, ctx?: CallContext): Promise<ExportedFile> => {
      const r = engine.round(input.roundId, 'roundId');
      if (r.secrecy === 'secret')
        throw new AppError('FORBIDDEN', `${roundName(r)}是无记名投票，无记名投票不产生记名名单`, 'roundId');
      if (r.mode !== 'electronic')
        throw new AppError(
          'CONFLICT',
          `${roundName(r)}以${voteModeLabels[r.mode]}方式进行，不逐人记录表决意见，没有记名名单`,
          'roundId',
        );
      closedRound(r.id, '导出记名名单');
      const m = q.getMeeting(r.meetingId);
      const roll = sortByName(engine.ballots.namedRoll(r.id), 'stroke', (x) => x.name);
      const { wb, ws } = newSheet('记名表决名单', 'portrait');
      addBanner(ws, meetingLine(m), ROLL_HEADERS.length);
      addBanner(ws, `${roundName(r)}记名表决名单`, ROLL_HEADERS.length, 'title', 13);
      const count = (c: string | null) => roll.filter((x) => x.choice === c).length;
      addBanner(
        ws,
        `开始表决时出席${roll.length}人：赞成${count('yes')}人，反对${count('no')}人，弃权${count('abstain')}人，未按${count(null)}人。`,
        ROLL_HEADERS.length,
        'note',
      ).alignment = { wrapText: true };
      addHeader(ws, ROLL_HEADERS);
      roll.forEach((x, i) => addRow(ws, [i + 1, x.name, x.choice ? choiceLabels[x.choice] : '未按']));
      setWidths(ws, [6, 14, 14]);
      freezeTo(ws, 4);
      return auditExport(deps, ctx, await toExportedFile(wb, fileNameOf(`${r.title}记名表决名单.xlsx`)), {
        action: 'export.rollCall',
        ...roundEntity(r),
        rows: roll.length,
      });
    },

    'exports.evaluations': async (
      input: ParsedInput<'exports.evaluations'>,
      ctx?: CallContext,
    ): Promise<ExportedFile> => {
      const m = q.getMeeting(input.meetingId, 'meetingId');
      const rounds = engine.polls.roundsOfMeeting(m.id).filter((r) => r.kind === 'evaluation' && r.status === 'closed');
      if (!rounds.length)
        throw new AppError('CONFLICT', `${m.title}还没有已结束的测评，没有可导出的测评结果`, 'meetingId');
      const { wb } = newSheet('测评1');
      const rows = rounds.reduce(
        (n, r, i) =>
          n +
          writeRound(
            i === 0 ? wb.worksheets[0]! : wb.addWorksheet(`测评${i + 1}`, { pageSetup: wb.worksheets[0]!.pageSetup }),
            r,
            m,
          ),
        0,
      );
      return auditExport(deps, ctx, await toExportedFile(wb, fileNameOf(`${m.title}测评结果.xlsx`)), {
        action: 'export.evaluations',
        entity: 'meeting',
        entityId: m.id,
        rows,
      });
    },
  };
}
