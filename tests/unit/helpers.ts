import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AppError,
  type ApiErrorValue,
  type Body,
  type Input,
  type Meeting,
  type Member,
  type MethodName,
  type Output,
  type Vote,
} from '../../shared/contract';
import { dispatch, type CallResult } from '../../electron/services/dispatch';
import { createRuntime, type Runtime } from '../../electron/services/runtime';
import { importDeputies } from '../fixtures/members';

/** Shared helpers for the unit tests: a real SQLite file in a fresh temp folder (the test data is in tests/fixtures). */

export interface TempRuntime {
  rt: Runtime;
  dir: string;
  /** Calls a method the way both transports do: validation first, errors as values. */
  call(name: string, input: unknown): Promise<CallResult>;
  /** Like call, but typed from the contract (input and output) and throwing on failure; for setting up a test. */
  ok<M extends MethodName>(name: M, input: Input<M>): Promise<Output<M>>;
  /**
   * The call must fail: returns its message, which must be Chinese. The input is `unknown`, as a failing test
   * sends what the contract refuses.
   */
  fails<M extends MethodName>(name: M, input: unknown): Promise<string>;
  count(table: string): number;
  cleanup(): void;
}

export function tempDir(prefix = 'yishitai-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function makeTempRuntime(): TempRuntime {
  const dir = tempDir();
  const rt = createRuntime(dir, { transport: 'http' });
  const ctx = { actor: 'test' };
  const call = (name: string, input: unknown) => dispatch(rt.handlers, name, input, ctx);
  let closed = false;
  return {
    rt,
    dir,
    call,
    async ok(name, input) {
      const res = await call(name, input);
      if (!res.ok)
        throw new AppError(res.error.code, `${name}: ${res.error.message}`, res.error.field, res.error.details);
      return res.data as Output<typeof name>;
    },
    async fails(name, input) {
      const { message } = errorOf(await call(name, input));
      if (!CJK.test(message)) throw new Error(`${name}: the error message is not Chinese: ${message}`);
      return message;
    },
    count: (table) => rt.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number,
    cleanup() {
      if (!closed) rt.close();
      closed = true;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createBody(
  t: TempRuntime,
  name: string,
  kind: Body['kind'] = 'district_congress',
  area: string | null = null,
): Promise<Body> {
  return t.ok('bodies.create', { kind, name, area, term: '第十八届' });
}

/** Unwraps a failed call, failing the test if it succeeded. */
export function errorOf(res: CallResult): ApiErrorValue {
  if (res.ok) throw new Error(`expected a failure, got ${JSON.stringify(res.data).slice(0, 200)}`);
  return res.error;
}

/** Contains at least one Chinese character. */
export const CJK = /\p{Script=Han}/u;

/** Reads the first sheet of an xlsx back into plain values (row 1 first). */
export async function readXlsxValues(content: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) values.push(row.getCell(c).value);
    out[n - 1] = values;
  });
  return out;
}

export const b64 = (b: Buffer) => b.toString('base64');

/**
 * A township quarterly session (鱼嘴镇, 2025 Q2) with `deputies` imported from a real .xlsx and all signed in; not
 * yet opened, so each test opens it and votes as it needs.
 */
export async function quarterlySession(
  t: TempRuntime,
  deputies: number,
): Promise<{ body: Body; members: Member[]; meeting: Meeting }> {
  const body = await createBody(t, '鱼嘴镇人民代表大会', 'township_congress', '鱼嘴镇');
  const members = await importDeputies(t, body.id, deputies, { name: '名册.xlsx' });
  const rs = (await t.ok('ruleSets.list', {})).find((r) => r.key === 'township_quarterly')!;
  const meeting = await t.ok('meetings.create', {
    bodyId: body.id,
    kind: 'township_quarterly',
    ruleSetId: rs.id,
    title: '鱼嘴镇第十八届人民代表大会第二季度季会',
    session: '第十八届',
    date: '2025-04-10',
    startTime: '09:00',
    endTime: '11:30',
    venue: '镇政府三楼会议室',
    quarter: 2,
  });
  for (const m of members)
    await t.ok('attendance.mark', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
  return { body, members, meeting };
}

/** A named and a secret electronic motion vote in an open meeting, each cast by every member and closed (the first
 *  `yes` of them vote 赞成, the rest 反对). */
export async function namedAndSecretVotes(
  t: TempRuntime,
  meetingId: number,
  members: Member[],
  yes = members.length,
): Promise<Vote[]> {
  const votes: Vote[] = [];
  for (const secrecy of ['named', 'secret'] as const) {
    const item = await t.ok('agenda.add', {
      meetingId,
      kind: 'motion',
      title: `关于${secrecy === 'secret' ? '罢免' : '调整'}的决定（草案）`,
    });
    const v = await t.ok('votes.create', { agendaItemId: item.id, mode: 'electronic', secrecy });
    await t.ok('votes.open', { id: v.id });
    for (const [i, m] of members.entries())
      await t.ok('votes.cast', { id: v.id, membershipId: m.membershipId, choice: i < yes ? 'yes' : 'no' });
    await t.ok('votes.close', { id: v.id });
    votes.push(v);
  }
  return votes;
}
