export * from './api';
export * from './errors';
export * from './types';
export * from './validate';
export { fieldLabels, labelOfPath } from './labels';
export * from './bridge';
export * from './meeting-types';
export * from './project-types';
export * from './poll-types';
export * from './screen-types';
export * from './audit-labels';
export {
  PROJECT_FILE_STAGES,
  projectFileStageLabels,
  type ProjectFile,
  type ProjectFileStage,
} from './project-files-api';
export * from './project-work-types';
export { projectStageLabels } from '../domain/project-work';
export { timelineKindLabels } from '../domain/project-timeline';
export * from './project-review-types';
export {
  SETTLE_DECISIONS,
  settleDecisionLabels,
  type SettleDecision,
  type ListResult,
  type ListResultRound,
  type SettleResult,
} from './project-results-api';
export type {
  MeetingMinutes,
  MinutesItem,
  ResultDocument,
  ResultDocumentKind,
  ResultTable,
} from './result-documents-api';
export type { FingerprintCheck, FingerprintStatus, FingerprintSubject, ResultFingerprint } from './fingerprints-api';
export {
  BACKUP_REASONS,
  backupReasonLabels,
  type BackupInfo,
  type BackupList,
  type BackupReason,
  type RestoreScheduled,
} from './backup-api';
export {
  PACKAGE_EXTENSION,
  type PackageChange,
  type PackageImported,
  type PackagePreview,
  type PackageResolution,
  type PackageSummary,
} from './meeting-package-api';
export type {
  BallotPaper,
  CountSheet,
  CountSheetLine,
  DocumentHead,
  PaperItem,
  SignInSheet,
  SignInSheetRow,
} from './documents-api';
export {
  MAX_REHEARSAL_TERMINALS,
  REHEARSAL_KINDS,
  rehearsalKindLabels,
  type RehearsalKind,
  type RehearsalStatus,
} from './rehearsal-api';
export type { CredentialInfo, CredentialState, DeskInfo, DeskLink, LanStatus, Slip, SlipSheet } from './lan-admin-api';
