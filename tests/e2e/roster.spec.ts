import type { Page } from '@playwright/test';
import { api, expect, settled, test } from './fixtures';
import cnchar from 'cnchar';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { rosterFileOnDisk } from '../fixtures/sheets';

/** A newcomer on the demo district: import a roster, see a broken one refused, search by initials, sort by strokes. */

const shots = path.join(__dirname, 'screenshots');

const rosterFile = (name: string, rows: (string | null)[][]) =>
  rosterFileOnDisk(
    name,
    '新华街道第二届议事代表名册',
    ['序号', '姓  名', '性别', '民族', '政治面貌', '工作单位及职务', '所在小组', '联系电话'],
    rows,
  );

const GOOD: (string | null)[][] = [
  ['张三', '男', '汉族', '中共党员', '新华街道社区党委书记', '第一小组', '13800000001'],
  ['李四', '女', '汉', '群众', '新华小学教师', '第一小组', '13800000002'],
  ['王五', '男', '土家族', '无党派', '新华物流公司经理', '第二小组', '13800000003'],
  ['丁一', '女', '汉族', '民盟', '新华社区卫生服务中心医生', '第二小组', '13800000004'],
  ['欧阳明', '男', '回族', '中共党员', '新华村党支部书记', '第三小组', '13800000005'],
  ['周舟', '女', '汉族', '九三学社', '律师事务所主任', '第三小组', '13800000006'],
  ['刘䶮', '男', '汉族', '群众', '新华物业公司职员', '第三小组', '13800000007'], // 䶮 (Ext. A) has no stroke data
];

async function newStreetCouncil(page: Page, name: string) {
  await page.goto('/#/roster');
  await page.getByRole('button', { name: '新建机构' }).click();
  const dialog = await settled(page.getByRole('dialog'));
  await dialog.getByLabel('名称').fill(name);
  await dialog.getByLabel('所属街道/镇').fill('新华街道');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText(`已新建“${name}”`)).toBeVisible();
  await expect(page.locator('.ant-card-head-title').getByText(name)).toBeVisible();
}

/** The first syllable's initial of each character, read by pinyin-pro directly (not through the app's search). */
const initialsOf = (name: string) =>
  pinyin(name, { pattern: 'first', toneType: 'none', surname: 'head', type: 'array' }).join('');
/** Strokes of the surname's first character (cnchar's own data, not the app's 姓氏笔画 sort). */
const surnameStrokes = (name: string) => cnchar.stroke(name[0]!) as number;

test('the demo district is there: searching by initials (as "zs" finds 张三) finds exactly those names, and the roll is in 姓氏笔画 order', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.getByText('江北区人民代表大会').first()).toBeVisible();
  await expect(page.getByText('在任代表 300 名')).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'roster-demo.png') });

  // What the roster holds, straight from the API: the names the search should find.
  const district = (await api<{ id: number; name: string }[]>(request, 'bodies.list')).find(
    (b) => b.name === '江北区人民代表大会',
  )!;
  const members = await api<{ name: string }[]>(request, 'members.list', { bodyId: district.id });
  expect(members).toHaveLength(300);
  // The demo roll has no 张三: search by the two initials most of its names share.
  const counts = new Map<string, number>();
  for (const m of members)
    counts.set(initialsOf(m.name).slice(0, 2), (counts.get(initialsOf(m.name).slice(0, 2)) ?? 0) + 1);
  const query = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const wanted = members.map((m) => m.name).filter((n) => initialsOf(n).startsWith(query));
  expect(wanted.length, `names read ${query}…`).toBeGreaterThan(1);

  await page.goto('/#/roster');
  await expect(page.locator('.ant-card-head-title').getByText('江北区人民代表大会')).toBeVisible();
  const names = () => page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
  // A cell is the name and its tags (⚠, 兼…): read back as the longest roll name it starts with.
  const rollNames = members.map((m) => m.name).sort((a, b) => b.length - a.length);
  const clean = (cells: string[]) => cells.map((c) => rollNames.find((n) => c.startsWith(n)) ?? c);

  // The default order is 姓氏笔画: the first page's surnames never go down in strokes, and it starts at the fewest.
  await page.getByText('按姓氏笔画').click();
  await expect.poll(async () => (await names()).length).toBe(50);
  const firstPage = clean(await names());
  const strokes = firstPage.map(surnameStrokes);
  expect(
    strokes.every((n, i) => i === 0 || n >= strokes[i - 1]!),
    `stroke counts ${strokes.join(',')}`,
  ).toBe(true);
  expect(strokes[0]).toBe(Math.min(...members.map((m) => surnameStrokes(m.name))));
  // 按拼音 puts another name first (unless the roll happens to agree), and back again.
  await page.getByText('按拼音').click();
  await expect.poll(async () => clean(await names())).not.toEqual(firstPage);
  await page.getByText('按姓氏笔画').click();
  await expect.poll(async () => clean(await names())).toEqual(firstPage);

  // By initials: exactly those names, still in 姓氏笔画 order.
  await page.getByLabel('搜索成员').fill(query);
  await expect.poll(async () => clean(await names()).sort()).toEqual([...wanted].sort());
  const found = clean(await names());
  expect(found.map(surnameStrokes)).toEqual([...found.map(surnameStrokes)].sort((a, b) => a - b));
  await page.screenshot({ path: path.join(shots, 'roster-demo-search.png') });
});

