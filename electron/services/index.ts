import path from 'node:path';
import { version } from '../../package.json';
import type { MethodName, Output, ParsedInput } from '../../shared/contract';
import { DB_FILE_NAME, schemaVersion } from '../db/open';
import type { CallContext, ServiceDeps } from './context';
import { readAttendanceSummary, attendanceService } from './attendance';
import { auditService } from './audit';
import { ensureBuiltinRuleSets, meetingService } from './meetings';
import { projectListService } from './project-lists';
import { projectVoteService } from './project-votes';
import { rosterService } from './roster';
import { screenService, type DesktopPort } from './screen';
import { voteService } from './votes';

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: CallContext) => Output<M> | Promise<Output<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };


/** Every method of the contract bound to its service function. The transports call only this table. */
export function createHandlers(deps: ServiceDeps & { desktop?: DesktopPort }) {
  ensureBuiltinRuleSets(deps.db);
  return {
    'system.info': () => ({
      app: '议事台',
      version,
      schemaVersion: schemaVersion(deps.db),
      dataDir: deps.dataDir,
      dbFile: path.join(deps.dataDir, DB_FILE_NAME),
      transport: deps.transport,
      startedAt: deps.startedAt,
    }),
    ...auditService(deps),
    ...rosterService(deps),
    ...meetingService(deps, (m) => readAttendanceSummary(deps.db, m).quorum),
    ...attendanceService(deps),
    ...voteService(deps),
    ...projectListService(deps),
    ...projectVoteService(deps),
    ...screenService(deps),
  } satisfies Handlers;
}
