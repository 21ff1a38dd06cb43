import {
  decisionKindLabels,
  inspectionKindLabels,
  projectStageLabels,
  type ParsedInput,
  type TimelineEntry,
} from '../../shared/contract';
import {
  chineseDate,
  dayOf,
  orderTimeline,
  timelineKindLabels,
  type TimelineKind,
} from '../../shared/domain/project-timeline';
import type { RoundResult } from '../../shared/domain/projects';
import { summaryText, type LineSummary } from '../../shared/domain/project-review';
import type { ServiceDeps } from './context';
import type { PollEngine } from './polls';
import { projectWorkQueries } from './project-work';

/**
 * A project's timeline, gathered from every record of its year (../shared/rules/README.md §4): the candidate, each
 * 票决 round it was on, the plan, milestones done, progress, 视察/督查, decisions and their results, the meetings
 * that heard it, each 测评 (project_evaluations) and its 整改 (rectifications). Order and names: shared/domain.
 */

const ORIGIN: Record<string, string> = {
  suggestion: '代表建议',
  public: '群众征集',
  department: '部门申报',
  liaison: '民情联络员',
  other: '其他',
};
const SCREENING: Record<string, string> = {
  collected: '征集',
  reviewed: '初审',
  assessed: '论证/评估',
  legal_checked: '合法性审查',
  candidate: '确定为候选',
  rejected: '未入选',
};
const join = (...parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join('；');
/** Console paths (renderer/src/console/routes.ts writes the same ones; the layers keep services from importing it). */
const listPath = (listId: number, tab?: 'rounds') => `votes/${listId}${tab ? '/rounds' : ''}`;
const meetingPath = (id: number, tab: 'agenda' | 'votes') => `meetings/${id}/${tab}`;
const wan = (n: number | null) => (n === null ? '' : `${n}万元`);

interface EvaluationRow {
  round_id: number;
  meeting_id: number;
  held_on: string;
  style: 'rating' | 'score';
  summary: string;
  passed: number;
  meeting_title: string;
}
interface RectificationRow {
  id: number;
  opened_by_round: number;
  department: string;
  deadline: string;
  requirement: string | null;
  response: string | null;
  responded_on: string | null;
  status: 'open' | 'closed';
  closed_by_round: number | null;
  closed_at: string | null;
  created_at: string;
}

/** A 测评 line as the 整改 list and the board read it (part D's summaryText), e.g. 满意率65.00%. */
function evaluationText(summary: string): string {
  try {
    return summaryText(JSON.parse(summary) as LineSummary);
  } catch {
    return summary;
  }
}

export function projectTimelineService(deps: ServiceDeps, engine: PollEngine) {
  const { db } = deps;
  const q = projectWorkQueries(db, engine);

  function timeline(id: number): TimelineEntry[] {
    const h = q.head(id);
    const rec = q.record(id);
    const out: Omit<TimelineEntry, 'kindLabel'>[] = [];
    const add = (date: string, kind: TimelineKind, title: string, detail: string, link: string | null) =>
      out.push({ date: dayOf(date), kind, title, detail, link });
    const self = (section: string) => `year/project/${id}/${section}`;

    // What happened at a meeting is dated by the meeting (a 票决, a motion's result); a record entered afterwards
    // (the candidate typed in after the session) is no later than the first meeting that voted on it.
    const rounds = engine.polls.roundsOfList(h.list_id, null).filter((r) => r.itemIds.includes(id));
    const firstVote = rounds.map((r) => q.meetings.getMeeting(r.meetingId).date).sort()[0];
    const p = db
      .prepare('SELECT origin, proposer, screening, rejected_reason, source FROM projects WHERE id = ?')
      .get(id) as {
      origin: string | null;
      proposer: string | null;
      screening: string;
      rejected_reason: string | null;
      source: string | null;
    };
    add(
      firstVote && firstVote < dayOf(h.created_at) ? firstVote : h.created_at,
      'candidate',
      `列入${h.list_title}`,
      join(
        `第${h.number}号`,
        p.origin ? `来源：${ORIGIN[p.origin] ?? p.origin}` : p.source && `来源：${p.source}`,
        p.proposer && `提出：${p.proposer}`,
        `审查：${SCREENING[p.screening] ?? p.screening}`,
        p.rejected_reason && `原因：${p.rejected_reason}`,
      ),
      listPath(h.list_id),
    );

    // Each closed 票决 round the project was on, with its votes; an open one shows only that it is under way.
    for (const r of rounds) {
      const m = q.meetings.getMeeting(r.meetingId);
      const title = `${m.title}：第${r.round}轮票决${r.roundKind === 'runoff' ? '（平票再投）' : r.roundKind === 'retake' ? '（重新投票）' : ''}`;
      if (r.status !== 'closed') {
        add(m.date, 'vote', title, '投票尚未结束', listPath(h.list_id, 'rounds'));
        continue;
      }
      const res = r.result as RoundResult;
      const row = res.rows.find((x) => x.candidateId === id);
      const verdict =
        res.outcome === 'void'
          ? '本轮无效，须重新投票'
          : row?.chosen
            ? '入选'
            : row?.tied
              ? '平票，待再次投票'
              : '未入选';
      add(
        m.date,
        'vote',
        title,
        join(row && `赞成${row.yes}票，第${row.rank}名`, verdict),
        listPath(h.list_id, 'rounds'),
      );
    }

    if (rec.plan) {
      const pl = rec.plan;
      add(
        pl.startOn ?? pl.updatedAt,
        'plan',
        '实施计划',
        join(
          `责任单位：${pl.department}`,
          pl.lead && `责任人：${pl.lead}`,
          pl.budgetWan !== null && `预算：${wan(pl.budgetWan)}`,
          pl.startOn && `开工：${chineseDate(pl.startOn)}`,
          pl.finishOn && `完工：${chineseDate(pl.finishOn)}`,
          rec.milestones.length > 0 && `节点${rec.milestones.length}个`,
        ),
        self('plan'),
      );
    }
    for (const m of rec.milestones)
      if (m.doneOn) add(m.doneOn, 'milestone', `节点完成：${m.title}`, `计划${chineseDate(m.dueOn)}完成`, self('plan'));
    for (const r of rec.progress) {
      add(
        r.reportedOn,
        'progress',
        `进展报告：完成${r.percent}%`,
        join(
          r.spentWan !== null && `累计完成投资${wan(r.spentWan)}`,
          r.text,
          r.loweredReason && `下调说明：${r.loweredReason}`,
          r.files.length > 0 && `附件${r.files.length}个`,
        ),
        self('progress'),
      );
    }
    for (const x of rec.inspections) {
      add(
        x.heldOn,
        'inspection',
        inspectionKindLabels[x.kind],
        join(x.participants.length > 0 && `参加：${x.participants.join('、')}`, x.findings),
        self('inspections'),
      );
    }
    for (const d of rec.decisions) {
      const held = q.meetings.getMeeting(d.meetingId).date;
      add(
        held < dayOf(d.createdAt) ? held : d.createdAt,
        'decision',
        `提请${decisionKindLabels[d.kind]}：${d.title}`,
        join(`${d.meetingTitle}`, d.summary),
        meetingPath(d.meetingId, 'votes'),
      );
      if (d.result) {
        const effect =
          d.status === 'passed'
            ? `项目${d.kind === 'stop' ? projectStageLabels.stopped : projectStageLabels.changed}`
            : '项目按原计划实施';
        add(
          held,
          'decided',
          `${d.bodyName}表决${d.status === 'passed' ? '通过' : '未通过'}：${d.title}`,
          join(`赞成${d.result.yes}票，反对${d.result.no}票，弃权${d.result.abstain}票`, effect),
          meetingPath(d.meetingId, 'votes'),
        );
      }
    }
    for (const a of rec.agenda)
      add(
        a.meetingDate,
        'agenda',
        `${a.meetingTitle}：${a.agendaTitle}`,
        a.bodyName,
        meetingPath(a.meetingId, 'agenda'),
      );

    // 测评 and 整改 are written by part D's review (project_evaluations, rectifications); read here as they stand.
    const evals = db
      .prepare(
        `SELECT e.*, m.title AS meeting_title FROM project_evaluations e JOIN meetings m ON m.id = e.meeting_id
      WHERE e.project_id = ? ORDER BY e.held_on, e.round_id`,
      )
      .all(id) as EvaluationRow[];
    const rects = db
      .prepare('SELECT * FROM rectifications WHERE project_id = ? ORDER BY created_at, id')
      .all(id) as RectificationRow[];
    // A 整改 is opened and closed by a 测评, so it is dated by that meeting, not by when the round was closed on the
    // laptop (a session's results may be keyed in days later); the department's response carries its own date.
    const heldOn = new Map(evals.map((e) => [e.round_id, e.held_on]));
    const firstRect = rects[0] ? (heldOn.get(rects[0].opened_by_round) ?? dayOf(rects[0].created_at)) : null;
    for (const e of evals) {
      // Every 测评 after the first 整改 opened is a re-evaluation (复评), whether it closes the 整改 or opens another.
      const again = firstRect !== null && e.round_id !== rects[0]!.opened_by_round && e.held_on >= firstRect;
      add(
        e.held_on,
        again ? 'reevaluation' : 'evaluation',
        `${e.meeting_title}：${e.style === 'score' ? '现场打分' : '满意度测评'}`,
        join(evaluationText(e.summary), e.passed ? '达到要求' : '低于整改线'),
        meetingPath(e.meeting_id, 'votes'),
      );
    }
    for (const r of rects) {
      add(
        heldOn.get(r.opened_by_round) ?? r.created_at,
        'rectification_opened',
        `整改：${r.department}`,
        join(`期限：${chineseDate(r.deadline)}`, r.requirement),
        null,
      );
      if (r.responded_on)
        add(r.responded_on, 'rectification_responded', `整改答复：${r.department}`, r.response ?? '', null);
      if (r.status === 'closed' && r.closed_at) {
        const closedOn = r.closed_by_round !== null ? heldOn.get(r.closed_by_round) : undefined;
        add(
          closedOn ?? r.closed_at,
          'rectification_closed',
          '整改销号',
          closedOn ? '复评达到要求，整改完成' : '整改撤销',
          null,
        );
      }
    }
    return orderTimeline(out).map((e) => ({ ...e, kindLabel: timelineKindLabels[e.kind] }));
  }

  return { 'projects.timeline': (input: ParsedInput<'projects.timeline'>) => timeline(input.id) };
}
