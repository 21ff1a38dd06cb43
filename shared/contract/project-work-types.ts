import type { MotionResult } from '../domain/rules';
import type { TimelineKind } from '../domain/project-timeline';
import type { ProjectStage } from '../domain/project-work';
import type { ProjectFile } from './project-files-api';

export type { ProjectStage } from '../domain/project-work';
export type { TimelineKind } from '../domain/project-timeline';

/** Implementation of a chosen 民生实事项目 (../shared/rules/README.md §4): plan, milestones, progress, 视察/督查, decisions. */

export interface ProjectPlan {
  projectId: number;
  /** 责任单位 */
  department: string;
  /** 责任人 */
  lead: string | null;
  budgetWan: number | null;
  startOn: string | null;
  finishOn: string | null;
  updatedAt: string;
}

export interface ProjectMilestone {
  id: number;
  projectId: number;
  position: number;
  title: string;
  dueOn: string;
  doneOn: string | null;
}

export interface ProgressReport {
  id: number;
  projectId: number;
  reportedOn: string;
  /** 完成进度 0–100 */
  percent: number;
  /** 累计完成投资（万元） */
  spentWan: number | null;
  text: string;
  /** Why the percent is lower than the report before it (a correction); null otherwise. */
  loweredReason: string | null;
  files: ProjectFile[];
  createdAt: string;
}

export const INSPECTION_KINDS = ['inspection', 'supervision'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const inspectionKindLabels: Record<InspectionKind, string> = { inspection: '代表视察', supervision: '督查' };

export interface ProjectInspection {
  id: number;
  projectId: number;
  kind: InspectionKind;
  heldOn: string;
  participants: string[];
  findings: string;
  files: ProjectFile[];
  createdAt: string;
}

export const DECISION_KINDS = ['change', 'stop'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const decisionKindLabels: Record<DecisionKind, string> = { change: '变更', stop: '终止' };

/** A decision's state, read from its motion's latest round: never a copy that could go stale. */
export type DecisionStatus = 'pending' | 'voting' | 'passed' | 'failed';
export const decisionStatusLabels: Record<DecisionStatus, string> = {
  pending: '待表决',
  voting: '表决中',
  passed: '通过',
  failed: '未通过',
};

export interface ProjectDecision {
  id: number;
  projectId: number;
  kind: DecisionKind;
  summary: string;
  /** The motion (a poll on the engine) and its latest round, which `votes.get` reads. */
  pollId: number;
  voteId: number;
  title: string;
  meetingId: number;
  meetingTitle: string;
  bodyName: string;
  agendaItemId: number;
  agendaTitle: string;
  status: DecisionStatus;
  /** Once the motion's latest round is closed. */
  result: MotionResult | null;
  announcement: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** An agenda item that reports on the project (听取民生实事项目进展报告 at a 年中会议). */
export interface ProjectAgendaLink {
  agendaItemId: number;
  agendaTitle: string;
  meetingId: number;
  meetingTitle: string;
  meetingDate: string;
  bodyName: string;
}

/** A project an agenda item reports on, as the meeting's agenda shows it. */
export interface AgendaProject {
  projectId: number;
  name: string;
  number: number;
  listId: number;
  listTitle: string;
  year: number;
  department: string | null;
}

/** One project's whole record across its year. */
export interface ProjectRecord {
  id: number;
  listId: number;
  listTitle: string;
  year: number;
  bodyId: number;
  bodyName: string;
  number: number;
  name: string;
  /** As on the candidate list; the plan's department once there is one. */
  department: string | null;
  budgetWan: number | null;
  summary: string | null;
  location: string | null;
  /** Chosen by the list's 票决. */
  chosen: boolean;
  stage: ProjectStage;
  stageLabel: string;
  /** The summary of the passed change, when the stage is 已变更. */
  changedSummary: string | null;
  plan: ProjectPlan | null;
  milestones: ProjectMilestone[];
  progress: ProgressReport[];
  inspections: ProjectInspection[];
  decisions: ProjectDecision[];
  agenda: ProjectAgendaLink[];
  /** The latest progress report's percent, or null. */
  percent: number | null;
}

export interface TimelineEntry {
  /** yyyy-MM-dd */
  date: string;
  kind: TimelineKind;
  /** The kind in Chinese (候选, 票决, 计划…). */
  kindLabel: string;
  title: string;
  detail: string;
  /** A console path (without #/) to the thing itself: a meeting, a 票决 round, the record's section. */
  link: string | null;
}
