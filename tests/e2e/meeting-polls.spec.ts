import type { APIRequestContext } from '@playwright/test';
import path from 'node:path';
import type { AgendaItem, Body, Meeting, Member, ProjectList, ProjectVote, RuleSet, Vote } from '../../shared/contract';
import { api, expect, test } from './fixtures';

/**
 * Getting around on session day: a meeting's 表决 tab lists its 民生实事票决 rounds beside its motions, each linked
 * into the 票决 area; every round there names its meeting and agenda item and links back; the agenda shows under
 * each item what it has been put to.
 */

const shots = path.join(__dirname, 'screenshots');
const COUNCIL = '观音桥街道议事代表会议';

/** A list of `names` for `seats`, scheduled under `item` and opened (sameYear: other tests list this council's 2027 too). */
async function openRound(
  request: APIRequestContext,
  o: { bodyId: number; item: AgendaItem; title: string; seats: number; names: string[]; mode: 'electronic' | 'paper' },
) {
  const list = await api<ProjectList>(request, 'projectLists.create', {
    bodyId: o.bodyId,
    year: 2027,
    title: o.title,
    seats: o.seats,
    sameYear: true,
  });
  for (const name of o.names) await api(request, 'projects.add', { listId: list.id, name });
  // Only a list adopted by 主任会议 or 常委会 can be voted on (issue 11).
  await api(request, 'projectLists.adopt', { id: list.id, by: 'directors', on: '2027-01-12', ref: '第十五次主任会议' });
  const round = await api<ProjectVote>(request, 'projectVotes.create', {
    listId: list.id,
    agendaItemId: o.item.id,
    style: 'choose',
    mode: o.mode,
  });
  await api(request, 'projectVotes.open', { id: round.id });
  return { list: await api<ProjectList>(request, 'projectLists.get', { id: list.id }), round };
}

test('a meeting links to its 票决 rounds and every round links back to its meeting', async ({ page, request }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const body = (await api<Body[]>(request, 'bodies.list')).find((b) => b.name === COUNCIL)!;
  const rules = (await api<RuleSet[]>(request, 'ruleSets.list')).find((r) => r.key === 'street_council')!;
  const title = `观音桥街道第二届议事代表会议第五次会议（${stamp}）`;
  const meeting = await api<Meeting>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'street_council',
    ruleSetId: rules.id,
    title,
    date: new Date().toISOString().slice(0, 10),
  });
  // The agenda holds 票决 only — no 表决事项 — which the 表决 tab used to call empty.
  const item1 = await api<AgendaItem>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'project_vote',
    title: '票决观音桥街道2027年民生实事项目',
  });
  const item2 = await api<AgendaItem>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'project_vote',
    title: '票决观音桥街道2027年社区微实事项目',
  });
  const members = await api<Member[]>(request, 'members.list', { bodyId: body.id });
  const present = members.slice(0, 24);
  for (const m of present)
    await api(request, 'attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  await api(request, 'meetings.open', { id: meeting.id });
  const e = await openRound(request, {
    bodyId: body.id,
    item: item1,
    title: `观音桥街道2027年民生实事项目（${stamp}）`,
    seats: 2,
    names: ['社区食堂', '口袋公园', '加装电梯'],
    mode: 'electronic',
  });
  const p = await openRound(request, {
    bodyId: body.id,
    item: item2,
    title: `观音桥街道2027年社区微实事项目（${stamp}）`,
    seats: 1,
    names: ['楼道照明', '健身器材'],
    mode: 'paper',
  });
  await api(request, 'projectVotes.stopVoting', { id: p.round.id });

  // 表决 tab: both 票决 items with their rounds, where they stand, and the way into the 票决 area.
  await page.goto(`/#/meetings/${meeting.id}/votes`);
  await expect(page.getByRole('tab', { name: /表决/ })).toContainText('2');
  await expect(page.getByText('议程中还没有表决事项')).toHaveCount(0);
  const card1 = page.getByTestId('project-vote-1');
  await expect(card1).toContainText('票决观音桥街道2027年民生实事项目');
  await expect(card1).toContainText(e.list.title);
  await expect(card1.getByTestId('project-round-1')).toContainText('第1轮');
  await expect(card1.getByTestId('project-round-1')).toContainText('投票中');
  await expect(card1.getByTestId('project-round-1')).toContainText('收回 0 / 出席 24');
  // Ballots come in: the count moves live (never a tally).
  for (const m of present.slice(0, 3))
    await api(request, 'projectVotes.cast', {
      id: e.round.id,
      membershipId: m.membershipId,
      marks: { yes: [e.list.projects[0]!.id] },
    });
  await expect(card1.getByTestId('project-round-1')).toContainText('收回 3 / 出席 24');
  const card2 = page.getByTestId('project-vote-2');
  await expect(card2.getByTestId('project-round-1')).toContainText('计票中');
  await page.screenshot({ path: path.join(shots, 'meeting-polls-votes-tab.png') });

  // Into the 票决 area and back again.
  await card1.getByRole('link', { name: '打开票决' }).click();
  await expect(page).toHaveURL(new RegExp(`#/votes/${e.list.id}/rounds$`));
  const origin = page.getByTestId('round-1').getByTestId('round-origin');
  await expect(origin).toContainText(title);
  await expect(origin).toContainText('议程第1项 票决观音桥街道2027年民生实事项目');
  await page.getByTestId('round-1').screenshot({ path: path.join(shots, 'meeting-polls-round-origin.png') });
  await origin.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`#/meetings/${meeting.id}/votes$`));
  await expect(page.getByTestId('project-vote-2')).toBeVisible();

  // The paper round, counting: straight to the entry desk, which names its meeting too and links back.
  await page.getByTestId('project-vote-2').getByRole('link', { name: '录入选票' }).click();
  await expect(page).toHaveURL(new RegExp(`#/votes/${p.list.id}/paper/${p.round.id}/1$`));
  await expect(page.getByTestId('ballot-input')).toBeVisible();
  await expect(page.getByTestId('round-origin')).toContainText('议程第2项 票决观音桥街道2027年社区微实事项目');
  await page.getByTestId('round-origin').getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`#/meetings/${meeting.id}/votes$`));

  // A motion joins the agenda; the 议程 tab shows under each item what it has been put to, linked.
  const motion = await api<AgendaItem>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'motion',
    title: '关于观音桥街道2027年民生实事项目实施计划的决议',
  });
  await api<Vote>(request, 'votes.create', { agendaItemId: motion.id, title: null, mode: 'hands', secrecy: 'named' });
  await api(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'report',
    title: '听取街道办事处关于民生实事项目推进情况的报告',
  });
  await page.getByRole('tab', { name: /议程/ }).click();
  await expect(page.getByTestId('agenda-polls-1')).toContainText('票决第1轮：投票中，收回 3 / 出席 24');
  await expect(page.getByTestId('agenda-polls-2')).toContainText('票决第1轮：计票中');
  await expect(page.getByTestId('agenda-polls-3')).toContainText('第1轮表决：未开始');
  await expect(page.getByTestId('agenda-polls-4')).toHaveCount(0);
  await page.screenshot({ path: path.join(shots, 'meeting-polls-agenda.png') });
  await page.getByTestId('agenda-polls-1').getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`#/votes/${e.list.id}/rounds$`));
  await page.goBack();
  await page.getByTestId('agenda-polls-3').getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`#/meetings/${meeting.id}/votes$`));
  await expect(page.getByTestId('motion-3')).toContainText('已安排');
});
