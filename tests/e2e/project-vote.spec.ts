import type { APIRequestContext, Page } from '@playwright/test';
import { api, expect, settled, test, choose } from './fixtures';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * 民生实事项目票决 on the demo district: 12 candidates for 10 seats imported from Excel, a paper "choose up to 10"
 * round, 60 ballots keyed twice at the keyboard with three slips in the second batch, 比对 finds exactly those,
 * closing is refused until they are re-keyed, then the result and the announcement.
 */

const shots = path.join(__dirname, 'screenshots');

const PROJECTS: [string, string, number, string, string][] = [
  ['老旧小区加装电梯', '区住房城乡建委', 3600, '观音桥街道等', '代表建议'],
  ['社区老年食堂建设', '区民政局', 1200, '全区', '群众征集'],
  ['中小学校园周边交通安全改造', '区交通局', 800, '全区', '代表建议'],
  ['农贸市场标准化改造', '区商务委', 1500, '华新街街道', '部门申报'],
  ['城市背街小巷整治', '区城市管理局', 2200, '全区', '群众征集'],
  ['社区卫生服务中心提档升级', '区卫生健康委', 2600, '鱼嘴镇', '代表建议'],
  ['口袋公园建设', '区城市管理局', 900, '全区', '群众征集'],
  ['公共充电桩建设', '区发展改革委', 700, '全区', '部门申报'],
  ['城乡供水管网改造', '区水利局', 3100, '鱼嘴镇', '代表建议'],
  ['托育服务中心建设', '区卫生健康委', 1100, '观音桥街道', '群众征集'],
  ['智慧停车场建设', '区交通局', 1800, '华新街街道', '部门申报'],
  ['全民健身步道建设', '区体育局', 600, '全区', '群众征集'],
];

/**
 * The stack of 60 ballots. Ballot 5 is void (F2), ballot 30 marks 11 of 12 (void by the rules); the other 58 mark
 * all but a few projects: project p is left out e[p] times, spread round-robin over the ballots, so the tallies are
 * 58 − e[p] = 55, 53, …, 37 for projects 1–10 and 20, 16 for 11–12 — ten pass (more than half of 58 valid ballots).
 */
const EXCLUDED = [3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 38, 42];
function stack(): string[] {
  const seqs = Array.from({ length: 60 }, (_, i) => i + 1).filter((s) => s !== 5 && s !== 30);
  const left = new Map<number, Set<number>>(seqs.map((s) => [s, new Set()]));
  let k = 0;
  EXCLUDED.forEach((e, p) => {
    for (let n = 0; n < e; n++, k++) left.get(seqs[k % seqs.length]!)!.add(p + 1);
  });
  return Array.from({ length: 60 }, (_, i) => {
    const seq = i + 1;
    if (seq === 5) return 'VOID';
    if (seq === 30) return '1 2 3 4 5 6 7 8 9 10 11';
    return PROJECTS.map((_p, j) => j + 1)
      .filter((n) => !left.get(seq)!.has(n))
      .join(' ');
  });
}

/** A suffix that keeps titles unique when the tests are repeated against one host (--repeat-each). */
const again = () => (test.info().repeatEachIndex ? `（${test.info().repeatEachIndex + 1}）` : '');

const PASS_ON_VALID = '以有效票的过半数通过（本地规定）';

/** Setup that is not the point here: a meeting with a 票决 agenda item, `present` members signed in, opened. */
async function openMeeting(
  request: APIRequestContext,
  o: { body: string; kind: string; rules: string; title: string; present: number; passOnValid?: boolean },
) {
  const bodies = await api<{ id: number; name: string }[]>(request, 'bodies.list', {});
  const body = bodies.find((b) => b.name === o.body)!;
  const ruleSets = await api<{ id: number; key: string | null; rules: Record<string, unknown> }[]>(
    request,
    'ruleSets.list',
    {},
  );
  let rules = ruleSets.find((r) => r.key === o.rules)!;
  if (o.passOnValid) {
    // A local rule: passing on more than half of the valid ballots. It is the meeting's rule set, not a 票决's choice.
    const name = `本地规定（有效票过半数）${Date.now() % 1_000_000}`;
    const copy = await api<typeof rules>(request, 'ruleSets.copy', { id: rules.id, name });
    rules = await api<typeof rules>(request, 'ruleSets.update', {
      id: copy.id,
      name,
      rules: { ...copy.rules, pass: { num: 1, den: 2, strict: true, base: 'cast', basis: PASS_ON_VALID } },
    });
  }
  const today = new Date().toISOString().slice(0, 10);
  const meeting = await api<{ id: number }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: o.kind,
    ruleSetId: rules.id,
    title: o.title,
    date: today,
  });
  await api(request, 'agenda.add', { meetingId: meeting.id, kind: 'project_vote', title: '票决民生实事项目' });
  const members = await api<{ membershipId: number }[]>(request, 'members.list', { bodyId: body.id });
  const present = members.slice(0, o.present).map((m) => m.membershipId);
  for (const membershipId of present)
    await api(request, 'attendance.mark', { meetingId: meeting.id, membershipId, status: 'present' });
  await api(request, 'meetings.open', { id: meeting.id });
  return { bodyId: body.id, meetingId: meeting.id, present };
}

