import type { RatingMark, RatingResult, ScoreResult } from '../domain/evaluation';
import type { RoundMode, RoundStatus, RoundStep } from '../domain/poll-states';
import type { RoundResult } from '../domain/projects';
import type { MotionResult, PassBase, Share } from '../domain/rules';
import type { VoteSnapshot } from './meeting-types';

/**
 * One poll engine for every vote (issue 9): a poll belongs to an agenda item and has rounds; motions (表决),
 * 民生实事项目票决 and 满意度测评 are kinds of poll, each with its ballot style. A round's id is the id the older
 * `votes.*` and `projectVotes.*` methods take.
 */
export const POLL_KINDS = ['motion', 'project_vote', 'evaluation'] as const;
export type PollKind = (typeof POLL_KINDS)[number];
export const pollKindLabels: Record<PollKind, string> = {
  motion: '表决',
  project_vote: '民生实事项目票决',
  evaluation: '满意度测评',
};

export const POLL_STYLES = ['motion', 'choose', 'approve', 'rank', 'rating', 'score'] as const;
export type PollStyle = (typeof POLL_STYLES)[number];
export const pollStyleLabels: Record<PollStyle, string> = {
  motion: '赞成/反对/弃权',
  choose: '勾选不超过应选数',
  approve: '逐项赞成/反对/弃权',
  rank: '排序',
  rating: '满意/基本满意/不满意',
  score: '百分制评分',
};

export const EVALUATION_STYLES = ['rating', 'score'] as const;
export type EvaluationStyle = (typeof EVALUATION_STYLES)[number];
export const EVALUATION_MODES = ['electronic', 'paper'] as const;

export const EVALUATION_ITEM_KINDS = ['project', 'report', 'suggestion', 'motion_handling', 'free'] as const;
export type EvaluationItemKind = (typeof EVALUATION_ITEM_KINDS)[number];
export const evaluationItemKindLabels: Record<EvaluationItemKind, string> = {
  project: '民生实事项目',
  report: '专项工作报告',
  suggestion: '代表建议办理情况',
  motion_handling: '议案办理情况',
  free: '其他',
};

/** One item on a 测评 ballot, in ballot order. `refId` links a project (projects.id) or a report (agenda_items.id). */
export interface PollItem {
  id: number;
  position: number;
  kind: EvaluationItemKind;
  refId: number | null;
  /** The number of a suggestion or motion (建议第12号), as printed. */
  number: string | null;
  title: string;
  department: string | null;
}

export type RoundKind = 'first' | 'revote' | 'runoff' | 'retake';
export type PollResult = MotionResult | RoundResult | RatingResult | ScoreResult;

/** A round of a poll as every screen reads it. The result exists only once the round is closed. */
export interface PollRound {
  id: number;
  pollId: number;
  meetingId: number;
  agendaItemId: number;
  kind: PollKind;
  style: PollStyle;
  title: string;
  round: number;
  previousRoundId: number | null;
  roundKind: RoundKind;
  mode: RoundMode;
  secrecy: 'named' | 'secret';
  status: RoundStatus;
  /** 测评: the items on the ballot. 票决 rounds name their candidates in `candidateIds`. */
  items: PollItem[];
  candidateIds: number[];
  listId: number | null;
  seats: number | null;
  pass: (Share & { base: PassBase; basis: string }) | null;
  snapshot: VoteSnapshot | null;
  expected: number | null;
  present: number | null;
  issued: number | null;
  /** Ballots (or votes) received so far; paper rounds count the first clerk's keyed stack. Never a tally. */
  returned: number;
  scrutineers: string[];
  counters: string[];
  /** The steps the console may offer now (shared/domain/poll-states.ts). */
  steps: RoundStep[];
  result: PollResult | null;
  announcement: string | null;
  openedAt: string | null;
  closedAt: string | null;
}

/** An electronic ballot, by style: a motion's choice, 票决 marks (project ids), or a 测评's marks per item. */
export interface CastBallot {
  choice?: 'yes' | 'no' | 'abstain';
  marks?: { yes: number[]; no: number[]; abstain: number[]; ranks?: number[] };
  ratings?: (RatingMark | null)[];
  scores?: (number | null)[];
}

/** A count sheet's line for one item: counts by option (赞成/反对/弃权, or 满意/基本满意/不满意/弃权). */
export interface SheetLine {
  position: number;
  counts: Partial<Record<SheetField, number>>;
}
export const SHEET_FIELDS = ['yes', 'no', 'abstain', 'satisfied', 'basically', 'unsatisfied'] as const;
export type SheetField = (typeof SHEET_FIELDS)[number];
export const sheetFieldLabels: Record<SheetField, string> = {
  yes: '赞成',
  no: '反对',
  abstain: '弃权',
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
};

export interface SheetMismatch {
  position: number;
  title: string;
  field: SheetField;
  sheet: number;
  ballots: number;
}

/** The two clerks' keyed stacks compared, and the count sheet reconciled against the first. Paper rounds only. */
export interface PollComparison {
  first: number;
  second: number;
  differences: { seq: number; first: string | null; second: string | null }[];
  agreed: boolean;
  sheet: SheetLine[];
  sheetMismatches: SheetMismatch[];
}

/** An independent recount of a closed round from its stored ballots and counts, against the result on record. */
export interface Recount {
  id: number;
  matches: boolean;
  returned: number;
  /** Where the recount differs from the record, in Chinese; empty when it matches. */
  differences: string[];
}
