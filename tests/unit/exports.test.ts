import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AgendaItem,
  ExportedFile,
  Meeting,
  Member,
  PollRound,
  ProjectList,
  ProjectVote,
  RuleSet,
  Vote,
} from '../../shared/contract';
import { sortByName } from '../../shared/domain/collation';
import type { RatingResult } from '../../shared/domain/evaluation';
import type { RoundResult } from '../../shared/domain/projects';
import type { MotionResult } from '../../shared/domain/rules';
import { localTime } from '../../electron/services/xlsx-export';
import { createBody, errorOf, makeTempRuntime, readXlsxValues, type TempRuntime } from './helpers';

/**
 * The Excel exports (issue 12 item 4), read back with ExcelJS: exact headers, the figures the engine recorded, and
 * cells that start with = + - @ kept as text (formula injection). A refusal changes nothing and says why.
 */

let t: TempRuntime;
beforeEach(() => {
  t = makeTempRuntime();
});
afterEach(() => t.cleanup());

const sheetOf = async (f: ExportedFile) => readXlsxValues(Buffer.from(f.contentBase64, 'base64'));
async function workbook(f: ExportedFile) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(f.contentBase64, 'base64') as unknown as ArrayBuffer);
  return wb;
}
/** The rows under the header row that starts with `header`, while their first cell is a figure (序号 or 应到). */
function table(rows: unknown[][], header: readonly string[]): unknown[][] {
  const at = rows.findIndex((r) => header.every((h, i) => r?.[i] === h));
  expect(at, `表头 ${header.join('、')}`).toBeGreaterThanOrEqual(0);
  const out: unknown[][] = [];
  for (const r of rows.slice(at + 1)) {
    if (typeof r?.[0] !== 'number') break;
    out.push(r.slice(0, header.length));
  }
  return out;
}
const headerRow = (rows: unknown[][], first: string) => rows.find((r) => r?.[0] === first)!.filter((x) => x !== null);
/** The text a formula-looking cell must keep: a string value, in the text format Excel never evaluates. */
function expectText(cell: ExcelJS.Cell, value: string) {
  expect(cell.type).toBe(ExcelJS.ValueType.String);
  expect(cell.value).toBe(value);
  expect(cell.numFmt, `${cell.address} 应为文本格式`).toBe('@');
}
function findCell(ws: ExcelJS.Worksheet, value: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | null = null;
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (c.value === value) found = c;
    }),
  );
  expect(found, value).not.toBeNull();
  return found!;
}

const NAMES = ['王小明', '丁一', '李华', '张伟', '刘洋', '马丽'];
const INJECT_UNIT = '=HYPERLINK("http://evil.example","点击")';

interface Congress {
  members: Member[];
  meeting: Meeting;
  motion: AgendaItem;
  secretItem: AgendaItem;
  voteItem: AgendaItem;
}

async function congress(): Promise<Congress> {
  const body = await createBody(t, '江北区人民代表大会', 'district_congress');
  const members: Member[] = [];
  for (const [i, name] of NAMES.entries())
    members.push(
      (await t.ok('members.create', {
        bodyId: body.id,
        name,
        unitTitle: i === 0 ? INJECT_UNIT : null,
        seatNo: String(6 - i),
      })) as Member,
    );
  const ruleSet = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'district_midyear_session')!;
  const m0 = (await t.ok('meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId: ruleSet.id,
    title: '江北区人民代表大会2025年年中会议',
    date: '2025-02-18',
  })) as Meeting;
  const item = async (kind: AgendaItem['kind'], title: string) =>
    (await t.ok('agenda.add', { meetingId: m0.id, kind, title })) as AgendaItem;
  const motion = await item('motion', '关于2024年计划执行情况的决议（草案）');
  const secretItem = await item('motion', '关于罢免某某代表职务的决定（草案）');
  const voteItem = await item('project_vote', '票决产生2025年度民生实事项目');
  for (const m of members.slice(0, 5))
    await t.ok('attendance.mark', { meetingId: m0.id, membershipId: m.membershipId, status: 'present' });
  await t.ok('attendance.mark', {
    meetingId: m0.id,
    membershipId: members[5]!.membershipId,
    status: 'leave',
    reason: '-出差（区政府安排）',
  });
  const meeting = (await t.ok('meetings.open', { id: m0.id })) as Meeting;
  return { members, meeting, motion, secretItem, voteItem };
}