async function projectsFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('候选项目');
  ws.addRow(['江北区2027年民生实事候选项目']);
  ws.addRow(['序号', '项目名称', '牵头单位', '总投资（万元）', '实施地点', '项目来源']);
  PROJECTS.forEach((p, i) => ws.addRow([i + 1, ...p]));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'projects-')), '2027年民生实事候选项目.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/** Key a whole stack at the keyboard: numbers + Enter, F2 for a void ballot. */
async function keyStack(page: Page, ballots: string[]) {
  for (const b of ballots) {
    if (b === 'VOID') await page.keyboard.press('F2');
    else {
      await page.keyboard.type(b);
      await page.keyboard.press('Enter');
    }
  }
}

test('paper ballots keyed twice, compared, corrected, counted and announced', async ({ page }) => {
  test.setTimeout(180_000);
  await openMeeting(page.request, {
    body: '江北区人民代表大会',
    kind: 'district_midyear',
    rules: 'district_midyear_session',
    title: '江北区第十八届人民代表大会第五次会议',
    present: 210,
    passOnValid: true,
  });
  const ballots = stack();

  // A list of 12 for 10, made and filled through the console.
  await page.goto('/#/votes');
  await page.getByRole('button', { name: '新建候选项目清单' }).click();
  const dialog = await settled(page.getByRole('dialog'));
  await choose(page, dialog.getByLabel('机构'), '江北区人民代表大会');
  // One list a year per body, and other specs and the demo take 2026–2028 for 江北区: a year none uses (a repeat takes the next).
  await dialog.getByLabel('年度').fill(String(2039 + test.info().repeatEachIndex));
  await dialog.getByLabel('清单名称').fill(`2039年民生实事项目${again()}`);
  await dialog.getByLabel('应选项目数').fill('10');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { name: `2039年民生实事项目${again()}` })).toBeVisible();

  await page.getByRole('button', { name: '导入（Excel/CSV）' }).click();
  await page.locator('input[type=file]').setInputFiles(await projectsFile());
  await expect(dialog.getByTestId('import-summary')).toContainText('共 12 行，全部有效');
  await dialog.getByRole('button', { name: '确认导入 12 个项目' }).click();
  await expect(page.getByTestId('list-figures')).toHaveText(/应选10项.*候选12项.*差额2项/);
  await expect(page.getByTestId('projects-table').locator('tbody tr')).toHaveCount(12);
  // Only a list adopted by 主任会议 or 常委会 can be voted on (issue 11; the clerk's dialog is in candidates.spec.ts).
  const listId = Number(/#\/votes\/(\d+)/.exec(page.url())![1]);
  await api(page.request, 'projectLists.adopt', {
    id: listId,
    by: 'directors',
    on: '2027-01-12',
    ref: '第十五次主任会议',
  });
  await expect(page.getByTestId('adoption')).toContainText(
    '候选清单已确定：2027年1月12日经主任会议确定（第十五次主任会议）',
  );

  // The first round: paper, choose up to 10, passing on more than half of the valid ballots (the meeting's local rule).
  await page.getByRole('tab', { name: '票决与结果' }).click();
  await page.getByRole('button', { name: '安排票决' }).click();
  await expect(dialog.getByLabel('票决议程')).toBeVisible();
  await expect(dialog).toContainText('票决民生实事项目');
  await expect(dialog.getByTestId('round-pass-rule')).toContainText(PASS_ON_VALID);
  await dialog.getByLabel('监票人').fill('王建国');
  await page.keyboard.press('Enter');
  await dialog.getByLabel('监票人').fill('李秀英');
  await page.keyboard.press('Enter');
  await dialog.getByLabel('计票人').fill('张伟');
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: '安排' }).click();
  const round = page.getByTestId('round-1');
  await expect(round).toContainText('未开始');
  await round.getByRole('button', { name: '开始投票' }).click();
  await expect(round).toContainText('投票中');
  await expect(page.getByTestId('list-locked')).toBeVisible();
  await round.getByRole('button', { name: '停止投票' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '停止投票' }).click();
  await expect(round).toContainText('计票中');
  await expect(round.getByTestId('paper-status')).toContainText('第一批已录 0 张');

  // 第一批: the whole stack, with one typo caught before it is sent (the text stays to be fixed).
  await round.getByRole('button', { name: '录入第一批' }).click();
  const box = page.getByTestId('ballot-input');
  await expect(box).toBeFocused();
  const started = Date.now();
  await keyStack(page, ballots.slice(0, 9));
  await page.keyboard.type('1 2 99');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('entry-error')).toHaveText('没有编号为99的候选项目');
  await expect(box).toHaveValue('1 2 99');
  await page.keyboard.press('Control+A');
  await keyStack(page, ballots.slice(9));
  await expect(page.getByTestId('count-total')).toHaveText('60');
  await expect(page.getByTestId('entry-seq')).toHaveText('第61张');
  await expect(page.getByTestId('entry-counts')).toContainText('有效58');
  await expect(page.getByTestId('entry-counts')).toContainText('无效2');

  // 第二批 by the other clerk: three slips (7, 23, 48 keyed wrong), and one mistake caught at once with Ctrl+Z.
  await page.getByText('第二批录入').click();
  await expect(page.getByTestId('entry-batch')).toHaveText('第二批');
  await expect(box).toBeFocused();
  const slip = (b: string) => b.split(' ').slice(0, -1).join(' ');
  const second = ballots.map((b, i) => ([7, 23, 48].includes(i + 1) ? slip(b) : b));
  await keyStack(page, second.slice(0, 39));
  await page.keyboard.type('3 4');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('entry-seq')).toHaveText('更正第40张');
  await expect(box).toHaveValue('3 4');
  await keyStack(page, second.slice(39, 40));
  await expect(page.getByTestId('entry-seq')).toHaveText('第41张');
  await keyStack(page, second.slice(40, 59));
  await page.keyboard.type(second[59]!.split(' ').slice(0, 4).join(' '));
  await page.screenshot({ path: path.join(shots, 'paper-entry.png') });
  await page.keyboard.type(` ${second[59]!.split(' ').slice(4).join(' ')}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('count-total')).toHaveText('60');
  await expect(page.getByTestId('entry-recent')).toContainText('第60张');
  // A figure, not a guard (speed is measured in npm run bench): 120 ballots take about 25 s on an idle two-core machine.
  console.log(`120 张纸质选票两批录入：${((Date.now() - started) / 1000).toFixed(1)} s`);

  // 比对 shows exactly the three slips.
  await page.getByText('比对', { exact: true }).click();
  await expect(page.getByTestId('diff-count')).toHaveText('3');
  await expect(page.getByTestId('diff-seq')).toHaveText(['第7张', '第23张', '第48张']);
  await expect(page.getByTestId('compare-table')).toContainText(ballots[6]!);
  await expect(page.getByTestId('compare-table')).toContainText(slip(ballots[22]!));
  await page.screenshot({ path: path.join(shots, 'paper-compare.png') });

  // Closing is refused while the batches differ, and says why.
  await page.getByRole('button', { name: '‹ 返回票决' }).click();
  await round.getByRole('button', { name: '结束计票…' }).click();
  await dialog.getByLabel('发出选票数').fill('60');
  await dialog.getByRole('button', { name: '结束计票', exact: true }).click();
  await expect(dialog.getByTestId('close-error')).toContainText('两批录入不一致');
  await expect(dialog.getByTestId('close-error')).toContainText('第7、23、48张');
  // The 发出 typed is thrown away only when the clerk says so.
  await dialog.getByRole('button', { name: '取消' }).click();
  await page.getByRole('dialog', { name: '放弃未保存的内容？' }).getByRole('button', { name: '放弃并关闭' }).click();
  await expect(round).toContainText('计票中');

  // The second batch re-keyed from the paper for each of the three.
  await round.getByRole('button', { name: '比对' }).click();
  for (const seq of [7, 23, 48]) {
    await page
      .getByTestId('compare-table')
      .locator('tr', { hasText: `第${seq}张` })
      .getByRole('button', { name: '重录第二批' })
      .click();
    await expect(dialog).toContainText(`重录第${seq}张 · 第二批`);
    await page.keyboard.type(ballots[seq - 1]!);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
  }
  await expect(page.getByTestId('diff-count')).toHaveText('0');
  await expect(page.getByTestId('compare-verdict')).toContainText('两批录入一致，共60张');

  // Now it closes: 60 issued, 60 returned, 58 valid; ten chosen by votes, 11 and 12 short of a majority.
  await page.getByTestId('compare-verdict').getByRole('button', { name: '结束计票…' }).click();
  await dialog.getByLabel('发出选票数').fill('60');
  await dialog.getByRole('button', { name: '结束计票', exact: true }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: '‹ 返回票决' }).click();
  const result = round.getByTestId('round-result');
  await expect(round).toContainText('已结束');
  await expect(result).toContainText('确定10项');
  const rows = result.getByTestId('result-table').locator('tbody tr');
  await expect(rows).toHaveCount(12);
  await expect(rows.nth(0)).toContainText('老旧小区加装电梯');
  await expect(rows.nth(0)).toContainText('55');
  await expect(rows.nth(0)).toContainText('入选');
  await expect(rows.nth(9)).toContainText('托育服务中心建设');
  await expect(rows.nth(9)).toContainText('入选');
  await expect(rows.nth(10)).toContainText('智慧停车场建设');
  await expect(rows.nth(10)).toContainText('未通过');
  const announcement = result.getByTestId('announcement');
  await expect(announcement).toContainText('发出选票60张，收回60张');
  await expect(announcement).toContainText('有效票58张，无效票2张');
  await expect(announcement).toContainText('监票人：王建国、李秀英');
  await expect(result).toContainText('计票人：张伟');
  await expect(round.getByRole('button', { name: '安排下一轮' })).toHaveCount(0);
  // The whole round in one picture: a taller window rather than a full-page shot (the sidebar is sticky).
  await page.setViewportSize({ width: 1440, height: 1240 });
  await page.reload();
  await expect(announcement).toContainText('发出选票60张');
  await page.screenshot({ path: path.join(shots, 'project-result.png') });
});

test('the desk reads 1-10 and *11 12: a 12选10 ballot in at most 6 keys, shown before Enter', async ({ page }) => {
  const { bodyId } = await openMeeting(page.request, {
    body: '华新街街道议事代表会议',
    kind: 'street_council',
    rules: 'street_council',
    title: `华新街街道第二届议事代表会议第四次会议${again()}`,
    present: 24,
  });
  const list = await api<{ id: number }>(page.request, 'projectLists.create', {
    bodyId,
    year: 2027,
    title: `华新街街道2027年民生实事项目${again()}`,
    seats: 10,
  });
  for (const [name] of PROJECTS) await api(page.request, 'projects.add', { listId: list.id, name });
  // Only a list adopted by 主任会议 or 常委会 can be voted on (issue 11).
  await api(page.request, 'projectLists.adopt', {
    id: list.id,
    by: 'directors',
    on: '2027-01-12',
    ref: '第十五次主任会议',
  });
  await page.goto(`/#/votes/${list.id}/rounds`);
  await page.getByRole('button', { name: '安排票决' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '安排' }).click();
  const round = page.getByTestId('round-1');
  await round.getByRole('button', { name: '开始投票' }).click();
  await round.getByRole('button', { name: '停止投票' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '停止投票' }).click();
  await round.getByRole('button', { name: '录入第一批' }).click();

  const box = page.getByTestId('ballot-input');
  const feedback = page.getByTestId('entry-feedback');
  await expect(box).toBeFocused();
  await expect(page.locator('.ref-help')).toContainText(
    '如 1 2 12；连续的写成 1-3；以 * 开头则输入未勾的编号，如 *12 即除12号外全部',
  );
  await page.keyboard.type('1-10');
  await expect(feedback.locator('.entry-token')).toHaveCount(10);
  await expect(feedback).toContainText('10 托育服务中心建设');
  await expect(feedback).toContainText('10项，回车确认');
  await page.keyboard.press('Enter');
  await page.keyboard.type('*11 12');
  await expect(page.getByTestId('entry-allbut')).toHaveText('除11、12外全部：');
  await expect(feedback.locator('.entry-token')).toHaveCount(10);
  await expect(feedback).not.toContainText('智慧停车场建设');
  await page.screenshot({ path: path.join(shots, 'paper-entry-allbut.png') });
  await page.keyboard.press('Enter');
  await page.keyboard.type('*3 9');
  await expect(feedback).not.toContainText('中小学校园周边交通安全改造');
  await page.keyboard.press('Enter');
  // "-4" on a choose ballot is still refused (反对 belongs to per-project ballots), and the text stays to be fixed.
  await page.keyboard.type('1 -4');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('entry-error')).toHaveText('“-4”：只有逐项表决的选票才区分反对和弃权');
  await expect(box).toHaveValue('1 -4');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('count-total')).toHaveText('3');
  await expect(page.getByTestId('entry-counts')).toContainText('有效3');
  const recent = page.getByTestId('entry-recent');
  await expect(recent).toContainText('1 2 3 4 5 6 7 8 9 10');
  await expect(recent).toContainText('1 2 4 5 6 7 8 10 11 12');
});

