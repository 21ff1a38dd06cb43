import type { Locator, Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, settled, test, xlsxRows, choose } from './fixtures';
import { rosterFileOnDisk } from '../fixtures/sheets';

/** Reading the record and keeping the roster: the audit log in Chinese, the roster at 1366×768, re-importing an updated roster. */

const shots = path.join(__dirname, 'screenshots');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
}
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The cell shows all of its text: nothing clipped sideways, no antd ellipsis. */
async function fullyShown(cell: Locator) {
  return cell.evaluate((el) => {
    const inner = (el.querySelector('.ant-table-cell-content') as HTMLElement | null) ?? (el as HTMLElement);
    return (
      el.scrollWidth <= el.clientWidth + 1 &&
      inner.scrollWidth <= inner.clientWidth + 1 &&
      !el.classList.contains('ant-table-cell-ellipsis')
    );
  });
}

test('the audit log reads in Chinese, filters by meeting, kind and time, and exports to Excel', async ({
  page,
  request,
}) => {
  // A script (bearer token) shows a notice; the browser console (cookie) shows the screen blank; a meeting with a sign-in.
  // Other specs on this host may have used the screen before: the 投影 filter below counts on from what was there.
  const screenBefore = (
    (await (await request.post('/api/audit.list', { data: { group: 'screen', limit: 500 } })).json()) as unknown[]
  ).length;
  expect((await request.post('/api/screen.show', { data: { mode: 'message', message: '休会十分钟' } })).ok()).toBe(
    true,
  );
  await page.goto('/#/settings');
  const fromPage = await page.evaluate(
    async () =>
      (
        await fetch('/api/screen.show', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ mode: 'blank' }),
        })
      ).status,
  );
  expect(fromPage).toBe(200);
  const bodies = (await (await request.post('/api/bodies.list', { data: {} })).json()) as {
    id: number;
    kind: string;
  }[];
  const township = bodies.find((b) => b.kind === 'township_congress')!;
  const rs = (
    (await (await request.post('/api/ruleSets.list', { data: {} })).json()) as { id: number; key: string }[]
  ).find((r) => r.key === 'township_quarterly')!;
  const meeting = await (
    await request.post('/api/meetings.create', {
      data: {
        bodyId: township.id,
        kind: 'township_quarterly',
        ruleSetId: rs.id,
        title: '审计测试镇第一季度季会',
        session: '第十八届',
        date: '2026-03-10',
        startTime: '09:00',
        endTime: '11:00',
        quarter: 1,
      },
    })
  ).json();
  const deputy = (
    (await (await request.post('/api/members.list', { data: { bodyId: township.id } })).json()) as {
      membershipId: number;
      name: string;
    }[]
  )[0]!;
  expect(
    (
      await request.post('/api/attendance.mark', {
        data: { meetingId: meeting.id, membershipId: deputy.membershipId, status: 'present' },
      })
    ).ok(),
  ).toBe(true);

  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.goto('/#/settings');
    const table = page.getByTestId('audit-table');
    await expect(table.locator('tbody tr.ant-table-row').first()).toBeVisible();
    const text = await table.innerText();
    // No codes, JSON or raw addresses: actions, actors and details in Chinese.
    expect(text).not.toMatch(/screen\.show|attendance\.signIn|http:|\{"|":/);
    expect(text).toContain('切换投影');
    expect(text).toContain('文字：休会十分钟');
    expect(text).toContain('本机脚本');
    expect(text).toContain('浏览器控制台（本机）');
    expect(text).toContain(`${deputy.name}：未签到 → 出席`);
    // The detail column is not squeezed out at 1366: it is the widest column.
    const detail = table.locator('td[data-col=detail]').first();
    expect((await box(detail)).width).toBeGreaterThan(300);
    await page.screenshot({ path: path.join(shots, `audit-${size.width}.png`) });
  }

  // By meeting: the meeting's creation and its sign-in, nothing else.
  await choose(page, page.getByLabel('按会议筛选'), '审计测试镇第一季度季会');
  await expect(page.getByTestId('audit-count')).toHaveText('共 2 条');
  await expect(page.getByTestId('audit-table')).toContainText('新建会议');
  await expect(page.getByTestId('audit-table')).toContainText('签到');
  await page.getByLabel('按会议筛选').press('Escape');

  // Export what is shown.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-')), (await download).suggestedFilename());
  await (await download).saveAs(file);
  expect(path.basename(file)).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const rows = await xlsxRows(file);
  expect(String(rows[0]![0])).toContain('审计测试镇第一季度季会');
  expect(rows[1]).toEqual(['序号', '时间', '操作者', '类别', '操作', '对象', '内容', '哈希']);
  expect(rows.slice(2).map((r) => r[4])).toEqual(['签到', '新建会议']);
  expect(rows.slice(2).map((r) => r[2])).toEqual(['本机脚本', '本机脚本']);

  // The export is itself in the log, on top: who, which file, how many rows (README, 审计日志).
  await page.reload();
  const newest = page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first();
  await expect(newest).toContainText('导出审计日志');
  await expect(newest).toContainText(`文件：${path.basename(file)}；共2条`);
  await expect(newest).toContainText('浏览器控制台（本机）');
  await newest.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'audit-export-entry.png') });

  // By kind, on the whole log: only 投影.
  await choose(page, page.getByLabel('按操作类别筛选'), '投影');
  await expect(page.getByTestId('audit-count')).toHaveText(`共 ${screenBefore + 2} 条`);
  const tags = await page.getByTestId('audit-table').locator('tbody tr.ant-table-row .ant-tag').allInnerTexts();
  expect(new Set(tags)).toEqual(new Set(['投影']));
  expect(tags.length).toBe(Math.min(screenBefore + 2, 20)); // one page of the table

  // A time range ending before today holds nothing.
  await page.getByPlaceholder('起始时间').click();
  await page.getByPlaceholder('起始时间').fill('2020-01-01 00:00');
  await page.getByPlaceholder('起始时间').press('Enter');
  await page.getByPlaceholder('结束时间').fill('2020-01-02 00:00');
  await page.getByPlaceholder('结束时间').press('Enter');
  await page.screenshot({ path: path.join(shots, 'audit-range.png') });
  await expect(page.getByTestId('audit-count')).toHaveText('共 0 条');
});

