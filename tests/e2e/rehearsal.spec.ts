import { request as http } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditEntry, Meeting } from '../../shared/contract';
import {
  adminToken,
  api,
  expect,
  freePort,
  signInPage,
  startHost,
  stopHost,
  test,
  freeQuarterMeeting,
} from './fixtures';

/**
 * 演练 from the console: the clerk starts a rehearsal of 50 simulated terminals on a meeting, sees the banner and the
 * progress reach 50 / 50, and ends it; the real meeting has no new poll and the audit log has the two entries.
 */
const shots = path.join(__dirname, 'screenshots');

test('a rehearsal of 50 terminals from the console: banner, progress to 50 / 50, stop', async ({ browser }) => {
  // A host of its own (with the demo district): a rehearsal is refused while any secret round is open, and the
  // shared host may hold one another spec left open.
  test.setTimeout(120_000);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishitai-rehearsal-'));
  const host = await startHost(port, dataDir, ['--demo']);
  const base = `http://127.0.0.1:${port}`;
  const request = await http.newContext({
    baseURL: base,
    extraHTTPHeaders: { Authorization: `Bearer ${adminToken(dataDir)}` },
  });
  try {
    const { meeting } = await freeQuarterMeeting(request, 2033, '第十九届第十五次');
    const page = await browser.newPage({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1400, height: 900 },
      baseURL: base,
    });
    await signInPage(page, base, dataDir);
    await page.goto(`/#/meetings/${meeting.id}`);
    const card = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^演练$/ }) });
    await expect(card).toContainText('不影响正式会议记录');
    await card.getByLabel('模拟终端数').fill('50');
    await card.getByLabel('每秒投票数').fill('100');
    await card.getByRole('button', { name: '开始演练' }).click();

    await expect(card.getByRole('alert').filter({ hasText: '演练中：不影响正式会议记录' })).toBeVisible();
    await expect(card).toContainText('50 / 50', { timeout: 30_000 });
    await expect(card.getByText('演练完成')).toBeVisible();
    await expect(card).toContainText(/确认耗时 p95\s*\d+ ms/);
    await page.screenshot({ path: path.join(shots, 'rehearsal-progress.png'), fullPage: true });

    await card.getByRole('button', { name: '结束演练' }).click();
    await expect(page.getByText(/演练已结束：已应答50\/50，副本已删除/)).toBeVisible();
    await expect(card.getByRole('button', { name: '开始演练' })).toBeEnabled();
    // The real meeting: still preparing, no poll added; the audit log has the start and the end with its figures.
    const after = await api<Meeting>(request, 'meetings.get', { id: meeting.id });
    expect(after.status).toBe('preparing');
    expect(after.agenda).toHaveLength(0);
    const audit = await api<AuditEntry[]>(request, 'audit.list', { limit: 2 });
    expect(audit.map((a) => a.action)).toEqual(['rehearsal.stop', 'rehearsal.start']);
    expect(audit[0]!.detail).toMatchObject({ terminals: 50, answered: 50, accepted: 50 });
    await page.screenshot({ path: path.join(shots, 'rehearsal-stopped.png'), fullPage: true });
  } finally {
    await request.dispose();
    await stopHost(host);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
