import type { APIRequestContext, Page } from '@playwright/test';
import {
  adminToken,
  api,
  expect,
  freePort,
  openPage,
  settled,
  signInPage,
  startHost,
  stopHost,
  test,
  choose,
  freeQuarterMeeting,
} from './fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Body, Member, Vote } from '../../shared/contract';

/**
 * The hall screen, driven from the console's 投影 panel as a clerk would, and watched on a second page as the hall
 * would see it: attendance updating live, a secret vote showing progress and never a tally while open, nothing
 * after closing until 公布, then bars and the verdict; black-out, a notice with a countdown, next agenda item.
 */

const shots = path.join(__dirname, 'screenshots');
const TOWNSHIP = '鱼嘴镇人民代表大会';
const REPORT = '听取鱼嘴镇人民政府关于2026年第四季度工作情况的报告';
const MOTION = '关于鱼嘴镇2027年第一季度民生实事项目推进情况的决议';

/** A 镇人大季会 of its own (a quarter no other test uses), 60 of 90 signed in, open, with one electronic secret vote. */
async function setUp(request: APIRequestContext) {
  const { body, meeting } = await freeQuarterMeeting(request, 2027, '第十九届第十三次', 20);
  const report = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'report',
    title: REPORT,
  });
  const motion = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'motion',
    title: MOTION,
  });
  const members = (await api<Member[]>(request, 'members.list', { bodyId: body.id })).sort(
    (a, b) => Number(a.seatNo) - Number(b.seatNo),
  );
  expect(members).toHaveLength(90);
  for (const m of members.slice(0, 60))
    await api(request, 'attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  await api(request, 'meetings.open', { id: meeting.id });
  const vote = await api<Vote>(request, 'votes.create', {
    agendaItemId: motion.id,
    title: null,
    mode: 'electronic',
    secrecy: 'secret',
  });
  return { meeting: meeting, members, vote, reportId: report.id };
}

/** Pick an option; in a searchable list (the meetings of a busy host) type the name first, as a clerk does. */
async function pick(page: Page, selectId: string, option: string, search = selectId === 'screen-meeting') {
  await choose(page, page.locator(`#${selectId}`), option, search ? option : undefined);
}

/** Nothing scrolls, nothing sticks out of the screen, and no text is cut off by a line clamp. */
async function expectFits(page: Page) {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const { innerWidth: w, innerHeight: h } = window;
    const doc = document.documentElement;
    if (doc.scrollHeight > h || doc.scrollWidth > w)
      out.push(`page scrolls: ${doc.scrollWidth}×${doc.scrollHeight} in ${w}×${h}`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.pj *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -1 || r.top < -1 || r.right > w + 1 || r.bottom > h + 1)
        out.push(`outside the screen: ${el.className} ${el.textContent?.slice(0, 20)}`);
      const style = getComputedStyle(el);
      const clamped = style.webkitLineClamp !== 'none' || style.textOverflow === 'ellipsis';
      // A clamped line is a whole line missing; a few pixels are just the glyphs' overhang.
      const half = (parseFloat(style.lineHeight) || parseFloat(style.fontSize)) / 2;
      if (clamped && (el.scrollHeight > el.clientHeight + half || el.scrollWidth > el.clientWidth + 2))
        out.push(
          `cut off: ${el.className} ${el.textContent?.slice(0, 20)} (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`,
        );
    }
    return out;
  });
  expect(problems).toEqual([]);
}

