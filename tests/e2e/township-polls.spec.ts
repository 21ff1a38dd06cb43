import type { Page } from '@playwright/test';
import path from 'node:path';
import type { AgendaItem, Body, Meeting, Member, PollRound, ProjectList, RuleSet } from '../../shared/contract';
import { api, expect, settled, test, choose } from './fixtures';

/**
 * One 镇人大季会, three kinds of poll on the one engine, driven in the console as a clerk would: a motion by show of
 * hands, a 民生实事项目票决 by electronic ballot (the deputies' devices cast through the API), and a 满意度测评 of the
 * report and of the projects that 票决 chose, on paper keyed twice. 宣布闭会 is refused while the 测评 is unfinished
 * and succeeds once all three are closed. The meeting is seeded through the HTTP API, as the other specs do.
 */

const shots = path.join(__dirname, 'screenshots');
const TOWNSHIP = '鱼嘴镇人民代表大会';
const PRESENT = 60;
const MOTION = '关于鱼嘴镇2027年民生实事项目实施计划的决议';
const REPORT = '听取鱼嘴镇人民政府关于民生实事项目推进情况的报告';
const EVALUATION = '对民生实事项目推进情况进行满意度测评';
const PROJECTS = ['场镇污水管网改造', '村道安全防护', '农贸市场提升', '文化广场照明'];

const TOASTS = '.ant-message-notice, [data-testid="flash"]';
const toast = (page: Page, text: string | RegExp) => page.locator(TOASTS).filter({ hasText: text });

async function keyStack(page: Page, stack: string[]) {
  const box = page.getByTestId('ballot-input');
  for (const b of stack) {
    await box.pressSequentially(b);
    await box.press('Enter');
  }
  await expect(page.getByTestId('count-total')).toHaveText(String(stack.length));
  await expect(page.locator('.count-saving')).toHaveCount(0);
}

