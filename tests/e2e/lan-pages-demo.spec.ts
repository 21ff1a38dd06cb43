import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The terminal and desk pages on a phone, driven against their in-memory demo client (#demo=…), served as built
 * (dist/renderer/terminal.html, desk.html). The same pages against the LAN listener: lan-terminal.spec.ts.
 */
const shots = path.join(__dirname, 'screenshots');
const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

async function phone(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage(PHONE);
  await page.goto(url);
  return page;
}

test('a motion: choose, confirm, submitted and still so after a reload; the fragment leaves the address bar', async ({
  browser,
}) => {
  const page = await phone(browser, '/terminal.html#demo=motion');
  await expect(page).not.toHaveURL(/#/);
  await expect(page.getByText('李秀英　代表')).toBeVisible();
  await page.getByRole('button', { name: '赞成' }).tap();
  await page.screenshot({ path: path.join(shots, 'lan-terminal-motion.png') });
  await page.getByRole('button', { name: '下一步：核对' }).tap();
  await expect(page.getByRole('heading', { name: '请核对您的选择' })).toBeVisible();
  await expect(page.locator('.confirm-mark')).toHaveText('赞成');
  await page.getByRole('button', { name: '确认提交' }).tap();
  await expect(page.getByText('已提交，不能更改')).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'lan-terminal-submitted.png') });
  await page.reload();
  await expect(page.getByText('已提交，不能更改')).toBeVisible();
  await expect(page.getByRole('button', { name: '赞成' })).toHaveCount(0);
  await page.close();
});

test('a 12选10 ballot counts live and refuses an 11th with the reason', async ({ browser }) => {
  const page = await phone(browser, '/terminal.html#demo=choose');
  const picks = page.locator('.pick');
  await expect(picks).toHaveCount(12);
  await expect(page.locator('.bar-count')).toHaveText('已选0项，最多10项');
  for (let i = 0; i < 3; i++) await picks.nth(i).tap();
  await expect(page.locator('.bar-count')).toHaveText('已选3项，最多10项');
  for (let i = 3; i < 10; i++) await picks.nth(i).tap();
  await expect(page.locator('.bar-count')).toHaveText('已选10项，最多10项');
  await picks.nth(10).tap();
  await expect(page.getByRole('alert')).toHaveText('最多只能选10项，已选满10项。如要改选，请先取消一项。');
  await expect(picks.nth(10)).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.bar-count')).toHaveText('已选10项，最多10项');
  await page.screenshot({ path: path.join(shots, 'lan-terminal-choose-10.png') });
  // Every target is a thumb's width at least.
  for (const box of await Promise.all([
    picks.first().boundingBox(),
    page.getByRole('button', { name: '下一步：核对' }).boundingBox(),
  ]))
    expect(box!.height).toBeGreaterThanOrEqual(48);
  await page.getByRole('button', { name: '下一步：核对' }).tap();
  await expect(page.locator('.confirm-list li')).toHaveCount(10);
  await page.close();
});

test('a 75-item 测评: the unmarked are counted, highlighted and reached by 跳到未选 before the confirmation', async ({
  browser,
}) => {
  const page = await phone(browser, '/terminal.html#demo=rating');
  const items = page.locator('.item');
  await expect(items).toHaveCount(75);
  for (let i = 0; i < 75; i++)
    if (i % 10 !== 6)
      await items
        .nth(i)
        .getByRole('radio')
        .nth(i % 3)
        .click();
  await expect(page.locator('.bar-count')).toHaveText('已选68项，未选7项');
  await page.getByRole('button', { name: '下一步：核对' }).tap();
  await expect(page.getByRole('alert')).toHaveText('还有7项未选，已用黄色标出。未选的项目按该项无效计。');
  await expect(page.locator('.item.is-unmarked')).toHaveCount(7);
  await expect(items.nth(6)).toBeInViewport();
  await page.screenshot({ path: path.join(shots, 'lan-terminal-rating-unmarked.png') });
  // Marking one by one: 跳到未选 brings the next into view.
  await items.nth(6).getByRole('radio', { name: '满意', exact: true }).tap();
  await page.getByRole('button', { name: '跳到未选' }).tap();
  await expect(items.nth(16)).toBeInViewport();
  await expect(page.locator('.bar-count')).toHaveText('已选69项，未选6项');
  await page.getByRole('button', { name: '下一步：核对' }).tap();
  await expect(page.getByText('有6项未选，这些项目按无效计。')).toBeVisible();
  await expect(page.locator('.confirm-list li.is-missing')).toHaveCount(6);
  await page.screenshot({ path: path.join(shots, 'lan-terminal-confirm.png') });
  await page.getByRole('button', { name: '确认提交' }).tap();
  await expect(page.getByText('已提交，不能更改')).toBeVisible();
  await page.close();
});

test('a submit over a dropping Wi-Fi says it is retrying and is accepted once', async ({ browser }) => {
  const page = await phone(browser, '/terminal.html?drop=2#demo=motion');
  await page.getByRole('button', { name: '反对' }).tap();
  await page.getByRole('button', { name: '下一步：核对' }).tap();
  await page.getByRole('button', { name: '确认提交' }).tap();
  await expect(page.getByText('网络中断，正在重试…')).toBeVisible();
  await expect(page.getByText('已提交，不能更改')).toBeVisible({ timeout: 15_000 });
  await page.close();
});

test('the desk signs in by a scanned badge and by initials with ↓ Enter, and refuses a 投票码', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 820, height: 1180 }, hasTouch: true, locale: 'zh-CN' });
  await page.goto('/desk.html#demo=desk');
  await expect(page).not.toHaveURL(/#/);
  await expect(page.getByTestId('present')).toHaveText('0');
  const input = page.getByRole('textbox', { name: '签到码、姓名或拼音首字母' });
  await expect(input).toBeFocused();
  // A USB scanner types the badge's text and Enter.
  await input.pressSequentially('QD0002ABC123\n', { delay: 5 });
  await expect(page.locator('.desk-flash')).toHaveText('李秀英　签到成功');
  await expect(page.getByTestId('present')).toHaveText('1');
  await input.fill('zl');
  await expect(page.locator('.desk-hit')).toHaveCount(3);
  await input.press('ArrowDown');
  await expect(page.locator('.desk-hit.is-on .desk-hit-name')).toHaveText('张丽华');
  await input.press('Enter');
  await expect(page.locator('.desk-flash')).toHaveText('张丽华　签到成功');
  await expect(page.getByTestId('present')).toHaveText('2');
  await input.pressSequentially('QD0002ABC123\n', { delay: 5 });
  await expect(page.locator('.desk-flash')).toHaveText('李秀英　此前已签到');
  await expect(page.getByTestId('present')).toHaveText('2');
  await input.fill('zl');
  await expect(page.locator('.desk-hit')).toHaveCount(3);
  await page.screenshot({ path: path.join(shots, 'lan-desk.png') });
  await input.fill('http://192.168.1.20:8080/t/#c=AbCdEfGhIjKlMnOpQrStUv&k=Zm9v');
  await input.press('Enter');
  await expect(page.locator('.desk-flash')).toHaveText('这是投票码，请扫描签到码');
  await expect(page.getByTestId('present')).toHaveText('2');
  await page.close();
});
