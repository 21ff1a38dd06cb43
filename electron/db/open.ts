import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** A better-sqlite3 binary built for Electron's ABI, when running inside Electron from a source checkout. */
  nativeBinding?: string;
}

export const DB_FILE_NAME = 'yishitai.sqlite';

/**
 * Open (or create) the store in a data folder. WAL with synchronous=FULL, so an acknowledged write survives a
 * power cut; foreign keys on; secure_delete on; migrations applied in one transaction each.
 *
 * The process that opens the folder owns it: locking_mode=EXCLUSIVE, taken before the first WAL access, holds
 * the file's lock until close. A second host or app on the same folder is refused at once, and no other process
 * can hold a read transaction that would stall casts or keep a secret ballot's earlier copy in the WAL.
 */
export function openDatabase(dataDir: string, opts: OpenOptions = {}): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE_NAME);
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = WAL');
    // The lock is taken by the first write; take it now, so a second owner fails here and not mid-session.
    db.exec('BEGIN IMMEDIATE; COMMIT');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DataDirBusyError(dataDir);
    throw e;
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted rows are overwritten with zeros, so no earlier copy of a secret ballot lingers in the file.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export class DataDirBusyError extends Error {
  constructor(readonly dataDir: string) {
    super(`数据目录正被另一个议事台使用：${dataDir}。请先关闭另一个议事台（桌面程序或 npm run serve），或用 --data 指定其他目录`);
    this.name = 'DataDirBusyError';
  }
}

export function migrate(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
  }
}

export function schemaVersion(db: Db): number {
  return (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
}

/** Rows changed on this connection since it opened: a read that must change nothing compares it before and after. */
export function totalChanges(db: Db): number {
  return db.prepare('SELECT total_changes()').pluck().get() as number;
}
