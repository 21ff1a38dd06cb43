import type { Locator, Page } from '@playwright/test';
import { api, expect, settled, test } from './fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Attendance, Vote } from '../../shared/contract';

/**
 * A whole 镇人大季会 on the demo township (90 deputies, seats 1–90): create the Q3 2026 meeting, set the agenda,
 * sign in 60 deputies by keyboard, open, vote on one motion by show of hands and on another electronically
 * (with the clerk entering votes for deputies whose devices failed), read the announcements, close.
 */

const shots = path.join(__dirname, 'screenshots');
const TOWNSHIP = '鱼嘴镇人民代表大会';
const TITLE = '鱼嘴镇第十九届人民代表大会2026年第三季度会议';
const MOTION_1 = '关于鱼嘴镇2026年第三季度民生实事项目推进情况报告的决议';
const MOTION_2 = '关于调整鱼嘴镇2026年财政预算的决议';

/** Toasts: antd's messages, and the one-at-a-time flash that sign-in and vote entry use. */
const TOASTS = '.ant-message-notice, [data-testid="flash"]';
const toast = (page: Page, text: string | RegExp) => page.locator(TOASTS).filter({ hasText: text });

async function addAgendaItem(page: Page, kind: string, title: string) {
  await page.getByRole('button', { name: '添加议程' }).click();
  const dialog = await settled(page.getByRole('dialog', { name: '添加议程' }));
  await dialog.getByText(kind, { exact: true }).click();
  await dialog.getByLabel('议程名称').fill(title);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, `已添加议程“${title}”`)).toBeVisible();
}

async function signIn(page: Page, box: Locator, text: string) {
  await box.pressSequentially(text);
  await box.press('Enter');
}

