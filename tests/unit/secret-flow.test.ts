import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  methodNames,
  readMethods,
  type AgendaItem,
  type Choice,
  type EventMessage,
  type Input,
  type Meeting,
  type Member,
  type MethodName,
  type ProjectList,
  type ProjectVote,
  type ReadMethodName,
  type RuleSet,
  type Vote,
} from '../../shared/contract';
import type { BallotStyle } from '../../shared/domain/projects';
import type { CallResult } from '../../electron/services/dispatch';
import { b64, createBody, makeTempRuntime, type TempRuntime } from './helpers';
import { buildXlsx, distinctNames, rosterWorkbook } from '../fixtures';

/**
 * Information flow of a secret ballot (无记名投票: ../shared/rules/README.md §3 for motions, §4 for 票决): while a
 * vote is open, nothing anyone can read may depend on how anyone voted — only on who has voted (已投/应投). Linked
 * with the audit log (who voted, in which order), any running tally gives ballots away one by one.
 *
 * Two runtimes, A and B, are built by the same calls under a frozen clock, so ids, timestamps and audit hashes
 * match. They differ in one ballot per open vote: the same deputy chooses differently. Then every read method of
 * the contract is called on both with the same inputs and the answers must be equal.
 */

/** Every method that changes something (a row, a file, a window). With `readMethods` it must cover the contract. */
const WRITES = [
  'bodies.create',
  'bodies.update',
  'members.create',
  'members.update',
  'members.end',
  'roster.importCommit',
  'ruleSets.copy',
  'ruleSets.update',
  'meetings.create',
  'meetings.update',
  'meetings.open',
  'meetings.close',
  'agenda.add',
  'agenda.update',
  'agenda.move',
  'agenda.remove',
  'agenda.attach',
  'attendance.mark',
  'attendance.markOne',
  'votes.create',
  'votes.open',
  'votes.cast',
  'votes.enterCounts',
  'votes.close',
  'votes.revote',
  'projectLists.create',
  'projectLists.update',
  'projects.add',
  'projects.update',
  'projects.remove',
  'projects.move',
  'projects.importCommit',
  'projectVotes.create',
  'projectVotes.open',
  'projectVotes.cast',
  'projectVotes.stopVoting',
  'projectVotes.paperEnter',
  'projectVotes.manualTotals',
  'projectVotes.close',
  'projectVotes.nextRound',
  'screen.show',
  'screen.reveal',
  'screen.openWindow',
  'screen.closeWindow',
  'polls.open',
  'polls.cast',
  'polls.enterCounts',
  'polls.stopVoting',
  'polls.paperEnter',
  'polls.countSheet',
  'polls.close',
  'polls.nextRound',
  'evaluations.create',
  'evaluations.setItems',
  'evaluations.importItems',
  'projectFiles.attach',
  'projectFiles.remove',
  'projectPlans.set',
  'projectMilestones.add',
  'projectMilestones.update',
  'projectMilestones.done',
  'projectMilestones.remove',
  'projectProgress.add',
  'projectInspections.add',
  'projectDecisions.propose',
  'agendaProjects.set',
  'projectEvaluations.rewrite',
  'rectifications.update',
  'rectifications.respond',
  'projects.screen',
  'projectLists.adopt',
  'projectLists.unadopt',
  'projectLists.settle',
  'backups.create',
  'backups.restore',
  'backups.restoreFile',
  'meetingPackages.export',
  'meetingPackages.import',
  'fingerprints.check',
  'lan.start',
  'lan.stop',
  'credentials.revoke',
  'credentials.reissue',
  'desks.create',
  'desks.link',
  'desks.revoke',
  'documents.slips',
  'rehearsals.start',
  'rehearsals.stop',
] as const satisfies readonly MethodName[];

