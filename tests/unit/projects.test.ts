import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AgendaItem,
  EventMessage,
  ImportPreview,
  ImportResult,
  Meeting,
  PaperBatch,
  PaperComparison,
  Project,
  ProjectList,
  ProjectVote,
  RuleSet,
} from '../../shared/contract';
import { verifyAudit } from '../../electron/db/audit';
import { CJK, b64, createBody, errorOf, makeTempRuntime, type TempRuntime } from './helpers';
import { publishedTally } from './published-tally';
import { buildXlsx, adoptList, enterPaper, setupProjectVote, type PaperKeys } from '../fixtures';

/**
 * 民生实事项目票决 through dispatch on a real store (../shared/rules/README.md §4): a published count reproduced,
 * void ballots and void rounds, runoffs, the locked list, electronic ballots, paper double entry, count sheets,
 * the import, and the secret ballot.
 */

let t: TempRuntime;
let events: EventMessage[];
beforeEach(() => {
  t = makeTempRuntime();
  events = [];
  t.rt.bus.subscribe((m) => events.push(m));
});
afterEach(() => t.cleanup());

const getVote = async (id: number) => (await t.ok('projectVotes.get', { id })) as ProjectVote;
const stop = async (id: number) => (await t.ok('projectVotes.stopVoting', { id })) as ProjectVote;
const close = async (id: number, issued: number) => (await t.ok('projectVotes.close', { id, issued })) as ProjectVote;
const rounds = async (listId: number) => (await t.ok('projectVotes.list', { listId })) as ProjectVote[];
const cast = (id: number, membershipId: number, marks: { yes?: number[]; no?: number[]; abstain?: number[] }) =>
  t.call('projectVotes.cast', { id, membershipId, marks });
const rowOf = (v: ProjectVote, projectId: number) => v.result!.rows.find((r) => r.candidateId === projectId)!;
const ids = (ps: Project[]) => ps.map((p) => p.id);
const snapshot = () => ({
  ballots: t.count('round_ballots'),
  voters: t.count('round_voters'),
  audit: t.count('audit_log'),
});

// ---- (a) a published count ----

const dongyang = publishedTally('dongyang-2017-project-vote.csv');
interface Published {
  project: string;
  yes: number;
  no: number;
}
const readPublished = (): Published[] =>
  dongyang.rows().map((r) => ({ project: r.project!, yes: Number(r.yes), no: Number(r.no) }));

describe(`东阳市 2017 民生实事项目票决 (${path.basename(dongyang.file)})`, () => {
  it.skipIf(dongyang.skip)(`reads the published figures${dongyang.note}`, () => {
    const published = readPublished();
    expect(published.length).toBeGreaterThan(0);
    for (const p of published) expect(Number.isInteger(p.yes) && Number.isInteger(p.no), p.project).toBe(true);
  });

  /**
   * Per-project 赞成/反对 ballots (style 'approve'). The source publishes two projects; the list gets one more
   * candidate (its votes unpublished, left blank on every ballot) so that it has more candidates than seats. The
   * ballots are as many as the most marks any project received (282), one per deputy.
   */
  it.skipIf(dongyang.skip).each(['paper', 'electronic'] as const)(
    `reproduces each project's 赞成 and 反对, keyed as %s ballots${dongyang.note}`,
    async (mode) => {
      const published = readPublished();
      const ballotCount = Math.max(...published.map((p) => p.yes + p.no));
      const s = await setupProjectVote(t, {
        deputies: ballotCount,
        projects: [...published.map((p) => p.project), '其他候选项目（票数未公布）'],
        seats: published.length,
        style: 'approve',
        mode,
        bodyName: '东阳市人民代表大会',
        year: 2017,
      });
      // Ballot i: 反对 on the project's first `no` ballots, 赞成 on the next `yes`, blank after that.
      const opinion = (p: Published, i: number) => (i < p.no ? 'no' : i < p.no + p.yes ? 'yes' : null);
      if (mode === 'paper') {
        await stop(s.vote.id);
        const keys = Array.from({ length: ballotCount }, (_, i) =>
          published
            .map((p, k) => ({ no: `-${k + 1}`, yes: `${k + 1}`, none: '' })[opinion(p, i) ?? 'none'])
            .filter(Boolean)
            .join(' '),
        );
        await enterPaper(t, s.vote.id, keys);
      } else {
        for (let i = 0; i < ballotCount; i++) {
          const marks = { yes: [] as number[], no: [] as number[] };
          published.forEach((p, k) => {
            const o = opinion(p, i);
            if (o) marks[o].push(s.projects[k]!.id);
          });
          expect((await cast(s.vote.id, s.present[i]!.membershipId, marks)).ok).toBe(true);
        }
      }
      const v = await close(s.vote.id, ballotCount);
      expect(v.result).toMatchObject({
        outcome: 'decided',
        issued: ballotCount,
        returned: ballotCount,
        valid: ballotCount,
        void: 0,
      });
      published.forEach((p, k) => {
        expect(s.projects[k]!.name).toBe(p.project);
        expect(rowOf(v, s.projects[k]!.id), p.project).toMatchObject({
          yes: p.yes,
          no: p.no,
          abstain: 0,
          passed: true,
          chosen: true,
        });
        expect(v.announcement).toContain(`${k + 1}号 ${p.project}（${p.yes}票）`);
      });
      expect(v.announcement).toContain(
        `发出选票${ballotCount}张，收回${ballotCount}张，有效票${ballotCount}张，无效票0张`,
      );
    },
    120_000,
  ); // 282 sign-ins and 282 ballots (564 for paper), each its own fsync'd transaction
});

// ---- (b) edge cases ----

