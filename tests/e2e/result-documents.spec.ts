import { api, expect, printPdf, printPng, squeeze, test } from './fixtures';

/**
 * Result documents (issue 12 items 1–2) printed through Chromium: 表决结果公告 and 测评结果 of closed rounds and the
 * 会议纪要, each with its fingerprint at the foot; the code read off the PDF is typed into 设置 › 核验指纹 and
 * confirmed. The host runs with the demo data: this test makes its own body and meeting (2029).
 */

test('表决结果公告, 测评结果 and 会议纪要 print with their figures and fingerprint; the code checks in 设置', async ({
  page,
  request,
}) => {
  const tag = `果文${Date.now() % 100000}`;
  const body = await api<{ id: number }>(request, 'bodies.create', {
    kind: 'district_congress',
    name: `${tag}区人民代表大会`,
    term: '第三届',
  });
  for (let i = 0; i < 6; i++)
    await api(request, 'members.create', {
      bodyId: body.id,
      name: `${'赵钱孙李周吴'[i]}${tag.slice(0, 1)}明`,
      phone: `1391234${String(5000 + i)}`,
    });
  const sets = await api<{ id: number; key: string }[]>(request, 'ruleSets.list', {});
  const meeting = await api<{ id: number }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId: sets.find((r) => r.key === 'district_midyear_session')!.id,
    title: `${tag}区人民代表大会2029年年中会议`,
    date: '2029-07-08',
    startTime: '09:00',
    endTime: '12:00',
    venue: `${tag}区人民会堂`,
  });
  const members = await api<{ membershipId: number }[]>(request, 'members.list', { bodyId: body.id });
  for (const m of members)
    await api(request, 'attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  await api(request, 'meetings.open', { id: meeting.id });

  const motion = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'motion',
    title: '关于批准2029年预算调整方案的决议（草案）',
  });
  const vote = await api<{ id: number }>(request, 'votes.create', {
    agendaItemId: motion.id,
    mode: 'electronic',
    secrecy: 'named',
  });
  await api(request, 'votes.open', { id: vote.id });
  // The 测评 document of an open round is refused, and names no figure.
  const refused = await printPdf(page, `#/print/round-result/${vote.id}`).then(
    () => null,
    (e: Error) => e.message,
  );
  expect(refused).toContain('尚未结束，结果尚未公布，不能出具表决结果公告');
  await page.goto('about:blank');
  for (const [i, m] of members.entries())
    await api(request, 'votes.cast', { id: vote.id, membershipId: m.membershipId, choice: i < 5 ? 'yes' : 'abstain' });
  const closedVote = await api<{ announcement: string }>(request, 'votes.close', { id: vote.id });

  const evalItem = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'evaluation',
    title: '对民生实事项目推进情况进行满意度测评',
  });
  const ev = await api<{ id: number }>(request, 'evaluations.create', {
    agendaItemId: evalItem.id,
    style: 'rating',
    mode: 'electronic',
    items: [
      { kind: 'suggestion', number: '1', title: '老旧小区改造' },
      { kind: 'suggestion', number: '2', title: '农贸市场提升' },
    ],
    scrutineers: ['赵明'],
    counters: ['钱明'],
  });
  await api(request, 'polls.open', { id: ev.id });
  const marks = [
    ['satisfied', 'satisfied'],
    ['satisfied', 'basically'],
    ['satisfied', 'unsatisfied'],
    ['basically', 'satisfied'],
    ['satisfied', 'satisfied'],
    ['unsatisfied', 'basically'],
  ];
  for (const [i, m] of members.entries())
    await api(request, 'polls.cast', { id: ev.id, membershipId: m.membershipId, ballot: { ratings: marks[i] } });
  await api(request, 'polls.stopVoting', { id: ev.id });
  await api(request, 'polls.close', { id: ev.id });

  // 表决结果公告
  const fpVote = await api<{ code: string }>(request, 'fingerprints.get', { roundId: vote.id });
  const doc = await printPdf(page, `#/print/round-result/${vote.id}`);
  await printPng(page, 'print-motion-result-first-page');
  expect(doc.compact).toContain('关于《关于批准2029年预算调整方案的决议（草案）》表决结果的公告');
  expect(doc.compact).toContain(closedVote.announcement.replace(/\s+/g, ''));
  expect(doc.compact).toContain('应到实到赞成反对弃权未按通过所需票数表决结果');
  expect(doc.compact).toMatch(/665010\d通过/);
  expect(doc.compact).toContain(`结果指纹：${fpVote.code}`);
  expect(doc.compact).toContain('设置›核验指纹');
  expect(doc.compact).toContain('二〇二九年七月八日');

  // 测评结果: 满意 4 of 6 returned = 66.67%, 满意+基本满意 5 = 83.33% for item 1.
  const fpEval = await api<{ code: string }>(request, 'fingerprints.get', { roundId: ev.id });
  await page.goto('about:blank'); // a print route is read once per load: a new hash alone does not reload it
  const evDoc = await printPdf(page, `#/print/round-result/${ev.id}`);
  await printPng(page, 'print-evaluation-result-first-page');
  expect(evDoc.compact).toContain('对民生实事项目推进情况进行满意度测评结果');
  expect(evDoc.compact).toContain('1老旧小区改造411');
  expect(evDoc.compact).toContain('83.33%');
  expect(evDoc.compact).toContain('66.67%');
  expect(evDoc.compact).toContain(`结果指纹：${fpEval.code}`);

  // 会议纪要 (the meeting still open: a draft, each result with its code)
  await page.goto('about:blank');
  const minutes = await printPdf(page, `#/print/minutes/${meeting.id}`);
  await printPng(page, 'print-minutes-first-page');
  expect(minutes.compact).toContain('应到代表6名，实到6名');
  expect(minutes.compact).toContain(`（结果指纹：${fpVote.code}）`);
  expect(minutes.compact).toContain('主持人');
  expect(minutes.compact).toContain('列席');

  // 报表 offers each closed round's result document beside its papers, and the 会议纪要.
  await page.goto('about:blank');
  await page.goto(`/#/reports/${meeting.id}`);
  const hub = page.getByTestId('hub-documents');
  await expect(hub.getByTestId(`hub-round-${vote.id}`).getByTestId(`print-result-${vote.id}`)).toHaveText(
    '表决结果公告',
  );
  await expect(hub.getByTestId(`hub-round-${ev.id}`).getByTestId(`print-result-${ev.id}`)).toHaveText('测评结果');
  await expect(hub.getByTestId('print-minutes')).toBeVisible();

  // The code as read off the paper, typed into 设置 › 核验指纹.
  const code = /结果指纹：(\d+-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(doc.compact)![1]!;
  const console = page;
  await console.goto('/');
  await console.getByRole('menuitem', { name: '设置' }).click();
  await console.getByLabel('指纹').fill(code.toLowerCase());
  await console.getByRole('button', { name: '核验' }).click();
  const answer = console.getByTestId('fingerprint-check');
  await expect(answer.locator('.ant-alert-message, .ant-alert-title').first()).toHaveText('核验通过');
  await expect(answer.locator('.ant-alert-description')).toHaveText(/^指纹一致：/);
  await expect(answer).toContainText('表决《关于批准2029年预算调整方案的决议（草案）》的结果');
  await console
    .locator('.ant-card', { hasText: '核验指纹' })
    .screenshot({ path: 'tests/e2e/screenshots/settings-fingerprint-check.png' });
  // A typo is told apart from a changed file.
  await console.getByLabel('指纹').fill(code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A'));
  await console.getByRole('button', { name: '核验' }).click();
  await expect(answer).toContainText('校验位不符');
});

