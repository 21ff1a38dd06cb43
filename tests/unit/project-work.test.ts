import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AgendaItem,
  Body,
  Meeting,
  Member,
  ProgressReport,
  ProjectDecision,
  ProjectFile,
  ProjectRecord,
  RuleSet,
  TimelineEntry,
  Vote,
} from '../../shared/contract';
import { chosenProjectIds } from '../../electron/services/chosen-projects';
import { CJK, createBody, errorOf, makeTempRuntime, type TempRuntime } from './helpers';
import { importDeputies, setupProjectVote, type ProjectVoteSetup } from '../fixtures';

/**
 * Implementation of a chosen 民生实事项目 through the API (../shared/rules/README.md §4, §6): the plan, milestones,
 * progress and 视察 of a project the 票决 chose; refusals on one it did not; a change decided by the standing
 * committee (a motion on the engine) that the record follows; and the timeline in order.
 */

let t: TempRuntime;
let s: ProjectVoteSetup;
/** Chosen (first, second) and not chosen (third) by a 2-of-3 electronic 票决 of five deputies. */
let chosen: number;
let second: number;
let unchosen: number;

beforeEach(async () => {
  t = makeTempRuntime();
  s = await setupProjectVote(t, {
    deputies: 5,
    projects: ['老旧小区加装电梯', '社区老年食堂', '口袋公园'],
    seats: 2,
    style: 'choose',
    mode: 'electronic',
  });
  [chosen, second, unchosen] = s.projects.map((p) => p.id) as [number, number, number];
  for (const m of s.present)
    await t.ok('projectVotes.cast', { id: s.vote.id, membershipId: m.membershipId, marks: { yes: [chosen, second] } });
  await t.ok('projectVotes.close', { id: s.vote.id, issued: 5 });
});
afterEach(() => t.cleanup());

const record = async (id = chosen) => (await t.ok('projects.record', { id })) as ProjectRecord;
const timeline = async (id = chosen) => (await t.ok('projects.timeline', { id })) as TimelineEntry[];
const work = () => ({
  plans: t.count('project_plans'),
  milestones: t.count('project_milestones'),
  progress: t.count('project_progress'),
  inspections: t.count('project_inspections'),
  decisions: t.count('project_decisions'),
  polls: t.count('polls'),
  audit: t.count('audit_log'),
});
const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]).toString('base64');

/** The district's standing committee, with seven members all signed in, a meeting open and a 表决事项 on it. */
async function committeeMeeting(): Promise<{ body: Body; members: Member[]; meeting: Meeting; item: AgendaItem }> {
  const body = await createBody(t, '江北区人大常委会', 'standing_committee');
  const members = await importDeputies(t, body.id, 7);
  const rs = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'standing_committee')!;
  const created = (await t.ok('meetings.create', {
    bodyId: body.id,
    kind: 'standing_committee',
    ruleSetId: rs.id,
    title: '江北区人大常委会第十二次会议',
    date: '2025-09-20',
  })) as Meeting;
  const item = (await t.ok('agenda.add', {
    meetingId: created.id,
    kind: 'motion',
    title: '审议民生实事项目调整事项',
  })) as AgendaItem;
  for (const m of members)
    await t.ok('attendance.mark', { meetingId: created.id, membershipId: m.membershipId, status: 'present' });
  const meeting = (await t.ok('meetings.open', { id: created.id })) as Meeting;
  return { body, members, meeting, item };
}

async function passMotion(voteId: number, members: Member[], yes: number) {
  await t.ok('votes.open', { id: voteId });
  for (const [i, m] of members.entries())
    await t.ok('votes.cast', { id: voteId, membershipId: m.membershipId, choice: i < yes ? 'yes' : 'no' });
  return (await t.ok('votes.close', { id: voteId })) as Vote;
}

describe('chosen projects', () => {
  it('are the closed rounds’ chosenIds as the engine writes them', () => {
    expect(chosenProjectIds(t.rt.db, s.list.id)).toEqual([chosen, second]);
  });
});