test('a whole 镇人大季会: create, agenda, keyboard sign-in, quorum, hands and electronic votes, announcements, close', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);

  // ── Create the Q3 2026 meeting of the township congress ──────────────────────────────────────────────
  await page.goto('/#/meetings');
  const township = page.locator('[data-testid^="body-meetings-"]').filter({ hasText: TOWNSHIP });
  await township.getByRole('button', { name: '新建会议' }).click();
  const create = await settled(page.getByRole('dialog', { name: '新建会议' }));
  // Only 镇人大季会 is valid for a township congress, and its rule set (with both bases) is chosen.
  await expect(create.locator('.ant-form-item').filter({ hasText: '会议类型' })).toContainText('镇人大季会');
  await expect(create.getByTestId('rule-basis')).toContainText('须有三分之二以上代表出席（地方组织法第十四条）');
  await expect(create.getByTestId('rule-basis')).toContainText('以全体代表的过半数通过（地方组织法第二十五条）');
  await create.getByLabel('日期').fill('2026-07-15');
  // The quarter follows the date.
  await expect(create.locator('.ant-form-item').filter({ hasText: '季度' })).toContainText('第三季度');
  await create.getByLabel('届次会次').fill('第十九届第十二次');
  await create.getByLabel('会议名称').fill(TITLE);
  await create.getByLabel('开始时间').fill('09:00');
  await create.getByLabel('结束时间').fill('12:00');
  await create.getByLabel('地点').fill('鱼嘴镇人民政府三楼会议室');
  await create.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('meeting-title')).toHaveText(TITLE);
  await expect(page.getByTestId('meeting-status')).toHaveText('筹备');
  await expect(page.getByTestId('meeting-date')).toContainText('2026年7月15日');
  await expect(page.locator('.meeting-header')).toContainText('须有三分之二以上代表出席（地方组织法第十四条）');
  const meetingId = Number(/#\/meetings\/(\d+)/.exec(page.url())?.[1]);
  expect(meetingId).toBeGreaterThan(0);

  // ── Agenda: two motions, one with a document ─────────────────────────────────────────────────────────
  await page.getByRole('tab', { name: /议程/ }).click();
  await addAgendaItem(page, '表决事项', MOTION_1);
  await addAgendaItem(page, '表决事项', MOTION_2);
  await expect(page.getByTestId('agenda-item-1')).toContainText(MOTION_1);
  await expect(page.getByTestId('agenda-item-2')).toContainText(MOTION_2);
  const doc = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'agenda-')), '决议草案.txt');
  fs.writeFileSync(doc, '鱼嘴镇人民代表大会关于民生实事项目推进情况报告的决议（草案）\n');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('agenda-item-1').getByRole('button', { name: '附件' }).click();
  await (await chooser).setFiles(doc);
  const docLink = page.getByTestId('agenda-item-1').getByRole('button', { name: /决议草案\.txt/ });
  await expect(docLink).toBeVisible();
  const download = page.waitForEvent('download');
  await docLink.click();
  expect((await download).suggestedFilename()).toBe('决议草案.txt');

  // ── Opening with nobody signed in is refused, naming the rule ────────────────────────────────────────
  await page.getByRole('tab', { name: /签到/ }).click();
  await page.getByRole('button', { name: '宣布开会' }).click();
  const refusal = await settled(page.getByRole('dialog', { name: '未达法定人数' }));
  await expect(refusal.getByTestId('quorum-refusal')).toContainText('地方组织法第十四条');
  await refusal.getByRole('button', { name: '暂不开会' }).click();
  await expect(page.getByTestId('meeting-status')).toHaveText('筹备');

  // ── Sign-in by keyboard: the box has focus; seat numbers + Enter, as a badge scanner types them ─────
  const box = page.getByLabel('签到', { exact: true });
  await expect(box).toBeFocused();
  await expect(page.getByTestId('quorum-status')).toContainText('未达法定人数');
  for (let seat = 1; seat <= 58; seat++) await signIn(page, box, String(seat));
  await expect(page.getByTestId('summary-present')).toHaveText('58');
  const rows = (await api<Attendance>(request, 'attendance.get', { meetingId })).rows;
  const bySeat = (n: number) => rows.find((r) => r.seatNo === String(n))!;
  await expect(toast(page, `${bySeat(58).name} 已签到`)).toBeVisible();

  // By name…
  const byName = bySeat(59);
  await box.fill(byName.name);
  await expect(page.getByTestId('signin-hint')).toContainText(`59号 ${byName.name}`);
  await box.press('Enter');
  await expect(toast(page, `${byName.name} 已签到`)).toBeVisible();
  // …and by pinyin (a deputy whose full pinyin no one else shares).
  const byPinyin = rows.find((r) => Number(r.seatNo) >= 60 && rows.filter((o) => o.pinyin === r.pinyin).length === 1)!;
  await signIn(page, box, byPinyin.pinyin);
  await expect(toast(page, `${byPinyin.name} 已签到`)).toBeVisible();
  await expect(box).toHaveValue('');

  // Signing in twice is refused and changes nothing.
  await signIn(page, box, '5');
  await expect(toast(page, '不必重复签到')).toBeVisible();

  // One deputy on leave, with a reason: typing the seat number (without Enter) finds the row.
  const leave = rows.find((r) => Number(r.seatNo) > 60 && r !== byPinyin)!;
  await box.fill(leave.seatNo!);
  await page.getByTestId(`att-row-${leave.seatNo}`).getByRole('button', { name: '请假' }).click();
  const leaveDialog = await settled(page.getByRole('dialog', { name: `${leave.name} 请假` }));
  await leaveDialog.getByLabel('请假原因').fill('因公出差，已经主席团同意');
  await leaveDialog.getByRole('button', { name: '登记请假' }).click();
  // The box is cleared for the next name; typing the seat again shows the row on leave.
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');
  await box.fill(leave.seatNo!);
  await expect(page.getByTestId(`att-row-${leave.seatNo}`)).toContainText('请假');
  await box.press('Escape');
  await expect(box).toHaveValue('');

  await expect(page.getByTestId('summary-expected')).toHaveText('90');
  await expect(page.getByTestId('summary-present')).toHaveText('60');
  await expect(page.getByTestId('summary-leave')).toHaveText('1');
  await expect(page.getByTestId('summary-absent')).toHaveText('29');
  // Not in alarm red before the meeting opens: nobody has missed anything yet.
  await expect(page.getByTestId('summary-absent')).not.toHaveCSS('color', 'rgb(168, 7, 26)');
  await expect(page.getByTestId('summary-pending')).toHaveText('29');
  const quorum = page.getByTestId('quorum-status');
  await expect(quorum).toContainText('符合法定人数');
  await expect(quorum).toHaveClass(/quorum-met/);
  await expect(page.getByTestId('quorum-text')).toHaveText('应到代表90名，实到60名，符合法定人数');
  await expect(quorum).toContainText('须有三分之二以上代表出席（地方组织法第十四条）');
  await expect(page.locator(TOASTS)).toHaveCount(0);
  await page.screenshot({ path: path.join(shots, 'sign-in.png') });

  // ── Open the meeting (after a confirmation with the figures and what becomes fixed) ───────────────────
  await page.getByRole('button', { name: '宣布开会' }).click();
  const opening = page.locator('.ant-modal-confirm');
  await expect(opening).toContainText('应到代表90名，实到60名，符合法定人数');
  await expect(opening).toContainText('地点：鱼嘴镇人民政府三楼会议室');
  await opening.getByRole('button', { name: '宣布开会' }).click();
  await expect(page.getByTestId('meeting-status')).toHaveText('进行中');
  await page.getByRole('tab', { name: /签到/ }).click();
  await expect(page.getByTestId('summary-absent')).toHaveCSS('color', 'rgb(168, 7, 26)');

  // ── Motion 1 by show of hands ────────────────────────────────────────────────────────────────────────
  await page.getByRole('tab', { name: /表决/ }).click();
  const m1 = page.getByTestId('motion-1');
  await m1.getByRole('button', { name: '安排表决' }).click();
  const plan = await settled(page.getByRole('dialog', { name: `安排表决：${MOTION_1}` }));
  await plan.getByText('举手表决', { exact: true }).click();
  await plan.getByRole('button', { name: '安排表决' }).click();
  await expect(plan).toBeHidden();
  await m1.getByRole('button', { name: '开始表决' }).click();
  await expect(m1).toContainText('表决中');

  // 61 counted hands with 60 present: the host refuses and nothing changes.
  await m1.getByLabel('赞成').fill('50');
  await m1.getByLabel('反对').fill('5');
  await m1.getByLabel('弃权').fill('6');
  await expect(m1.getByTestId('not-voting')).toHaveText('超出实到人数 1 名');
  await m1.getByRole('button', { name: '录入票数' }).click();
  await expect(toast(page, '超过实到人数60名')).toBeVisible();
  await expect(m1.getByTestId('counts-saved')).toHaveText('尚未录入票数');
  await expect(m1).toContainText('表决中');

  await m1.getByLabel('赞成').fill('55');
  await m1.getByLabel('反对').fill('3');
  await m1.getByLabel('弃权').fill('2');
  await expect(m1.getByTestId('not-voting')).toHaveText('0');
  await m1.getByRole('button', { name: '录入票数' }).click();
  await expect(m1.getByTestId('counts-saved')).toHaveText('已录入：赞成55，反对3，弃权2（合计60票）');
  await m1.getByRole('button', { name: '结束表决' }).click();
  await expect(page.locator('.ant-modal-confirm')).toContainText('赞成55，反对3，弃权2，未表决0人（实到60人）');
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '结束表决' }).click();
  await expect(m1.getByTestId('vote-verdict')).toHaveText('通过');
  const a1 = m1.getByTestId('announcement');
  await expect(a1).toContainText('应到代表90名，实到60名，符合法定人数');
  await expect(a1).toContainText(`《${MOTION_1}》表决结果：赞成55票，反对3票，弃权2票，未表决0人`);
  await expect(a1).toContainText('通过');
  await expect(a1).not.toContainText('未通过');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await m1.getByRole('button', { name: '复制' }).click();
  await expect(toast(page, '已复制公告文字')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await a1.innerText());

  // ── Motion 2 electronically: deputies vote on their devices, the clerk enters a few by keyboard ──────
  const m2 = page.getByTestId('motion-2');
  await m2.getByRole('button', { name: '安排表决' }).click();
  const plan2 = await settled(page.getByRole('dialog', { name: `安排表决：${MOTION_2}` }));
  await expect(plan2.getByRole('radio', { name: '电子表决' })).toBeChecked();
  await plan2.getByRole('button', { name: '安排表决' }).click();
  await expect(plan2).toBeHidden();
  await m2.getByRole('button', { name: '开始表决' }).click();
  const progress = m2.getByTestId('vote-progress');
  await expect(progress).toContainText('已投 0 / 应投 60');

  const vote2 = (await api<Vote[]>(request, 'votes.list', { meetingId })).find((v) => v.status === 'open')!;
  for (let seat = 6; seat <= 50; seat++) {
    await api(request, 'votes.cast', { id: vote2.id, membershipId: bySeat(seat).membershipId, choice: 'yes' });
  }
  // Progress arrives live, and never a tally.
  await expect(progress).toContainText('已投 45 / 应投 60');
  await expect(m2).not.toContainText('赞成45');

  const entry = m2.getByLabel('代为录入');
  const enterVote = async (seat: number, key: '1' | '2' | '3') => {
    await entry.pressSequentially(String(seat));
    await entry.press('Enter');
    await expect(m2.getByTestId('clerk-pad')).toContainText(bySeat(seat).name);
    await page.keyboard.press(key);
  };
  await enterVote(1, '1');
  await expect(toast(page, `已为 ${bySeat(1).name} 录入：赞成`)).toBeVisible();
  await enterVote(2, '1');
  await enterVote(3, '2');
  await enterVote(4, '3');
  await expect(toast(page, `已为 ${bySeat(4).name} 录入：弃权`)).toBeVisible();
  // …one by name.
  await entry.fill(bySeat(5).name);
  await entry.press('Enter');
  await m2.getByTestId('clerk-pad').getByRole('button', { name: /赞成/ }).click();
  await expect(toast(page, `已为 ${bySeat(5).name} 录入：赞成`)).toBeVisible();
  await expect(progress).toContainText('已投 50 / 应投 60');

  // A second vote for the same deputy is refused; the count stays.
  await enterVote(1, '2');
  await expect(toast(page, `${bySeat(1).name}已经投过票，不能重复投票`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(progress).toContainText('已投 50 / 应投 60');

  await m2.getByRole('button', { name: '结束表决' }).click();
  await expect(page.locator('.ant-modal-confirm')).toContainText('已投50人，未投10人（实到60人）');
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '结束表决' }).click();
  await expect(m2.getByTestId('vote-verdict')).toHaveText('通过');
  const a2 = m2.getByTestId('announcement');
  await expect(a2).toContainText('应到代表90名，实到60名，符合法定人数');
  await expect(a2).toContainText(`《${MOTION_2}》表决结果：赞成48票，反对1票，弃权1票，未表决10人`);
  await expect(a2).toContainText('通过');
  await expect(a2).not.toContainText('未通过');
  await expect(m2).toContainText('赞成票须超过全体代表的半数，即至少46票');
  await expect(page.locator(TOASTS)).toHaveCount(0);
  // The 投到大屏 offer spoke of the vote as it opened; closed, it is gone and covers none of the result's buttons.
  await expect(page.getByTestId('offer-screen')).toHaveCount(0);
  await m2.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'vote-result.png') });

  // ── A late arrival (补签到), then close the meeting ─────────────────────────────────────────────────
  await page.getByRole('tab', { name: /签到/ }).click();
  const late = rows.find((r) => Number(r.seatNo) > 60 && r !== byPinyin && r !== leave)!;
  await signIn(page, page.getByLabel('签到', { exact: true }), late.seatNo!);
  await expect(toast(page, `${late.name} 补签到`)).toBeVisible();
  await expect(page.getByTestId('summary-present')).toHaveText('61');

  await page.getByRole('button', { name: '宣布闭会' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认闭会' }).click();
  await expect(page.getByTestId('meeting-status')).toHaveText('已结束');
  await expect(page.getByLabel('签到', { exact: true })).toBeDisabled();

  // The list shows it in the 2026 季会 series, in the third quarter.
  await page.goto('/#/meetings');
  const q3 = page.getByTestId('quarter-2026-3');
  await expect(q3).toContainText(TITLE);
  await expect(q3).toContainText('已结束');
});