const T0 = new Date('2025-02-18T01:30:00.000Z');
const DEPUTIES = 12;
/** Deputies 0–10 sign in, 11 is on leave; 0–9 vote, 10 has not yet. */
const PRESENT = 11;
const VOTERS = 10;
/** The deputy whose ballot differs between A and B, cast in the middle so audit order alone does not single it out. */
const D = 4;
const STYLES: BallotStyle[] = ['choose', 'approve', 'rank'];

interface Setup {
  bodyId: number;
  meetingId: number;
  documentId: number;
  /** A candidate's document. */
  fileId: number;
  /** A deputy who has voted in everything. */
  voterId: number;
  namedVoteId: number;
  secretVoteId: number;
  /** One open electronic round per ballot style; the rank round has stopped voting (计票中, still secret). */
  electronic: Record<BallotStyle, { listId: number; voteId: number; projectIds: number[] }>;
  /** An open paper round: nothing is keyed while the ballots are in the box. */
  paper: { listId: number; voteId: number };
  /** A list with no round yet, for the import preview. */
  draftListId: number;
  /** An agenda item (the named motion's), for the projects it hears. */
  agendaItemId: number;
}

/** meetingPackage: a package exported by a third data folder (uids are random, so A and B cannot export the same one). */
interface Files {
  roster: string;
  projects: string;
  meetingPackage: string;
}

