import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgendaItem, Body, Meeting, PackagePreview, RuleSet } from '../../shared/contract';
import { adminToken, api, expect, freePort, startHost, stopHost, test } from './fixtures';

/**
 * 会议包 between two laptops: a meeting exported from the demo host (the office) with 导出会议包, imported into a
 * fresh host of its own (the session-day laptop), an agenda item renamed on both, and the package coming back
 * through 导入会议包, whose dialog shows the conflict with both values and takes the clerk's choice.
 */
const shots = path.join(__dirname, 'screenshots');
const TITLE = '江北区人民代表大会2031年会议包演练';

test('a meeting package goes to a second laptop and back; an edit made on both is shown and resolved by the clerk', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const body = (await api<Body[]>(request, 'bodies.list')).find((b) => b.kind === 'district_congress')!;
  const rs = (await api<RuleSet[]>(request, 'ruleSets.list')).find((r) => r.key === 'district_midyear_session')!;
  const meeting = await api<Meeting>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId: rs.id,
    title: TITLE,
    date: '2031-06-20',
  });
  const item = await api<AgendaItem>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'motion',
    title: '审议2031年计划执行情况报告',
  });

  await page.goto(`/#/meetings/${meeting.id}`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出会议包' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^江北区人民代表大会2031年会议包演练-会议包-\d{8}-\d{6}\.yspkg$/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishitai-package-'));
  const saved = path.join(dir, file.suggestedFilename());
  await file.saveAs(saved);

  const port = await freePort();
  const dataDir = path.join(dir, 'session-laptop');
  const base = `http://127.0.0.1:${port}`;
  const other = async <T>(name: string, input: unknown): Promise<T> => {
    const res = await fetch(`${base}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken(dataDir)}` },
      body: JSON.stringify(input),
    });
    const out = (await res.json()) as T & { message?: string };
    expect(res.ok, `${name}: ${out.message}`).toBe(true);
    return out;
  };
  const host = await startHost(port, dataDir);
  try {
    const pkg = { fileName: path.basename(saved), contentBase64: fs.readFileSync(saved).toString('base64') };
    const first = await other<PackagePreview>('meetingPackages.preview', pkg);
    expect(first.conflicts).toEqual([]);
    await other('meetingPackages.import', { ...pkg, resolutions: [] });
    const there = (await other<Meeting[]>('meetings.list', {})).find((m) => m.title === TITLE)!;
    const theirs = (await other<Meeting & { agenda: AgendaItem[] }>('meetings.get', { id: there.id })).agenda[0]!;
    await other('agenda.update', { id: theirs.id, kind: 'motion', title: '审议2031年计划执行情况的报告（修改稿）' });
    await api(request, 'agenda.update', { id: item.id, kind: 'motion', title: '审议2031年国民经济计划执行情况报告' });
    const back = await other<{ fileName: string; contentBase64: string }>('meetingPackages.export', {
      meetingId: there.id,
    });
    const backFile = path.join(dir, back.fileName);
    fs.writeFileSync(backFile, Buffer.from(back.contentBase64, 'base64'));

    await page.goto('/#/meetings');
    await page.getByTestId('package-file').setInputFiles(backFile);
    const dialog = page.getByRole('dialog', { name: `导入会议包：${TITLE}` });
    await expect(dialog).not.toHaveClass(/-(appear|enter)/);
    const conflict = dialog.getByTestId('package-conflicts').locator('tbody tr');
    await expect(conflict).toHaveCount(1);
    await expect(conflict).toContainText('议程“审议2031年计划执行情况的报告（修改稿）”');
    await expect(conflict).toContainText('名称');
    await expect(conflict).toContainText('审议2031年国民经济计划执行情况报告');
    await expect(conflict).toContainText('审议2031年计划执行情况的报告（修改稿）');
    await expect(dialog.getByRole('button', { name: '还有1项冲突未处理' })).toBeDisabled();
    await page.screenshot({ path: path.join(shots, 'meeting-package-conflict.png') });

    await conflict.getByText('采用会议包').click();
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await expect(page.getByText(/已导入会议包/)).toBeVisible();
    const after = await api<Meeting & { agenda: AgendaItem[] }>(request, 'meetings.get', { id: meeting.id });
    expect(after.agenda[0]!.title).toBe('审议2031年计划执行情况的报告（修改稿）');
    expect((await api<{ ok: boolean }>(request, 'audit.verify')).ok).toBe(true);
  } finally {
    await stopHost(host);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
