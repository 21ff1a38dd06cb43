import type { APIRequestContext } from '@playwright/test';
import { sortByName } from '../../shared/domain/collation';
import { api, expect, printPdf, printPng, squeeze, test } from './fixtures';

/**
 * The clerk's papers printed through Chromium's print engine (issue 12 item 1): each print route rendered to PDF,
 * its text extracted (unpdf) and checked as a clerk would read it, its pages counted, and its first page saved as
 * a PNG. Each test makes its own body and meeting (the host runs with the demo data).
 */

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜丁马方石于';
const GIVEN = '文明华国建军志强秀英桂兰海燕';

async function newCongress(request: APIRequestContext, tag: string, n: number) {
  const body = await api<{ id: number; name: string }>(request, 'bodies.create', { kind: 'district_congress', name: `${tag}区人民代表大会`, term: '第三届' });
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}${GIVEN[(i * 7 + 3) % GIVEN.length]}`;
    names.push(name);
    await api(request, 'members.create', { bodyId: body.id, name, unitTitle: `${tag}区第${i + 1}街道办事处主任`, phone: `139${String(10_000_000 + i * 7919).padStart(8, '0')}` });
  }
  const ruleSets = await api<{ id: number; key: string }[]>(request, 'ruleSets.list', {});
  const meeting = await api<{ id: number; title: string }>(request, 'meetings.create', {
    bodyId: body.id, kind: 'district_midyear', ruleSetId: ruleSets.find((r) => r.key === 'district_midyear_session')!.id,
    title: `${tag}区人民代表大会2029年年中会议`, date: '2029-07-08', startTime: '09:00', endTime: '12:00', venue: `${tag}区人民会堂`,
  });
  const members = await api<{ membershipId: number; name: string }[]>(request, 'members.list', { bodyId: body.id });
  return { body, names, meeting, members };
}

test('签到表: the roll in 姓氏笔画 order over several A4 pages, header row and page number on each', async ({ page, request }) => {
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
