import {
  AppError,
  BOARD_FLAGS,
  boardFlagLabels,
  type BoardFlag,
  type BoardList,
  type BoardRow,
  type ParsedInput,
  type TrendCell,
  type TrendLine,
  type YearBoard,
  type YearTrends,
} from '../../shared/contract';
import { localDate, summaryText, type LineSummary } from '../../shared/domain/project-review';
import type { Db } from '../db/open';
import { addBanner, addHeader, addRow, freezeTo, newSheet, setWidths, toBuffer, XLSX_MIME } from './xlsx-export';
import type { CallContext, ServiceDeps } from './context';
import { auditExport } from './export-audit';
import { chosenProjectIds } from './chosen-projects';
import { outcomeSummary } from '../../shared/domain/project-outcome';
import { projectStage, projectStageLabels } from '../../shared/domain/project-work';

/**
 * The year board of a body's livelihood projects and the year-over-year view (../shared/rules/README.md §4): every
 * project the 票决 chose, with its plan, progress, latest 测评, 整改 and decisions, and flags for what needs the
 * clerk's attention. Seats the rounds left unfilled are shown as such ("确定9项，应选10项"), never as success.
 * Reads only; a few set-based queries per list of projects, so a 10-year file answers within the bench's 50 ms.
 */

interface ProjectRow {
  id: number;
  list_id: number;
  number: number;
  name: string;
  department: string | null;
  category: string | null;
  budget_wan: number | null;
  plan_department: string | null;
  lead: string | null;
  plan_budget: number | null;
  start_on: string | null;
  finish_on: string | null;
  has_plan: number | null;
}

/** A decision takes effect when its motion's latest round has closed and passed (as the record reads it: a revote supersedes). */
const passedResult = (text: string | null) => !!text && (JSON.parse(text) as { passed?: boolean }).passed === true;

