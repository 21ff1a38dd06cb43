import type {
  AgendaItem,
  Body,
  Meeting,
  Member,
  PaperBatch,
  Project,
  ProjectList,
  ProjectVote,
  RuleSet,
} from '../../shared/contract';
import type { BallotStyle } from '../../shared/domain/projects';
import { ROSTER_HEADERS, b64, buildXlsx, createBody, rosterRows, type TempRuntime } from './helpers';

/**
 * A 民生实事项目票决 set up through the API, for the project tests and the benchmarks: a congress with its deputies
 * (imported from a real .xlsx), some of them signed in, an open meeting with a 票决 agenda item, a candidate list
 * and its first round.
 */
export interface ProjectVoteSetup {
  body: Body;
  deputies: Member[];
  /** The deputies signed in before the meeting opened. */
  present: Member[];
  meeting: Meeting;
  item: AgendaItem;
  list: ProjectList;
  projects: Project[];
  vote: ProjectVote;
}

export interface SetupOptions {
  deputies: number;
  /** Signed in before the meeting opens; all deputies by default. */
  present?: number;
  /** Candidate names, or how many generic candidates. */
  projects: string[] | number;
  seats: number;
  style: BallotStyle;
  mode: 'paper' | 'electronic';
  /** Open the round (which locks the list); true by default. */
  open?: boolean;
  bodyName?: string;
  year?: number;
  /** A 街道议事代表会议 instead of a district congress, with its builtin rule set or the one given. */
  council?: { area: string; ruleSetId?: number };
}

/** Deputies imported in one call from a real spreadsheet, returned in the roster's order. */
export async function importDeputies(t: TempRuntime, bodyId: number, n: number): Promise<Member[]> {
  const file = await buildXlsx([ROSTER_HEADERS, ...rosterRows(n)], { title: '代表名册' });
  await t.ok('roster.importCommit', { bodyId, fileName: '代表名册.xlsx', contentBase64: b64(file) });
  return (await t.ok('members.list', { bodyId })) as Member[];
}

export const projectName = (i: number) => `第${i + 1}号民生实事候选项目`;

export async function setupProjectVote(t: TempRuntime, o: SetupOptions): Promise<ProjectVoteSetup> {
  const year = o.year ?? 2025;
  const council = o.council;
  const body = council
    ? await createBody(t, o.bodyName ?? `${council.area}议事代表会议`, 'street_council', council.area)
    : await createBody(t, o.bodyName ?? '江北区人民代表大会', 'district_congress');
  const deputies = await importDeputies(t, body.id, o.deputies);
  const present = deputies.slice(0, o.present ?? o.deputies);
  const ruleSets = (await t.ok('ruleSets.list', {})) as RuleSet[];
  const ruleSetId =
    council?.ruleSetId ?? ruleSets.find((r) => r.key === (council ? 'street_council' : 'district_midyear_session'))!.id;
  const created = (await t.ok('meetings.create', {
    bodyId: body.id,
    kind: council ? 'street_council' : 'district_midyear',
    ruleSetId,
    title: `${body.name}${year}年会议`,
    date: `${year}-02-18`,
  })) as Meeting;
  for (const m of present)
    await t.ok('attendance.mark', { meetingId: created.id, membershipId: m.membershipId, status: 'present' });
  const item = (await t.ok('agenda.add', {
    meetingId: created.id,
    kind: 'project_vote',
    title: `票决产生${year}年度民生实事项目`,
  })) as AgendaItem;
  const names =
    typeof o.projects === 'number' ? Array.from({ length: o.projects }, (_, i) => projectName(i)) : o.projects;
  const list0 = (await t.ok('projectLists.create', {
    bodyId: body.id,
    year,
    title: `${year}年度民生实事候选项目`,
    seats: o.seats,
  })) as ProjectList;
  for (const name of names) await t.ok('projects.add', { listId: list0.id, name });
  // Only a list adopted by 主任会议 or 常委会 can be voted on (rules §4).
  await adoptList(t, list0.id, `${year}-01-20`);
  const meeting = (await t.ok('meetings.open', { id: created.id })) as Meeting;
  let vote = (await t.ok('projectVotes.create', {
    listId: list0.id,
    agendaItemId: item.id,
    style: o.style,
    mode: o.mode,
    scrutineers: ['王监票', '李监票'],
    counters: ['赵计票'],
  })) as ProjectVote;
  if (o.open ?? true) vote = (await t.ok('projectVotes.open', { id: vote.id })) as ProjectVote;
  const list = (await t.ok('projectLists.get', { id: list0.id })) as ProjectList;
  return { body, deputies, present, meeting, item, list, projects: list.projects, vote };
}

/** Adopt a candidate list as 主任会议 would, the step before its 票决 can be arranged. */
export async function adoptList(t: TempRuntime, listId: number, on = '2025-01-20'): Promise<ProjectList> {
  return (await t.ok('projectLists.adopt', {
    id: listId,
    by: 'directors',
    on,
    ref: '第十五次主任会议',
  })) as ProjectList;
}

/** A paper ballot as keyed: the keys ("3 5 12", "-4 /6"), or void (作废). */
export type PaperKeys = string | { void: true };

export async function enterPaper(
  t: TempRuntime,
  voteId: number,
  ballots: PaperKeys[],
  batches: (1 | 2)[] = [1, 2],
): Promise<PaperBatch> {
  let last: PaperBatch | undefined;
  for (const batch of batches) {
    for (const b of ballots) {
      last = (await t.ok(
        'projectVotes.paperEnter',
        typeof b === 'string' ? { id: voteId, batch, keys: b } : { id: voteId, batch, void: true },
      )) as PaperBatch;
    }
  }
  return last!;
}
