import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, listAudit, rowHash, segmentProblem, verifyAudit, type AuditRow } from '../../electron/db/audit';
import { DB_FILE_NAME, openDatabase, schemaVersion, type Db } from '../../electron/db/open';
import { migrations } from '../../electron/db/migrations';
import { EventBus } from '../../electron/services/bus';
import { mutator, type WriteContext } from '../../electron/services/change';
import { createBody, makeTempRuntime, type TempRuntime } from './helpers';

let t: TempRuntime;
beforeEach(() => {
  t = makeTempRuntime();
});
afterEach(() => t.cleanup());

describe('opening the store', () => {
  it('uses WAL, foreign keys and full sync, and records every migration', () => {
    const db = t.rt.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows[0]).toEqual({ version: 1, name: '0001-roster' });
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
  });

  it('enforces foreign keys', () => {
    expect(() =>
      t.rt.db.prepare("INSERT INTO memberships (body_id, person_id, created_at) VALUES (999, 999, '2024-01-01')").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('does not re-run migrations when reopened, and keeps the data', async () => {
    await createBody(t, '江北区人民代表大会');
    const appliedAt = t.rt.db.prepare('SELECT applied_at FROM schema_migrations WHERE version = 1').pluck().get();
    t.rt.close();
    // A second run of 0001 would fail on CREATE TABLE bodies; reopening must simply work.
    const again: Db = openDatabase(t.dir);
    try {
      expect(again.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(migrations.length);
      expect(again.prepare('SELECT applied_at FROM schema_migrations WHERE version = 1').pluck().get()).toBe(appliedAt);
      expect(again.prepare('SELECT name FROM bodies').pluck().all()).toEqual(['江北区人民代表大会']);
      expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      again.close();
    }
  });
});

describe('audit log', () => {
  let db: Db;
  let dir: string;
  const dbFile = () => path.join(dir, DB_FILE_NAME);
  beforeEach(() => {
    // A bare store in its own folder (no runtime, so none of the entries it writes on first start): each test
    // reopens the same file as the app or as an attacker would.
    t.rt.close();
    dir = path.join(t.dir, 'bare');
    db = openDatabase(dir);
  });
  afterEach(() => {
    if (db.open) db.close();
  });

  function appendFive() {
    const ids: number[] = [];
    db.transaction(() => {
      for (let i = 1; i <= 5; i++)
        ids.push(
          appendAudit(db, {
            actor: 'test',
            action: 'test.step',
            entity: 'thing',
            entityId: i,
            detail: { step: i, note: `第${i}步` },
          }),
        );
    })();
    return ids;
  }

  /** Edits the file the way someone with a copy of the database would: no app code, plain SQL; then reopens it. */
  function tamper(sql: (raw: Database.Database) => void) {
    db.close();
    const raw = new Database(dbFile());
    try {
      sql(raw);
    } finally {
      raw.close();
    }
    db = openDatabase(dir);
  }

  it('chains every entry to the previous one and verifies', () => {
    expect(verifyAudit(db)).toMatchObject({ ok: true, checked: 0, brokenAt: null });
    expect(appendFive()).toEqual([1, 2, 3, 4, 5]);
    const rows = db.prepare('SELECT id, prev_hash, hash FROM audit_log ORDER BY id').all() as {
      id: number;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(5);
    expect(verifyAudit(db)).toEqual({ ok: true, checked: 5, brokenAt: null, message: expect.stringContaining('5条') });
  });

  it('lists newest first, with the detail parsed, and pages by id', () => {
    appendFive();
    const page = listAudit(db, 2);
    expect(page.map((e) => e.id)).toEqual([5, 4]);
    expect(page[0]).toMatchObject({
      actor: 'test',
      action: 'test.step',
      entity: 'thing',
      entityId: '5',
      detail: { step: 5, note: '第5步' },
    });
    expect(listAudit(db, 10, 3).map((e) => e.id)).toEqual([2, 1]);
  });

  it('refuses UPDATE and DELETE through SQL', () => {
    appendFive();
    expect(() => db.prepare("UPDATE audit_log SET detail = '{}' WHERE id = 3").run()).toThrow(
      '审计日志只能追加，不能修改',
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow('审计日志只能追加，不能删除');
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('审计日志只能追加，不能删除');
    expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(5);
    expect(verifyAudit(db)).toMatchObject({ ok: true, checked: 5 });
  });

  it('finds a middle row edited by someone who dropped the trigger', () => {
    appendFive();
    tamper((raw) => {
      raw.exec('DROP TRIGGER audit_log_no_update');
      raw.prepare('UPDATE audit_log SET detail = ? WHERE id = 3').run(JSON.stringify({ step: 3, note: '改过了' }));
    });
    const v = verifyAudit(db);
    expect(v.ok).toBe(false);
    expect(v.brokenAt).toBe(3);
    expect(v.checked).toBe(2);
    expect(v.message).toContain('第3条');
  });

  /** A row's fields as the chain hashes them (the algorithm is no secret: an attacker can compute this too). */
  const canonical = (r: AuditRow) => JSON.stringify([r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.detail]);
  const sha256 = (...parts: string[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex');
  const rowOf = (raw: Database.Database, id: number) =>
    raw.prepare('SELECT * FROM audit_log WHERE id = ?').get(id) as AuditRow;

  it('finds a row whose content was changed and its hash recomputed from the content alone, unchained', () => {
    appendFive();
    tamper((raw) => {
      raw.exec('DROP TRIGGER audit_log_no_update');
      const r = { ...rowOf(raw, 3), detail: '{}' };
      raw.prepare('UPDATE audit_log SET detail = ?, hash = ? WHERE id = 3').run(r.detail, sha256(canonical(r)));
    });
    const v = verifyAudit(db);
    expect(v).toMatchObject({ ok: false, brokenAt: 3, checked: 2 });
    expect(v.message).toBe('第3条审计记录的内容与其哈希不符，可能被改动');
  });

  it('finds a middle row rewritten with a correctly chained hash: the next row’s hash covers the old one', () => {
    appendFive();
    tamper((raw) => {
      raw.exec('DROP TRIGGER audit_log_no_update');
      // Row 3 changed and rehashed on its (true) predecessor, and row 4 pointed at the new hash — but row 4 left as is.
      const r = { ...rowOf(raw, 3), detail: JSON.stringify({ step: 3, note: '改过了' }) };
      const hash = sha256(r.prev_hash, '\n', canonical(r));
      raw.prepare('UPDATE audit_log SET detail = ?, hash = ? WHERE id = 3').run(r.detail, hash);
      raw.prepare('UPDATE audit_log SET prev_hash = ? WHERE id = 4').run(hash);
    });
    const v = verifyAudit(db);
    expect(v).toMatchObject({ ok: false, brokenAt: 4, checked: 3 });
    expect(v.message).toBe('第4条审计记录的内容与其哈希不符，可能被改动');
  });

  it('hashes each row on the previous row’s hash: the same row after another predecessor hashes differently', () => {
    appendFive();
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
    for (const r of rows) {
      expect(r.hash).toBe(sha256(r.prev_hash, '\n', canonical(r)));
      expect(rowHash(r.prev_hash, r)).toBe(r.hash);
      expect(rowHash('f'.repeat(64), r)).not.toBe(r.hash);
      expect(rowHash(r.prev_hash, { ...r, detail: `${r.detail} ` })).not.toBe(r.hash);
    }
    // A stretch of the chain taken apart (a session laptop's entries) is checked the same way.
    expect(segmentProblem(rows.slice(1))).toBeNull();
    expect(segmentProblem([rows[0]!, { ...rows[1]!, prev_hash: rows[0]!.prev_hash }])).toBe(
      '第2条审计记录与前一条的哈希不衔接',
    );
    expect(segmentProblem([rows[0]!, rows[2]!])).toBe('第2条审计记录缺失');
    expect(segmentProblem([rows[0]!, { ...rows[1]!, detail: '{}' }])).toBe('第2条审计记录的内容与其哈希不符');
  });

  it('finds every single edited field of a middle row, and a swap of two rows', () => {
    const fields = ['at', 'actor', 'action', 'entity', 'entity_id', 'detail', 'prev_hash', 'hash'] as const;
    appendFive();
    db.close();
    for (const f of fields) {
      const raw = new Database(dbFile());
      try {
        raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
        raw.exec('SAVEPOINT edit');
        raw.prepare(`UPDATE audit_log SET ${f} = ${f} || 'x' WHERE id = 3`).run();
        const v = verifyAudit(raw);
        expect(v.ok, f).toBe(false);
        expect(v.brokenAt, f).toBe(3);
        raw.exec('ROLLBACK TO edit; RELEASE edit');
        expect(verifyAudit(raw).ok).toBe(true);
        // Rows 2 and 3 swapped, ids kept in order: each then points at the wrong predecessor.
        raw.exec('SAVEPOINT swap');
        raw.exec(
          `UPDATE audit_log SET id = -2 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = -2`,
        );
        expect(verifyAudit(raw)).toMatchObject({ ok: false, brokenAt: 2 });
        raw.exec('ROLLBACK TO swap; RELEASE swap');
      } finally {
        raw.close();
      }
    }
    db = openDatabase(dir);
    expect(verifyAudit(db)).toMatchObject({ ok: true, checked: 5 });
  });

  it('stores an entity id as text, none as null, and says so when the log is empty', () => {
    expect(verifyAudit(db)).toEqual({ ok: true, checked: 0, brokenAt: null, message: '审计日志为空' });
    db.transaction(() => {
      appendAudit(db, { actor: 'test', action: 'a', entity: 'thing' });
      appendAudit(db, { actor: 'test', action: 'a', entity: 'thing', entityId: null });
      appendAudit(db, { actor: 'test', action: 'a', entity: 'thing', entityId: 0 });
      appendAudit(db, { actor: 'test', action: 'a', entity: 'thing', entityId: '3:7', at: '2025-03-18T01:00:00.000Z' });
    })();
    const rows = db.prepare('SELECT entity_id, detail, at FROM audit_log ORDER BY id').all() as {
      entity_id: string | null;
      detail: string;
      at: string;
    }[];
    expect(rows.map((r) => r.entity_id)).toEqual([null, null, '0', '3:7']);
    expect(rows[0]!.detail).toBe('null');
    expect(rows[3]!.at).toBe('2025-03-18T01:00:00.000Z');
    expect(verifyAudit(db)).toEqual({
      ok: true,
      checked: 4,
      brokenAt: null,
      message: '审计日志完整：4条记录全部校验通过',
    });
  });

  it('filters the list by action group, by time and by meeting', () => {
    const entry = (action: string, at: string, entity = 'thing', entityId: string | number = 1) =>
      appendAudit(db, { actor: 'test', action, entity, entityId, at });
    db.transaction(() => {
      entry('vote.cast', '2025-03-18T01:00:00.000Z');
      entry('vote.open', '2025-03-18T02:00:00.000Z');
      entry('roster.import', '2025-03-18T03:00:00.000Z');
      entry('meeting.open', '2025-03-18T04:00:00.000Z', 'meeting', 3);
      entry('meeting.open', '2025-03-18T05:00:00.000Z', 'meeting', 4);
      entry('attendance.mark', '2025-03-18T06:00:00.000Z', 'attendance', '3:12');
      entry('attendance.mark', '2025-03-18T07:00:00.000Z', 'attendance', '30:12');
    })();
    const ids = (filter: Parameters<typeof listAudit>[3]) => listAudit(db, 100, undefined, filter).map((e) => e.id);
    expect(ids({})).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(ids({ actions: ['vote.cast', 'vote.open'] })).toEqual([2, 1]);
    expect(ids({ actions: [] })).toEqual([]);
    expect(ids({ from: '2025-03-18T02:00:00.000Z' })).toEqual([7, 6, 5, 4, 3, 2]);
    expect(ids({ to: '2025-03-18T02:00:00.000Z' })).toEqual([1]);
    expect(
      ids({ from: '2025-03-18T02:00:00.000Z', to: '2025-03-18T04:00:00.000Z', actions: ['vote.open', 'meeting.open'] }),
    ).toEqual([2]);
    // A meeting's rows: the meeting itself and its attendance ("3:…"), not meeting 4's nor meeting 30's.
    expect(ids({ meetingId: 3 })).toEqual([6, 4]);
    expect(ids({ meetingId: 3, actions: ['attendance.mark'] })).toEqual([6]);
    expect(listAudit(db, 2, 6, {}).map((e) => e.id)).toEqual([5, 4]);
  });

  it('finds a deleted middle row', () => {
    appendFive();
    tamper((raw) => {
      raw.exec('DROP TRIGGER audit_log_no_delete');
      raw.prepare('DELETE FROM audit_log WHERE id = 2').run();
    });
    const v = verifyAudit(db);
    expect(v.ok).toBe(false);
    expect(v.brokenAt).toBe(3);
    expect(v.message).toBe('第2条审计记录缺失（下一条为第3条）');
  });

  it('rolls the change back when its audit entry cannot be written', () => {
    const deps = {
      db,
      bus: new EventBus(),
      dataDir: t.dir,
      transport: 'http' as const,
      startedAt: new Date().toISOString(),
    };
    const published: string[] = [];
    deps.bus.subscribe((m) => published.push(m.name));
    const write = mutator(deps, 'test.bigint', (_: never, ctx: WriteContext) => {
      db.prepare(
        "INSERT INTO bodies (kind, name, created_at) VALUES ('district_congress', '江北区人民代表大会', '2024-01-01')",
      ).run();
      // JSON.stringify cannot write a BigInt: appendAudit throws after the change ran.
      ctx.audit({ action: 'body.create', entity: 'body', detail: { n: 1n } });
      ctx.emit('roster.changed', { bodyId: 1 });
      return null;
    });
    expect(() => write(undefined as never, { actor: 'test' })).toThrow(/BigInt/);
    expect(db.prepare('SELECT COUNT(*) FROM bodies').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(0);
    expect(published).toEqual([]);
  });
});