test('the hall screen: live attendance, vote progress without tally, 公布, black-out, notice, next item', async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { meeting, members, vote } = await setUp(request);

  // ── The hall PC opens the projector page; the clerk opens 投影 in the console ───────────────────────────
  const hall = await openPage(browser, { viewport: { width: 1920, height: 1080 }, baseURL });
  const screenFetches: string[] = [];
  hall.on('request', (r) => r.url().endsWith('/api/screen.view') && screenFetches.push(r.url()));
  await hall.goto('/#/projector');
  await expect(hall.getByTestId('pj-root')).not.toHaveAttribute('data-mode', 'loading');
  await hall.evaluate(() => ((window as unknown as { marker: string }).marker = 'no reload'));

  await page.goto('/#/screen');
  await expect(page.getByRole('heading', { name: '投影' })).toBeVisible();
  await expect(page.getByTestId('screen-shortcuts')).toContainText('黑屏');
  await expect(page.getByTestId('projector-url')).toHaveValue(/\/#\/projector$/);
  await pick(page, 'screen-meeting', meeting.title);
  await pick(page, 'screen-item', REPORT);
  await page.getByRole('button', { name: '显示会议' }).click();

  const quorum = hall.getByTestId('pj-quorum');
  await expect(quorum).toContainText('应到代表90名，实到60名');
  await expect(quorum).toContainText('符合法定人数');
  await expect(quorum).toHaveClass(/met/);
  await expect(hall.getByTestId('pj-item')).toContainText(`议程一${REPORT}`);
  await expect(hall.getByTestId('pj-attendance')).toContainText('60名实到');
  await expect(page.getByTestId('screen-thumbnail')).toContainText('符合法定人数');
  await hall.screenshot({ path: path.join(shots, 'projector-meeting-1080p.png') });
  await expectFits(hall);

  // One more deputy signs in: the screen follows from the event alone, without reloading or refetching.
  const fetchesBefore = screenFetches.length;
  await api(request, 'attendance.mark', {
    meetingId: meeting.id,
    membershipId: members[60]!.membershipId,
    status: 'present',
  });
  await expect(quorum).toContainText('实到61名');
  expect(screenFetches.length).toBe(fetchesBefore);

  // ── The vote: shown before it opens, then progress only while open ─────────────────────────────────────
  await pick(page, 'screen-vote', MOTION);
  await page.getByRole('button', { name: '显示表决' }).click();
  await expect(hall.getByTestId('pj-status')).toHaveText('表决尚未开始');
  await api(request, 'votes.open', { id: vote.id });
  await expect(hall.getByTestId('pj-status')).toHaveText('表决中');
  await expect(hall.getByTestId('pj-progress')).toHaveText('已投 0 / 应投 61');

  const present = members.slice(0, 61);
  const cast = async (from: number, to: number, choice: (i: number) => string) => {
    for (let i = from; i < to; i++)
      await api(request, 'votes.cast', { id: vote.id, membershipId: present[i]!.membershipId, choice: choice(i) });
  };
  const fetchesBeforeVoting = screenFetches.length;
  await cast(0, 3, (i) => (i === 2 ? 'no' : 'yes'));
  await expect(hall.getByTestId('pj-progress')).toHaveText('已投 3 / 应投 61');
  const noTally = async () => {
    await expect(hall.getByTestId('result-bar')).toHaveCount(0);
    await expect(hall.getByTestId('pj-verdict')).toHaveCount(0);
    const text = await hall.locator('body').innerText();
    for (const word of ['赞成', '反对', '弃权', '未表决', '通过'])
      expect(text, `no “${word}” on screen while the result is not announced`).not.toContain(word);
  };
  await noTally();
  await hall.screenshot({ path: path.join(shots, 'projector-voting.png') });
  await expectFits(hall);

  // Ballots update the count from the event payload: no screen refetch per ballot.
  await cast(3, 50, (i) => (i < 47 ? 'yes' : i === 47 ? 'no' : 'abstain'));
  await expect(hall.getByTestId('pj-progress')).toHaveText('已投 50 / 应投 61');
  expect(screenFetches.length).toBe(fetchesBeforeVoting);
  await expect(hall.evaluate(() => (window as unknown as { marker: string }).marker)).resolves.toBe('no reload');

  // ── Closed: still nothing until 公布 ───────────────────────────────────────────────────────────────────
  const reveal = page.getByRole('button', { name: /^公布/ });
  await expect(reveal).toBeDisabled();
  await api(request, 'votes.close', { id: vote.id });
  await expect(hall.getByTestId('pj-status')).toHaveText('表决已结束，等待公布结果');
  await noTally();
  await expect(reveal).toBeEnabled();

  // P on the console: the result appears.
  await page.getByRole('heading', { name: '投影' }).click();
  await page.keyboard.press('p');
  await expect(hall.getByTestId('result-bar')).toHaveCount(4);
  await expect(hall.getByTestId('pj-verdict')).toHaveText('通过');
  await expect(hall.getByTestId('pj-result-bars')).toContainText('赞成46票');
  await expect(hall.getByTestId('pj-result-bars')).toContainText('未表决11人');
  await expect(hall.getByTestId('pj-announcement')).toContainText('表决结果：赞成46票，反对2票，弃权2票，未表决11人');
  await expect(page.getByTestId('screen-thumbnail').getByTestId('pj-verdict')).toHaveText('通过');
  await hall.screenshot({ path: path.join(shots, 'projector-1080p.png') });
  await expectFits(hall);

  // The same screen on a 4:3 projector.
  const small = await openPage(browser, { viewport: { width: 1024, height: 768 }, baseURL });
  await small.goto('/#/projector');
  await expect(small.getByTestId('pj-verdict')).toHaveText('通过');
  await small.screenshot({ path: path.join(shots, 'projector-4x3.png') });
  await expectFits(small);

  // ── B blacks out and brings the same content back (still announced) ─────────────────────────────────────
  await page.keyboard.press('b');
  await expect(hall.getByTestId('pj-root')).toHaveAttribute('data-mode', 'blank');
  await expect(hall.locator('body')).toHaveText('');
  await expect(page.getByTestId('screen-mode')).toHaveText('黑屏');
  await page.keyboard.press('b');
  await expect(hall.getByTestId('pj-verdict')).toHaveText('通过');
  await page.getByRole('button', { name: /^黑屏/ }).click();
  await expect(hall.getByTestId('pj-root')).toHaveAttribute('data-mode', 'blank');

  // ── M: a notice with a countdown ────────────────────────────────────────────────────────────────────────
  await page.getByRole('heading', { name: '投影' }).click();
  await page.keyboard.press('m');
  await expect(page.getByLabel('文字（M）')).toBeFocused();
  await page.keyboard.type('休会十分钟');
  await page.getByLabel('倒计时').fill('10');
  await page.getByRole('button', { name: '显示通知' }).click();
  await expect(hall.getByTestId('pj-message')).toHaveText('休会十分钟');
  await expect(hall.getByTestId('pj-countdown')).toHaveText(/^(10:00|09:5\d)$/);
  await expect(small.getByTestId('pj-message')).toHaveText('休会十分钟');
  await hall.screenshot({ path: path.join(shots, 'projector-message.png') });
  await small.screenshot({ path: path.join(shots, 'projector-message-4x3.png') });
  await expectFits(small);

  // ── N: the meeting again, at the next agenda item ──────────────────────────────────────────────────────
  await page.getByRole('heading', { name: '投影' }).click();
  await page.keyboard.press('n');
  await expect(hall.getByTestId('pj-item')).toContainText(`议程一${REPORT}`);
  await page.keyboard.press('n');
  await expect(hall.getByTestId('pj-item')).toContainText(`议程二${MOTION}`);
  await expect(small.getByTestId('pj-quorum')).toContainText('实到61名');
  await small.screenshot({ path: path.join(shots, 'projector-meeting-4x3.png') });
  await expectFits(small);

  await api(request, 'screen.show', { mode: 'blank' });
  await api(request, 'meetings.close', { id: meeting.id });
  await hall.close();
  await small.close();
});

