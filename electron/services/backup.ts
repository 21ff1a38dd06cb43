import Database from 'better-sqlite3';
import { format } from 'date-fns';
import fs from 'node:fs';
import path from 'node:path';
import {
  AppError,
  backupReasonLabels,
  BACKUP_REASONS,
  type BackupInfo,
  type BackupList,
  type BackupReason,
  type ParsedInput,
  type RestoreScheduled,
} from '../../shared/contract';
import { appendAudit, verifyAudit } from '../db/audit';
import {
  DB_FILE_NAME,
  LATEST_SCHEMA_VERSION,
  newerDataMessage,
  openDatabase,
  schemaVersion,
  type Db,
} from '../db/open';
import { anyMeetingSitting } from '../db/tables/meetings';
import { twoStep, type WriteContext } from './change';
import type { ServiceDeps } from './context';

/**
 * Backups of the data file (issue 12 item 5). Taken with SQLite's online backup API (better-sqlite3 `db.backup`),
 * which copies 100 pages a step and yields to the event loop between steps, so casts go on while it runs; a
 * write made meanwhile on the same connection is copied into the backup as it happens. Automatic backups follow
 * the commit of 宣布开会 and 宣布闭会 and run every BACKUP_INTERVAL_MINUTES while a meeting sits; none is taken
 * inside a write transaction. A restore is checked, then waits for the next start, when the file is not in use.
 */

export const BACKUP_DIR_NAME = 'backups';
/** Ten minutes: at most ten minutes of sign-in and votes to re-enter from paper after a lost laptop disk. */
export const BACKUP_INTERVAL_MINUTES = 10;
/**
 * Twenty automatic backups: a session day's opens and closes plus two to three hours of ten-minute backups.
 * Older automatic ones are deleted; manual and 恢复前 backups are never deleted by the app.
 */
export const KEEP_AUTOMATIC_BACKUPS = 20;
const AUTOMATIC: readonly BackupReason[] = ['meeting_open', 'meeting_close', 'interval'];
/** A checked file waiting for the next start to replace the live one; not named yishitai-…, so never listed. */
const PENDING_FILE = 'restore-pending.sqlite';
const PENDING_META = 'restore-pending.json';

export const backupsDir = (dataDir: string) => path.join(dataDir, BACKUP_DIR_NAME);
const isBackupName = (n: string) => /^yishitai-[^/\\]+\.sqlite$/.test(n);

type AuditHead = BackupInfo['auditHead'];
type Meta = Omit<BackupInfo, 'name' | 'size'>;

function auditHeadOf(db: Db): AuditHead {
  return (
    (db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
      { id: number; hash: string } | undefined) ?? null
  );
}

/** A secret round whose ballots are still coming in or uncounted: two backups apart would show how the deputies who voted between them chose. */
function secretRoundOpen(db: Db): boolean {
  return !!db
    .prepare(
      "SELECT 1 FROM poll_rounds r JOIN polls p ON p.id = r.poll_id WHERE p.secrecy = 'secret' AND r.status IN ('open', 'counting') LIMIT 1",
    )
    .get();
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Check a data file before it may replace the live one: SQLite at all, intact (PRAGMA integrity_check), a 议事台
 * file (its tables), of this version or older (an older one is migrated when opened), and, for a restore
 * (`chain`), with an audit chain that verifies. Leaves it a self-contained file (rollback journal, not WAL).
 * Throws the reason in Chinese.
 */
export function checkDataFile(
  file: string,
  label: string,
  nativeBinding?: string,
  field = 'name',
  opts: { chain?: boolean } = {},
): { schemaVersion: number; auditHead: AuditHead } {
  const refuse = (why: string): never => {
    throw new AppError('VALIDATION', `不能恢复“${label}”：${why}`, field);
  };
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  const read = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  if (read < head.length || !head.equals(SQLITE_HEADER)) refuse('不是议事台数据文件（不是 SQLite 数据库）');
  let db: Db | undefined;
  try {
    db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const problems = (db.pragma('integrity_check(5)') as { integrity_check: string }[]).map((r) => r.integrity_check);
    // SQLite's findings are English and technical: the clerk is told how many, not which b-tree page.
    if (problems.join() !== 'ok')
      refuse(`文件已损坏（完整性检查发现${problems.length >= 5 ? '5处以上' : `${problems.length}处`}问题）`);
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const missing = ['schema_migrations', 'audit_log', 'meetings', 'bodies'].filter((t) => !tables.has(t));
    if (missing.length) refuse(`不是议事台数据文件（缺少数据表：${missing.join('、')}）`);
    const version = schemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) refuse(newerDataMessage('该数据文件', version, '恢复'));
    // A restore would put this file's audit log in place of the live one: it must verify on its own first.
    if (opts.chain) {
      const chain = verifyAudit(db);
      if (!chain.ok) refuse(`文件自身的审计日志校验未通过：${chain.message}。文件可能在备份后被改动过`);
    }
    db.pragma('journal_mode = DELETE');
    return { schemaVersion: version, auditHead: auditHeadOf(db) };
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code ?? '';
    return refuse(
      code === 'SQLITE_NOTADB'
        ? '不是议事台数据文件（无法识别的数据库）'
        : code.startsWith('SQLITE_CORRUPT')
          ? '文件已损坏（数据库结构无法读取）'
          : '文件已损坏或无法读取',
    );
  } finally {
    db?.close();
  }
}