async function rosterAt(page: Page, size: { width: number; height: number }) {
  await page.setViewportSize(size);
  await page.goto('/#/roster');
  await expect(page.getByText('在任代表 300 名')).toBeVisible();
  const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
  await expect(first).toBeVisible();
  return first;
}

for (const size of SIZES) {
  test(`the roster at ${size.width}×${size.height}: phone and 单位及职务 fully visible, no button on another`, async ({
    page,
  }) => {
    const first = await rosterAt(page, size);
    const phone = first.locator('td[data-col=phone]');
    const unit = first.locator('td[data-col=unitTitle]');
    const actions = first.locator('td[data-col=actions]');
    const table = page.locator('.ant-table-container').first();
    const [p, u, a, t] = [await box(phone), await box(unit), await box(actions), await box(table)];
    expect(overlaps(p, a), 'phone under the fixed 操作 column').toBe(false);
    expect(overlaps(u, p)).toBe(false);
    expect(p.x + p.width).toBeLessThanOrEqual(t.x + t.width + 1);
    expect(u.x).toBeGreaterThanOrEqual(t.x);
    expect(await phone.innerText()).toMatch(/^1\d{10}$/);
    expect(await fullyShown(phone)).toBe(true);
    // A typical 单位及职务 of the demo (e.g. 龙泉街道社区党委书记、居委会主任) shows whole on every row of the page.
    for (const cell of await page.locator('td[data-col=unitTitle]').all()) expect(await fullyShown(cell)).toBe(true);
    expect((await unit.innerText()).length).toBeGreaterThan(6);
    // The body's 修改 link and the actions do not run into each other.
    const edit = page.locator('.ant-card-head').getByRole('button', { name: '修改' });
    for (const name of ['新增代表', '导入名册', '导出 Excel'])
      expect(overlaps(await box(edit), await box(page.getByRole('button', { name })))).toBe(false);
    await page.screenshot({ path: path.join(shots, `roster-${size.width}.png`) });
  });
}

