import type { BallotStyle, BatchDifference, RoundResult, TotalsMismatch } from '../domain/projects';
import type { ListAdoption, ProjectOrigin, ScreeningState } from '../domain/project-screening';
import type { PassBase, Share } from '../domain/rules';

export type { BallotStyle } from '../domain/projects';
export {
  ADOPTION_BODIES,
  PROJECT_ORIGINS,
  SCREENING_STATES,
  SCREENING_STEPS,
  adoptionBodyLabels,
  adoptionText,
  projectOriginLabels,
  screeningLabels,
  type AdoptionBody,
  type ListAdoption,
  type ProjectOrigin,
  type ScreeningState,
} from '../domain/project-screening';

/** 类型 as the year-over-year view groups them: a suggested list; other words are allowed. */
export const PROJECT_CATEGORIES = ['教育', '养老', '医疗', '交通', '就业', '环境', '文体', '其他'] as const;

export interface Project {
  id: number;
  listId: number;
  /** The number printed on the ballot. */
  number: number;
  name: string;
  department: string | null;
  budgetWan: number | null;
  summary: string | null;
  location: string | null;
  source: string | null;
  origin: ProjectOrigin | null;
  /** A deputy's name, a department, 民情联络员（131名，846条意见）. */
  proposer: string | null;
  /** 类型: 教育, 养老, 交通… */
  category: string | null;
  /** Only 确定为候选 projects go on the ballot. */
  screening: ScreeningState;
  /** Required for 未入选. */
  rejectedReason: string | null;
  /** The step a 未入选 project was refused at: going back a step restores it. */
  rejectedFrom: ScreeningState | null;
}

export interface ProjectList {
  id: number;
  bodyId: number;
  bodyName: string;
  year: number;
  title: string;
  /** 应选 N. */
  seats: number;
  /** Locked once any round has opened: the candidates on the ballot cannot change. */
  locked: boolean;
  projects: Project[];
  /** 差额: 确定为候选 projects beyond the seats. */
  margin: number;
  /** The recorded decision that fixed the candidates; null until adopted. Only an adopted list can be voted on. */
  adoption: ListAdoption | null;
  /** How many projects are at each screening state. */
  screeningCounts: Record<ScreeningState, number>;
}

export const PROJECT_VOTE_MODES = ['electronic', 'paper'] as const;
export type ProjectVoteMode = (typeof PROJECT_VOTE_MODES)[number];
export const projectVoteModeLabels: Record<ProjectVoteMode, string> = { electronic: '电子选票', paper: '纸质选票' };

export type ProjectVoteStatus = 'pending' | 'open' | 'counting' | 'closed';
export const projectVoteStatusLabels: Record<ProjectVoteStatus, string> = {
  pending: '未开始',
  open: '投票中',
  counting: '计票中',
  closed: '已结束',
};

export interface ProjectVote {
  id: number;
  listId: number;
  meetingId: number;
  agendaItemId: number;
  round: number;
  previousVoteId: number | null;
  /** Why this round exists: the first vote, a runoff after a tie, or a retake after a void round. */
  kind: 'first' | 'runoff' | 'retake';
  style: BallotStyle;
  mode: ProjectVoteMode;
  seats: number;
  /** Candidates on this round's ballot, in ballot order (a runoff has only the tied ones). */
  candidateIds: number[];
  pass: Share & { base: PassBase; basis: string };
  status: ProjectVoteStatus;
  expected: number | null;
  present: number | null;
  /** 发出 */
  issued: number | null;
  /** Ballots received so far — never the tally while voting. */
  returned: number;
  scrutineers: string[];
  counters: string[];
  /** Only once closed. */
  result: RoundResult | null;
  /** 公告 text, once closed. */
  announcement: string | null;
  openedAt: string | null;
  closedAt: string | null;
}

export interface PaperBallot {
  batch: 1 | 2;
  seq: number;
  void: boolean;
  /** As the clerk keyed it: "3 5 12", "-4 /6", "作废". */
  text: string;
  /** Set when the ballot is void by the rules (e.g. more than N marked). */
  voidReason: string | null;
}

export interface PaperBatch {
  batch: 1 | 2;
  count: number;
  valid: number;
  void: number;
  /** The last few ballots, newest first, so the clerk sees what was just keyed. */
  recent: PaperBallot[];
  nextSeq: number;
}

export interface PaperComparison {
  first: number;
  second: number;
  differences: (Omit<BatchDifference, 'first' | 'second'> & { first: string | null; second: string | null })[];
  /** True when both batches have the same number of ballots and no difference. */
  agreed: boolean;
  totalsMismatches: TotalsMismatch[];
  /** The count sheet as entered (计票单), so it can be shown and corrected after a reload. */
  sheet: { projectId: number; yes: number; no: number; abstain: number }[];
}