test('a project vote on screen: returned ballots while open, the ranking with 入选 and the tie after 公布', async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  const { meeting, members } = await setUp(request);
  const body = (await api<Body[]>(request, 'bodies.list')).find((b) => b.name === TOWNSHIP)!;
  const list = await api<{ id: number }>(request, 'projectLists.create', {
    bodyId: body.id,
    year: 2027,
    title: `鱼嘴镇2027年民生实事项目（会议${meeting.id}）`,
    seats: 5,
    sameYear: true,
  });
  const NAMES = [
    '鱼嘴镇中心小学食堂改造',
    '场镇老旧小区加装电梯',
    '沿江步道照明提升',
    '农贸市场雨污分流改造',
    '村级卫生室标准化建设',
    '双溪村产业路硬化',
    '镇敬老院适老化改造',
    '公交候车亭新建',
  ];
  const projects: { id: number }[] = [];
  for (const name of NAMES)
    projects.push(
      await api<{ id: number }>(request, 'projects.add', { listId: list.id, name, department: '鱼嘴镇人民政府' }),
    );
  // Only a list adopted by 主任会议 or 常委会 can be voted on (issue 11).
  await api(request, 'projectLists.adopt', { id: list.id, by: 'directors', on: '2027-01-12', ref: '第十五次主任会议' });
  const item = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'project_vote',
    title: '票决鱼嘴镇2027年民生实事项目',
  });
  const pv = await api<{ id: number }>(request, 'projectVotes.create', {
    listId: list.id,
    agendaItemId: item.id,
    style: 'choose',
    mode: 'electronic',
  });

  const hall = await openPage(browser, { viewport: { width: 1920, height: 1080 }, baseURL });
  await hall.goto('/#/projector');
  await page.goto('/#/screen');
  await pick(page, 'screen-meeting', meeting.title);
  await pick(page, 'screen-pv', '第1轮');
  await page.getByRole('button', { name: '显示票决' }).click();
  await expect(hall.getByTestId('pj-status')).toHaveText('投票尚未开始');
  await api(request, 'projectVotes.open', { id: pv.id });
  await expect(hall.getByTestId('pj-status')).toHaveText('投票中');

  // 60 ballots of five marks each: four projects clearly ahead, two tied for the fifth seat (a runoff).
  const targets = [55, 52, 50, 48, 47, 47, 1, 0];
  const ballots: number[][] = Array.from({ length: 60 }, () => []);
  let next = 0;
  targets.forEach((t, p) => {
    for (let k = 0; k < t; k++) ballots[next++ % 60]!.push(projects[p]!.id);
  });
  for (const [i, yes] of ballots.entries()) {
    await api(request, 'projectVotes.cast', { id: pv.id, membershipId: members[i]!.membershipId, marks: { yes } });
    if (i === 19) {
      await expect(hall.getByTestId('pj-progress')).toHaveText('收回选票 20 / 实到 60');
      await expect(hall.getByTestId('pj-ranking')).toHaveCount(0);
      await hall.screenshot({ path: path.join(shots, 'projector-projects-voting.png') });
    }
  }
  await api(request, 'projectVotes.close', { id: pv.id, issued: 60 });
  await expect(hall.getByTestId('pj-status')).toHaveText('投票已结束，等待公布结果');
  await expect(hall.getByTestId('pj-ranking')).toHaveCount(0);
  await page.getByRole('button', { name: /^公布/ }).click();
  const ranking = hall.getByTestId('pj-ranking');
  await expect(ranking.locator('li')).toHaveCount(8);
  await expect(ranking.locator('li.chosen')).toHaveCount(4);
  await expect(ranking.locator('li.chosen').first()).toContainText('1号 鱼嘴镇中心小学食堂改造55票入选');
  await expect(ranking.locator('li.tied')).toHaveCount(2);
  await expect(hall.getByTestId('pj-pv-note')).toContainText('得票相同，须就其中1个名额再次投票');
  await hall.screenshot({ path: path.join(shots, 'projector-projects-1080p.png') });
  await expectFits(hall);
  const small = await openPage(browser, { viewport: { width: 1024, height: 768 }, baseURL });
  await small.goto('/#/projector');
  await expect(small.getByTestId('pj-ranking').locator('li')).toHaveCount(8);
  await small.screenshot({ path: path.join(shots, 'projector-projects-4x3.png') });
  await expectFits(small);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, 'screen-panel.png') });

  await api(request, 'screen.show', { mode: 'blank' });
  await hall.close();
  await small.close();
});

