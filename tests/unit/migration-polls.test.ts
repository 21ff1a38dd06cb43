import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppError,
  type PollRound,
  type ProjectVote,
  type Recount,
  type ScreenView,
  type Vote,
} from '../../shared/contract';
import { migrations } from '../../electron/db/migrations';
import { dispatch } from '../../electron/services/dispatch';
import { createRuntime, type Runtime } from '../../electron/services/runtime';
import { tempDir } from './helpers';

/**
 * Migration 0006 (one poll engine) on a real database of the schema before it: tests/fixtures/schema-v5-votes.sqlite
 * was filled through c8f5f70's own API (motion votes named, secret, hands, paper and a revote; 票决 rounds first,
 * tie and runoff, void and retake, paper keyed twice with a count sheet; one round open with casts, one pending; the
 * hall screen on a round), and schema-v5-votes.expected.json is what that API read back. Today's code must read
 * every one of them the same, continue the open and the pending round as the old engine did, and keep the audit
 * log intact. Regenerate both with tests/fixtures/make-schema-v5-votes.ts (its header says how).
 */
const FIXTURES = path.resolve(__dirname, '../fixtures');
const DB_FILE = path.join(FIXTURES, 'schema-v5-votes.sqlite');
const EXPECTED_FILE = path.join(FIXTURES, 'schema-v5-votes.expected.json');
for (const f of [DB_FILE, EXPECTED_FILE]) {
  if (!fs.existsSync(f))
    throw new Error(`migration test fixture missing: ${f} — regenerate it with tests/fixtures/make-schema-v5-votes.ts`);
}

type Obj = Record<string, unknown>;
interface AuditRef {
  id: number;
  action: string;
  entity: string;
  entityId: string | null;
  hash: string;
}
interface Expected {
  maxMotionId: number;
  meetings: number[];
  voteIds: Record<string, number>;
  roundIds: Record<string, number>;
  listIds: Record<string, number>;
  votes: Record<string, { get: Vote; roll: Obj[] | null }>;
  votesList: Record<string, Vote[]>;
  rounds: Record<string, { get: ProjectVote; paperCompare: Obj | null }>;
  projectVotesList: { byList: Record<string, ProjectVote[]>; byMeeting: Record<string, ProjectVote[]> };
  screen: ScreenView;
  auditVerify: { ok: boolean; checked: number };
  auditByMeeting: Record<string, AuditRef[]>;
  continueOpen: {
    id: number;
    cast: { membershipId: number; marks: Obj };
    castAccepted: Obj;
    issued: number;
    closed: ProjectVote;
  };
  continuePending: {
    id: number;
    opened: ProjectVote;
    casts: { membershipId: number; marks: Obj }[];
    issued: number;
    closed: ProjectVote;
  };
}
const expected = JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf8')) as Expected;
const OFFSET = expected.maxMotionId;

/** A 票决 round as the old API gave it, with its ids moved to the new id space (old id + the highest motion id). */
const moved = (v: ProjectVote): ProjectVote => ({
  ...v,
  id: v.id + OFFSET,
  previousVoteId: v.previousVoteId === null ? null : v.previousVoteId + OFFSET,
});
/** projectVotes.* reads exactly as before (an open electronic round's 发出, its roll, shows in polls.get only). */
const asToday = moved;
const withoutTimes = (v: ProjectVote): Obj => {
  const { openedAt: _o, closedAt: _c, ...rest } = v;
  return rest;
};

let rt: Runtime;
let dir: string;
async function ok<T = unknown>(name: string, input: unknown): Promise<T> {
  const res = await dispatch(rt.handlers, name, input, { actor: 'test' });
  if (!res.ok) throw new AppError(res.error.code, `${name}: ${res.error.message}`, res.error.field);
  return res.data as T;
}
const pluck = (sql: string) => rt.db.prepare(sql).pluck().all();

