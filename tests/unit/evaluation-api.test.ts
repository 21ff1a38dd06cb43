import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AgendaItem,
  Body,
  Meeting,
  Member,
  PollComparison,
  PollRound,
  RuleSet,
  ScreenView,
} from '../../shared/contract';
import type { RatingResult } from '../../shared/domain/evaluation';
import { gradedFor } from '../../shared/domain/rules';
import { createBody, errorOf, makeTempRuntime, type TempRuntime } from './helpers';
import { importDeputies } from '../fixtures';

/**
 * 满意度测评 through the API, as a clerk's console or a script drives it (evaluations.create, polls.*): the published
 * 沾益 2019 figures reproduced from paper ballots keyed twice, and the boundaries of README §5 — a void mark voids
 * one item only, exactly half reaches no grade, electronic casts once per present member, a closed meeting takes no
 * cast, a meeting does not close over an unfinished 测评, and the hall screen shows rates only after close and 公布.
 */

const TALLY_FILE = path.resolve(__dirname, '../../../shared/rules/tallies/zhanyi-2019-suggestion-evaluation.csv');

let t: TempRuntime;
beforeEach(() => {
  t = makeTempRuntime();
});
afterEach(() => t.cleanup());

interface Committee {
  body: Body;
  members: Member[];
  meeting: Meeting;
  item: AgendaItem;
}

/** A 常委会 of `members`, the first `present` signed in, an open meeting with an 'evaluation' agenda item. */
async function committee(members: number, present: number, ruleSetId?: number): Promise<Committee> {
  const body = await createBody(t, '沾益区人大常委会', 'standing_committee');
  const all = await importDeputies(t, body.id, members);
  const sets = (await t.ok('ruleSets.list', {})) as RuleSet[];
  const meeting0 = (await t.ok('meetings.create', {
    bodyId: body.id,
    kind: 'standing_committee',
    ruleSetId: ruleSetId ?? sets.find((r) => r.key === 'standing_committee')!.id,
    title: '沾益区第二届人大常委会第二十三次会议',
    date: '2019-11-08',
  })) as Meeting;
  for (const m of all.slice(0, present))
    await t.ok('attendance.mark', { meetingId: meeting0.id, membershipId: m.membershipId, status: 'present' });
  const item = (await t.ok('agenda.add', {
    meetingId: meeting0.id,
    kind: 'evaluation',
    title: '对重点建议办理情况进行满意度测评',
  })) as AgendaItem;
  const meeting = (await t.ok('meetings.open', { id: meeting0.id })) as Meeting;
  return { body, members: all, meeting, item };
}

const suggestions = (n: number) =>
  Array.from({ length: n }, (_v, i) => ({
    kind: 'suggestion' as const,
    number: String(i + 1),
    title: `重点建议${i + 1}办理情况`,
  }));

async function evaluation(c: Committee, mode: 'paper' | 'electronic', items: number): Promise<PollRound> {
  const r = (await t.ok('evaluations.create', {
    agendaItemId: c.item.id,
    style: 'rating',
    mode,
    items: suggestions(items),
    scrutineers: ['张明', '李华'],
    counters: ['王芳'],
  })) as PollRound;
  return (await t.ok('polls.open', { id: r.id })) as PollRound;
}

/** Both clerks key the same stack of paper ballots. */
async function keyTwice(roundId: number, stack: string[]) {
  for (const batch of [1, 2] as const)
    for (const keys of stack) await t.ok('polls.paperEnter', { id: roundId, batch, keys });
}

const ratingOf = (r: PollRound) => r.result as RatingResult;

