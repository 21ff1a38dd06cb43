import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Body,
  ListResult,
  ProjectList,
  ProjectVote,
  Rectification,
  TimelineEntry,
  YearBoard,
} from '../../shared/contract';
import { verifyAudit } from '../../electron/db/audit';
import { seedDemo } from '../../electron/services/demo';
import { makeTempRuntime, type TempRuntime } from './helpers';

/**
 * `--demo` seeds the demo district and its project year (issue 11, item 8): read back through the API as the
 * console reads it, as of the demo's "today" (2026-12-01).
 */

let t: TempRuntime;
let seconds = 0;
beforeAll(async () => {
  t = makeTempRuntime();
  const start = performance.now();
  expect(await seedDemo(t.rt)).toBe(true);
  seconds = (performance.now() - start) / 1000;
  console.log(`seedDemo: ${seconds.toFixed(2)} s`);
}, 60_000);
afterAll(() => t.cleanup());

const asOf = '2026-12-01';
const district = async () => ((await t.ok('bodies.list', {})) as Body[]).find((b) => b.name === '江北区人民代表大会')!;
const listOf = async (bodyId: number, year: number) =>
  ((await t.ok('projectLists.list', { bodyId })) as ProjectList[]).find((l) => l.year === year)!;

describe('the demo project year', () => {
  it('2026: the board shows the 10 chosen, one behind schedule, one 整改 open', async () => {
    const d = await district();
    const board = (await t.ok('projectYear.board', { bodyId: d.id, year: 2026, asOf })) as YearBoard;
    expect(board.lists).toEqual([expect.objectContaining({ seats: 10, chosen: 10, unfilled: 0 })]);
    expect(board.rows).toHaveLength(10);
    const behind = board.rows.filter((r) => r.flags.includes('behind'));
    expect(behind.map((r) => r.name)).toEqual(['嘉陵江滨江步道贯通']);
    const rectifying = board.rows.filter((r) => r.flags.includes('rectifyOpen'));
    expect(rectifying.map((r) => r.name)).toEqual(['农贸市场改造升级（5个）']);
    expect(board.rows.filter((r) => r.flags.includes('rectifyOverdue'))).toEqual([]);
    expect(board.rows.every((r) => r.department && r.budgetWan && r.progress && r.evaluation)).toBe(true);
    expect(board.rows.filter((r) => r.evaluation!.passed === false).map((r) => r.name)).toEqual([
      '农贸市场改造升级（5个）',
    ]);

    const rects = (await t.ok('rectifications.list', { bodyId: d.id, year: 2026, asOf })) as Rectification[];
    expect(rects).toEqual([
      expect.objectContaining({
        state: 'open',
        department: '区商务委',
        deadline: '2027-01-31',
        respondedOn: '2026-11-30',
        openedOn: '2026-11-26',
      }),
    ]);
  });

  it('2026: the 票决 at the annual session chose 10 of 12, announced by its 主席团', async () => {
    const d = await district();
    const list = await listOf(d.id, 2026);
    expect(list.adoption).toEqual({ by: 'directors', on: '2025-12-18', ref: '江北区人大常委会第四十二次主任会议' });
    expect(list.projects.filter((p) => p.screening === 'rejected')).toEqual([
      expect.objectContaining({ name: '城区地下综合管廊建设', rejectedReason: expect.stringContaining('财力') }),
    ]);
    const res = (await t.ok('projectLists.result', { listId: list.id })) as ListResult;
    expect(res.summary).toBe('确定10项，应选10项');
    expect(res.chosen).toHaveLength(10);
    expect(res.remaining.map((r) => r.name).slice(0, 2)).toEqual(['社区托育服务点建设', '老年大学分校建设']);
    expect(res.issuer).toBe('江北区第十八届人民代表大会第五次会议主席团');
    expect(res.announcement).toContain('应到代表300名，实到262名，符合法定人数。');
    expect(res.announcement).toContain('2026年1月8日');
  });

  it('2027: the district list is adopted with 12 candidates for 10 and no round yet; a street council is still screening', async () => {
    const d = await district();
    const list = await listOf(d.id, 2027);
    expect(list).toMatchObject({ seats: 10, locked: false, adoption: { by: 'committee', on: '2026-11-26' } });
    expect(list.projects.filter((p) => p.screening === 'candidate')).toHaveLength(12);
    expect(await t.ok('projectVotes.list', { listId: list.id })).toEqual([] satisfies ProjectVote[]);
    const street = ((await t.ok('bodies.list', {})) as Body[]).find((b) => b.name === '观音桥街道议事代表会议')!;
    const sl = await listOf(street.id, 2027);
    expect(sl.adoption).toBeNull();
    expect(sl.projects.map((p) => p.screening)).toEqual(['legal_checked', 'assessed', 'reviewed', 'collected']);
  });

  it('the failing project’s timeline runs 候选 → 票决 → 计划 → 进展 → 测评 → 整改', async () => {
    const d = await district();
    const list = await listOf(d.id, 2026);
    const p = list.projects.find((x) => x.name === '农贸市场改造升级（5个）')!;
    const tl = (await t.ok('projects.timeline', { id: p.id })) as TimelineEntry[];
    const kinds = tl.map((e) => e.kind);
    const order = ['candidate', 'vote', 'plan', 'progress', 'evaluation', 'rectification_opened'];
    const at = order.map((k) => kinds.indexOf(k as TimelineEntry['kind']));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(tl.filter((e) => e.kind === 'evaluation').map((e) => e.date)).toEqual(['2026-07-22', '2026-11-26']);
    expect(tl.find((e) => e.kind === 'vote')!.date).toBe('2026-01-08');
    expect(kinds).toContain('agenda');
    expect(kinds).toContain('inspection');
    // The 整改 is dated by the 测评 that opened it, and so comes before the department's response to it.
    expect(tl.find((e) => e.kind === 'rectification_opened')!.date).toBe('2026-11-26');
    expect(kinds.indexOf('rectification_opened')).toBeLessThan(kinds.indexOf('rectification_responded'));
  });

  it('is written through the contract (audit chain intact), seeds nothing the second time', async () => {
    expect(verifyAudit(t.rt.db).ok).toBe(true);
    const counts = () =>
      ['bodies', 'projects', 'poll_rounds', 'audit_log', 'project_evaluations', 'rectifications'].map((x) =>
        t.count(x),
      );
    const before = counts();
    expect(await seedDemo(t.rt)).toBe(false);
    expect(counts()).toEqual(before);
    // Its time is printed above, not asserted: speed belongs in `npm run bench` (a loaded CI machine took 19 s).
  });
});
