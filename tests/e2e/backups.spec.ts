import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminToken, expect, freePort, signInPage, startHost, stopHost, test } from './fixtures';

/**
 * 数据备份 in 设置, on a host of its own (a restore replaces the whole file at the next start, which the shared host
 * must not do): a manual backup with a note, a restore chosen from the list and confirmed, and after the restart the
 * data as it was at the backup, with the replaced file kept as a 恢复前 backup.
 */
const shots = path.join(__dirname, 'screenshots');

/** A data folder and port of its own, and calls as a script makes them (the host is started by the test). */
async function ownHost(prefix: string) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
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
  const bodies = async () => (await api<{ name: string }[]>('bodies.list', {})).map((b) => b.name);
  return { port, dataDir, base, api, bodies };
}

test('a manual backup, restored after a restart: what came later is gone, and the file it replaced is kept', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { port, dataDir, base, api, bodies } = await ownHost('yishitai-backup-');
  let host = await startHost(port, dataDir);
  try {
    await api('bodies.create', {
      kind: 'district_congress',
      name: '备份测试区人民代表大会',
      area: null,
      term: '第十八届',
    });
    await signInPage(page, base, dataDir);
    await page.goto(`${base}/#/settings`);
    const card = page.getByTestId('backups');
    await card.getByLabel('备份备注').fill('会前备份');
    await card.getByLabel('备份备注').press('Enter');
    const row = card.locator('tr', { hasText: '会前备份' });
    await expect(row).toContainText('手动');

    // Added after the backup: a restore takes it away.
    await api('bodies.create', {
      kind: 'standing_committee',
      name: '备份测试区人大常委会',
      area: null,
      term: '第十八届',
    });
    await row.getByRole('button', { name: '恢复' }).click();
    const ask = page.getByRole('dialog', { name: '从这份备份恢复？' });
    await expect(ask).toContainText('下次启动议事台时生效');
    await expect(ask).not.toHaveClass(/-(appear|enter)/);
    await ask.getByRole('button', { name: '恢复' }).click();
    await expect(card.getByTestId('pending-restore')).toContainText('重新启动议事台后生效');
    await page.screenshot({ path: path.join(shots, 'backups-pending.png'), fullPage: true });
    expect(await bodies()).toContain('备份测试区人大常委会');

    await stopHost(host);
    host = await startHost(port, dataDir);
    expect(await bodies()).toEqual(['备份测试区人民代表大会']);
    await page.goto('about:blank'); // a fresh console, as the clerk opens it after the restart
    await signInPage(page, base, dataDir);
    await page.goto(`${base}/#/settings`);
    await expect(card.locator('tr', { hasText: '会前备份' })).toBeVisible();
    await expect(card.getByTestId('pending-restore')).toHaveCount(0);
    await expect(card.locator('tr', { hasText: '恢复前' })).toHaveCount(1);
    await expect(page.getByTestId('audit-table')).toContainText('恢复');
    await page.screenshot({ path: path.join(shots, 'backups-restored.png'), fullPage: true });
  } finally {
    await stopHost(host);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('从文件恢复: a damaged file is refused with the reason and nothing is scheduled; a backup copied to a USB stick is restored after a restart', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { port, dataDir, base, api, bodies } = await ownHost('yishitai-backup-file-');
  const stick = fs.mkdtempSync(path.join(os.tmpdir(), 'yishitai-usb-'));
  let host = await startHost(port, dataDir);
  try {
    await api('bodies.create', {
      kind: 'district_congress',
      name: '备份文件测试区人民代表大会',
      area: null,
      term: '第十八届',
    });
    const backup = await api<{ name: string }>('backups.create', { note: '拷到U盘' });
    const { dir } = await api<{ dir: string }>('backups.list', {});
    const copy = path.join(stick, backup.name);
    fs.copyFileSync(path.join(dir, backup.name), copy);
    const damaged = path.join(stick, 'yishitai-损坏.sqlite');
    fs.writeFileSync(damaged, Buffer.concat([fs.readFileSync(copy).subarray(0, 4096), Buffer.alloc(8192, 0x5a)]));
    await api('bodies.create', {
      kind: 'standing_committee',
      name: '备份文件测试区人大常委会',
      area: null,
      term: '第十八届',
    });

    await signInPage(page, base, dataDir);
    await page.goto(`${base}/#/settings`);
    const card = page.getByTestId('backups');
    const pick = async (file: string) => {
      const chooser = page.waitForEvent('filechooser');
      await card.getByTestId('restore-file').click();
      await (await chooser).setFiles(file);
      const ask = page.getByRole('dialog', { name: '从这个文件恢复？' });
      await expect(ask).toContainText(path.basename(file));
      await expect(ask).not.toHaveClass(/-(appear|enter)/);
      await ask.getByRole('button', { name: '恢复' }).click();
    };
    await pick(damaged);
    await expect(page.locator('.ant-message-notice', { hasText: '不能恢复' })).toBeVisible();
    await expect(card.getByTestId('pending-restore')).toHaveCount(0);

    await pick(copy);
    await expect(card.getByTestId('pending-restore')).toContainText(backup.name);
    await page.screenshot({ path: path.join(shots, 'backups-from-file.png'), fullPage: true });
    await stopHost(host);
    host = await startHost(port, dataDir);
    expect(await bodies()).toEqual(['备份文件测试区人民代表大会']);
  } finally {
    await stopHost(host);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(stick, { recursive: true, force: true });
  }
});