test('a 镇人大季会 runs a motion, a 票决 and a 测评 on the one engine; it closes only when all three are closed', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  // A quarter no other spec uses (one 季会 per quarter per year); the other specs take 2026–2029.
  const title = `鱼嘴镇第十九届人民代表大会2031年第二季度会议（${stamp}）`;
  const body = (await api<Body[]>(request, 'bodies.list')).find((b) => b.name === TOWNSHIP)!;
  const rules = (await api<RuleSet[]>(request, 'ruleSets.list')).find((r) => r.key === 'township_quarterly')!;
  const meeting = await api<Meeting>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'township_quarterly',
    ruleSetId: rules.id,
    title,
    date: '2031-04-16',
    quarter: 2,
  });
  await api<AgendaItem>(request, 'agenda.add', { meetingId: meeting.id, kind: 'motion', title: MOTION });
  const voteItem = await api<AgendaItem>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'project_vote',
    title: '票决产生鱼嘴镇2027年民生实事项目',
  });
  await api<AgendaItem>(request, 'agenda.add', { meetingId: meeting.id, kind: 'report', title: REPORT });
  await api<AgendaItem>(request, 'agenda.add', { meetingId: meeting.id, kind: 'evaluation', title: EVALUATION });
  const members = await api<Member[]>(request, 'members.list', { bodyId: body.id });
  const present = members.slice(0, PRESENT);
  for (const m of present)
    await api(request, 'attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  await api(request, 'meetings.open', { id: meeting.id });
  const listTitle = `鱼嘴镇2027年民生实事候选项目（${stamp}）`;
  const list0 = await api<ProjectList>(request, 'projectLists.create', {
    bodyId: body.id,
    year: 2027,
    title: listTitle,
    seats: 2,
    sameYear: true,
  });
  for (const name of PROJECTS) await api(request, 'projects.add', { listId: list0.id, name });
  // Only a list adopted by 主任会议 or 常委会 can be voted on (issue 11).
  await api(request, 'projectLists.adopt', {
    id: list0.id,
    by: 'directors',
    on: '2027-01-12',
    ref: '第十五次主任会议',
  });
  const list = await api<ProjectList>(request, 'projectLists.get', { id: list0.id });
  expect(voteItem.id).toBeGreaterThan(0);

  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`/#/meetings/${meeting.id}/votes`);
  await expect(page.getByTestId('meeting-status')).toHaveText('进行中');

  // ── The motion, by show of hands ─────────────────────────────────────────────────────────────────────
  const m1 = page.getByTestId('motion-1');
  await m1.getByRole('button', { name: '安排表决' }).click();
  const plan = await settled(page.getByRole('dialog', { name: `安排表决：${MOTION}` }));
  await plan.getByText('举手表决', { exact: true }).click();
  await expect(plan.getByRole('radio', { name: '举手表决' })).toBeChecked();
  await plan.getByRole('button', { name: '安排表决' }).click();
  await expect(plan).toBeHidden();
  await m1.getByRole('button', { name: '开始表决' }).click();
  await expect(m1).toContainText('表决中');
  await m1.getByLabel('赞成').fill('56');
  await m1.getByLabel('反对').fill('2');
  await m1.getByLabel('弃权').fill('2');
  await m1.getByRole('button', { name: '录入票数' }).click();
  await expect(m1.getByTestId('counts-saved')).toHaveText('已录入：赞成56，反对2，弃权2（合计60票）');
  await m1.getByRole('button', { name: '结束表决' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '结束表决' }).click();
  await expect(m1.getByTestId('vote-verdict')).toHaveText('通过');
  await expect(m1.getByTestId('announcement')).toContainText(`《${MOTION}》表决结果：赞成56票，反对2票，弃权2票`);

  // ── The 票决, electronic: 4 candidates for 2 ────────────────────────────────────────────────────────
  await page.goto(`/#/votes/${list.id}/rounds`);
  await page.getByRole('button', { name: '安排票决' }).click();
  const arrange = await settled(page.getByRole('dialog'));
  await arrange.getByText('电子选票', { exact: true }).click();
  await arrange.getByRole('button', { name: '安排' }).click();
  const round1 = page.getByTestId('round-1');
  await round1.getByRole('button', { name: '开始投票' }).click();
  await expect(round1.getByTestId('round-progress')).toContainText(`收回 0 / 出席 ${PRESENT}`);
  const voteId = (await api<{ id: number }[]>(request, 'projectVotes.list', { listId: list.id }))[0]!.id;
  const [a, b, c, d] = list.projects.map((p) => p.id) as [number, number, number, number];
  const marks = [
    ...Array<number[]>(50).fill([a, b]),
    ...Array<number[]>(5).fill([a, c]),
    ...Array<number[]>(5).fill([c, d]),
  ];
  for (const [i, yes] of marks.entries())
    await api(request, 'projectVotes.cast', { id: voteId, membershipId: present[i]!.membershipId, marks: { yes } });
  await expect(round1.getByTestId('round-progress')).toContainText(`收回 ${PRESENT} / 出席 ${PRESENT}`);
  await expect(round1).not.toContainText('得票');
  await round1.getByRole('button', { name: '停止投票' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '停止投票' }).click();
  await round1.getByRole('button', { name: '结束计票…' }).click();
  await expect(arrange.getByLabel('发出选票数')).toHaveValue(String(PRESENT));
  await arrange.getByRole('button', { name: '结束计票', exact: true }).click();
  await expect(arrange).toBeHidden();
  // The township's rule: more than half of all its deputies (46 of 90), named as the body names them.
  await expect(round1.getByTestId('announcement')).toContainText('赞成票须超过全体镇人大代表的半数，即至少46票');
  await expect(round1.getByTestId('announcement')).toContainText(
    `以下2个项目入选：1号 ${PROJECTS[0]}（55票）；2号 ${PROJECTS[1]}（50票）`,
  );

  // ── The 测评, on paper: the report and the two projects the 票决 chose ───────────────────────────────
  await page.goto(`/#/meetings/${meeting.id}/votes`);
  const card = page.locator('[data-testid^="evaluation-"]').filter({ hasText: EVALUATION }).first();
  await card.getByRole('button', { name: '安排测评' }).click();
  const dialog = await settled(page.getByRole('dialog'));
  await choose(page, dialog.getByLabel('添加专项工作报告'), '全部添加（1项）');
  await expect(dialog.getByTestId('eval-items-count')).toHaveText('1');
  await choose(page, dialog.getByLabel('添加票决确定的项目'), `${listTitle}（确定2项）`);
  await expect(dialog.getByTestId('eval-items-count')).toHaveText('3');
  await dialog.getByRole('button', { name: '安排测评' }).click();
  await expect(dialog).toHaveCount(0);
  await card.getByRole('button', { name: '开始投票' }).click();
  await expect(card.getByTestId('evaluation-progress')).toContainText(`出席 ${PRESENT} 人`);

  // 宣布闭会 while the 测评 is open: refused, naming it; the meeting stays open.
  await page.getByRole('button', { name: '宣布闭会' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认闭会' }).click();
  await expect(toast(page, `还有1项投票未结束：测评“${EVALUATION}”（投票中）`)).toBeVisible();
  await expect(page.getByTestId('meeting-status')).toHaveText('进行中');

  await card.getByRole('button', { name: '停止投票' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '停止投票' }).click();
  await expect(card.getByTestId('evaluation-status')).toHaveText('正在计票');
  const evalRound = (await api<PollRound[]>(request, 'polls.list', { meetingId: meeting.id })).find(
    (r) => r.kind === 'evaluation',
  )!;
  expect(evalRound.items.map((x) => x.kind)).toEqual(['report', 'project', 'project']);
  expect(evalRound.items[0]!.title).toBe(REPORT);
  expect(evalRound.items[1]!.title).toContain(PROJECTS[0]);
  expect(evalRound.items[2]!.title).toContain(PROJECTS[1]);
  // 60 ballots of three digits: report 满意 on 48, the first project 基本满意 on 12, the second 不满意 on 6.
  const stack = Array.from({ length: PRESENT }, (_v, i) =>
    [i < 48 ? '1' : '2', i % 5 === 0 ? '2' : '1', i % 10 === 0 ? '3' : '1'].join(''),
  );
  await page.goto(`/#/evaluations/${evalRound.id}/1`);
  await keyStack(page, stack);
  await page.goto(`/#/evaluations/${evalRound.id}/2`);
  await keyStack(page, stack);

  // Still counting: 宣布闭会 is refused again.
  await page.goto(`/#/meetings/${meeting.id}/votes`);
  await page.getByRole('button', { name: '宣布闭会' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认闭会' }).click();
  await expect(toast(page, `测评“${EVALUATION}”（计票中）`)).toBeVisible();

  await card.getByRole('button', { name: /结束并计票/ }).click();
  const close = await settled(page.getByRole('dialog'));
  await close.getByLabel('发出测评票数').fill(String(PRESENT));
  await close.getByRole('button', { name: '结束计票' }).click();
  const result = card.getByTestId('evaluation-result');
  await expect(result).toBeVisible();
  await expect(result.getByTestId('announcement')).toContainText(
    `实到${PRESENT}名，发出测评票${PRESENT}张，收回${PRESENT}张，有效${PRESENT}张。`,
  );
  await expect(result.getByTestId('announcement')).toContainText(`${REPORT}：满意48票，基本满意12票，不满意0票`);

  // Three polls, one engine: all three rounds of the meeting, each closed.
  const rounds = await api<PollRound[]>(request, 'polls.list', { meetingId: meeting.id });
  expect(rounds.map((r) => [r.kind, r.status])).toEqual([
    ['motion', 'closed'],
    ['project_vote', 'closed'],
    ['evaluation', 'closed'],
  ]);
  await expect(m1.getByTestId('vote-verdict')).toHaveText('通过');
  await expect(page.getByTestId('project-vote-2')).toContainText('已结束');
  await page.screenshot({ path: path.join(shots, 'township-polls.png'), fullPage: true });

  // Now the meeting closes.
  await page.getByRole('button', { name: '宣布闭会' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认闭会' }).click();
  await expect(page.getByTestId('meeting-status')).toHaveText('已结束');
});
