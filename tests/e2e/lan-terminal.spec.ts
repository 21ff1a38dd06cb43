import type { APIRequestContext, Browser, Page } from '@playwright/test';
import path from 'node:path';
import type { Member, Vote } from '../../shared/contract';
import type { DeskLink, SlipSheet } from '../../shared/contract/lan-admin-api';
import { api, expect, openPage, test, freeQuarterMeeting } from './fixtures';

/**
 * The hall's network end to end: the LAN listener of the e2e host (lan.start), deputies' phones opened from the
 * 投票码 on their printed slips (the QR read back with jsQR, as a phone's camera would), the console's hall screen
 * showing progress, a revoked slip, a replayed request, and a desk signing in by a scanned 签到码.
 */
const shots = path.join(__dirname, 'screenshots');
const LAN_PORT = Number(process.env.E2E_PORT ?? 18765) + 1;
const LAN = `http://127.0.0.1:${LAN_PORT}`;
const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};
const MOTION = '关于鱼嘴镇场镇环境综合整治工作的决议';

async function setUp(request: APIRequestContext) {
  const { body, meeting } = await freeQuarterMeeting(request, 2029, '第十九届第十四次');
  const motion = await api<{ id: number }>(request, 'agenda.add', {
    meetingId: meeting.id,
    kind: 'motion',
    title: MOTION,
  });
  const members = (await api<Member[]>(request, 'members.list', { bodyId: body.id })).sort(
    (a, b) => Number(a.seatNo) - Number(b.seatNo),
  );
  return { meeting: meeting, members, motionId: motion.id };
}

/** Reads each slip's two QR codes back with jsQR in a page, as a phone's camera or a desk's scanner would. */
async function readSlips(browser: Browser, sheet: SlipSheet): Promise<Map<string, { vote: string; badge: string }>> {
  const page = await browser.newPage();
  await page.addScriptTag({ path: require.resolve('jsqr/dist/jsQR.js') });
  const decoded = await page.evaluate(
    async (svgs: string[]) => {
      const read = async (svg: string) => {
        const img = new Image();
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = c.height = 600;
        const ctx = c.getContext('2d')!;
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, 600, 600);
        ctx.drawImage(img, 50, 50, 500, 500);
        const code = (
          window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }
        ).jsQR(ctx.getImageData(0, 0, 600, 600).data, 600, 600);
        return code?.data ?? '';
      };
      const out: string[] = [];
      for (const s of svgs) out.push(await read(s));
      return out;
    },
    sheet.slips.flatMap((s) => [s.voteQrSvg, s.badgeQrSvg]),
  );
  await page.close();
  return new Map(sheet.slips.map((s, i) => [s.name, { vote: decoded[2 * i]!, badge: decoded[2 * i + 1]! }]));
}

/** The slip's link, opened on this machine's LAN listener (the slip names the laptop's Wi-Fi address). */
const onLan = (link: string) => link.replace(/^http:\/\/[^/]+/, LAN);

async function castMotion(page: Page, choice: '赞成' | '反对' | '弃权') {
  await page.getByRole('button', { name: choice }).tap();
  await page.getByRole('button', { name: '下一步：核对' }).tap();
  await expect(page.locator('.confirm-mark')).toHaveText(choice);
  await page.getByRole('button', { name: '确认提交' }).tap();
  await expect(page.getByText('已提交，不能更改')).toBeVisible();
}