describe('formula injection: a cell that starts with = + - @ is text', () => {
  it('in the roster export (a unit titled =HYPERLINK(…)), which wrote it as a bare string before', async () => {
    const c = await congress();
    const f = (await t.ok('roster.export', { bodyId: c.members[0]!.bodyId })) as ExportedFile;
    const ws = (await workbook(f)).worksheets[0]!;
    expectText(findCell(ws, INJECT_UNIT), INJECT_UNIT);
    // An ordinary cell keeps the general format.
    expect(findCell(ws, '王小明').numFmt).not.toBe('@');
  });
});

describe('exports.attendance', () => {
  it('lists the roll in 姓氏笔画 order with the counts and sign-in times; a 事由 starting with - is text', async () => {
    const c = await congress();
    const f = (await t.ok('exports.attendance', { meetingId: c.meeting.id })) as ExportedFile;
    expect(f.fileName).toBe('江北区人民代表大会2025年年中会议签到情况.xlsx');
    const rows = await sheetOf(f);
    expect(rows[0]![0]).toBe('江北区人民代表大会2025年年中会议（2025年2月18日）签到情况');
    expect(String(rows[1]![0])).toMatch(/^应到6人，实到5人，请假1人，缺席0人。/);
    const headers = ['序号', '姓名', '座位号', '选区', '签到情况', '签到时间', '离场时间', '事由', '备注'];
    expect(headerRow(rows, '序号')).toEqual(headers);
    const sheet = (await t.ok('attendance.get', { meetingId: c.meeting.id })) as {
      rows: { name: string; signedInAt: string | null }[];
    };
    const at = new Map(sheet.rows.map((r) => [r.name, r.signedInAt]));
    const body = table(rows, headers);
    // 丁(2) 王(4) 马(3)…: the stroke order, not the seats (6…1) nor the order they were added.
    expect(body.map((r) => r[1])).toEqual(sortByName(NAMES, 'stroke', (n) => n));
    expect(body.map((r) => r[1])).toEqual(['丁一', '马丽', '王小明', '刘洋', '李华', '张伟']);
    for (const r of body) {
      const name = r[1] as string;
      expect(r[4]).toBe(name === '马丽' ? '请假' : '出席');
      expect(r[5] || null).toBe(at.get(name) ? localTime(at.get(name)!) : null);
    }
    const ws = (await workbook(f)).worksheets[0]!;
    expectText(findCell(ws, '-出差（区政府安排）'), '-出差（区政府安排）');
  });
});

