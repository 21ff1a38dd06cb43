import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { PollComparison, ProjectVote, Recount } from '../../shared/contract';
import { createRuntime } from '../../electron/services/runtime';
import { dispatch } from '../../electron/services/dispatch';
import { makeTempRuntime, type TempRuntime } from './helpers';
import { enterPaper, setupProjectVote } from '../fixtures';

/**
 * How the engine counts stored ballots of mask styles (choose, approve) in one SQL scan (electron/db/bit-tally.ts):
 * the running tally rebuilt at start-up, the count sheet checked against the first batch, the independent recount —
 * each must give what the ballots say, void ballots apart.
 */

let t: TempRuntime;
beforeEach(() => {
  t = makeTempRuntime();
});
afterEach(() => t.cleanup());

const rowsOf = (v: ProjectVote) => v.result!.rows.map((r) => [r.yes, r.no, r.abstain]);

describe('counting stored ballots in one scan', () => {
  it('rebuilds an open secret round’s tally at start-up from its ballots; the recount agrees and finds a changed ballot', async () => {
    const s = await setupProjectVote(t, { deputies: 6, projects: 4, seats: 2, style: 'approve', mode: 'electronic' });
    const [a, b, c, d] = s.projects.map((p) => p.id) as [number, number, number, number];
    const cast = (i: number, marks: { yes: number[]; no?: number[]; abstain?: number[] }, call = t.call) =>
      call('projectVotes.cast', {
        id: s.vote.id,
        membershipId: s.present[i]!.membershipId,
        marks: { no: [], abstain: [], ...marks },
      });
    expect((await cast(0, { yes: [a, b], no: [c] })).ok).toBe(true);
    expect((await cast(1, { yes: [a], abstain: [d] })).ok).toBe(true);

    // Restart mid-vote: the running tally is rebuilt by the start-up scan, then takes the next casts.
    t.rt.close();
    const rt = createRuntime(t.dir, { transport: 'http' });
    onTestFinished(() => rt.close());
    const call = (name: string, input: unknown) => dispatch(rt.handlers, name, input, { actor: 'test' });
    expect((await cast(2, { yes: [b, c], no: [a] }, call)).ok).toBe(true);
    const closed = await call('projectVotes.close', { id: s.vote.id, issued: 6 });
    if (!closed.ok) throw new Error(closed.error.message);
    const v = closed.data as ProjectVote;
    expect(v.result).toMatchObject({ returned: 3, valid: 3, void: 0 });
    // Rows in ballot order: a, b, c, d.
    expect(
      s.projects.map((p) => {
        const r = v.result!.rows.find((x) => x.candidateId === p.id)!;
        return [r.yes, r.no, r.abstain];
      }),
    ).toEqual([
      [2, 1, 0],
      [2, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);

    const recount = await call('polls.recount', { id: s.vote.id });
    expect(recount.ok && (recount.data as Recount)).toMatchObject({ matches: true, returned: 3 });
    // Someone edits a stored ballot in the file: the recount no longer matches the result on record.
    rt.db
      .prepare(
        'UPDATE round_ballots SET yes = 15 WHERE round_id = ? AND ballot_id = (SELECT MIN(ballot_id) FROM round_ballots WHERE round_id = ?)',
      )
      .run(s.vote.id, s.vote.id);
    const tampered = await call('polls.recount', { id: s.vote.id });
    expect(tampered.ok && (tampered.data as Recount)).toMatchObject({ matches: false, returned: 3 });
  });

  it('a paper round: the count sheet checked against the first batch, void ballots apart, and the recount', async () => {
    const s = await setupProjectVote(t, { deputies: 8, projects: 5, seats: 3, style: 'choose', mode: 'paper' });
    await t.ok('projectVotes.stopVoting', { id: s.vote.id });
    // Ballot 4 marks four of 3 seats: void (选举法第四十四条, by analogy); ballot 5 voided by the clerk.
    await enterPaper(t, s.vote.id, ['1 2 3', '1 3', '2 4 5', '1 2 3 4', { void: true }, '1']);
    const [p1, p2, p3, p4, p5] = s.projects.map((p) => p.id) as number[];
    const right = [
      [p1, 3],
      [p2, 2],
      [p3, 2],
      [p4, 1],
      [p5, 1],
    ] as const;
    const sheet = (await t.ok('polls.countSheet', {
      id: s.vote.id,
      lines: right.map(([, yes], i) => ({ position: i + 1, counts: { yes } })),
    })) as PollComparison;
    expect(sheet.sheetMismatches).toEqual([]);
    const wrong = (await t.ok('polls.countSheet', {
      id: s.vote.id,
      lines: [{ position: 1, counts: { yes: 4 } }],
    })) as PollComparison;
    expect(wrong.sheetMismatches).toMatchObject([{ position: 1, field: 'yes', sheet: 4, ballots: 3 }]);
    await t.ok('polls.countSheet', { id: s.vote.id, lines: [{ position: 1, counts: { yes: 3 } }] });
    const v = (await t.ok('projectVotes.close', { id: s.vote.id, issued: 8 })) as ProjectVote;
    expect(v.result).toMatchObject({ returned: 6, valid: 4, void: 2 });
    expect(rowsOf(v).map((r) => r[0])).toEqual(s.projects.map((p) => right.find(([id]) => id === p.id)![1]));
    expect(await t.ok('polls.recount', { id: s.vote.id })).toMatchObject({ matches: true, returned: 6 });
  });
});

/** A candidate list's cap (projects.add): masks past 2^30 are counted by the bit tally's second half. */
const MAX_PROJECTS = 49;

describe('a 票决 of 49 candidates through the engine', () => {
  it('counts candidates 31–49 in their own rows at close and in the recount', async () => {
    const s = await setupProjectVote(t, {
      deputies: 4,
      projects: MAX_PROJECTS,
      seats: 40,
      style: 'approve',
      mode: 'electronic',
    });
    const ids = s.projects.map((p) => p.id);
    // Deputy 1: yes to 31–49; deputy 2: yes to 1–30 and no to 49; deputy 3: no to 31, abstain on 30 and 49.
    const marks: { yes: number[]; no: number[]; abstain: number[] }[] = [
      { yes: ids.slice(30), no: [], abstain: [] },
      { yes: ids.slice(0, 30), no: [ids[48]!], abstain: [] },
      { yes: [], no: [ids[30]!], abstain: [ids[29]!, ids[48]!] },
    ];
    for (const [i, m] of marks.entries())
      expect(
        (await t.call('projectVotes.cast', { id: s.vote.id, membershipId: s.present[i]!.membershipId, marks: m })).ok,
      ).toBe(true);
    const v = (await t.ok('projectVotes.close', { id: s.vote.id, issued: 4 })) as ProjectVote;
    const row = (k: number) => {
      const r = v.result!.rows.find((x) => x.candidateId === ids[k - 1])!;
      return [r.yes, r.no, r.abstain];
    };
    const expected = (k: number) => [
      marks.filter((m) => m.yes.includes(ids[k - 1]!)).length,
      marks.filter((m) => m.no.includes(ids[k - 1]!)).length,
      marks.filter((m) => m.abstain.includes(ids[k - 1]!)).length,
    ];
    for (let k = 1; k <= MAX_PROJECTS; k++) expect(row(k), `第${k}号`).toEqual(expected(k));
    expect(row(30)).toEqual([1, 0, 1]);
    expect(row(31)).toEqual([1, 1, 0]);
    expect(row(49)).toEqual([1, 1, 1]);
    expect((await t.ok('polls.recount', { id: s.vote.id })) as Recount).toMatchObject({ matches: true, returned: 3 });
  });
});
