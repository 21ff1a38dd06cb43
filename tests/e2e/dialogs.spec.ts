import type { APIRequestContext, Page } from '@playwright/test';
import path from 'node:path';
import { api, expect, settled as settledDialog, test } from './fixtures';

/**
 * Irreversible steps ask first, with the figures (结束表决, 停止投票, 宣布开会), and the keyboard can neither
 * confirm them by accident nor lose a half-filled dialog: Esc asks before discarding, Enter walks field by field
 * and saves from the last one, required fields are named in Chinese.
 */

const shots = path.join(__dirname, 'screenshots');
const STREET = '华新街街道议事代表会议';
/** Keeps titles and years apart when the tests are repeated against one host (--repeat-each). */
const run = () => test.info().repeatEachIndex;
const again = () => (run() ? `（${run() + 1}）` : '');

/** A 华新街 meeting with `present` of its 45 members signed in; opened unless said otherwise. */
async function streetMeeting(request: APIRequestContext, title: string, present: number, open = true) {
  const body = (await api<{ id: number; name: string }[]>(request, 'bodies.list')).find((b) => b.name === STREET)!;
  const rules = (await api<{ id: number; key: string | null }[]>(request, 'ruleSets.list')).find(
    (r) => r.key === 'street_council',
  )!;
  const meeting = await api<{ id: number }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'street_council',
    ruleSetId: rules.id,
    title: `${title}${again()}`,
    date: new Date().toISOString().slice(0, 10),
    session: '第二届第四次',
    startTime: '09:00',
    endTime: '11:30',
    venue: '华新街街道办事处二楼会议室',
  });
  const members = (await api<{ membershipId: number }[]>(request, 'members.list', { bodyId: body.id })).map(
    (m) => m.membershipId,
  );
  for (const membershipId of members.slice(0, present))
    await api(request, 'attendance.mark', { meetingId: meeting.id, membershipId, status: 'present' });
  if (open) await api(request, 'meetings.open', { id: meeting.id });
  return { bodyId: body.id, meetingId: meeting.id, members: members.slice(0, present) };
}

const confirmBox = (page: Page) => page.locator('.ant-modal-confirm');
/** A confirmation takes Enter only once it has finished appearing. */
const settled = (page: Page) => expect(confirmBox(page)).not.toHaveClass(/-(appear|enter)/);

