import type { Page } from '@playwright/test';
import path from 'node:path';
import { api, expect, settled, test, choose } from './fixtures';

/**
 * Candidates before the vote (issue 11): a clerk collects candidates from 代表建议 and 民情联络员, screens them at
 * the keyboard, rejects one with a reason, attaches a 论证报告, is refused the adoption while there is no 差额, adopts
 * the list by 主任会议 once there is, and only then can arrange the 票决 — whose ballot has only the candidates.
 */

const shots = path.join(__dirname, 'screenshots');
/** Unique names: the specs share one host (and --repeat-each). */
const tag = () => `${Date.now() % 100_000}${test.info().repeatEachIndex ? `-${test.info().repeatEachIndex + 1}` : ''}`;

async function addProject(page: Page, p: { name: string; origin: string; proposer: string; category: string }) {
  await page.getByRole('button', { name: '添加项目' }).click();
  const dialog = await settled(page.getByRole('dialog', { name: '添加候选项目' }));
  await dialog.getByLabel('项目名称').fill(p.name);
  await choose(page, dialog.getByLabel('来源', { exact: true }), new RegExp(`^${p.origin}$`));
  await dialog.getByLabel('提出人').fill(p.proposer);
  await dialog.getByLabel('类型', { exact: true }).fill(p.category);
  await expect(dialog.locator('.ant-select-content[title="征集"]')).toBeVisible();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, p.name)).toContainText('征集');
}

const rowOf = (page: Page, name: string) => page.getByTestId('projects-table').locator('tbody tr', { hasText: name });

/** Screening at the keyboard: focus the row, → moves it on one step at a time. */
async function screenToCandidate(page: Page, name: string) {
  const row = rowOf(page, name);
  for (const step of ['初审', '论证/评估', '合法性审查', '确定为候选']) {
    await row.focus();
    await page.keyboard.press('ArrowRight');
    await expect(row.locator('.ant-tag')).toHaveText(step);
  }
}

