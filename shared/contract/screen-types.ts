import type { RatingResult, ScoreResult } from '../domain/evaluation';
import type { BallotStyle, RoundResult } from '../domain/projects';
import type { MotionResult } from '../domain/rules';
import type { AgendaKind, AttendanceSummary, VoteMode, VoteSecrecy, VoteStatus } from './meeting-types';
import type { ProjectVoteMode, ProjectVoteStatus } from './project-types';

export const SCREEN_MODES = ['blank', 'message', 'meeting', 'vote', 'projectVote', 'evaluation'] as const;
export type ScreenMode = (typeof SCREEN_MODES)[number];
export const screenModeLabels: Record<ScreenMode, string> = {
  blank: '黑屏',
  message: '文字通知',
  meeting: '会议与出席',
  vote: '表决',
  projectVote: '项目票决',
  evaluation: '满意度测评',
};

export interface ScreenState {
  mode: ScreenMode;
  meetingId: number | null;
  agendaItemId: number | null;
  voteId: number | null;
  projectVoteId: number | null;
  /** The 测评 round on the screen (mode 'evaluation'). */
  roundId: number | null;
  message: string | null;
  countdownEndsAt: string | null;
  /** The clerk pressed 公布: the closed vote's result may be shown. */
  revealed: boolean;
  updatedAt: string;
}

/**
 * Everything the projector draws, computed by the host. A result is present only when the vote is closed AND
 * the clerk has pressed 公布; while a vote is open the projector gets progress and nothing else.
 */
export interface ScreenView {
  state: ScreenState;
  meeting: {
    id: number;
    title: string;
    session: string | null;
    bodyName: string;
    date: string;
    venue: string | null;
    status: string;
    agenda: { id: number; position: number; title: string; kind: AgendaKind }[];
  } | null;
  currentItem: { id: number; position: number; title: string } | null;
  attendance: (AttendanceSummary & { noun: string }) | null;
  vote: {
    id: number;
    title: string;
    round: number;
    mode: VoteMode;
    secrecy: VoteSecrecy;
    status: VoteStatus;
    cast: number;
    eligible: number;
    result: MotionResult | null;
    announcement: string | null;
  } | null;
  projectVote: {
    id: number;
    listTitle: string;
    style: BallotStyle;
    /** Paper rounds count keyed ballots (第一批) as `returned` while counting. */
    mode: ProjectVoteMode;
    round: number;
    seats: number;
    status: ProjectVoteStatus;
    returned: number;
    present: number;
    result: RoundResult | null;
    /** Candidate id → "3号 城区老旧小区改造". */
    names: Record<number, string>;
    announcement: string | null;
    /** The list's whole count after this round, once revealed: seats left unfilled are shown as unfilled. */
    count?: { seats: number; filled: number; unfilled: number; summary: string } | null;
  } | null;
  evaluation: {
    id: number;
    title: string;
    style: 'rating' | 'score';
    mode: 'electronic' | 'paper';
    round: number;
    status: ProjectVoteStatus;
    /** 已投 (electronic) or keyed (paper, while counting). */
    returned: number;
    present: number;
    items: { position: number; title: string }[];
    /** Only when closed and 公布. */
    result: RatingResult | ScoreResult | null;
    announcement: string | null;
  } | null;
  serverTime: string;
}

/** A display the desktop app can put the projector window on. */
export interface DisplayInfo {
  id: number;
  label: string;
  width: number;
  height: number;
  primary: boolean;
  /** The projector window is on this display now. */
  hasProjector: boolean;
}