test('electronic round: progress without a tally, a tie at the last seat, and a runoff among the tied', async ({
  page,
}) => {
  const { bodyId, present } = await openMeeting(page.request, {
    body: '观音桥街道议事代表会议',
    kind: 'street_council',
    rules: 'street_council',
    title: '观音桥街道第二届议事代表会议第三次会议',
    present: 24,
    passOnValid: true,
  });
  const list = await api<{ id: number }>(page.request, 'projectLists.create', {
    bodyId,
    year: 2027,
    title: `观音桥街道2027年民生实事项目${again()}`,
    seats: 3,
    sameYear: true,
  });
  const ids: number[] = [];
  for (const name of ['社区食堂', '背街小巷整治', '口袋公园', '加装电梯', '充电桩'])
    ids.push((await api<{ id: number }>(page.request, 'projects.add', { listId: list.id, name })).id);
  // Only a list adopted by 主任会议 or 常委会 can be voted on (issue 11).
  await api(page.request, 'projectLists.adopt', {
    id: list.id,
    by: 'directors',
    on: '2027-01-12',
    ref: '第十五次主任会议',
  });

  await page.goto(`/#/votes/${list.id}/rounds`);
  await expect(page.getByTestId('list-figures')).toHaveText(/应选3项.*候选5项.*差额2项/);
  await page.getByRole('button', { name: '安排票决' }).click();
  const dialog = await settled(page.getByRole('dialog'));
  await dialog.getByText('电子选票', { exact: true }).click();
  await expect(dialog.getByTestId('round-pass-rule')).toContainText(PASS_ON_VALID);
  await dialog.getByRole('button', { name: '安排' }).click();
  const round1 = page.getByTestId('round-1');
  await round1.getByRole('button', { name: '开始投票' }).click();
  await expect(round1.getByTestId('round-progress')).toContainText('收回 0 / 出席 24');

  // 24 ballots: 1 and 2 well ahead, 3 and 4 level on 14 for the last seat. While voting only the count shows.
  const { id: voteId } = (await api<{ id: number }[]>(page.request, 'projectVotes.list', { listId: list.id }))[0]!;
  const [a, b, c, d] = ids as [number, number, number, number];
  const ballots = [
    ...Array<number[]>(10).fill([a, b, c]),
    ...Array<number[]>(10).fill([a, b, d]),
    ...Array<number[]>(4).fill([a, c, d]),
  ];
  for (const [i, yes] of ballots.entries())
    await api(page.request, 'projectVotes.cast', { id: voteId, membershipId: present[i], marks: { yes } });
  await expect(round1.getByTestId('round-progress')).toContainText('收回 24 / 出席 24');
  await expect(round1).not.toContainText('得票');

  await round1.getByRole('button', { name: '停止投票' }).click();
  const stopping = page.locator('.ant-modal-confirm');
  await expect(stopping).toContainText('已收回24张，未投0人（出席24人）');
  await stopping.getByRole('button', { name: '停止投票' }).click();
  await round1.getByRole('button', { name: '结束计票…' }).click();
  await expect(dialog.getByLabel('发出选票数')).toHaveValue('24');
  await dialog.getByRole('button', { name: '结束计票', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(round1.getByTestId('round-result')).toContainText('平票待再投');
  await expect(round1.getByTestId('announcement')).toContainText('3号 口袋公园、4号 加装电梯得票相同');

  await round1.getByRole('button', { name: '安排下一轮' }).click();
  await expect(dialog).toContainText('就得票相同的2个项目再次投票，争夺最后1个名额');
  await dialog.getByRole('button', { name: '安排' }).click();
  const round2 = page.getByTestId('round-2');
  await expect(round2).toContainText('第2轮（平票再投）');
  await expect(round2).toContainText('候选2项');
  await expect(round2).toContainText('未开始');
  await expect(round1).toContainText('已结束');
  await expect(round1.getByRole('button', { name: '安排下一轮' })).toHaveCount(0);
  await page.setViewportSize({ width: 1440, height: 1060 });
  await page.reload();
  await expect(round2).toContainText('未开始');
  await page.screenshot({ path: path.join(shots, 'project-runoff.png') });
});