describe('the implementation of a chosen project', () => {
  it('takes the plan, two milestones, a progress report with a photo and a 视察, each audited, and shows them on the record', async () => {
    expect((await record()).stageLabel).toBe('待报计划');
    await t.ok('projectPlans.set', {
      projectId: chosen,
      department: '区住房城乡建委',
      lead: '王建国',
      budgetWan: 3600,
      startOn: '2025-03-01',
      finishOn: '2025-12-31',
    });
    const m1 = (await t.ok('projectMilestones.add', {
      projectId: chosen,
      title: '完成加装方案公示',
      dueOn: '2025-04-30',
    })) as { id: number };
    await t.ok('projectMilestones.add', { projectId: chosen, title: '主体完工', dueOn: '2025-10-31' });
    await t.ok('projectMilestones.done', { id: m1.id, doneOn: '2025-04-28' });
    const report = (await t.ok('projectProgress.add', {
      projectId: chosen,
      reportedOn: '2025-06-30',
      percent: 45,
      spentWan: 1500.5,
      text: '已完成加装32部，正在施工20部',
    })) as ProgressReport;
    const file = (await t.ok('projectFiles.attach', {
      projectId: chosen,
      stage: 'progress',
      recordId: report.id,
      fileName: '施工现场.jpg',
      contentBase64: photo,
    })) as ProjectFile;
    await t.ok('projectInspections.add', {
      projectId: chosen,
      kind: 'inspection',
      heldOn: '2025-07-10',
      participants: ['张三', '李四'],
      findings: '部分小区居民意见不一，建议加强协调',
    });

    const r = await record();
    expect(r).toMatchObject({
      chosen: true,
      stage: 'in_progress',
      stageLabel: '实施中',
      department: '区住房城乡建委',
      budgetWan: 3600,
      percent: 45,
      plan: {
        department: '区住房城乡建委',
        lead: '王建国',
        budgetWan: 3600,
        startOn: '2025-03-01',
        finishOn: '2025-12-31',
      },
    });
    expect(r.milestones.map((m) => [m.position, m.title, m.dueOn, m.doneOn])).toEqual([
      [1, '完成加装方案公示', '2025-04-30', '2025-04-28'],
      [2, '主体完工', '2025-10-31', null],
    ]);
    expect(r.progress).toEqual([expect.objectContaining({ percent: 45, spentWan: 1500.5, files: [file] })]);
    expect(r.inspections).toEqual([expect.objectContaining({ kind: 'inspection', participants: ['张三', '李四'] })]);
    const actions = t.rt.db
      .prepare(
        "SELECT action FROM audit_log WHERE action LIKE 'project%' AND action NOT LIKE 'projectVote%' AND action NOT LIKE 'projectList%' AND action != 'project.add' ORDER BY id",
      )
      .pluck()
      .all();
    expect(actions).toEqual([
      'projectPlan.set',
      'projectMilestone.add',
      'projectMilestone.add',
      'projectMilestone.done',
      'projectProgress.add',
      'projectFiles.attach',
      'projectInspection.add',
    ]);
    const log = (await t.ok('audit.list', { limit: 10, group: 'project' })) as { action: string }[];
    expect(log.map((e) => e.action)).toContain('projectInspection.add');
  });

  it('refuses a project the 票决 did not choose, in Chinese, and writes nothing', async () => {
    const before = work();
    for (const [method, input] of [
      ['projectPlans.set', { projectId: unchosen, department: '区城市管理局' }],
      ['projectMilestones.add', { projectId: unchosen, title: '开工', dueOn: '2025-05-01' }],
      ['projectProgress.add', { projectId: unchosen, reportedOn: '2025-06-30', percent: 10, text: '尚未开工' }],
      [
        'projectInspections.add',
        { projectId: unchosen, kind: 'supervision', heldOn: '2025-06-30', findings: '尚未开工' },
      ],
    ] as const) {
      const e = errorOf(await t.call(method, input));
      expect(e, method).toMatchObject({ code: 'CONFLICT', field: 'projectId' });
      expect(e.message).toMatch(
        /^“口袋公园”未经2025年度民生实事候选项目票决入选，不能(填写实施计划|添加节点|添加进展报告|记录视察督查)$/,
      );
    }
    expect(work()).toEqual(before);
    expect((await record(unchosen)).stageLabel).toBe('未入选');
  });

  it('refuses bad input naming the field, and a lower percent without a 说明; changes nothing', async () => {
    await t.ok('projectProgress.add', { projectId: chosen, reportedOn: '2025-06-30', percent: 60, text: '过半' });
    const before = work();
    const lower = errorOf(
      await t.call('projectProgress.add', { projectId: chosen, reportedOn: '2025-08-31', percent: 50, text: '返工' }),
    );
    expect(lower).toMatchObject({
      code: 'VALIDATION',
      field: 'percent',
      message: '输入有误：“完成进度”：完成进度50%低于2025年6月30日报告的60%；如确需下调，请填写下调说明',
    });
    const bad = errorOf(
      await t.call('projectPlans.set', {
        projectId: chosen,
        department: '区民政局',
        startOn: '2025-06-01',
        finishOn: '2025-03-01',
      }),
    );
    expect(bad).toMatchObject({
      code: 'VALIDATION',
      field: 'finishOn',
      message: '输入有误：“完工日期”：完工日期早于开工日期',
    });
    expect(errorOf(await t.call('projectMilestones.done', { id: 999, doneOn: '2025-04-01' }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'id',
    });
    expect(work()).toEqual(before);
    // With the reason it is a correction, kept with the report.
    const corrected = (await t.ok('projectProgress.add', {
      projectId: chosen,
      reportedOn: '2025-08-31',
      percent: 50,
      text: '返工',
      loweredReason: '6月底误报，经核实为50%',
    })) as ProgressReport;
    expect(corrected.loweredReason).toBe('6月底误报，经核实为50%');
  });
});

describe('a decision to change a chosen project', () => {
  it('is a standing-committee motion on the engine; the record follows its result, never a copy', async () => {
    const c = await committeeMeeting();
    const d = (await t.ok('projectDecisions.propose', {
      projectId: chosen,
      agendaItemId: c.item.id,
      kind: 'change',
      summary: '加装数量由52部调整为40部，预算调整为2800万元',
    })) as ProjectDecision;
    expect(d).toMatchObject({
      kind: 'change',
      status: 'pending',
      title: '关于调整老旧小区加装电梯项目的决定（草案）',
      meetingId: c.meeting.id,
      bodyName: '江北区人大常委会',
    });
    const motion = (await t.ok('votes.get', { id: d.voteId })) as Vote;
    expect(motion).toMatchObject({
      title: '关于调整老旧小区加装电梯项目的决定（草案）',
      agendaItemId: c.item.id,
      status: 'pending',
    });
    expect((await record()).stageLabel).toBe('待报计划');
    // A second one while the first is pending is refused.
    expect(
      errorOf(
        await t.call('projectDecisions.propose', {
          projectId: chosen,
          agendaItemId: c.item.id,
          kind: 'stop',
          summary: '终止实施',
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });

    // Three of seven is not more than half of all members: it fails, and the project stays as it was.
    const failed = await passMotion(d.voteId, c.members, 3);
    expect(failed.result!.passed).toBe(false);
    let r = await record();
    expect(r.decisions[0]).toMatchObject({ status: 'failed', result: { yes: 3, no: 4 } });
    expect(r.stageLabel).toBe('待报计划');

    // Taken again (votes.revote, the same poll), it passes: the record reads the latest round.
    const again = (await t.ok('votes.revote', { id: d.voteId })) as Vote;
    await passMotion(again.id, c.members, 5);
    r = await record();
    expect(r.decisions[0]).toMatchObject({ status: 'passed', voteId: again.id, result: { yes: 5, passed: true } });
    expect(r).toMatchObject({
      stage: 'changed',
      stageLabel: '已变更',
      changedSummary: '加装数量由52部调整为40部，预算调整为2800万元',
    });
    expect(t.rt.db.prepare('SELECT COUNT(*) FROM project_decisions WHERE project_id = ?').pluck().get(chosen)).toBe(1);
  });

  it('a passed stop ends the project: no more plan or progress', async () => {
    const c = await committeeMeeting();
    const d = (await t.ok('projectDecisions.propose', {
      projectId: second,
      agendaItemId: c.item.id,
      kind: 'stop',
      summary: '选址无法落实，终止实施',
    })) as ProjectDecision;
    expect(d.title).toBe('关于终止社区老年食堂项目的决定（草案）');
    await passMotion(d.voteId, c.members, 6);
    expect((await record(second)).stageLabel).toBe('已终止');
    const e = errorOf(
      await t.call('projectProgress.add', {
        projectId: second,
        reportedOn: '2025-10-01',
        percent: 10,
        text: '继续施工',
      }),
    );
    expect(e).toMatchObject({ code: 'CONFLICT', message: '“社区老年食堂”已经决定终止，不能再添加进展报告' });
  });

  it('must be on a 表决事项 of the congress or its standing committee, and of a chosen project', async () => {
    const council = await createBody(t, '观音桥街道议事代表会议', 'street_council', '观音桥街道');
    const rs = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'street_council')!;
    const m = (await t.ok('meetings.create', {
      bodyId: council.id,
      kind: 'street_council',
      ruleSetId: rs.id,
      title: '观音桥街道议事代表会议',
      date: '2025-09-01',
    })) as Meeting;
    const it1 = (await t.ok('agenda.add', { meetingId: m.id, kind: 'motion', title: '表决事项' })) as AgendaItem;
    const before = work();
    const wrongBody = errorOf(
      await t.call('projectDecisions.propose', {
        projectId: chosen,
        agendaItemId: it1.id,
        kind: 'change',
        summary: '调整实施地点',
      }),
    );
    expect(wrongBody).toMatchObject({ code: 'VALIDATION', field: 'agendaItemId' });
    expect(wrongBody.message).toContain('须在江北区人民代表大会或区人大常委会的会议上');
    const report = (await t.ok('agenda.add', {
      meetingId: s.meeting.id,
      kind: 'report',
      title: '听取民生实事项目进展报告',
    })) as AgendaItem;
    const notMotion = errorOf(
      await t.call('projectDecisions.propose', {
        projectId: chosen,
        agendaItemId: report.id,
        kind: 'change',
        summary: '调整实施地点',
      }),
    );
    expect(notMotion).toMatchObject({
      field: 'agendaItemId',
      message: '输入有误：“议程”：“听取民生实事项目进展报告”不是表决事项',
    });
    const c = await committeeMeeting();
    expect(
      errorOf(
        await t.call('projectDecisions.propose', {
          projectId: unchosen,
          agendaItemId: c.item.id,
          kind: 'change',
          summary: '调整实施地点',
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', field: 'projectId' });
    const after = work();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect(after.decisions).toBe(before.decisions);
    expect(
      errorOf(
        await t.call('projectDecisions.propose', {
          projectId: chosen,
          agendaItemId: it1.id,
          kind: 'change',
          summary: '调整',
        }),
      ).message,
    ).toMatch(CJK);
  });
});

describe('the agenda link and the timeline', () => {
  it('a 年中会议 item hears the chosen projects; the record shows it; removing the item takes the link with it', async () => {
    const item = (await t.ok('agenda.add', {
      meetingId: s.meeting.id,
      kind: 'report',
      title: '听取民生实事项目进展报告',
    })) as AgendaItem;
    expect(
      errorOf(await t.call('agendaProjects.set', { agendaItemId: item.id, projectIds: [chosen, unchosen] })),
    ).toMatchObject({ code: 'CONFLICT', field: 'projectIds' });
    expect(t.count('agenda_item_projects')).toBe(0);
    // The picker's options are what set accepts: the chosen ones, never a candidate the 票决 left out.
    const offered = ((await t.ok('agendaProjects.options', { agendaItemId: item.id })) as { projectId: number }[]).map(
      (p) => p.projectId,
    );
    expect(offered).toEqual(expect.arrayContaining([chosen, second]));
    expect(offered).not.toContain(unchosen);
    const heard = (await t.ok('agendaProjects.set', { agendaItemId: item.id, projectIds: [second, chosen] })) as {
      name: string;
    }[];
    expect(heard.map((p) => p.name)).toEqual(['老旧小区加装电梯', '社区老年食堂']);
    expect((await record()).agenda).toEqual([
      expect.objectContaining({
        agendaItemId: item.id,
        agendaTitle: '听取民生实事项目进展报告',
        meetingId: s.meeting.id,
      }),
    ]);
    await t.ok('agenda.remove', { id: item.id });
    expect((await record()).agenda).toEqual([]);
  });

  it('lists every step in order: 候选, 票决, 计划, 进展, 视察, 决定, 测评, 整改, 复评', async () => {
    const line = (h: number) =>
      JSON.stringify({
        style: 'rating',
        returned: 5,
        satisfiedRate: h,
        combinedRate: h,
        satisfaction: h,
        satisfactionText: `${(h / 100).toFixed(2)}%`,
        grade: null,
        rectifyReason: null,
      });
    await t.ok('projectPlans.set', {
      projectId: chosen,
      department: '区住房城乡建委',
      budgetWan: 3600,
      startOn: '2025-03-01',
    });
    await t.ok('projectInspections.add', {
      projectId: chosen,
      kind: 'supervision',
      heldOn: '2025-08-15',
      findings: '进度滞后',
    });
    await t.ok('projectProgress.add', {
      projectId: chosen,
      reportedOn: '2025-06-30',
      percent: 45,
      text: '已完成加装32部',
    });
    const c = await committeeMeeting();
    const d = (await t.ok('projectDecisions.propose', {
      projectId: chosen,
      agendaItemId: c.item.id,
      kind: 'change',
      summary: '加装数量调整为40部',
    })) as ProjectDecision;
    await passMotion(d.voteId, c.members, 5);
    // 测评 and 整改 rows as part D's review writes them (a LineSummary): a 测评 below the line opens a 整改, a later one
    // closes it. The results were keyed in days after each meeting: the 整改 is still dated by the 测评.
    const db = t.rt.db;
    const round = db.prepare('SELECT id FROM poll_rounds LIMIT 1').pluck().get() as number;
    db.prepare("INSERT INTO project_evaluations VALUES (?, ?, ?, '2025-12-20', 'rating', ?, 0)").run(
      chosen,
      round,
      s.meeting.id,
      line(6500),
    );
    const round2 = db.prepare('SELECT id FROM poll_rounds ORDER BY id DESC LIMIT 1').pluck().get() as number;
    db.prepare("INSERT INTO project_evaluations VALUES (?, ?, ?, '2026-03-10', 'rating', ?, 1)").run(
      chosen,
      round2,
      s.meeting.id,
      line(8800),
    );
    db.prepare(
      'INSERT INTO rectifications (project_id, opened_by_round, department, deadline, requirement, response, responded_on, status, closed_by_round, closed_at, ' +
        "created_at) VALUES (?, ?, '区住房城乡建委', '2026-02-28', '加快进度', '已完成整改', '2026-02-20', 'closed', ?, '2026-03-16T02:00:00.000Z', '2025-12-27T03:00:00.000Z')",
    ).run(chosen, round, round2);

    const tl = await timeline();
    expect(tl.map((e) => e.kindLabel)).toEqual([
      '候选',
      '票决',
      '计划',
      '进展',
      '视察督查',
      '提请决定',
      '决定',
      '测评',
      '整改',
      '整改答复',
      '复评',
      '整改销号',
    ]);
    expect(tl.map((e) => e.date)).toEqual([...tl.map((e) => e.date)].sort());
    expect(tl[1]).toMatchObject({ kind: 'vote', detail: '赞成5票，第1名；入选', link: `votes/${s.list.id}/rounds` });
    expect(tl[6]).toMatchObject({
      kind: 'decided',
      title: '江北区人大常委会表决通过：关于调整老旧小区加装电梯项目的决定（草案）',
      detail: expect.stringContaining('项目已变更'),
    });
    expect(tl[7]).toMatchObject({ detail: '满意率65.00%；低于整改线' });
    expect(tl[8]).toMatchObject({ kind: 'rectification_opened', date: '2025-12-20' });
    expect(tl[10]).toMatchObject({ kind: 'reevaluation', detail: '满意率88.00%；达到要求' });
    expect(tl[11]).toMatchObject({
      kind: 'rectification_closed',
      date: '2026-03-10',
      detail: '复评达到要求，整改完成',
    });
    // A project not chosen has 候选 and 票决 only.
    expect((await timeline(unchosen)).map((e) => [e.kindLabel, e.detail.split('；').at(-1)])).toEqual([
      ['候选', '审查：确定为候选'],
      ['票决', '未入选'],
    ]);
  });
});
