import path from 'node:path';
import { version } from '../../package.json';
import type { MethodName, Output, ParsedInput } from '../../shared/contract';
import { DB_FILE_NAME, schemaVersion } from '../db/open';
import { registerHandlers, type GroupedWrite, type TwoStepWrite } from './change';
import type { CallContext, ServiceDeps } from './context';
import { readAttendanceSummary, attendanceService, rollAtOpen } from './attendance';
import { auditService } from './audit';
import { backupKeeper, backupService, type BackupKeeper } from './backup';
import { documentService } from './documents';
import { exportService } from './exports';
import { meetingPackageService } from './meeting-package';
import { fingerprintService } from './fingerprints';
import { credentialStore, type CredentialStore } from './lan-credentials';
import { LanControl } from './lan-control';
import { resultDocumentService } from './documents-results';
import { ensureBuiltinRuleSets, meetingService } from './meetings';
import { projectFileService } from './project-files';
import { projectBoardService } from './project-board';
import { projectReviewService } from './project-review';
import { projectListService } from './project-lists';
import { pollMethods } from './poll-methods';
import { pollEngine } from './polls';
import { projectVoteService } from './project-votes';
import { projectTimelineService } from './project-timeline';
import { projectWorkService } from './project-work';
import { projectResultService } from './project-results';
import { RehearsalControl, rehearsalService } from './rehearsal';
import { rosterService } from './roster';
import { screenService, type DesktopPort } from './screen';
import { voteService } from './votes';

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: CallContext) => Output<M> | Promise<Output<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };
/** What a service module supplies for a method: a function, or for a write that reads a file first, a two-step write. */
type RawHandlers = {
  [M in MethodName]:
    | ((input: ParsedInput<M>, ctx: never) => Output<M> | Promise<Output<M>>) // eslint-disable-next-line @typescript-eslint/no-explicit-any -- what a two-step write reads first is its own business
    | TwoStepWrite<ParsedInput<M>, any, Output<M>>
    | GroupedWrite<ParsedInput<M>, Output<M>>;
};

/** Every method of the contract bound to its service function. The transports call only this table. */
export function createHandlers(
  deps: ServiceDeps & {
    desktop?: DesktopPort;
    backups?: BackupKeeper;
    lan?: LanControl;
    rehearsals?: RehearsalControl;
    onServices?: (s: { engine: ReturnType<typeof pollEngine>; credentials: CredentialStore }) => void;
  },
) {
  ensureBuiltinRuleSets(deps.db);
  const backups = deps.backups ?? backupKeeper(deps);
  const engine = pollEngine(deps);
  // The hall's network: credentials and the switch of the LAN listener, which the host attaches (./lan-control.ts).
  const credentials = credentialStore(deps, deps.lan ?? new LanControl());
  deps.onServices?.({ engine, credentials });
  const raw = {
    'system.info': () => ({
      app: '议事台',
      version,
      schemaVersion: schemaVersion(deps.db),
      dataDir: deps.dataDir,
      dbFile: path.join(deps.dataDir, DB_FILE_NAME),
      transport: deps.transport,
      startedAt: deps.startedAt,
    }),
    ...auditService(deps, engine),
    ...rosterService(deps),
    ...meetingService(
      deps,
      (m) => ({ ...readAttendanceSummary(deps.db, m).quorum, roll: rollAtOpen(deps.db, m) }),
      (event) => void backups.afterSitting(event),
    ),
    ...attendanceService(deps),
    ...voteService(deps, engine),
    ...projectListService(deps),
    ...projectFileService(deps),
    ...projectVoteService(deps, engine),
    ...pollMethods(deps, engine),
    ...screenService(deps, engine),
    ...projectWorkService(deps, engine),
    ...projectTimelineService(deps, engine),
    ...projectReviewService(deps),
    ...projectBoardService(deps),
    ...projectResultService(deps, engine),
    ...backupService(deps, backups),
    ...exportService(deps, engine),
    ...meetingPackageService(deps),
    ...fingerprintService(deps, engine),
    ...documentService(deps, engine),
    ...resultDocumentService(deps, engine),
    ...credentials.handlers,
    ...rehearsalService(deps, deps.rehearsals ?? new RehearsalControl(null)),
  } satisfies RawHandlers;
  // Every write gets its transaction, audit entries, time and after-commit events here, once (./change.ts).
  return registerHandlers(deps, raw) satisfies Handlers;
}
