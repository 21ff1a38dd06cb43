import type { Member, Meeting, PollRound, ProjectList, ProjectVote, RuleSet, Vote } from '../../shared/contract';
import { b64 } from '../unit/helpers';
import { ok, type HostProcess } from './host-process';
import { ROSTER_HEADERS, buildXlsx, distinctNames, rosterRows, type XlsxCell, rosterWorkbook } from '../fixtures';

/**
 * The meeting each crash trial starts from, set up once over HTTP and copied for every trial: a district congress
 * of DEPUTIES, SIGNED_IN of them signed in and the meeting open, and five rounds open — a named motion and, in a
 * second sitting (one motion open per meeting), a secret one (votes.*), an electronic 票决 (projectVotes.cast), an electronic 测评 (polls.cast) and a paper 票决
 * in counting (projectVotes.paperEnter) — plus IMPORT_BODIES empty bodies for roster imports to land in.
 *
 * Every ballot is a fixed function of the voter (and every paper ballot of its place in the stack), so whichever
 * casts land before a kill, once every eligible member has voted exactly once the totals are known in advance —
 * without ever linking a secret ballot to its voter.
 */

export const DEPUTIES = 75;
export const SIGNED_IN = 52;
export const CANDIDATES = 6;
export const SEATS = 3;
export const EVAL_ITEMS = 5;
export const PAPER_BALLOTS = 30;
export const IMPORT_BODIES = 1;
export const IMPORT_ROWS = 80;

export interface Hall {
  meetingId: number;
  /** The signed-in members (eligible in every round), then the late ones the burst signs in. */
  eligible: number[];
  late: number[];
  named: number;
  secret: number;
  project: number;
  projectIds: number[];
  evaluation: number;
  paper: number;
  paperIds: number[];
  importBodies: number[];
  /** How long the roster import of DEPUTIES took at setup (parse in the worker and write): to aim a kill at one. */
  importMs: number;
}

const CHOICES = ['yes', 'yes', 'no', 'yes', 'abstain', 'no', 'yes'] as const;
const RATINGS = ['satisfied', 'basically', 'satisfied', 'unsatisfied'] as const;

/** The i-th eligible member's ballot in each round. */
export const namedChoice = (i: number) => CHOICES[i % CHOICES.length]!;
export const secretChoice = (i: number) => CHOICES[(i * 3 + 1) % CHOICES.length]!;
/** Three distinct candidates (indexes into the list). */
export const projectPicks = (i: number) => [i % CANDIDATES, (i + 1) % CANDIDATES, (i + 3) % CANDIDATES];
export const ratingsOf = (i: number) =>
  Array.from({ length: EVAL_ITEMS }, (_v, k) => RATINGS[(i + 2 * k) % RATINGS.length]!);
/** The k-th paper ballot of the stack (positions 1…CANDIDATES); every ninth marks four of three, void by the rules. */
export const paperPicks = (k: number) =>
  k % 9 === 8 ? [1, 2, 3, 4] : [1 + (k % CANDIDATES), 1 + ((k + 2) % CANDIDATES)];
export const paperKeys = (k: number) => paperPicks(k).join(' ');

/** The rows of the k-th import: IMPORT_ROWS people of its own (names unused by the hall or the other imports). */
export async function importFile(k: number): Promise<string> {
  const names = distinctNames(DEPUTIES + IMPORT_ROWS * (k + 1)).slice(DEPUTIES + IMPORT_ROWS * k);
  const rows: XlsxCell[][] = rosterRows(IMPORT_ROWS).map((r, i) => [
    r[0]!,
    names[i]!,
    ...r.slice(2, 7),
    `139${String(k * 1000 + i).padStart(8, '0')}`,
  ]);
  return b64(await buildXlsx([ROSTER_HEADERS, ...rows]));
}