function readMeta(dir: string, name: string, nativeBinding?: string): Meta {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Meta;
  } catch {
    // A file put in the folder by hand: what its name and contents say.
    const label =
      name
        .replace(/\.sqlite$/, '')
        .split('-')
        .pop() ?? '';
    const reason = BACKUP_REASONS.find((r) => backupReasonLabels[r] === label) ?? 'manual';
    let version = 0;
    let auditHead: AuditHead = null;
    try {
      const db = new Database(path.join(dir, name), {
        readonly: true,
        fileMustExist: true,
        ...(nativeBinding ? { nativeBinding } : {}),
      });
      try {
        version = schemaVersion(db);
        auditHead = auditHeadOf(db);
      } finally {
        db.close();
      }
    } catch {
      /* shown with version 0; a restore checks it properly */
    }
    return {
      createdAt: fs.statSync(path.join(dir, name)).mtime.toISOString(),
      reason,
      note: null,
      schemaVersion: version,
      auditHead,
    };
  }
}

export function listBackups(dataDir: string, nativeBinding?: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter(isBackupName)
    .map((name) => ({ name, size: fs.statSync(path.join(dir, name)).size, ...readMeta(dir, name, nativeBinding) }))
    .sort((a, b) =>
      a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt),
    );
}

function freeName(dir: string, at: Date, reason: BackupReason): string {
  const stem = `yishitai-${format(at, "yyyy-MM-dd'T'HHmmss")}-${backupReasonLabels[reason]}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${stem}.sqlite` : `${stem}-${n}.sqlite`;
    if (!fs.existsSync(path.join(dir, name)) && !fs.existsSync(path.join(dir, `${name}.partial`))) return name;
  }
}

/** Write the sidecar that the list reads and issue 12's anchoring can check against. */
function writeMeta(dir: string, name: string, meta: Meta): void {
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(meta, null, 2));
}

