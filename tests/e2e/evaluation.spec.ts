import type { APIRequestContext, Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, expect, openPage, settled, test, xlsxRows, choose } from './fixtures';

/**
 * 满意度测评 at a 常委会 meeting: three 专项工作报告 on paper, keyed twice (one slip in the second batch found by
 * 比对 and re-keyed), the count sheet reconciled, closed with 发出; the hall screen shows only progress before 公布
 * and the per-item bars after. A second test keys a 75-item ballot and prints how long the next empty ballot takes.
 */

const shots = path.join(__dirname, 'screenshots');
const REPORTS = [
  '关于全区生态环境保护工作情况的报告',
  '关于全区教育事业发展情况的报告',
  '关于全区养老服务体系建设情况的报告',
];
const PRESENT = 30;
/** 30 ballots, one digit per report: 1 满意, 2 基本满意, 3 不满意. */
const STACK = Array.from({ length: PRESENT }, (_, i) =>
  ['1', i % 5 === 0 ? '2' : '1', i % 4 === 0 ? '3' : i % 3 === 0 ? '2' : '1'].join(''),
);
const again = () => (test.info().repeatEachIndex ? `（${test.info().repeatEachIndex + 1}）` : '');

async function committeeMeeting(request: APIRequestContext, title: string) {
  const bodies = await api<{ id: number; name: string }[]>(request, 'bodies.list', {});
  const body = bodies.find((b) => b.name === '江北区人大常委会')!;
  const ruleSets = await api<{ id: number; key: string | null }[]>(request, 'ruleSets.list', {});
  const rules = ruleSets.find((r) => r.key === 'standing_committee')!;
  const meeting = await api<{ id: number }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: 'standing_committee',
    ruleSetId: rules.id,
    title,
    date: new Date().toISOString().slice(0, 10),
  });
  for (const t of REPORTS) await api(request, 'agenda.add', { meetingId: meeting.id, kind: 'report', title: t });
  const item = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'evaluation',
    title: '对三项专项工作报告进行满意度测评',
  });
  const members = await api<{ membershipId: number }[]>(request, 'members.list', { bodyId: body.id });
  for (const m of members.slice(0, PRESENT))
    await api(request, 'attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  await api(request, 'meetings.open', { id: meeting.id });
  return { meetingId: meeting.id, agendaItemId: item.id };
}

async function keyStack(page: Page, stack: string[]) {
  const box = page.getByTestId('ballot-input');
  for (const b of stack) {
    await box.pressSequentially(b);
    await box.press('Enter');
  }
  await expect(page.getByTestId('count-total')).toHaveText(String(stack.length));
  await expect(page.locator('.count-saving')).toHaveCount(0);
}

