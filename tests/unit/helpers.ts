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

/** Shared fixtures for the unit tests: a real SQLite file in a fresh temp folder, and real spreadsheet bytes. */

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

export type XlsxCell = string | number | Date | null;

/** A real .xlsx workbook: optional title row (merged over the columns), then the rows as given. */
export async function buildXlsx(
  rows: XlsxCell[][],
  opts: { title?: string; sheetName?: string } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheetName ?? 'Sheet1');
  const width = Math.max(...rows.map((r) => r.length));
  if (opts.title) {
    ws.getCell(1, 1).value = opts.title;
    ws.mergeCells(1, 1, 1, width);
  }
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

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

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华'];

/** n distinct, valid Chinese names (deterministic): surname + two given characters. */
export function distinctNames(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const s = SURNAMES[i % SURNAMES.length]!;
    const g1 = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
    const g2 = GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length]!;
    out.push(s + g1 + g2);
  }
  return out;
}

export const ROSTER_HEADERS = ['序号', '姓名', '性别', '民族', '政治面貌', '工作单位及职务', '所属选区', '联系电话'];

/** Data rows matching ROSTER_HEADERS; each row has a distinct name and mobile number. */
export function rosterRows(n: number): XlsxCell[][] {
  return distinctNames(n).map((name, i) => [
    i + 1,
    name,
    i % 3 === 0 ? '女' : '男',
    i % 10 === 0 ? '回' : '汉族',
    i % 2 === 0 ? '中共党员' : '群众',
    `龙泉街道第${i + 1}社区居委会主任`,
    `第${(i % 12) + 1}选区`,
    `138${String(i).padStart(8, '0')}`,
  ]);
}

/**
 * GB18030 (GBK) bytes of the few characters the CSV test needs. TextEncoder only writes UTF-8, so the table is
 * hard-coded; the test checks that TextDecoder('gb18030') reads it back.
 */
const GBK: Record<string, number[]> = {
  姓: [0xd0, 0xd5],
  名: [0xc3, 0xfb],
  性: [0xd0, 0xd4],
  别: [0xb1, 0xf0],
  民: [0xc3, 0xf1],
  族: [0xd7, 0xe5],
  联: [0xc1, 0xaa],
  系: [0xcf, 0xb5],
  电: [0xb5, 0xe7],
  话: [0xbb, 0xb0],
  张: [0xd5, 0xc5],
  三: [0xc8, 0xfd],
  李: [0xc0, 0xee],
  四: [0xcb, 0xc4],
  王: [0xcd, 0xf5],
  五: [0xce, 0xe5],
  男: [0xc4, 0xd0],
  女: [0xc5, 0xae],
  汉: [0xba, 0xba],
  回: [0xbb, 0xd8],
};

export function encodeGb18030(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (GBK[ch]) bytes.push(...GBK[ch]);
    else throw new Error(`no GB18030 bytes for “${ch}” in the test table`);
  }
  return Buffer.from(bytes);
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
  await t.ok('roster.importCommit', {
    bodyId: body.id,
    fileName: '名册.xlsx',
    contentBase64: b64(await buildXlsx([ROSTER_HEADERS, ...rosterRows(deputies)])),
  });
  const members = await t.ok('members.list', { bodyId: body.id });
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
