import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  AppError,
  methodNames,
  type Body,
  type Meeting,
  type Member,
  type RuleSet,
  type Vote,
} from '../../shared/contract';
import { lanMethodNames, lanMethods } from '../../shared/contract/lan-api';
import type { CallResult } from '../../electron/services/dispatch';
import { issueAdminToken } from '../../electron/host/admin-guard';
import { createHost } from '../../electron/host/server';
import { seedDemo } from '../../electron/services/demo';
import { b64, CJK, makeTempRuntime, namedAndSecretVotes, type TempRuntime } from './helpers';
import { FC_SEED, fcRuns, fcTimeout, hostileInput, hostileValue, stringsIn } from './hostile-arbitraries';
import { StateWatch } from './state-digest';
import { rosterWorkbook } from '../fixtures';

/**
 * Hostile input through the real boundary (issue 14 item 2): every method of the contract, called through the
 * dispatcher both transports use, on the demo district plus a township session with an open secret vote, with
 * inputs fast-check derives from the method's own schema and then breaks. A refused call must say what is wrong
 * in plain Chinese, never crash (INTERNAL, a 500), and leave every table, the audit log and the data folder as
 * they were. A sample goes over HTTP to a real host on loopback. Fixed seed; FC_SEED / FC_RUNS to explore.
 */

fc.configureGlobal({ seed: FC_SEED, numRuns: fcRuns(12), endOnFailure: true });

/** Library or runtime English that must never reach a clerk (the message minus whatever of the input it quotes). */
const LIBRARY_TEXT =
  /\b(Expected|expected|Invalid|invalid|undefined|null|NaN|Infinity|TypeError|RangeError|SyntaxError|ReferenceError|Error|Cannot|cannot|is not|SQLITE\w*)\b|\[object /;

/** What an outward method leaves running when a plausible input happens to be valid; undone at once. */
const UNDO: Partial<Record<string, string>> = {
  'lan.start': 'lan.stop',
  'rehearsals.start': 'rehearsals.stop',
  'screen.openWindow': 'screen.closeWindow',
};

let t: TempRuntime;
let watch: StateWatch;
/** Credentials on the hall's network for the township session: deputies' 投票码 and 签到码, and a desk's. */
let lanCredentials: string[] = [];
const stats = { calls: 0, refused: 0, accepted: 0 };

async function hostileCall(name: string, input: unknown): Promise<CallResult> {
  const res = await t.call(name, input);
  stats.calls++;
  if (res.ok) {
    stats.accepted++;
    if (UNDO[name]) await t.call(UNDO[name]!, {});
    watch.moveOn();
    return res;
  }
  stats.refused++;
  const e = res.error;
  const quoted = stringsIn(input)
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length);
  const plain = quoted.reduce((m, s) => m.split(s).join(''), e.message);
  expect(e.code, `${name}: ${e.message}`).not.toBe('INTERNAL');
  expect(e.message, name).toMatch(CJK);
  expect(plain, `${name}: ${e.message}`).not.toMatch(LIBRARY_TEXT);
  expect(watch.changed(), `${name} was refused (${e.message}) but changed`).toBeNull();
  expect(({} as Record<string, unknown>).polluted, `${name} polluted Object.prototype`).toBeUndefined();
  return res;
}

/** As helpers' quarterlySession, in a township the demo does not have: 12 deputies from a real .xlsx, all present. */
async function townshipSession(): Promise<{ members: Member[]; meeting: Meeting }> {
  const body = (await t.ok('bodies.create', {
    kind: 'township_congress',
    name: '石门镇人民代表大会',
    area: '石门镇',
    term: '第十八届',
  })) as Body;
  await t.ok('roster.importCommit', {
    bodyId: body.id,
    fileName: '名册.xlsx',
    contentBase64: b64(await rosterWorkbook(12)),
  });
  const members = (await t.ok('members.list', { bodyId: body.id })) as Member[];
  const rs = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'township_quarterly')!;
  const meeting = (await t.ok('meetings.create', {
    bodyId: body.id,
    kind: 'township_quarterly',
    ruleSetId: rs.id,
    title: '石门镇第十八届人民代表大会第二季度季会',
    session: '第十八届',
    date: '2026-04-10',
    startTime: '09:00',
    endTime: '11:30',
    venue: '镇政府三楼会议室',
    quarter: 2,
  })) as Meeting;
  for (const m of members)
    await t.ok('attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  return { members, meeting };
}