export async function setUpHall(h: HostProcess): Promise<Hall> {
  const body = await ok<{ id: number }>(h, 'bodies.create', {
    kind: 'district_congress',
    name: '龙泉区人民代表大会',
    area: null,
    term: '第十八届',
  });
  const roster = b64(await rosterWorkbook(DEPUTIES));
  const importAt = performance.now();
  await ok(h, 'roster.importCommit', { bodyId: body.id, fileName: '名册.xlsx', contentBase64: roster });
  const importMs = performance.now() - importAt;
  const members = await ok<Member[]>(h, 'members.list', { bodyId: body.id });
  const ruleSetId = (await ok<RuleSet[]>(h, 'ruleSets.list', {})).find((r) => r.key === 'district_midyear_session')!.id;
  const meeting = await ok<Meeting>(h, 'meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId,
    title: '龙泉区第十八届人民代表大会第五次会议',
    date: '2026-03-10',
    startTime: '09:00',
    venue: '区人民会堂',
  });
  const eligible = members.slice(0, SIGNED_IN).map((m) => m.membershipId);
  const late = members.slice(SIGNED_IN).map((m) => m.membershipId);
  for (const membershipId of eligible)
    await ok(h, 'attendance.markOne', { meetingId: meeting.id, membershipId, status: 'present' });
  const agenda = async (kind: string, title: string) =>
    (await ok<{ id: number }>(h, 'agenda.add', { meetingId: meeting.id, kind, title })).id;
  const namedItem = await agenda('motion', '关于龙泉区2026年国民经济和社会发展计划的决议');
  const projectItem = await agenda('project_vote', '票决产生2026年度民生实事项目');
  const paperItem = await agenda('project_vote', '票决产生2026年度街道民生实事项目');
  const evalItem = await agenda('evaluation', '对专项工作报告进行满意度测评');
  const list = async (title: string) => {
    const l = await ok<ProjectList>(h, 'projectLists.create', {
      bodyId: body.id,
      year: 2026,
      title,
      seats: SEATS,
      sameYear: true,
    });
    for (let i = 0; i < CANDIDATES; i++) await ok(h, 'projects.add', { listId: l.id, name: `${title}第${i + 1}号` });
    await ok(h, 'projectLists.adopt', { id: l.id, by: 'directors', on: '2026-01-20', ref: '第十五次主任会议' });
    return l.id;
  };
  const projectList = await list('民生实事候选项目');
  const paperList = await list('街道民生实事候选项目');
  await ok(h, 'meetings.open', { id: meeting.id });

  // One motion at a time per meeting: the secret one is taken in a second sitting of the same deputies (the same day's 主席团会议 would do).
  const sitting = await ok<Meeting>(h, 'meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId,
    title: '龙泉区第十八届人民代表大会第五次会议（第二次全体会议）',
    date: '2026-03-10',
    startTime: '14:30',
    venue: '区人民会堂',
  });
  for (const membershipId of eligible)
    await ok(h, 'attendance.markOne', { meetingId: sitting.id, membershipId, status: 'present' });
  const secretItem = (
    await ok<{ id: number }>(h, 'agenda.add', {
      meetingId: sitting.id,
      kind: 'motion',
      title: '关于罢免某代表职务的决定',
    })
  ).id;
  await ok(h, 'meetings.open', { id: sitting.id });

  const named = await ok<Vote>(h, 'votes.create', {
    agendaItemId: namedItem,
    title: null,
    mode: 'electronic',
    secrecy: 'named',
  });
  await ok(h, 'votes.open', { id: named.id });
  const secret = await ok<Vote>(h, 'votes.create', {
    agendaItemId: secretItem,
    title: null,
    mode: 'electronic',
    secrecy: 'secret',
  });
  await ok(h, 'votes.open', { id: secret.id });
  const scrutiny = { scrutineers: ['王监票', '李监票'], counters: ['赵计票'] };
  const project = await ok<ProjectVote>(h, 'projectVotes.create', {
    listId: projectList,
    agendaItemId: projectItem,
    style: 'choose',
    mode: 'electronic',
    ...scrutiny,
  });
  await ok(h, 'projectVotes.open', { id: project.id });
  const paper = await ok<ProjectVote>(h, 'projectVotes.create', {
    listId: paperList,
    agendaItemId: paperItem,
    style: 'choose',
    mode: 'paper',
    ...scrutiny,
  });
  await ok(h, 'projectVotes.open', { id: paper.id });
  await ok(h, 'projectVotes.stopVoting', { id: paper.id });
  const items = Array.from({ length: EVAL_ITEMS }, (_v, i) => ({ kind: 'free', title: `第${i + 1}项专项工作报告` }));
  const evaluation = await ok<PollRound>(h, 'evaluations.create', {
    agendaItemId: evalItem,
    title: null,
    style: 'rating',
    mode: 'electronic',
    items,
    ...scrutiny,
  });
  await ok(h, 'polls.open', { id: evaluation.id });

  const importBodies: number[] = [];
  for (const area of ['鱼嘴镇', '复盛镇', '五宝镇'].slice(0, IMPORT_BODIES)) {
    importBodies.push(
      (
        await ok<{ id: number }>(h, 'bodies.create', {
          kind: 'township_congress',
          name: `${area}人民代表大会`,
          area,
          term: '第十八届',
        })
      ).id,
    );
  }
  const candidates = async (id: number) =>
    (await ok<ProjectList>(h, 'projectLists.get', { id })).projects.map((p) => p.id);
  return {
    meetingId: meeting.id,
    eligible,
    late,
    named: named.id,
    secret: secret.id,
    project: project.id,
    projectIds: await candidates(projectList),
    evaluation: evaluation.id,
    paper: paper.id,
    paperIds: await candidates(paperList),
    importBodies,
    importMs,
  };
}
