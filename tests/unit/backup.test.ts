import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupInfo, BackupList, Vote } from '../../shared/contract';
import type { Db } from '../../electron/db/open';
import { KEEP_AUTOMATIC_BACKUPS, backupsDir } from '../../electron/services/backup';
import { createRuntime } from '../../electron/services/runtime';
import { errorOf, makeTempRuntime, quarterlySession, type TempRuntime } from './helpers';

/** Backups (issue 12 item 5) on real files: round trip, refusals, automatic backups, rotation, casts during a backup. */

let t: TempRuntime;
beforeEach(() => {
  t = makeTempRuntime();
});
afterEach(() => t.cleanup());

/** A logical dump: the schema, then every table's rows (sorted: some tables have no rowid), tables in sqlite_master order. */
function dump(db: Db): string[] {
  const out: string[] = [];
  const objects = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid")
    .all() as { type: string; name: string; sql: string | null }[];
  for (const o of objects) {
    out.push(`${o.type} ${o.name}: ${o.sql}`);
    if (o.type !== 'table') continue;
    const rows = db
      .prepare(`SELECT * FROM "${o.name}"${o.name === 'audit_log' ? ' ORDER BY id' : ''}`)
      .raw()
      .all()
      .map((r) => `${o.name} ${JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))}`);
    out.push(...(o.name === 'audit_log' ? rows : rows.sort()));
  }
  return out;
}

async function session() {
  const { body, members, meeting } = await quarterlySession(t, 8);
  const vote = async (secrecy: Vote['secrecy']) => {
    const item = (await t.ok('agenda.add', {
      meetingId: meeting.id,
      kind: 'motion',
      title: `关于${secrecy === 'secret' ? '罢免' : '调整'}的决定（草案）`,
    })) as { id: number };
    return (await t.ok('votes.create', { agendaItemId: item.id, mode: 'electronic', secrecy })) as Vote;
  };
  return { body, members, meeting, vote };
}

const list = async () => (await t.ok('backups.list', {})) as BackupList;
const auditCount = () => t.count('audit_log');

/** Copy a backup under a new valid name, changed by `edit`, to offer it for restore. */
function variant(from: string, name: string, edit: (file: string) => void): string {
  const dir = backupsDir(t.dir);
  fs.copyFileSync(path.join(dir, from), path.join(dir, name));
  edit(path.join(dir, name));
  return name;
}

