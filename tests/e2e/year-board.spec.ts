import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { api, expect, settled, test } from './fixtures';

/**
 * The year board (实事): a body's 2025 票决 chose 2 projects for 3 seats, a 年中会议 rated them and one fell below
 * the 70% line. The clerk sees both projects with their flags and the empty seat as 空缺, filters by flag, records
 * the department's 整改 response with a document, and exports the year to .xlsx.
 */

const shots = path.join(__dirname, 'screenshots');
const tag = `${Date.now() % 1_000_000}`;
const NAMES = ['王建国', '李秀英', '张志强', '刘桂兰', '陈德华'];

async function setUpYear(request: APIRequestContext) {
  const body = await api<{ id: number; name: string }>(request, 'bodies.create', {
    kind: 'district_congress',
    name: `实事测试区人民代表大会${tag}`,
    area: null,
    term: '第三届',
  });
  const members = [];
  for (const name of NAMES)
    members.push(await api<{ membershipId: number }>(request, 'members.create', { bodyId: body.id, name }));
  const ruleSetId = (await api<{ id: number; key: string | null }[]>(request, 'ruleSets.list', {})).find(
    (r) => r.key === 'district_midyear_session',
  )!.id;
  const meeting = await api<{ id: number }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId,
    title: `第三届第三次会议${tag}`,
    date: '2025-07-15',
  });
  for (const m of members)
    await api(request, 'attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  const voteItem = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'project_vote',
    title: '票决产生2025年度民生实事项目',
  });
  const evalItem = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'evaluation',
    title: '对民生实事项目进行满意度测评',
  });
  const list = await api<{ id: number }>(request, 'projectLists.create', {
    bodyId: body.id,
    year: 2025,
    title: `2025年度民生实事项目${tag}`,
    seats: 3,
  });
  const projects: { id: number; name: string }[] = [];
  for (const [name, department] of [
    ['城区老旧小区改造', '区住房城乡建设局'],
    ['社区养老服务中心建设', '区民政局'],
    ['中小学校舍提升', '区教育局'],
    ['公交线路优化', '区交通运输局'],
  ]) {
    projects.push(await api(request, 'projects.add', { listId: list.id, name, department, budgetWan: 600 }));
  }
  await api(request, 'projectLists.adopt', { id: list.id, by: 'directors', on: '2025-01-10', ref: '第十五次主任会议' });
  await api(request, 'meetings.open', { id: meeting.id });
  const vote = await api<{ id: number }>(request, 'projectVotes.create', {
    listId: list.id,
    agendaItemId: voteItem.id,
    style: 'choose',
    mode: 'electronic',
  });
  await api(request, 'projectVotes.open', { id: vote.id });
  for (const m of members)
    await api(request, 'projectVotes.cast', {
      id: vote.id,
      membershipId: m.membershipId,
      marks: { yes: [projects[0]!.id, projects[1]!.id], no: [], abstain: [] },
    });
  await api(request, 'projectVotes.close', { id: vote.id, issued: members.length });
  const round = await api<{ id: number }>(request, 'evaluations.create', {
    agendaItemId: evalItem.id,
    style: 'rating',
    mode: 'electronic',
    items: projects.slice(0, 2).map((p) => ({ kind: 'project', refId: p.id, title: p.name })),
  });
  await api(request, 'polls.open', { id: round.id });
  // 城区老旧小区改造: 3 of 5 satisfied (60%, below 70%); 社区养老服务中心建设: 5 of 5.
  for (const [i, m] of members.entries()) {
    await api(request, 'polls.cast', {
      id: round.id,
      membershipId: m.membershipId,
      ballot: { ratings: [i < 3 ? 'satisfied' : 'unsatisfied', 'satisfied'] },
    });
  }
  await api(request, 'polls.close', { id: round.id });
  return { body, projects };
}

