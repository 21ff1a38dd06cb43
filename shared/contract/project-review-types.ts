import type { ProjectStage } from '../domain/project-work';
import type { ProjectFile } from './project-files-api';

/**
 * What the 测评 of a livelihood project found, the 整改 that follow, and the year board (../shared/rules/README.md
 * §4–§5): the record of a chosen project after the 票决, as the clerk reads it.
 */

/** One 测评 (rating or score) of a project, as written when its round closed. */
export interface ProjectEvaluation {
  projectId: number;
  roundId: number;
  meetingId: number;
  heldOn: string;
  style: 'rating' | 'score';
  summary: EvaluationSummary;
  /** Not below the rule set's 整改 line (RatingRules.rectify / ScoreRules.rectify, frozen with the round). */
  passed: boolean;
}

/** The project's line of the round's result, kept as JSON in project_evaluations.summary. */
export type EvaluationSummary =
  | {
      style: 'rating';
      returned: number;
      satisfied: number;
      basically: number;
      unsatisfied: number;
      abstain: number;
      void: number;
      /** Hundredths over ballots returned, as announced. */
      satisfiedRate: number;
      combinedRate: number;
      /** The rate the rule set calls 满意率 (满意+基本满意, or 满意 alone), in hundredths, and as announced ("89.29%"). */
      satisfaction: number;
      satisfactionText: string;
      grade: 'satisfied' | 'basically' | 'unsatisfied' | null;
      /** Why it needs 整改, with the basis; null when it passed. */
      rectifyReason: string | null;
    }
  | {
      style: 'score';
      returned: number;
      n: number;
      /** Hundredths of a point (8513 = 85.13分); null with no valid score. */
      score: number | null;
      scoreText: string;
      rectifyReason: string | null;
    };

export const RECTIFICATION_STATES = ['open', 'overdue', 'closed', 'withdrawn'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];
export const rectificationStateLabels: Record<RectificationState, string> = {
  open: '整改中',
  overdue: '整改逾期',
  closed: '已整改（复评达标）',
  withdrawn: '已撤销',
};

export interface Rectification {
  id: number;
  projectId: number;
  projectName: string;
  listId: number;
  year: number;
  bodyId: number;
  department: string;
  /** The 测评 that opened it, and what it found. */
  openedByRoundId: number;
  openedOn: string;
  openedResult: string;
  deadline: string;
  requirement: string | null;
  response: string | null;
  respondedOn: string | null;
  status: 'open' | 'closed';
  /** open past its deadline: overdue; closed with no round that passed (the result that opened it was corrected): withdrawn. */
  state: RectificationState;
  overdue: boolean;
  closedByRoundId: number | null;
  closedOn: string | null;
  /** Why it was withdrawn (the 测评 that opened it no longer falls below the line), when it was. */
  withdrawn: string | null;
  createdAt: string;
  /** The department's documents (projectFiles stage 'rectification', recordId = this id). */
  files: ProjectFile[];
}

export const BOARD_FLAGS = ['behind', 'rectifyOpen', 'rectifyOverdue', 'changed', 'stopped', 'noPlan'] as const;
export type BoardFlag = (typeof BOARD_FLAGS)[number];
export const boardFlagLabels: Record<BoardFlag, string> = {
  behind: '进度滞后',
  rectifyOpen: '整改中',
  rectifyOverdue: '整改逾期',
  changed: '已变更',
  stopped: '已终止',
  noPlan: '未报计划',
};

/** A chosen project's state on the board: the one stage its record shows (../domain/project-work.ts). */
export type BoardState = ProjectStage;

export interface BoardRow {
  projectId: number;
  listId: number;
  /** The order the combined 票决 result gives (1 = first chosen). */
  position: number;
  number: number;
  name: string;
  department: string | null;
  category: string | null;
  budgetWan: number | null;
  plan: { lead: string | null; startOn: string | null; finishOn: string | null } | null;
  /** The last progress report: percent done and its date. */
  progress: { percent: number; reportedOn: string; spentWan: number | null } | null;
  /** Milestones past due and not done, as of the board's date. */
  lateMilestones: { title: string; dueOn: string }[];
  evaluation: {
    roundId: number;
    heldOn: string;
    style: 'rating' | 'score';
    text: string;
    satisfaction: number | null;
    score: number | null;
    passed: boolean;
  } | null;
  rectification: { id: number; deadline: string; overdue: boolean; responded: boolean } | null;
  /** Decisions of the congress or its standing committee that took effect (the linked motion passed). */
  decisions: { kind: 'change' | 'stop'; summary: string; pollId: number }[];
  state: BoardState;
  flags: BoardFlag[];
}

export interface BoardList {
  id: number;
  title: string;
  seats: number;
  chosen: number;
  unfilled: number;
  /** "确定10项，应选10项" or, with seats left unfilled, "确定9项，应选10项，1项空缺". */
  text: string;
}

export interface YearBoard {
  bodyId: number;
  bodyName: string;
  year: number;
  /** The date flags are judged on (overdue, behind schedule). */
  asOf: string;
  lists: BoardList[];
  rows: BoardRow[];
  /** How many rows carry each flag. */
  flagCounts: Record<BoardFlag, number>;
  /** Seats the year's lists leave unfilled in all. */
  unfilled: number;
}

export interface TrendCell {
  year: number;
  projects: number;
  budgetWan: number;
  /** Mean of the projects' latest 满意率, in hundredths; null when none was rated. */
  satisfaction: number | null;
  rated: number;
  rectifications: number;
}

export interface TrendLine {
  /** The department or category; "（未填写）" when the projects have none. */
  key: string;
  cells: TrendCell[];
}

export interface YearTrends {
  bodyId: number;
  fromYear: number;
  toYear: number;
  years: number[];
  total: TrendCell[];
  byDepartment: TrendLine[];
  byCategory: TrendLine[];
}