test('a standing-committee meeting opened below quorum with a reason, a vote refused below quorum, and a re-vote by show of hands', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const TITLE2 = '江北区第十八届人大常委会第三十次会议';
  const MOTION = '关于批准江北区2025年区级决算的决议';
  await page.goto('/#/meetings');
  const committee = page.locator('[data-body="江北区人大常委会"]');
  await committee.getByRole('button', { name: '新建会议' }).click();
  const create = await settled(page.getByRole('dialog', { name: '新建会议' }));
  // The committee's own kind comes first; no quarter for it.
  await expect(create.locator('.ant-form-item').filter({ hasText: '会议类型' })).toContainText('区人大常委会会议');
  await expect(create.getByTestId('rule-basis')).toContainText(
    '须有常委会全体组成人员过半数出席（地方组织法第五十一条）',
  );
  await expect(create.getByLabel('季度')).toHaveCount(0);
  await create.getByLabel('日期').fill('2026-06-26');
  await create.getByLabel('会议名称').fill(TITLE2);
  await create.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('meeting-title')).toHaveText(TITLE2);
  const meetingId = Number(/#\/meetings\/(\d+)/.exec(page.url())?.[1]);

  await page.getByRole('tab', { name: /议程/ }).click();
  await addAgendaItem(page, '表决事项', MOTION);

  // 10 of 33 signed in: below 过半数 (17).
  await page.getByRole('tab', { name: /签到/ }).click();
  const box = page.getByLabel('签到', { exact: true });
  for (let seat = 1; seat <= 10; seat++) await signIn(page, box, String(seat));
  await expect(page.getByTestId('summary-present')).toHaveText('10');
  await expect(page.getByTestId('quorum-status')).toHaveClass(/quorum-unmet/);
  await expect(page.getByTestId('quorum-text')).toContainText('至少须17名出席');

  // Opening is refused naming the rule; the clerk opens anyway with a reason, which is recorded.
  await page.getByRole('button', { name: '宣布开会' }).click();
  const refusal = await settled(page.getByRole('dialog', { name: '未达法定人数' }));
  await expect(refusal.getByTestId('quorum-refusal')).toContainText('地方组织法第五十一条');
  await refusal.getByRole('button', { name: '强行开会' }).click();
  await expect(refusal.getByText('强行开会须填写理由')).toBeVisible();
  await refusal.getByLabel('强行开会理由').fill('先听取报告，表决待人数达到后进行');
  await refusal.getByRole('button', { name: '强行开会' }).click();
  await expect(page.getByTestId('meeting-status')).toHaveText('进行中');
  await expect(page.locator('.meeting-header')).toContainText('先听取报告，表决待人数达到后进行');

  // A vote cannot start below quorum: the host says why, nothing changes.
  await page.getByRole('tab', { name: /表决/ }).click();
  const card = page.getByTestId('motion-1');
  await card.getByRole('button', { name: '安排表决' }).click();
  await page
    .getByRole('dialog', { name: `安排表决：${MOTION}` })
    .getByRole('button', { name: '安排表决' })
    .click();
  await card.getByRole('button', { name: '开始表决' }).click();
  await expect(toast(page, '不能开始表决')).toBeVisible();
  await expect(card).toContainText('未开始');

  // Seven latecomers (补签到) make 17 of 33.
  await page.getByRole('tab', { name: /签到/ }).click();
  for (let seat = 11; seat <= 17; seat++) await signIn(page, page.getByLabel('签到', { exact: true }), String(seat));
  await expect(page.getByTestId('summary-present')).toHaveText('17');
  await expect(page.getByTestId('quorum-status')).toHaveClass(/quorum-met/);

  // Round 1 electronic: only five devices work; it fails.
  await page.getByRole('tab', { name: /表决/ }).click();
  await card.getByRole('button', { name: '开始表决' }).click();
  await expect(card.getByTestId('vote-progress')).toContainText('已投 0 / 应投 17');
  const rows = (await api<Attendance>(request, 'attendance.get', { meetingId })).rows;
  const vote = (await api<Vote[]>(request, 'votes.list', { meetingId }))[0]!;
  for (const r of rows.slice(0, 5))
    await api(request, 'votes.cast', { id: vote.id, membershipId: r.membershipId, choice: 'yes' });
  await expect(card.getByTestId('vote-progress')).toContainText('已投 5 / 应投 17');
  await card.getByRole('button', { name: '结束表决' }).click();
  await expect(page.locator('.ant-modal-confirm')).toContainText('已投5人，未投12人（实到17人）');
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '结束表决' }).click();
  await expect(card.getByTestId('vote-verdict')).toHaveText('未通过');

  // Re-vote by show of hands (the default after an electronic round); round 1 stays listed.
  await card.getByRole('button', { name: '重新表决' }).click();
  const revote = await settled(page.getByRole('dialog', { name: `重新表决：${MOTION}` }));
  await expect(revote.getByRole('radio', { name: '举手表决' })).toBeChecked();
  await revote.getByRole('button', { name: '安排重新表决' }).click();
  await expect(card).toContainText('第2轮 · 举手表决');
  await expect(card.getByTestId('round-1')).toContainText('第1轮 · 电子表决 · 记名：未通过（赞成5，反对0，弃权0）');
  await card.getByRole('button', { name: '开始表决' }).click();
  await card.getByLabel('赞成').fill('17');
  // 结束表决 saves the counts first (and says so).
  await card.getByRole('button', { name: '结束表决' }).click();
  await expect(page.locator('.ant-modal-confirm')).toContainText(
    '赞成17，反对0，弃权0，未表决0人（实到17人）；改动的票数将先录入',
  );
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '结束表决' }).click();
  await expect(card.getByTestId('vote-verdict')).toHaveText('通过');
  await expect(card.getByTestId('announcement')).toContainText('应到组成人员33名，实到17名，符合法定人数');
  await expect(card.getByTestId('announcement')).toContainText('赞成17票，反对0票，弃权0票，未表决0人');
});
