import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenView, Vote } from '../../shared/contract';
import { errorOf, makeTempRuntime, type TempRuntime } from './helpers';
import { setupProjectVote, type ProjectVoteSetup } from '../fixtures';

/**
 * When `screen.view` may carry a result to the hall screen: only for a closed round after 公布 — never while it
 * is pending, open or being counted, never once closed until 公布, never on a black or notice screen, and hidden
 * again when the screen moves to another round. Until now only the e2e projector spec caught a result shown early.
 * The rule itself (resultOnScreen) is tested in domain.poll-states.test.ts.
 */

let t: TempRuntime;

type Kind = 'named motion' | 'secret motion' | '票决';

/** A district meeting of 6 present, a 票决 of 4 projects not yet open, and a named and a secret electronic motion. */
async function setup() {
  const s = await setupProjectVote(t, {
    deputies: 6,
    projects: 4,
    seats: 2,
    style: 'approve',
    mode: 'electronic',
    open: false,
  });
  const motion = async (secrecy: Vote['secrecy'], title: string) => {
    const item = await t.ok('agenda.add', { meetingId: s.meeting.id, kind: 'motion', title });
    return (await t.ok('votes.create', {
      agendaItemId: (item as { id: number }).id,
      mode: 'electronic',
      secrecy,
    })) as Vote;
  };
  const rounds: Record<Kind, number> = {
    'named motion': (await motion('named', '关于区级预算调整方案的决议（草案）')).id,
    'secret motion': (await motion('secret', '关于接受某某辞去区人大代表职务请求的决定（草案）')).id,
    票决: s.vote.id,
  };
  return { s, rounds };
}

const view = async () => (await t.ok('screen.view', {})) as ScreenView;
/** What the screen holds of the round, whichever kind it is. */
const shownRound = (v: ScreenView) => v.vote ?? v.projectVote;
const show = (kind: Kind, s: ProjectVoteSetup, id: number) =>
  t.ok(
    'screen.show',
    kind === '票决'
      ? { mode: 'projectVote', meetingId: s.meeting.id, projectVoteId: id }
      : { mode: 'vote', meetingId: s.meeting.id, voteId: id },
  );

/** The screen shows the round and how many voted, but nothing of how. */
async function expectNoResult(kind: Kind, status: string, cast: number) {
  const v = await view();
  const r = shownRound(v)!;
  expect(r, `${kind} ${status}`).toMatchObject({ status, result: null, announcement: null });
  if (kind === '票决') {
    expect(v.projectVote).toMatchObject({ returned: cast, count: null });
  } else expect(v.vote).toMatchObject({ cast, eligible: status === 'pending' ? 0 : 6 });
  // Nothing of the count hides elsewhere in the view either.
  expect(JSON.stringify(v), `${kind} ${status}`).not.toMatch(/"(yes|no|abstain|valid|passed|outcome|rows)"/);
}

