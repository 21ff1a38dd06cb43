import type { BallotPaper, CountSheet, CountSheetLine, Meeting, PaperItem, PollStyle } from '../../shared/contract';
import { ballotWording } from '../../shared/domain/ballot-paper';
import type { RatingResult, ScoreResult } from '../../shared/domain/evaluation';
import { POLL_STYLE_MODULES } from '../../shared/domain/poll-styles';
import type { RoundResult } from '../../shared/domain/projects';
import type { MotionResult } from '../../shared/domain/rules';
import { hundredthsText } from '../../shared/domain/share';
import type { RoundRecord } from '../db/tables/polls';
import { documentHead } from './document-head';
import type { PollEngine } from './polls';

/**
 * The clerk's papers of a round (issue 12 item 1): the ballot handed out and the count sheet (计票单) the 监票人
 * and 计票人 sign. Figures come only from what the engine recorded when the round closed, never from the ballots
 * of a round still open (a count sheet before the close is blank, to be filled in by hand).
 */

/** The count sheet's columns by ballot style: what the tally records per item. */
export function countColumns(style: PollStyle, abstain: boolean): string[] {
  switch (style) {
    case 'choose':
      return ['得票'];
    case 'approve':
    case 'motion':
      return ['赞成', '反对', '弃权'];
    case 'rank':
      return ['得分', '得票'];
    case 'rating':
      return ['满意', '基本满意', '不满意', ...(abstain ? ['弃权'] : []), '该项无效'];
    case 'score':
      return ['有效评分', '平均分', '得分'];
  }
}

export function paperService(engine: PollEngine, meetingOf: (id: number) => Meeting) {
  function itemsOf(r: RoundRecord): PaperItem[] {
    if (r.kind === 'project_vote')
      return engine.candidatesOf(r).map((p) => ({ no: p.number, title: p.name, department: null }));
    if (r.kind === 'evaluation')
      return engine.itemsOf(r).map((it, i) => ({
        no: i + 1,
        title: it.number ? `${it.number} ${it.title}` : it.title,
        department: it.department,
      }));
    return [{ no: 1, title: r.title, department: null }];
  }

  function common(r: RoundRecord) {
    const m = meetingOf(r.meetingId);
    const setup = engine.setupOf(r, m);
    return {
      m,
      setup,
      head: documentHead(m),
      roundId: r.id,
      paper: POLL_STYLE_MODULES[r.style].paper,
      title: r.title,
      roundLabel: setup.roundLabel || null,
    };
  }

  function ballot(roundId: number): BallotPaper {
    const r = engine.round(roundId, 'roundId');
    const c = common(r);
    const items = itemsOf(r);
    const wording = ballotWording(r.style, {
      candidates: items.length,
      seats: r.seats ?? 0,
      abstain: c.setup.rules.evaluation.rating.abstain,
    });
    // Nothing here depends on who votes: a secret ballot is the same paper for everyone.
    return {
      head: c.head,
      roundId: r.id,
      paper: c.paper,
      title: c.title,
      roundLabel: c.roundLabel,
      secret: r.secrecy === 'secret',
      style: r.style,
      seats: r.seats,
      ...wording,
      items,
    };
  }

  function countSheet(roundId: number): CountSheet {
    const r = engine.round(roundId, 'roundId');
    const c = common(r);
    const abstain = c.setup.rules.evaluation.rating.abstain;
    const items = itemsOf(r);
    const snap = r.snapshot;
    const columns = countColumns(r.style, abstain);
    const markColumn = r.kind === 'project_vote' ? '是否入选' : r.kind === 'motion' ? '表决结果' : '整改';
    const blank: CountSheetLine[] = items.map((it) => ({ ...it, figures: null, mark: null }));
    const base = {
      head: c.head,
      roundId: r.id,
      paper: c.paper,
      title: c.title,
      roundLabel: c.roundLabel,
      columns,
      markColumn,
      scrutineers: r.scrutineers,
      counters: r.counters,
    };
    const counted = r.status === 'closed' && r.result !== null;
    if (!counted) {
      return {
        ...base,
        counted: false,
        counts: {
          expected: snap?.expected ?? null,
          present: snap?.present ?? null,
          issued: null,
          returned: null,
          valid: null,
          void: null,
        },
        lines: blank,
        notes: [],
      };
    }
    if (r.kind === 'motion') {
      const x = r.result as MotionResult;
      const cast = x.yes + x.no + x.abstain;
      return {
        ...base,
        counted: true,
        counts: {
          expected: snap?.expected ?? null,
          present: snap?.present ?? null,
          issued: null,
          returned: cast,
          valid: cast,
          void: null,
        },
        lines: [{ ...items[0]!, figures: [x.yes, x.no, x.abstain], mark: x.passed ? '通过' : '未通过' }],
        notes: [`通过线：${x.thresholdText}。`],
      };
    }
    const x = r.result as RoundResult | RatingResult | ScoreResult;
    const counts = {
      expected: snap?.expected ?? null,
      present: snap?.present ?? null,
      issued: x.issued,
      returned: x.returned,
      valid: x.valid,
      void: x.void,
    };
    if (x.outcome === 'void')
      return { ...base, counted: true, counts, lines: blank, notes: [`本轮无效：${x.reason ?? ''}`] };
    let lines: CountSheetLine[];
    const notes: string[] = [];
    if (r.kind === 'project_vote') {
      const res = x as RoundResult;
      const byId = new Map(res.rows.map((row) => [row.candidateId, row]));
      lines = r.itemIds.map((pid, i) => {
        const row = byId.get(pid);
        const figures = !row
          ? null
          : r.style === 'approve'
            ? [row.yes, row.no, row.abstain]
            : r.style === 'rank'
              ? [row.points, row.yes]
              : [row.yes];
        return { ...items[i]!, figures, mark: row ? (row.chosen ? '入选' : row.tied ? '平票' : '') : null };
      });
      notes.push(`通过线：${res.thresholdText}。`);
    } else if (r.style === 'rating') {
      const res = x as RatingResult;
      lines = items.map((it, i) => {
        const v = res.items[i];
        return {
          ...it,
          figures: v ? [v.satisfied, v.basically, v.unsatisfied, ...(abstain ? [v.abstain] : []), v.void] : null,
          mark: v ? (v.rectify.needed ? '须整改' : '') : null,
        };
      });
    } else {
      const res = x as ScoreResult;
      const h = (n: number | null) => (n === null ? '' : hundredthsText(n));
      lines = items.map((it, i) => {
        const v = res.items[i];
        return {
          ...it,
          figures: v ? [v.n, h(v.mean), h(v.score)] : null,
          mark: v ? (v.rectify.needed ? '须整改' : '') : null,
        };
      });
    }
    return { ...base, counted: true, counts, lines, notes };
  }

  return { ballot, countSheet };
}