test('import a roster, refuse a broken one, search by initials, sort by 笔画', async ({ page }) => {
  await newStreetCouncil(page, '新华街道议事代表会议');

  // A broken file: one bad row among good ones. Nothing is imported, and the row and column are named.
  const broken = await rosterFile('有误的名册.xlsx', [
    ...GOOD.slice(0, 3),
    ['赵六', '未知', '汉族', '群众', '某单位', '第一小组', '12345'],
    ...GOOD.slice(3),
  ]);
  await page.getByRole('button', { name: '导入名册' }).click();
  await page.locator('input[type=file]').setInputFiles(broken);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('import-summary')).toContainText('发现 2 处错误');
  const issues = dialog.getByTestId('import-issues');
  await expect(issues).toContainText('第 6 行');
  await expect(issues).toContainText('性别');
  await expect(issues).toContainText('联系电话');
  await expect(dialog.getByRole('button', { name: /确认导入/ })).toBeDisabled();
  await page.screenshot({ path: path.join(shots, 'import-errors.png') });
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('member-count')).toHaveText('在任议事代表 0 名');

  // The corrected file imports whole.
  const good = await rosterFile('名册.xlsx', GOOD);
  await page.getByRole('button', { name: '导入名册' }).click();
  await page.locator('input[type=file]').setInputFiles(good);
  await expect(dialog.getByTestId('import-summary')).toContainText('共 7 行，全部有效');
  await dialog.getByRole('button', { name: '确认导入 7 名' }).click();
  await expect(page.getByText('已导入7名议事代表')).toBeVisible();
  await expect(page.getByTestId('member-count')).toHaveText('在任议事代表 7 名');

  // 姓氏笔画 order: 丁(2) 王(4) 刘(6) 李(7) 张(7) 欧阳(8) 周(8); at equal counts the strokes 横竖撇点折 decide:
  // 李 横 before 张 折, 欧 横 before 周 撇. 刘䶮 stays under 刘 (its surname is known) and is flagged.
  const names = () => page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
  await expect.poll(names).toEqual(['丁一', '王五', '刘䶮 ⚠', '李四', '张三', '欧阳明', '周舟']);
  const unsure = page.getByTestId('stroke-unknown');
  await expect(unsure).toContainText('1 个姓名含笔顺库未收录的字');
  await expect(unsure).toContainText('刘䶮');
  await page.screenshot({ path: path.join(shots, 'roster-stroke-order.png') });
  await page.getByText('按拼音').click();
  await expect(unsure).toBeHidden();
  await expect.poll(names).toEqual(['丁一', '李四', '刘䶮', '欧阳明', '王五', '张三', '周舟']);
  await page.getByText('按姓氏笔画').click();

  // "/" focuses the search; "zs" finds 张三 by initials, "oy" finds 欧阳明.
  await page.keyboard.press('/');
  await page.keyboard.type('zs');
  await expect.poll(names).toEqual(['张三']);
  await page.getByLabel('搜索成员').fill('oy');
  await expect.poll(names).toEqual(['欧阳明']);
  await page.getByLabel('搜索成员').fill('');
  await page.screenshot({ path: path.join(shots, 'roster-imported.png') });
});

test('audit chain verifies from the settings page', async ({ page }) => {
  await page.goto('/#/settings');
  await page.getByRole('button', { name: '校验哈希链' }).click();
  await expect(page.getByTestId('audit-check')).toContainText('全部校验通过');
  await page.screenshot({ path: path.join(shots, 'settings.png') });
});