/** Twenty candidates with names as long as real lists have (the longest 22 characters). */
const LONG_NAMES = [
  '鱼嘴镇中心小学食堂及学生宿舍改造提升工程',
  '场镇老旧小区加装电梯和无障碍设施改造',
  '沿江步道照明提升及夜间安全设施完善',
  '农贸市场雨污分流和标准化改造',
  '村级卫生室标准化建设及远程医疗设备配置',
  '双溪村至石门村产业路硬化和安全防护',
  '镇敬老院适老化改造与护理能力提升',
  '场镇公交候车亭新建和线路优化',
  '城乡供水管网改造及二次供水设施提升工程',
  '托育服务中心建设和普惠托位扩充',
  '智慧停车场建设与背街小巷停车治理',
  '全民健身步道及社区运动场地建设',
  '中小学校园周边交通安全综合改造',
  '社区老年食堂建设和助餐服务网点布设',
  '口袋公园建设及街头绿地品质提升',
  '公共充电桩建设和老旧小区充电设施改造',
  '农村生活污水处理设施提标改造工程',
  '背街小巷整治与立面风貌提升',
  '社区卫生服务中心提档升级及家庭医生签约服务',
  '城区内涝点整治和排水管网清淤疏通',
];

test('opening offers 投到大屏; a paper round shows keying progress; 结束计票 then 公布结果 shows twenty long names in full; N goes forward', async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const { meeting, vote } = await setUp(request);
  const body = (await api<Body[]>(request, 'bodies.list')).find((b) => b.name === TOWNSHIP)!;
  const list = await api<{ id: number; title: string }>(request, 'projectLists.create', {
    bodyId: body.id,
    year: 2028,
    title: `鱼嘴镇2028年民生实事项目（会议${meeting.id}）`,
    seats: 10,
  });
  for (const name of LONG_NAMES)
    await api(request, 'projects.add', { listId: list.id, name, department: '鱼嘴镇人民政府' });
  // Only a list adopted by 主任会议 or 常委会 can be voted on (issue 11).
  await api(request, 'projectLists.adopt', { id: list.id, by: 'directors', on: '2027-01-12', ref: '第十五次主任会议' });
  const item = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'project_vote',
    title: '票决鱼嘴镇2028年民生实事项目',
  });
  const pv = await api<{ id: number }>(request, 'projectVotes.create', {
    listId: list.id,
    agendaItemId: item.id,
    style: 'choose',
    mode: 'paper',
  });
  await api(request, 'screen.show', { mode: 'meeting', meetingId: meeting.id });

  const hall = await openPage(browser, { viewport: { width: 1920, height: 1080 }, baseURL });
  await hall.goto('/#/projector');
  await expect(hall.getByTestId('pj-root')).toHaveAttribute('data-mode', 'meeting');

  // ── A motion vote opened in the console: the desk offers to put it on the screen ─────────────────────────
  await page.goto(`/#/meetings/${meeting.id}/votes`);
  await page.getByTestId('motion-2').getByRole('button', { name: '开始表决' }).click();
  await page.getByTestId('offer-screen').click();
  await expect(hall.getByTestId('pj-status')).toHaveText('表决中');
  await expect(hall.locator('.pj-kicker')).toContainText('议程二');
  // How the vote is taken is for the desk: the hall sees neither 电子表决 nor 无记名.
  await expect(hall.locator('body')).not.toContainText('记名');
  await expect(hall.locator('body')).not.toContainText('电子表决');
  await api(request, 'votes.close', { id: vote.id });

  // ── N from the vote of 议程二 goes on to 议程三, not back to 议程一 ─────────────────────────────────────
  await page.goto('/#/screen');
  await expect(page.getByTestId('screen-now')).toContainText('表决');
  await page.getByRole('heading', { name: '投影' }).click();
  await page.keyboard.press('n');
  await expect(hall.getByTestId('pj-item')).toContainText('议程三票决鱼嘴镇2028年民生实事项目');

  // ── The paper round: opened in the console, put on screen from the offer ─────────────────────────────────
  await page.goto(`/#/votes/${list.id}/rounds`);
  const round = page.getByTestId('round-1');
  await round.getByRole('button', { name: '开始投票' }).click();
  await page.getByTestId('offer-screen').click();
  await expect(hall.getByTestId('pj-status')).toHaveText('投票中');
  await expect(hall.locator('.pj-hands')).toHaveText('请填写选票，投入票箱');
  await expect(hall.locator('body')).not.toContainText('收回选票');

  // Counting: the screen follows the keying of 第一批 — how many, never how they were marked.
  await api(request, 'projectVotes.stopVoting', { id: pv.id });
  await expect(hall.getByTestId('pj-status')).toHaveText('正在计票');
  await expect(hall.getByTestId('pj-progress')).toHaveText('已录入 0 张');
  const stack = ['1-10', '11-20', '1-5 16-20', '2-11', '*1-10', '1-10', '*11-18 20'];
  for (const keys of stack) await api(request, 'projectVotes.paperEnter', { id: pv.id, batch: 1, keys });
  await expect(hall.getByTestId('pj-progress')).toHaveText(`已录入 ${stack.length} 张`);
  await expect(hall.locator('body')).not.toContainText('收回选票');
  for (const keys of stack) await api(request, 'projectVotes.paperEnter', { id: pv.id, batch: 2, keys });

  // 结束计票 only counts; 公布结果 puts the result on the screen.
  await round.getByRole('button', { name: '结束计票…' }).click();
  const dialog = await settled(page.getByRole('dialog'));
  await dialog.getByLabel('发出选票数').fill(String(stack.length));
  await dialog.getByRole('button', { name: '结束计票', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(hall.getByTestId('pj-status')).toHaveText('投票已结束，等待公布结果');
  await expect(hall.getByTestId('pj-ranking')).toHaveCount(0);
  await round.getByRole('button', { name: '公布结果（大屏）' }).click();

  const ranking = hall.getByTestId('pj-ranking');
  await expect(ranking.locator('li')).toHaveCount(20);
  await expect(ranking.locator('li').first().locator('.pj-rank')).toHaveText('第1名');
  for (const [p, big] of [
    [hall, '1080p'],
    [await openPage(browser, { viewport: { width: 1024, height: 768 }, baseURL }), '4x3'],
  ] as const) {
    if (big === '4x3') await p.goto('/#/projector');
    await expect(p.getByTestId('pj-ranking').locator('li')).toHaveCount(20);
    await p.screenshot({ path: path.join(shots, `projector-projects-20-${big}.png`) });
    // Every name whole: the text is all there, and nothing of it is clipped.
    const names = await p.locator('.pj-rank-name').allInnerTexts();
    expect(names.map((n) => n.replace(/\s+/g, '').replace(/^\d+号/, '')).sort()).toEqual([...LONG_NAMES].sort());
    const clipped = await p
      .locator('.pj-ranking li')
      .evaluateAll((lis) =>
        lis
          .filter((li) => li.scrollHeight > li.clientHeight + 1 || li.scrollWidth > li.clientWidth + 1)
          .map(
            (li) => `${li.textContent} ${li.scrollWidth}×${li.scrollHeight} in ${li.clientWidth}×${li.clientHeight}`,
          ),
      );
    expect(clipped).toEqual([]);
    // Still readable from the back of the hall: at least 2.2% of the screen height (24 px at 1080p).
    const fontPx = await p
      .locator('.pj-rank-name')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx, `name type ${fontPx}px`).toBeGreaterThanOrEqual((big === '4x3' ? 768 : 1080) * 0.022);
    await expectFits(p);
    if (big === '4x3') await p.close();
  }

  await api(request, 'screen.show', { mode: 'blank' });
  await hall.close();
});