test('票决结果（主席团）公告 prints the chosen projects in order, the figures of the round and its fingerprint', async ({
  page,
  request,
}) => {
  const stamp = Date.now().toString(36);
  const body = (await api<{ id: number; name: string }[]>(request, 'bodies.list')).find(
    (b) => b.name === '鱼嘴镇人民代表大会',
  )!;
  const rules = (await api<{ id: number; key: string | null }[]>(request, 'ruleSets.list')).find(
    (r) => r.key === 'township_quarterly',
  )!;
  // A quarter and year no other spec takes (one 季会 per quarter per year).
  const meeting = await api<{ id: number }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'township_quarterly',
    ruleSetId: rules.id,
    title: `鱼嘴镇第十九届人民代表大会2032年第一季度会议（${stamp}）`,
    date: '2032-01-16',
    quarter: 1,
  });
  const item = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'project_vote',
    title: '票决产生鱼嘴镇2032年民生实事项目',
  });
  const present = (await api<{ membershipId: number }[]>(request, 'members.list', { bodyId: body.id })).slice(0, 64);
  for (const m of present)
    await api(request, 'attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  await api(request, 'meetings.open', { id: meeting.id });
  const list = await api<{ id: number }>(request, 'projectLists.create', {
    bodyId: body.id,
    year: 2032,
    title: `鱼嘴镇2032年民生实事候选项目（${stamp}）`,
    seats: 2,
    sameYear: true,
  });
  for (const name of ['场镇停车场建设', '中小学校门口护学岗', '农村饮水提质', '敬老院适老化改造'])
    await api(request, 'projects.add', { listId: list.id, name });
  await api(request, 'projectLists.adopt', { id: list.id, by: 'directors', on: '2032-01-05', ref: '第二十次主任会议' });
  const projects = (
    await api<{ projects: { id: number; name: string }[] }>(request, 'projectLists.get', { id: list.id })
  ).projects;
  const [a, b, c] = projects.map((p) => p.id) as [number, number, number];
  const round = await api<{ id: number }>(request, 'projectVotes.create', {
    listId: list.id,
    agendaItemId: item.id,
    style: 'choose',
    mode: 'electronic',
    scrutineers: ['陈监票'],
    counters: ['刘计票'],
  });
  await api(request, 'projectVotes.open', { id: round.id });
  // Of 64 present (90 deputies, so 46 pass): 农村饮水提质 55, 场镇停车场建设 50, 中小学校门口护学岗 9: the first two are chosen, in that order.
  for (const [i, m] of present.entries()) {
    await api(request, 'projectVotes.cast', {
      id: round.id,
      membershipId: m.membershipId,
      marks: { yes: i < 50 ? [a, c] : i < 55 ? [c] : [b] },
    });
  }
  const refused = await printPdf(page, `#/print/list-result/${list.id}`).then(
    () => null,
    (e: Error) => e.message,
  );
  expect(refused).toContain('尚未计票，票决结果尚未公布，不能出具票决结果公告');
  await page.goto('about:blank');
  await api(request, 'projectVotes.stopVoting', { id: round.id });
  await api(request, 'projectVotes.close', { id: round.id, issued: 64 });
  const result = await api<{ announcement: string }>(request, 'projectLists.result', { listId: list.id });
  const fp = await api<{ code: string }>(request, 'fingerprints.get', { listId: list.id });

  const doc = await printPdf(page, `#/print/list-result/${list.id}`);
  await printPng(page, 'print-list-result-first-page');
  expect(doc.pages).toBe(1);
  // The issuer, the date and the fingerprint on one page.
  expect(squeeze(doc.pageTexts.at(-1)!)).toMatch(/主席团二〇三二年一月十六日结果指纹/);
  // The 公告 once: its heading and signature are the document's own title and issuer.
  const said = result.announcement.split('\n').slice(1, -3).join('');
  expect(doc.compact).toContain(said.replace(/\s+/g, ''));
  expect(doc.compact).toContain('（限选2项（勾选））');
  expect(doc.compact.split('现予公告').length).toBe(2);
  expect(doc.compact.split('确定2项').length).toBe(2);
  expect(doc.compact.indexOf('农村饮水提质')).toBeLessThan(doc.compact.indexOf('场镇停车场建设'));
  expect(doc.compact).toContain('鱼嘴镇第十九届人民代表大会');
  expect(doc.compact).toContain('二〇三二年一月十六日');
  expect(doc.compact).toContain(`结果指纹：${fp.code}`);
  // No 鱼嘴镇 meeting is left in session: another spec's 安排票决 offers the body's meeting in session first.
  await api(request, 'meetings.close', { id: meeting.id });
});
