import type { APIRequestContext, Page } from '@playwright/test';
import path from 'node:path';
import { api, expect, settled, test } from './fixtures';
import { congressName } from '../fixtures/names';

/**
 * The year of a livelihood project, end to end (issue 11, "Done when"): last year's annual session of a 区人大
 * chooses 10 of 12 (a tie at the last seat, a runoff); the combined result and the 主席团公告; plans and progress; a
 * 年中会议 whose 听取民生实事项目进展报告 names the projects (the clerk picks them on the agenda) and rates them on the
 * spot; one falls below the 70% line and gets a 整改, the department responds; the next session's 测评 passes it and the
 * 整改 closes; the project's timeline reads 候选 → 票决 → 计划 → 进展 → 测评 → 整改 → 复评 in order.
 * Last calendar year, so every date is past whatever day this runs. Its own body: e2e specs share one host.
 */

const shots = path.join(__dirname, 'screenshots');
const Y = new Date().getFullYear() - 1;
const ruleSet = async (request: APIRequestContext, key: string) =>
  (await api<{ id: number; key: string | null }[]>(request, 'ruleSets.list', {})).find((r) => r.key === key)!.id;

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `project-year-${name}.png`), fullPage: true });
}

test('the year of a project: 票决 10 of 12 with a runoff, progress heard and rated at the 年中会议, a 整改 closed by the next session’s 测评, the timeline in order', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  const tag = `年${Date.now() % 100000}`;

  // A district congress of its own, 30 deputies.
  const body = await api<{ id: number; name: string }>(request, 'bodies.create', {
    kind: 'district_congress',
    name: `${tag}区人民代表大会`,
    term: '第三届',
  });
  for (let i = 0; i < 30; i++) {
    await api(request, 'members.create', {
      bodyId: body.id,
      name: congressName(i),
      phone: `137${String(20_000_000 + i * 7919 + tag.length).padStart(8, '0')}`,
    });
  }
  const members = (await api<{ membershipId: number }[]>(request, 'members.list', { bodyId: body.id })).map(
    (m) => m.membershipId,
  );
  const voters = members.slice(0, 22);

  // ── The annual session: 12 candidates for 10 seats; round 1 ties 10 and 11 at the last seat; the runoff settles it.
  const annual = await api<{ id: number }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'district_annual',
    ruleSetId: await ruleSet(request, 'district_annual_session'),
    title: `${tag}区第三届人民代表大会第三次会议`,
    session: '第三届第三次会议',
    date: `${Y}-01-12`,
  });
  for (const m of voters)
    await api(request, 'attendance.mark', { meetingId: annual.id, membershipId: m, status: 'present' });
  const voteItem = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: annual.id,
    kind: 'project_vote',
    title: `票决产生${Y}年度民生实事项目`,
  });
  const list = await api<{ id: number }>(request, 'projectLists.create', {
    bodyId: body.id,
    year: Y,
    title: `${tag}${Y}年度民生实事候选项目`,
    seats: 10,
    sameYear: true,
  });
  const DEPTS = [
    '区住房城乡建设局',
    '区民政局',
    '区教育局',
    '区交通运输局',
    '区卫生健康局',
    '区水务局',
    '区城管局',
    '区文旅局',
    '区市场监管局',
    '区人社局',
    '区农业农村局',
    '区体育局',
  ];
  for (let i = 1; i <= 12; i++)
    await api(request, 'projects.add', { listId: list.id, name: `${tag}民生项目${i}`, department: DEPTS[i - 1] });
  await api(request, 'projectLists.adopt', {
    id: list.id,
    by: 'committee',
    on: `${Y - 1}-12-20`,
    ref: '区人大常委会第三十次会议',
  });
  await api(request, 'meetings.open', { id: annual.id });
  const pids = (await api<{ projects: { id: number }[] }>(request, 'projectLists.get', { id: list.id })).projects.map(
    (p) => p.id,
  );
  const first = await api<{ id: number }>(request, 'projectVotes.create', {
    listId: list.id,
    agendaItemId: voteItem.id,
    style: 'approve',
    mode: 'electronic',
    scrutineers: ['王监票'],
    counters: ['赵计票'],
  });
  await api(request, 'projectVotes.open', { id: first.id });
  for (const [i, m] of voters.entries()) {
    await api(request, 'projectVotes.cast', {
      id: first.id,
      membershipId: m,
      marks: { yes: [...pids.slice(0, 9), ...(i < 18 ? pids.slice(9, 11) : []), ...(i < 2 ? [pids[11]] : [])] },
    });
  }
  await api(request, 'projectVotes.close', { id: first.id, issued: 22 });
  const runoff = await api<{ id: number }>(request, 'projectVotes.nextRound', { id: first.id });
  await api(request, 'projectVotes.open', { id: runoff.id });
  for (const [i, m] of voters.entries())
    await api(request, 'projectVotes.cast', {
      id: runoff.id,
      membershipId: m,
      marks: { yes: i < 17 ? [pids[9]] : i < 22 ? [pids[10]] : [] },
    });
  await api(request, 'projectVotes.close', { id: runoff.id, issued: 22 });

  // The clerk reads the combined result and the 主席团公告.
  await page.goto(`/#/votes/${list.id}/rounds`);
  const result = page.getByTestId('list-result');
  await expect(result.getByTestId('list-result-summary')).toHaveText('确定10项，应选10项');
  const rows = result.getByTestId('list-result-table').locator('tbody tr');
  await expect(rows).toHaveCount(10);
  await expect(rows.nth(9)).toContainText(`${tag}民生项目10`);
  await expect(rows.nth(9)).toContainText('第2轮');
  const notice = result.getByTestId('list-announcement');
  await expect(notice).toContainText(`${tag}区第三届人民代表大会第三次会议主席团公告`);
  await expect(notice).toContainText('应到代表30名，实到22名，符合法定人数。');
  await expect(notice).toContainText('确定10项，应选10项。');
  await shoot(page, '1-result');

  // ── Plans and progress (the departments report; entered through the API, the record page has its own spec).
  const chosen = pids.slice(0, 10);
  const p2 = chosen[1]!;
  for (const [i, pid] of chosen.slice(0, 3).entries()) {
    await api(request, 'projectPlans.set', {
      projectId: pid,
      department: DEPTS[i],
      lead: '王主任',
      budgetWan: 500 + i * 100,
      startOn: `${Y}-03-01`,
      finishOn: `${Y}-12-31`,
    });
    await api(request, 'projectProgress.add', {
      projectId: pid,
      reportedOn: `${Y}-06-30`,
      percent: 40 + i * 10,
      spentWan: 200,
      text: '主体工程推进中',
    });
  }

  // ── The 年中会议 of the same congress: the clerk names the projects on 听取民生实事项目进展报告.
  const mid = await api<{ id: number }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId: await ruleSet(request, 'district_midyear_session'),
    title: `${tag}区第三届人民代表大会第四次会议`,
    date: `${Y}-07-20`,
  });
  for (const m of voters)
    await api(request, 'attendance.mark', { meetingId: mid.id, membershipId: m, status: 'present' });
  await api(request, 'agenda.add', { meetingId: mid.id, kind: 'report', title: '听取民生实事项目进展报告' });
  await api(request, 'agenda.add', { meetingId: mid.id, kind: 'evaluation', title: '对民生实事项目进行满意度测评' });
  await api(request, 'meetings.open', { id: mid.id });

  await page.goto(`/#/meetings/${mid.id}/agenda`);
  const report = page.getByTestId('agenda-item-1');
  await report.getByTestId('agenda-projects-pick').click();
  const pick = await settled(page.getByRole('dialog', { name: /听取的项目/ }));
  // Only the ten the 票决 chose are offered: 11 and 12 are not.
  await pick.getByLabel('听取的项目').click();
  await expect(page.locator('.ant-select-item-option').filter({ hasText: `${tag}民生项目11` })).toHaveCount(0);
  // From the keyboard: type, Enter picks; then the whole list with its button; Ctrl+Enter saves.
  await page.keyboard.type('民生项目2');
  await page.keyboard.press('Enter');
  await expect(pick.locator('.ant-select-selection-item')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(pick).toBeVisible();
  await pick.getByRole('button', { name: /全部添加/ }).click();
  await expect(pick).toContainText('已选10项');
  await shoot(page, '2-pick');
  await pick.getByLabel('听取的项目').focus();
  await page.keyboard.press('Control+Enter');
  await expect(pick).toBeHidden();
  await expect(report.getByTestId('agenda-projects-heard')).toContainText('听取项目（10项）');
  await expect(report.getByRole('link', { name: `${tag}民生项目2`, exact: true })).toHaveAttribute(
    'href',
    `#/year/project/${p2}`,
  );
  const audit = await api<{ action: string; entityId: number | null }[]>(request, 'audit.list', { limit: 20 });
  expect(audit.some((e) => e.action === 'agendaProjects.set')).toBe(true);
  await shoot(page, '3-agenda');

  // The 测评 on the spot: the clerk arranges it with the projects the meeting heard; the deputies rate them.
  await page.goto(`/#/meetings/${mid.id}/votes`);
  const card = page.locator('[data-testid^="evaluation-"]').first();
  await card.getByRole('button', { name: '安排测评' }).click();
  const arrange = await settled(page.getByRole('dialog'));
  // Clicked once the dialog has finished appearing and knows all ten heard projects (a busy host is slower).
  await expect(arrange).not.toHaveClass(/-(appear|enter)/);
  await expect(arrange.getByTestId('eval-add-heard')).toContainText('（10项）');
  await arrange.getByTestId('eval-add-heard').click();
  await expect(arrange.getByTestId('eval-items-count')).toHaveText('10');
  await arrange.getByLabel('投票方式').getByText('电子测评').click();
  await arrange.getByRole('button', { name: '安排测评' }).click();
  await expect(arrange).toHaveCount(0);
  const midRound = (
    await api<{ id: number; kind: string; items: { refId: number | null }[] }[]>(request, 'polls.list', {
      meetingId: mid.id,
    })
  ).find((r) => r.kind === 'evaluation')!;
  expect(midRound.items.map((x) => x.refId)).toEqual(chosen);
  await api(request, 'polls.open', { id: midRound.id });
  // 民生项目2: 14 of 22 satisfied or basically so (63.64%, below the 70% line); the others 22 of 22.
  for (const [i, m] of voters.entries()) {
    await api(request, 'polls.cast', {
      id: midRound.id,
      membershipId: m,
      ballot: { ratings: chosen.map((pid) => (pid === p2 && i >= 14 ? 'unsatisfied' : 'satisfied')) },
    });
  }
  const closed = await api<{ status: string }>(request, 'polls.close', { id: midRound.id });
  expect(closed.status).toBe('closed');
  await page.reload();
  await expect(card.getByTestId('evaluation-result')).toBeVisible();
  await shoot(page, '4-rated');

  // ── The board of the year: 民生项目2 has a 整改; the 整改 tab has it with its department.
  await page.goto(`/#/year/${body.id}/${Y}`);
  const board = page.getByTestId('year-board');
  await expect(page.getByTestId('year-lists')).toContainText('确定10项，应选10项');
  await expect(board.getByRole('link')).toHaveCount(10);
  await expect(page.getByTestId(`flags-${p2}`)).toContainText('整改');
  await expect(board).toContainText('满意率63.64%');
  await shoot(page, '5-board');
  await page.getByRole('tab', { name: '整改' }).click();
  const rects = page.getByTestId('year-rectifications');
  const rect = rects.getByRole('row').filter({ hasText: `${tag}民生项目2` });
  await expect(rect).toContainText('区民政局');
  await rect.getByRole('button', { name: '报送整改情况' }).click();
  const respond = await settled(page.getByRole('dialog'));
  await respond.getByLabel('整改情况').fill('已增设2处服务网点，延长服务时间。');
  await respond.getByLabel('报告日期').fill(`${Y}-09-10`);
  await respond.getByRole('button', { name: '保存' }).click();
  await expect(respond).toHaveCount(0);
  await expect(rect).toContainText('已增设2处服务网点');
  await shoot(page, '6-rectification');

  // ── The next annual session's 测评 of last year's projects (the 测评 takes the congress's own lists) rates them
  // all satisfied: the 整改 closes.
  const end = await api<{ id: number }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'district_annual',
    ruleSetId: await ruleSet(request, 'district_annual_session'),
    title: `${tag}区第三届人民代表大会第五次会议`,
    session: '第三届第五次会议',
    date: `${Y + 1}-01-10`,
  });
  const cm = voters;
  for (const m of cm) await api(request, 'attendance.mark', { meetingId: end.id, membershipId: m, status: 'present' });
  const endItem = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: end.id,
    kind: 'evaluation',
    title: '对民生实事项目完成情况进行满意度测评',
  });
  await api(request, 'meetings.open', { id: end.id });
  const endRound = await api<{ id: number }>(request, 'evaluations.create', {
    agendaItemId: endItem.id,
    style: 'rating',
    mode: 'electronic',
    items: chosen.map((pid, i) => ({ kind: 'project', refId: pid, title: `${tag}民生项目${i + 1}` })),
  });
  await api(request, 'polls.open', { id: endRound.id });
  for (const m of cm)
    await api(request, 'polls.cast', {
      id: endRound.id,
      membershipId: m,
      ballot: { ratings: chosen.map(() => 'satisfied') },
    });
  await api(request, 'polls.close', { id: endRound.id });

  await page.reload();
  await expect(rect).toContainText('已整改');
  await page.getByRole('tab', { name: '年度推进表' }).click();
  await expect(page.getByTestId(`flags-${p2}`)).not.toContainText('整改');

  // ── The record's timeline: every step, in order, dated by the meetings.
  await page.goto(`/#/year/project/${p2}`);
  // allTextContents does not wait: the timeline is read once all ten entries have loaded.
  await expect(page.getByTestId('timeline-entry')).toHaveCount(10);
  const kinds = await page.getByTestId('record-timeline').locator('.tl-head .ant-tag').allTextContents();
  expect(kinds).toEqual(['候选', '票决', '计划', '进展', '会议听取', '测评', '整改', '整改答复', '复评', '整改销号']);
  const entries2 = page.getByTestId('timeline-entry');
  await expect(entries2.filter({ hasText: '满意度测评' }).first()).toContainText('满意率63.64%');
  await expect(entries2.filter({ hasText: '满意度测评' }).first()).toContainText('低于整改线');
  await expect(entries2.filter({ hasText: '整改销号' })).toContainText(`${Y + 1}年1月10日`);
  await expect(entries2.filter({ hasText: '整改：区民政局' })).toContainText(`${Y}年7月20日`);
  await shoot(page, '7-timeline');
});