/** The backups and their one-at-a-time runner, the ten-minute timer while a meeting sits, and the restore. */
export function backupKeeper(deps: Pick<ServiceDeps, 'db' | 'dataDir' | 'nativeBinding'>) {
  const { db, dataDir, nativeBinding } = deps;
  const dir = backupsDir(dataDir);
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  /** One online backup into the folder, finished under a .partial name so a half-written file is never listed. */
  async function take(reason: BackupReason, note: string | null): Promise<BackupInfo> {
    fs.mkdirSync(dir, { recursive: true });
    const at = new Date();
    const name = freeName(dir, at, reason);
    const partial = path.join(dir, `${name}.partial`);
    try {
      await db.backup(partial);
      const checked = checkDataFile(partial, name, nativeBinding);
      fs.renameSync(partial, path.join(dir, name));
      const meta: Meta = {
        createdAt: at.toISOString(),
        reason,
        note,
        schemaVersion: checked.schemaVersion,
        auditHead: checked.auditHead,
      };
      writeMeta(dir, name, meta);
      return { name, size: fs.statSync(path.join(dir, name)).size, ...meta };
    } finally {
      fs.rmSync(partial, { force: true });
    }
  }

  /** Backups run one after another, never two at once on the same connection. */
  function queue<T>(job: () => Promise<T>): Promise<T> {
    const run = chain.then(job);
    chain = run.catch(() => undefined);
    return run;
  }

  function rotate(): void {
    const automatic = listBackups(dataDir, nativeBinding).filter((b) => AUTOMATIC.includes(b.reason));
    for (const b of automatic.slice(KEEP_AUTOMATIC_BACKUPS)) {
      fs.rmSync(path.join(dir, b.name), { force: true });
      fs.rmSync(path.join(dir, `${b.name}.json`), { force: true });
    }
  }

  /** An automatic backup: skipped while a secret round is open, and its failure never reaches the caller. */
  function automatic(reason: BackupReason): Promise<BackupInfo | null> {
    if (stopped || !db.open || secretRoundOpen(db)) return Promise.resolve(null);
    return queue(async () => {
      // Asked for before a secret round opened, run after it did (a backup ahead of it took a while): skipped too.
      if (stopped || !db.open || secretRoundOpen(db)) return null;
      const info = await take(reason, null);
      rotate();
      return info;
    }).catch((e: unknown) => {
      if (!stopped && db.open) console.warn(`自动备份失败：${(e as Error).message}`);
      return null;
    });
  }

  const sitting = () => anyMeetingSitting(db);
  /** The timer runs while any meeting sits, also after a restart in the middle of one. */
  function syncTimer(): void {
    const want = !stopped && db.open && sitting();
    if (want && !timer) {
      timer = setInterval(() => {
        if (!db.open) return stop();
        void automatic('interval');
      }, BACKUP_INTERVAL_MINUTES * 60_000);
      timer.unref();
    } else if (!want && timer) {
      clearInterval(timer);
      timer = null;
    }
  }
  function stop(): void {
    stopped = true;
    if (timer) clearInterval(timer);
    timer = null;
  }
  syncTimer();

  return {
    take: (reason: BackupReason, note: string | null) => queue(() => take(reason, note)),
    automatic,
    /** After the commit of 宣布开会 or 宣布闭会. Returns the backup's promise, for tests. */
    afterSitting(event: 'open' | 'close'): Promise<BackupInfo | null> {
      syncTimer();
      return automatic(event === 'open' ? 'meeting_open' : 'meeting_close');
    },
    timerRunning: () => timer !== null,
    /** Waits for every backup queued so far. */
    idle: () => chain.then(() => undefined),
    stop,
    secretRoundOpen: () => secretRoundOpen(db),
  };
}
export type BackupKeeper = ReturnType<typeof backupKeeper>;

function pendingRestore(dataDir: string): BackupList['pendingRestore'] {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dataDir, PENDING_META), 'utf8')) as {
      from: string;
      requestedAt: string;
    };
    return fs.existsSync(path.join(dataDir, PENDING_FILE)) ? { from: m.from, requestedAt: m.requestedAt } : null;
  } catch {
    return null;
  }
}

/**
 * Put a checked copy where the next start picks it up. Done while the live file stays open and in use: every
 * service holds the open connection and its prepared statements, so the file is swapped only when none does.
 */
