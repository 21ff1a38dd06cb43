import {
  test as base,
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from '@playwright/test';
import ExcelJS from 'exceljs';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Body, Meeting, RuleSet } from '../../shared/contract';

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
  // A fresh document: on a page already showing the app, a new #token only changes the hash, and the app reloads
  // once the cookie is set — a goto made meanwhile was interrupted by that reload (projector.spec, after a restart).
  await page.goto('about:blank');
  const session = page.waitForResponse((r) => r.url().endsWith('/api/session'));
  await page.goto(`${base}/#token=${adminToken(dataDir)}`);
  await session;
  await expect(page).not.toHaveURL(/token=/);
  await expect
    .poll(async () =>
      (await page.context().cookies()).some((c) => c.name === 'yishitai_admin' && c.value === adminToken(dataDir)),
    )
    .toBe(true);
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
    const request = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Authorization: `Bearer ${adminToken()}` },
    });
    await use(request);
    await request.dispose();
  },
});

export { expect };

/** A free loopback port for a host of a test's own. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A host of a test's own, on its own data folder (restarts, restores); resolves once it answers. */
export async function startHost(port: number, dataDir: string, args: string[] = []): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['dist/electron/serve.cjs', '--port', String(port), '--data', dataDir, ...args],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('host did not start');
}

export async function stopHost(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** The rows of a downloaded .xlsx's first sheet, as exceljs reads them (a real file, not the page's idea of it). */
export async function xlsxRows(file: string, sheet = 0): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: unknown[][] = [];
  wb.worksheets[sheet]!.eachRow((row, n) => (out[n - 1] = (row.values as unknown[]).slice(1)));
  return out;
}

/** A call as a script makes it (the request carries the host's token): the output, or a failure naming the method and the host's Chinese message. */
export async function api<T = unknown>(request: APIRequestContext, method: string, input: unknown = {}): Promise<T> {
  const res = await request.post(`/api/${method}`, { data: input });
  const body = (await res.json()) as T & { message?: string };
  if (!res.ok()) throw new Error(`${method}: ${body.message}`);
  return body;
}

/** A dialog once it has finished appearing: a click during its zoom can land on the mask and be lost (a CI flake). */
export async function settled(dialog: Locator): Promise<Locator> {
  await expect(dialog).toBeVisible();
  await expect(dialog).not.toHaveClass(/-(appear|enter)/);
  return dialog;
}

/**
 * Pick an option from an antd Select as a clerk does: open it, wait until its list has stopped sliding in, click the
 * option, and wait until the list has gone. A click on a list still animating, or the next Select opened while this
 * list slides out over it, was lost now and then on a loaded machine.
 */
export async function choose(page: Page, trigger: Locator, option: string | RegExp, typed?: string): Promise<void> {
  await trigger.click();
  if (typed !== undefined) await trigger.fill(typed);
  const list = page.locator('.ant-select-dropdown:visible');
  await expect(list).toHaveCount(1);
  await expect(list).not.toHaveClass(/-(appear|enter)/);
  await list.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

/**
 * A 镇人大季会 of 鱼嘴镇 (the demo township) in the first quarter no other meeting holds, from `firstYear` on: the
 * rules allow one季会 per quarter, so a spec run twice on one host moves on to the next free quarter (409 = taken).
 */
export async function freeQuarterMeeting(
  request: APIRequestContext,
  firstYear: number,
  session: string,
  day = 21,
): Promise<{ body: Body; meeting: Meeting }> {
  const body = (await api<Body[]>(request, 'bodies.list')).find((b) => b.name === '鱼嘴镇人民代表大会')!;
  const rules = (await api<RuleSet[]>(request, 'ruleSets.list')).find((r) => r.key === 'township_quarterly')!;
  for (let attempt = 0; attempt < 16; attempt++) {
    const year = firstYear + Math.floor(attempt / 4);
    const quarter = (attempt % 4) + 1;
    const res = await request.post('/api/meetings.create', {
      data: {
        bodyId: body.id,
        kind: 'township_quarterly',
        ruleSetId: rules.id,
        session,
        quarter,
        title: `鱼嘴镇第十九届人民代表大会${year}年第${'一二三四'[quarter - 1]}季度会议`,
        date: `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-${day}`,
        venue: '鱼嘴镇人民政府三楼会议室',
      },
    });
    if (res.ok()) return { body, meeting: (await res.json()) as Meeting };
    expect(res.status(), await res.text()).toBe(409);
  }
  throw new Error(`鱼嘴镇${firstYear}年起的16个季度都已有季会`);
}

// ---------------------------------------------------------------- printed documents (#/print/…)

/** A printed document as Chromium's print engine makes it: the PDF, its page count and the text of each page. */
export interface PrintedPdf {
  pdf: Buffer;
  pages: number;
  /** The page count the print page estimated for the console's preview (body data-pages), to compare with `pages`. */
  estimated: number;
  /** The text of each page, as a PDF reader extracts it (unpdf / pdf.js). */
  pageTexts: string[];
  /** All pages' text with white space removed, for substring checks of Chinese text that wraps anywhere. */
  compact: string;
}

/** The text of a PDF, page by page. */
export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; pageTexts: string[] }> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(doc, { mergePages: false });
  return { pages: totalPages, pageTexts: text as string[] };
}

/** Removes all white space: a PDF's text breaks lines and spaces glyph runs where the layout did. */
export const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Opens a print route (`#/print/…`) on a signed-in page and waits until the page says it is finished (data and fonts in). */
export async function openPrint(page: Page, hash: string): Promise<void> {
  // From one document to another is a hash change: the flag of the one before must not be read as this one's.
  // The same document again (its data changed) is read afresh by reloading.
  if (page.url().includes('#/print/')) await page.evaluate(() => delete document.body.dataset.ready);
  if (page.url().endsWith(hash)) await page.reload();
  else await page.goto(`/${hash}`);
  await page.waitForFunction(
    () => document.body.dataset.ready === '1' || document.body.dataset.ready === 'error',
    undefined,
    { timeout: 30_000 },
  );
  const state = await page.evaluate(() => document.body.dataset.ready);
  if (state !== '1') throw new Error(`print route ${hash} failed: ${await page.locator('body').innerText()}`);
}

/** A print route rendered to PDF the way the desktop app does it (A4, the page's own CSS size and margins). */
export async function printPdf(page: Page, hash: string): Promise<PrintedPdf> {
  await openPrint(page, hash);
  const estimated = Number(await page.evaluate(() => document.body.dataset.pages));
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const { pages, pageTexts } = await pdfText(pdf);
  return { pdf, pages, estimated, pageTexts, compact: squeeze(pageTexts.join('')) };
}

/** A PNG of the open print route's first page as printed (print media, one A4 page at 96 dpi), under tests/e2e/screenshots/; the page is left as it was. */
export async function printPng(page: Page, name: string): Promise<string> {
  const file = path.join('tests/e2e/screenshots', name.endsWith('.png') ? name : `${name}.png`);
  const viewport = page.viewportSize();
  await page.emulateMedia({ media: 'print' });
  // A4 at 96 dpi is 794×1123 px; print media drops the screen sheet, so show the page margins as the paper does.
  await page.setViewportSize({ width: 794, height: 1123 });
  const style = await page.addStyleTag({
    content: 'body{padding:37mm 26mm 35mm 28mm !important;box-sizing:border-box;background:#fff}',
  });
  await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 794, height: 1123 } });
  await style.evaluate((el) => (el as Element).remove());
  await page.emulateMedia({ media: null });
  if (viewport) await page.setViewportSize(viewport);
  return file;
}