// ── A restarted host: the projector reconnects by itself and shows the same (persisted) screen ─────────────

test('after the host restarts, the projector asks for the new address, and then shows the same screen', async ({
  browser,
}) => {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishitai-restart-'));
  const base = `http://127.0.0.1:${port}`;
  // A script's call: the token is read anew from the data folder, as the host replaces it at each start.
  const show = (input: unknown) =>
    fetch(`${base}/api/screen.show`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken(dataDir)}` },
      body: JSON.stringify(input),
    });
  let host = await startHost(port, dataDir);
  const hall = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    expect((await show({ mode: 'message', message: '会议即将开始' })).ok).toBe(true);
    await signInPage(hall, base, dataDir);
    await hall.goto(`${base}/#/projector`);
    await expect(hall.getByTestId('pj-message')).toHaveText('会议即将开始');

    const oldToken = adminToken(dataDir);
    await stopHost(host);
    host = await startHost(port, dataDir);
    expect(adminToken(dataDir)).not.toBe(oldToken);
    // The old cookie is worthless now: the screen says how to get back in instead of freezing silently.
    await expect(hall.getByText('需要管理令牌')).toBeVisible({ timeout: 15_000 });
    await signInPage(hall, base, dataDir);
    await hall.goto(`${base}/#/projector`);
    await hall.reload();
    // The state was read back from the database, and events flow again.
    await expect(hall.getByTestId('pj-message')).toHaveText('会议即将开始');
    expect((await show({ mode: 'message', message: '复会' })).ok).toBe(true);
    await expect(hall.getByTestId('pj-message')).toHaveText('复会', { timeout: 15_000 });
  } finally {
    await hall.close();
    await stopHost(host);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
