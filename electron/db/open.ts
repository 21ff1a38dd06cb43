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
  refuseNewer(file, dataDir, opts);
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
    super(
      `数据目录正被另一个议事台使用：${dataDir}。请先关闭另一个议事台（桌面程序或 npm run serve），或用 --data 指定其他目录`,
    );
    this.name = 'DataDirBusyError';
  }
}

/** The data version this program writes: the last migration's. */
export const LATEST_SCHEMA_VERSION = Math.max(...migrations.map((m) => m.version));

/**
 * What a clerk is told about data written by a newer 议事台 (a data file, a backup, a meeting package): this program
 * cannot know what the newer tables mean, so it must not read, migrate or write them.
 */
export function newerDataMessage(
  subject: string,
  version: number,
  then = '打开',
  latest = LATEST_SCHEMA_VERSION,
): string {
  return `${subject}由较新版本的议事台创建（数据库版本 ${version}），当前程序只支持到 ${latest}，请升级议事台后再${then}。`;
}

export class NewerDataError extends Error {
  constructor(readonly version: number) {
    super(newerDataMessage('该数据文件', version));
    this.name = 'NewerDataError';
  }
}

/**
 * Read the file's data version on a read-only connection, before anything may write to it (the owner's lock, WAL,
 * migrations): a file from a newer version is refused and left byte for byte as it was.
 */
function refuseNewer(file: string, dataDir: string, opts: OpenOptions): void {
  if (!fs.existsSync(file)) return;
  // A read-only reader of a WAL file makes the -wal and -shm it finds missing, and cannot remove them.
  const sidecars = ['-wal', '-shm'].map((ext) => file + ext).filter((f) => !fs.existsSync(f));
  let version = 0;
  let probe: Db | undefined;
  try {
    probe = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
    if (probe.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get())
      version = schemaVersion(probe);
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DataDirBusyError(dataDir);
    // Anything else (a damaged file) is for the real open to report as it always has.
    return;
  } finally {
    probe?.close();
    // Only the ones it made, and only while the WAL is empty: nothing was written through them.
    if (sidecars.length === 2 && fs.existsSync(sidecars[0]!) && fs.statSync(sidecars[0]!).size === 0)
      for (const f of sidecars) fs.rmSync(f, { force: true });
  }
  if (version > LATEST_SCHEMA_VERSION) throw new NewerDataError(version);
}

/** Applies the migrations not yet in the file, each in its own transaction (`list`: a prefix of them, for tests). */
export function migrate(db: Db, list = migrations): void {
  db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
  );
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  if (applied.size && Math.max(...applied) > LATEST_SCHEMA_VERSION) throw new NewerDataError(Math.max(...applied));
  for (const m of list) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
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