/** The inputs each read is called with. Typed over ReadMethodName, so a new read without inputs does not compile. */
const READS: { [M in ReadMethodName]: (s: Setup, f: Files) => Input<M>[] } = {
  'system.info': () => [{}],
  'bodies.list': () => [{}],
  'members.list': (s) => [{ bodyId: s.bodyId }, { bodyId: s.bodyId, includeFormer: true }],
  'roster.importPreview': (s, f) => [{ bodyId: s.bodyId, fileName: '名册.xlsx', contentBase64: f.roster }],
  'roster.export': (s) => [{ bodyId: s.bodyId }],
  'roster.template': (s) => [{ bodyId: s.bodyId }],
  'audit.list': () => [{ limit: 500 }, { limit: 10, beforeId: 60 }, { limit: 500, group: 'vote' }],
  'audit.export': () => [{}, { group: 'project' }],
  'audit.verify': () => [{}],
  'ruleSets.list': () => [{}],
  'meetings.list': (s) => [{}, { bodyId: s.bodyId }],
  'meetings.get': (s) => [{ id: s.meetingId }],
  'agenda.document': (s) => [{ documentId: s.documentId }],
  'attendance.get': (s) => [{ meetingId: s.meetingId }],
  'votes.list': (s) => [{ meetingId: s.meetingId }],
  'votes.get': (s) => [{ id: s.secretVoteId }, { id: s.namedVoteId }],
  'votes.roll': (s) => [{ id: s.secretVoteId }, { id: s.namedVoteId }],
  'projectLists.list': (s) => [{}, { bodyId: s.bodyId }],
  'projectLists.get': (s) => allRounds(s).map((r) => ({ id: r.listId })),
  'projects.importPreview': (s, f) => [{ listId: s.draftListId, fileName: '候选项目.xlsx', contentBase64: f.projects }],
  'projectVotes.list': (s) => [...allRounds(s).map((r) => ({ listId: r.listId })), { meetingId: s.meetingId }],
  'projectVotes.get': (s) => allRounds(s).map((r) => ({ id: r.voteId })),
  'projectVotes.paperBatch': (s) =>
    allRounds(s).flatMap((r) => [
      { id: r.voteId, batch: 1 as const },
      { id: r.voteId, batch: 2 as const },
    ]),
  'projectVotes.paperCompare': (s) => allRounds(s).map((r) => ({ id: r.voteId })),
  'screen.view': () => [{}],
  'screen.displays': () => [{}],
  'polls.list': (s) => [{ meetingId: s.meetingId }],
  'polls.get': (s) => [...allRounds(s).map((r) => ({ id: r.voteId })), { id: s.secretVoteId }, { id: s.namedVoteId }],
  'polls.paperBatch': (s) =>
    allRounds(s).flatMap((r) => [
      { id: r.voteId, batch: 1 as const },
      { id: r.voteId, batch: 2 as const },
    ]),
  'polls.paperCompare': (s) => allRounds(s).map((r) => ({ id: r.voteId })),
  'polls.recount': (s) => [...allRounds(s).map((r) => ({ id: r.voteId })), { id: s.secretVoteId }],
  'evaluations.itemsTemplate': () => [{}],
  'projectFiles.list': (s) => s.electronic.choose.projectIds.map((projectId) => ({ projectId })),
  'projectFiles.get': (s) => [{ fileId: s.fileId }],
  'projects.record': (s) => STYLES.flatMap((st) => s.electronic[st].projectIds).map((id) => ({ id })),
  'projects.timeline': (s) => STYLES.flatMap((st) => s.electronic[st].projectIds).map((id) => ({ id })),
  'agendaProjects.get': (s) => [{ agendaItemId: s.agendaItemId }],
  'agendaProjects.options': (s) => [{ agendaItemId: s.agendaItemId }],
  'backups.list': () => [{}],
  'projectEvaluations.list': (s) => s.electronic.choose.projectIds.map((projectId) => ({ projectId })),
  'rectifications.list': (s) => [{}, { bodyId: s.bodyId, year: 2025 }],
  'rectifications.get': () => [{ id: 1, asOf: '2025-02-18' }],
  'projectYear.board': (s) => [{ bodyId: s.bodyId, year: 2025, asOf: '2025-02-18' }],
  'projectYear.trends': (s) => [{ bodyId: s.bodyId, fromYear: 2024, toYear: 2025 }],
  'projectYear.export': (s) => [{ bodyId: s.bodyId, year: 2025, asOf: '2025-02-18' }],
  'projects.importTemplate': () => [{}],
  'projectLists.result': (s) => allRounds(s).map((r) => ({ listId: r.listId })),
  'exports.attendance': (s) => [{ meetingId: s.meetingId }],
  'exports.round': (s) => [
    ...allRounds(s).map((r) => ({ roundId: r.voteId })),
    { roundId: s.secretVoteId },
    { roundId: s.namedVoteId },
  ],
  'exports.rollCall': (s) => [
    ...allRounds(s).map((r) => ({ roundId: r.voteId })),
    { roundId: s.secretVoteId },
    { roundId: s.namedVoteId },
  ],
  'exports.evaluations': (s) => [{ meetingId: s.meetingId }],
  'meetingPackages.preview': (_s, f) => [{ fileName: '会议包.yspkg', contentBase64: f.meetingPackage }],
  // An open round has no fingerprint, and its refusal names nothing of its ballots.
  'fingerprints.get': (s) => [
    ...allRounds(s).map((r) => ({ roundId: r.voteId })),
    { roundId: s.secretVoteId },
    { roundId: s.namedVoteId },
    ...allRounds(s).map((r) => ({ listId: r.listId })),
    { meetingId: s.meetingId },
  ],
  'documents.signIn': (s) => [{ meetingId: s.meetingId }],
  // A result document of an open round is refused, saying nothing of its ballots; the minutes write 尚未公布.
  'documents.result': (s) => [
    ...allRounds(s).map((r) => ({ listId: r.listId })),
    { roundId: s.secretVoteId },
    { roundId: s.namedVoteId },
  ],
  'documents.minutes': (s) => [{ meetingId: s.meetingId }],
  'documents.ballot': (s) => [
    ...allRounds(s).map((r) => ({ roundId: r.voteId })),
    { roundId: s.secretVoteId },
    { roundId: s.namedVoteId },
  ],
  'documents.countSheet': (s) => [
    ...allRounds(s).map((r) => ({ roundId: r.voteId })),
    { roundId: s.secretVoteId },
    { roundId: s.namedVoteId },
  ],
  'lan.status': () => [{}],
  'credentials.list': (s) => [{ meetingId: s.meetingId }],
  'desks.list': (s) => [{ meetingId: s.meetingId }],
  'rehearsals.status': () => [{}],
};