const rosterFile = (name: string, rows: (string | null)[][]) =>
  rosterFileOnDisk(name, '桂花街道第二届议事代表名册', ['序号', '姓名', '性别', '工作单位及职务', '联系电话'], rows);

test('re-import an updated roster: choose 更新已有成员, see each change old → new, commit all at once; download the template', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/roster');
  await page.getByRole('button', { name: '新建机构' }).click();
  const form = await settled(page.getByRole('dialog'));
  await form.getByLabel('名称').fill('桂花街道议事代表会议');
  await form.getByLabel('所属街道/镇').fill('桂花街道');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已新建“桂花街道议事代表会议”')).toBeVisible();

  const first = [
    ['张三', '男', '桂花社区党委书记', '13700000001'],
    ['李四', '女', '桂花小学教师', '13700000002'],
    ['王五', '男', '桂花物流公司经理', '13700000003'],
  ];
  await page.getByRole('button', { name: '导入名册' }).click();
  const dialog = await settled(page.getByRole('dialog'));
  // The template carries the headers the importer reads.
  const tpl = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '下载模板' }).click();
  const tplFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tpl-')), (await tpl).suggestedFilename());
  await (await tpl).saveAs(tplFile);
  expect(path.basename(tplFile)).toBe('桂花街道议事代表会议名册导入模板.xlsx');
  expect((await xlsxRows(tplFile))[1]).toEqual([
    '序号',
    '姓名',
    '性别',
    '民族',
    '党派',
    '单位及职务',
    '选区/小组',
    '联系电话',
    '座位号',
    '任职起始',
    '任职终止',
    '备注',
    '兼任人大代表',
  ]);

  await page.locator('input[type=file]').setInputFiles(await rosterFile('名册.xlsx', first));
  await dialog.getByRole('button', { name: '确认导入 3 名' }).click();
  await expect(page.getByText('已导入3名议事代表')).toBeVisible();

  // The updated file: 张三 promoted, 李四 unchanged, 周六 new, 王五 not in it.
  const updated = await rosterFile('名册（更新）.xlsx', [
    ['张三', '男', '桂花街道党工委副书记', '13700000001'],
    ['李四', '女', '桂花小学教师', '13700000002'],
    ['周六', '女', '桂花卫生院院长', '13700000006'],
  ]);
  await page.getByRole('button', { name: '导入名册' }).click();
  await page.locator('input[type=file]').setInputFiles(updated);
  // In the default 新增 mode the people already there are refused.
  await expect(dialog.getByTestId('import-summary')).toContainText('发现 2 处错误');
  await expect(dialog.getByTestId('import-issues')).toContainText('已在本机构名册中');
  await dialog.getByText('更新已有成员', { exact: true }).click();
  await expect(dialog.getByTestId('import-summary')).toContainText('新增 1 名，修改 1 名，无变化 1 名');
  const rows = dialog.getByTestId('import-rows');
  await expect(rows).toContainText('单位及职务：桂花社区党委书记 → 桂花街道党工委副书记');
  await expect(rows.locator('tr', { hasText: '李四' })).toContainText('无变化');
  await expect(rows.locator('tr', { hasText: '周六' })).toContainText('新增');
  await expect(dialog.getByTestId('import-missing')).toContainText('王五');
  await expect(dialog.getByTestId('import-missing')).toContainText('不会自动离任');
  await page.screenshot({ path: path.join(shots, 'import-update-1366.png') });
  await dialog.getByRole('button', { name: '确认更新：新增 1 名，修改 1 名' }).click();
  await expect(page.getByText('已更新名册：新增1名议事代表，修改1名，无变化1名')).toBeVisible();
  await expect(page.getByTestId('member-count')).toHaveText('在任议事代表 4 名');
  await expect(page.locator('.ant-table-tbody tr', { hasText: '张三' })).toContainText('桂花街道党工委副书记');
  await expect(page.locator('.ant-table-tbody tr', { hasText: '王五' })).toBeVisible();
});
