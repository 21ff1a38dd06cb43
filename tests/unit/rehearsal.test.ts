import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Meeting, RehearsalStatus, RuleSet } from '../../shared/contract';
import { lanListener } from '../../electron/host/lan-server';
import { REHEARSAL_DIR } from '../../electron/services/rehearsal';
import { b64, createBody, errorOf, makeTempRuntime, type TempRuntime } from './helpers';
import { rosterWorkbook } from '../fixtures';

/**
 * 演练 (issue 13 item 7): 200 simulated terminals cast through the sealed LAN protocol over HTTP on loopback into
 * a sandbox copy; the real database is the same afterwards but for the two audit entries; the sandbox is gone.
 */

let t: TempRuntime;
let meetingId: number;

beforeEach(async () => {
  t = makeTempRuntime();
  t.rt.rehearsals.attach((sandbox) => lanListener(sandbox, { host: '127.0.0.1' }));
  const body = await createBody(t, '龙泉区人民代表大会', 'district_congress', '龙泉区');
  await t.ok('roster.importCommit', {
    bodyId: body.id,
    fileName: '名册.xlsx',
    contentBase64: b64(await rosterWorkbook(210)),
  });
  const ruleSetId = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find(
    (r) => r.key === 'district_midyear_session',
  )!.id;
  const m = (await t.ok('meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId,
    title: '龙泉区第十八届人民代表大会第五次会议',
    date: '2026-03-10',
  })) as Meeting;
  meetingId = m.id;
});
afterEach(() => t.cleanup());

/** Every table's rows, in a fixed order: what "the real record" is, for comparing before and after. */
function logicalDump(): Record<string, unknown[]> {
  const tables = t.rt.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  // Some tables are WITHOUT ROWID: rows are compared as sorted JSON; audit_log is kept in id order.
  return Object.fromEntries(
    tables.map((name) => {
      const rows = t.rt.db.prepare(`SELECT * FROM "${name}"`).all();
      return [
        name,
        name === 'audit_log'
          ? rows.sort((a, b) => (a as { id: number }).id - (b as { id: number }).id)
          : rows.map((r) => JSON.stringify(r)).sort(),
      ];
    }),
  );
}

async function until(pred: (s: RehearsalStatus) => boolean, ms = 30_000): Promise<RehearsalStatus> {
  const end = Date.now() + ms;
  for (;;) {
    const s = (await t.ok('rehearsals.status', {})) as RehearsalStatus;
    if (pred(s) || Date.now() > end) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('rehearsal', () => {
  it.each(['motion', 'evaluation', 'project_vote'] as const)(
    '200 terminals (%s): all answered, figures reported, the real record unchanged but two audit entries, the sandbox removed',
    async (kind) => {
      const before = logicalDump();
      const auditBefore = before.audit_log!.length;
      const started = (await t.ok('rehearsals.start', {
        meetingId,
        terminals: 200,
        rate: 2000,
        kind,
      })) as RehearsalStatus;
      expect(started).toMatchObject({ running: true, terminals: 200, kind });
      expect(started.terminalUrl).toMatch(/^http:\/\/.+:\d+\/t\/$/);
      const sandboxes = fs.readdirSync(path.join(t.dir, REHEARSAL_DIR));
      expect(sandboxes).toHaveLength(1);

      // A second start while one runs is refused, in Chinese, and changes nothing.
      const second = await t.call('rehearsals.start', { meetingId, terminals: 10, rate: 100, kind: 'motion' });
      expect(errorOf(second).message).toMatch(/已有一场演练正在进行/);

      const done = await until((s) => s.finished);
      expect(done).toMatchObject({
        running: true,
        finished: true,
        answered: 200,
        accepted: 200,
        refused: 0,
        errors: [],
      });
      expect(done.p50Ms).toBeGreaterThan(0);
      expect(done.p95Ms!).toBeGreaterThanOrEqual(done.p50Ms!);
      expect(done.p99Ms!).toBeGreaterThanOrEqual(done.p95Ms!);

      const stopped = (await t.ok('rehearsals.stop', {})) as RehearsalStatus;
      expect(stopped).toMatchObject({ running: false, answered: 200, accepted: 200 });
      expect(fs.existsSync(path.join(t.dir, REHEARSAL_DIR))).toBe(false);
      expect(((await t.ok('rehearsals.status', {})) as RehearsalStatus).running).toBe(false);

      // The real database: exactly as before, but two audit entries (start, and stop with its figures).
      const after = logicalDump();
      const added = after.audit_log!.slice(auditBefore) as { action: string; detail: string }[];
      expect(added.map((a) => a.action)).toEqual(['rehearsal.start', 'rehearsal.stop']);
      expect(JSON.parse(added[1]!.detail)).toMatchObject({ terminals: 200, answered: 200, accepted: 200, errors: 0 });
      expect({ ...after, audit_log: after.audit_log!.slice(0, auditBefore) }).toEqual(before);
      const listed = (await t.ok('audit.list', { limit: 2 })) as AuditEntry[];
      expect(listed.map((e) => e.action)).toEqual(['rehearsal.stop', 'rehearsal.start']);
    },
    60_000,
  );

  it('refuses bad input and impossible rehearsals in Chinese, changing nothing', async () => {
    const before = logicalDump();
    const bad = [
      [{ meetingId, terminals: 0, rate: 100, kind: 'motion' }, 'terminals', /模拟终端数.*1至5000/],
      [{ meetingId, terminals: 5001, rate: 100, kind: 'motion' }, 'terminals', /模拟终端数/],
      [{ meetingId, terminals: 10, rate: 0, kind: 'motion' }, 'rate', /每秒投票数/],
      [{ meetingId, terminals: 10, rate: 100, kind: 'inquiry' }, 'kind', /演练类型/],
      [{ meetingId: 999, terminals: 10, rate: 100, kind: 'motion' }, 'meetingId', /找不到编号为999的会议/],
      [{ meetingId, terminals: 211, rate: 100, kind: 'motion' }, 'terminals', /不能超过本次会议的应到人数（210人）/],
    ] as const;
    for (const [input, field, message] of bad) {
      const e = errorOf(await t.call('rehearsals.start', input));
      expect(e.field, JSON.stringify(input)).toBe(field);
      expect(e.message).toMatch(message);
    }
    expect(errorOf(await t.call('rehearsals.stop', {})).message).toBe('没有正在进行的演练');
    expect(logicalDump()).toEqual(before);
    expect(fs.existsSync(path.join(t.dir, REHEARSAL_DIR))).toBe(false);
  });

  it('is refused where no listener can serve the terminals', async () => {
    const t2 = makeTempRuntime();
    try {
      const s = (await t2.ok('rehearsals.status', {})) as RehearsalStatus;
      expect(s).toMatchObject({ running: false, available: false });
      expect(
        errorOf(await t2.call('rehearsals.start', { meetingId: 1, terminals: 1, rate: 1, kind: 'motion' })).message,
      ).toMatch(/本运行方式不能演练/);
    } finally {
      t2.cleanup();
    }
  });
});