function stage(dataDir: string, label: string, field: string, copy: (dest: string) => void, nativeBinding?: string) {
  const partial = path.join(dataDir, `${PENDING_FILE}.partial`);
  try {
    copy(partial);
    const checked = checkDataFile(partial, label, nativeBinding, field, { chain: true });
    fs.renameSync(partial, path.join(dataDir, PENDING_FILE));
    fs.writeFileSync(
      path.join(dataDir, PENDING_META),
      JSON.stringify({ from: label, requestedAt: new Date().toISOString() }),
    );
    return checked;
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/**
 * At start, before any service holds the file: if a restore waits, back up the live file (恢复前), put the
 * checked copy in its place (its -wal and -shm go too), open it (an older version is migrated) and audit it.
 * Returns the open store.
 */
export function openWithPendingRestore(dataDir: string, nativeBinding?: string): Db {
  let db = openDatabase(dataDir, nativeBinding ? { nativeBinding } : {});
  const pending = pendingRestore(dataDir);
  if (!pending) return db;
  const live = path.join(dataDir, DB_FILE_NAME);
  const dir = backupsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const at = new Date();
  const before = freeName(dir, at, 'before_restore');
  const beforeHead = auditHeadOf(db);
  const beforeVersion = schemaVersion(db);
  // Fold the WAL into the file, so the file alone is the whole store, and close: the owner's lock goes with it.
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fs.renameSync(live, path.join(dir, before));
  writeMeta(dir, before, {
    createdAt: at.toISOString(),
    reason: 'before_restore',
    note: `恢复“${pending.from}”前的数据`,
    schemaVersion: beforeVersion,
    auditHead: beforeHead,
  });
  for (const ext of ['-wal', '-shm']) fs.rmSync(live + ext, { force: true });
  fs.renameSync(path.join(dataDir, PENDING_FILE), live);
  fs.rmSync(path.join(dataDir, PENDING_META), { force: true });
  db = openDatabase(dataDir, nativeBinding ? { nativeBinding } : {});
  appendAudit(db, {
    actor: 'system',
    action: 'backup.restore',
    entity: 'backup',
    entityId: pending.from,
    detail: {
      from: pending.from,
      requestedAt: pending.requestedAt,
      before,
      beforeAuditHead: beforeHead,
      auditHead: auditHeadOf(db),
    },
  });
  return db;
}

const auditScheduled = (
  from: string,
  checked: ReturnType<typeof checkDataFile>,
  ctx: WriteContext,
): RestoreScheduled => {
  ctx.audit({
    action: 'backup.restoreScheduled',
    entity: 'backup',
    entityId: from,
    detail: { from, schemaVersion: checked.schemaVersion, auditHead: checked.auditHead },
  });
  ctx.emit('backups.changed', { name: from });
  return { from, ...checked, restartRequired: true };
};

/**
 * A data file too large for a JSON call (a real session's file passes the host's 32 MB body limit, and base64 in
 * a JS string cannot carry much more than 500 MB): the host streams the upload to this file in the data folder
 * (uploadFile), and this stages it as backups.restoreFile would. The file is moved, never copied, and always removed.
 */
export const RESTORE_UPLOAD_MAX_BYTES = 2 * 1024 ** 3;
export const uploadFile = (dataDir: string, id: string) => path.join(dataDir, `restore-upload-${id}.partial`);

export function restoreUpload(deps: Pick<ServiceDeps, 'dataDir' | 'nativeBinding'>) {
  return twoStep(
    async (input: { file: string; fileName: string }) => {
      try {
        return stage(
          deps.dataDir,
          input.fileName,
          'fileName',
          (dest) => fs.renameSync(input.file, dest),
          deps.nativeBinding,
        );
      } finally {
        fs.rmSync(input.file, { force: true });
      }
    },
    (input, checked, ctx) => auditScheduled(input.fileName, checked, ctx),
  );
}

export function backupService(deps: ServiceDeps, keeper: BackupKeeper) {
  const { dataDir, nativeBinding } = deps;
  return {
    'backups.list': (): BackupList => ({
      dir: backupsDir(dataDir),
      items: listBackups(dataDir, nativeBinding),
      pendingRestore: pendingRestore(dataDir),
      intervalMinutes: BACKUP_INTERVAL_MINUTES,
      keepAutomatic: KEEP_AUTOMATIC_BACKUPS,
    }),

    // The copy is taken before the write's transaction (prepare), then the entry naming it is audited.
    'backups.create': twoStep(
      async (input: ParsedInput<'backups.create'>) => {
        if (keeper.secretRoundOpen()) {
          throw new AppError(
            'CONFLICT',
            '无记名投票正在进行，暂不能备份：前后两份备份相比会显示其间投票者的选择。请在投票结束后备份',
            'note',
          );
        }
        return keeper.take('manual', input.note);
      },
      (_input, info, ctx) => {
        ctx.audit({
          action: 'backup.create',
          entity: 'backup',
          entityId: info.name,
          detail: {
            name: info.name,
            note: info.note,
            size: info.size,
            schemaVersion: info.schemaVersion,
            auditHead: info.auditHead,
          },
        });
        ctx.emit('backups.changed', { name: info.name });
        return info;
      },
    ),

    'backups.restore': twoStep(
      async (input: ParsedInput<'backups.restore'>) => {
        const file = path.join(backupsDir(dataDir), input.name);
        if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `找不到备份“${input.name}”`, 'name');
        return stage(dataDir, input.name, 'name', (dest) => fs.copyFileSync(file, dest), nativeBinding);
      },
      (input, checked, ctx) => auditScheduled(input.name, checked, ctx),
    ),

    'backups.restoreFile': twoStep(
      async (input: ParsedInput<'backups.restoreFile'>) =>
        stage(
          dataDir,
          input.fileName,
          'fileName',
          (dest) => fs.writeFileSync(dest, Buffer.from(input.contentBase64, 'base64')),
          nativeBinding,
        ),
      (input, checked, ctx) => auditScheduled(input.fileName, checked, ctx),
    ),
  };
}