test('three phones vote while the hall screen shows progress; a revoked slip is refused; a replay counts once; a desk signs in by a scanned badge', async ({
  browser,
  request,
}) => {
  const { meeting, members, motionId } = await setUp(request);
  // 60 of the 90 signed in (the quorum); the roll of the vote is frozen with them.
  const present = members.slice(0, 60);
  for (const m of present)
    await api(request, 'attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  await api(request, 'meetings.open', { id: meeting.id });
  await api(request, 'lan.start', { port: LAN_PORT });
  const vote = await api<Vote>(request, 'votes.create', {
    agendaItemId: motionId,
    title: null,
    mode: 'electronic',
    secrecy: 'secret',
  });
  await api(request, 'votes.open', { id: vote.id });
  await api(request, 'screen.show', { mode: 'vote', meetingId: meeting.id, voteId: vote.id });

  const slips = await readSlips(browser, await api<SlipSheet>(request, 'documents.slips', { meetingId: meeting.id }));
  const slipOf = (m: Member) => slips.get(m.name)!;
  expect(slipOf(present[0]!).vote).toMatch(/\/t\/#c=[A-Za-z0-9_-]{22}&k=/);
  expect(slipOf(present[0]!).badge).toMatch(/^QD-/);

  const hall = await openPage(browser, { viewport: { width: 1280, height: 720 } });
  await hall.goto('/#/projector');
  await expect(hall.getByTestId('pj-progress')).toHaveText('已投 0 / 应投 60');

  // Three deputies open their 投票码 on their phones and vote; the hall screen follows.
  const phones: Page[] = [];
  const castBodies: string[] = [];
  for (const [i, m] of present.slice(0, 3).entries()) {
    const phone = await browser.newPage(PHONE);
    phone.on('request', (r) => {
      if (r.url().endsWith('/lan/api/terminal.cast')) castBodies.push(r.postData()!);
    });
    await phone.goto(onLan(slipOf(m).vote));
    await expect(phone).not.toHaveURL(/#/);
    await expect(phone.getByText(`${m.name}\u3000代表`)).toBeVisible();
    await expect(phone.getByRole('heading', { name: MOTION })).toBeVisible();
    if (i === 0) await phone.screenshot({ path: path.join(shots, 'lan-live-terminal-motion.png') });
    phones.push(phone);
  }
  await castMotion(phones[0]!, '赞成');
  await expect(hall.getByTestId('pj-progress')).toHaveText('已投 1 / 应投 60');
  await castMotion(phones[1]!, '反对');
  await castMotion(phones[2]!, '赞成');
  await expect(hall.getByTestId('pj-progress')).toHaveText('已投 3 / 应投 60');
  // The captured request shows no choice and no credential (sealed), and a reload still says it is cast.
  expect(castBodies).toHaveLength(3);
  for (const [i, b] of castBodies.entries()) {
    expect(Object.keys(JSON.parse(b))).toEqual(['v', 'epk', 'nonce', 'box']);
    expect(b).not.toContain(new URL(slipOf(present[i]!).vote).hash.slice(3, 25));
    expect(b).not.toMatch(/choice|赞成|反对/);
  }
  // 赞成 and 反对 are sealed to the same length (padded): the size of a request says nothing.
  expect(new Set(castBodies.map((b) => b.length)).size).toBe(1);
  await phones[0]!.reload();
  await expect(phones[0]!.getByText('已提交，不能更改')).toBeVisible();
  await phones[0]!.screenshot({ path: path.join(shots, 'lan-live-terminal-submitted.png') });

  // A replayed request (the same sealed bytes, sent again by someone on the Wi-Fi) is not counted twice.
  const replay = await request.post(`${LAN}/lan/api/terminal.cast`, {
    data: JSON.parse(castBodies[1]!),
    headers: { Authorization: '' },
  });
  expect(replay.status()).toBe(200);
  await expect.poll(async () => (await api<Vote>(request, 'votes.get', { id: vote.id })).cast).toBe(3);
  await expect(hall.getByTestId('pj-progress')).toHaveText('已投 3 / 应投 60');

  // A fourth deputy lost his slip: revoked, the old 投票码 is refused on his phone.
  const lost = present[3]!;
  await api(request, 'credentials.revoke', { meetingId: meeting.id, membershipId: lost.membershipId });
  const fourth = await browser.newPage(PHONE);
  await fourth.goto(onLan(slipOf(lost).vote));
  await expect(fourth.getByText('无法使用本页')).toBeVisible();
  await expect(fourth.getByRole('button', { name: '赞成' })).toHaveCount(0);
  await fourth.screenshot({ path: path.join(shots, 'lan-live-terminal-revoked.png') });
  expect((await api<Vote>(request, 'votes.get', { id: vote.id })).cast).toBe(3);

  // The north door's desk signs a late deputy in by his scanned 签到码; the desk's 实到 follows.
  const desk = await api<DeskLink>(request, 'desks.create', { meetingId: meeting.id, name: '北门签到台' });
  const tablet = await browser.newPage({ viewport: { width: 820, height: 1180 }, hasTouch: true, locale: 'zh-CN' });
  await tablet.goto(onLan(desk.link!));
  await expect(tablet.getByText('北门签到台')).toBeVisible();
  await expect(tablet.getByTestId('present')).toHaveText('60');
  const input = tablet.getByRole('textbox', { name: '签到码、姓名或拼音首字母' });
  const late = members[60]!;
  await input.pressSequentially(`${slipOf(late).badge}\n`, { delay: 2 });
  await expect(tablet.locator('.desk-flash')).toHaveText(`${late.name}\u3000签到成功`);
  await expect(tablet.getByTestId('present')).toHaveText('61');
  // A 投票码 held to the desk's scanner is refused and changes nothing.
  await input.pressSequentially(`${slipOf(members[61]!).vote}\n`, { delay: 1 });
  await expect(tablet.locator('.desk-flash')).toHaveText('这是投票码，请扫描签到码');
  await expect(tablet.getByTestId('present')).toHaveText('61');
  await tablet.screenshot({ path: path.join(shots, 'lan-live-desk.png') });
  await api(request, 'lan.stop', {});
});

test('on the meeting page the clerk prints the slips, voids a lost one and adds a desk whose link opens the desk page', async ({
  page,
  request,
}) => {
  const { meeting } = await setUp(request);
  await page.goto(`/#/meetings/${meeting.id}`);
  const card = page.getByTestId('hall-network');
  await expect(card).toContainText('会场网络未开启');
  await api(request, 'lan.start', { port: LAN_PORT });
  try {
    await page.reload();
    await expect(card).not.toContainText('会场网络未开启');
    const first = (await api<{ name: string }[]>(request, 'credentials.list', { meetingId: meeting.id }))[0]!;
    const row = card.getByTestId('credentials').locator('tr', { hasText: first.name }).first();
    await expect(row).toContainText('有效');
    await row.getByRole('button', { name: '作废' }).click();
    const ask = page.locator('.ant-modal-confirm');
    await expect(ask).toContainText(`作废${first.name}的凭条？`);
    await expect(ask).not.toHaveClass(/-(appear|enter)/);
    await ask.getByRole('button', { name: '作废' }).click();
    await expect(row).toContainText('已作废');

    await card.getByLabel('签到台名称').fill('西门');
    await card.getByLabel('签到台名称').press('Enter');
    const link = page.getByTestId('desk-link');
    await expect(link).toContainText(`:${LAN_PORT}/d/#c=`);
    await page.screenshot({ path: path.join(shots, 'hall-network-desk-link.png') });
    // The link names this laptop's LAN address; the test reaches the same listener on loopback only.
    const url = (await link.locator('code').innerText()).trim().replace(/^http:\/\/[^/]+/, LAN);
    await page.keyboard.press('Escape');
    await expect(card.getByTestId('desks')).toContainText('西门');

    const desk = await page.context().newPage();
    await desk.goto(url);
    await expect(desk.locator('body')).toContainText('西门');
    await desk.close();

    await card.getByTestId('print-slips').click();
    const preview = page.getByRole('dialog', { name: /打印预览/ });
    await expect(preview).toContainText('代表凭条');
    // 90 slips with two QR codes each: the preview lays them out in a frame first; give a loaded machine time.
    await expect(preview.getByTestId('print-pages')).toHaveText(/约\d+页（A4）/, { timeout: 30_000 });
    await page.screenshot({ path: path.join(shots, 'hall-network-slips.png') });
  } finally {
    await api(request, 'lan.stop', {});
  }
});