const allRounds = (s: Setup) => [...STYLES.map((st) => s.electronic[st]), s.paper];

describe('every method is classified as a read or a write', () => {
  it('exactly once, so a new method fails this suite until it is classified', () => {
    const reads = new Set<string>(readMethods);
    const writes = new Set<string>(WRITES);
    const unclassified = methodNames.filter((m) => !reads.has(m) && !writes.has(m));
    const both = methodNames.filter((m) => reads.has(m) && writes.has(m));
    expect(unclassified, '请在 shared/contract 的 readMethods 或本测试的 WRITES 中登记这些接口').toEqual([]);
    expect(both).toEqual([]);
    expect(
      [...reads, ...writes].filter((m) => !(methodNames as string[]).includes(m)),
      '已不存在的接口',
    ).toEqual([]);
    expect(readMethods.length + WRITES.length).toBe(methodNames.length);
    // Every read has inputs to be called with (the type says so too).
    expect(Object.keys(READS).sort()).toEqual([...readMethods].sort());
  });
});

// ---- two runtimes that differ in one ballot ---------------------------------------------------------------------

/** The motion choices of deputies 0..VOTERS-1; deputy D differs between A and B. */
const motionChoice = (i: number, variant: 0 | 1): Choice =>
  i === D ? (variant ? 'no' : 'yes') : (['yes', 'no', 'abstain', 'yes'] as const)[i % 4]!;

/** A 票决 ballot over candidates p (ids in ballot order), two seats; deputy D differs between A and B. */
function projectMarks(style: BallotStyle, p: number[], i: number, variant: 0 | 1) {
  if (i === D) {
    if (style === 'choose') return variant ? { yes: [p[2]!, p[3]!] } : { yes: [p[0]!, p[1]!] };
    if (style === 'approve') return variant ? { yes: [p[1]!], abstain: [p[0]!] } : { yes: [p[0]!], no: [p[1]!] };
    return { ranks: variant ? [p[3]!, p[2]!] : [p[0]!, p[1]!] };
  }
  const a = p[i % 4]!;
  const b = p[(i + 1) % 4]!;
  if (style === 'choose') return { yes: i % 3 ? [a, b] : [a] };
  if (style === 'approve') return { yes: [a], no: [b], abstain: i % 2 ? [p[(i + 2) % 4]!] : [] };
  return { ranks: i % 3 ? [a, b] : [b] };
}

