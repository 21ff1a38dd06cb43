import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupInfo, BackupList, RestoreScheduled } from '../../shared/contract';
import { issueAdminToken } from '../../electron/host/admin-guard';
import { createHost } from '../../electron/host/server';
import { backupsDir } from '../../electron/services/backup';
import { makeTempRuntime, quarterlySession, tempDir, type TempRuntime } from './helpers';

/**
 * backups.restoreFile over the host with a data file just over the old 32 MB body limit (issue 12 item 5): as
 * JSON (the contract's own 100 MB cap now applies) and streamed as the file itself; over the cap, refused in Chinese.
 * Loopback only.
 */

const OLD_LIMIT = 32 * 1024 * 1024;
let t: TempRuntime;
let app: FastifyInstance;
let base: string;
let token: string;
let big: Buffer;
let scratch: string;

/** A real backup of a session, grown past 32 MB by a table of random bytes (so the file stays a valid, checked 议事台 file). */
async function bigBackup(): Promise<Buffer> {
  await quarterlySession(t, 3);
  const info = (await t.ok('backups.create', { note: '办公室' })) as BackupInfo;
  const file = path.join(scratch, 'big.sqlite');
  fs.copyFileSync(path.join(backupsDir(t.dir), info.name), file);
  const db = new Database(file);
  db.exec('CREATE TABLE filler (b BLOB)');
  const ins = db.prepare('INSERT INTO filler VALUES (randomblob(1048576))');
  db.transaction(() => {
    for (let i = 0; i < 33; i++) ins.run();
  })();
  db.close();
  return fs.readFileSync(file);
}

async function start(opts: { restoreUploadMaxBytes?: number } = {}) {
  app = await createHost(t.rt, { adminToken: token, ...opts });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

const auth = () => ({ authorization: `Bearer ${token}` });
const pending = async () => ((await t.ok('backups.list', {})) as BackupList).pendingRestore;
const leftovers = () => fs.readdirSync(t.dir).filter((f) => f.startsWith('restore-upload-') || f.endsWith('.partial'));

beforeEach(async () => {
  t = makeTempRuntime();
  scratch = tempDir();
  token = issueAdminToken(t.dir);
  big = await bigBackup();
});
afterEach(async () => {
  await app?.close();
  t.cleanup();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('backups.restoreFile above the old 32 MB body limit', () => {
  it('takes the file as JSON, as the contract says', async () => {
    await start();
    expect(big.length).toBeGreaterThan(OLD_LIMIT);
    const res = await fetch(`${base}/api/backups.restoreFile`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ fileName: '办公室.sqlite', contentBase64: big.toString('base64') }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()) as RestoreScheduled).toMatchObject({ from: '办公室.sqlite', restartRequired: true });
    expect(await pending()).toMatchObject({ from: '办公室.sqlite' });
  });

  it('takes the file itself, streamed to disk, checked and audited like the JSON upload; other routes still refuse it', async () => {
    await start();
    const res = await fetch(`${base}/api/backups.restoreFile`, {
      method: 'POST',
      headers: {
        ...auth(),
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('办公室 数据.sqlite'),
      },
      body: new Uint8Array(big),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({
      from: '办公室 数据.sqlite',
      restartRequired: true,
      schemaVersion: expect.any(Number),
    });
    expect(await pending()).toMatchObject({ from: '办公室 数据.sqlite' });
    const entry = t.rt.db.prepare('SELECT actor, action, entity_id FROM audit_log ORDER BY id DESC LIMIT 1').get();
    expect(entry).toEqual({
      actor: 'http:127.0.0.1#bearer',
      action: 'backup.restoreScheduled',
      entity_id: '办公室 数据.sqlite',
    });
    expect(fs.statSync(path.join(t.dir, 'restore-pending.sqlite')).size).toBe(big.length);
    expect(leftovers()).toEqual([]);
    // The raw body is for this route only.
    const other = await fetch(`${base}/api/bodies.list`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/octet-stream' },
      body: 'x',
    });
    expect(other.status).toBe(415);
    // A damaged file streamed the same way is refused by the same checks, and nothing is left behind.
    const bad = Buffer.from(big);
    bad.fill(0x5a, 4096, 8 * 4096);
    const refused = await fetch(`${base}/api/backups.restoreFile`, {
      method: 'POST',
      headers: {
        ...auth(),
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('坏.sqlite'),
      },
      body: new Uint8Array(bad),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^不能恢复“坏\.sqlite”：/);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a file over the cap in Chinese, whether its length is declared or it just keeps coming, writing nothing', async () => {
    await start({ restoreUploadMaxBytes: OLD_LIMIT });
    const before = t.count('audit_log');
    const declared = await fetch(`${base}/api/backups.restoreFile`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/octet-stream', 'x-file-name': 'big.sqlite' },
      body: new Uint8Array(big),
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      code: 'VALIDATION',
      message: '备份文件过大（超过32MB），不能上传恢复',
      field: 'fileName',
    });
    // Chunked, no Content-Length: counted as it arrives.
    const { port } = app.server.address() as AddressInfo;
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/backups.restoreFile',
          method: 'POST',
          headers: {
            ...auth(),
            'content-type': 'application/octet-stream',
            'x-file-name': 'big.sqlite',
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < big.length; i += 1 << 20) req.write(big.subarray(i, i + (1 << 20)));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).message).toBe('备份文件过大（超过32MB），不能上传恢复');
    expect(t.count('audit_log')).toBe(before);
    expect(await pending()).toBeNull();
    expect(leftovers()).toEqual([]);
  });
});
