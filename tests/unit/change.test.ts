import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../electron/services/bus';
import { grouped, mutator, registerHandlers, twoStep, type WriteContext } from '../../electron/services/change';
import { verifyAudit } from '../../electron/db/audit';
import { openDatabase } from '../../electron/db/open';
import { tempDir } from './helpers';
import fs from 'node:fs';

/** The steps every write shares, done once at registration (electron/services/change.ts). */
describe('write wrapper', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  function deps() {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(dir);
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe((m) => seen.push(m.name));
    return { deps: { db, bus, dataDir: dir, transport: 'http' as const, startedAt: '' }, db, seen };
  }
  const bodyCount = (db: ReturnType<typeof openDatabase>) => db.prepare('SELECT COUNT(*) FROM bodies').pluck().get();
  const insertBody = (db: ReturnType<typeof openDatabase>, at: string) =>
    db
      .prepare(
        "INSERT INTO bodies (kind, name, term, created_at) VALUES ('district_congress', '测试区人民代表大会', '第一届', ?)",
      )
      .run(at);

  it('refuses and rolls back a write that changes the file without an audit entry', () => {
    const { deps: d, db, seen } = deps();
    const write = mutator(d, 'test.unaudited', (_: never, ctx: WriteContext) => {
      insertBody(db, ctx.now);
      ctx.emit('meeting.changed', { meetingId: 1 });
      return 1;
    });
    expect(() => write(undefined as never, { actor: 'test' })).toThrow(/没有记入审计日志/);
    expect(bodyCount(db)).toBe(0);
    expect(seen).toEqual([]);
  });

  it('writes the audit entry in the same transaction, with the call’s one moment, and publishes only after the commit', () => {
    const { deps: d, db, seen } = deps();
    let inside: string[] = [];
    const write = mutator(d, 'test.audited', (_: never, ctx: WriteContext) => {
      insertBody(db, ctx.now);
      ctx.audit({ action: 'body.create', entity: 'body', entityId: 1 });
      ctx.emit('meeting.changed', { meetingId: 1 });
      inside = [...seen];
      return ctx.now;
    });
    const now = write(undefined as never, { actor: 'test' }) as string;
    expect(inside).toEqual([]);
    expect(seen).toEqual(['audit.appended', 'meeting.changed']);
    expect(db.prepare('SELECT at, actor FROM audit_log ORDER BY id DESC LIMIT 1').get()).toEqual({
      at: now,
      actor: 'test',
    });
  });

  it('rolls back everything, audit entry included, when the write fails part-way', () => {
    const { deps: d, db, seen } = deps();
    const before = db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();
    const write = mutator(d, 'test.fails', (_: never, ctx: WriteContext) => {
      insertBody(db, ctx.now);
      ctx.audit({ action: 'body.create', entity: 'body', entityId: 1 });
      throw new Error('boom');
    });
    expect(() => write(undefined as never, { actor: 'test' })).toThrow('boom');
    expect(bodyCount(db)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(before);
    expect(seen).toEqual([]);
  });

  it('reads a two-step write’s file outside the transaction and applies it inside one', async () => {
    const { deps: d, db } = deps();
    const write = mutator(
      d,
      'test.twoStep',
      twoStep(
        async () => 'read off the main thread',
        (_: never, prepared: string, ctx: WriteContext) => {
          insertBody(db, ctx.now);
          ctx.audit({ action: 'body.create', entity: 'body', entityId: 1, detail: prepared });
          return db.inTransaction;
        },
      ),
    );
    await expect(write(undefined as never, { actor: 'test' })).resolves.toBe(true);
  });

  // A write composed into an outer transaction (demo.ts seeds in one) commits only with it: its events wait for
  // that commit, and are dropped if the outer work rolls back.
  it('publishes a write composed into an outer transaction only when that one commits', async () => {
    const { deps: d, db, seen } = deps();
    const write = mutator(d, 'test.nested', (_: never, ctx: WriteContext) => {
      insertBody(db, ctx.now);
      ctx.audit({ action: 'body.create', entity: 'body', entityId: 1 });
      ctx.emit('meeting.changed', { meetingId: 1 });
    });
    expect(() =>
      db.transaction(() => {
        write(undefined as never, { actor: 'test' });
        throw new Error('the outer work fails');
      })(),
    ).toThrow('the outer work fails');
    await new Promise((r) => setImmediate(r));
    expect(bodyCount(db)).toBe(0);
    expect(seen).toEqual([]);

    db.transaction(() => {
      write(undefined as never, { actor: 'test' });
      expect(seen, 'not before the outer commit').toEqual([]);
    })();
    await new Promise((r) => setImmediate(r));
    expect(bodyCount(db)).toBe(1);
    expect(seen).toEqual(['audit.appended', 'meeting.changed']);
  });

  it('passes a grouped write’s memo to the next writes of its group only when its savepoint is kept, and not to the next group', async () => {
    const { deps: d, db } = deps();
    // Each write counts the bodies once per group through the memo; the third of the first group inserts, counts and fails.
    const raw = {
      'test.count': grouped((input: { fail: boolean }, ctx: WriteContext) => {
        db.prepare(
          "INSERT INTO bodies (kind, name, term, created_at) VALUES ('district_congress', ?, '第一届', ?)",
        ).run(`测试区${Math.random()}`, ctx.now);
        const before = ctx.memo.get<number>('bodies');
        const n = before === undefined ? (bodyCount(db) as number) : before + 1;
        ctx.memo.set('bodies', n);
        ctx.audit({ action: 'body.create', entity: 'body', entityId: n });
        if (input.fail) throw new Error('refused');
        return { n, fromMemo: before !== undefined };
      }),
    };
    const h = registerHandlers(d, raw as never) as unknown as Record<
      string,
      (i: unknown, c: { actor: string }) => Promise<{ n: number; fromMemo: boolean }>
    >;
    const call = (fail: boolean) =>
      h['test.count']!({ fail }, { actor: 'test' }).then(
        (v) => v,
        (e: Error) => e.message,
      );
    const first = await Promise.all([call(false), call(false), call(true), call(false)]);
    // The refused write's count rolled back with it: the fourth counts 3, as the file does.
    expect(first).toEqual([{ n: 1, fromMemo: false }, { n: 2, fromMemo: true }, 'refused', { n: 3, fromMemo: true }]);
    expect(bodyCount(db)).toBe(3);
    // A new group reads the file again.
    expect(await Promise.all([call(false), call(false)])).toEqual([
      { n: 4, fromMemo: false },
      { n: 5, fromMemo: true },
    ]);
    // Each write of the groups has its own chained entry, the refused one's rolled back.
    expect(
      db.prepare("SELECT entity_id FROM audit_log WHERE action = 'body.create' ORDER BY id").pluck().all(),
    ).toEqual(['1', '2', '3', '4', '5']);
    expect(verifyAudit(db).ok).toBe(true);
  });
});
