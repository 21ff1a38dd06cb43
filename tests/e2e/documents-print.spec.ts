import type { APIRequestContext } from '@playwright/test';
import { sortByName } from '../../shared/domain/collation';
import { api, expect, printPdf, printPng, settled, squeeze, test } from './fixtures';
import { congressName } from '../fixtures/names';

/**
 * The clerk's papers printed through Chromium's print engine (issue 12 item 1): each print route rendered to PDF,
 * its text extracted (unpdf) and checked as a clerk would read it, its pages counted, and its first page saved as
 * a PNG. Each test makes its own body and meeting (the host runs with the demo data).
 */

async function newCongress(request: APIRequestContext, tag: string, n: number) {
  const body = await api<{ id: number; name: string }>(request, 'bodies.create', {
    kind: 'district_congress',
    name: `${tag}区人民代表大会`,
    term: '第三届',
  });
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = congressName(i);
    names.push(name);
    await api(request, 'members.create', {
      bodyId: body.id,
      name,
      unitTitle: `${tag}区第${i + 1}街道办事处主任`,
      phone: `139${String(10_000_000 + i * 7919).padStart(8, '0')}`,
    });
  }
  const ruleSets = await api<{ id: number; key: string }[]>(request, 'ruleSets.list', {});
  const meeting = await api<{ id: number; title: string }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId: ruleSets.find((r) => r.key === 'district_midyear_session')!.id,
    title: `${tag}区人民代表大会2029年年中会议`,
    date: '2029-07-08',
    startTime: '09:00',
    endTime: '12:00',
    venue: `${tag}区人民会堂`,
  });
  const members = await api<{ membershipId: number; name: string }[]>(request, 'members.list', { bodyId: body.id });
  return { body, names, meeting, members };
}

test('签到表: the roll in 姓氏笔画 order over several A4 pages, header row and page number on each', async ({
  page,
  request,
}) => {
  const tag = `签表${Date.now() % 100000}`;
  const c = await newCongress(request, tag, 45);
  const doc = await printPdf(page, `#/print/signin/${c.meeting.id}`);
  await printPng(page, 'print-signin-first-page');

  expect(doc.compact).toContain(squeeze(`${tag}区人民代表大会2029年年中会议`));
  expect(doc.compact).toContain('签到表');
  expect(doc.compact).toContain('时间：2029年7月8日09:00—12:00');
  expect(doc.compact).toContain(`地点：${tag}区人民会堂`);
  expect(doc.compact).toContain('应到代表45名');
  // 45 rows of 10 mm do not fit one type area (225 mm): the sheet runs on, every page with its header row and 页码.
  expect(doc.pages).toBeGreaterThanOrEqual(3);
  // The console's preview says as many pages as the print engine makes.
  expect(doc.estimated).toBe(doc.pages);
  doc.pageTexts.forEach((text, i) => {
    expect(squeeze(text), `第${i + 1}页`).toContain('序号姓名单位及职务签名备注');
    expect(squeeze(text), `第${i + 1}页`).toContain(`—${i + 1}—`);
  });
  // The names in the order a formal list takes (笔画), read off the paper.
  const expected = sortByName(c.names, 'stroke', (n) => n);
  const positions = expected.map((n) => doc.compact.indexOf(n));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(doc.compact).toContain(`${expected[0]}${tag}区第`);
});

