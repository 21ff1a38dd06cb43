import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeAudit,
  type AgendaItem,
  type AuditEntry,
  type ImportPreview,
  type Meeting,
  type PaperBatch,
  type Project,
  type ProjectList,
  type ProjectVote,
  type RuleSet,
} from '../../shared/contract';
import {
  nextStep,
  parseOrigin,
  parseScreening,
  previousStep,
  screeningRefusal,
  SCREENING_STEPS,
} from '../../shared/domain/project-screening';
import { b64, createBody, errorOf, makeTempRuntime, readXlsxValues, type TempRuntime } from './helpers';
import { buildXlsx, enterPaper, importDeputies } from '../fixtures';

/**
 * Candidates before the vote (issue 11; ../shared/rules/README.md §4): where each came from, its screening
 * (征集 → 初审 → 论证/评估 → 合法性审查 → 确定为候选, or 未入选 with a reason), the adoption by 主任会议 or 常委会 with
 * a 差额 among the 确定为候选 ones, and that only an adopted list's candidates go on the ballot, numbered 1..M.
 */

describe('screening rule (pure)', () => {
  it('moves one step at a time, forward or back, or to 未入选 with a reason', () => {
    expect(SCREENING_STEPS).toEqual(['collected', 'reviewed', 'assessed', 'legal_checked', 'candidate']);
    expect(nextStep('collected')).toBe('reviewed');
    expect(nextStep('candidate')).toBeNull();
    expect(nextStep('rejected')).toBeNull();
    expect(previousStep('collected')).toBeNull();
    expect(previousStep('candidate')).toBe('legal_checked');
    expect(previousStep('rejected', 'assessed')).toBe('assessed');
    expect(previousStep('rejected')).toBe('collected');
    expect(screeningRefusal({ from: 'collected', to: 'reviewed' })).toBeNull();
    expect(screeningRefusal({ from: 'reviewed', to: 'collected' })).toBeNull();
    expect(screeningRefusal({ from: 'collected', to: 'candidate' })).toBe(
      '项目处于“征集”，只能逐步推进：进入“初审”（或列为“未入选”并写明原因）',
    );
    expect(screeningRefusal({ from: 'assessed', to: 'collected' })).toContain('进入“合法性审查”或退回“初审”');
    expect(screeningRefusal({ from: 'assessed', to: 'rejected' })).toBe('列为“未入选”须写明原因');
    expect(screeningRefusal({ from: 'assessed', to: 'rejected', reason: '  ' })).toBe('列为“未入选”须写明原因');
    expect(screeningRefusal({ from: 'assessed', to: 'rejected', reason: '资金未落实' })).toBeNull();
    expect(screeningRefusal({ from: 'rejected', to: 'legal_checked', rejectedFrom: 'legal_checked' })).toBeNull();
    expect(screeningRefusal({ from: 'rejected', to: 'candidate', rejectedFrom: 'legal_checked' })).not.toBeNull();
    expect(screeningRefusal({ from: 'candidate', to: 'candidate' })).toBe('项目已是“确定为候选”');
  });

  it('reads 来源 and 状态 as clerks write them', () => {
    expect(
      ['代表建议', '人大代表建议', '群众征集', '公开征集', '部门申报', '民情联络员', '联络员', '其他', '其它'].map(
        parseOrigin,
      ),
    ).toEqual(['suggestion', 'suggestion', 'public', 'public', 'department', 'liaison', 'liaison', 'other', 'other']);
    expect(parseOrigin('网上看到的')).toBeNull();
    expect(
      ['征集', '初审', '论证/评估', '论证', '合法性审查', '确定为候选', '候选', '未入选'].map(parseScreening),
    ).toEqual(['collected', 'reviewed', 'assessed', 'assessed', 'legal_checked', 'candidate', 'candidate', 'rejected']);
    expect(parseScreening('待定')).toBeNull();
  });
});

let t: TempRuntime;
beforeEach(() => {
  t = makeTempRuntime();
});
afterEach(() => t.cleanup());

