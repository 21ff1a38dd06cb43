import type { Db } from '../db/open';
import type { EventBus } from './bus';

/** What every service gets: the store, the event bus and where files live. */
export interface ServiceDeps {
  db: Db;
  bus: EventBus;
  dataDir: string;
  transport: 'ipc' | 'http';
  startedAt: string;
  /** better-sqlite3's binary when it is not the default one, for opening other data files (backups). */
  nativeBinding?: string;
}

/** Who made a call, for the audit log: the desktop console, or an address on the LAN. */
export interface CallContext {
  actor: string;
}