/** The congress's meeting opened with 12 of its deputies present, a 12选10 paper 票决 and a 75-item paper 测评, both open. */
async function votingDay(request: APIRequestContext, tag: string) {
  const c = await newCongress(request, tag, 14);
  for (const m of c.members.slice(0, 12))
    await api(request, 'attendance.mark', { meetingId: c.meeting.id, membershipId: m.membershipId, status: 'present' });
  const voteItem = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: c.meeting.id,
    kind: 'project_vote',
    title: '票决产生2030年度民生实事项目',
  });
  const evalItem = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: c.meeting.id,
    kind: 'evaluation',
    title: '对代表建议办理情况进行满意度测评',
  });
  const list = await api<{ id: number }>(request, 'projectLists.create', {
    bodyId: c.body.id,
    year: 2030,
    title: `${tag}区2030年度民生实事候选项目`,
    seats: 10,
  });
  const projects = [
    '城区老旧小区改造',
    '背街小巷整治提升',
    '社区养老服务中心建设',
    '中小学校课后服务',
    '农村饮水安全巩固',
    '公共停车位新增',
    '菜市场标准化改造',
    '城市公园绿地建设',
    '残疾人康复服务',
    '智慧公厕改造',
    '夜间照明亮化工程',
    '社区卫生服务站提档升级',
  ];
  for (const name of projects) await api(request, 'projects.add', { listId: list.id, name });
  await api(request, 'projectLists.adopt', { id: list.id, by: 'directors', on: '2029-06-20', ref: '第十五次主任会议' });
  await api(request, 'meetings.open', { id: c.meeting.id });
  const vote = await api<{ id: number }>(request, 'projectVotes.create', {
    listId: list.id,
    agendaItemId: voteItem.id,
    style: 'choose',
    mode: 'paper',
    scrutineers: ['钱监票', '孙监票'],
    counters: ['李计票'],
  });
  await api(request, 'projectVotes.open', { id: vote.id });
  const items = Array.from({ length: 75 }, (_v, i) => ({
    kind: 'suggestion',
    number: `第${i + 1}号`,
    title: `关于加强第${i + 1}片区公共服务设施建设的建议办理情况`,
    department: i % 2 ? '区住房城乡建委' : '区交通局',
  }));
  const evaluation = await api<{ id: number }>(request, 'evaluations.create', {
    agendaItemId: evalItem.id,
    style: 'rating',
    mode: 'paper',
    items,
    scrutineers: [],
    counters: [],
  });
  await api(request, 'polls.open', { id: evaluation.id });
  return { ...c, projects, voteId: vote.id, evaluationId: evaluation.id };
}

test('票决选票 12选10 on one A4 page; 计票单 blank before the count, with the tallies and signatures after', async ({
  page,
  request,
}) => {
  const tag = `选票${Date.now() % 100000}`;
  const day = await votingDay(request, tag);

  const ballot = await printPdf(page, `#/print/ballot/${day.voteId}`);
  await printPng(page, 'print-ballot-12-for-10');
  expect(ballot.pages).toBe(1);
  expect(ballot.estimated).toBe(1);
  expect(ballot.compact).toContain(squeeze(`${tag}区2030年度民生实事候选项目`));
  expect(ballot.compact).toContain('选票（无记名投票）');
  expect(ballot.compact).toContain('本次票决候选项目12项，应选10项。');
  expect(ballot.compact).toContain('等于或少于应选10项的为有效票，超过应选10项的为无效票（超过10项无效）。');
  day.projects.forEach((p, i) => expect(ballot.compact).toContain(`${i + 1}${p}`));
  // A secret ballot names no deputy.
  for (const n of day.names) expect(ballot.compact).not.toContain(n);

  const blank = await printPdf(page, `#/print/count-sheet/${day.voteId}`);
  await printPng(page, 'print-count-sheet-blank');
  expect(blank.pages).toBe(1);
  expect(blank.compact).toContain('计票单');
  expect(blank.compact).toContain('应到实到发出收回有效无效1412');
  expect(blank.compact).toContain('监票人（签名）：钱监票孙监票');
  expect(blank.compact).toContain('计票人（签名）：李计票');
  expect(blank.compact).toContain('二〇二九年七月八日');
  expect(blank.compact).not.toMatch(/\d入选/);

  // Twelve ballots: ten mark 1–10, one marks 3–12, one marks all twelve (void: more than 10).
  await api(request, 'polls.stopVoting', { id: day.voteId });
  const stack = [...Array(10).fill('1 2 3 4 5 6 7 8 9 10'), '3 4 5 6 7 8 9 10 11 12', '1 2 3 4 5 6 7 8 9 10 11 12'];
  for (const batch of [1, 2])
    for (const keys of stack) await api(request, 'projectVotes.paperEnter', { id: day.voteId, batch, keys });
  await api(request, 'polls.close', { id: day.voteId, issued: 12 });
  const counted = await printPdf(page, `#/print/count-sheet/${day.voteId}`);
  await printPng(page, 'print-count-sheet-counted');
  expect(counted.pages).toBe(1);
  expect(counted.estimated).toBe(1);
  expect(counted.compact).toContain('应到实到发出收回有效无效1412121211');
  expect(counted.compact).toContain(`1${day.projects[0]}10入选`);
  expect(counted.compact).toContain(`3${day.projects[2]}11入选`);
  expect(counted.compact).toContain(`12${day.projects[11]}1`);
  expect(counted.compact).toMatch(/通过线：赞成票须/);
  expect(counted.compact).toContain('监票人（签名）：钱监票孙监票');
});