function boardRows(db: Db, ids: number[], asOf: string): BoardRow[] {
  if (!ids.length) return [];
  const json = JSON.stringify(ids);
  const IN = 'IN (SELECT value FROM json_each(?))';
  const projects = new Map(
    (
      db
        .prepare(
          `SELECT p.id, p.list_id, p.number, p.name, p.department, p.category, p.budget_wan,
      pl.department AS plan_department, pl.lead, pl.budget_wan AS plan_budget, pl.start_on, pl.finish_on, pl.project_id AS has_plan
    FROM projects p LEFT JOIN project_plans pl ON pl.project_id = p.id WHERE p.id ${IN}`,
        )
        .all(json) as ProjectRow[]
    ).map((p) => [p.id, p]),
  );
  const progress = new Map<number, BoardRow['progress']>();
  for (const r of db
    .prepare(
      `SELECT project_id, percent, reported_on, spent_wan FROM project_progress x WHERE project_id ${IN}
      AND id = (SELECT id FROM project_progress y WHERE y.project_id = x.project_id ORDER BY reported_on DESC, id DESC LIMIT 1)`,
    )
    .all(json) as { project_id: number; percent: number; reported_on: string; spent_wan: number | null }[])
    progress.set(r.project_id, { percent: r.percent, reportedOn: r.reported_on, spentWan: r.spent_wan });
  const late = new Map<number, BoardRow['lateMilestones']>();
  for (const r of db
    .prepare(
      `SELECT project_id, title, due_on FROM project_milestones WHERE project_id ${IN} AND done_on IS NULL AND due_on < ? ORDER BY due_on, position`,
    )
    .all(json, asOf) as { project_id: number; title: string; due_on: string }[])
    late.set(r.project_id, [...(late.get(r.project_id) ?? []), { title: r.title, dueOn: r.due_on }]);
  const evaluation = new Map<number, BoardRow['evaluation']>();
  for (const r of db
    .prepare(
      `SELECT project_id, round_id, held_on, style, summary, passed FROM project_evaluations x WHERE project_id ${IN}
      AND round_id = (SELECT round_id FROM project_evaluations y WHERE y.project_id = x.project_id ORDER BY held_on DESC, round_id DESC LIMIT 1)`,
    )
    .all(json) as {
    project_id: number;
    round_id: number;
    held_on: string;
    style: 'rating' | 'score';
    summary: string;
    passed: number;
  }[]) {
    const s = JSON.parse(r.summary) as LineSummary;
    evaluation.set(r.project_id, {
      roundId: r.round_id,
      heldOn: r.held_on,
      style: r.style,
      text: summaryText(s),
      passed: r.passed === 1,
      satisfaction: s.style === 'rating' ? s.satisfaction : null,
      score: s.style === 'score' ? s.score : null,
    });
  }
  const rect = new Map<number, BoardRow['rectification']>();
  for (const r of db
    .prepare(
      `SELECT id, project_id, deadline, response FROM rectifications WHERE project_id ${IN} AND status = 'open' ORDER BY id`,
    )
    .all(json) as { id: number; project_id: number; deadline: string; response: string | null }[])
    rect.set(r.project_id, {
      id: r.id,
      deadline: r.deadline,
      overdue: r.deadline < asOf,
      responded: r.response !== null,
    });
  const decisions = new Map<number, BoardRow['decisions']>();
  for (const r of db
    .prepare(
      `SELECT d.project_id, d.kind, d.summary, d.poll_id,
      (SELECT CASE WHEN pr.status = 'closed' THEN pr.result END FROM poll_rounds pr WHERE pr.poll_id = d.poll_id ORDER BY pr.round DESC LIMIT 1) AS result
    FROM project_decisions d WHERE d.project_id ${IN} ORDER BY d.id`,
    )
    .all(json) as {
    project_id: number;
    kind: 'change' | 'stop';
    summary: string;
    poll_id: number;
    result: string | null;
  }[]) {
    if (passedResult(r.result))
      decisions.set(r.project_id, [
        ...(decisions.get(r.project_id) ?? []),
        { kind: r.kind, summary: r.summary, pollId: r.poll_id },
      ]);
  }

  return ids.flatMap((id, i): BoardRow[] => {
    const p = projects.get(id);
    if (!p) return [];
    const dec = decisions.get(id) ?? [];
    const stopped = dec.some((d) => d.kind === 'stop');
    const prog = progress.get(id) ?? null;
    const r = rect.get(id) ?? null;
    const lateMilestones = stopped ? [] : (late.get(id) ?? []);
    const state = projectStage({
      voted: true,
      chosen: true,
      hasPlan: !!p.has_plan,
      percent: prog?.percent ?? null,
      passedDecisions: dec.map((d) => d.kind),
      rectifying: !!r,
    });
    const flags: BoardFlag[] = [];
    if (lateMilestones.length) flags.push('behind');
    if (r) flags.push('rectifyOpen');
    if (r?.overdue) flags.push('rectifyOverdue');
    if (dec.some((d) => d.kind === 'change')) flags.push('changed');
    if (stopped) flags.push('stopped');
    if (!p.has_plan && !stopped) flags.push('noPlan');
    return [
      {
        projectId: id,
        listId: p.list_id,
        position: i + 1,
        number: p.number,
        name: p.name,
        department: p.plan_department ?? p.department,
        category: p.category,
        budgetWan: p.plan_budget ?? p.budget_wan,
        plan: p.has_plan ? { lead: p.lead, startOn: p.start_on, finishOn: p.finish_on } : null,
        progress: prog,
        lateMilestones,
        evaluation: evaluation.get(id) ?? null,
        rectification: r,
        decisions: dec,
        state,
        flags,
      },
    ];
  });
}

function bodyName(db: Db, bodyId: number): string {
  const name = db.prepare('SELECT name FROM bodies WHERE id = ?').pluck().get(bodyId) as string | undefined;
  if (name === undefined) throw new AppError('NOT_FOUND', `找不到编号为${bodyId}的机构`, 'bodyId');
  return name;
}

export function yearBoard(db: Db, bodyId: number, year: number, asOf = localDate()): YearBoard {
  const name = bodyName(db, bodyId);
  const lists = db
    .prepare('SELECT id, title, seats FROM project_lists WHERE body_id = ? AND year = ? ORDER BY id')
    .all(bodyId, year) as { id: number; title: string; seats: number }[];
  const chosen = lists.map((l) => chosenProjectIds(db, l.id));
  const boardLists: BoardList[] = lists.map((l, i) => {
    const n = chosen[i]!.length;
    return {
      id: l.id,
      title: l.title,
      seats: l.seats,
      chosen: n,
      unfilled: Math.max(0, l.seats - n),
      text: outcomeSummary(l.seats, n),
    };
  });
  // Positions run through the year's lists in order, so 序号 on the export matches the board.
  const rows = boardRows(db, chosen.flat(), asOf);
  const flagCounts = Object.fromEntries(
    BOARD_FLAGS.map((f) => [f, rows.filter((r) => r.flags.includes(f)).length]),
  ) as Record<BoardFlag, number>;
  return {
    bodyId,
    bodyName: name,
    year,
    asOf,
    lists: boardLists,
    rows,
    flagCounts,
    unfilled: boardLists.reduce((a, l) => a + l.unfilled, 0),
  };
}

