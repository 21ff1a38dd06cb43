import type { MeetingKind, MotionResult, QuorumCheck, RuleSetRules, TwoBoxRoll } from '../domain/rules';
import type { BodyKind } from './types';

export type { MeetingKind, RuleSetRules } from '../domain/rules';
export { MEETING_KINDS, meetingKindLabels, BUILTIN_RULE_SETS } from '../domain/rules';

export interface RuleSet {
  id: number;
  /** Key of a shipped rule set; null for a clerk's copy. */
  key: string | null;
  name: string;
  meetingKind: MeetingKind;
  builtin: boolean;
  basedOn: number | null;
  rules: RuleSetRules;
}

export const MEETING_STATUSES = ['preparing', 'open', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const meetingStatusLabels: Record<MeetingStatus, string> = {
  preparing: '筹备',
  open: '进行中',
  closed: '已结束',
};

export const AGENDA_KINDS = ['report', 'motion', 'project_vote', 'evaluation', 'inquiry'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
export const agendaKindLabels: Record<AgendaKind, string> = {
  report: '听取报告',
  motion: '表决事项',
  project_vote: '民生实事票决',
  evaluation: '满意度测评',
  inquiry: '专题询问',
};

export interface AgendaDocument {
  id: number;
  itemId: number;
  fileName: string;
  size: number;
  sha256: string;
  addedAt: string;
}

export interface AgendaItem {
  id: number;
  meetingId: number;
  position: number;
  kind: AgendaKind;
  title: string;
  notes: string | null;
  documents: AgendaDocument[];
}

export interface Meeting {
  id: number;
  bodyId: number;
  bodyName: string;
  bodyKind: BodyKind;
  kind: MeetingKind;
  ruleSetId: number;
  ruleSetName: string;
  rules: RuleSetRules;
  /** 届次会次, e.g. 第三届第二次. */
  session: string | null;
  title: string;
  date: string;
  startTime: string | null;
  endTime: string | null;
  venue: string | null;
  year: number;
  /** 1–4 for a 镇人大季会. */
  quarter: number | null;
  /** The congress's annual session: always for a 区人大年度会议; a 镇人大季会 marked as the annual one (季会制). */
  annualSession: boolean;
  status: MeetingStatus;
  openedAt: string | null;
  closedAt: string | null;
  /** Reason given when the clerk opened the meeting below quorum. */
  quorumOverride: string | null;
  agenda: AgendaItem[];
}

export const ATTENDANCE_STATUSES = ['pending', 'present', 'leave', 'absent', 'left'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const attendanceLabels: Record<AttendanceStatus, string> = {
  pending: '未签到',
  present: '出席',
  leave: '请假',
  absent: '缺席',
  left: '离场',
};

export interface AttendanceRow {
  membershipId: number;
  name: string;
  pinyin: string;
  initials: string;
  seatNo: string | null;
  constituency: string | null;
  status: AttendanceStatus;
  reason: string | null;
  signedInAt: string | null;
  leftAt: string | null;
  /** Signed in after the meeting opened (补签到). */
  late: boolean;
}

export interface AttendanceSummary {
  expected: number;
  present: number;
  leave: number;
  absent: number;
  pending: number;
  left: number;
  quorum: QuorumCheck & { basis: string };
}

export interface Attendance {
  meetingId: number;
  noun: string;
  rows: AttendanceRow[];
  summary: AttendanceSummary;
}

/** One member's sign-in as changed, with the meeting's summary after it (attendance.markOne). */
export interface AttendanceChange {
  meetingId: number;
  row: AttendanceRow;
  summary: AttendanceSummary;
}

/**
 * The attendance.changed event. present, expected and leave are what a hall screen needs; row and summary (the
 * member whose sign-in changed, and the summary after it) let a sign-in sheet patch itself instead of refetching.
 */
export interface AttendanceChangedPayload extends AttendanceChange {
  present: number;
  expected: number;
  leave: number;
}

export const VOTE_MODES = ['electronic', 'hands', 'paper'] as const;
export type VoteMode = (typeof VOTE_MODES)[number];
export const voteModeLabels: Record<VoteMode, string> = { electronic: '电子表决', hands: '举手表决', paper: '纸质票' };
export const VOTE_SECRECY = ['named', 'secret'] as const;
export type VoteSecrecy = (typeof VOTE_SECRECY)[number];
export const voteSecrecyLabels: Record<VoteSecrecy, string> = { named: '记名', secret: '无记名' };
export const VOTE_STATUSES = ['pending', 'open', 'closed'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];
export const voteStatusLabels: Record<VoteStatus, string> = { pending: '未开始', open: '表决中', closed: '已结束' };
export const CHOICES = ['yes', 'no', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];
export const choiceLabels: Record<Choice, string> = { yes: '赞成', no: '反对', abstain: '弃权' };

export interface VoteSnapshot {
  expected: number;
  present: number;
  quorum: QuorumCheck;
  ruleSetName: string;
  rules: RuleSetRules;
  noun: string;
  /** A motion under the double threshold: 应到/实到 of the 人大代表 box (1) and of the other 议事代表 (box 0). */
  boxes?: TwoBoxRoll;
}

export interface Vote {
  id: number;
  meetingId: number;
  agendaItemId: number;
  title: string;
  mode: VoteMode;
  secrecy: VoteSecrecy;
  /** 1 for the first round; a re-vote of the same item is round 2, 3… and earlier rounds stay on record. */
  round: number;
  previousVoteId: number | null;
  status: VoteStatus;
  snapshot: VoteSnapshot | null;
  /** Ballots received so far (electronic) — never the running tally. */
  cast: number;
  eligible: number;
  /** Only once the vote is closed. */
  result: MotionResult | null;
  announcement: string | null;
  openedAt: string | null;
  closedAt: string | null;
}

/** A named vote's roll call, available once it is closed. */
export interface VoteRollEntry {
  membershipId: number;
  name: string;
  choice: Choice | null;
}

/** Which bodies hold which kind of meeting. A 年中会议 is held by the congress, or as an enlarged standing-committee meeting. */
export const meetingBodyKinds: Record<MeetingKind, BodyKind[]> = {
  district_midyear: ['district_congress', 'standing_committee'],
  standing_committee: ['standing_committee'],
  street_council: ['street_council'],
  township_quarterly: ['township_congress'],
  district_annual: ['district_congress'],
};
