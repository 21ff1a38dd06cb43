import type { APIRequestContext } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { api, expect, test } from './fixtures';

/**
 * A chosen project's record (#/year/project/<id>): a clerk fills the plan and two milestones, adds a progress report
 * with a photo, records a 视察; a standing-committee motion to change the project passes, and the record and its
 * timeline show the decision. The 票决 that chose it is set up through the API (it is not what is tested here).
 */

const shots = path.join(__dirname, 'screenshots');
/** A real PNG (a colour gradient), so the thumbnail has something to show. */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(td.length + 8);
    out.writeUInt32BE(data.length, 0);
    td.copy(out, 4);
    out.writeUInt32BE(crc(td), td.length + 4);
    return out;
  };
  const rows = Array.from({ length: h }, (_, y) =>
    Buffer.from([0, ...Array.from({ length: w }, (_, x) => [180, 90 + 2 * x, 60 + 3 * y]).flat()]),
  );
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const tag = () => `${Date.now() % 1_000_000}`;

/** An open meeting of a demo body with every member signed in and one agenda item. */
async function openMeeting(
  request: APIRequestContext,
  o: {
    body: string;
    kind: string;
    rules: string;
    title: string;
    item: { kind: string; title: string };
    present: number;
    date?: string;
  },
) {
  const body = (await api<{ id: number; name: string }[]>(request, 'bodies.list', {})).find((b) => b.name === o.body)!;
  const rules = (await api<{ id: number; key: string | null }[]>(request, 'ruleSets.list', {})).find(
    (r) => r.key === o.rules,
  )!;
  const meeting = await api<{ id: number }>(request, 'meetings.create', {
    bodyId: body.id,
    kind: o.kind,
    ruleSetId: rules.id,
    title: o.title,
    date: o.date ?? new Date().toISOString().slice(0, 10),
  });
  const item = await api<{ id: number }>(request, 'agenda.add', { meetingId: meeting.id, ...o.item });
  const members = (await api<{ membershipId: number }[]>(request, 'members.list', { bodyId: body.id })).slice(
    0,
    o.present,
  );
  for (const m of members)
    await api(request, 'attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  await api(request, 'meetings.open', { id: meeting.id });
  return { bodyId: body.id, meetingId: meeting.id, itemId: item.id, members: members.map((m) => m.membershipId) };
}

test('a clerk keeps a chosen project’s record: plan, milestones, progress with a photo, 视察, and a standing-committee change', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const t = tag();
  const name = `老旧小区加装电梯${t}`;
  // The 票决 that chose it: 3 candidates for 2 seats, 40 deputies present, electronic.
  const m = await openMeeting(request, {
    body: '江北区人民代表大会',
    kind: 'district_midyear',
    rules: 'district_midyear_session',
    title: `江北区人民代表大会会议${t}`,
    item: { kind: 'project_vote', title: '票决民生实事项目' },
    present: 210,
    date: '2026-01-15',
  });
  const list = await api<{ id: number }>(request, 'projectLists.create', {
    bodyId: m.bodyId,
    year: 2026,
    title: `2026年民生实事项目${t}`,
    seats: 2,
    sameYear: true,
  });
  const ids: number[] = [];
  for (const n of [name, `社区老年食堂${t}`, `口袋公园${t}`])
    ids.push(
      (
        await api<{ id: number }>(request, 'projects.add', {
          listId: list.id,
          name: n,
          department: '区住房城乡建委',
          budgetWan: 3600,
        })
      ).id,
    );
  await api(request, 'projectLists.adopt', {
    id: list.id,
    by: 'committee',
    on: '2026-01-10',
    ref: '江北人大常〔2026〕1号',
  });
  const round = await api<{ id: number }>(request, 'projectVotes.create', {
    listId: list.id,
    agendaItemId: m.itemId,
    style: 'choose',
    mode: 'electronic',
  });
  await api(request, 'projectVotes.open', { id: round.id });
  for (const membershipId of m.members)
    await api(request, 'projectVotes.cast', { id: round.id, membershipId, marks: { yes: [ids[0], ids[1]] } });
  await api(request, 'projectVotes.close', { id: round.id, issued: m.members.length });

  // From the list's candidates to the record.
  await page.goto(`/#/votes/${list.id}`);
  await page.getByTestId('projects-table').locator('tr', { hasText: name }).getByTestId('project-record-link').click();
  await expect(page).toHaveURL(new RegExp(`#/year/project/${ids[0]}$`));
  await expect(page.getByTestId('record-stage')).toHaveText('待报计划');

  // The plan, typed through.
  await page.getByTestId('plan-lead').fill('王建国');
  await page.getByTestId('plan-start').fill('2026-03-01');
  await page.getByTestId('plan-finish').fill('2026-12-31');
  await page.getByTestId('plan-save').click();
  await expect(page.getByText('实施计划已保存')).toBeVisible();
  // A plan and no progress yet: 未开工, until the first report says otherwise.
  await expect(page.getByTestId('record-stage')).toHaveText('未开工');

  // Two milestones: Enter in the date adds one and puts the keyboard back on the name.
  await page.getByTestId('milestone-title').fill('完成加装方案公示');
  await page.getByTestId('milestone-due').fill('2026-04-30');
  await page.getByTestId('milestone-add').click();
  await expect(page.getByTestId('milestones').locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('milestone-title').fill('主体完工');
  await page.getByTestId('milestone-due').fill('2026-10-31');
  await page.getByTestId('milestone-add').click();
  await expect(page.getByTestId('milestones').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('milestones')).toContainText('2026年10月31日');

  // A progress report with a photo.
  const photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'photo-')), '施工现场.png');
  fs.writeFileSync(photo, png(48, 32));
  await page.getByTestId('progress-date').fill('2026-06-30');
  await page.getByTestId('progress-percent').fill('45');
  await page.getByTestId('progress-spent').fill('1500');
  await page.getByTestId('progress-text').fill('已完成加装32部，正在施工20部');
  await page.getByTestId('progress-files').setInputFiles(photo);
  await page.getByTestId('progress-add').click();
  await expect(page.getByTestId('progress-entry')).toHaveCount(1);
  await expect(page.getByTestId('progress-entry')).toContainText('2026年6月30日');
  await expect(page.getByTestId('record-stage')).toHaveText('实施中');
  await expect(page.getByTestId('progress-photo')).toBeVisible();
  // The thumbnail is the photo itself, decoded by the browser.
  await expect
    .poll(() => page.getByTestId('progress-photo').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBe(48);
  await expect(page.getByTestId('record-figures')).toContainText('完成进度 45%');

  // A 视察.
  await page.getByTestId('inspection-date').fill('2026-07-10');
  await page.getByTestId('inspection-participants').fill('张三、李四');
  await page.getByTestId('inspection-findings').fill('部分小区居民意见不一，建议加强协调');
  await page.getByTestId('inspection-add').click();
  await expect(page.getByTestId('inspection-entry')).toContainText('代表视察');
  await expect(page.getByTestId('inspection-entry')).toContainText('参加：张三、李四');

  // A standing-committee meeting with a 表决事项; the clerk proposes the change from the record.
  const c = await openMeeting(request, {
    body: '江北区人大常委会',
    kind: 'standing_committee',
    rules: 'standing_committee',
    title: `江北区人大常委会会议${t}`,
    item: { kind: 'motion', title: `审议民生实事项目调整事项${t}` },
    present: 30,
  });
  await page.reload();
  await page.getByTestId('decision-item').click();
  await page.keyboard.type(`调整事项${t}`);
  await page.keyboard.press('Enter');
  await page.getByTestId('decision-summary').fill('加装数量由52部调整为40部');
  await page.getByTestId('decision-propose').click();
  await expect(page.getByTestId('decision-entry')).toContainText(`关于调整${name}项目的决定（草案）`);
  await expect(page.getByTestId('decision-status')).toHaveText('待表决');

  // The committee votes (through the API: the motion is an ordinary one on the engine) and it passes.
  const rec = await api<{ decisions: { voteId: number }[] }>(request, 'projects.record', { id: ids[0] });
  const voteId = rec.decisions[0]!.voteId;
  await api(request, 'votes.open', { id: voteId });
  for (const membershipId of c.members.slice(0, 25))
    await api(request, 'votes.cast', { id: voteId, membershipId, choice: 'yes' });
  await api(request, 'votes.close', { id: voteId });
  await expect(page.getByTestId('decision-status')).toHaveText('通过');
  await expect(page.getByTestId('record-stage')).toHaveText('已变更');
  await expect(page.getByTestId('record-changed')).toContainText('加装数量由52部调整为40部');

  const timeline = page.getByTestId('timeline-entry');
  await expect(timeline.filter({ hasText: '江北区人大常委会表决通过' })).toContainText(
    `关于调整${name}项目的决定（草案）`,
  );
  const kinds = await page.getByTestId('record-timeline').locator('.tl-head .ant-tag').allTextContents();
  expect(kinds).toEqual(['候选', '票决', '计划', '进展', '视察督查', '提请决定', '决定']);
  await page.screenshot({ path: path.join(shots, 'project-record.png'), fullPage: true });
});