/** "89.29%" → 8929, "25%" → 2500, "" → 0 (not shown); read as text so no floating point enters the check. */
function publishedHundredths(cell: string): number {
  if (!cell) return 0;
  const m = /^(\d+)(?:\.(\d{1,2}))?%$/.exec(cell);
  if (!m) throw new Error(`unreadable published rate “${cell}”`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

describe('沾益区 2019 重点建议办理满意度测评, through the API', () => {
  it('reproduces every published rate to the hundredth from 28 paper ballots keyed twice, and announces them', async () => {
    // A missing file fails here: the published figures are the point of the test.
    const rows = parse(fs.readFileSync(TALLY_FILE, 'utf8'), {
      columns: true,
      comment: '#',
      comment_no_infix: true,
      skip_empty_lines: true,
      trim: true,
    }) as Record<string, string>[];
    expect(rows).toHaveLength(7);
    const RETURNED = 28;
    const c = await committee(30, RETURNED);
    const r = await evaluation(c, 'paper', rows.length);
    expect(r.items.map((x) => x.title)).toEqual(suggestions(7).map((x) => x.title));
    await t.ok('polls.stopVoting', { id: r.id });

    // Ballot k marks item i from the published counts of item i: 满意 first, then 基本满意, 不满意.
    const digits = rows.map((row) => [
      ...'1'.repeat(Number(row.satisfied)),
      ...'2'.repeat(Number(row.basically_satisfied)),
      ...'3'.repeat(Number(row.unsatisfied)),
    ]);
    digits.forEach((d, i) => expect(d, `item ${i + 1}`).toHaveLength(RETURNED));
    const stack = Array.from({ length: RETURNED }, (_v, k) => digits.map((d) => d[k]).join(''));
    await keyTwice(r.id, stack);

    const sheet = (await t.ok('polls.countSheet', {
      id: r.id,
      lines: rows.map((row, i) => ({
        position: i + 1,
        counts: {
          satisfied: Number(row.satisfied),
          basically: Number(row.basically_satisfied),
          unsatisfied: Number(row.unsatisfied),
        },
      })),
    })) as PollComparison;
    expect(sheet).toMatchObject({
      first: RETURNED,
      second: RETURNED,
      differences: [],
      agreed: true,
      sheetMismatches: [],
    });

    const closed = (await t.ok('polls.close', { id: r.id, issued: RETURNED })) as PollRound;
    const result = ratingOf(closed);
    expect(result).toMatchObject({ outcome: 'decided', returned: RETURNED, valid: RETURNED, void: 0 });
    rows.forEach((row, i) => {
      const x = result.items[i]!;
      expect([x.satisfied, x.basically, x.unsatisfied], `item ${row.item} counts`).toEqual([
        Number(row.satisfied),
        Number(row.basically_satisfied),
        Number(row.unsatisfied),
      ]);
      expect(x.satisfiedRate.hundredths, `item ${row.item} 满意`).toBe(
        publishedHundredths(row.published_satisfied_rate!),
      );
      expect(x.basicallyRate.hundredths, `item ${row.item} 基本满意`).toBe(
        publishedHundredths(row.published_basically_rate!),
      );
      expect(x.unsatisfiedRate.hundredths, `item ${row.item} 不满意`).toBe(
        publishedHundredths(row.published_unsatisfied_rate!),
      );
      // The 常委会 rule set says 整改 below 70% 满意: the lowest published, 71.43%, does not.
      expect(x.rectify.needed, `item ${row.item} 整改`).toBe(false);
    });
    expect(closed.announcement).toBe(
      '本次测评应到组成人员30名，实到28名，发出测评票28张，收回28张，有效28张。' +
        rows
          .map((row, i) => {
            const x = result.items[i]!;
            return (
              `重点建议${i + 1}办理情况：满意${row.satisfied}票，基本满意${row.basically_satisfied}票，` +
              `不满意${row.unsatisfied}票，满意率${x.satisfiedRate.text}，基本满意率${x.basicallyRate.text}，不满意率${x.unsatisfiedRate.text}。`
            );
          })
          .join('') +
        '监票人：张明、李华。计票人：王芳。',
    );
    expect(closed.announcement).toContain(
      '重点建议4办理情况：满意20票，基本满意7票，不满意1票，满意率71.43%，基本满意率25.00%，不满意率3.57%。',
    );
    expect(((await t.ok('polls.recount', { id: r.id })) as { matches: boolean }).matches).toBe(true);
  });
});

describe('测评 boundaries, through the API', () => {
  it('a void mark for one item (9) leaves the ballot counted for its other items; a ballot void on every item is void', async () => {
    const c = await committee(10, 6);
    const r = await evaluation(c, 'paper', 3);
    await t.ok('polls.stopVoting', { id: r.id });
    await keyTwice(r.id, ['191', '123', '113', '9*3', '999', '111']);
    const closed = (await t.ok('polls.close', { id: r.id, issued: 6 })) as PollRound;
    const res = ratingOf(closed);
    expect(res).toMatchObject({ returned: 6, valid: 5, void: 1 });
    expect(res.items.map((x) => [x.satisfied, x.basically, x.unsatisfied, x.void])).toEqual([
      [4, 0, 0, 2], // ballots 1, 2, 3, 6; void on 4 and 5
      [2, 1, 0, 3], // ballot 1 is void for item 2 only
      [2, 0, 3, 1], // * is the other key for “void for this item”
    ]);
    expect(closed.announcement).toContain('重点建议2办理情况：满意2票，基本满意1票，不满意0票，该项无效3票');
  });

  it('graded over all members: exactly half reaches no grade, one more does (a rule-set copy with the graded formula)', async () => {
    const sets = (await t.ok('ruleSets.list', {})) as RuleSet[];
    const base = sets.find((s) => s.key === 'standing_committee')!;
    const copy = (await t.ok('ruleSets.copy', { id: base.id, name: '常委会测评（等次）' })) as RuleSet;
    await t.ok('ruleSets.update', {
      id: copy.id,
      name: copy.name,
      rules: { ...copy.rules, evaluation: { ...copy.rules.evaluation, rating: gradedFor('常委会全体组成人员') } },
    });
    const c = await committee(10, 10, copy.id);
    const r = await evaluation(c, 'electronic', 4);
    // Columns are items: A 5 满意 / 5 不满意; B 6 满意; C 5 满意 + 1 基本满意; D 4 满意 + 1 基本满意 + 5 不满意.
    const A = [
      'satisfied',
      'satisfied',
      'satisfied',
      'satisfied',
      'satisfied',
      'unsatisfied',
      'unsatisfied',
      'unsatisfied',
      'unsatisfied',
      'unsatisfied',
    ] as const;
    const B = [
      'satisfied',
      'satisfied',
      'satisfied',
      'satisfied',
      'satisfied',
      'satisfied',
      'unsatisfied',
      'unsatisfied',
      'unsatisfied',
      'unsatisfied',
    ] as const;
    const C = [
      'satisfied',
      'satisfied',
      'satisfied',
      'satisfied',
      'satisfied',
      'basically',
      'unsatisfied',
      'unsatisfied',
      'unsatisfied',
      'unsatisfied',
    ] as const;
    const D = [
      'satisfied',
      'satisfied',
      'satisfied',
      'satisfied',
      'basically',
      'unsatisfied',
      'unsatisfied',
      'unsatisfied',
      'unsatisfied',
      'unsatisfied',
    ] as const;
    for (const [k, m] of c.members.entries())
      await t.ok('polls.cast', {
        id: r.id,
        membershipId: m.membershipId,
        ballot: { ratings: [A[k]!, B[k]!, C[k]!, D[k]!] },
      });
    const closed = (await t.ok('polls.close', { id: r.id })) as PollRound;
    const res = ratingOf(closed);
    expect(res.formula).toBe('graded');
    expect(res.items.map((x) => x.grade)).toEqual(['unsatisfied', 'satisfied', 'basically', 'unsatisfied']);
    expect(res.items[0]!.gradeText).toContain('满意5票，未达到');
    expect(res.items[0]!.gradeText).toContain('合计5票，未达到，评为不满意');
    expect(res.items[2]!.gradeText).toContain('合计6票，达到，评为基本满意');
    expect(closed.announcement).toContain('常委会全体组成人员（10名）');
  });

  it('electronic: one cast per member present at open; unmarked items void for that item only', async () => {
    const c = await committee(8, 5);
    const r = await evaluation(c, 'electronic', 3);
    const absent = c.members[6]!;
    const e1 = errorOf(
      await t.call('polls.cast', {
        id: r.id,
        membershipId: absent.membershipId,
        ballot: { ratings: ['satisfied', 'satisfied', 'satisfied'] },
      }),
    );
    expect(e1).toMatchObject({ code: 'FORBIDDEN', field: 'membershipId' });
    expect(e1.message).toContain(absent.name);
    expect(e1.message).toContain('未签到出席');

    const [m0, m1, m2] = c.members;
    await t.ok('polls.cast', {
      id: r.id,
      membershipId: m0!.membershipId,
      ballot: { ratings: ['satisfied', null, 'unsatisfied'] },
    });
    const again = errorOf(
      await t.call('polls.cast', {
        id: r.id,
        membershipId: m0!.membershipId,
        ballot: { ratings: ['basically', 'basically', 'basically'] },
      }),
    );
    expect(again).toMatchObject({ code: 'CONFLICT', field: 'membershipId' });
    expect(again.message).toContain('已经投过票');
    const short = errorOf(
      await t.call('polls.cast', { id: r.id, membershipId: m1!.membershipId, ballot: { ratings: ['satisfied'] } }),
    );
    expect(short.message).toContain('本次测评共3项');
    await t.ok('polls.cast', {
      id: r.id,
      membershipId: m1!.membershipId,
      ballot: { ratings: ['basically', 'satisfied', null] },
    });
    const res2 = (await t.ok('polls.cast', {
      id: r.id,
      membershipId: m2!.membershipId,
      ballot: { ratings: [null, null, null] },
    })) as { returned: number };
    expect(res2.returned).toBe(3);

    const closed = (await t.ok('polls.close', { id: r.id })) as PollRound;
    expect(closed.issued).toBe(5);
    const res = ratingOf(closed);
    expect(res).toMatchObject({ returned: 3, valid: 2, void: 1 });
    expect(res.items.map((x) => [x.satisfied, x.basically, x.unsatisfied, x.void])).toEqual([
      [1, 1, 0, 1],
      [1, 0, 0, 2],
      [0, 0, 1, 2],
    ]);
  });

  it('a closed meeting takes no 测评 cast and arranges no 测评', async () => {
    const c = await committee(6, 6);
    const r = await evaluation(c, 'electronic', 2);
    // A meeting closed over an open round (a file from before meetings.close checked every kind of poll).
    t.rt.db.prepare("UPDATE meetings SET status = 'closed' WHERE id = ?").run(c.meeting.id);
    const e = errorOf(
      await t.call('polls.cast', {
        id: r.id,
        membershipId: c.members[0]!.membershipId,
        ballot: { ratings: ['satisfied', 'satisfied'] },
      }),
    );
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('闭会');
    expect(t.count('round_voters')).toBe(0);
    expect(t.count('round_ballots')).toBe(0);
    const item = errorOf(
      await t.call('evaluations.create', {
        agendaItemId: c.item.id,
        style: 'rating',
        mode: 'paper',
        items: suggestions(1),
      }),
    );
    expect(item.code).toBe('CONFLICT');
  });

  it('meetings.close is refused while a 测评 round is open or counting, and allowed once it is closed', async () => {
    const c = await committee(6, 6);
    const r = await evaluation(c, 'paper', 2);
    const open = errorOf(await t.call('meetings.close', { id: c.meeting.id }));
    expect(open.code).toBe('CONFLICT');
    expect(open.message).toContain('测评“对重点建议办理情况进行满意度测评”（投票中）');
    await t.ok('polls.stopVoting', { id: r.id });
    const counting = errorOf(await t.call('meetings.close', { id: c.meeting.id }));
    expect(counting.message).toContain('（计票中）');
    await keyTwice(r.id, ['11', '12', '13', '21', '11', '11']);
    await t.ok('polls.close', { id: r.id, issued: 6 });
    expect(((await t.ok('meetings.close', { id: c.meeting.id })) as Meeting).status).toBe('closed');
  });

  it('the hall screen shows progress while the 测评 runs, no result before close and 公布, the rates after', async () => {
    const c = await committee(6, 5);
    const r = await evaluation(c, 'electronic', 2);
    await t.ok('screen.show', { mode: 'evaluation', meetingId: c.meeting.id, roundId: r.id });
    const view = async () => ((await t.ok('screen.view', {})) as ScreenView).evaluation!;
    for (const [k, m] of c.members.slice(0, 5).entries()) {
      await t.ok('polls.cast', {
        id: r.id,
        membershipId: m.membershipId,
        ballot: { ratings: [k < 4 ? 'satisfied' : 'basically', k < 2 ? 'satisfied' : 'unsatisfied'] },
      });
    }
    let v = await view();
    expect(v).toMatchObject({ id: r.id, status: 'open', returned: 5, present: 5, result: null, announcement: null });
    expect(v.items.map((x) => x.title)).toEqual(['重点建议1办理情况', '重点建议2办理情况']);
    await t.ok('polls.close', { id: r.id });
    v = await view();
    expect(v).toMatchObject({ status: 'closed', result: null, announcement: null });
    await t.ok('screen.reveal', {});
    v = await view();
    const res = v.result as RatingResult;
    expect(res.items.map((x) => x.satisfiedRate.text)).toEqual(['80.00%', '40.00%']);
    expect(res.items.map((x) => x.unsatisfiedRate.text)).toEqual(['0.00%', '60.00%']);
    expect(v.announcement).toContain('重点建议2办理情况：满意2票，基本满意0票，不满意3票，满意率40.00%');
  });
});
