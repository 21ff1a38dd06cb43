import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AgendaItem,
  Body,
  Meeting,
  PollRound,
  ProjectEvaluation,
  ProjectVote,
  Recount,
  Rectification,
  RuleSet,
  Vote,
  YearBoard,
  YearTrends,
} from '../../shared/contract';
import { createBody, errorOf, makeTempRuntime, readXlsxValues, type TempRuntime } from './helpers';
import { adoptList, setupProjectVote, type ProjectVoteSetup } from '../fixtures';

/**
 * 测评 results on projects, 整改 and the year board, through the API as the console drives them: a 年中会议 rates the
 * projects the 票决 chose (district rule set: 满意率 = 满意 + 基本满意, 整改 below 70%, README §5), the result lands
 * on each project in the close's transaction, a result below the line opens a 整改 that a later passing 测评
 * closes; the board, the year-over-year view and the .xlsx export read it all back.
 */

let t: TempRuntime;
beforeEach(() => {
  t = makeTempRuntime();
});
afterEach(() => t.cleanup());

type Mark = 'satisfied' | 'basically' | 'unsatisfied';
const S: Mark = 'satisfied';
const U: Mark = 'unsatisfied';

/** 5 deputies choose projects 1 and 2 of 4 for 3 seats: "确定2项，应选3项". */
async function chosenYear(year = 2025, bodyName?: string): Promise<ProjectVoteSetup> {
  const s = await setupProjectVote(t, {
    deputies: 5,
    projects: ['城区老旧小区改造', '社区养老服务中心建设', '中小学校舍提升', '公交线路优化'],
    seats: 3,
    style: 'choose',
    mode: 'electronic',
    year,
    bodyName,
  });
  const [a, b] = s.projects.map((p) => p.id) as [number, number];
  for (const d of s.present)
    await t.ok('projectVotes.cast', {
      id: s.vote.id,
      membershipId: d.membershipId,
      marks: { yes: [a, b], no: [], abstain: [] },
    });
  const closed = (await t.ok('projectVotes.close', { id: s.vote.id, issued: 5 })) as ProjectVote;
  expect(closed.result!.chosenIds).toEqual([a, b]);
  // The list is locked once voted on; the candidates' departments and budgets as the list had them.
  const set = t.rt.db.prepare('UPDATE projects SET department = ?, budget_wan = ? WHERE id = ?');
  set.run('区住房城乡建设局', 1200, a);
  set.run('区民政局', 800, b);
  return s;
}

/** A 测评 of `projectIds` at a meeting on `date`, each deputy's marks per project given by `marks[deputy]`. */
async function evaluate(
  s: ProjectVoteSetup,
  date: string,
  projectIds: number[],
  marks: Mark[][],
  extra: { title: string }[] = [],
): Promise<PollRound> {
  const sets = (await t.ok('ruleSets.list', {})) as RuleSet[];
  const m0 = (await t.ok('meetings.create', {
    bodyId: s.body.id,
    kind: 'district_midyear',
    ruleSetId: sets.find((r) => r.key === 'district_midyear_session')!.id,
    title: `${s.body.name}${date}年中会议`,
    date,
  })) as Meeting;
  for (const d of s.present)
    await t.ok('attendance.mark', { meetingId: m0.id, membershipId: d.membershipId, status: 'present' });
  const item = (await t.ok('agenda.add', {
    meetingId: m0.id,
    kind: 'evaluation',
    title: '对民生实事项目进行满意度测评',
  })) as AgendaItem;
  await t.ok('meetings.open', { id: m0.id });
  const names = new Map(s.projects.map((p) => [p.id, p.name]));
  const items = [
    ...projectIds.map((id) => ({ kind: 'project' as const, refId: id, title: names.get(id)! })),
    ...extra.map((x) => ({ kind: 'free' as const, title: x.title })),
  ];
  const r = (await t.ok('evaluations.create', {
    agendaItemId: item.id,
    style: 'rating',
    mode: 'electronic',
    items,
  })) as PollRound;
  await t.ok('polls.open', { id: r.id });
  for (const [i, d] of s.present.entries()) {
    await t.ok('polls.cast', {
      id: r.id,
      membershipId: d.membershipId,
      ballot: { ratings: [...marks[i]!, ...extra.map(() => S)] },
    });
  }
  return (await t.ok('polls.close', { id: r.id })) as PollRound;
}