describe('screen.view, state by state', () => {
  // One meeting for the three kinds (setting one up is most of the time): each test takes its own round through.
  let fixture: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    t = makeTempRuntime();
    fixture = await setup();
  });
  afterAll(() => t.cleanup());

  for (const kind of ['named motion', 'secret motion', '票决'] as Kind[]) {
    it(`${kind}: no result while pending, open, stopped or closed before 公布; shown after; hidden on black-out, another round or 取消公布`, async () => {
      const { s, rounds } = fixture;
      const id = rounds[kind];
      const ids = s.projects.map((p) => p.id);
      await show(kind, s, id);
      await expectNoResult(kind, 'pending', 0);
      expect(errorOf(await t.call('screen.reveal', { reveal: true }))).toMatchObject({
        code: 'CONFLICT',
        field: 'reveal',
        message: '表决尚未结束，不能公布结果',
      });

      await t.ok('polls.open', { id });
      for (const [i, m] of s.present.slice(0, 5).entries()) {
        const ballot =
          kind === '票决'
            ? { marks: { yes: [ids[i % 4]!, ids[(i + 1) % 4]!], no: [], abstain: [] } }
            : { choice: i < 4 ? ('yes' as const) : ('no' as const) };
        await t.ok('polls.cast', { id, membershipId: m.membershipId, ballot });
      }
      await expectNoResult(kind, 'open', 5);
      expect(errorOf(await t.call('screen.reveal', { reveal: true })).message).toBe('表决尚未结束，不能公布结果');
      // 公布 refused changes nothing: still no result.
      await expectNoResult(kind, 'open', 5);

      if (kind === '票决') {
        // Voting stopped, the count not yet made.
        await t.ok('polls.stopVoting', { id });
        await expectNoResult(kind, 'counting', 5);
        expect(errorOf(await t.call('screen.reveal', { reveal: true })).message).toBe('表决尚未结束，不能公布结果');
      } else expect(errorOf(await t.call('polls.stopVoting', { id })).message).toContain('结束即计票'); // a motion counts as it closes

      await t.ok('polls.close', { id });
      await expectNoResult(kind, 'closed', 5);
      // The clerk's console has the result by now; the screen does not.
      expect(((await t.ok('polls.get', { id })) as { result: unknown }).result).not.toBeNull();

      await t.ok('screen.reveal', { reveal: true });
      const r = shownRound(await view())!;
      expect(r.result, kind).not.toBeNull();
      expect(r.announcement, kind).toEqual(expect.any(String));
      if (kind === '票决') expect((await view()).projectVote!.count).not.toBeNull();
      else expect(r.result).toMatchObject({ yes: 4, no: 1, abstain: 0 });

      // Black-out and a notice show nothing of the round; B again brings back the same round, still announced.
      await t.ok('screen.show', { mode: 'blank', roundId: id });
      let v = await view();
      expect([v.vote, v.projectVote, v.evaluation, v.meeting]).toEqual([null, null, null, null]);
      await t.ok('screen.show', { mode: 'message', message: '休会十分钟', roundId: id });
      v = await view();
      expect([v.vote, v.projectVote, v.evaluation]).toEqual([null, null, null]);
      await t.ok('screen.show', { mode: 'meeting', meetingId: s.meeting.id, roundId: id });
      v = await view();
      expect([v.vote, v.projectVote, v.evaluation]).toEqual([null, null, null]);
      await show(kind, s, id);
      expect(shownRound(await view())!.result).not.toBeNull();

      // 取消公布 hides it; 公布 again shows it.
      await t.ok('screen.reveal', { reveal: false });
      await expectNoResult(kind, 'closed', 5);
      await t.ok('screen.reveal', { reveal: true });
      expect(shownRound(await view())!.result).not.toBeNull();

      // Another round on the screen and back: the result waits for 公布 again.
      const other = kind === 'named motion' ? rounds['secret motion'] : rounds['named motion'];
      await t.ok('screen.show', { mode: 'vote', meetingId: s.meeting.id, voteId: other });
      expect((await view()).vote).toMatchObject({ id: other, result: null });
      await show(kind, s, id);
      await expectNoResult(kind, 'closed', 5);
    });
  }

  it('refuses an agenda item or a vote of another meeting, naming the field, and changes nothing', async () => {
    const other = await setupProjectVote(t, {
      deputies: 3,
      projects: 3,
      seats: 1,
      style: 'approve',
      mode: 'electronic',
      open: false,
      bodyName: '渝北区人民代表大会',
    });
    const { s } = fixture;
    const before = await view();
    const wrongItem = errorOf(
      await t.call('screen.show', { mode: 'meeting', meetingId: s.meeting.id, agendaItemId: other.item.id }),
    );
    expect(wrongItem).toMatchObject({ code: 'VALIDATION', field: 'agendaItemId' });
    expect(wrongItem.message).toMatch(/不属于会议/);
    const wrongVote = errorOf(
      await t.call('screen.show', { mode: 'projectVote', meetingId: s.meeting.id, projectVoteId: other.vote.id }),
    );
    expect(wrongVote).toMatchObject({ code: 'VALIDATION', field: 'projectVoteId' });
    expect(wrongVote.message).toMatch(/不是会议/);
    expect((await view()).state).toEqual(before.state);
  });
});