describe('backups', () => {
  it('round trip: a restored backup gives the same logical dump as the file when it was taken', async () => {
    const s = await session();
    await t.ok('meetings.open', { id: s.meeting.id });
    const v = await s.vote('named');
    await t.ok('votes.open', { id: v.id });
    for (const [i, m] of s.members.entries())
      await t.ok('votes.cast', { id: v.id, membershipId: m.membershipId, choice: i < 5 ? 'yes' : 'no' });
    await t.ok('votes.close', { id: v.id });
    await t.rt.backups.idle();
    const atBackup = dump(t.rt.db);
    const headAtBackup = t.rt.db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get();
    const made = (await t.ok('backups.create', { note: '表决后' })) as BackupInfo;
    expect(made).toMatchObject({ reason: 'manual', note: '表决后', auditHead: headAtBackup });
    expect(made.name).toMatch(/^yishitai-\d{4}-\d{2}-\d{2}T\d{6}-手动\.sqlite$/);
    // Its audit entry records the chain head the backup holds, for anchoring later.
    const entry = JSON.parse(
      t.rt.db.prepare("SELECT detail FROM audit_log WHERE action = 'backup.create'").pluck().get() as string,
    ) as { auditHead: unknown };
    expect(entry.auditHead).toEqual(headAtBackup);

    // Later changes, then the restore: checked now, applied at the next start.
    await t.ok('members.create', { bodyId: s.body.id, name: '后来者' });
    const scheduled = await t.ok('backups.restore', { name: made.name });
    expect(scheduled).toMatchObject({ from: made.name, restartRequired: true, auditHead: headAtBackup });
    expect((await list()).pendingRestore).toMatchObject({ from: made.name });
    const beforeRestore = dump(t.rt.db);
    t.rt.close();

    const rt2 = createRuntime(t.dir, { transport: 'http' });
    try {
      const restored = dump(rt2.db);
      // Identical but for the one audit entry that records the restore, appended to the restored chain.
      expect(restored.filter((l) => !l.startsWith('audit_log '))).toEqual(
        atBackup.filter((l) => !l.startsWith('audit_log ')),
      );
      const audit = (d: string[]) => d.filter((l) => l.startsWith('audit_log '));
      expect(audit(restored).slice(0, -1)).toEqual(audit(atBackup));
      expect(audit(restored).at(-1)).toContain('"backup.restore"');
      // The file it replaced was kept as a 恢复前 backup, whole.
      const items = (await rt2.handlers['backups.list']({}, { actor: 'test' })).items;
      const before = items.find((b) => b.reason === 'before_restore')!;
      expect(before.name).toMatch(/-恢复前\.sqlite$/);
      const old = new Database(path.join(backupsDir(t.dir), before.name), { readonly: true });
      expect(dump(old)).toEqual(beforeRestore);
      old.close();
      expect(rt2.handlers['backups.list']({}, { actor: 'test' }).pendingRestore).toBeNull();
      expect(rt2.handlers['audit.verify']({}, { actor: 'test' }).ok).toBe(true);
    } finally {
      rt2.close();
    }
    t = { ...t, cleanup: () => fs.rmSync(t.dir, { recursive: true, force: true }) };
  });

  it('refuses a damaged file, one from a newer version and one that is not 议事台 data, with the reason, changing nothing', async () => {
    await session();
    const good = ((await t.ok('backups.create', {})) as BackupInfo).name;
    const size = fs.statSync(path.join(backupsDir(t.dir), good)).size;
    const cases: [string, string][] = [
      [
        variant(good, 'yishitai-损坏-覆盖.sqlite', (f) => {
          const fd = fs.openSync(f, 'r+');
          // Garbage over every page but the first: the tables' b-trees no longer parse.
          fs.writeSync(fd, Buffer.alloc(size - 4096, 0x5a), 0, size - 4096, 4096);
          fs.closeSync(fd);
        }),
        '文件已损坏',
      ],
      [variant(good, 'yishitai-损坏-截断.sqlite', (f) => fs.truncateSync(f, Math.floor(size / 2))), '文件已损坏'],
      [
        variant(good, 'yishitai-较新.sqlite', (f) => {
          const db = new Database(f);
          db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run(
            'future',
            new Date().toISOString(),
          );
          db.close();
        }),
        '由较新版本的议事台创建（数据库版本 999），当前程序只支持到',
      ],
      [
        variant(good, 'yishitai-别的库.sqlite', (f) => {
          fs.rmSync(f);
          const db = new Database(f);
          db.exec('CREATE TABLE notes (x TEXT)');
          db.close();
        }),
        '不是议事台数据文件',
      ],
      [
        variant(good, 'yishitai-文本.sqlite', (f) => fs.writeFileSync(f, '这不是数据库'.repeat(100))),
        '不是议事台数据文件',
      ],
    ];
    const before = [auditCount(), dump(t.rt.db).length];
    for (const [name, why] of cases) {
      const err = errorOf(await t.call('backups.restore', { name }));
      expect(err, name).toMatchObject({ code: 'VALIDATION', field: 'name' });
      expect(err.message, name).toContain(why);
      // In Chinese throughout: no SQLite message (database disk image is malformed, btree…) reaches the clerk.
      expect(
        err.message.replace(/yishitai|sqlite|schema_migrations|audit_log|meetings|bodies/gi, ''),
        name,
      ).not.toMatch(/[A-Za-z]{3,}/);
      expect(err.message, name).toContain(name);
    }
    // Uploaded, the same checks.
    const upload = fs.readFileSync(path.join(backupsDir(t.dir), 'yishitai-较新.sqlite'));
    const err = errorOf(
      await t.call('backups.restoreFile', { fileName: '办公室.sqlite', contentBase64: upload.toString('base64') }),
    );
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'fileName' });
    expect(err.message).toContain('由较新版本的议事台创建（数据库版本 999）');
    expect([auditCount(), dump(t.rt.db).length]).toEqual(before);
    expect((await list()).pendingRestore).toBeNull();
    expect(fs.readdirSync(t.dir).filter((f) => f.startsWith('restore-pending'))).toEqual([]);
    // The good one still passes, uploaded too.
    const ok = await t.ok('backups.restoreFile', {
      fileName: '办公室.sqlite',
      contentBase64: fs.readFileSync(path.join(backupsDir(t.dir), good)).toString('base64'),
    });
    expect(ok).toMatchObject({ from: '办公室.sqlite', restartRequired: true });
  });

  it('refuses a backup whose own audit chain does not verify, naming the entry, by name and uploaded', async () => {
    const s = await session();
    await t.ok('meetings.open', { id: s.meeting.id });
    const good = ((await t.ok('backups.create', {})) as BackupInfo).name;
    // The roster import's entry edited in the backup file (its triggers dropped), its hash left as it was.
    let edited = 0;
    const name = variant(good, 'yishitai-改过的审计.sqlite', (f) => {
      const db = new Database(f);
      db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
      edited = db.prepare("SELECT MIN(id) FROM audit_log WHERE action = 'roster.import'").pluck().get() as number;
      db.prepare("UPDATE audit_log SET detail = json_set(detail, '$.rows', 99) WHERE id = ?").run(edited);
      db.close();
    });
    const before = [auditCount(), dump(t.rt.db).length];
    const err = errorOf(await t.call('backups.restore', { name }));
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'name' });
    expect(err.message).toBe(
      `不能恢复“${name}”：文件自身的审计日志校验未通过：第${edited}条审计记录的内容与其哈希不符，可能被改动。文件可能在备份后被改动过`,
    );
    // The newest rows deleted from a copy: the chain left is intact, so only the gap in the middle would tell; delete one in the middle.
    const gap = variant(good, 'yishitai-少一条.sqlite', (f) => {
      const db = new Database(f);
      db.exec('DROP TRIGGER IF EXISTS audit_log_no_delete;');
      db.prepare('DELETE FROM audit_log WHERE id = 3').run();
      db.close();
    });
    const upload = fs.readFileSync(path.join(backupsDir(t.dir), gap));
    const err2 = errorOf(
      await t.call('backups.restoreFile', { fileName: '办公室.sqlite', contentBase64: upload.toString('base64') }),
    );
    expect(err2).toMatchObject({ code: 'VALIDATION', field: 'fileName' });
    expect(err2.message).toBe(
      '不能恢复“办公室.sqlite”：文件自身的审计日志校验未通过：第3条审计记录缺失（下一条为第4条）。文件可能在备份后被改动过',
    );
    expect([auditCount(), dump(t.rt.db).length]).toEqual(before);
    expect((await list()).pendingRestore).toBeNull();
    // The untouched backup is still accepted.
    expect(await t.ok('backups.restore', { name: good })).toMatchObject({ from: good, restartRequired: true });
  });

  it('backs up after 宣布开会 and 宣布闭会, keeps a timer while the meeting sits, and rotates the automatic ones', async () => {
    const s = await session();
    expect(t.rt.backups.timerRunning()).toBe(false);
    await t.ok('meetings.open', { id: s.meeting.id });
    expect(t.rt.backups.timerRunning()).toBe(true);
    await t.rt.backups.idle();
    expect((await list()).items.map((b) => b.reason)).toEqual(['meeting_open']);
    await t.ok('meetings.close', { id: s.meeting.id });
    expect(t.rt.backups.timerRunning()).toBe(false);
    await t.rt.backups.idle();
    const items = (await list()).items;
    expect(items.map((b) => b.reason)).toEqual(['meeting_close', 'meeting_open']);
    expect(items[0]!.name).toMatch(/-会议结束\.sqlite$/);
    // The close backup holds the close: its audit head is the 宣布闭会 entry.
    const closeId = t.rt.db.prepare("SELECT id FROM audit_log WHERE action = 'meeting.close'").pluck().get();
    expect(items[0]!.auditHead?.id).toBe(closeId);

    await t.ok('backups.create', { note: '留存' });
    for (let i = 0; i < KEEP_AUTOMATIC_BACKUPS + 3; i++) await t.rt.backups.automatic('interval');
    const after = (await list()).items;
    expect(after.filter((b) => b.reason !== 'manual')).toHaveLength(KEEP_AUTOMATIC_BACKUPS);
    expect(after.filter((b) => b.reason === 'manual')).toHaveLength(1);
    expect(after.some((b) => b.reason === 'meeting_open')).toBe(false);
    // Every listed file has its sidecar and nothing half-written is left.
    const files = fs.readdirSync(backupsDir(t.dir));
    expect(files.filter((f) => f.endsWith('.sqlite'))).toHaveLength(KEEP_AUTOMATIC_BACKUPS + 1);
    expect(files.filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('takes no backup while a secret vote is open, and says why', async () => {
    const s = await session();
    await t.ok('meetings.open', { id: s.meeting.id });
    await t.rt.backups.idle();
    const v = await s.vote('secret');
    await t.ok('votes.open', { id: v.id });
    const err = errorOf(await t.call('backups.create', {}));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('无记名投票');
    expect(await t.rt.backups.automatic('interval')).toBeNull();
    expect((await list()).items).toHaveLength(1);
  });

  it('an automatic backup asked for before a secret vote opened, but reached after it did, is skipped', async () => {
    const s = await session();
    await t.ok('meetings.open', { id: s.meeting.id });
    await t.rt.backups.idle();
    const v = await s.vote('secret');
    const ahead = t.rt.backups.take('manual', '排在前面的备份');
    const queued = t.rt.backups.automatic('interval'); // no secret vote open yet: queued
    await t.ok('votes.open', { id: v.id });
    await ahead;
    expect(await queued).toBeNull();
    expect((await list()).items.map((b) => b.reason)).toEqual(['manual', 'meeting_open']);
  });

  it('casts go on while a backup runs, and the backup holds them', async () => {
    const s = await session();
    await t.ok('meetings.open', { id: s.meeting.id });
    await t.rt.backups.idle();
    // Enough pages for the backup to take many steps (100 pages a step).
    t.rt.db.exec('CREATE TABLE filler (x BLOB)');
    const fill = t.rt.db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
    t.rt.db.transaction(() => {
      for (let i = 0; i < 3000; i++) fill.run();
    })();
    const v = await s.vote('named');
    await t.ok('votes.open', { id: v.id });
    const running = t.ok('backups.create', { note: '投票中' });
    let castWhileRunning = 0;
    for (const m of s.members) {
      await new Promise((r) => setImmediate(r));
      const partial = fs.readdirSync(backupsDir(t.dir)).some((f) => f.endsWith('.partial'));
      const started = Date.now();
      await t.ok('votes.cast', { id: v.id, membershipId: m.membershipId, choice: 'yes' });
      expect(Date.now() - started).toBeLessThan(500);
      if (partial) castWhileRunning++;
    }
    const made = (await running) as BackupInfo;
    expect(castWhileRunning).toBeGreaterThan(1);
    const copy = new Database(path.join(backupsDir(t.dir), made.name), { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) FROM round_voters').pluck().get()).toBe(t.count('round_voters'));
    copy.close();
  });
});