/** Each of 5 deputies gives project j the j-th mark of their row. 3 of 5 satisfied = 60% (below 70%); 4 of 5 = 80%. */
const rows = (...perProject: Mark[][]) => Array.from({ length: 5 }, (_v, d) => perProject.map((p) => p[d]!));
const FAIL: Mark[] = [S, S, S, U, U];
const PASS: Mark[] = [S, S, S, S, U];

/** As of a day in the year the tests take place (the machine's today would make every deadline past). */
const rects = async (projectId: number, asOf = '2025-08-01') =>
  (await t.ok('rectifications.list', { projectId, asOf })) as Rectification[];
const evaluations = async (projectId: number) =>
  (await t.ok('projectEvaluations.list', { projectId })) as ProjectEvaluation[];
const auditActions = (like: string) =>
  t.rt.db.prepare('SELECT action FROM audit_log WHERE action LIKE ? ORDER BY id').pluck().all(like) as string[];

describe('a 测评 of projects writes each result to its project, in the close', () => {
  it('writes the rate and passed against the rule set’s 整改 line; items that are not projects write nothing', async () => {
    const s = await chosenYear();
    const [a, b] = s.projects.map((p) => p.id) as [number, number];
    const r = await evaluate(s, '2025-07-15', [a, b], rows(FAIL, PASS), [
      { title: '区政府关于上半年计划执行情况的报告' },
    ]);
    const ea = await evaluations(a);
    expect(ea).toEqual([
      expect.objectContaining({
        roundId: r.id,
        meetingId: r.meetingId,
        heldOn: '2025-07-15',
        style: 'rating',
        passed: false,
      }),
    ]);
    expect(ea[0]!.summary).toMatchObject({
      satisfied: 3,
      unsatisfied: 2,
      satisfaction: 6000,
      satisfactionText: '60.00%',
      rectifyReason: expect.stringContaining('低于70%'),
    });
    expect((await evaluations(b))[0]).toMatchObject({
      passed: true,
      summary: { satisfaction: 8000, rectifyReason: null },
    });
    expect(t.count('project_evaluations')).toBe(2);
  });

  it('below the line opens a 整改 (department, deadline 60 days on, the requirement), audited; a passing re-evaluation closes it', async () => {
    const s = await chosenYear();
    const [a, b] = s.projects.map((p) => p.id) as [number, number];
    const first = await evaluate(s, '2025-07-15', [a, b], rows(FAIL, PASS));
    const [x] = await rects(a);
    expect(x).toMatchObject({
      projectId: a,
      department: '区住房城乡建设局',
      deadline: '2025-09-13',
      status: 'open',
      state: 'open',
      openedByRoundId: first.id,
      openedOn: '2025-07-15',
      openedResult: '满意率60.00%',
    });
    expect(x!.requirement).toContain('低于70%');
    expect(await rects(b)).toEqual([]);
    expect(auditActions('rectification.%')).toEqual(['rectification.open']);

    // A second 测评 still below the line: the same 整改 stays open, no second one.
    await evaluate(s, '2025-10-20', [a], rows([S, U, U, S, S]));
    expect((await rects(a)).map((r) => [r.id, r.status])).toEqual([[x!.id, 'open']]);

    const third = await evaluate(s, '2025-12-20', [a], rows(PASS));
    expect(await rects(a)).toEqual([
      expect.objectContaining({
        id: x!.id,
        status: 'closed',
        state: 'closed',
        closedByRoundId: third.id,
        closedOn: '2025-12-20',
      }),
    ]);
    expect(auditActions('rectification.%')).toEqual(['rectification.open', 'rectification.close']);
  });

  it('flags overdue once the deadline has passed and it is still open; the clerk edits the deadline and the department responds with documents', async () => {
    const s = await chosenYear();
    const a = s.projects[0]!.id;
    await evaluate(s, '2025-07-15', [a], rows(FAIL));
    const [x] = await rects(a, '2025-09-14');
    expect(x).toMatchObject({ state: 'overdue', overdue: true });
    expect(await t.ok('rectifications.list', { state: 'overdue', asOf: '2025-09-13' })).toEqual([]);

    const early = errorOf(await t.call('rectifications.update', { id: x!.id, deadline: '2025-07-01' }));
    expect(early).toMatchObject({ code: 'VALIDATION', field: 'deadline' });
    await t.ok('rectifications.update', {
      id: x!.id,
      deadline: '2025-10-31',
      requirement: '加快推进小区雨污分流改造，10月底前报送整改报告',
    });
    expect(await t.ok('rectifications.get', { id: x!.id, asOf: '2025-09-14' })).toMatchObject({
      state: 'open',
      deadline: '2025-10-31',
      requirement: '加快推进小区雨污分流改造，10月底前报送整改报告',
    });

    await t.ok('rectifications.respond', {
      id: x!.id,
      response: '已完成3个小区雨污分流改造，剩余2个11月底完工。',
      respondedOn: '2025-10-28',
    });
    const file = (await t.ok('projectFiles.attach', {
      projectId: a,
      stage: 'rectification',
      recordId: x!.id,
      fileName: '整改情况报告.pdf',
      contentBase64: 'JVBERi0=',
    })) as { id: number };
    const got = (await t.ok('rectifications.get', { id: x!.id })) as Rectification;
    expect(got).toMatchObject({
      response: '已完成3个小区雨污分流改造，剩余2个11月底完工。',
      respondedOn: '2025-10-28',
      status: 'open',
    });
    expect(got.files.map((f) => f.id)).toEqual([file.id]);
    expect(auditActions('rectification.%')).toEqual([
      'rectification.open',
      'rectification.update',
      'rectification.respond',
    ]);
    // Bad input changes nothing and names the field.
    expect(
      errorOf(await t.call('rectifications.respond', { id: x!.id, response: '好', respondedOn: '2025-10-28' })),
    ).toMatchObject({ field: 'response' });
    expect(errorOf(await t.call('rectifications.get', { id: 999 }))).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});

describe('who may evaluate a project', () => {
  it('the standing committee rates the congress’s chosen projects at its year-end meeting; another body is refused by name and nothing is written', async () => {
    const s = await chosenYear(2025);
    const [a] = s.projects.map((p) => p.id) as [number];
    const sets = (await t.ok('ruleSets.list', {})) as RuleSet[];
    const itemAt = async (kind: Body['kind'], name: string, rule: string) => {
      const body = await createBody(t, name, kind, kind === 'street_council' ? '某街道' : null);
      const m = (await t.ok('meetings.create', {
        bodyId: body.id,
        kind: rule as Meeting['kind'],
        ruleSetId: sets.find((r) => r.key === rule)!.id,
        title: `${name}年终会议`,
        date: '2025-11-26',
      })) as Meeting;
      return (await t.ok('agenda.add', {
        meetingId: m.id,
        kind: 'evaluation',
        title: '对民生实事项目进行满意度测评',
      })) as AgendaItem;
    };
    const items = [{ kind: 'project' as const, refId: a, title: s.projects[0]!.name }];
    const committee = await itemAt('standing_committee', '某区人大常委会', 'standing_committee');
    expect(
      (await t.ok('evaluations.create', {
        agendaItemId: committee.id,
        style: 'rating',
        mode: 'paper',
        items,
      })) as PollRound,
    ).toMatchObject({ kind: 'evaluation' });
    const street = await itemAt('street_council', '某街道议事代表会议', 'street_council');
    const before = t.count('polls');
    expect(
      errorOf(await t.call('evaluations.create', { agendaItemId: street.id, style: 'rating', mode: 'paper', items })),
    ).toMatchObject({
      code: 'VALIDATION',
      field: 'items',
      message: expect.stringContaining(`属于${s.body.name}的项目清单，只能由${s.body.name}或区人大常委会测评`),
    });
    expect(t.count('polls')).toBe(before);
  });
});

describe('a result written again keeps the 整改 consistent', () => {
  it('an independent recount that disagrees (an edited ballot) changes nothing on the projects: they follow the announced result', async () => {
    const s = await chosenYear();
    const a = s.projects[0]!.id;
    const r = await evaluate(s, '2025-07-15', [a], rows(FAIL));
    // Someone edits two stored ballots to 满意: a recount from the file would pass the project.
    t.rt.db.prepare("UPDATE round_ballots SET data = X'01' WHERE round_id = ? AND data = X'03'").run(r.id);
    expect(await t.ok('polls.recount', { id: r.id })).toMatchObject({ matches: false } satisfies Partial<Recount>);
    expect(await evaluations(a)).toEqual([expect.objectContaining({ passed: false })]);
    expect((await rects(a)).map((x) => x.status)).toEqual(['open']);
  });

  it('a result corrected to pass withdraws its 整改 (the response kept), corrected back reopens the same one; rewriting is idempotent', async () => {
    const s = await chosenYear();
    const a = s.projects[0]!.id;
    const r = await evaluate(s, '2025-07-15', [a], rows(FAIL));
    const [x] = await rects(a);
    await t.ok('rectifications.respond', {
      id: x!.id,
      response: '已制定整改方案并组织实施。',
      respondedOn: '2025-08-01',
    });
    const audits = auditActions('rectification.%').length;
    await t.ok('projectEvaluations.rewrite', { roundId: r.id });
    expect(auditActions('rectification.%')).toHaveLength(audits);

    const recorded = t.rt.db.prepare('SELECT result FROM poll_rounds WHERE id = ?').pluck().get(r.id) as string;
    const passing = JSON.parse(recorded);
    passing.items[0].rectify = { needed: false, reason: null };
    t.rt.db.prepare('UPDATE poll_rounds SET result = ? WHERE id = ?').run(JSON.stringify(passing), r.id);
    expect(await t.ok('projectEvaluations.rewrite', { roundId: r.id })).toEqual([
      expect.objectContaining({ projectId: a, passed: true }),
    ]);
    expect(await rects(a)).toEqual([
      expect.objectContaining({
        id: x!.id,
        status: 'closed',
        state: 'withdrawn',
        closedByRoundId: null,
        response: '已制定整改方案并组织实施。',
      }),
    ]);

    t.rt.db.prepare('UPDATE poll_rounds SET result = ? WHERE id = ?').run(recorded, r.id);
    await t.ok('projectEvaluations.rewrite', { roundId: r.id });
    expect(await rects(a)).toEqual([
      expect.objectContaining({ id: x!.id, status: 'open', state: 'open', withdrawn: null }),
    ]);
    expect(auditActions('rectification.%').slice(-2)).toEqual(['rectification.withdraw', 'rectification.reopen']);
    expect(errorOf(await t.call('projectEvaluations.rewrite', { roundId: 9999 }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'roundId',
    });
  });

  it('rounds closed out of date order: an earlier result below the line is closed by the later one that passed', async () => {
    const s = await chosenYear();
    const a = s.projects[0]!.id;
    const later = await evaluate(s, '2025-12-20', [a], rows(PASS));
    const earlier = await evaluate(s, '2025-07-15', [a], rows(FAIL));
    expect(await rects(a)).toEqual([
      expect.objectContaining({ openedByRoundId: earlier.id, status: 'closed', closedByRoundId: later.id }),
    ]);
  });
});

describe('the year board, the year-over-year view and the export', () => {
  async function decide(s: ProjectVoteSetup, projectId: number, kind: 'change' | 'stop', yes: number) {
    const item = (await t.ok('agenda.add', {
      meetingId: s.meeting.id,
      kind: 'motion',
      title: `关于${kind === 'stop' ? '终止' : '调整'}民生实事项目的决定（草案）`,
    })) as AgendaItem;
    const v = (await t.ok('votes.create', { agendaItemId: item.id, mode: 'hands', secrecy: 'named' })) as Vote;
    await t.ok('votes.open', { id: v.id });
    await t.ok('votes.enterCounts', { id: v.id, yes, no: 5 - yes, abstain: 0 });
    await t.ok('votes.close', { id: v.id });
    const pollId = t.rt.db.prepare('SELECT poll_id FROM poll_rounds WHERE id = ?').pluck().get(v.id) as number;
    t.rt.db
      .prepare(
        "INSERT INTO project_decisions (project_id, poll_id, kind, summary, created_at) VALUES (?, ?, ?, ?, '2025-08-01')",
      )
      .run(projectId, pollId, kind, kind === 'stop' ? '因规划调整终止实施' : '调整建设内容');
  }

  it('shows every chosen project with department, category, budget, progress, 测评 and flags, and the unfilled seat as such', async () => {
    const s = await chosenYear();
    const [a, b] = s.projects.map((p) => p.id) as [number, number];
    const db = t.rt.db;
    // Part C's plan, milestones and progress, as its methods write them.
    db.prepare('UPDATE projects SET category = ? WHERE id = ?').run('住房', a);
    db.prepare('UPDATE projects SET category = ? WHERE id = ?').run('养老', b);
    db.prepare(
      "INSERT INTO project_plans (project_id, department, lead, budget_wan, start_on, finish_on, updated_at) VALUES (?, '区住房城乡建设局', '张伟', 1350, '2025-03-01', '2025-12-31', 'x')",
    ).run(a);
    db.prepare(
      "INSERT INTO project_milestones (project_id, position, title, due_on, done_on) VALUES (?, 1, '完成招标', '2025-04-30', '2025-04-20'), (?, 2, '主体完工', '2025-08-31', NULL)",
    ).run(a, a);
    db.prepare(
      "INSERT INTO project_progress (project_id, reported_on, percent, spent_wan, text, created_at) VALUES (?, '2025-06-30', 40, 500, '已开工', 'x'), (?, '2025-09-30', 65, 820, '主体施工', 'x')",
    ).run(a, a);
    await evaluate(s, '2025-07-15', [a, b], rows(FAIL, PASS));
    await decide(s, b, 'change', 4);
    // A stop whose motion failed decides nothing.
    await decide(s, b, 'stop', 2);

    const board = (await t.ok('projectYear.board', { bodyId: s.body.id, year: 2025, asOf: '2025-09-01' })) as YearBoard;
    expect(board.lists).toEqual([
      expect.objectContaining({ seats: 3, chosen: 2, unfilled: 1, text: '确定2项，应选3项，1项空缺' }),
    ]);
    expect(board.unfilled).toBe(1);
    expect(board.rows.map((r) => r.name)).toEqual(['城区老旧小区改造', '社区养老服务中心建设']);
    const [ra, rb] = board.rows as [YearBoard['rows'][number], YearBoard['rows'][number]];
    expect(ra).toMatchObject({
      position: 1,
      department: '区住房城乡建设局',
      category: '住房',
      budgetWan: 1350,
      progress: { percent: 65, reportedOn: '2025-09-30' },
      state: 'rectifying',
      lateMilestones: [{ title: '主体完工', dueOn: '2025-08-31' }],
      evaluation: { text: '满意率60.00%', passed: false, satisfaction: 6000 },
    });
    expect(ra.flags).toEqual(['behind', 'rectifyOpen']);
    expect(rb).toMatchObject({
      department: '区民政局',
      budgetWan: 800,
      state: 'changed',
      decisions: [{ kind: 'change', summary: '调整建设内容' }],
    });
    expect(rb.flags).toEqual(['changed', 'noPlan']);
    expect(board.flagCounts).toMatchObject({ behind: 1, rectifyOpen: 1, rectifyOverdue: 0, changed: 1, stopped: 0 });

    // After the deadline the 整改 is overdue; a passed stop decision stops the project (no longer behind).
    await decide(s, a, 'stop', 5);
    const later = (await t.ok('projectYear.board', { bodyId: s.body.id, year: 2025, asOf: '2025-10-01' })) as YearBoard;
    expect(later.rows[0]).toMatchObject({ state: 'stopped', lateMilestones: [] });
    expect(later.rows[0]!.flags).toEqual(['rectifyOpen', 'rectifyOverdue', 'stopped']);
    expect(errorOf(await t.call('projectYear.board', { bodyId: 999, year: 2025 }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'bodyId',
    });
  });

  it('compares years by department and by category; exports the year to .xlsx with the clerk’s headers', async () => {
    const s = await chosenYear(2025);
    const [a, b] = s.projects.map((p) => p.id) as [number, number];
    t.rt.db.prepare("UPDATE projects SET category = '住房' WHERE id = ?").run(a);
    await evaluate(s, '2025-07-15', [a, b], rows(FAIL, PASS));
    // A second year on the same body: a new list, all three seats filled.
    const list = (await t.ok('projectLists.create', {
      bodyId: s.body.id,
      year: 2026,
      title: '2026年度民生实事候选项目',
      seats: 1,
    })) as { id: number };
    for (const name of ['农贸市场改造', '背街小巷整治'])
      await t.ok('projects.add', { listId: list.id, name, department: '区住房城乡建设局', budgetWan: 300 });
    await adoptList(t, list.id, '2026-01-10');
    const item = (await t.ok('agenda.add', {
      meetingId: s.meeting.id,
      kind: 'project_vote',
      title: '票决产生2026年度民生实事项目',
    })) as AgendaItem;
    const v = (await t.ok('projectVotes.create', {
      listId: list.id,
      agendaItemId: item.id,
      style: 'choose',
      mode: 'electronic',
    })) as ProjectVote;
    await t.ok('projectVotes.open', { id: v.id });
    const opened = (await t.ok('projectVotes.get', { id: v.id })) as ProjectVote;
    for (const d of s.present)
      await t.ok('projectVotes.cast', {
        id: v.id,
        membershipId: d.membershipId,
        marks: { yes: [opened.candidateIds[0]!], no: [], abstain: [] },
      });
    await t.ok('projectVotes.close', { id: v.id, issued: 5 });

    const tr = (await t.ok('projectYear.trends', { bodyId: s.body.id, fromYear: 2025, toYear: 2026 })) as YearTrends;
    expect(tr.years).toEqual([2025, 2026]);
    expect(tr.total).toEqual([
      { year: 2025, projects: 2, budgetWan: 2000, satisfaction: 7000, rated: 2, rectifications: 1 },
      { year: 2026, projects: 1, budgetWan: 300, satisfaction: null, rated: 0, rectifications: 0 },
    ]);
    expect(tr.byDepartment.map((l) => [l.key, l.cells.map((c) => c.projects)])).toEqual([
      ['区住房城乡建设局', [1, 1]],
      ['区民政局', [1, 0]],
    ]);
    expect(tr.byCategory.map((l) => [l.key, l.cells.map((c) => c.projects)])).toEqual([
      ['（未填写）', [1, 1]],
      ['住房', [1, 0]],
    ]);

    const file = (await t.ok('projectYear.export', { bodyId: s.body.id, year: 2025, asOf: '2025-09-01' })) as {
      fileName: string;
      contentBase64: string;
    };
    expect(file.fileName).toBe('江北区人民代表大会2025年度民生实事项目推进情况表.xlsx');
    const sheet = await readXlsxValues(Buffer.from(file.contentBase64, 'base64'));
    expect(sheet[0]![0]).toBe('江北区人民代表大会2025年度民生实事项目推进情况表');
    expect(String(sheet[1]![0])).toContain('确定2项，应选3项，1项空缺');
    expect(sheet[2]).toEqual([
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
    ]);
    expect(sheet[3]!.slice(0, 5)).toEqual([1, '城区老旧小区改造', '区住房城乡建设局', '住房', 1200]);
    expect(sheet[3]!.slice(7, 11)).toEqual([
      '60.00%',
      '满意率60.00%，低于整改线',
      '整改中（期限2025-09-13）',
      '整改中',
    ]);
    expect(sheet[4]!.slice(0, 3)).toEqual([2, '社区养老服务中心建设', '区民政局']);
    expect(sheet[4]![9]).toBe('无');
    expect(sheet[5]!.slice(1, 2)).toEqual(['（空缺1项）']);
    expect(sheet).toHaveLength(6);
  });
});