describe('exports.round and exports.rollCall', () => {
  it('a closed named motion: the tally as recorded, and the roll call in 笔画 order', async () => {
    const c = await congress();
    const v = (await t.ok('votes.create', { agendaItemId: c.motion.id, mode: 'electronic', secrecy: 'named' })) as Vote;
    await t.ok('votes.open', { id: v.id });
    const choices = ['yes', 'no', 'yes', 'abstain'] as const;
    for (const [i, ch] of choices.entries())
      await t.ok('votes.cast', { id: v.id, membershipId: c.members[i]!.membershipId, choice: ch });
    const closed = (await t.ok('votes.close', { id: v.id })) as Vote;
    const res = closed.result as MotionResult;

    const rows = await sheetOf((await t.ok('exports.round', { roundId: v.id })) as ExportedFile);
    const headers = ['应到', '实到', '赞成', '反对', '弃权', '未按', '通过所需票数', '表决结果'];
    expect(headerRow(rows, '应到')).toEqual(headers);
    expect(table(rows, headers)).toEqual([
      [6, 5, res.yes, res.no, res.abstain, res.notVoting, res.required, res.passed ? '通过' : '未通过'],
    ]);
    expect([res.yes, res.no, res.abstain, res.notVoting]).toEqual([2, 1, 1, 1]);
    expect(rows.some((r) => r?.[0] === `通过线：${res.thresholdText}。`)).toBe(true);
    expect(rows.some((r) => r?.[0] === `公告：${closed.announcement}`)).toBe(true);

    const roll = await sheetOf((await t.ok('exports.rollCall', { roundId: v.id })) as ExportedFile);
    expect(headerRow(roll, '序号')).toEqual(['序号', '姓名', '表决意见']);
    const byName: Record<string, string> = { 王小明: '赞成', 丁一: '反对', 李华: '赞成', 张伟: '弃权', 刘洋: '未按' };
    expect(table(roll, ['序号', '姓名', '表决意见'])).toEqual(
      ['丁一', '王小明', '刘洋', '李华', '张伟'].map((n, i) => [i + 1, n, byName[n]]),
    );
    expect(roll.some((r) => r?.[0] === '开始表决时出席5人：赞成2人，反对1人，弃权1人，未按1人。')).toBe(true);
  });

  it('refuses an open secret motion (no tally, no roll) and changes nothing', async () => {
    const c = await congress();
    const v = (await t.ok('votes.create', {
      agendaItemId: c.secretItem.id,
      mode: 'electronic',
      secrecy: 'secret',
    })) as Vote;
    await t.ok('votes.open', { id: v.id });
    await t.ok('votes.cast', { id: v.id, membershipId: c.members[0]!.membershipId, choice: 'no' });
    const counts = () => [
      t.count('audit_log'),
      t.count('poll_rounds'),
      t.count('round_ballots'),
      t.count('round_voters'),
    ];
    const before = counts();
    const open = errorOf(await t.call('exports.round', { roundId: v.id }));
    expect(open).toMatchObject({ code: 'CONFLICT', field: 'roundId' });
    expect(open.message).toBe('表决《关于罢免某某代表职务的决定（草案）》正在投票，结束后才能导出计票结果');
    const secret = errorOf(await t.call('exports.rollCall', { roundId: v.id }));
    expect(secret).toMatchObject({ code: 'FORBIDDEN', field: 'roundId' });
    expect(secret.message).toBe('表决《关于罢免某某代表职务的决定（草案）》是无记名投票，无记名投票不产生记名名单');
    expect(counts()).toEqual(before);
    await t.ok('votes.close', { id: v.id });
    // Closed, the secret vote exports its tally but still has no roll.
    expect((await t.call('exports.round', { roundId: v.id })).ok).toBe(true);
    expect(errorOf(await t.call('exports.rollCall', { roundId: v.id })).message).toContain('无记名投票不产生记名名单');
    expect(errorOf(await t.call('exports.round', { roundId: 9999 }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'roundId',
    });
  });

  it('a closed 票决: per project votes, rank and 入选 as the engine decided; a project named +1… is text', async () => {
    const c = await congress();
    const list = (await t.ok('projectLists.create', {
      bodyId: c.members[0]!.bodyId,
      year: 2025,
      title: '2025年度民生实事候选项目',
      seats: 2,
      sameYear: true,
    })) as ProjectList;
    const names = ['城区老旧小区改造', '+1公里便民服务圈', '中小学校食堂提升', '背街小巷整治'];
    const ids: number[] = [];
    for (const name of names) ids.push(((await t.ok('projects.add', { listId: list.id, name })) as { id: number }).id);
    await t.ok('projectLists.adopt', { id: list.id, by: 'directors', on: '2025-01-20', ref: '第十五次主任会议' });
    const pv = (await t.ok('projectVotes.create', {
      listId: list.id,
      agendaItemId: c.voteItem.id,
      style: 'choose',
      mode: 'electronic',
      scrutineers: ['王监票'],
      counters: ['赵计票'],
    })) as ProjectVote;
    await t.ok('projectVotes.open', { id: pv.id });
    const marks = [[ids[0]!, ids[1]!], [ids[1]!, ids[2]!], [ids[1]!, ids[0]!], [ids[0]!, ids[3]!], [ids[1]!]];
    for (const [i, yes] of marks.entries())
      await t.ok('projectVotes.cast', { id: pv.id, membershipId: c.members[i]!.membershipId, marks: { yes } });
    const early = errorOf(await t.call('exports.round', { roundId: pv.id }));
    expect(early.message).toContain('结束后才能导出计票结果');
    await t.ok('projectVotes.close', { id: pv.id, issued: 5 });
    const round = (await t.ok('polls.get', { id: pv.id })) as PollRound;
    const res = round.result as RoundResult;

    const f = (await t.ok('exports.round', { roundId: pv.id })) as ExportedFile;
    const rows = await sheetOf(f);
    expect(headerRow(rows, '应到')).toEqual(['应到', '实到', '发出', '收回', '有效', '无效']);
    expect(table(rows, ['应到', '实到', '发出', '收回', '有效', '无效'])).toEqual([
      [6, 5, res.issued, res.returned, res.valid, res.void],
    ]);
    const headers = ['序号', '项目名称', '得票', '名次', '达到通过票数', '是否入选'];
    expect(headerRow(rows, '序号')).toEqual(headers);
    const body = table(rows, headers);
    // In the engine's order (by votes), each project with its ballot number.
    expect(body.map((r) => [r[0], r[1]])).toEqual(
      res.rows.map((x) => [ids.indexOf(x.candidateId) + 1, names[ids.indexOf(x.candidateId)]]),
    );
    expect(body.map((r) => r[2])).toEqual(res.rows.map((x) => x.yes));
    expect(body.map((r) => r[2])).toEqual([4, 3, 1, 1]);
    expect(body.map((r) => r[3])).toEqual(res.rows.map((x) => x.rank));
    expect(body.map((r) => r[5] ?? '')).toEqual(res.rows.map((x) => (x.chosen ? '入选' : '')));
    expect(body.filter((r) => r[5] === '入选').map((r) => r[1])).toEqual(['+1公里便民服务圈']); // 3 of 6 is not more than half of all deputies
    expect(rows.some((r) => r?.[0] === `公告：${round.announcement}`)).toBe(true);
    expectText(findCell((await workbook(f)).worksheets[0]!, '+1公里便民服务圈'), '+1公里便民服务圈');
    expect(errorOf(await t.call('exports.rollCall', { roundId: pv.id })).message).toContain('无记名投票不产生记名名单');
  });
});

describe('exports.evaluations and a 测评 round', () => {
  it('per item 满意/基本满意/不满意 counts and rates as announced; refused before any 测评 is closed', async () => {
    const committee = await createBody(t, '江北区人大常委会', 'standing_committee');
    const members: Member[] = [];
    for (const name of NAMES) members.push((await t.ok('members.create', { bodyId: committee.id, name })) as Member);
    const sets = (await t.ok('ruleSets.list', {})) as RuleSet[];
    const m0 = (await t.ok('meetings.create', {
      bodyId: committee.id,
      kind: 'standing_committee',
      ruleSetId: sets.find((r) => r.key === 'standing_committee')!.id,
      title: '江北区人大常委会第二十三次会议',
      date: '2025-11-08',
    })) as Meeting;
    for (const m of members.slice(0, 5))
      await t.ok('attendance.mark', { meetingId: m0.id, membershipId: m.membershipId, status: 'present' });
    const item = (await t.ok('agenda.add', {
      meetingId: m0.id,
      kind: 'evaluation',
      title: '对重点建议办理情况进行满意度测评',
    })) as AgendaItem;
    await t.ok('meetings.open', { id: m0.id });
    const items = [
      { kind: 'suggestion' as const, number: '1', title: '=1+1重点建议办理情况', department: '@区教委' },
      { kind: 'suggestion' as const, number: '2', title: '重点建议2办理情况', department: '区住建委' },
    ];
    const r = (await t.ok('evaluations.create', {
      agendaItemId: item.id,
      style: 'rating',
      mode: 'electronic',
      items,
      scrutineers: ['张明'],
      counters: ['王芳'],
    })) as PollRound;
    await t.ok('polls.open', { id: r.id });
    const marks = [
      ['satisfied', 'basically'],
      ['satisfied', 'unsatisfied'],
      ['basically', 'satisfied'],
      ['satisfied', 'satisfied'],
      ['unsatisfied', 'basically'],
    ] as const;
    for (const [i, ratings] of marks.entries())
      await t.ok('polls.cast', { id: r.id, membershipId: members[i]!.membershipId, ballot: { ratings: [...ratings] } });

    const before = t.count('audit_log');
    const none = errorOf(await t.call('exports.evaluations', { meetingId: m0.id }));
    expect(none).toMatchObject({
      code: 'CONFLICT',
      field: 'meetingId',
      message: '江北区人大常委会第二十三次会议还没有已结束的测评，没有可导出的测评结果',
    });
    expect(errorOf(await t.call('exports.round', { roundId: r.id })).message).toContain(
      '正在投票，结束后才能导出计票结果',
    );
    expect(t.count('audit_log')).toBe(before);

    await t.ok('polls.close', { id: r.id });
    const closed = (await t.ok('polls.get', { id: r.id })) as PollRound;
    const res = closed.result as RatingResult;
    const f = (await t.ok('exports.evaluations', { meetingId: m0.id })) as ExportedFile;
    expect(f.fileName).toBe('江北区人大常委会第二十三次会议测评结果.xlsx');
    const single = await sheetOf((await t.ok('exports.round', { roundId: r.id })) as ExportedFile);
    const rows = await sheetOf(f);
    expect(rows).toEqual(single);
    expect(table(rows, ['应到', '实到', '发出', '收回', '有效', '无效'])).toEqual([
      [res.expected, res.present, res.issued, res.returned, res.valid, res.void],
    ]);
    expect([res.expected, res.present, res.returned]).toEqual([6, 5, 5]);
    const rates =
      res.satisfactionRate === 'combined'
        ? ['满意率（满意加基本满意）', '满意占比', '基本满意占比', '不满意占比']
        : ['满意率', '基本满意率', '不满意率'];
    const headers = [
      '序号',
      '测评项目',
      '承办单位',
      '满意',
      '基本满意',
      '不满意',
      ...(res.abstain ? ['弃权'] : []),
      '该项无效',
      ...rates,
      ...(res.abstain ? ['弃权占比'] : []),
      ...(res.formula === 'graded' ? ['测评等次'] : []),
      '整改',
    ];
    expect(headerRow(rows, '序号')).toEqual(headers);
    const body = table(rows, headers);
    expect(body.map((x) => x.slice(0, 6))).toEqual([
      [1, '=1+1重点建议办理情况', '@区教委', 3, 1, 1],
      [2, '重点建议2办理情况', '区住建委', 2, 2, 1],
    ]);
    expect(body.map((x) => x.slice(0, 6))).toEqual(
      res.items.map((x, i) => [i + 1, items[i]!.title, items[i]!.department, x.satisfied, x.basically, x.unsatisfied]),
    );
    const rateAt = headers.indexOf(rates[0]!);
    expect(body.map((x) => x[rateAt])).toEqual(
      res.items.map((x) => (res.satisfactionRate === 'combined' ? x.combinedRate.text : x.satisfiedRate.text)),
    );
    // The rate a clerk reads on the sheet is the one in the 公告.
    for (const x of body) expect(closed.announcement).toContain(String(x[rateAt]));
    const ws = (await workbook(f)).worksheets[0]!;
    expectText(findCell(ws, '=1+1重点建议办理情况'), '=1+1重点建议办理情况');
    expectText(findCell(ws, '@区教委'), '@区教委');
  });
});
