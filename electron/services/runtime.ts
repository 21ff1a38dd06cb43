import os from 'node:os';
import path from 'node:path';
import type { RestoreScheduled } from '../../shared/contract';
import type { Db } from '../db/open';
import { backupKeeper, openWithPendingRestore, restoreUpload, type BackupKeeper } from './backup';
import { mutator } from './change';
import type { CallContext } from './context';
import { EventBus } from './bus';
import { createHandlers } from './index';
import { LanControl } from './lan-control';
import type { CredentialStore } from './lan-credentials';
import { lanService, type LanService } from './lan-services';
import type { PollEngine } from './polls';
import { RehearsalControl } from './rehearsal';
import type { DesktopPort } from './screen';

/** Everything the app runs on, assembled once: the store, the event bus and the handler table. */
export interface Runtime {
  db: Db;
  bus: EventBus;
  handlers: ReturnType<typeof createHandlers>;
  dataDir: string;
  backups: BackupKeeper;
  /**
   * backups.restoreFile for an upload the host streamed to disk (too large for JSON): the same checks, audit
   * entry and event. `file` must lie in the data folder (backup.ts uploadFile); it is consumed.
   */
  restoreUpload(file: string, fileName: string, ctx: CallContext): Promise<RestoreScheduled>;
  /** The hall's network: the switch the host's LAN listener attaches to, the credentials and the sealed services. */
  lan: { control: LanControl; credentials: CredentialStore; service: LanService };
  /** 演练: the host attaches the listener a sandbox runtime serves its terminals on (./rehearsal.ts). */
  rehearsals: RehearsalControl;
  close(): void;
}

export function createRuntime(
  dataDir: string,
  opts: { transport: 'ipc' | 'http'; nativeBinding?: string; desktop?: DesktopPort; bus?: EventBus },
): Runtime {
  // A restore asked for earlier takes effect here, before any service holds the file (./backup.ts).
  const db = openWithPendingRestore(dataDir, opts.nativeBinding);
  const bus = opts.bus ?? new EventBus();
  const nb = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
  const backups = backupKeeper({ db, dataDir, ...nb });
  const deps = { db, bus, dataDir, transport: opts.transport, startedAt: new Date().toISOString(), ...nb };
  const control = new LanControl();
  // A rehearsal's sandbox is a runtime like this one, on its own data folder.
  const rehearsals = new RehearsalControl((dir) => createRuntime(dir, { transport: 'http', ...nb }));
  let services: { engine: PollEngine; credentials: CredentialStore } | undefined;
  const handlers = createHandlers({
    ...deps,
    backups,
    lan: control,
    rehearsals,
    onServices: (s) => void (services = s),
    ...(opts.desktop ? { desktop: opts.desktop } : {}),
  });
  const lan = {
    control,
    credentials: services!.credentials,
    service: lanService(deps, services!.engine, handlers, services!.credentials),
  };
  const upload = mutator(deps, 'backups.restoreFile', restoreUpload(deps)) as (
    input: { file: string; fileName: string },
    ctx: CallContext,
  ) => Promise<RestoreScheduled>;
  return {
    db,
    bus,
    handlers,
    dataDir,
    backups,
    lan,
    rehearsals,
    restoreUpload: (file, fileName, ctx) => upload({ file, fileName }, ctx),
    close: () => {
      rehearsals.shutdown();
      backups.stop();
      db.close();
    },
  };
}

/**
 * Where the desktop app keeps its data (Electron's userData for productName 议事台), so the browser fallback
 * and the desktop app open the same file.
 */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), '议事台');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', '议事台');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), '议事台');
}