const NONE = '（未填写）';

export function yearTrends(db: Db, bodyId: number, fromYear: number, toYear: number): YearTrends {
  bodyName(db, bodyId);
  const years = Array.from({ length: toYear - fromYear + 1 }, (_v, i) => fromYear + i);
  const lists = db
    .prepare('SELECT id, year FROM project_lists WHERE body_id = ? AND year BETWEEN ? AND ? ORDER BY year, id')
    .all(bodyId, fromYear, toYear) as { id: number; year: number }[];
  const yearOf = new Map<number, number>();
  for (const l of lists) for (const id of chosenProjectIds(db, l.id)) yearOf.set(id, l.year);
  const json = JSON.stringify([...yearOf.keys()]);
  const IN = 'IN (SELECT value FROM json_each(?))';
  const facts = db
    .prepare(
      `SELECT p.id, COALESCE(pl.department, p.department) AS department, p.category, COALESCE(pl.budget_wan, p.budget_wan) AS budget,
      (SELECT json_extract(e.summary, '$.satisfaction') FROM project_evaluations e WHERE e.project_id = p.id AND e.style = 'rating' ORDER BY e.held_on DESC, e.round_id DESC LIMIT 1) AS satisfaction,
      (SELECT COUNT(*) FROM rectifications x WHERE x.project_id = p.id AND x.withdrawn IS NULL) AS rectifications
    FROM projects p LEFT JOIN project_plans pl ON pl.project_id = p.id WHERE p.id ${IN}`,
    )
    .all(json) as {
    id: number;
    department: string | null;
    category: string | null;
    budget: number | null;
    satisfaction: number | null;
    rectifications: number;
  }[];

  const blank = (year: number) => ({
    year,
    projects: 0,
    budgetWan: 0,
    satisfaction: null as number | null,
    rated: 0,
    rectifications: 0,
    sum: 0,
  });
  type Acc = ReturnType<typeof blank>;
  const add = (a: Acc, f: (typeof facts)[number]) => {
    a.projects++;
    a.budgetWan += f.budget ?? 0;
    a.rectifications += f.rectifications;
    if (f.satisfaction !== null) {
      a.rated++;
      a.sum += f.satisfaction;
    }
  };
  const done = (a: Acc): TrendCell => ({
    year: a.year,
    projects: a.projects,
    budgetWan: Math.round(a.budgetWan * 100) / 100,
    satisfaction: a.rated ? Math.round(a.sum / a.rated) : null,
    rated: a.rated,
    rectifications: a.rectifications,
  });
  const group = (key: (f: (typeof facts)[number]) => string | null): TrendLine[] => {
    const lines = new Map<string, Map<number, Acc>>();
    for (const f of facts) {
      const k = key(f)?.trim() || NONE;
      const y = yearOf.get(f.id)!;
      const line = lines.get(k) ?? new Map(years.map((yy) => [yy, blank(yy)]));
      lines.set(k, line);
      add(line.get(y)!, f);
    }
    const total = (l: Map<number, Acc>) => [...l.values()].reduce((a, c) => a + c.projects, 0);
    return [...lines.entries()]
      .sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0], 'zh-CN'))
      .map(([k, l]) => ({ key: k, cells: years.map((y) => done(l.get(y)!)) }));
  };
  const totals = new Map(years.map((y) => [y, blank(y)]));
  for (const f of facts) add(totals.get(yearOf.get(f.id)!)!, f);
  return {
    bodyId,
    fromYear,
    toYear,
    years,
    total: years.map((y) => done(totals.get(y)!)),
    byDepartment: group((f) => f.department),
    byCategory: group((f) => f.category),
  };
}

