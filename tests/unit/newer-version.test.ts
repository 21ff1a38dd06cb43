import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../electron/db/migrations';
import { DB_FILE_NAME, LATEST_SCHEMA_VERSION, migrate, NewerDataError } from '../../electron/db/open';
import { backupsDir } from '../../electron/services/backup';
import { writePackage, type PackageManifest } from '../../electron/services/package-file';
import { createRuntime } from '../../electron/services/runtime';
import { createBody, makeTempRuntime, tempDir, type TempRuntime } from './helpers';

/**
 * Data written by a newer 议事台 (its data version ahead of this program's last migration) is refused with one
 * clear message wherever it comes in — the data folder at start, a backup to restore, a meeting package — and the
 * file is left byte for byte as it was: this program cannot know what the newer tables mean.
 */
const root = path.resolve(__dirname, '..', '..');
const NEWER = LATEST_SCHEMA_VERSION + 1;
const message = (subject: string, then: string) =>
  `${subject}由较新版本的议事台创建（数据库版本 ${NEWER}），当前程序只支持到 ${LATEST_SCHEMA_VERSION}，请升级议事台后再${then}。`;

/** Marks a closed data file as written by the next version: its migration recorded, and a table of its own. */
function makeNewer(file: string) {
  const db = new Database(file, { fileMustExist: true });
  db.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY, what TEXT NOT NULL)');
  db.prepare('INSERT INTO future_things (what) VALUES (?)').run('新版本的数据');
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
    NEWER,
    `${String(NEWER).padStart(4, '0')}-future`,
    new Date().toISOString(),
  );
  db.close();
}

/** Every file under dir, with its SHA-256. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isFile()) out[name] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

describe('a data folder from a newer version', () => {
  let dir: string;
  beforeEach(async () => {
    const t = makeTempRuntime();
    await createBody(t, '某区人民代表大会');
    t.rt.close();
    dir = tempDir();
    fs.copyFileSync(path.join(t.dir, DB_FILE_NAME), path.join(dir, DB_FILE_NAME));
    fs.rmSync(t.dir, { recursive: true, force: true });
    makeNewer(path.join(dir, DB_FILE_NAME));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is refused when the store opens, in Chinese, leaving the folder byte for byte as it was', () => {
    const before = snapshot(dir);
    expect(Object.keys(before)).toEqual([DB_FILE_NAME]);
    let error: unknown;
    try {
      createRuntime(dir, { transport: 'http' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NewerDataError);
    expect((error as Error).message).toBe(message('该数据文件', '打开'));
    expect(snapshot(dir)).toEqual(before);
  });

  it('npm run serve prints why and exits non-zero, changing nothing', () => {
    const before = snapshot(dir);
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/host/serve.ts', '--data', dir, '--port', '0'],
      { cwd: root, encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`议事台启动失败： ${message('该数据文件', '打开')}`);
    expect(run.stdout).not.toContain('议事台已启动');
    expect(snapshot(dir)).toEqual(before);
  });

  it('an older one still opens, and is migrated', () => {
    const older = tempDir();
    try {
      const db = new Database(path.join(older, DB_FILE_NAME));
      migrate(db, migrations.slice(0, -1));
      db.close();
      const rt = createRuntime(older, { transport: 'http' });
      expect(rt.db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(LATEST_SCHEMA_VERSION);
      rt.close();
    } finally {
      fs.rmSync(older, { recursive: true, force: true });
    }
  });
});

describe('a backup or a meeting package from a newer version', () => {
  let t: TempRuntime;
  beforeEach(() => (t = makeTempRuntime()));
  afterEach(() => t.cleanup());

  it('a backup is not restored, from the backups folder or uploaded; the file and the live data stay as they were', async () => {
    await createBody(t, '某区人民代表大会');
    const { name } = await t.ok('backups.create', {});
    const file = path.join(backupsDir(t.dir), name);
    makeNewer(file);
    const before = snapshot(backupsDir(t.dir));
    const audit = t.count('audit_log');
    expect(await t.fails('backups.restore', { name })).toBe(`不能恢复“${name}”：${message('该数据文件', '恢复')}`);
    const upload = fs.readFileSync(file).toString('base64');
    expect(await t.fails('backups.restoreFile', { fileName: '办公室.sqlite', contentBase64: upload })).toBe(
      `不能恢复“办公室.sqlite”：${message('该数据文件', '恢复')}`,
    );
    expect(snapshot(backupsDir(t.dir))).toEqual(before);
    expect(t.count('audit_log')).toBe(audit);
    expect((await t.ok('backups.list', {})).pendingRestore).toBeNull();
  });

  it('a meeting package is neither previewed nor imported, and nothing is written', async () => {
    const body = await createBody(t, '某区人民代表大会');
    const ruleSet = (await t.ok('ruleSets.list', {})).find((r) => r.meetingKind === 'district_midyear')!;
    const meeting = await t.ok('meetings.create', {
      bodyId: body.id,
      kind: 'district_midyear',
      ruleSetId: ruleSet.id,
      title: '某区第十八届人民代表大会常务委员会第五次会议',
      date: '2026-06-18',
    });
    const exported = await t.ok('meetingPackages.export', { meetingId: meeting.id });
    // The same package as a newer 议事台 would write it: its data version ahead, its digest right.
    const envelope = JSON.parse(gunzipSync(Buffer.from(exported.contentBase64, 'base64')).toString('utf8')) as {
      manifest: PackageManifest;
      body: string;
    };
    const newer = writePackage({ ...envelope.manifest, schemaVersion: NEWER }, JSON.parse(envelope.body)).content;
    const file = { fileName: '会议包.yspkg', contentBase64: newer.toString('base64') };

    const other = makeTempRuntime();
    try {
      const counts = () => ['meetings', 'bodies', 'meeting_packages', 'audit_log'].map((table) => other.count(table));
      const before = counts();
      const why = `不能导入会议包“会议包.yspkg”：${message('该会议包', '导入')}`;
      expect(await other.fails('meetingPackages.preview', file)).toBe(why);
      expect(await other.fails('meetingPackages.import', file)).toBe(why);
      expect(counts()).toEqual(before);
    } finally {
      other.cleanup();
    }
  });
});
