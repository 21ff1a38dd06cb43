import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AgendaItem,
  ListResult,
  Meeting,
  ProjectList,
  ProjectVote,
  RuleSet,
  SettleResult,
} from '../../shared/contract';
import { verifyAudit } from '../../electron/db/audit';
import { createBody, errorOf, makeTempRuntime, type TempRuntime } from './helpers';
import { adoptList, importDeputies } from '../fixtures';

/**
 * The annual session of a district congress and the result of its 票决 as one thing (projectLists.result/settle,
 * ../shared/rules/README.md §4, §6–7): 300 deputies, 220 present, 12 candidates for 10 seats; the first round ties at
 * the last seat, and the runoff gives 118 and 92 votes where 151 were needed.
 */

let t: TempRuntime;
beforeEach(() => {
  t = makeTempRuntime();
});
afterEach(() => t.cleanup());

const result = async (listId: number) => (await t.ok('projectLists.result', { listId })) as ListResult;
const settle = (listId: number, decision: string, reason: string) =>
  t.call('projectLists.settle', { listId, decision, reason });
const unchanged = () => ({
  outcomes: t.count('list_outcomes'),
  rounds: t.count('poll_rounds'),
  audit: t.count('audit_log'),
});

async function annualSession(opts: { ruleSetId?: number } = {}) {
  const body = await createBody(t, '江北区人民代表大会', 'district_congress');
  const deputies = await importDeputies(t, body.id, 300);
  const sets = (await t.ok('ruleSets.list', {})) as RuleSet[];
  const builtin = sets.find((r) => r.key === 'district_annual_session')!;
  const base = {
    bodyId: body.id,
    kind: 'district_annual' as const,
    ruleSetId: opts.ruleSetId ?? builtin.id,
    title: '江北区第三届人民代表大会第三次会议',
    date: '2027-01-12',
  };
  const meeting = (await t.ok('meetings.create', { ...base, session: '第三届第三次会议' })) as Meeting;
  for (const m of deputies.slice(0, 220))
    await t.ok('attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  const item = (await t.ok('agenda.add', {
    meetingId: meeting.id,
    kind: 'project_vote',
    title: '票决产生2027年度民生实事项目',
  })) as AgendaItem;
  const list0 = (await t.ok('projectLists.create', {
    bodyId: body.id,
    year: 2027,
    title: '2027年度民生实事候选项目',
    seats: 10,
  })) as ProjectList;
  for (let i = 1; i <= 12; i++) await t.ok('projects.add', { listId: list0.id, name: `民生实事候选项目${i}` });
  await adoptList(t, list0.id, '2026-12-20');
  await t.ok('meetings.open', { id: meeting.id });
  const list = (await t.ok('projectLists.get', { id: list0.id })) as ProjectList;
  const pids = list.projects.map((p) => p.id);
  const voters = deputies.slice(0, 220).map((d) => d.membershipId);
  let v = (await t.ok('projectVotes.create', {
    listId: list.id,
    agendaItemId: item.id,
    style: 'approve',
    mode: 'electronic',
    scrutineers: ['王监票'],
    counters: ['赵计票'],
  })) as ProjectVote;
  await t.ok('projectVotes.open', { id: v.id });
  // 1–9 pass with everyone's vote; 10 and 11 tie at the last seat with 160 each; 12 has no votes.
  for (const [i, m] of voters.entries())
    await t.ok('projectVotes.cast', {
      id: v.id,
      membershipId: m,
      marks: {
        yes: [...pids.slice(0, 9), ...(i < 160 ? pids.slice(9, 11) : [])],
        no: i < 160 ? [] : pids.slice(9, 11),
      },
    });
  v = (await t.ok('projectVotes.close', { id: v.id, issued: 220 })) as ProjectVote;
  return { body, meeting, list, pids, voters, first: v, builtin };
}

/** The runoff among the tied 10 and 11: 118 and 92 votes, 151 needed (more than half of 300). */
async function runoffFillingNothing(s: Awaited<ReturnType<typeof annualSession>>) {
  let r = (await t.ok('projectVotes.nextRound', { id: s.first.id })) as ProjectVote;
  await t.ok('projectVotes.open', { id: r.id });
  for (const [i, m] of s.voters.entries())
    await t.ok('projectVotes.cast', {
      id: r.id,
      membershipId: m,
      marks: { yes: i < 118 ? [s.pids[9]!] : i < 210 ? [s.pids[10]!] : [] },
    });
  r = (await t.ok('projectVotes.close', { id: r.id, issued: 220 })) as ProjectVote;
  return r;
}

