import type { APIRequestContext, Page } from '@playwright/test';
import path from 'node:path';
import { api, expect, openPage, settled, test, choose } from './fixtures';
import { congressName } from '../fixtures/names';

/**
 * The annual session of a district congress, where the 票决 takes place (../shared/rules/README.md §4, §6–7): the clerk
 * creates it in 新建会议 (区人大年度会议, 第三届第三次会议); 12 candidates for 10 seats; the first round ties at the last
 * seat and a runoff settles it; the combined result and the 主席团公告 are right. Then a runoff that fills no seat:
 * the screen, the 公告 and the hall screen say 确定9项，应选10项, and the clerk records 'leave_unfilled' with a reason.
 * Each test makes its own body (e2e specs share one host), 30 deputies, 22 present: a project needs 16 votes.
 */

const shots = path.join(__dirname, 'screenshots');

/** A district congress of its own, with 30 deputies. */
async function newCongress(request: APIRequestContext, tag: string) {
  const body = await api<{ id: number; name: string }>(request, 'bodies.create', {
    kind: 'district_congress',
    name: `${tag}区人民代表大会`,
    term: '第三届',
  });
  for (let i = 0; i < 30; i++) {
    await api(request, 'members.create', {
      bodyId: body.id,
      name: congressName(i),
      phone: `139${String(10_000_000 + i * 7919 + tag.length).padStart(8, '0')}`,
    });
  }
  const members = await api<{ membershipId: number }[]>(request, 'members.list', { bodyId: body.id });
  return { body, members: members.map((m) => m.membershipId) };
}

/** The session made, signed in (22 of 30), with its 票决 item, the list of 12 for 10, opened. */
async function sessionWithList(
  request: APIRequestContext,
  meetingId: number,
  bodyId: number,
  members: number[],
  tag: string,
) {
  for (const m of members.slice(0, 22))
    await api(request, 'attendance.mark', { meetingId, membershipId: m, status: 'present' });
  const item = await api<{ id: number }>(request, 'agenda.add', {
    meetingId,
    kind: 'project_vote',
    title: '票决产生2027年度民生实事项目',
  });
  const list = await api<{ id: number }>(request, 'projectLists.create', {
    bodyId,
    year: 2027,
    title: `${tag}2027年度民生实事候选项目`,
    seats: 10,
    sameYear: true,
  });
  for (let i = 1; i <= 12; i++) await api(request, 'projects.add', { listId: list.id, name: `${tag}民生项目${i}` });
  await api(request, 'projectLists.adopt', {
    id: list.id,
    by: 'committee',
    on: '2026-12-20',
    ref: '区人大常委会第三十次会议',
  });
  await api(request, 'meetings.open', { id: meetingId });
  const full = await api<{ projects: { id: number }[] }>(request, 'projectLists.get', { id: list.id });
  return { item, list, pids: full.projects.map((p) => p.id), voters: members.slice(0, 22) };
}

/** Round 1: 1–9 with everyone; 10 and 11 tie at 18 each; 12 has 2. */
async function firstRoundTied(request: APIRequestContext, s: Awaited<ReturnType<typeof sessionWithList>>) {
  const v = await api<{ id: number }>(request, 'projectVotes.create', {
    listId: s.list.id,
    agendaItemId: s.item.id,
    style: 'approve',
    mode: 'electronic',
    scrutineers: ['王监票'],
    counters: ['赵计票'],
  });
  await api(request, 'projectVotes.open', { id: v.id });
  for (const [i, m] of s.voters.entries()) {
    await api(request, 'projectVotes.cast', {
      id: v.id,
      membershipId: m,
      marks: { yes: [...s.pids.slice(0, 9), ...(i < 18 ? s.pids.slice(9, 11) : []), ...(i < 2 ? [s.pids[11]] : [])] },
    });
  }
  return api<{ id: number }>(request, 'projectVotes.close', { id: v.id, issued: 22 });
}

async function runoff(
  request: APIRequestContext,
  s: Awaited<ReturnType<typeof sessionWithList>>,
  firstId: number,
  votesFor10: number,
  votesFor11: number,
) {
  const r = await api<{ id: number }>(request, 'projectVotes.nextRound', { id: firstId });
  await api(request, 'projectVotes.open', { id: r.id });
  for (const [i, m] of s.voters.entries()) {
    await api(request, 'projectVotes.cast', {
      id: r.id,
      membershipId: m,
      marks: { yes: i < votesFor10 ? [s.pids[9]] : i < votesFor10 + votesFor11 ? [s.pids[10]] : [] },
    });
  }
  return api<{ id: number }>(request, 'projectVotes.close', { id: r.id, issued: 22 });
}

