import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminToken, expect, freePort, signInPage, startHost, stopHost, test } from './fixtures';

/**
 * Data from a newer 议事台, as a clerk meets it: a backup brought on a USB stick from the office laptop, which
 * already runs the next version, is refused in 设置 › 数据备份 with the reason and what to do, and left as it was;
 * the host started on a data folder that version wrote does not start, says why, and leaves the file alone.
 */
const shots = path.join(__dirname, 'screenshots');
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The file as the next version would leave it: one migration further, with a table of its own. */
function makeNewer(file: string): number {
  const db = new Database(file, { fileMustExist: true });
  const next = (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number) + 1;
  db.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY, what TEXT NOT NULL)');
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
    next,
    `${next}-future`,
    new Date().toISOString(),
  );
  db.close();
  return next;
}

test('a backup from a newer version is refused with the reason and left as it was; a data folder from one does not start', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishitai-newer-'));
  const stick = fs.mkdtempSync(path.join(os.tmpdir(), 'yishitai-usb-'));
  const base = `http://127.0.0.1:${port}`;
  const api = async <T>(name: string, input: unknown): Promise<T> => {
    const res = await fetch(`${base}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken(dataDir)}` },
      body: JSON.stringify(input),
    });
    expect(res.ok, `${name}: ${res.status}`).toBe(true);
    return (await res.json()) as T;
  };
  const host = await startHost(port, dataDir);
  try {
    await api('bodies.create', {
      kind: 'district_congress',
      name: '新版本测试区人民代表大会',
      area: null,
      term: '第十八届',
    });
    const backup = await api<{ name: string }>('backups.create', { note: '办公室电脑' });
    const { dir } = await api<{ dir: string }>('backups.list', {});
    const copy = path.join(stick, 'yishitai-办公室.sqlite');
    fs.copyFileSync(path.join(dir, backup.name), copy);
    const version = makeNewer(copy);
    const before = sha(copy);

    await signInPage(page, base, dataDir);
    await page.goto(`${base}/#/settings`);
    const card = page.getByTestId('backups');
    const chooser = page.waitForEvent('filechooser');
    await card.getByTestId('restore-file').click();
    await (await chooser).setFiles(copy);
    const ask = page.getByRole('dialog', { name: '从这个文件恢复？' });
    await expect(ask).not.toHaveClass(/-(appear|enter)/);
    await ask.getByRole('button', { name: '恢复' }).click();
    const notice = page.locator('.ant-message-notice', { hasText: '不能恢复' });
    await expect(notice).toContainText(
      `该数据文件由较新版本的议事台创建（数据库版本 ${version}），当前程序只支持到 ${version - 1}，请升级议事台后再恢复。`,
    );
    await page.screenshot({ path: path.join(shots, 'newer-backup-refused.png'), fullPage: true });
    await expect(card.getByTestId('pending-restore')).toHaveCount(0);
    expect(sha(copy)).toBe(before);

    // The folder itself, once the next version has written it.
    await stopHost(host);
    const live = path.join(dataDir, 'yishitai.sqlite');
    makeNewer(live);
    const liveBefore = sha(live);
    const run = spawnSync(process.execPath, ['dist/electron/serve.cjs', '--port', String(port), '--data', dataDir], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `议事台启动失败： 该数据文件由较新版本的议事台创建（数据库版本 ${version}），当前程序只支持到 ${version - 1}，请升级议事台后再打开。`,
    );
    expect(sha(live)).toBe(liveBefore);
  } finally {
    await stopHost(host);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(stick, { recursive: true, force: true });
  }
});