test('the year board shows the chosen projects with flags and the empty seat; a 整改 is responded to; the year exports', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const { body, projects } = await setUpYear(request);
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(`/#/year/${body.id}/2025`);

  const board = page.getByTestId('year-board');
  await expect(board.getByRole('link', { name: '城区老旧小区改造' })).toHaveAttribute(
    'href',
    `#/year/project/${projects[0]!.id}`,
  );
  await expect(board.getByRole('link', { name: '社区养老服务中心建设' })).toBeVisible();
  await expect(board.getByRole('link', { name: '中小学校舍提升' })).toHaveCount(0);
  // The seat no round filled: on the board as 空缺, and in words, never as complete.
  await expect(page.getByTestId('year-lists')).toContainText('确定2项，应选3项，1项空缺');
  await expect(board.getByTestId('year-seat')).toHaveCount(1);
  await expect(page.getByTestId('year-unfilled')).toContainText('1个名额未确定项目');
  // 60% is below the 70% line; its deadline (2025-09-13) has passed on today's calendar.
  const flagsA = page.getByTestId(`flags-${projects[0]!.id}`);
  // The state says 整改中; the flags beside it add what the state does not (overdue), without repeating it.
  await expect(board.locator('tr', { has: flagsA })).toContainText('整改中');
  await expect(flagsA).not.toContainText('整改中');
  await expect(flagsA).toContainText('整改逾期');
  await expect(board).toContainText('满意率60.00%');
  await expect(page.getByTestId(`flags-${projects[1]!.id}`)).not.toContainText('整改');
  await page.screenshot({ path: path.join(shots, 'year-board.png'), fullPage: true });

  // Filter by flag: only the project with an overdue 整改 remains.
  await page.getByTestId('year-flag-filter').getByText('整改逾期 1').click();
  await expect(board.getByRole('link')).toHaveCount(1);
  await page.getByRole('button', { name: '显示全部' }).click();
  await expect(board.getByRole('link')).toHaveCount(2);

  // Export: a real .xlsx with the clerk's headers and the empty seat.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${body.name}2025年度民生实事项目推进情况表.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  expect((ws.getRow(3).values as unknown[]).slice(1, 9)).toEqual([
    '序号',
    '项目名称',
    '责任单位',
    '类型',
    '预算（万元）',
    '实施期限',
    '进度',
    '满意率',
  ]);
  expect(ws.getRow(4).getCell(2).value).toBe('城区老旧小区改造');
  expect(ws.getRow(6).getCell(2).value).toBe('（空缺1项）');

  // 整改: the department's response with its document.
  await page.getByRole('tab', { name: '整改' }).click();
  await expect(page).toHaveURL(new RegExp(`#/year/${body.id}/2025/rectifications$`));
  const rects = page.getByTestId('year-rectifications');
  const row = rects.getByRole('row').filter({ hasText: '城区老旧小区改造' });
  await expect(row).toContainText('整改逾期');
  await expect(row).toContainText('区住房城乡建设局');
  await row.getByRole('button', { name: '报送整改情况' }).click();
  const dialog = await settled(page.getByRole('dialog'));
  await dialog.getByLabel('整改情况').fill('已完成3个小区雨污分流改造，剩余2个小区11月底前完工。');
  await dialog.getByLabel('报告日期').fill('2025-10-28');
  await dialog
    .locator('input[type=file]')
    .setInputFiles({ name: '整改情况报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 整改') });
  await page.screenshot({ path: path.join(shots, 'year-respond.png') });
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('已完成3个小区雨污分流改造');
  await expect(row.getByRole('button', { name: '整改情况报告.pdf' })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'year-rectifications.png'), fullPage: true });

  // The board says it has been reported.
  await page.getByRole('tab', { name: '年度推进表' }).click();
  await expect(board).toContainText('期限2025-09-13，已报送');

  await page.getByRole('tab', { name: '历年对比' }).click();
  await expect(page.getByTestId('year-trends')).toContainText('区住房城乡建设局');
  await page.screenshot({ path: path.join(shots, 'year-trends.png'), fullPage: true });
});
