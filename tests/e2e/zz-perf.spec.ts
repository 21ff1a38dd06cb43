import { test } from '@playwright/test';
test('perf', async ({ page, request }) => {
  const res = await request.post('/api/bodies.list', { data: {} });
  const bodies = (await res.json()) as { id: number; name: string }[];
  const body = bodies.find((b) => b.name === '江北区人民代表大会')!;
  const rs = ((await (await request.post('/api/ruleSets.list', { data: {} })).json()) as { id: number; key: string }[]).find((r) => r.key === 'district_midyear_session')!;
  const m = (await (await request.post('/api/meetings.create', { data: { bodyId: body.id, kind: 'district_midyear', ruleSetId: rs.id, title: '性能测试会议', date: '2026-06-30' } })).json()) as { id: number };
  await page.goto(`/#/meetings/${m.id}`);
  const box = page.getByLabel('签到', { exact: true });
  await box.waitFor();
  await page.evaluate(() => {
    (window as any).__lt = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window as any).__lt.push(Math.round(e.duration)))).observe({ type: 'longtask', buffered: false });
  });
  let t = Date.now();
  await page.keyboard.type('1');
  console.log('key 1', Date.now() - t, await page.evaluate(() => (window as any).__lt.splice(0)));
  t = Date.now();
  await page.keyboard.type('2');
  console.log('key 2', Date.now() - t, await page.evaluate(() => (window as any).__lt.splice(0)));
  t = Date.now();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
  console.log('enter+1.5s', Date.now() - t, await page.evaluate(() => (window as any).__lt.splice(0)));
  t = Date.now();
  await page.getByText('出席 1', { exact: true }).click();
  console.log('filter', Date.now() - t, await page.evaluate(() => (window as any).__lt.splice(0)));
});
