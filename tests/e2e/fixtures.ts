import { test as base, expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The e2e tests come in as a clerk does: the browser opens the address the host printed (…/#token=…), which
 * trades the token for the host's cookie; API calls made by the tests themselves carry the token as a script
 * would, read from <data dir>/admin-token.
 */

export function adminToken(dataDir = process.env.E2E_DATA_DIR!): string {
  return fs.readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
}

/** Opens the printed console address on a page and waits until the cookie is in place. */
export async function signInPage(page: Page, base = '', dataDir?: string): Promise<void> {
  await page.goto(`${base}/#token=${adminToken(dataDir)}`);
  await expect(page).not.toHaveURL(/token=/);
  await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === 'yishitai_admin' && c.value === adminToken(dataDir))).toBe(true);
}

/** A second window (the hall screen, a small display) with the console's credentials. */
export async function openPage(browser: Browser, options: BrowserContextOptions & { baseURL?: string }): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  await signInPage(page);
  return page;
}

export const test = base.extend({
  page: async ({ page }, use) => {
    await signInPage(page);
    await use(page);
  },
  request: async ({ playwright, baseURL }, use) => {
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${adminToken()}` } });
    await use(request);
    await request.dispose();
  },
});

export { expect };