const listOf = async (id: number) => (await t.ok('projectLists.get', { id })) as ProjectList;
const state = () => ({
  projects: t.count('projects'),
  lists: JSON.stringify(t.rt.db.prepare('SELECT * FROM project_lists').all()),
  rows: JSON.stringify(t.rt.db.prepare('SELECT * FROM projects ORDER BY id').all()),
  audit: t.count('audit_log'),
});
const screen = (id: number, to: string, reason?: string) =>
  t.call('projects.screen', { id, to, ...(reason ? { reason } : {}) });
/** The project group's audit entries of one action, as the audit page describes them. */
const audited = async (action: string) =>
  ((await t.ok('audit.list', { group: 'project', limit: 500 })) as AuditEntry[])
    .filter((e) => e.action === action)
    .map((e) => describeAudit(e));
const walk = async (id: number, to: 'candidate' | 'legal_checked') => {
  for (const step of ['reviewed', 'assessed', 'legal_checked', 'candidate'] as const) {
    await t.ok('projects.screen', { id, to: step });
    if (step === to) return;
  }
};

/** A congress with 5 deputies signed in, an open meeting with a 票决 item, and a list of 2 seats. */
async function congress() {
  const body = await createBody(t, '江北区人民代表大会');
  const deputies = await importDeputies(t, body.id, 5);
  const ruleSets = (await t.ok('ruleSets.list', {})) as RuleSet[];
  const m = (await t.ok('meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId: ruleSets.find((r) => r.key === 'district_midyear_session')!.id,
    title: '江北区2026年会议',
    date: '2026-02-18',
  })) as Meeting;
  for (const d of deputies)
    await t.ok('attendance.mark', { meetingId: m.id, membershipId: d.membershipId, status: 'present' });
  const item = (await t.ok('agenda.add', {
    meetingId: m.id,
    kind: 'project_vote',
    title: '票决产生2026年度民生实事项目',
  })) as AgendaItem;
  await t.ok('meetings.open', { id: m.id });
  const list = (await t.ok('projectLists.create', {
    bodyId: body.id,
    year: 2026,
    title: '2026年度民生实事候选项目',
    seats: 2,
  })) as ProjectList;
  return { body, item, list };
}

