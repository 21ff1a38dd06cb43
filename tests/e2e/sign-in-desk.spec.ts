import type { APIRequestContext, Page } from '@playwright/test';
import path from 'node:path';
import type { Attendance, AttendanceRow, Body, Meeting, RuleSet, Vote } from '../../shared/contract';
import { api, expect, settled, test } from './fixtures';

/**
 * The sign-in desk as a clerk works it by keyboard, on the demo township (90 deputies): initials that fit two
 * deputies sign in no one until ↑↓ picks one; the picked row is highlighted; the box is empty after a 请假; the
 * sheet follows sign-ins from their events without refetching; and a show-of-hands count typed and entered at once
 * saves what was typed.
 */

const shots = path.join(__dirname, 'screenshots');
const TOASTS = '.ant-message-notice, [data-testid="flash"]';
const toast = (page: Page, text: string | RegExp) => page.locator(TOASTS).filter({ hasText: text });

async function township(request: APIRequestContext, quarter: 1 | 4, date: string): Promise<Meeting> {
  const body = (await api<Body[]>(request, 'bodies.list', {})).find((b) => b.name === '鱼嘴镇人民代表大会')!;
  const ruleSetId = (await api<RuleSet[]>(request, 'ruleSets.list', {})).find(
    (r) => r.key === 'township_quarterly',
  )!.id;
  return api<Meeting>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'township_quarterly',
    ruleSetId,
    title: `鱼嘴镇人民代表大会${date.slice(0, 4)}年第${quarter}季度会议`,
    session: '第十九届',
    date,
    startTime: '09:00',
    endTime: '11:00',
    venue: '镇政府三楼会议室',
    quarter,
  });
}

test('initials that fit two deputies sign in no one until ↑↓ picks one; the box is cleared after 请假; the sheet patches from events', async ({
  page,
  request,
}) => {
  const meeting = await township(request, 1, '2035-01-14');
  const rows = (await api<Attendance>(request, 'attendance.get', { meetingId: meeting.id })).rows;
  // Two deputies with the same initials (the demo roll has several such pairs).
  const byInitials = new Map<string, AttendanceRow[]>();
  for (const r of rows) byInitials.set(r.initials, [...(byInitials.get(r.initials) ?? []), r]);
  const [initials, pair] = [...byInitials].find(([, rs]) => rs.length === 2)!;
  const [first, second] = pair as [AttendanceRow, AttendanceRow];

  const fetches: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/attendance.get')) fetches.push(r.url());
  });
  await page.goto(`/#/meetings/${meeting.id}`);
  const box = page.getByLabel('签到', { exact: true });
  await expect(box).toBeFocused();
  await expect(page.getByTestId('summary-present')).toHaveText('0');
  const loaded = fetches.length;

  // Enter with two matches signs in no one, and says why.
  await box.pressSequentially(initials);
  await expect(page.getByTestId('signin-hint')).toContainText('共 2 人符合，请按');
  await expect(page.locator('.row-target')).toHaveCount(0);
  await box.press('Enter');
  await expect(toast(page, `共 2 人符合“${initials}”`)).toBeVisible();
  await expect(page.getByTestId('summary-present')).toHaveText('0');
  await expect(box).toHaveValue(initials);

  // ↓ picks the first, highlighted (the list is virtual: its cells are divs); ↓ again the second; Enter signs in the pick.
  await box.press('ArrowDown');
  const firstRow = page.getByTestId(`att-row-${first.seatNo}`);
  await expect(firstRow).toHaveClass(/row-target/);
  await expect(firstRow.locator('.ant-table-cell').first()).toHaveCSS('background-color', 'rgb(255, 241, 240)');
  await expect(page.getByTestId('signin-hint')).toContainText(`回车：为 ${first.seatNo}号 ${first.name}`);
  await box.press('ArrowDown');
  await expect(page.getByTestId(`att-row-${second.seatNo}`)).toHaveClass(/row-target/);
  await expect(firstRow).not.toHaveClass(/row-target/);
  await box.press('Enter');
  await expect(toast(page, `${second.name} 已签到`)).toBeVisible();
  await expect(box).toHaveValue('');
  await expect(page.getByTestId('summary-present')).toHaveText('1');

  // The same initials again: still a choice, although only one of the two is not yet present.
  await box.pressSequentially(initials);
  await box.press('Enter');
  await expect(page.getByTestId('summary-present')).toHaveText('1');
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(toast(page, `${first.name} 已签到`)).toBeVisible();
  await expect(page.getByTestId('summary-present')).toHaveText('2');
  const status = async (r: AttendanceRow) =>
    (await api<Attendance>(request, 'attendance.get', { meetingId: meeting.id })).rows.find(
      (x) => x.membershipId === r.membershipId,
    )!.status;
  expect([await status(first), await status(second)]).toEqual(['present', 'present']);

  // A seat number (as a badge scanner types it) signs in at once.
  const others = rows.filter((r) => r !== first && r !== second);
  await box.pressSequentially(others[0]!.seatNo!);
  await box.press('Enter');
  await expect(toast(page, `${others[0]!.name} 已签到`)).toBeVisible();
  await expect(page.getByTestId('summary-present')).toHaveText('3');

  // 请假 from the row found by seat number: afterwards the box is empty, so the next seat is not appended to it.
  const leave = others[1]!;
  await box.pressSequentially(leave.seatNo!);
  await page.getByTestId(`att-row-${leave.seatNo}`).getByRole('button', { name: '请假' }).click();
  const dialog = await settled(page.getByRole('dialog', { name: `${leave.name} 请假` }));
  await dialog.getByLabel('请假原因').fill('因病请假');
  await dialog.getByRole('button', { name: '登记请假' }).click();
  await expect(dialog).toBeHidden();
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');
  await expect(page.getByTestId('summary-leave')).toHaveText('1');
  await box.pressSequentially(others[2]!.seatNo!);
  await box.press('Enter');
  await expect(toast(page, `${others[2]!.name} 已签到`)).toBeVisible();

  // A sign-in at another desk shows here from its event.
  await api(request, 'attendance.markOne', {
    meetingId: meeting.id,
    membershipId: others[3]!.membershipId,
    status: 'present',
  });
  await expect(page.getByTestId('summary-present')).toHaveText('5');
  await box.pressSequentially(others[3]!.seatNo!);
  await expect(page.getByTestId(`att-row-${others[3]!.seatNo}`)).toContainText('出席');
  await box.press('Escape');
  // None of this refetched the whole sheet.
  expect(fetches.length).toBe(loaded);

  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await box.pressSequentially(initials);
    await box.press('ArrowDown');
    await page.screenshot({ path: path.join(shots, `sign-in-desk-${w}x${h}.png`) });
    await box.press('Escape');
    await box.pressSequentially(initials.slice(0, 1));
    await page.screenshot({ path: path.join(shots, `sign-in-desk-${w}x${h}-list.png`) });
    await box.press('Escape');
  }
});