async function createAnnualSession(page: Page, bodyName: string, title: string) {
  await page.goto('/#/meetings');
  const card = page.locator('[data-testid^="body-meetings-"]').filter({ hasText: bodyName });
  await card.getByRole('button', { name: '新建会议' }).click();
  const dialog = await settled(page.getByRole('dialog', { name: '新建会议' }));
  await choose(page, dialog.getByLabel('会议类型'), '区人大年度会议');
  await expect(dialog.getByTestId('rule-basis')).toContainText('地方组织法第十四条');
  await expect(dialog.getByTestId('rule-basis')).toContainText('地方组织法第二十五条');
  await dialog.getByLabel('日期').fill('2027-01-12');
  await dialog.getByLabel('会议名称').fill(title);
  // 届次会次 is required for an annual session, and named when missing.
  await dialog.getByRole('button', { name: /确\s*定|保\s*存/ }).click();
  await expect(dialog).toContainText('年度会议须注明届次会次');
  await dialog.getByLabel('届次会次').fill('第三届第三次会议');
  await dialog.getByRole('button', { name: /确\s*定|保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await page.goto('/#/meetings');
  const row = page
    .locator('[data-testid^="body-meetings-"]')
    .filter({ hasText: bodyName })
    .getByRole('row')
    .filter({ hasText: title });
  await expect(row.getByTestId('annual-tag')).toHaveText('区人大年度会议');
  await expect(row).toContainText('第三届第三次会议');
}

test('an annual 区人大 session chooses 10 of 12: a tie at the last seat, a runoff, the combined result and the 主席团公告', async ({
  page,
  request,
}) => {
  const tag = `甲${Date.now() % 100000}`;
  const { body, members } = await newCongress(request, tag);
  const title = `${tag}区第三届人民代表大会第三次会议`;
  await createAnnualSession(page, body.name, title);
  const meeting = (
    await api<{ id: number; title: string; kind: string; annualSession: boolean }[]>(request, 'meetings.list', {
      bodyId: body.id,
    })
  ).find((m) => m.title === title)!;
  expect(meeting).toMatchObject({ kind: 'district_annual', annualSession: true });
  const s = await sessionWithList(request, meeting.id, body.id, members, tag);
  const first = await firstRoundTied(request, s);

  await page.goto(`/#/votes/${s.list.id}/rounds`);
  const result = page.getByTestId('list-result');
  await expect(result.getByTestId('list-result-summary')).toHaveText('确定9项，应选10项，1项空缺');
  await expect(result.getByTestId('list-result-next')).toContainText('2个项目得票相同，须就最后1个名额再次投票');

  await runoff(request, s, first.id, 17, 5);
  await expect(result.getByTestId('list-result-summary')).toHaveText('确定10项，应选10项');
  await expect(result.getByTestId('list-result-next')).toContainText('票决完成');
  const rows = result.getByTestId('list-result-table').locator('tbody tr');
  await expect(rows).toHaveCount(10);
  await expect(rows.nth(0)).toContainText(`${tag}民生项目1`);
  await expect(rows.nth(9)).toContainText(`${tag}民生项目10`);
  await expect(rows.nth(9)).toContainText('第2轮');
  const notice = result.getByTestId('list-announcement');
  await expect(notice).toContainText(`${tag}区第三届人民代表大会第三次会议主席团公告`);
  await expect(notice).toContainText('应到代表30名，实到22名，符合法定人数。');
  await expect(notice).toContainText('第一轮：发出选票22张，收回22张，有效票22张，无效票0张。');
  await expect(notice).toContainText('第二轮（再次投票）：发出选票22张，收回22张');
  await expect(notice).toContainText('确定10项，应选10项。');
  await expect(notice).toContainText('2027年1月12日');
  await result.screenshot({ path: path.join(shots, 'annual-session-result.png') });
});

test('a runoff that fills no seat: 确定9项，应选10项 on the screen, in the 公告 and on the hall screen; the clerk leaves it unfilled with a reason', async ({
  page,
  request,
  browser,
}) => {
  const tag = `乙${Date.now() % 100000}`;
  const { body, members } = await newCongress(request, tag);
  const sets = await api<{ id: number; key: string | null }[]>(request, 'ruleSets.list', {});
  const meeting = await api<{ id: number }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'district_annual',
    ruleSetId: sets.find((r) => r.key === 'district_annual_session')!.id,
    title: `${tag}区第三届人民代表大会第三次会议`,
    session: '第三届第三次会议',
    date: '2027-01-12',
  });
  const s = await sessionWithList(request, meeting.id, body.id, members, tag);
  const first = await firstRoundTied(request, s);
  // 11 and 9 where 16 were needed (more than half of 30).
  const second = await runoff(request, s, first.id, 11, 9);

  await page.goto(`/#/votes/${s.list.id}/rounds`);
  const round2 = page.getByTestId('round-2');
  // No green success for a round that chose nothing: the warning colour, and the next step offered.
  await expect(round2.locator('.result-verdict')).toHaveText('确定0项，应选1项');
  await expect(round2.locator('.result-verdict')).toHaveClass(/short/);
  await expect(round2.getByTestId('round-short')).toContainText('全部轮次合计：确定9项，应选10项，1项空缺');
  await expect(round2.getByTestId('round-settle')).toBeVisible();
  const result = page.getByTestId('list-result');
  await expect(result.getByTestId('list-result-summary')).toHaveText('确定9项，应选10项，1项空缺');
  await expect(result.getByTestId('list-result-summary')).toHaveClass(/short/);
  await expect(result.getByTestId('list-result-table').locator('tbody tr').nth(9)).toContainText('空缺');
  await expect(result.getByTestId('list-announcement')).toContainText('确定9项，应选10项，1项空缺。');
  await expect(result.getByTestId('list-announcement')).not.toContainText(`${tag}民生项目10（`);
  await page.screenshot({ path: path.join(shots, 'annual-session-unfilled.png'), fullPage: true });

  // The hall screen: the runoff's result with the list's whole count, as unfilled.
  const hall = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
  await hall.goto('/#/projector');
  await api(request, 'screen.show', {
    mode: 'projectVote',
    meetingId: meeting.id,
    agendaItemId: s.item.id,
    projectVoteId: second.id,
  });
  await api(request, 'screen.reveal', { reveal: true });
  await expect(hall.getByTestId('pj-pv-count')).toHaveText(/确定\s*9\s*项（应选10项）/);
  await expect(hall.getByTestId('pj-pv-count')).toHaveClass(/unfilled/);
  await expect(hall.getByTestId('pj-pv-note')).toContainText('全部合计确定9项，应选10项，1项空缺');
  await hall.screenshot({ path: path.join(shots, 'annual-session-projector-unfilled.png') });
  await hall.close();

  // The clerk records the 主席团's decision, at the keyboard: the reason, then Enter.
  await result.getByTestId('settle-open').click();
  const dialog = await settled(page.getByRole('dialog', { name: /处理空缺名额/ }));
  await expect(dialog.getByTestId('settle-summary')).toContainText('确定9项，应选10项，1项空缺');
  await expect(dialog.getByTestId('settle-summary')).toContainText('由主席团决定空缺或就未入选项目另行票决');
  await expect(dialog.getByLabel('理由')).toBeFocused();
  await page.keyboard.type('经主席团研究，空缺名额不再票决');
  await page.screenshot({ path: path.join(shots, 'annual-session-settle.png') });
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(result.getByTestId('list-result-next')).toContainText('已决定空缺名额不再票决');
  await expect(result.getByTestId('list-result-decision')).toContainText('经主席团研究，空缺名额不再票决');
  await expect(result.getByTestId('list-announcement')).toContainText(
    '经决定，空缺名额不再票决（经主席团研究，空缺名额不再票决）。',
  );
  await expect(result.getByTestId('list-result-summary')).toHaveText('确定9项，应选10项，1项空缺');
  await expect(result.getByTestId('settle-open')).toHaveCount(0);
  const outcome = await api<{ decision: { decision: string; reason: string } }>(request, 'projectLists.result', {
    listId: s.list.id,
  });
  expect(outcome.decision).toMatchObject({ decision: 'leave_unfilled', reason: '经主席团研究，空缺名额不再票决' });
});