describe('counting', () => {
  it('counts over-marked and clerk-voided paper ballots as 无效, and a blank ballot as valid', async () => {
    const s = await setupProjectVote(t, { deputies: 7, projects: 3, seats: 2, style: 'choose', mode: 'paper' });
    await stop(s.vote.id);
    const ballots: PaperKeys[] = ['1 2', '1 2', '1 2', '1 3', '1 2 3', { void: true }, ''];
    const batch = await enterPaper(t, s.vote.id, ballots);
    expect(batch).toMatchObject({ batch: 2, count: 7, valid: 5, void: 2, nextSeq: 8 });
    expect(batch.recent.map((b) => [b.seq, b.text, b.voidReason])).toEqual([
      [7, '空白票', null],
      [6, '作废', '工作人员判定作废'],
      [5, '作废', '勾选3项，超过应选2项，作废'],
      [4, '1 3', null],
      [3, '1 2', null],
      [2, '1 2', null],
      [1, '1 2', null],
    ]);
    expect((await getVote(s.vote.id)).returned).toBe(7);

    const v = await close(s.vote.id, 7);
    expect(v.result).toMatchObject({ outcome: 'decided', issued: 7, returned: 7, valid: 5, void: 2, required: 4 });
    const [p1, p2, p3] = s.projects;
    expect([rowOf(v, p1!.id), rowOf(v, p2!.id), rowOf(v, p3!.id)].map((r) => [r.yes, r.passed, r.chosen])).toEqual([
      [4, true, true],
      [3, false, false],
      [1, false, false],
    ]);
    expect(v.result!.chosenIds).toEqual([p1!.id]);
    expect(v.announcement).toContain('发出选票7张，收回7张，有效票5张，无效票2张');
    expect(v.announcement).toContain('监票人：王监票、李监票。计票人：赵计票。');
    expect(t.count('round_ballots')).toBe(7);
  });

  it('voids a round with more ballots returned than issued, and retakes it with the same candidates', async () => {
    const s = await setupProjectVote(t, { deputies: 5, projects: 3, seats: 2, style: 'choose', mode: 'paper' });
    await stop(s.vote.id);
    await enterPaper(t, s.vote.id, ['1 2', '1 2', '1 2', '1', '2']);
    const first = await close(s.vote.id, 4);
    expect(first.result).toMatchObject({ outcome: 'void', issued: 4, returned: 5, chosenIds: [], runoff: null });
    expect(first.announcement).toContain('收回选票5张，多于发出的4张，本轮投票无效，须重新投票');

    const retake = (await t.ok('projectVotes.nextRound', { id: s.vote.id })) as ProjectVote;
    expect(retake).toMatchObject({
      round: 2,
      kind: 'retake',
      previousVoteId: s.vote.id,
      status: 'pending',
      seats: 2,
      mode: 'paper',
      style: 'choose',
      result: null,
    });
    expect(retake.candidateIds).toEqual(ids(s.projects));
    expect(errorOf(await t.call('projectVotes.nextRound', { id: s.vote.id }))).toMatchObject({ code: 'CONFLICT' });

    await t.ok('projectVotes.open', { id: retake.id });
    await stop(retake.id);
    await enterPaper(t, retake.id, ['1 2', '1 2', '1 2', '1', '2']);
    const second = await close(retake.id, 5);
    expect(second.result).toMatchObject({ outcome: 'decided', chosenIds: [s.projects[0]!.id, s.projects[1]!.id] });
    expect(second.announcement).toContain('第2轮（重新投票）：发出选票5张，收回5张，有效票5张，无效票0张');
    expect(errorOf(await t.call('projectVotes.nextRound', { id: retake.id }))).toMatchObject({ code: 'CONFLICT' });

    const all = await rounds(s.list.id);
    expect(all.map((r) => [r.round, r.kind, r.status, r.result?.outcome])).toEqual([
      [1, 'first', 'closed', 'void'],
      [2, 'retake', 'closed', 'decided'],
    ]);
  });

  it('settles a tie at the last seat by a runoff among the tied projects for the remaining seat, keeping every round', async () => {
    const s = await setupProjectVote(t, { deputies: 5, projects: 4, seats: 2, style: 'approve', mode: 'paper' });
    const [p1, p2, p3, p4] = s.projects as [Project, Project, Project, Project];
    await stop(s.vote.id);
    await enterPaper(t, s.vote.id, ['1 2 3 -4', '1 2 3 -4', '1 2 3 -4', '1 -2 -3 -4', '1 -2 -3 /4']);
    const first = await close(s.vote.id, 5);
    expect(first.result).toMatchObject({
      outcome: 'tie',
      required: 3,
      chosenIds: [p1.id],
      runoff: { candidateIds: [p2.id, p3.id], seats: 1 },
    });
    expect(first.result!.rows.map((r) => [r.candidateId, r.yes, r.no, r.abstain, r.rank, r.tied])).toEqual([
      [p1.id, 5, 0, 0, 1, false],
      [p2.id, 3, 2, 0, 2, true],
      [p3.id, 3, 2, 0, 2, true],
      [p4.id, 0, 4, 1, 4, false],
    ]);
    expect(first.announcement).toContain(`2号 ${p2.name}、3号 ${p3.name}得票相同，须就其中1个名额再次投票`);

    const runoff = (await t.ok('projectVotes.nextRound', { id: s.vote.id })) as ProjectVote;
    expect(runoff).toMatchObject({
      round: 2,
      kind: 'runoff',
      previousVoteId: s.vote.id,
      seats: 1,
      candidateIds: [p2.id, p3.id],
      status: 'pending',
    });
    await t.ok('projectVotes.open', { id: runoff.id });
    await stop(runoff.id);
    // The runoff ballot keeps the numbers of the first: 2 and 3. Number 1 is not on it.
    expect(errorOf(await t.call('projectVotes.paperEnter', { id: runoff.id, batch: 1, keys: '1' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'keys',
      message: '输入有误：“录入内容”：没有编号为1的候选项目',
    });
    await enterPaper(t, runoff.id, ['2 -3', '2 -3', '2 -3', '3 -2', '3 -2']);
    const second = await close(runoff.id, 5);
    expect(second.result).toMatchObject({ outcome: 'decided', chosenIds: [p2.id] });
    expect(second.announcement).toContain('第2轮（平票项目再次投票）');

    const all = await rounds(s.list.id);
    expect(all.map((r) => [r.round, r.kind, r.seats, r.candidateIds, r.result?.outcome])).toEqual([
      [1, 'first', 2, ids(s.projects), 'tie'],
      [2, 'runoff', 1, [p2.id, p3.id], 'decided'],
    ]);
    expect(all[0]!.result!.chosenIds).toEqual([p1.id]);
  });

  it('chooses the 10 with most votes when 11 pass for 10 seats (electronic)', async () => {
    const s = await setupProjectVote(t, { deputies: 5, projects: 12, seats: 10, style: 'approve', mode: 'electronic' });
    const pids = ids(s.projects);
    const top10 = pids.slice(0, 10);
    for (const m of s.present.slice(0, 3))
      expect((await cast(s.vote.id, m.membershipId, { yes: pids.slice(0, 11) })).ok).toBe(true);
    for (const m of s.present.slice(3))
      expect((await cast(s.vote.id, m.membershipId, { yes: top10, no: pids.slice(10) })).ok).toBe(true);
    const v = await close(s.vote.id, 5);
    expect(v.result).toMatchObject({ outcome: 'decided', required: 3, runoff: null });
    expect(v.result!.chosenIds).toEqual(top10);
    expect(v.result!.rows.filter((r) => r.passed)).toHaveLength(11);
    expect(rowOf(v, pids[10]!)).toMatchObject({ yes: 3, no: 2, rank: 11, passed: true, chosen: false, tied: false });
    expect(rowOf(v, pids[11]!)).toMatchObject({ yes: 0, no: 2, passed: false, chosen: false });
    expect(v.announcement).toContain('以下10个项目入选');
  });
});

// ---- (c) the locked list ----

describe('candidate list', () => {
  it('refuses a second list for the same body and year unless asked for, and names the one there is', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    const other = await createBody(t, '鱼嘴镇人民代表大会', 'township_congress', '鱼嘴镇');
    const first = (await t.ok('projectLists.create', {
      bodyId: body.id,
      year: 2027,
      title: '2027年民生实事项目',
      seats: 10,
    })) as ProjectList;
    const before = { lists: t.count('project_lists'), audit: t.count('audit_log') };
    const e = errorOf(
      await t.call('projectLists.create', { bodyId: body.id, year: 2027, title: '2027年民生实事候选项目', seats: 10 }),
    );
    expect(e).toMatchObject({
      code: 'CONFLICT',
      field: 'year',
      message: '本机构2027年度已有候选项目清单“2027年民生实事项目”，不能再新建同一年度的清单（确需另建请确认）',
    });
    expect({ lists: t.count('project_lists'), audit: t.count('audit_log') }).toEqual(before);
    // Another year, or another body's list for the same year, is no conflict.
    await t.ok('projectLists.create', { bodyId: body.id, year: 2028, title: '2028年民生实事项目', seats: 10 });
    await t.ok('projectLists.create', { bodyId: other.id, year: 2027, title: '2027年民生实事项目', seats: 5 });
    // Asked for on purpose (a supplementary list): made, and the audit says so.
    const second = (await t.ok('projectLists.create', {
      bodyId: body.id,
      year: 2027,
      title: '2027年民生实事项目（增补）',
      seats: 2,
      sameYear: true,
    })) as ProjectList;
    expect(second).toMatchObject({ year: 2027, bodyId: body.id });
    expect(second.id).not.toBe(first.id);
  });

  it('can be edited until voting starts, and is locked from then on', async () => {
    const s = await setupProjectVote(t, {
      deputies: 5,
      projects: 4,
      seats: 2,
      style: 'choose',
      mode: 'paper',
      open: false,
    });
    const [p1, p2] = s.projects as [Project, Project];
    // Scheduled but not open: the adoption can still be withdrawn and the candidates edited.
    await t.ok('projectLists.unadopt', { id: s.list.id, reason: '主任会议决定增补一个候选项目' });
    const added = (await t.ok('projects.add', { listId: s.list.id, name: '新增候选项目' })) as Project;
    expect(added.number).toBe(5);
    await t.ok('projects.update', { id: p1.id, name: '城区老旧小区改造', budgetWan: 1200 });
    await adoptList(t, s.list.id);

    await t.ok('projectVotes.open', { id: s.vote.id });
    const list = (await t.ok('projectLists.get', { id: s.list.id })) as ProjectList;
    expect(list.locked).toBe(true);
    const before = { projects: t.count('projects'), audit: t.count('audit_log') };
    const refusals = [
      await t.call('projects.add', { listId: s.list.id, name: '再加一个项目' }),
      await t.call('projects.update', { id: p2.id, name: '改名的项目' }),
      await t.call('projects.remove', { id: p2.id }),
      await t.call('projects.move', { id: p2.id, direction: 'up' }),
      await t.call('projectLists.update', { id: s.list.id, title: '改名的清单', seats: 3 }),
      await t.call('projects.screen', { id: p2.id, to: 'rejected', reason: '不符合条件' }),
      await t.call('projectLists.unadopt', { id: s.list.id, reason: '重新确定' }),
    ];
    for (const r of refusals) {
      const e = errorOf(r);
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(/已开始投票，候选项目已锁定|已开始票决，不能撤销清单的确定/);
    }
    const file = await buildXlsx([['项目名称'], ['导入的项目']]);
    expect(
      errorOf(
        await t.call('projects.importCommit', { listId: s.list.id, fileName: 'a.xlsx', contentBase64: b64(file) }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    expect({ projects: t.count('projects'), audit: t.count('audit_log') }).toEqual(before);
    expect((await t.ok('projectLists.get', { id: s.list.id })) as ProjectList).toEqual(list);
  });

  it('puts on the ballot the list as it stands when voting starts', async () => {
    const s = await setupProjectVote(t, {
      deputies: 5,
      projects: 4,
      seats: 2,
      style: 'choose',
      mode: 'paper',
      open: false,
    });
    const [p1, , , p4] = s.projects as [Project, Project, Project, Project];
    await t.ok('projectLists.unadopt', { id: s.list.id, reason: '调整候选项目' });
    await t.ok('projects.remove', { id: p1.id });
    const added = (await t.ok('projects.add', { listId: s.list.id, name: '新增候选项目' })) as Project;
    await t.ok('projects.move', { id: p4.id, direction: 'up' });
    await t.ok('projectLists.update', { id: s.list.id, title: s.list.title, seats: 3 });
    const list = await adoptList(t, s.list.id);
    const opened = (await t.ok('projectVotes.open', { id: s.vote.id })) as ProjectVote;
    expect(opened).toMatchObject({ seats: 3, candidateIds: ids(list.projects) });
    expect(opened.candidateIds).toContain(added.id);
    expect(opened.candidateIds).not.toContain(p1.id);
    await stop(s.vote.id);
    await enterPaper(t, s.vote.id, ['1 2 3', '3 4', '1 3']);
    const v = await close(s.vote.id, 3);
    expect(v.result!.rows).toHaveLength(4);
    expect(list.projects.map((p) => rowOf(v, p.id).yes)).toEqual([2, 1, 3, 1]);
  });

  it('will not open a first round whose list is no longer adopted, nor adopt it again without 差额', async () => {
    const s = await setupProjectVote(t, {
      deputies: 5,
      projects: 3,
      seats: 2,
      style: 'choose',
      mode: 'paper',
      open: false,
    });
    await t.ok('projectLists.unadopt', { id: s.list.id, reason: '删除一个项目' });
    await t.ok('projects.remove', { id: s.projects[2]!.id });
    const e = errorOf(await t.call('projectVotes.open', { id: s.vote.id }));
    expect(e).toMatchObject({
      code: 'CONFLICT',
      message: `候选项目清单尚未经主任会议或常委会确定：“${s.list.title}”，请先确定候选清单再安排票决`,
    });
    const a = errorOf(
      await t.call('projectLists.adopt', { id: s.list.id, by: 'directors', on: '2025-01-21', ref: '第十六次主任会议' }),
    );
    expect(a).toMatchObject({
      code: 'CONFLICT',
      message: `确定为候选的项目2个，须多于应选的2个（差额票决），不能确定“${s.list.title}”`,
    });
    expect((await getVote(s.vote.id)).status).toBe('pending');
    expect(((await t.ok('projectLists.get', { id: s.list.id })) as ProjectList).locked).toBe(false);
  });
});

describe('rounds of a meeting', () => {
  it("lists a meeting's rounds by meetingId, alone or with the list, and names the field when neither is given", async () => {
    const s = await setupProjectVote(t, { deputies: 5, projects: 3, seats: 2, style: 'choose', mode: 'electronic' });
    // A second meeting of the same congress with its own list and round.
    const other = (await t.ok('meetings.create', {
      bodyId: s.body.id,
      kind: s.meeting.kind,
      ruleSetId: s.meeting.ruleSetId,
      title: '第二次会议',
      date: '2025-08-20',
    })) as Meeting;
    const item = (await t.ok('agenda.add', {
      meetingId: other.id,
      kind: 'project_vote',
      title: '票决下半年民生实事项目',
    })) as AgendaItem;
    const list2 = (await t.ok('projectLists.create', {
      bodyId: s.body.id,
      year: 2026,
      title: '2026年度民生实事候选项目',
      seats: 1,
    })) as ProjectList;
    for (const name of ['社区食堂', '口袋公园']) await t.ok('projects.add', { listId: list2.id, name });
    await adoptList(t, list2.id);
    const v2 = (await t.ok('projectVotes.create', {
      listId: list2.id,
      agendaItemId: item.id,
      style: 'choose',
      mode: 'paper',
    })) as ProjectVote;

    const byMeeting = async (input: object) =>
      ((await t.ok('projectVotes.list', input)) as ProjectVote[]).map((v) => v.id);
    expect(await byMeeting({ meetingId: s.meeting.id })).toEqual([s.vote.id]);
    expect(await byMeeting({ meetingId: other.id })).toEqual([v2.id]);
    expect(await byMeeting({ meetingId: other.id, listId: s.list.id })).toEqual([]);
    expect(await byMeeting({ listId: list2.id })).toEqual([v2.id]);
    expect(errorOf(await t.call('projectVotes.list', {}))).toMatchObject({ code: 'VALIDATION', field: 'listId' });
    expect(errorOf(await t.call('projectVotes.list', { meetingId: 99_999 }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'meetingId',
    });
  });
});

// ---- (d) electronic ballots ----

describe('electronic ballots', () => {
  it('takes one ballot from each deputy signed in when voting started, and refuses the rest without storing anything', async () => {
    const s = await setupProjectVote(t, {
      deputies: 6,
      present: 5,
      projects: 3,
      seats: 2,
      style: 'choose',
      mode: 'electronic',
    });
    const [p1, p2, p3] = s.projects as [Project, Project, Project];
    const absent = s.deputies.find((d) => !s.present.includes(d))!;
    expect(s.vote).toMatchObject({ status: 'open', expected: 6, present: 5, returned: 0, result: null });
    const before = snapshot();

    const notPresent = errorOf(await cast(s.vote.id, absent.membershipId, { yes: [p1.id] }));
    expect(notPresent).toMatchObject({ code: 'FORBIDDEN', field: 'membershipId' });
    expect(notPresent.message).toMatch(CJK);
    // Signing in after voting started does not make a deputy eligible for this round.
    await t.ok('attendance.mark', { meetingId: s.meeting.id, membershipId: absent.membershipId, status: 'present' });
    expect(errorOf(await cast(s.vote.id, absent.membershipId, { yes: [p1.id] }))).toMatchObject({ code: 'FORBIDDEN' });

    const [first, ...others] = s.present;
    const over = errorOf(await cast(s.vote.id, first!.membershipId, { yes: [p1.id, p2.id, p3.id] }));
    expect(over).toMatchObject({ code: 'VALIDATION', field: 'marks' });
    expect(over.message).toBe('输入有误：“选票”：本轮应选2项，这张选票勾选了3项，超过应选数，请减少后再投');
    expect(errorOf(await cast(s.vote.id, first!.membershipId, { yes: [999] }))).toMatchObject({
      code: 'VALIDATION',
      field: 'marks',
    });
    expect(errorOf(await t.call('projectVotes.paperEnter', { id: s.vote.id, batch: 1, keys: '1' }))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(snapshot()).toEqual({ ...before, audit: before.audit + 1 }); // only the late sign-in

    // The refused deputy can still vote, once.
    expect(await cast(s.vote.id, first!.membershipId, { yes: [p1.id, p2.id] })).toEqual({
      ok: true,
      data: { accepted: true, returned: 1 },
    });
    const again = errorOf(await cast(s.vote.id, first!.membershipId, { yes: [p3.id] }));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toBe(`${first!.name}已经投过票，不能重复投票`);
    for (const [i, m] of others.entries()) {
      const res = await cast(s.vote.id, m.membershipId, { yes: i < 3 ? [p1.id, p3.id] : [] });
      expect(res).toEqual({ ok: true, data: { accepted: true, returned: i + 2 } });
    }

    // While open: how many ballots are in, never how they are marked.
    const open = await getVote(s.vote.id);
    expect(open).toMatchObject({ status: 'open', returned: 5, result: null, announcement: null });
    const progress = events
      .filter((e) => e.name === 'projectVote.changed')
      .map((e) => e.payload as Record<string, unknown>);
    expect(progress.length).toBeGreaterThanOrEqual(5);
    for (const p of progress)
      expect(Object.keys(p).sort()).toEqual(['eligible', 'listId', 'meetingId', 'returned', 'status', 'voteId']);

    const v = await close(s.vote.id, 5);
    expect(v.result).toMatchObject({ outcome: 'decided', issued: 5, returned: 5, valid: 5, void: 0, required: 4 });
    expect([p1, p2, p3].map((p) => rowOf(v, p.id).yes)).toEqual([4, 1, 3]);
    expect(v.result!.chosenIds).toEqual([p1.id]);
    expect(errorOf(await cast(s.vote.id, absent.membershipId, { yes: [p1.id] }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses an over-marked electronic ballot with the counts (12选10, 11 marked), where paper stores it void', async () => {
    const s = await setupProjectVote(t, { deputies: 3, projects: 12, seats: 10, style: 'choose', mode: 'electronic' });
    const before = snapshot();
    const e = errorOf(await cast(s.vote.id, s.present[0]!.membershipId, { yes: ids(s.projects).slice(0, 11) }));
    expect(e).toMatchObject({
      code: 'VALIDATION',
      field: 'marks',
      message: '输入有误：“选票”：本轮应选10项，这张选票勾选了11项，超过应选数，请减少后再投',
    });
    expect(snapshot()).toEqual(before);
    expect((await cast(s.vote.id, s.present[0]!.membershipId, { yes: ids(s.projects).slice(0, 10) })).ok).toBe(true);

    const paper = await setupProjectVote(t, {
      deputies: 3,
      projects: 12,
      seats: 10,
      style: 'choose',
      mode: 'paper',
      bodyName: '江南区人民代表大会',
    });
    await stop(paper.vote.id);
    const batch = await enterPaper(t, paper.vote.id, ['1-11'], [1]);
    expect(batch).toMatchObject({ count: 1, void: 1 });
    expect(batch.recent[0]).toMatchObject({ void: true, voidReason: '勾选11项，超过应选10项，作废' });
  });

  it('refuses two opinions on one project on a per-project ballot, and electronic casting on a paper round', async () => {
    const s = await setupProjectVote(t, { deputies: 3, projects: 3, seats: 2, style: 'approve', mode: 'electronic' });
    const [p1, p2] = s.projects as [Project, Project];
    const e = errorOf(await cast(s.vote.id, s.present[0]!.membershipId, { yes: [p1.id], no: [p1.id, p2.id] }));
    expect(e).toMatchObject({
      code: 'VALIDATION',
      field: 'marks',
      message: '输入有误：“选票”：同一项目有两种意见，请修改后再投',
    });
    expect(t.count('round_ballots')).toBe(0);

    const paper = await setupProjectVote(t, {
      deputies: 3,
      projects: 3,
      seats: 2,
      style: 'approve',
      mode: 'paper',
      bodyName: '江南区人民代表大会',
    });
    expect(
      errorOf(await cast(paper.vote.id, paper.present[0]!.membershipId, { yes: [paper.projects[0]!.id] })),
    ).toMatchObject({ code: 'CONFLICT' });
  });
});

// ---- (e) double entry, (f) count sheets ----

describe('paper ballots', () => {
  const stack = ['1 2 3', '1 2', '2 3', '1 3', '1 2 3', '4 5', '1', '', '1 2 5', '3 4'];

  it('lists exactly the ballots where the two clerks differ, refuses to count until they are corrected', async () => {
    const s = await setupProjectVote(t, { deputies: 10, projects: 5, seats: 3, style: 'choose', mode: 'paper' });
    await stop(s.vote.id);
    await enterPaper(t, s.vote.id, stack, [1]);
    const second: PaperKeys[] = [...stack];
    second[2] = '2 4'; // misread
    second[5] = { void: true }; // judged void by one clerk only
    second.pop(); // the last ballot skipped
    await enterPaper(t, s.vote.id, second, [2]);

    const cmp = (await t.ok('projectVotes.paperCompare', { id: s.vote.id })) as PaperComparison;
    expect(cmp).toMatchObject({ first: 10, second: 9, agreed: false, totalsMismatches: [] });
    expect(cmp.differences).toEqual([
      { seq: 3, first: '2 3', second: '2 4' },
      { seq: 6, first: '4 5', second: '作废' },
      { seq: 10, first: '3 4', second: null },
    ]);
    const refused = errorOf(await t.call('projectVotes.close', { id: s.vote.id, issued: 10 }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe(
      '两批录入不一致：第一批10张，第二批9张，有3张不一致（第3、6、10张）。请核对原始选票并更正后再计票',
    );
    expect(t.count('round_ballots')).toBe(0);
    expect((await getVote(s.vote.id)).status).toBe('counting');

    // A seq beyond the next ballot is refused.
    expect(
      errorOf(await t.call('projectVotes.paperEnter', { id: s.vote.id, batch: 2, seq: 12, keys: '1' })),
    ).toMatchObject({ code: 'VALIDATION', field: 'seq', message: '输入有误：“选票序号”：下一张应为第10张' });

    for (const seq of [3, 6, 10])
      await t.ok('projectVotes.paperEnter', { id: s.vote.id, batch: 2, seq, keys: stack[seq - 1]! });
    const fixed = (await t.ok('projectVotes.paperCompare', { id: s.vote.id })) as PaperComparison;
    expect(fixed).toMatchObject({ first: 10, second: 10, differences: [], agreed: true });
    const actions = t.rt.db
      .prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'paper.%' ORDER BY id DESC LIMIT 3")
      .all() as { action: string; detail: string }[];
    expect(actions.map((a) => [a.action, JSON.parse(a.detail).seq])).toEqual([
      ['paper.enter', 10],
      ['paper.correct', 6],
      ['paper.correct', 3],
    ]);

    const v = await close(s.vote.id, 10);
    expect(v.result).toMatchObject({ outcome: 'decided', returned: 10, valid: 10, void: 0 });
    expect(s.projects.map((p) => rowOf(v, p.id).yes)).toEqual([6, 5, 5, 2, 2]);
    expect(t.count('round_ballots')).toBe(10);
  });

  it('refuses to count while the count sheet disagrees with the ballots, and counts once it agrees', async () => {
    const s = await setupProjectVote(t, { deputies: 5, projects: 3, seats: 2, style: 'approve', mode: 'paper' });
    const [p1, p2, p3] = s.projects as [Project, Project, Project];
    await stop(s.vote.id);
    await enterPaper(t, s.vote.id, ['1 2 -3', '1 2 /3', '1 -2 -3', '1 2 3', '-1 /2']);
    // Ballots: 1 → 4 赞成 1 反对; 2 → 3 赞成 1 反对 1 弃权; 3 → 1 赞成 2 反对 1 弃权.
    const sheet = [
      { projectId: p1.id, yes: 4, no: 1, abstain: 0 },
      { projectId: p2.id, yes: 4, no: 1, abstain: 0 },
      { projectId: p3.id, yes: 1, no: 2, abstain: 1 },
    ];
    const cmp = (await t.ok('projectVotes.manualTotals', { id: s.vote.id, totals: sheet })) as PaperComparison;
    expect(cmp.agreed).toBe(true);
    expect(cmp.totalsMismatches).toEqual([
      { candidateId: p2.id, field: 'yes', sheet: 4, ballots: 3 },
      { candidateId: p2.id, field: 'abstain', sheet: 0, ballots: 1 },
    ]);
    const before = snapshot();
    const refused = errorOf(await t.call('projectVotes.close', { id: s.vote.id, issued: 5 }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe(
      `计票单与选票不符：2号 ${p2.name}的赞成票，计票单4票，选票3票（共2处）。请核对后再计票`,
    );
    expect(snapshot()).toEqual(before);
    expect((await getVote(s.vote.id)).status).toBe('counting');

    await t.ok('projectVotes.manualTotals', {
      id: s.vote.id,
      totals: [{ projectId: p2.id, yes: 3, no: 1, abstain: 1 }],
    });
    const v = await close(s.vote.id, 5);
    expect(v.status).toBe('closed');
    expect(
      [p1, p2, p3].map((p) => {
        const r = rowOf(v, p.id);
        return [r.yes, r.no, r.abstain];
      }),
    ).toEqual([
      [4, 1, 0],
      [3, 1, 1],
      [1, 2, 1],
    ]);
    expect(((await t.ok('projectVotes.paperCompare', { id: s.vote.id })) as PaperComparison).totalsMismatches).toEqual(
      [],
    );
  });

  it('checks a rank ballot count sheet with the same tally while counting as at the close', async () => {
    const s = await setupProjectVote(t, { deputies: 5, projects: 3, seats: 2, style: 'rank', mode: 'paper' });
    const [p1, p2, p3] = s.projects as [Project, Project, Project];
    await stop(s.vote.id);
    await enterPaper(t, s.vote.id, ['1 2', '2 1', '1 3', '3', '1 2 3']); // the last ranks three for two seats: void
    // Ranked on valid ballots: 1 → 3 times (2+1+2 = 5 points), 2 → 2 times (1+2 = 3), 3 → 2 times (1+2 = 3).
    const sheet = [
      { projectId: p1.id, yes: 3, no: 0, abstain: 0 },
      { projectId: p2.id, yes: 2, no: 0, abstain: 0 },
      { projectId: p3.id, yes: 2, no: 0, abstain: 0 },
    ];
    const cmp = (await t.ok('projectVotes.manualTotals', { id: s.vote.id, totals: sheet })) as PaperComparison;
    expect(cmp).toMatchObject({ agreed: true, totalsMismatches: [] });
    expect(((await t.ok('projectVotes.paperCompare', { id: s.vote.id })) as PaperComparison).totalsMismatches).toEqual(
      [],
    );
    // A wrong figure is reported while counting, and close refuses the same sheet.
    const wrong = (await t.ok('projectVotes.manualTotals', {
      id: s.vote.id,
      totals: [{ projectId: p2.id, yes: 3 }],
    })) as PaperComparison;
    expect(wrong.totalsMismatches).toEqual([{ candidateId: p2.id, field: 'yes', sheet: 3, ballots: 2 }]);
    expect(errorOf(await t.call('projectVotes.close', { id: s.vote.id, issued: 5 }))).toMatchObject({
      code: 'CONFLICT',
      message: `计票单与选票不符：2号 ${p2.name}的赞成票，计票单3票，选票2票（共1处）。请核对后再计票`,
    });
    await t.ok('projectVotes.manualTotals', { id: s.vote.id, totals: [{ projectId: p2.id, yes: 2 }] });
    const v = await close(s.vote.id, 5);
    expect(v.result).toMatchObject({ returned: 5, valid: 4, void: 1 });
    expect([p1, p2, p3].map((p) => [rowOf(v, p.id).yes, rowOf(v, p.id).points])).toEqual([
      [3, 5],
      [2, 3],
      [2, 3],
    ]);
    expect(((await t.ok('projectVotes.paperCompare', { id: s.vote.id })) as PaperComparison).totalsMismatches).toEqual(
      [],
    );
  });

  it('shows each batch to its clerk', async () => {
    const s = await setupProjectVote(t, { deputies: 3, projects: 3, seats: 2, style: 'approve', mode: 'paper' });
    expect(errorOf(await t.call('projectVotes.paperEnter', { id: s.vote.id, batch: 1, keys: '1' }))).toMatchObject({
      code: 'CONFLICT',
    });
    await stop(s.vote.id);
    await enterPaper(t, s.vote.id, ['1 -2 /3', '2'], [1]);
    const b = (await t.ok('projectVotes.paperBatch', { id: s.vote.id, batch: 1 })) as PaperBatch;
    expect(b).toMatchObject({ batch: 1, count: 2, valid: 2, void: 0, nextSeq: 3 });
    expect(b.recent.map((r) => r.text)).toEqual(['2', '1 -2 /3']);
    expect(((await t.ok('projectVotes.paperBatch', { id: s.vote.id, batch: 2 })) as PaperBatch).count).toBe(0);
    expect(errorOf(await t.call('projectVotes.close', { id: s.vote.id, issued: 2 }))).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

// ---- (g) import ----

describe('candidate import', () => {
  const HEADERS = ['编号', '项目名称', '责任单位', '预算（万元）', '项目简介', '实施地点'];
  const rows = () => [
    [1, '城区老旧小区改造', '区住建委', 3200, '改造老旧小区12个', '城区'],
    [2, '农村饮水安全巩固提升', '区水利局', '1,500', '新建供水管网', '各镇街'],
    [3, '学前教育扩容', '区教委', '待定', '新增学位900个', '城区'],
    [4, '社区养老服务中心', '区民政局', '800万元', null, '各街道'],
  ];

  it('names the row and the 预算 column of a bad budget, and writes nothing', async () => {
    const body = await createBody(t, '江北区人民代表大会');
    const list = (await t.ok('projectLists.create', {
      bodyId: body.id,
      year: 2025,
      title: '2025年度民生实事候选项目',
      seats: 2,
    })) as ProjectList;
    const file = await buildXlsx([HEADERS, ...rows()], { title: '2025年度民生实事候选项目表' });
    const input = { listId: list.id, fileName: '候选项目.xlsx', contentBase64: b64(file) };

    const preview = (await t.ok('projects.importPreview', input)) as ImportPreview;
    expect(preview).toMatchObject({ fileName: '候选项目.xlsx', headerRow: 2, totalRows: 4, validRows: 3 });
    expect(preview.issues).toEqual([{ row: 5, field: '预算（万元）', message: '“待定”不是有效的金额（万元）' }]);
    expect(preview.rows.map((r) => [r.row, r.status])).toEqual([
      [3, 'new'],
      [4, 'new'],
      [5, 'error'],
      [6, 'new'],
    ]);
    expect(preview.columns).toContainEqual({ header: '预算（万元）', field: '预算（万元）' });

    const before = { projects: t.count('projects'), audit: t.count('audit_log') };
    events.length = 0;
    const err = errorOf(await t.call('projects.importCommit', input));
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.message).toBe(
      '导入未执行，清单未作任何改动：共1处错误，首处在第5行“预算（万元）”：“待定”不是有效的金额（万元）',
    );
    expect(err.details).toEqual(preview.issues);
    expect({ projects: t.count('projects'), audit: t.count('audit_log') }).toEqual(before);
    expect(events).toEqual([]);

    // Corrected, the file goes in as one change, budgets read as numbers.
    const good = rows();
    good[2]![3] = 900;
    const res = (await t.ok('projects.importCommit', {
      ...input,
      contentBase64: b64(await buildXlsx([HEADERS, ...good])),
    })) as ImportResult;
    expect(res.imported).toBe(4);
    expect(t.count('audit_log')).toBe(before.audit + 1);
    const after = (await t.ok('projectLists.get', { id: list.id })) as ProjectList;
    expect(after.projects.map((p) => [p.number, p.name, p.budgetWan])).toEqual([
      [1, '城区老旧小区改造', 3200],
      [2, '农村饮水安全巩固提升', 1500],
      [3, '学前教育扩容', 900],
      [4, '社区养老服务中心', 800],
    ]);
    expect(after.margin).toBe(2);
  });
});

// ---- (h) the secret ballot ----

describe('secret ballot', () => {
  it('keeps no link between a deputy and a ballot after an electronic round', async () => {
    const s = await setupProjectVote(t, { deputies: 4, projects: 3, seats: 2, style: 'approve', mode: 'electronic' });
    const [p1, p2, p3] = s.projects as [Project, Project, Project];
    const ballots = [
      { yes: [p1.id], no: [p2.id] },
      { yes: [p1.id, p2.id], abstain: [p3.id] },
      { no: [p3.id] },
      { yes: [p3.id] },
    ];
    for (const [i, m] of s.present.entries())
      expect((await cast(s.vote.id, m.membershipId, ballots[i]!)).ok).toBe(true);
    await close(s.vote.id, 4);
    const db = t.rt.db;

    // No table holding marks has a column naming a deputy.
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
      sql: string;
    }[];
    const columns = (table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    const markTables = tables.filter((x) => ['yes', 'no', 'abstain'].every((c) => columns(x.name).includes(c)));
    expect(markTables.map((x) => x.name)).toEqual(expect.arrayContaining(['round_ballots', 'round_entries']));
    for (const x of markTables) {
      expect(columns(x.name), x.name).not.toContain('membership_id');
      expect(columns(x.name), x.name).not.toContain('person_id');
    }
    // Who voted is kept apart, with nothing else.
    expect(columns('round_voters').sort()).toEqual(['membership_id', 'round_id']);

    // Ballots: no rowid, no time, no sequence; keyed by a random id.
    const ballotsTable = tables.find((x) => x.name === 'round_ballots')!;
    expect(ballotsTable.sql).toMatch(/WITHOUT ROWID\s*$/);
    expect(columns('round_ballots').sort()).toEqual([
      'abstain',
      'ballot_id',
      'box',
      'data',
      'no',
      'round_id',
      'void',
      'yes',
    ]);
    const stored = db
      .prepare('SELECT ballot_id FROM round_ballots WHERE round_id = ?')
      .pluck()
      .all(s.vote.id) as Buffer[];
    expect(stored).toHaveLength(4);
    expect(stored.every((b) => Buffer.isBuffer(b) && b.length === 16)).toBe(true);
    expect(new Set(stored.map((b) => b.toString('hex'))).size).toBe(4);

    // The audit trail says who cast a ballot, never what was on it.
    const audit = db
      .prepare("SELECT detail FROM audit_log WHERE action = 'projectVote.cast' ORDER BY id")
      .pluck()
      .all() as string[];
    expect(audit).toHaveLength(4);
    expect(audit.map((d) => JSON.parse(d))).toEqual(s.present.map((m) => ({ membershipId: m.membershipId })));
    for (const d of audit) expect(d).not.toMatch(/yes|no|abstain|marks|ballot/i);
    expect(verifyAudit(db).ok).toBe(true);
  });
});

// ---- (i) the meeting around the rounds ----

describe('a round and its meeting', () => {
  const tables = [
    'poll_rounds',
    'round_ballots',
    'round_voters',
    'round_entries',
    'round_counts',
    'meetings',
    'audit_log',
  ];
  const counts = () => Object.fromEntries(tables.map((x) => [x, t.count(x)]));

  it('does not close the meeting while a 票决 round is open or counting, and closes it once the round is closed', async () => {
    const s = await setupProjectVote(t, { deputies: 4, projects: 3, seats: 2, style: 'choose', mode: 'paper' });
    for (const status of ['open', 'counting'] as const) {
      if (status === 'counting') await stop(s.vote.id);
      const before = counts();
      const e = errorOf(await t.call('meetings.close', { id: s.meeting.id }));
      expect(e).toMatchObject({ code: 'CONFLICT', field: 'id' });
      expect(e.message).toBe(
        `还有1项投票未结束：“${s.list.title}”第1轮票决（${status === 'open' ? '投票中' : '计票中'}）。请先结束后再宣布闭会`,
      );
      expect(counts()).toEqual(before);
      expect(((await t.ok('meetings.get', { id: s.meeting.id })) as { status: string }).status).toBe('open');
    }
    await enterPaper(t, s.vote.id, ['1 2', '1 2', '1', '2']);
    await close(s.vote.id, 4);
    expect(((await t.ok('meetings.close', { id: s.meeting.id })) as { status: string }).status).toBe('closed');
  });

  it('takes no ballot, entry or count once the meeting is closed, whatever state a round was left in', async () => {
    const el = await setupProjectVote(t, { deputies: 3, projects: 3, seats: 2, style: 'choose', mode: 'electronic' });
    const paper = await setupProjectVote(t, {
      deputies: 3,
      projects: 3,
      seats: 2,
      style: 'approve',
      mode: 'paper',
      bodyName: '江南区人民代表大会',
    });
    await stop(paper.vote.id);
    await enterPaper(t, paper.vote.id, ['1 2'], [1]);
    // A meeting closed by an older version with its rounds still open: the store as it was left.
    t.rt.db.prepare("UPDATE meetings SET status = 'closed' WHERE id IN (?, ?)").run(el.meeting.id, paper.meeting.id);
    const before = counts();
    const refusals = [
      await cast(el.vote.id, el.present[0]!.membershipId, { yes: [el.projects[0]!.id] }),
      await t.call('projectVotes.stopVoting', { id: el.vote.id }),
      await t.call('projectVotes.close', { id: el.vote.id, issued: 3 }),
      await t.call('projectVotes.paperEnter', { id: paper.vote.id, batch: 2, keys: '1 2' }),
      await t.call('projectVotes.manualTotals', {
        id: paper.vote.id,
        totals: [{ projectId: paper.projects[0]!.id, yes: 1 }],
      }),
      await t.call('projectVotes.close', { id: paper.vote.id, issued: 3 }),
    ];
    for (const r of refusals) {
      const e = errorOf(r);
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(/^会议“.+”已闭会，不能/);
    }
    expect(errorOf(refusals[0]!).message).toBe(`会议“${el.meeting.title}”已闭会，不能投票`);
    expect(counts()).toEqual(before);
  });
});

// ---- (j) 发出 ----

describe('ballots issued (发出)', () => {
  const state = () => ({
    ...snapshot(),
    votes: t.rt.db.prepare('SELECT status, issued, result FROM poll_rounds ORDER BY id').all(),
  });

  it('is the roll frozen at open for an electronic round: a different typed figure is refused', async () => {
    const s = await setupProjectVote(t, {
      deputies: 4,
      present: 3,
      projects: 3,
      seats: 2,
      style: 'choose',
      mode: 'electronic',
    });
    for (const m of s.present.slice(0, 2))
      expect((await cast(s.vote.id, m.membershipId, { yes: [s.projects[0]!.id] })).ok).toBe(true);
    const before = state();
    for (const issued of [400, 2, 4]) {
      const e = errorOf(await t.call('projectVotes.close', { id: s.vote.id, issued }));
      expect(e).toMatchObject({
        code: 'VALIDATION',
        field: 'issued',
        message: `输入有误：“发出选票数”：电子票决向开始投票时出席的3名代表各发一张选票，发出选票数即为3张，不能填写为${issued}张`,
      });
    }
    expect(state()).toEqual(before);
    const v = await close(s.vote.id, 3);
    expect(v).toMatchObject({ status: 'closed', issued: 3 });
    expect(v.result).toMatchObject({ outcome: 'decided', issued: 3, returned: 2 });
  });

  it('is typed for paper, never above 实到, and not 0 once ballots have come back', async () => {
    const s = await setupProjectVote(t, {
      deputies: 12,
      present: 10,
      projects: 3,
      seats: 2,
      style: 'choose',
      mode: 'paper',
    });
    await stop(s.vote.id);
    await enterPaper(t, s.vote.id, ['1 2', '1 2', '1', '2']);
    const before = state();
    expect(errorOf(await t.call('projectVotes.close', { id: s.vote.id, issued: 400 }))).toMatchObject({
      code: 'VALIDATION',
      field: 'issued',
      message:
        '输入有误：“发出选票数”：发出选票400张，多于开始投票时出席的10名代表；每名出席代表只发一张，请核对后填写',
    });
    expect(errorOf(await t.call('projectVotes.close', { id: s.vote.id, issued: 0 }))).toMatchObject({
      code: 'VALIDATION',
      field: 'issued',
      message:
        '输入有误：“发出选票数”：填写为0张，但已收回选票4张；发出为0会使本轮因收回多于发出而无效。请按实际发出的张数填写',
    });
    expect(state()).toEqual(before);
    // Fewer issued than present is normal on paper (a deputy may decline a ballot), and the count goes ahead.
    const v = await close(s.vote.id, 9);
    expect(v.result).toMatchObject({ outcome: 'decided', issued: 9, returned: 4 });
  });
});

// ---- (k) the pass rule is the meeting's ----

describe('pass rule', () => {
  it("takes the fraction, base and basis of the meeting's rule set, and names the body's members", async () => {
    const builtin = ((await t.ok('ruleSets.list', {})) as { id: number; key: string | null }[]).find(
      (r) => r.key === 'street_council',
    )!;
    const copy = (await t.ok('ruleSets.copy', { id: builtin.id, name: '观音桥街道议事代表会议规则' })) as RuleSet;
    const basis = '以全体议事代表的三分之二以上通过（观音桥街道议事代表会议制度实施意见）';
    await t.ok('ruleSets.update', {
      id: copy.id,
      name: '观音桥街道议事代表会议规则',
      rules: { ...copy.rules, pass: { num: 2, den: 3, strict: false, base: 'members', basis } },
    });
    const s = await setupProjectVote(t, {
      deputies: 9,
      projects: 3,
      seats: 1,
      style: 'approve',
      mode: 'electronic',
      council: { area: '观音桥街道', ruleSetId: copy.id },
    });
    const [p1, p2, p3] = s.projects as [Project, Project, Project];
    expect(s.vote.pass).toEqual({ num: 2, den: 3, strict: false, base: 'members', basis });
    // p1: 6 of 9 (三分之二以上 includes 6); p2: 5 of 9 (a half would pass it, two thirds does not).
    for (const [i, m] of s.present.entries()) {
      expect(
        (
          await cast(s.vote.id, m.membershipId, {
            yes: [...(i < 6 ? [p1.id] : []), ...(i >= 4 ? [p2.id] : [])],
            no: [p3.id],
          })
        ).ok,
      ).toBe(true);
    }
    const v = await close(s.vote.id, 9);
    expect(v.result).toMatchObject({
      base: 9,
      required: 6,
      thresholdText: '赞成票须占全体议事代表的三分之二以上，即至少6票',
      chosenIds: [p1.id],
    });
    expect(rowOf(v, p2.id)).toMatchObject({ yes: 5, passed: false });
    expect(v.announcement).toContain('赞成票须占全体议事代表的三分之二以上，即至少6票');
    expect(v.pass.basis).not.toContain('地方组织法');
  });

  it('refuses a base that differs from the rule set, and says a runoff follows 选举法第四十五条 by analogy', async () => {
    const s = await setupProjectVote(t, {
      deputies: 5,
      projects: 4,
      seats: 2,
      style: 'approve',
      mode: 'paper',
      open: false,
    });
    const item = (await t.ok('agenda.add', { meetingId: s.meeting.id, kind: 'project_vote', title: '另一项票决' })) as {
      id: number;
    };
    const other = (await t.ok('projectLists.create', {
      bodyId: s.body.id,
      year: 2026,
      title: '2026年度民生实事候选项目',
      seats: 1,
    })) as ProjectList;
    for (const name of ['项目甲', '项目乙']) await t.ok('projects.add', { listId: other.id, name });
    await adoptList(t, other.id);
    const before = { votes: t.count('poll_rounds'), audit: t.count('audit_log') };
    const e = errorOf(
      await t.call('projectVotes.create', {
        listId: other.id,
        agendaItemId: item.id,
        style: 'choose',
        mode: 'paper',
        passBase: 'present',
      }),
    );
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'passBase' });
    expect(e.message).toBe(
      `输入有误：“通过基数”：本会议适用“${s.meeting.ruleSetName}”，以全体代表的过半数通过（地方组织法第二十五条）；票决按会议规则计票，不能另设基数。如本地规定不同，请调整会议规则`,
    );
    expect({ votes: t.count('poll_rounds'), audit: t.count('audit_log') }).toEqual(before);

    await t.ok('projectVotes.open', { id: s.vote.id });
    await stop(s.vote.id);
    await enterPaper(t, s.vote.id, ['1 2 3 -4', '1 2 3 -4', '1 2 3 -4', '1 -2 -3 -4', '1 -2 -3 /4']);
    const first = await close(s.vote.id, 5);
    expect(first.result!.thresholdText).toBe('赞成票须超过全体代表的半数，即至少3票');
    const runoff = (await t.ok('projectVotes.nextRound', { id: s.vote.id })) as ProjectVote;
    expect(runoff).toMatchObject({
      kind: 'runoff',
      pass: {
        num: 1,
        den: 2,
        strict: true,
        base: 'members',
        basis: '以全体代表的过半数通过（地方组织法第二十五条）；平票项目再次投票参照选举法第四十五条',
      },
    });
    expect(((await t.ok('projectVotes.open', { id: runoff.id })) as ProjectVote).pass.basis).toContain(
      '参照选举法第四十五条',
    );
  });
});