describe('candidates through the API', () => {
  it('records where a candidate came from and keeps it when an older script updates the project', async () => {
    const { list } = await congress();
    const p = (await t.ok('projects.add', {
      listId: list.id,
      name: '城区学校午餐配送',
      origin: 'suggestion',
      proposer: '张明（第12号建议）',
      category: '教育',
      screening: 'collected',
    })) as Project;
    expect(p).toMatchObject({
      origin: 'suggestion',
      proposer: '张明（第12号建议）',
      category: '教育',
      screening: 'collected',
      rejectedReason: null,
    });
    // As before issue 11: no status given, a 确定为候选 project; no provenance.
    const q = (await t.ok('projects.add', { listId: list.id, name: '老旧小区加装电梯' })) as Project;
    expect(q).toMatchObject({ screening: 'candidate', origin: null, proposer: null, category: null });
    // An update written before these fields existed leaves them; null clears one.
    const u = (await t.ok('projects.update', { id: p.id, name: '城区中小学午餐配送', budgetWan: 300 })) as Project;
    expect(u).toMatchObject({
      name: '城区中小学午餐配送',
      budgetWan: 300,
      origin: 'suggestion',
      proposer: '张明（第12号建议）',
      category: '教育',
      screening: 'collected',
    });
    expect(await t.ok('projects.update', { id: p.id, name: '城区中小学午餐配送', category: null })).toMatchObject({
      category: null,
      origin: 'suggestion',
    });
    const bad = errorOf(await t.call('projects.add', { listId: list.id, name: '社区食堂', origin: 'mayor' }));
    expect(bad).toMatchObject({
      code: 'VALIDATION',
      field: 'origin',
      message: '输入有误：“来源”：来源应为代表建议、群众征集、部门申报、民情联络员或其他',
    });
    expect(
      errorOf(await t.call('projects.add', { listId: list.id, name: '社区食堂', screening: 'rejected' })),
    ).toMatchObject({ field: 'rejectedReason' });
  });

  it('screens one step at a time, refuses a skip or a reasonless 未入选 changing nothing, and sinks 未入选 below the ballot', async () => {
    const { list } = await congress();
    const ps: Project[] = [];
    for (const name of ['社区养老服务中心', '口袋公园建设', '背街小巷改造'])
      ps.push(
        (await t.ok('projects.add', {
          listId: list.id,
          name,
          origin: 'liaison',
          proposer: '民情联络员（131名，846条意见）',
          screening: 'collected',
        })) as Project,
      );
    const before = state();
    const skip = errorOf(await screen(ps[0]!.id, 'candidate'));
    expect(skip).toMatchObject({
      code: 'CONFLICT',
      field: 'to',
      message: '“社区养老服务中心”项目处于“征集”，只能逐步推进：进入“初审”（或列为“未入选”并写明原因）',
    });
    const noReason = errorOf(await screen(ps[0]!.id, 'rejected'));
    expect(noReason).toMatchObject({
      code: 'VALIDATION',
      field: 'reason',
      message: '输入有误：“原因”：列为“未入选”须写明原因',
    });
    expect(errorOf(await t.call('projects.screen', { id: ps[0]!.id, to: 'rejected', reason: '无' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'reason',
    });
    expect(state()).toEqual(before);

    expect(await t.ok('projects.screen', { id: ps[0]!.id, to: 'reviewed' })).toMatchObject({ screening: 'reviewed' });
    expect(await t.ok('projects.screen', { id: ps[0]!.id, to: 'collected' })).toMatchObject({ screening: 'collected' });
    await walk(ps[0]!.id, 'legal_checked');
    // Refused at 合法性审查: it goes to the end of the list, off the ballot numbers.
    const rejected = (await t.ok('projects.screen', {
      id: ps[0]!.id,
      to: 'rejected',
      reason: '涉及征地，合法性审查未通过',
    })) as Project;
    expect(rejected).toMatchObject({ screening: 'rejected', rejectedReason: '涉及征地，合法性审查未通过', number: 3 });
    expect((await listOf(list.id)).projects.map((p) => [p.number, p.name])).toEqual([
      [1, '口袋公园建设'],
      [2, '背街小巷改造'],
      [3, '社区养老服务中心'],
    ]);
    // Back a step restores the step it was refused at.
    expect(await t.ok('projects.screen', { id: ps[0]!.id, to: 'legal_checked' })).toMatchObject({
      screening: 'legal_checked',
      rejectedReason: null,
    });
    const entries = await audited('project.screen');
    expect(entries.length).toBe(7);
    expect(entries).toContain('项目：社区养老服务中心；合法性审查 → 未入选；原因：涉及征地，合法性审查未通过');
    const counts = (await listOf(list.id)).screeningCounts;
    expect(counts).toEqual({ collected: 2, reviewed: 0, assessed: 0, legal_checked: 1, candidate: 0, rejected: 0 });
    // A project added after a rejection goes before the 未入选 one, which stays last.
    await t.ok('projects.screen', { id: ps[1]!.id, to: 'rejected', reason: '已列入部门年度计划' });
    const added = (await t.ok('projects.add', { listId: list.id, name: '新增公交线路' })) as Project;
    expect(added.number).toBe(3);
    expect((await listOf(list.id)).projects.map((p) => [p.number, p.name])).toEqual([
      [1, '背街小巷改造'],
      [2, '社区养老服务中心'],
      [3, '新增公交线路'],
      [4, '口袋公园建设'],
    ]);
  });

  it('adopts only with 差额 and nothing mid-screening, fixes the candidates, and puts only them on the ballot numbered 1..M', async () => {
    const { item, list } = await congress();
    const names = ['社区养老服务中心', '口袋公园建设', '背街小巷改造', '农贸市场提升', '学校周边交通治理'];
    const ps: Project[] = [];
    for (const name of names)
      ps.push(
        (await t.ok('projects.add', {
          listId: list.id,
          name,
          origin: 'suggestion',
          screening: 'collected',
        })) as Project,
      );
    const adopt = (on = '2026-01-12') =>
      t.call('projectLists.adopt', { id: list.id, by: 'directors', on, ref: '第十五次主任会议' });
    // Not adopted: no 票决 can be arranged, and the refusal names the list.
    let before = state();
    expect(
      errorOf(
        await t.call('projectVotes.create', { listId: list.id, agendaItemId: item.id, style: 'choose', mode: 'paper' }),
      ),
    ).toMatchObject({
      code: 'CONFLICT',
      field: 'listId',
      message: '候选项目清单尚未经主任会议或常委会确定：“2026年度民生实事候选项目”，请先确定候选清单再安排票决',
    });
    // Mid-screening: refused, naming each by number and name.
    for (const p of ps.slice(0, 3)) await walk(p.id, 'candidate');
    await walk(ps[3]!.id, 'legal_checked');
    const mid = errorOf(await adopt());
    expect(mid).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(mid.message).toBe(
      '“2026年度民生实事候选项目”还有2个项目仍在筛选中：4号“农贸市场提升”（合法性审查）、5号“学校周边交通治理”（征集）；请先确定为候选或列为未入选，再确定清单',
    );
    // Two rejected leave 3 candidates for 2 seats… first reject one too many to see the 差额 refusal.
    await t.ok('projects.screen', { id: ps[3]!.id, to: 'rejected', reason: '资金来源未落实' });
    await t.ok('projects.screen', { id: ps[4]!.id, to: 'rejected', reason: '已列入部门年度计划' });
    await t.ok('projects.screen', { id: ps[2]!.id, to: 'rejected', reason: '与口袋公园建设合并' });
    before = state();
    expect(errorOf(await adopt())).toMatchObject({
      code: 'CONFLICT',
      message: '确定为候选的项目2个，须多于应选的2个（差额票决），不能确定“2026年度民生实事候选项目”',
    });
    expect(state()).toEqual(before);
    await t.ok('projects.screen', { id: ps[2]!.id, to: 'candidate' });

    const adopted = (await t.ok('projectLists.adopt', {
      id: list.id,
      by: 'directors',
      on: '2026-01-12',
      ref: '第十五次主任会议',
    })) as ProjectList;
    expect(adopted).toMatchObject({
      adoption: { by: 'directors', on: '2026-01-12', ref: '第十五次主任会议' },
      margin: 1,
      screeningCounts: { candidate: 3, rejected: 2 },
    });
    expect(adopted.projects.map((p) => [p.number, p.screening])).toEqual([
      [1, 'candidate'],
      [2, 'candidate'],
      [3, 'candidate'],
      [4, 'rejected'],
      [5, 'rejected'],
    ]);
    expect(await audited('projectList.adopt')).toEqual([
      '清单：2026年度民生实事候选项目；2026-01-12经主任会议确定；文号：第十五次主任会议；候选3个、应选2个',
    ]);

    // Fixed now: screening, adding, removing, reordering are refused, saying when and by whom.
    before = state();
    const fixed = '“2026年度民生实事候选项目”已于2026年1月12日经主任会议确定（第十五次主任会议），候选项目已固定';
    for (const r of [
      await screen(ps[3]!.id, 'collected'),
      await screen(ps[0]!.id, 'rejected', '重新考虑'),
      await t.call('projects.add', { listId: list.id, name: '新增项目' }),
      await t.call('projects.remove', { id: ps[0]!.id }),
      await t.call('projects.move', { id: ps[1]!.id, direction: 'up' }),
      await t.call('projects.update', { id: ps[1]!.id, name: '口袋公园建设（改名）' }),
      await t.call('projectLists.update', { id: list.id, title: list.title, seats: 1 }),
      await adopt('2026-01-13'),
    ]) {
      expect(errorOf(r).code).toBe('CONFLICT');
      expect(errorOf(r).message).toContain('2026年1月12日经主任会议确定');
    }
    expect(errorOf(await screen(ps[3]!.id, 'collected')).message).toContain(fixed);
    expect(state()).toEqual(before);
    // Particulars other than the name may still be completed.
    await t.ok('projects.update', { id: ps[1]!.id, name: '口袋公园建设', department: '区城管局', category: '环境' });

    // Only the 3 candidates on the ballot, numbered 1..3; paper keying by number reaches them.
    const v = (await t.ok('projectVotes.create', {
      listId: list.id,
      agendaItemId: item.id,
      style: 'choose',
      mode: 'paper',
    })) as ProjectVote;
    const candidates = adopted.projects.filter((p) => p.screening === 'candidate').map((p) => p.id);
    expect(v.candidateIds).toEqual(candidates);
    const opened = (await t.ok('projectVotes.open', { id: v.id })) as ProjectVote;
    expect(opened.candidateIds).toEqual(candidates);
    expect(errorOf(await t.call('projectLists.unadopt', { id: list.id, reason: '重新确定' }))).toMatchObject({
      code: 'CONFLICT',
      message: '“2026年度民生实事候选项目”已开始票决，不能撤销清单的确定',
    });
    await t.ok('projectVotes.stopVoting', { id: v.id });
    const refused = errorOf(await t.call('projectVotes.paperEnter', { id: v.id, batch: 1, keys: '4' }));
    expect(refused.message).toContain('4');
    const batch = (await enterPaper(t, v.id, ['1 3', '1 2', '1 3', '3', '1'])) as PaperBatch;
    expect(batch.count).toBe(5);
    const closed = (await t.ok('projectVotes.close', { id: v.id, issued: 5 })) as ProjectVote;
    expect(closed.result!.rows.map((r) => [r.candidateId, r.yes])).toEqual(
      expect.arrayContaining([
        [candidates[0], 4],
        [candidates[1], 1],
        [candidates[2], 3],
      ]),
    );
    expect(closed.result!.rows).toHaveLength(3);
    expect(closed.result!.chosenIds).toEqual([candidates[0], candidates[2]]);
  });

  it('withdraws an adoption before any round opened, with a reason, and the list can be screened again', async () => {
    const { list } = await congress();
    for (const name of ['项目甲', '项目乙', '项目丙']) await t.ok('projects.add', { listId: list.id, name });
    expect(errorOf(await t.call('projectLists.unadopt', { id: list.id, reason: '未确定过' }))).toMatchObject({
      code: 'CONFLICT',
      message: '“2026年度民生实事候选项目”尚未确定，无须撤销',
    });
    await t.ok('projectLists.adopt', {
      id: list.id,
      by: 'committee',
      on: '2026-01-20',
      ref: '区人大常委会第二十次会议',
    });
    expect(errorOf(await t.call('projectLists.unadopt', { id: list.id }))).toMatchObject({
      code: 'VALIDATION',
      field: 'reason',
    });
    const back = (await t.ok('projectLists.unadopt', { id: list.id, reason: '常委会决定增补候选项目' })) as ProjectList;
    expect(back.adoption).toBeNull();
    expect(await audited('projectList.unadopt')).toEqual([
      '清单：2026年度民生实事候选项目；原为：2026年1月20日经常委会确定（区人大常委会第二十次会议）；原因：常委会决定增补候选项目',
    ]);
    await t.ok('projects.add', { listId: list.id, name: '项目丁', screening: 'collected' });
  });
});

describe('import of candidates with their provenance and screening', () => {
  const HEAD = ['编号', '项目名称', '来源', '提出人', '类型', '状态', '未入选原因', '责任单位'];

  it('reads 来源, 提出人, 类型, 状态 and 未入选原因 from a real .xlsx, and refuses the whole file naming row and field', async () => {
    const { list } = await congress();
    const good = await buildXlsx(
      [
        HEAD,
        [1, '社区养老服务中心', '代表建议', '张明', '养老', '确定为候选', '', '区民政局'],
        [2, '口袋公园建设', '民情联络员', '民情联络员（131名，846条意见）', '环境', '合法性审查', '', '区城管局'],
        [3, '农贸市场提升', '部门申报', '区商务局', '其他', '未入选', '资金来源未落实', '区商务局'],
        [4, '学校周边交通治理', '群众征集', '', '交通', '', '', '区交通局'],
      ],
      { title: '2026年度民生实事候选项目' },
    );
    const input = { listId: list.id, fileName: '候选项目.xlsx', contentBase64: b64(good) };
    const preview = (await t.ok('projects.importPreview', input)) as ImportPreview;
    expect(preview.issues).toEqual([]);
    expect(preview.columns.map((c) => c.field)).toEqual([
      '编号',
      '项目名称',
      '来源',
      '提出人',
      '类型',
      '状态',
      '未入选原因',
      '责任单位',
    ]);
    await t.ok('projects.importCommit', input);
    const l = await listOf(list.id);
    expect(
      l.projects.map((p) => [p.number, p.name, p.origin, p.proposer, p.category, p.screening, p.rejectedReason]),
    ).toEqual([
      [1, '社区养老服务中心', 'suggestion', '张明', '养老', 'candidate', null],
      [2, '口袋公园建设', 'liaison', '民情联络员（131名，846条意见）', '环境', 'legal_checked', null],
      [3, '学校周边交通治理', 'public', null, '交通', 'candidate', null],
      [4, '农贸市场提升', 'department', '区商务局', '其他', 'rejected', '资金来源未落实'],
    ]);

    const bad = await buildXlsx([
      HEAD,
      [1, '背街小巷改造', '网上看到的', '', '', '', '', ''],
      [2, '社区食堂', '代表建议', '', '', '待定', '', ''],
      [3, '菜市场改造', '代表建议', '', '', '未入选', '', ''],
      [4, '公交线路优化', '代表建议', '', '', '征集', '', ''],
    ]);
    const before = state();
    const badInput = { listId: list.id, fileName: '有误.xlsx', contentBase64: b64(bad) };
    const p2 = (await t.ok('projects.importPreview', badInput)) as ImportPreview;
    expect(p2.issues).toEqual([
      {
        row: 2,
        field: '来源',
        message: '“网上看到的”不是有效的来源，应为代表建议、群众征集、部门申报、民情联络员、其他',
      },
      {
        row: 3,
        field: '状态',
        message: '“待定”不是有效的状态，应为征集、初审、论证/评估、合法性审查、确定为候选、未入选',
      },
      { row: 4, field: '未入选原因', message: '状态为“未入选”的项目须写明原因' },
    ]);
    const e = errorOf(await t.call('projects.importCommit', badInput));
    expect(e).toMatchObject({ code: 'IMPORT_INVALID' });
    expect(e.message).toBe(
      '导入未执行，清单未作任何改动：共3处错误，首处在第2行“来源”：“网上看到的”不是有效的来源，应为代表建议、群众征集、部门申报、民情联络员、其他',
    );
    expect(state()).toEqual(before);
  });

  it('gives a template whose headers the import reads, and refuses an import into an adopted list', async () => {
    const { list } = await congress();
    const tpl = (await t.ok('projects.importTemplate', {})) as { fileName: string; contentBase64: string };
    expect(tpl.fileName).toBe('候选项目导入模板.xlsx');
    const rows = await readXlsxValues(Buffer.from(tpl.contentBase64, 'base64'));
    expect(rows[1]).toEqual([
      '编号',
      '项目名称',
      '来源',
      '提出人',
      '类型',
      '状态',
      '未入选原因',
      '责任单位',
      '预算（万元）',
      '实施地点',
      '项目简介',
    ]);
    const filled = await buildXlsx([
      rows[1] as string[],
      [1, '项目甲', '代表建议', '李华', '教育', '确定为候选', '', '区教育局', 50, '城区', ''],
      [2, '项目乙', '其他', '', '医疗', '确定为候选', '', '', '', '', ''],
      [3, '项目丙', '部门申报', '区卫健委', '医疗', '确定为候选', '', '', '', '', ''],
    ]);
    await t.ok('projects.importCommit', { listId: list.id, fileName: '模板.xlsx', contentBase64: b64(filled) });
    expect((await listOf(list.id)).projects.map((p) => [p.name, p.budgetWan])).toEqual([
      ['项目甲', 50],
      ['项目乙', null],
      ['项目丙', null],
    ]);
    await t.ok('projectLists.adopt', {
      id: list.id,
      by: 'directors',
      on: '2026-01-12',
      ref: '主任会议纪要〔2026〕3号',
    });
    const again = await buildXlsx([['项目名称'], ['项目丁']]);
    const e = errorOf(
      await t.call('projects.importPreview', { listId: list.id, fileName: 'a.xlsx', contentBase64: b64(again) }),
    );
    expect(e).toMatchObject({ code: 'CONFLICT' });
    expect(e.message).toContain('不能导入项目');
  });
});