async function build(t: TempRuntime, variant: 0 | 1): Promise<Setup> {
  vi.setSystemTime(T0);
  const body = await createBody(t, '江北区人民代表大会', 'district_congress');
  // Added one by one rather than imported: the setup should not depend on the spreadsheet reader (its previews are reads below).
  const deputies: Member[] = [];
  for (const name of distinctNames(DEPUTIES))
    deputies.push((await t.ok('members.create', { bodyId: body.id, name })) as Member);
  const ruleSet = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'district_midyear_session')!;
  const meeting = (await t.ok('meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId: ruleSet.id,
    title: '江北区人民代表大会2025年年中会议',
    date: '2025-02-18',
  })) as Meeting;
  const item = async (kind: AgendaItem['kind'], title: string) =>
    (await t.ok('agenda.add', { meetingId: meeting.id, kind, title })) as AgendaItem;
  const named = await item('motion', '关于2024年计划执行情况的决议（草案）');
  const secret = await item('motion', '关于罢免某某代表职务的决定（草案）');
  const attached = (await t.ok('agenda.attach', {
    itemId: secret.id,
    fileName: '说明.txt',
    contentBase64: b64(Buffer.from('罢免案说明')),
  })) as AgendaItem;
  for (const [i, m] of deputies.entries()) {
    await t.ok(
      'attendance.mark',
      i < PRESENT
        ? { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' }
        : { meetingId: meeting.id, membershipId: m.membershipId, status: 'leave', reason: '出差' },
    );
  }
  const roundOn = async (style: BallotStyle, mode: 'electronic' | 'paper') => {
    const it = await item('project_vote', `票决产生2025年度民生实事项目（${style}，${mode}）`);
    const list = (await t.ok('projectLists.create', {
      bodyId: body.id,
      year: 2025,
      title: `2025年度民生实事候选项目（${style}，${mode}）`,
      seats: 2,
      sameYear: true,
    })) as ProjectList;
    const projectIds: number[] = [];
    for (let k = 0; k < 4; k++)
      projectIds.push(
        ((await t.ok('projects.add', { listId: list.id, name: `第${k + 1}号民生实事候选项目` })) as { id: number }).id,
      );
    await t.ok('projectLists.adopt', { id: list.id, by: 'directors', on: '2025-01-20', ref: '第十五次主任会议' });
    const v = (await t.ok('projectVotes.create', {
      listId: list.id,
      agendaItemId: it.id,
      style,
      mode,
      scrutineers: ['王监票'],
      counters: ['赵计票'],
    })) as ProjectVote;
    return { listId: list.id, voteId: v.id, projectIds };
  };
  const rounds = {} as Setup['electronic'];
  for (const style of STYLES) rounds[style] = await roundOn(style, 'electronic');
  const paper = await roundOn('choose', 'paper');
  const draft = (await t.ok('projectLists.create', {
    bodyId: body.id,
    year: 2026,
    title: '2026年度民生实事候选项目',
    seats: 2,
  })) as ProjectList;
  await t.ok('meetings.open', { id: meeting.id });
  await t.rt.backups.idle(); // the backup of 宣布开会 is taken here in both files, not whenever the queue gets to it

  // A named vote, already closed, so the roll call has something to give.
  const namedVote = (await t.ok('votes.create', {
    agendaItemId: named.id,
    mode: 'electronic',
    secrecy: 'named',
  })) as Vote;
  await t.ok('votes.open', { id: namedVote.id });
  for (let i = 0; i < VOTERS; i++)
    await t.ok('votes.cast', { id: namedVote.id, membershipId: deputies[i]!.membershipId, choice: 'yes' });
  await t.ok('votes.close', { id: namedVote.id });

  const secretVote = (await t.ok('votes.create', {
    agendaItemId: secret.id,
    mode: 'electronic',
    secrecy: 'secret',
  })) as Vote;
  await t.ok('votes.open', { id: secretVote.id });
  for (const r of [...Object.values(rounds), paper]) await t.ok('projectVotes.open', { id: r.voteId });
  for (let i = 0; i < VOTERS; i++) {
    const membershipId = deputies[i]!.membershipId;
    await t.ok('votes.cast', { id: secretVote.id, membershipId, choice: motionChoice(i, variant) });
    for (const style of STYLES) {
      await t.ok('projectVotes.cast', {
        id: rounds[style].voteId,
        membershipId,
        marks: projectMarks(style, rounds[style].projectIds, i, variant),
      });
    }
  }
  await t.ok('projectVotes.stopVoting', { id: rounds.rank.voteId });
  const file = (await t.ok('projectFiles.attach', {
    projectId: rounds.choose.projectIds[0]!,
    stage: 'candidate',
    fileName: '论证报告.pdf',
    contentBase64: 'JVBERi0=',
  })) as { id: number };
  // A 整改 as a closed 测评 opens one (no 测评 is run here), so rectifications.get has something to read.
  t.rt.db
    .prepare(
      "INSERT INTO rectifications (project_id, opened_by_round, department, deadline, created_at) VALUES (?, ?, '区住房城乡建设局', '2025-04-19', '2025-02-18T01:30:00.000Z')",
    )
    .run(rounds.choose.projectIds[0]!, namedVote.id);
  return {
    fileId: file.id,
    bodyId: body.id,
    meetingId: meeting.id,
    documentId: attached.documents[0]!.id,
    voterId: deputies[0]!.membershipId,
    namedVoteId: namedVote.id,
    secretVoteId: secretVote.id,
    electronic: rounds,
    paper: { listId: paper.listId, voteId: paper.voteId },
    draftListId: draft.id,
    agendaItemId: named.id,
  };
}