test('a show-of-hands count typed and entered at once saves what was typed', async ({ page, request }) => {
  const meeting = await township(request, 4, '2035-10-14');
  const rows = (await api<Attendance>(request, 'attendance.get', { meetingId: meeting.id })).rows;
  for (const r of rows.slice(0, 60))
    await api(request, 'attendance.markOne', {
      meetingId: meeting.id,
      membershipId: r.membershipId,
      status: 'present',
    });
  await api(request, 'meetings.open', { id: meeting.id });
  const item = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'motion',
    title: '关于鱼嘴镇2035年第四季度工作安排的决议',
    notes: null,
  });
  const vote = await api<Vote>(request, 'votes.create', { agendaItemId: item.id, mode: 'hands', secrecy: 'named' });
  await api(request, 'votes.open', { id: vote.id });

  await page.goto(`/#/meetings/${meeting.id}/votes`);
  const m1 = page.getByTestId('motion-1');
  await expect(m1).toContainText('表决中');
  const yes = m1.getByLabel('赞成');
  await yes.fill('');
  // 58 first, then the last digit and Enter at once, as the clerk did.
  await yes.pressSequentially('58');
  await expect(yes).toHaveValue('58');
  // Then 60 and Enter in one go, before the page has drawn the new figure: the last digit and the submit arrive in
  // the same task, as they do from a fast hand on a busy laptop (Playwright's separate key presses leave time to draw).
  await yes.evaluate((el: HTMLInputElement) => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, '60');
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.form!.requestSubmit();
  });
  await expect(m1.getByTestId('counts-saved')).toHaveText('已录入：赞成60，反对0，弃权0（合计60票）');
  const saved = await api<Vote>(request, 'votes.get', { id: vote.id });
  expect(saved.cast).toBe(60);
});