/** "89.29%" from hundredths. */
const pct = (h: number) => `${(h / 100).toFixed(2)}%`;

export const YEAR_EXPORT_HEADERS = [
  '序号',
  '项目名称',
  '责任单位',
  '类型',
  '预算（万元）',
  '实施期限',
  '进度',
  '满意率',
  '测评结果',
  '整改情况',
  '状态',
  '备注',
] as const;

/** The rectification column as a clerk writes it: 整改中（期限…）, 已逾期, 已报送整改情况. */
function rectifyText(r: BoardRow): string {
  const x = r.rectification;
  if (!x) return r.evaluation && !r.evaluation.passed ? '' : '无';
  return `${x.overdue ? '逾期未完成' : '整改中'}（期限${x.deadline}${x.responded ? '，已报送整改情况' : ''}）`;
}

export async function writeYearXlsx(b: YearBoard): Promise<Buffer> {
  const { wb, ws } = newSheet(`${b.year}年度`);
  const n = YEAR_EXPORT_HEADERS.length;
  addBanner(ws, `${b.bodyName}${b.year}年度民生实事项目推进情况表`, n);
  addBanner(
    ws,
    `${b.lists.map((l) => `${l.title}：${l.text}`).join('；') || '本年度没有候选项目清单'}。统计截至${b.asOf}。`,
    n,
    'note',
  ).alignment = {};
  addHeader(ws, YEAR_EXPORT_HEADERS, { wrap: true });
  for (const r of b.rows) {
    const period =
      r.plan && (r.plan.startOn || r.plan.finishOn) ? `${r.plan.startOn ?? ''}至${r.plan.finishOn ?? ''}` : '';
    const notes = [
      ...r.flags.filter((f) => f !== 'rectifyOpen').map((f) => boardFlagLabels[f]),
      ...r.decisions.map((d) => `${d.kind === 'stop' ? '终止' : '变更'}：${d.summary}`),
      ...r.lateMilestones.map((m) => `“${m.title}”应于${m.dueOn}完成`),
    ].join('；');
    addRow(ws, [
      r.position,
      r.name,
      r.department ?? '',
      r.category ?? '',
      r.budgetWan ?? '',
      period,
      r.progress ? `${r.progress.percent}%` : '',
      r.evaluation?.satisfaction != null ? pct(r.evaluation.satisfaction) : '',
      r.evaluation ? `${r.evaluation.text}${r.evaluation.passed ? '' : '，低于整改线'}` : '未测评',
      rectifyText(r),
      projectStageLabels[r.state],
      notes,
    ]).alignment = { vertical: 'top', wrapText: true };
  }
  // Seats no round filled stay on the sheet as empty seats, never folded into a total that looks complete.
  for (const l of b.lists.filter((x) => x.unfilled > 0)) {
    const row = addRow(ws, [
      '',
      `（空缺${l.unfilled}项）`,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '空缺',
      `${l.title}${l.text}`,
    ]);
    row.font = { italic: true, color: { argb: 'FF8E1515' } };
  }
  setWidths(ws, [6, 34, 18, 8, 12, 24, 8, 10, 26, 28, 10, 40]);
  ws.getColumn(5).numFmt = '0.00';
  freezeTo(ws, 3);
  return toBuffer(wb);
}

export function projectBoardService(deps: ServiceDeps) {
  const { db } = deps;
  return {
    'projectYear.board': (input: ParsedInput<'projectYear.board'>) =>
      yearBoard(db, input.bodyId, input.year, input.asOf),
    'projectYear.trends': (input: ParsedInput<'projectYear.trends'>) =>
      yearTrends(db, input.bodyId, input.fromYear, input.toYear),
    // The sheet names each project's 负责人: recorded like the other exports of personal data.
    'projectYear.export': async (input: ParsedInput<'projectYear.export'>, ctx?: CallContext) => {
      const b = yearBoard(db, input.bodyId, input.year, input.asOf);
      const file = {
        fileName: `${b.bodyName}${b.year}年度民生实事项目推进情况表.xlsx`,
        mimeType: XLSX_MIME,
        contentBase64: (await writeYearXlsx(b)).toString('base64'),
      };
      return auditExport(deps, ctx, file, {
        action: 'projectYear.exportFile',
        entity: 'body',
        entityId: b.bodyId,
        rows: b.rows.length,
      });
    },
  };
}