test('结束表决 asks with 已投/未投; Enter held down does not confirm, Esc cancels, Enter once visible does', async ({
  page,
  request,
}) => {
  const { meetingId, members } = await streetMeeting(request, '华新街街道议事代表会议（电子表决）', 40);
  const item = await api<{ id: number }>(request, 'agenda.add', {
    meetingId,
    kind: 'motion',
    title: '关于华新街街道2026年民生实事项目的决定',
  });
  const vote = await api<{ id: number }>(request, 'votes.create', {
    agendaItemId: item.id,
    mode: 'electronic',
    secrecy: 'named',
  });
  await api(request, 'votes.open', { id: vote.id });
  for (const membershipId of members.slice(0, 35))
    await api(request, 'votes.cast', { id: vote.id, membershipId, choice: 'yes' });
  const status = async () => (await api<{ status: string }>(request, 'votes.get', { id: vote.id })).status;

  await page.goto(`/#/meetings/${meetingId}`);
  await page.getByRole('tab', { name: /表决/ }).click();
  const motion = page.getByTestId('motion-1');
  await expect(motion.getByTestId('vote-progress')).toContainText('已投 35 / 应投 40');
  const end = motion.getByRole('button', { name: '结束表决' });

  // Enter on the button opens the question; the same key held down (auto-repeat) must not answer it.
  await end.focus();
  await page.keyboard.down('Enter');
  await expect(confirmBox(page)).toContainText('结束表决后不能再投票。已投35人，未投5人（实到40人）。确定结束？');
  await page.keyboard.down('Enter');
  await page.keyboard.up('Enter');
  await expect(confirmBox(page)).toBeVisible();
  expect(await status()).toBe('open');
  await page.screenshot({ path: path.join(shots, 'confirm-end-vote.png') });

  await page.keyboard.press('Escape');
  await expect(confirmBox(page)).toBeHidden();
  expect(await status()).toBe('open');

  await end.click();
  await settled(page);
  await expect(confirmBox(page).getByRole('button', { name: '结束表决' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(motion.getByTestId('vote-verdict')).toBeVisible();
  expect(await status()).toBe('closed');
});

test('a show of hands with no counts entered is not closed; with counts it asks with them', async ({
  page,
  request,
}) => {
  const { meetingId } = await streetMeeting(request, '华新街街道议事代表会议（举手表决）', 30);
  const item = await api<{ id: number }>(request, 'agenda.add', {
    meetingId,
    kind: 'motion',
    title: '关于华新街街道背街小巷整治方案的决定',
  });
  const vote = await api<{ id: number }>(request, 'votes.create', {
    agendaItemId: item.id,
    mode: 'hands',
    secrecy: 'named',
  });
  await api(request, 'votes.open', { id: vote.id });

  await page.goto(`/#/meetings/${meetingId}`);
  await page.getByRole('tab', { name: /表决/ }).click();
  const motion = page.getByTestId('motion-1');
  await motion.getByRole('button', { name: '结束表决' }).click();
  await expect(page.locator('.ant-message-notice').filter({ hasText: '尚未录入票数' })).toBeVisible();
  await expect(confirmBox(page)).toHaveCount(0);
  expect((await api<{ status: string }>(request, 'votes.get', { id: vote.id })).status).toBe('open');

  await motion.getByLabel('赞成').fill('26');
  await motion.getByLabel('反对').fill('2');
  await motion.getByLabel('弃权').fill('1');
  await motion.getByRole('button', { name: '结束表决' }).click();
  await expect(confirmBox(page)).toContainText(
    '结束表决后不能再修改票数。赞成26，反对2，弃权1，未表决1人（实到30人）；改动的票数将先录入。',
  );
  await confirmBox(page).getByRole('button', { name: '结束表决' }).click();
  await expect(motion.getByTestId('vote-verdict')).toHaveText('通过');
  await expect(motion.getByTestId('announcement')).toContainText('赞成26票，反对2票，弃权1票，未表决1人');
});

test('宣布开会 asks with 应到/实到/法定人数 and what can no longer be changed; Esc leaves it in preparation', async ({
  page,
  request,
}) => {
  const { meetingId } = await streetMeeting(request, '华新街街道第二届议事代表会议第四次会议', 40, false);
  await page.goto(`/#/meetings/${meetingId}`);
  await expect(page.getByTestId('meeting-status')).toHaveText('筹备');
  await page.getByRole('button', { name: '宣布开会' }).click();
  const box = confirmBox(page);
  await expect(box).toContainText('应到议事代表45名，实到40名，符合法定人数');
  await expect(box).toContainText('宣布开会后，以下会议信息不能再修改');
  await expect(box).toContainText('届次会次：第二届第四次');
  await expect(box).toContainText('09:00—11:30');
  await expect(box).toContainText('地点：华新街街道办事处二楼会议室');
  await page.screenshot({ path: path.join(shots, 'confirm-open-meeting.png') });
  await page.keyboard.press('Escape');
  await expect(box).toBeHidden();
  await expect(page.getByTestId('meeting-status')).toHaveText('筹备');
  await page.getByRole('button', { name: '宣布开会' }).click();
  // Opened again: a click on it while it still zooms in is lost (it was, on a loaded machine).
  await expect(box).toBeVisible();
  await settled(page);
  await box.getByRole('button', { name: '宣布开会' }).click();
  await expect(page.getByTestId('meeting-status')).toHaveText('进行中');
});

test('停止投票 says how many have not voted; the 安排票决 dialog keeps its 监票人 on Esc', async ({
  page,
  request,
}) => {
  const { bodyId, members } = await streetMeeting(request, '华新街街道议事代表会议（民生实事票决）', 40);
  const meetings = await api<{ id: number; title: string }[]>(request, 'meetings.list', { bodyId });
  const meetingId = meetings.find((m) => m.title === `华新街街道议事代表会议（民生实事票决）${again()}`)!.id;
  await api(request, 'agenda.add', { meetingId, kind: 'project_vote', title: '票决华新街街道民生实事项目' });
  const list = await api<{ id: number }>(request, 'projectLists.create', {
    bodyId,
    year: 2031 + run(),
    title: `华新街街道民生实事项目${again()}`,
    seats: 3,
  });
  const ids: number[] = [];
  for (const name of ['社区食堂', '背街小巷整治', '口袋公园', '加装电梯', '充电桩'])
    ids.push((await api<{ id: number }>(request, 'projects.add', { listId: list.id, name })).id);
  // Only a list adopted by 主任会议 or 常委会 can be voted on (issue 11).
  await api(request, 'projectLists.adopt', { id: list.id, by: 'directors', on: '2027-01-12', ref: '第十五次主任会议' });

  await page.goto(`/#/votes/${list.id}/rounds`);
  await page.getByRole('button', { name: '安排票决' }).click();
  const dialog = await settledDialog(page.getByRole('dialog', { name: /安排票决/ }));
  await dialog.getByText('电子选票', { exact: true }).click();
  await dialog.getByLabel('监票人').fill('王建国');
  await page.keyboard.press('Enter');
  await expect(dialog.locator('.ant-select-selection-item').filter({ hasText: '王建国' })).toBeVisible();
  // Esc in the tags box asks first; 继续填写 keeps everything.
  await page.keyboard.press('Escape');
  const discard = page.getByRole('dialog', { name: '放弃未保存的内容？' });
  await expect(discard).toContainText('对话框中填写的内容尚未保存');
  await settled(page);
  await page.screenshot({ path: path.join(shots, 'confirm-discard.png') });
  await discard.getByRole('button', { name: '继续填写' }).click();
  await expect(dialog.locator('.ant-select-selection-item').filter({ hasText: '王建国' })).toBeVisible();
  await dialog.getByRole('button', { name: '安排' }).click();
  await expect(dialog).toBeHidden();

  const round = page.getByTestId('round-1');
  await round.getByRole('button', { name: '开始投票' }).click();
  await expect(round.getByTestId('round-progress')).toContainText('收回 0 / 出席 40');
  const { id: voteId } = (await api<{ id: number }[]>(request, 'projectVotes.list', { listId: list.id }))[0]!;
  for (const membershipId of members.slice(0, 25))
    await api(request, 'projectVotes.cast', { id: voteId, membershipId, marks: { yes: ids.slice(0, 3) } });
  await expect(round.getByTestId('round-progress')).toContainText('收回 25 / 出席 40');

  await round.getByRole('button', { name: '停止投票' }).click();
  await expect(confirmBox(page)).toContainText('已收回25张，未投15人（出席40人）');
  await page.keyboard.press('Escape');
  await expect(round).toContainText('投票中');
  await round.getByRole('button', { name: '停止投票' }).click();
  await confirmBox(page).getByRole('button', { name: '停止投票' }).click();
  await expect(round).toContainText('计票中');
});

test('新建会议: Enter in 日期 moves on instead of saving; Esc asks before discarding, and just closes when nothing was typed', async ({
  page,
  request,
}) => {
  const count = async () => (await api<unknown[]>(request, 'meetings.list', {})).length;
  const before = await count();
  await page.goto('/#/meetings');
  const street = page.locator('[data-testid^="body-meetings-"]').filter({ hasText: STREET });

  // Nothing typed: Esc simply closes.
  await street.getByRole('button', { name: '新建会议' }).click();
  const dialog = await settledDialog(page.getByRole('dialog', { name: '新建会议' }));
  await expect(dialog.getByLabel('日期')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await street.getByRole('button', { name: '新建会议' }).click();
  await dialog.getByLabel('日期').fill('2026-09-10');
  await dialog.getByLabel('日期').press('Enter');
  await expect(dialog.getByLabel('会议名称')).toBeFocused();
  await expect(dialog).toBeVisible();
  expect(await count()).toBe(before);

  // Esc: asked; Esc again answers 继续填写, and the date is still there.
  await page.keyboard.press('Escape');
  const discard = page.getByRole('dialog', { name: '放弃未保存的内容？' });
  await expect(discard).toContainText('尚未保存');
  await page.keyboard.press('Escape');
  await expect(discard).toBeHidden();
  await expect(dialog.getByLabel('日期')).toHaveValue('2026-09-10');

  // Enter walks on to 地点 and submits from there; an empty required field is named and gets the keyboard.
  await dialog.getByLabel('会议名称').fill('华新街街道第二届议事代表会议第五次会议');
  await dialog.getByLabel('会议名称').press('Enter');
  await expect(dialog.getByLabel('开始时间')).toBeFocused();
  await page.keyboard.type('14:30');
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('结束时间')).toBeFocused();
  await page.keyboard.type('17:00');
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('地点')).toBeFocused();
  await dialog.getByLabel('会议名称').fill('');
  await dialog.getByLabel('地点').press('Enter');
  await expect(dialog).toContainText('请填写会议名称');
  await expect(dialog.getByLabel('会议名称')).toBeFocused();
  expect(await count()).toBe(before);

  // Discarding on purpose: Esc, then Enter on 放弃并关闭.
  await page.keyboard.press('Escape');
  await settled(page);
  await expect(discard.getByRole('button', { name: '放弃并关闭' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  expect(await count()).toBe(before);
});

test('新建机构 saves on Enter from the last field; 性别 takes a typed 女 or nv; Esc in a member dialog asks', async ({
  page,
}) => {
  const name = `新华街道议事代表会议（对话框${again()}）`;
  await page.goto('/#/roster');
  await page.getByRole('button', { name: '新建机构' }).click();
  const dialog = await settledDialog(page.getByRole('dialog', { name: '新建机构' }));
  await dialog.getByLabel('名称').fill(name);
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('所属街道/镇')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  // 所属街道/镇 is required for a street council: named, and the keyboard is put there.
  await expect(dialog).toContainText('街道议事代表会议和镇人大须注明所属街道或镇');
  await expect(dialog.getByLabel('所属街道/镇')).toBeFocused();
  await page.keyboard.type('新华街道');
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('届次')).toBeFocused();
  await page.keyboard.type('第二届');
  await page.keyboard.press('Enter');
  await expect(page.getByText(`已新建“${name}”`)).toBeVisible();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: '新增议事代表' }).click();
  const member = await settledDialog(page.getByRole('dialog', { name: '新增议事代表' }));
  await member.getByLabel('姓名').fill('刘芳');
  await page.keyboard.press('Enter');
  await expect(member.getByLabel('性别')).toBeFocused();
  await page.keyboard.type('女');
  await page.keyboard.press('Enter');
  await expect(member.locator('.ant-form-item').filter({ hasText: '性别' }).locator('.ant-select')).toContainText('女');
  await member.getByLabel('性别').press('Enter');
  await expect(member.getByLabel('民族')).toBeFocused();
  await member.getByLabel('性别').focus();
  await page.keyboard.type('nan');
  await page.keyboard.press('Enter');
  await expect(member.locator('.ant-form-item').filter({ hasText: '性别' }).locator('.ant-select')).toContainText('男');
  await member.getByLabel('性别').focus();
  await page.keyboard.type('nv');
  await page.keyboard.press('Enter');
  await expect(member.locator('.ant-form-item').filter({ hasText: '性别' }).locator('.ant-select')).toContainText('女');
  // Esc goes to the topmost layer, which is the option list until it has finished closing.
  await expect(member.getByLabel('性别')).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);

  await page.keyboard.press('Escape');
  // Clicked once it has stopped zooming in: a click during the animation can land on the mask (the CI flake).
  const ask = page.getByRole('dialog', { name: '放弃未保存的内容？' });
  await settled(page);
  await ask.getByRole('button', { name: '放弃并关闭' }).click();
  await expect(ask).toBeHidden();
  await expect(member).toBeHidden();
  await expect(page.getByTestId('member-count')).toHaveText('在任议事代表 0 名');
});

test('新建候选项目清单 for a year that has one asks first; 不建 changes nothing and names the 年度', async ({
  page,
  request,
}) => {
  const body = (await api<{ id: number; name: string }[]>(request, 'bodies.list')).find((b) => b.name === STREET)!;
  const year = 2041 + run();
  await api(request, 'projectLists.create', {
    bodyId: body.id,
    year,
    title: `华新街街道${year}年民生实事项目`,
    seats: 5,
  });
  const lists = async () => (await api<unknown[]>(request, 'projectLists.list', { bodyId: body.id })).length;
  const before = await lists();

  await page.goto('/#/votes');
  await page.getByRole('button', { name: '新建候选项目清单' }).click();
  const dialog = await settledDialog(page.getByRole('dialog', { name: '新建候选项目清单' }));
  await expect(dialog.getByLabel('机构')).toBeFocused();
  await page.keyboard.type('华新街');
  // Enter picks the option the clerk sees highlighted: wait for it, as the list filters (a busy host has many bodies).
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option-active')).toContainText(
    '华新街街道议事代表会议',
  );
  await page.keyboard.press('Enter');
  await expect(dialog.locator('.ant-form-item').filter({ hasText: '机构' }).locator('.ant-select')).toContainText(
    '华新街街道议事代表会议',
  );
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('年度')).toBeFocused();
  await dialog.getByLabel('年度').fill(String(year));
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('清单名称')).toBeFocused();
  await dialog.getByLabel('清单名称').fill(`华新街街道${year}年民生实事项目（增补）`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');

  await expect(confirmBox(page)).toContainText(`本机构${year}年度已有候选项目清单“华新街街道${year}年民生实事项目”`);
  await confirmBox(page).getByRole('button', { name: '不建' }).click();
  await expect(dialog.locator('.ant-form-item').filter({ hasText: '年度' })).toContainText('不能再新建同一年度的清单');
  expect(await lists()).toBe(before);
});