/** What may legitimately differ between two runtimes: the data folder (a fresh temp folder each). */
function normalise(value: unknown, dir: string): unknown {
  if (typeof value === 'string') return value.split(dir).join('<数据目录>');
  if (Array.isArray(value)) return value.map((v) => normalise(v, dir));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, dir)]));
  return value;
}

/** The first place two values differ, for a readable failure. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path || '(整体)'}: ${JSON.stringify(a)?.slice(0, 160)} ≠ ${JSON.stringify(b)?.slice(0, 160)}`;
}

/** A meeting package exported by another laptop (a street council's meeting of its own), for the import preview. */
async function packageFromElsewhere(): Promise<string> {
  const other = makeTempRuntime();
  try {
    const body = await createBody(other, '观音桥街道议事代表会议', 'street_council', '观音桥街道');
    await other.ok('members.create', { bodyId: body.id, name: '张三丰' });
    const rs = ((await other.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'street_council')!;
    const m = (await other.ok('meetings.create', {
      bodyId: body.id,
      kind: 'street_council',
      ruleSetId: rs.id,
      title: '观音桥街道议事代表会议',
      date: '2025-03-01',
    })) as Meeting;
    return ((await other.ok('meetingPackages.export', { meetingId: m.id })) as { contentBase64: string }).contentBase64;
  } finally {
    other.cleanup();
  }
}

describe('while secret ballots are open, no read depends on a ballot', () => {
  let rt: [TempRuntime, TempRuntime];
  const events: [EventMessage[], EventMessage[]] = [[], []];
  let s: Setup;
  let files: Files;

  /** Calls one method on both runtimes; returns where the (normalised) answers differ, or null. */
  async function both(name: MethodName, input: unknown): Promise<{ a: CallResult; diff: string | null }> {
    const [a, b] = [await rt[0].call(name, input), await rt[1].call(name, input)];
    return { a, diff: firstDifference(normalise(a, rt[0].dir), normalise(b, rt[1].dir)) };
  }

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    // Created under the frozen clock: the start time and the audit entries written on first start match too.
    rt = [makeTempRuntime(), makeTempRuntime()];
    files = {
      roster: b64(await rosterWorkbook(3)),
      projects: b64(
        await buildXlsx([
          ['编号', '项目名称', '责任单位'],
          [1, '城区老旧小区改造', '区住房城乡建委'],
        ]),
      ),
      meetingPackage: await packageFromElsewhere(),
    };
    rt.forEach((t, i) => t.rt.bus.subscribe((m) => events[i]!.push(m)));
    const setups = [await build(rt[0], 0), await build(rt[1], 1)];
    expect(setups[1]).toEqual(setups[0]);
    s = setups[0]!;
  }, 60_000);

  afterAll(() => {
    vi.useRealTimers();
    for (const t of rt) t.cleanup();
  });

  it('refuses a count sheet or batch comparison on an electronic round, changing nothing (the review’s probe)', async () => {
    const before = rt.map((t) => [t.count('round_counts'), t.count('audit_log')]);
    for (const style of STYLES) {
      const { voteId, projectIds } = s.electronic[style];
      const zeros = { id: voteId, totals: projectIds.map((projectId) => ({ projectId, yes: 0, no: 0, abstain: 0 })) };
      for (const [name, input] of [
        ['projectVotes.manualTotals', zeros],
        ['projectVotes.paperCompare', { id: voteId }],
        ['projectVotes.paperBatch', { id: voteId, batch: 1 }],
      ] as const) {
        const { a, diff } = await both(name, input);
        expect(diff, `${name} ${style}`).toBeNull();
        expect(a, `${name} ${style}`).toEqual({
          ok: false,
          error: {
            code: 'FORBIDDEN',
            field: 'id',
            message: expect.stringContaining('计票单和两批比对只用于纸质选票；电子票决在结束前只显示已投/应投'),
          },
        });
      }
    }
    expect(rt.map((t) => [t.count('round_counts'), t.count('audit_log')])).toEqual(before);
  });

  it('refuses, identically in A and B, every other write that could read a running tally back', async () => {
    const { choose, approve } = s.electronic;
    const probes: [MethodName, unknown][] = [
      ['votes.enterCounts', { id: s.secretVoteId, yes: 0, no: 0, abstain: 0 }],
      ['votes.revote', { id: s.secretVoteId }],
      ['votes.cast', { id: s.secretVoteId, membershipId: s.voterId, choice: 'yes' }],
      ['projectVotes.paperEnter', { id: choose.voteId, batch: 1, keys: '1' }],
      ['projectVotes.nextRound', { id: approve.voteId }],
      ['projectVotes.cast', { id: choose.voteId, membershipId: s.voterId, marks: { yes: [choose.projectIds[0]] } }],
      ['screen.show', { mode: 'projectVote', projectVoteId: choose.voteId }],
      ['screen.reveal', { reveal: true }],
    ];
    for (const [name, input] of probes) {
      const { a, diff } = await both(name, input);
      expect(diff, name).toBeNull();
      if (name !== 'screen.show') expect(a.ok, name).toBe(false);
    }
  });

  it(`gives the same answer to every read (${readMethods.length} methods), whatever the screen shows`, async () => {
    const leaks: string[] = [];
    const answered = new Set<string>();
    const check = async (name: ReadMethodName, input: unknown, note = '') => {
      const { a, diff } = await both(name, input);
      if (a.ok) answered.add(name);
      if (diff) leaks.push(`${name}(${JSON.stringify(input)})${note}：${diff}`);
    };
    for (const name of readMethods) for (const input of READS[name](s, files) as unknown[]) await check(name, input);
    // The projector's view on each thing it can show while the votes are open.
    const targets = [
      { mode: 'meeting', meetingId: s.meetingId },
      { mode: 'vote', voteId: s.secretVoteId },
      ...allRounds(s).map((r) => ({ mode: 'projectVote', projectVoteId: r.voteId })),
    ];
    for (const target of targets) {
      expect((await both('screen.show', target)).diff).toBeNull();
      await check('screen.view', {}, ` 投影${JSON.stringify(target)}`);
    }
    expect(leaks).toEqual([]);
    // Not vacuous: every read gave a real answer at least once (a read that only ever fails proves nothing) —
    // except a recount, which refuses every round that is still open: recounting one would be a running tally.
    // And the 测评 export, which refuses a meeting with no closed 测评 (this one has none).
    expect(readMethods.filter((m) => !answered.has(m))).toEqual(['polls.recount', 'exports.evaluations']);
  }, 120_000); // every read, twice, including spreadsheet previews parsed in worker threads

  it('pushes the same events to every subscriber', () => {
    expect(events[0].length).toBeGreaterThan(0);
    expect(firstDifference(events[0], events[1])).toBeNull();
  });

  it('does tell A from B once the votes are closed (the comparison can see a difference)', async () => {
    // A count sheet an older version accepted for an electronic round must neither block the count nor have its
    // refusal name the tally of a round still open.
    for (const t of rt) {
      for (const st of STYLES)
        t.rt.db
          .prepare("INSERT INTO round_counts (round_id, kind, item, counts, entered_at) VALUES (?, 'sheet', 1, ?, '')")
          .run(s.electronic[st].voteId, JSON.stringify({ yes: 0, no: 0, abstain: 0 }));
    }
    const closes: [MethodName, unknown][] = [
      ['votes.close', { id: s.secretVoteId }],
      ...STYLES.map((st): [MethodName, unknown] => [
        'projectVotes.close',
        { id: s.electronic[st].voteId, issued: PRESENT },
      ]),
    ];
    for (const [name, input] of closes) {
      const { a, diff } = await both(name, input);
      expect(a.ok, name).toBe(true);
      expect(diff, name).not.toBeNull();
    }
  });
});