test('测评票 of 75 items: 满意/基本满意/不满意 boxes, header row and 页码 on every page, no item split across pages', async ({
  page,
  request,
}) => {
  const tag = `测评${Date.now() % 100000}`;
  const day = await votingDay(request, tag);
  const doc = await printPdf(page, `#/print/ballot/${day.evaluationId}`);
  await printPng(page, 'print-evaluation-75-items');
  expect(doc.compact).toContain('测评票（无记名投票）');
  expect(doc.compact).toContain('本次测评项目共75项。');
  expect(doc.compact).toContain('某一项目未划或划两个以上的，该项无效，不影响其他项目');
  // Each item's title takes two lines (a row of about 12 mm): 12 rows fit under the heading and the instruction box
  // on page 1 and 17 under the repeated header row on each later page, so 12 + 17 × 3 + 12 = 75 on five pages.
  expect(doc.pages).toBe(5);
  expect(doc.estimated).toBe(5);
  const pageOf: number[] = [];
  doc.pageTexts.forEach((text, p) => {
    const t = squeeze(text);
    expect(t, `第${p + 1}页`).toContain('序号测评项目承办单位满意基本满意不满意');
    expect(t, `第${p + 1}页`).toContain(`—${p + 1}—`);
    for (let i = 1; i <= 75; i++)
      if (t.includes(`${i}第${i}号关于加强第${i}片区公共服务设施建设的建议办理情况`)) pageOf[i] = p;
  });
  // Every item whole on one page (its number, title and unit together), in order.
  for (let i = 1; i <= 75; i++) expect(pageOf[i], `第${i}项`).toBeDefined();
  for (let i = 2; i <= 75; i++) expect(pageOf[i]!).toBeGreaterThanOrEqual(pageOf[i - 1]!);
  // A blank count sheet for it, with blank signature lines (no 监票人 on record yet).
  const sheet = await printPdf(page, `#/print/count-sheet/${day.evaluationId}`);
  expect(sheet.compact).toContain('序号测评项目承办单位满意基本满意不满意该项无效整改');
  expect(sheet.compact).toContain('监票人（签名）：');
});

test('报表 is the documents hub: pick a meeting, preview its 签到表 and a round’s 选票 in the print preview', async ({
  page,
  request,
}) => {
  const tag = `文书${Date.now() % 100000}`;
  const day = await votingDay(request, tag);
  await page.goto('/#/reports');
  await page.getByTestId(`hub-meeting-${day.meeting.id}`).click();
  await expect(page).toHaveURL(new RegExp(`#/reports/${day.meeting.id}$`));
  const docs = page.getByTestId('hub-documents');
  await expect(docs.getByTestId(`hub-round-${day.voteId}`)).toContainText(`${tag}区2030年度民生实事候选项目`);
  await expect(docs.getByTestId(`hub-round-${day.evaluationId}`)).toContainText('满意度测评');

  await docs.getByTestId('print-signin').click();
  const dialog = await settled(page.getByRole('dialog'));
  await expect(dialog).toContainText(`打印预览：${tag}区人民代表大会2029年年中会议签到表`);
  await expect(dialog.getByTestId('print-pages')).toHaveText(/^约[12]页（A4）$/);
  const frame = page.frameLocator('[data-testid="print-frame"]');
  await expect(frame.locator('.doc-subtitle')).toHaveText('签到表');
  await expect(frame.locator('tbody tr')).toHaveCount(14);
  await page.screenshot({ path: 'tests/e2e/screenshots/print-preview-signin.png' });
  await dialog.getByRole('button', { name: '关闭', exact: true }).last().click();

  await docs.getByTestId(`hub-round-${day.voteId}`).getByTestId('print-ballot').click();
  await expect(page.getByRole('dialog').getByTestId('print-pages')).toHaveText('约1页（A4）');
  await expect(page.frameLocator('[data-testid="print-frame"]').locator('.ballot-rule')).toContainText('超过10项无效');
  await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).last().click();

  // The 测评 screen links to its papers too.
  await page.goto(`/#/evaluations/${day.evaluationId}`);
  await page.getByTestId('print-ballot').click();
  await expect(page.getByRole('dialog')).toContainText('测评票');
  await expect(page.getByRole('dialog').getByTestId('print-pages')).toHaveText(/约[4-6]页（A4）/);
});