describe('meeting kinds of the annual session', () => {
  it('a 区人大年度会议 needs its 届次会次; a 镇人大季会 may be the annual one, other kinds may not', async () => {
    const body = await createBody(t, '江北区人民代表大会', 'district_congress');
    const sets = (await t.ok('ruleSets.list', {})) as RuleSet[];
    const annual = sets.find((r) => r.key === 'district_annual_session')!;
    expect(annual.rules.quorum.basis).toContain('地方组织法第十四条');
    expect(annual.rules.pass.basis).toContain('地方组织法第二十五条');
    expect(annual.rules.unfilled.allow).toBe('choose');
    const base = {
      bodyId: body.id,
      kind: 'district_annual' as const,
      ruleSetId: annual.id,
      title: '江北区第三届人民代表大会第三次会议',
      date: '2027-01-12',
    };
    const before = t.count('meetings');
    expect(errorOf(await t.call('meetings.create', base))).toMatchObject({ code: 'VALIDATION', field: 'session' });
    expect(errorOf(await t.call('meetings.create', { ...base, session: '三届三次' })).message).toContain(
      '第三届第三次会议',
    );
    expect(t.count('meetings')).toBe(before);
    const m = (await t.ok('meetings.create', { ...base, session: '第三届第三次会议' })) as Meeting;
    expect(m).toMatchObject({ kind: 'district_annual', annualSession: true, session: '第三届第三次会议' });
    const midyear = sets.find((r) => r.key === 'district_midyear_session')!;
    expect(
      errorOf(
        await t.call('meetings.create', {
          ...base,
          kind: 'district_midyear',
          ruleSetId: midyear.id,
          annualSession: true,
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION', field: 'annualSession' });

    const town = await createBody(t, '石桥镇人民代表大会', 'township_congress', '石桥镇');
    const q = sets.find((r) => r.key === 'township_quarterly')!;
    const tbase = {
      bodyId: town.id,
      kind: 'township_quarterly' as const,
      ruleSetId: q.id,
      date: '2027-01-20',
      quarter: 1,
    };
    const q1 = (await t.ok('meetings.create', {
      ...tbase,
      title: '石桥镇2027年第一季度会议',
      session: '第十九届第五次会议',
      annualSession: true,
    })) as Meeting;
    expect(q1).toMatchObject({ annualSession: true, quarter: 1 });
    const q2 = errorOf(
      await t.call('meetings.create', {
        ...tbase,
        quarter: 2,
        date: '2027-04-20',
        title: '石桥镇2027年第二季度会议',
        session: '第十九届第六次会议',
        annualSession: true,
      }),
    );
    expect(q2).toMatchObject({ code: 'CONFLICT', field: 'annualSession' });
    expect(q2.message).toContain('石桥镇2027年第一季度会议');
    // An update that does not mention the flag keeps it.
    const upd = (await t.ok('meetings.update', {
      id: q1.id,
      ruleSetId: q.id,
      title: '石桥镇2027年第一季度会议',
      date: '2027-01-21',
      quarter: 1,
      session: '第十九届第五次会议',
    })) as Meeting;
    expect(upd.annualSession).toBe(true);
  });
});

describe('projectLists.result and projectLists.settle', () => {
  it('a runoff that fills no seat: 确定9项，应选10项; refused settles change nothing; leave_unfilled is recorded with its reason', async () => {
    const s = await annualSession();
    let res = await result(s.list.id);
    expect(res).toMatchObject({ filled: 9, unfilled: 1, next: { kind: 'runoff', seats: 1 } });
    // A tie goes to its runoff first (§4): settling now is refused and changes nothing.
    let before = unchanged();
    expect(errorOf(await settle(s.list.id, 'leave_unfilled', '主席团决定'))).toMatchObject({
      code: 'CONFLICT',
      field: 'listId',
    });
    expect(unchanged()).toEqual(before);

    const r = await runoffFillingNothing(s);
    expect(r.result!.required).toBe(151);
    expect(r.result!.rows.map((x) => x.yes)).toEqual([118, 92]);
    res = await result(s.list.id);
    expect(res).toMatchObject({
      seats: 10,
      filled: 9,
      unfilled: 1,
      summary: '确定9项，应选10项，1项空缺',
      next: { kind: 'settle', options: ['leave_unfilled', 'runoff'], seats: 1 },
    });
    expect(res.chosen.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(res.remaining.map((c) => c.number)).toEqual([10, 11, 12]);
    expect(res.issuer).toBe('江北区第三届人民代表大会第三次会议主席团');
    expect(res.announcement).toContain('江北区第三届人民代表大会第三次会议主席团公告');
    expect(res.announcement).toContain('应到代表300名，实到220名，符合法定人数。');
    expect(res.announcement).toContain('第一轮：发出选票220张，收回220张，有效票220张，无效票0张。');
    expect(res.announcement).toContain('确定9项，应选10项，1项空缺。');
    expect(res.announcement).toContain('2027年1月12日');

    before = unchanged();
    expect(errorOf(await settle(s.list.id, 'leave_unfilled', ' '))).toMatchObject({
      code: 'VALIDATION',
      field: 'reason',
    });
    expect(errorOf(await settle(9999, 'leave_unfilled', '主席团决定'))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'listId',
    });
    expect(unchanged()).toEqual(before);

    const done = (await t.ok('projectLists.settle', {
      listId: s.list.id,
      decision: 'leave_unfilled',
      reason: '经主席团研究，空缺名额不再票决',
    })) as SettleResult;
    expect(done.roundId).toBeNull();
    expect(done.result).toMatchObject({
      unfilled: 1,
      next: { kind: 'done' },
      decision: { decision: 'leave_unfilled', unfilled: 1, reason: '经主席团研究，空缺名额不再票决' },
    });
    expect(done.result.announcement).toContain(
      '确定9项，应选10项，1项空缺。经决定，空缺名额不再票决（经主席团研究，空缺名额不再票决）。',
    );
    const entry = t.rt.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'projectList.settle'")
      .pluck()
      .get() as string;
    expect(JSON.parse(entry)).toMatchObject({
      decision: 'leave_unfilled',
      reason: '经主席团研究，空缺名额不再票决',
      unfilled: 1,
    });
    expect(verifyAudit(t.rt.db).ok).toBe(true);
    // Decided: a second decision is refused.
    before = unchanged();
    expect(errorOf(await settle(s.list.id, 'runoff', '再投一次'))).toMatchObject({ code: 'CONFLICT' });
    expect(unchanged()).toEqual(before);
  });

  it("'runoff' schedules the next round among the candidates not yet chosen, for the unfilled seat, as the rule set allows", async () => {
    const sets0 = (await t.ok('ruleSets.list', {})) as RuleSet[];
    const copy = (await t.ok('ruleSets.copy', {
      id: sets0.find((r) => r.key === 'district_annual_session')!.id,
      name: '江北区人大票决办法',
    })) as RuleSet;
    await t.ok('ruleSets.update', {
      id: copy.id,
      name: copy.name,
      rules: {
        ...copy.rules,
        unfilled: { allow: 'leave', basis: '未产生足额项目的，空缺名额不再票决（本地票决办法）' },
      },
    });
    const s = await annualSession({ ruleSetId: copy.id });
    await runoffFillingNothing(s);
    expect((await result(s.list.id)).next).toMatchObject({ kind: 'settle', options: ['leave_unfilled'] });
    const before = unchanged();
    const refused = errorOf(await settle(s.list.id, 'runoff', '再投一次'));
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'decision' });
    expect(refused.message).toContain('空缺名额不再票决（本地票决办法）');
    expect(unchanged()).toEqual(before);

    await t.ok('ruleSets.update', {
      id: copy.id,
      name: copy.name,
      rules: {
        ...copy.rules,
        unfilled: { allow: 'runoff', basis: '未产生足额项目的，就未入选项目另行票决（本地票决办法）' },
      },
    });
    const settled = (await t.ok('projectLists.settle', {
      listId: s.list.id,
      decision: 'runoff',
      reason: '主席团决定就未入选项目另行票决',
    })) as SettleResult;
    const third = (await t.ok('projectVotes.get', { id: settled.roundId! })) as ProjectVote;
    expect(third).toMatchObject({
      round: 3,
      kind: 'runoff',
      seats: 1,
      status: 'pending',
      candidateIds: s.pids.slice(9),
    });
    expect(third.pass.basis).toContain('不足名额');
    expect(settled.result).toMatchObject({
      next: { kind: 'wait' },
      decision: { decision: 'runoff', roundId: third.id },
    });
    // While that round is pending, nothing more can be decided.
    expect(errorOf(await settle(s.list.id, 'runoff', '再投一次'))).toMatchObject({ code: 'CONFLICT', field: 'listId' });

    await t.ok('projectVotes.open', { id: third.id });
    for (const [i, m] of s.voters.entries())
      await t.ok('projectVotes.cast', { id: third.id, membershipId: m, marks: { yes: i < 170 ? [s.pids[11]!] : [] } });
    const closed = (await t.ok('projectVotes.close', { id: third.id, issued: 220 })) as ProjectVote;
    expect(closed.announcement).toContain('第3轮（不足名额另行票决）');
    const res = await result(s.list.id);
    expect(res).toMatchObject({ filled: 10, unfilled: 0, summary: '确定10项，应选10项', next: { kind: 'done' } });
    expect(res.chosen[9]).toMatchObject({ number: 12, round: 3, votes: 170 });
    expect(res.announcement).toContain('10. 民生实事候选项目12（第三轮，170票）');
    expect(errorOf(await settle(s.list.id, 'leave_unfilled', '无须再投'))).toMatchObject({ code: 'CONFLICT' });
  });
});