test('a clerk collects, screens and rejects candidates, adopts the list by 主任会议 once there is 差额, and arranges the 票决', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const t = tag();
  const body = (await api<{ id: number; name: string }[]>(request, 'bodies.list')).find(
    (b) => b.name === '江北区人民代表大会',
  )!;
  const ruleSets = await api<{ id: number; key: string | null }[]>(request, 'ruleSets.list');
  const meeting = await api<{ id: number }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId: ruleSets.find((r) => r.key === 'district_midyear_session')!.id,
    title: `江北区人大会议（候选${t}）`,
    date: new Date().toISOString().slice(0, 10),
  });
  await api(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'project_vote',
    title: `票决民生实事项目（候选${t}）`,
  });
  const title = `2028年民生实事候选项目（${t}）`;
  const list = await api<{ id: number }>(request, 'projectLists.create', {
    bodyId: body.id,
    year: 2028,
    title,
    seats: 2,
    sameYear: true,
  });

  await page.goto(`/#/votes/${list.id}`);
  await expect(page.getByTestId('adoption')).toContainText('候选清单尚未确定');

  // Collected from 代表建议 and 民情联络员.
  const A = `学校午餐配送${t}`,
    B = `口袋公园建设${t}`,
    C = `背街小巷改造${t}`,
    D = `社区养老助餐点${t}`;
  await addProject(page, { name: A, origin: '代表建议', proposer: '张明代表（第12号建议）', category: '教育' });
  await addProject(page, {
    name: B,
    origin: '民情联络员',
    proposer: '民情联络员（131名，846条意见）',
    category: '环境',
  });
  await addProject(page, { name: C, origin: '代表建议', proposer: '李华代表', category: '交通' });
  await expect(rowOf(page, B)).toContainText('民情联络员（131名，846条意见）');

  // Screened at the keyboard; a skip is not possible (→ is one step), ← goes back one.
  await screenToCandidate(page, A);
  await rowOf(page, B).focus();
  await page.keyboard.press('ArrowRight');
  await expect(rowOf(page, B).locator('.ant-tag')).toHaveText('初审');
  await page.keyboard.press('ArrowLeft');
  await expect(rowOf(page, B).locator('.ant-tag')).toHaveText('征集');
  await screenToCandidate(page, B);
  await screenToCandidate(page, C);

  // A 论证报告 for A, attached as a candidate document.
  await rowOf(page, A)
    .getByRole('button', { name: `${A}的材料` })
    .click();
  const files = await settled(page.getByRole('dialog', { name: /候选材料/ }));
  await files
    .locator('input[type=file]')
    .setInputFiles({ name: '论证报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 论证报告') });
  await expect(files.getByTestId('candidate-files')).toContainText('论证报告.pdf');
  await files.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await expect(files).toBeHidden();

  // C is rejected with a reason (X on the row asks for it); it leaves the ballot numbers.
  await rowOf(page, C).focus();
  await page.keyboard.press('x');
  const reject = page.getByRole('dialog', { name: `列为未入选：${C}` });
  await reject.getByLabel('未入选原因').fill('与口袋公园建设合并实施');
  await page.keyboard.press('Enter');
  await expect(reject).toBeHidden();
  await expect(rowOf(page, C)).toContainText('未入选');
  await expect(rowOf(page, C)).toContainText('与口袋公园建设合并实施');
  await expect(page.getByTestId('list-figures')).toHaveText(/应选2项.*候选2项.*差额0项.*未入选1项/);

  // Filtered by status.
  await page.getByTestId('screening-filter').getByText('未入选 1').click();
  await expect(page.getByTestId('projects-table').locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('screening-filter').getByText(/^全部/).click();
  await expect(page.getByTestId('projects-table').locator('tbody tr')).toHaveCount(3);

  // No 差额 yet: 安排票决 is disabled and says why; the adoption is refused, with the host's reason.
  await page.getByRole('tab', { name: '票决与结果' }).click();
  await expect(page.getByRole('button', { name: '安排票决' })).toBeDisabled();
  await expect(page.getByText('候选项目清单尚未经主任会议或常委会确定，确定后才能安排票决')).toBeVisible();
  await page.getByRole('tab', { name: /候选项目/ }).click();
  await page.getByRole('button', { name: '确定候选清单…' }).click();
  const adopt = await settled(page.getByRole('dialog', { name: `确定候选清单：${title}` }));
  await expect(adopt.getByTestId('adopt-figures')).toHaveText(/确定为候选2项，应选2项，差额0项/);
  await adopt.getByLabel('文号或会次').fill('第十五次主任会议');
  await adopt.getByRole('button', { name: '确定候选清单' }).click();
  await expect(adopt.getByTestId('adopt-refusal')).toHaveText(
    `确定为候选的项目2个，须多于应选的2个（差额票决），不能确定“${title}”`,
  );
  await page.screenshot({ path: path.join(shots, 'candidates-refused.png') });
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: '放弃未保存的内容？' }).getByRole('button', { name: '放弃并关闭' }).click();
  await expect(adopt).toBeHidden();

  // One more from 民情联络员, screened: now 3 for 2.
  await addProject(page, {
    name: D,
    origin: '民情联络员',
    proposer: '民情联络员（131名，846条意见）',
    category: '养老',
  });
  await screenToCandidate(page, D);
  await expect(page.getByTestId('list-figures')).toHaveText(/候选3项.*差额1项/);
  await page.screenshot({ path: path.join(shots, 'candidates-screened.png') });

  await page.getByRole('button', { name: '确定候选清单…' }).click();
  await expect(adopt.getByTestId('adopt-figures')).toHaveText(/确定为候选3项，应选2项，差额1项/);
  await adopt.getByLabel('决定日期').fill('2028-01-12');
  await adopt.getByLabel('文号或会次').fill('第十五次主任会议');
  await adopt.getByRole('button', { name: '确定候选清单' }).click();
  await expect(adopt).toBeHidden();
  await expect(page.getByTestId('adoption')).toHaveText(
    /候选清单已确定：2028年1月12日经主任会议确定（第十五次主任会议）/,
  );
  // Fixed now: no adding, no screening.
  await expect(page.getByRole('button', { name: '添加项目' })).toBeDisabled();
  await expect(rowOf(page, A).getByRole('button', { name: `${A}：未入选` })).toBeDisabled();
  await page.screenshot({ path: path.join(shots, 'candidates-adopted.png') });

  // The 票决: only the 3 candidates, numbered 1..3 in list order; C is not on it.
  await page.getByRole('tab', { name: '票决与结果' }).click();
  await page.getByRole('button', { name: '安排票决' }).click();
  const arrange = await settled(page.getByRole('dialog', { name: `安排票决：${title}` }));
  await arrange.getByRole('button', { name: '安排' }).click();
  await expect(arrange).toBeHidden();
  await expect(page.getByTestId('round-1')).toContainText('候选3项');
  const got = await api<{ projects: { id: number; name: string; number: number; screening: string }[] }>(
    request,
    'projectLists.get',
    { id: list.id },
  );
  const rounds = await api<{ candidateIds: number[] }[]>(request, 'projectVotes.list', { listId: list.id });
  const byId = new Map(got.projects.map((p) => [p.id, p]));
  expect(rounds[0]!.candidateIds.map((id) => [byId.get(id)!.number, byId.get(id)!.name])).toEqual([
    [1, A],
    [2, B],
    [3, D],
  ]);
});