test('常委会 evaluates three 专项工作报告 on paper: keyed twice, one difference fixed, count sheet, 发出, 公布', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const { meetingId } = await committeeMeeting(
    request,
    `江北区第十八届人大常委会第三十一次会议${again()}${Date.now() % 100000}`,
  );
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`/#/meetings/${meetingId}/votes`);

  // 安排测评: the items come from this meeting's 专项工作报告.
  const card = page.locator('[data-testid^="evaluation-"]').first();
  await card.getByRole('button', { name: '安排测评' }).click();
  const dialog = await settled(page.getByRole('dialog'));
  await choose(page, dialog.getByLabel('添加专项工作报告'), '全部添加（3项）');
  await expect(dialog.getByTestId('eval-items-count')).toHaveText('3');
  await dialog.getByLabel('监票人').pressSequentially('张明 李华 ');
  await page.screenshot({ path: path.join(shots, 'evaluation-arrange.png') });
  await dialog.getByRole('button', { name: '安排测评' }).click();
  await expect(dialog).toHaveCount(0);

  // Only the buttons of the state: 开始投票 while pending.
  await expect(card.getByRole('button', { name: '开始投票' })).toBeVisible();
  await expect(card.getByRole('button', { name: /结束并计票/ })).toHaveCount(0);
  await card.getByRole('button', { name: '开始投票' }).click();
  await expect(card.getByTestId('evaluation-progress')).toContainText(`出席 ${PRESENT} 人`);

  const round = (await api<{ id: number; kind: string }[]>(request, 'polls.list', { meetingId })).find(
    (r) => r.kind === 'evaluation',
  )!;
  const hall = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
  await hall.goto('/#/projector');
  await card.getByRole('button', { name: '投到大屏' }).click();
  await expect(hall.getByTestId('pj-status')).toHaveText('测评投票中');
  await expect(hall.getByTestId('pj-eval-chart')).toHaveCount(0);

  await card.getByRole('button', { name: '停止投票' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '停止投票' }).click();
  await expect(card.getByTestId('evaluation-status')).toHaveText('正在计票');

  // Two clerks key the stack; the second slips on ballot 7.
  await page.goto(`/#/evaluations/${round.id}/1`);
  await keyStack(page, STACK);
  await expect(hall.getByTestId('pj-progress')).toContainText(String(PRESENT));
  await expect(hall.getByTestId('pj-eval-chart')).toHaveCount(0);
  await page.goto(`/#/evaluations/${round.id}/2`);
  const slipped = STACK.map((b, i) => (i === 6 ? '333' : b));
  await keyStack(page, slipped);

  await page.goto(`/#/evaluations/${round.id}/compare`);
  await expect(page.getByTestId('diff-count')).toHaveText('1');
  await expect(page.getByTestId('diff-seq')).toHaveText('第7张');
  await page.getByRole('button', { name: '重录第二批' }).click();
  const rekey = await settled(page.getByRole('dialog'));
  await rekey.getByLabel('重录选票').fill(STACK[6]!);
  await rekey.getByLabel('重录选票').press('Enter');
  await expect(page.getByTestId('compare-verdict')).toContainText(`两批录入一致，共${PRESENT}张`);

  // The count sheet per item, reconciled against the ballots.
  await page.goto(`/#/evaluations/${round.id}/totals`);
  const sheet = page.getByTestId('count-sheet');
  for (let i = 0; i < 3; i++) {
    const n = (d: string) => STACK.filter((b) => b[i] === d).length;
    await sheet.getByLabel(`第${i + 1}项满意`).fill(String(n('1')));
    await sheet.getByLabel(`第${i + 1}项基本满意`).fill(String(n('2')));
    await sheet.getByLabel(`第${i + 1}项不满意`).fill(String(n('3')));
  }
  await page.getByRole('button', { name: /保存并核对/ }).click();
  await expect(page.getByTestId('sheet-ok')).toBeVisible();

  // 结束并计票 with 发出 and the names on record.
  await page.goto(`/#/meetings/${meetingId}/votes`);
  await card.getByRole('button', { name: /结束并计票/ }).click();
  const close = await settled(page.getByRole('dialog'));
  await close.getByLabel('发出测评票数').fill(String(PRESENT));
  await close.getByLabel('计票人').pressSequentially('王芳 ');
  await close.getByRole('button', { name: '结束计票' }).click();
  const result = card.getByTestId('evaluation-result');
  await expect(result).toBeVisible();
  const sat = (i: number) => STACK.filter((b) => b[i] === '1').length;
  await expect(result.getByTestId('announcement')).toHaveText(
    new RegExp(
      `^本次测评应到\\D*\\d+名，实到${PRESENT}名，发出测评票${PRESENT}张，收回${PRESENT}张，有效${PRESENT}张。${REPORTS[0]}：满意${sat(0)}票，基本满意0票，不满意0票`,
    ),
  );
  await expect(result.getByTestId('announcement')).toContainText(
    `${REPORTS[1]}：满意${sat(1)}票，基本满意${PRESENT - sat(1)}票，不满意0票`,
  );
  await page.screenshot({ path: path.join(shots, 'evaluation-result.png'), fullPage: true });
  await expect(hall.getByTestId('pj-eval-chart')).toHaveCount(0);

  // The result as a spreadsheet: each report's counts as announced, read back from the downloaded file.
  const download = page.waitForEvent('download');
  await result.getByTestId('export-round').click();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'evaluation-')), (await download).suggestedFilename());
  await (await download).saveAs(file);
  expect(path.basename(file)).toMatch(/\.xlsx$/);
  const rows = await xlsxRows(file);
  const line = rows.find((r) => r?.includes(REPORTS[0]));
  expect(line, JSON.stringify(rows.slice(0, 8))).toBeDefined();
  expect(line).toContain(sat(0));

  // 公布: the bars, one per report.
  await card.getByRole('button', { name: /公布/ }).click();
  await expect(hall.getByTestId('pj-eval-row')).toHaveCount(3);
  await expect(hall.getByTestId('pj-eval-value').first()).toHaveText('100.00%');
  await hall.screenshot({ path: path.join(shots, 'evaluation-projector.png') });
  await hall.close();
});

test('a 75-item ballot: the next empty ballot shows at once after Enter', async ({ page, request }) => {
  test.setTimeout(120_000);
  const { meetingId, agendaItemId } = await committeeMeeting(
    request,
    `江北区人大常委会代表建议办理测评${again()}${Date.now() % 100000}`,
  );
  const items = Array.from({ length: 75 }, (_, i) => ({
    kind: i < 6 ? 'motion_handling' : 'suggestion',
    number: `${i < 6 ? '议案' : '建议'}第${i + 1}号`,
    title: `关于第${i + 1}号${i < 6 ? '议案' : '建议'}的办理情况`,
    department: '区政府办公室',
  }));
  const round = await api<{ id: number }>(request, 'evaluations.create', {
    agendaItemId,
    title: '代表建议、议案办理情况满意度测评',
    style: 'rating',
    mode: 'paper',
    items,
  });
  await api(request, 'polls.open', { id: round.id });
  await api(request, 'polls.stopVoting', { id: round.id });
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`/#/evaluations/${round.id}/1`);
  const box = page.getByTestId('ballot-input');
  const figures: number[] = [];
  for (let b = 0; b < 6; b++) {
    await box.pressSequentially(Array.from({ length: 75 }, (_, i) => String(((i + b) % 3) + 1)).join(''));
    // From the Enter keydown to the box empty and the next seq shown, before paint: the state update and render.
    const ms = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const input = document.querySelector<HTMLInputElement>('[data-testid="ballot-input"]')!;
          const seq = document.querySelector('[data-testid="entry-seq"]')!;
          const before = seq.textContent;
          let t0 = 0;
          const obs = new MutationObserver(() => {
            if (seq.textContent !== before && input.value === '') {
              obs.disconnect();
              resolve(performance.now() - t0);
            }
          });
          obs.observe(seq, { childList: true, subtree: true, characterData: true });
          t0 = performance.now();
          input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }));
        }),
    );
    figures.push(ms);
    await expect(page.getByTestId('entry-seq')).toHaveText(`第${b + 2}张`);
  }
  await expect(page.locator('.count-saving')).toHaveCount(0);
  console.log(
    `75项测评票：回车到下一张空白票 ${figures.map((f) => f.toFixed(1)).join(' / ')} ms（最大 ${Math.max(...figures).toFixed(1)} ms）`,
  );
  await page.screenshot({ path: path.join(shots, 'evaluation-desk-75.png') });
  await expect(page.getByTestId('count-total')).toHaveText('6');
  void meetingId;
});