beforeAll(async () => {
  t = makeTempRuntime();
  const seedStart = performance.now();
  await seedDemo(t.rt);
  console.log(`seedDemo: ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  // A township session in progress on top of the demo district: closed named and secret votes, one secret vote open.
  const { members, meeting } = await townshipSession();
  await t.ok('meetings.open', { id: meeting.id });
  await namedAndSecretVotes(t, meeting.id, members, 8);
  const item = (await t.ok('agenda.add', {
    meetingId: meeting.id,
    kind: 'motion',
    title: '关于罢免的决定（草案）',
  })) as { id: number };
  const open = (await t.ok('votes.create', { agendaItemId: item.id, mode: 'electronic', secrecy: 'secret' })) as Vote;
  await t.ok('votes.open', { id: open.id });
  await t.ok('votes.cast', { id: open.id, membershipId: members[0]!.membershipId, choice: 'yes' });
  const desk = (await t.ok('desks.create', { meetingId: meeting.id, name: '东门' })) as { id: number };
  const codes = members.slice(0, 3).map((m) => t.rt.lan.credentials.codesOf(meeting.id, m.membershipId));
  lanCredentials = [...codes.flatMap((c) => [c.terminal, c.badge]), t.rt.lan.credentials.deskCredential(desk.id)];
  watch = new StateWatch(t);
}, 120_000);
afterAll(() => {
  console.log(
    `hostile input: ${stats.calls} calls, ${stats.refused} refused, ${stats.accepted} accepted (seed ${FC_SEED})`,
  );
  t?.cleanup();
});

describe('the checks bite', () => {
  // A handler planted with each fault the property looks for: each call must fail the check.
  const planted: [string, () => unknown][] = [
    ['a crash', () => (undefined as unknown as { x: number }).x],
    [
      'a write before the refusal',
      () => {
        t.rt.db.prepare("UPDATE bodies SET name = name || '（改）' WHERE id = 1").run();
        throw new AppError('CONFLICT', '已有同名机构');
      },
    ],
    [
      'a file written before the refusal',
      () => {
        fs.writeFileSync(path.join(t.dir, 'stray.tmp'), 'x');
        throw new AppError('CONFLICT', '已有同名机构');
      },
    ],
    [
      'library English',
      () => {
        throw new AppError('VALIDATION', '输入有误：Expected string, received number');
      },
    ],
    [
      'no Chinese',
      () => {
        throw new AppError('NOT_FOUND', 'not found');
      },
    ],
    [
      'a polluted prototype',
      () => {
        Object.assign(Object.prototype, { polluted: 'yes' });
        throw new AppError('CONFLICT', '已有同名机构');
      },
    ],
  ];
  it.each(planted)('fails on %s', async (_label, fault) => {
    const handlers = t.rt.handlers as unknown as Record<string, unknown>;
    const real = handlers['bodies.list'];
    handlers['bodies.list'] = fault;
    try {
      await expect(hostileCall('bodies.list', {})).rejects.toThrow();
    } finally {
      handlers['bodies.list'] = real;
      delete (Object.prototype as Record<string, unknown>).polluted;
      fs.rmSync(path.join(t.dir, 'stray.tmp'), { force: true });
      t.rt.db.prepare("UPDATE bodies SET name = replace(name, '（改）', '') WHERE id = 1").run();
      watch.moveOn();
    }
  });
});

describe('hostile input through the dispatcher, for every method of the contract', () => {
  it.each(methodNames.map((name) => [name]))(
    '%s: refused in plain Chinese, no crash, no change',
    async (name) => {
      await fc.assert(
        fc.asyncProperty(hostileInput(api[name].input), async (input) => void (await hostileCall(name, input))),
      );
    },
    fcTimeout(fcRuns(12), 1_000),
  );

  it('garbage in place of the whole input, for every method', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...methodNames),
        hostileValue,
        async (name, input) => void (await hostileCall(name, input)),
      ),
      { numRuns: fcRuns(300) },
    );
  });

  // What the property found with more runs (FC_RUNS=60 FC_SEED=7), kept as fixed cases so CI holds them whatever the seed.
  it('takes a field set to undefined as not given (IPC keeps it; projects.add wrote a NULL screening: INTERNAL)', async () => {
    const list = (await t.ok('projectLists.create', {
      bodyId: 1,
      year: 2030,
      title: '江北区2030年度民生实事候选项目',
      seats: 3,
    })) as { id: number };
    watch.moveOn();
    const res = await hostileCall('projects.add', {
      listId: list.id,
      name: '嘉陵江滨江步道贯通',
      department: '区住房城乡建委',
      screening: undefined,
      source: undefined,
    });
    expect(res.ok && (res.data as { screening: string }).screening).toBe('candidate');
  });

  it('refuses a screen pointing at an agenda item that does not exist (was a FOREIGN KEY INTERNAL error)', async () => {
    const res = await hostileCall('screen.show', { mode: 'blank', agendaItemId: 999_999 });
    expect(!res.ok && res.error).toMatchObject({
      code: 'NOT_FOUND',
      field: 'agendaItemId',
      message: '找不到编号为999999的议程',
    });
  });

  it('refused most of what it was sent, and ran handlers on some', () => {
    expect(stats.refused).toBeGreaterThan(stats.calls / 2);
    expect(stats.accepted).toBeGreaterThan(20);
  });
});

describe('hostile input on the hall’s network (a deputy’s phone, a sign-in desk)', () => {
  /** One opened LAN call: a refusal is plain Chinese, no crash, and changes nothing. */
  async function lanCall(name: string, plaintext: unknown) {
    let out: Awaited<ReturnType<typeof t.rt.lan.service.call>>;
    try {
      out = await t.rt.lan.service.call(name, plaintext);
    } catch (e) {
      throw new Error(`${name} threw instead of answering: ${String(e)}`);
    }
    stats.calls++;
    if (out.reply.ok) {
      stats.accepted++;
      watch.moveOn();
      return;
    }
    stats.refused++;
    const { message, code } = out.reply;
    const plain = stringsIn(plaintext)
      .filter((x) => x.length > 0)
      .sort((a, b) => b.length - a.length)
      .reduce((m, x) => m.split(x).join(''), message);
    expect(code, `${name}: ${message}`).not.toBe('INTERNAL');
    expect(message, name).toMatch(CJK);
    expect(plain, `${name}: ${message}`).not.toMatch(LIBRARY_TEXT);
    expect(watch.changed(), `${name} was refused (${message}) but changed`).toBeNull();
    expect(({} as Record<string, unknown>).polluted, `${name} polluted Object.prototype`).toBeUndefined();
  }
  const credential = () => fc.oneof(fc.constantFrom(...lanCredentials), hostileValue);

  it.each(lanMethodNames.map((name) => [name]))(
    '%s: a hostile input with a real or a forged credential',
    async (name) => {
      await fc.assert(
        fc.asyncProperty(credential(), hostileInput(lanMethods[name].input), async (c, input) =>
          lanCall(name, { credential: c, input }),
        ),
        { numRuns: fcRuns(40) },
      );
    },
  );

  it('a hostile sealed request as a whole, and an unknown method', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<string>(...lanMethodNames, 'polls.cast', '__proto__', 'constructor', ''),
        hostileValue,
        async (name, plaintext) => lanCall(name, plaintext),
      ),
      { numRuns: fcRuns(100) },
    );
  });
});

describe('hostile input over HTTP, to a real host on loopback', () => {
  let app: FastifyInstance;
  let base: string;
  let token: string;
  beforeAll(async () => {
    token = issueAdminToken(t.dir);
    watch.moveOn();
    app = await createHost(t.rt, { adminToken: token });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => app?.close());

  const post = (method: string, body: string, contentType = 'application/json') =>
    fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });

  async function expectRefused(res: Response, label: string) {
    expect(res.status, label).toBeGreaterThanOrEqual(400);
    expect(res.status, label).toBeLessThan(500);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.message, label).toMatch(CJK);
    expect(body.message, label).not.toMatch(LIBRARY_TEXT);
    return body;
  }

  it(
    'answers hostile JSON bodies with 400 and a Chinese error, never 500, and changes nothing',
    async () => {
      const sample = [
        'members.create',
        'votes.cast',
        'polls.cast',
        'attendance.mark',
        'roster.importCommit',
        'meetings.create',
        'projectVotes.cast',
        'screen.show',
        'audit.list',
        'backups.restore',
      ] as const;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...sample), fc.nat(), async (name, pick) => {
          // Half the time a field of a plausible input broken, half the time the whole body; JSON drops what it cannot carry.
          const input = fc.sample(hostileInput(api[name].input), { numRuns: 1, seed: FC_SEED + pick })[0];
          // A replacer costs stack frames: only for a bigint, which plain JSON.stringify refuses.
          let body: string;
          try {
            body = JSON.stringify(input) ?? 'null';
          } catch {
            body = JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)) ?? 'null';
          }
          const res = await post(name, body);
          if (res.ok) return watch.moveOn();
          const err = await expectRefused(res, `${name} ${body.slice(0, 80)}`);
          expect(err.code).not.toBe('INTERNAL');
          expect(watch.changed(), `${name} was refused but changed`).toBeNull();
        }),
        { numRuns: fcRuns(40) },
      );
    },
    fcTimeout(fcRuns(40), 1_000),
  );

  it.each([
    ['truncated JSON', '{"bodyId": 1, "name": "张'],
    ['not JSON', 'bodyId=1&name=张三'],
    ['a lone surrogate escaped', '{"bodyId":1,"name":"\\ud800"}'],
    ['nesting 100,000 deep', '['.repeat(100_000) + ']'.repeat(100_000)],
    [
      'a prototype key',
      '{"bodyId":1,"name":"张三","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
    ],
    ['a number too big for a double', '{"bodyId":1e999,"name":"张三"}'],
  ])('answers %s with 400 and a Chinese error', async (label, body) => {
    const res = await post('members.create', body);
    await expectRefused(res, label);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(watch.changed()).toBeNull();
  });

  it('answers a body that is not JSON with 415 and a Chinese error', async () => {
    await expectRefused(await post('members.create', '张三', 'text/plain'), 'text/plain');
  });
});