beforeAll(() => {
  dir = tempDir('yishitai-migration-');
  fs.copyFileSync(DB_FILE, path.join(dir, 'yishitai.sqlite'));
  rt = createRuntime(dir, { transport: 'http' });
});
afterAll(() => {
  rt?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 0006 on a database of motion votes and 票决 rounds taken before the poll engine', () => {
  it('applies 0005 onwards to the old file and leaves a sound database with none of the old tables', () => {
    expect(pluck('SELECT version FROM schema_migrations ORDER BY version')).toEqual(migrations.map((m) => m.version));
    expect(rt.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(rt.db.pragma('foreign_key_check')).toEqual([]);
    const tables = pluck("SELECT name FROM sqlite_master WHERE type = 'table'") as string[];
    const old = [
      'votes',
      'vote_eligible',
      'vote_named_choices',
      'vote_voters',
      'vote_secret_ballots',
      'vote_counts',
      'project_votes',
      'project_eligible',
      'project_voters',
      'project_ballots',
      'paper_entries',
      'manual_totals',
    ];
    expect(tables.filter((t) => old.includes(t))).toEqual([]);
    expect(tables).toEqual(
      expect.arrayContaining([
        'polls',
        'poll_items',
        'poll_rounds',
        'round_eligible',
        'round_named',
        'round_voters',
        'round_ballots',
        'round_entries',
        'round_counts',
        'screen_state',
      ]),
    );
    expect(rt.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('screen_state')).toContain('round_id');
    expect(
      rt.db
        .prepare('SELECT legacy FROM poll_rounds WHERE id = ?')
        .pluck()
        .get(expected.roundIds.a2! + OFFSET),
    ).toBe(`project_votes:${expected.roundIds.a2}`);
  });

  it('keeps the audit chain intact and still finds each meeting’s old vote, 票决 and screen entries', async () => {
    const verify = await ok<{ ok: boolean; checked: number; brokenAt: number | null }>('audit.verify', {});
    const lastOld = expected.auditVerify.checked;
    // The old chain, followed only by the shipped rule sets a later release added (written on first start).
    const since = pluck(`SELECT action FROM audit_log WHERE id > ${lastOld}`) as string[];
    expect(new Set(since)).toEqual(new Set(since.length ? ['ruleSet.builtin'] : []));
    expect(verify).toMatchObject({ ok: true, brokenAt: null, checked: lastOld + since.length });
    for (const meetingId of expected.meetings) {
      const old = expected.auditByMeeting[meetingId]!;
      const now = (await ok<AuditRef[]>('audit.list', { meetingId, limit: 500 }))
        .filter((e) => e.entity !== 'attendance' && e.id <= lastOld)
        .map(({ id, action, entity, entityId, hash }) => ({ id, action, entity, entityId, hash }));
      expect(now).toEqual(old);
      expect(new Set(old.map((e) => e.entity))).toEqual(
        new Set(['meeting', 'agenda_item', 'vote', 'project_vote', 'screen']),
      );
    }
  });

  it('reads every motion vote the same: votes.get, votes.list by meeting and the roll call of named votes', async () => {
    for (const [id, want] of Object.entries(expected.votes)) {
      const got = await ok<Vote>('votes.get', { id: Number(id) });
      expect(got).toEqual(want.get);
      if (want.roll) expect(await ok('votes.roll', { id: Number(id) })).toEqual(want.roll);
    }
    for (const [meetingId, want] of Object.entries(expected.votesList))
      expect(await ok('votes.list', { meetingId: Number(meetingId) })).toEqual(want);
  });

  it('reads every 票决 round the same under its new id: projectVotes.get, list by list and by meeting, paperCompare', async () => {
    for (const [id, want] of Object.entries(expected.rounds)) {
      const newId = Number(id) + OFFSET;
      expect(await ok<ProjectVote>('projectVotes.get', { id: newId })).toEqual(asToday(want.get));
      if (want.paperCompare) expect(await ok('projectVotes.paperCompare', { id: newId })).toEqual(want.paperCompare);
    }
    for (const [listId, want] of Object.entries(expected.projectVotesList.byList)) {
      expect(await ok('projectVotes.list', { listId: Number(listId) })).toEqual(want.map(asToday));
    }
    for (const [meetingId, want] of Object.entries(expected.projectVotesList.byMeeting)) {
      expect(await ok('projectVotes.list', { meetingId: Number(meetingId) })).toEqual(want.map(asToday));
    }
  });

  it('serves each old vote and round through polls.get with the steps its state allows, and recounts the closed ones to the record', async () => {
    const rounds = [
      ...Object.values(expected.votes).map((v) => ({
        id: v.get.id,
        kind: 'motion',
        mode: v.get.mode,
        issued: null as number | null,
        status: v.get.status,
        result: v.get.result,
        announcement: v.get.announcement,
      })),
      ...Object.values(expected.rounds).map((v) => ({
        id: v.get.id + OFFSET,
        kind: 'project_vote',
        mode: v.get.mode,
        issued: v.get.issued,
        status: v.get.status,
        result: v.get.result,
        announcement: v.get.announcement,
      })),
    ];
    for (const want of rounds) {
      const r = await ok<PollRound>('polls.get', { id: want.id });
      // 发出 as the engine keeps it for a round in that state: none for a closed motion (实到 is its base), the roll
      // for an open electronic round, what was typed for a closed 票决.
      const issued =
        want.kind === 'motion'
          ? want.status === 'open' && want.mode === 'electronic'
            ? r.present
            : null
          : want.mode === 'electronic' && want.status === 'open'
            ? r.present
            : want.issued;
      expect([want.id, r.issued]).toEqual([want.id, issued]);
      expect(r).toMatchObject({
        id: want.id,
        kind: want.kind,
        status: want.status,
        result: want.result,
        announcement: want.announcement,
      });
      const steps = {
        closed: ['nextRound', 'reveal'],
        pending: ['open'],
        open: ['cast', 'stopVoting', 'close'],
        counting: ['close'],
      }[want.status as 'closed'];
      expect([want.id, r.steps]).toEqual([want.id, steps]);
      if (want.status === 'closed') {
        const recount = await ok<Recount>('polls.recount', { id: want.id });
        expect([want.id, recount.matches, recount.differences]).toEqual([want.id, true, []]);
      }
    }
    // The rounds of one 票决 chain are one poll; a motion and its revote too.
    const poll = async (id: number) => (await ok<PollRound>('polls.get', { id })).pollId;
    expect(await poll(expected.roundIds.a2! + OFFSET)).toBe(await poll(expected.roundIds.a1! + OFFSET));
    expect(await poll(expected.voteIds.revote!)).toBe(expected.voteIds.paper);
  });

  it('shows the same round on the hall screen', async () => {
    const view = await ok<ScreenView>('screen.view', {});
    const want = expected.screen;
    const { serverTime: _s, ...wantRest } = want;
    expect(view).toMatchObject({
      ...wantRest,
      state: {
        ...want.state,
        projectVoteId: want.state.projectVoteId! + OFFSET,
        roundId: want.state.projectVoteId! + OFFSET,
      },
      projectVote: { ...want.projectVote!, id: want.projectVote!.id + OFFSET },
      vote: null,
    });
  });

  it('takes a cast in the round left open and closes it with the old engine’s totals, its tally rebuilt from the moved ballots', async () => {
    const c = expected.continueOpen;
    const id = c.id + OFFSET;
    expect(await ok('projectVotes.cast', { id, ...c.cast })).toEqual(c.castAccepted);
    const closed = await ok<ProjectVote>('projectVotes.close', { id, issued: c.issued });
    expect(withoutTimes(closed)).toEqual(withoutTimes(moved(c.closed)));
  });

  it('opens the pending runoff with the roll of now, takes casts and closes it as the old engine did', async () => {
    const p = expected.continuePending;
    const id = p.id + OFFSET;
    expect(withoutTimes(await ok<ProjectVote>('projectVotes.open', { id }))).toEqual(withoutTimes(asToday(p.opened)));
    for (const c of p.casts) await ok('projectVotes.cast', { id, ...c });
    const closed = await ok<ProjectVote>('projectVotes.close', { id, issued: p.issued });
    expect(withoutTimes(closed)).toEqual(withoutTimes(moved(p.closed)));
    expect(await ok('audit.verify', {})).toMatchObject({ ok: true });
    // Entries written now name today's ids, which old entries of the other meeting may repeat: each stays with its meeting.
    const newEntries = async (meetingId: number) =>
      (await ok<AuditRef[]>('audit.list', { meetingId, limit: 500 }))
        .filter((e) => e.id > expected.auditVerify.checked)
        .map((e) => `${e.action} ${e.entityId}`);
    const [m1, m2] = expected.meetings as [number, number];
    expect(await newEntries(m1)).toEqual([]);
    expect(await newEntries(m2)).toEqual([
      `projectVote.close ${id}`,
      ...p.casts.map(() => `projectVote.cast ${id}`),
      `projectVote.open ${id}`,
      `projectVote.close ${expected.continueOpen.id + OFFSET}`,
      `projectVote.cast ${expected.continueOpen.id + OFFSET}`,
    ]);
  });
});

describe('migration 0007 on the same file', () => {
  it('keeps every candidate on its list as 确定为候选 and counts a list already voted on as adopted', () => {
    const lists = rt.db.prepare('SELECT id, locked_at, adopted_by FROM project_lists').all() as {
      id: number;
      locked_at: string | null;
      adopted_by: string | null;
    }[];
    expect(lists.length).toBeGreaterThan(0);
    for (const l of lists) expect(l.adopted_by).toBe(l.locked_at ? 'legacy' : null);
    expect(pluck('SELECT DISTINCT screening FROM projects')).toEqual(['candidate']);
  });
});
