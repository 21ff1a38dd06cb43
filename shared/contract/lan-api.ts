import { z } from 'zod';
import { method, type MethodDef } from './define';
import type { AttendanceStatus } from './meeting-types';
import type { PollKind, PollStyle } from './poll-types';
import { castBallotInput } from './polls-api';
import { labelOfPath } from './labels';
import { plainChineseErrors } from './zod-messages';

/**
 * The hall's network (issue 13): the only methods the LAN listener answers, at POST /lan/api/<method>, each request
 * and reply sealed to the host's key (../lan/seal.ts). A separate registry from the admin `api`: nothing here is
 * an admin method, and no admin method is served on the LAN port. The caller is named by the credential inside
 * the sealed request (a deputy's 投票码 for terminal.*, a desk's credential for desk.*), never by an input field.
 */

z.config({ customError: plainChineseErrors });

const id = z.number().int().positive();
/** A retry of the same submit carries the same key; the host answers it with the first answer. */
const idempotencyKey = z
  .string({ error: '缺少请求标识' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '请求标识应为8至64位字母、数字、-或_');

export interface LanMeeting {
  title: string;
  /** 2026-12-01 */
  date: string;
}

/** The current open round this deputy may vote in (on its frozen roll); never a tally. */
export interface TerminalPoll {
  roundId: number;
  kind: PollKind;
  title: string;
  secret: boolean;
  style?: PollStyle;
  /** 票决: how many projects may be chosen (应选数). */
  seats?: number;
  /** 票决: the most marks a ballot may carry; more is refused. */
  maxMarks?: number;
  /** The options of each line: 赞成/反对/弃权, or 满意/基本满意/不满意/弃权; for a score style, none. */
  choices: { value: string; label: string }[];
  /** 票决 candidates or 测评 items, in ballot order; a motion has none. */
  items: { id: number; number: string | null; name: string }[];
  voted: boolean;
}

export interface TerminalState {
  meeting: LanMeeting;
  deputy: { name: string };
  poll: TerminalPoll | null;
}

export interface CastAck {
  accepted: true;
  roundId: number;
  /** A short receipt (回执号) the page shows; the same for a retried request. It says nothing about the choice. */
  receipt: string;
}

export interface DeskSummary {
  expected: number;
  present: number;
  leave: number;
  /** 「已达法定人数（应到120人，实到83人）」 */
  quorumText: string;
}

export interface DeskState {
  meeting: LanMeeting;
  desk: { name: string };
  summary: DeskSummary;
}

export interface DeskMember {
  membershipId: number;
  name: string;
  unit: string | null;
  status: AttendanceStatus;
}

export interface DeskSignedIn {
  membershipId: number;
  name: string;
  status: AttendanceStatus;
  /** true when this member was already signed in (a second scan changes nothing). */
  already: boolean;
  summary: DeskSummary;
}

export const lanMethods = {
  'terminal.state': method<TerminalState>()(
    '代表终端：会议、代表姓名和当前可投的一轮投票（从不含票数）',
    z.object({}),
    'TerminalState',
  ),
  'terminal.cast': method<CastAck>()(
    '代表终端投票：选票按该轮的写法（同 polls.cast 的 ballot）；同一请求标识重发得到同一回执，不重复计票；已投后另一标识的投票被拒绝',
    z.object({ roundId: id, idempotencyKey, ballot: castBallotInput }),
    'CastAck',
  ),
  'desk.state': method<DeskState>()('签到台：会议、签到台名称与应到、实到、请假人数', z.object({}), 'DeskState'),
  'desk.search': method<DeskMember[]>()(
    '签到台按姓名或拼音首字母查找本次会议应到人员',
    z.object({ query: z.string().trim().min(1, '请输入姓名或拼音首字母').max(20) }),
    'DeskMember[]',
  ),
  'desk.signIn': method<DeskSignedIn>()(
    '签到台签到：扫描签到码（badge）或按查找结果（membershipId）；投票码不能用于签到',
    z
      .object({ badge: z.string().trim().max(200).optional(), membershipId: id.optional(), idempotencyKey })
      .refine((v) => (v.badge ? 1 : 0) + (v.membershipId ? 1 : 0) === 1, {
        message: '请扫描签到码或选择一名代表',
        path: ['badge'],
      }),
    'DeskSignedIn',
  ),
} as const satisfies Record<string, MethodDef>;

export type LanMethods = typeof lanMethods;
export type LanMethodName = keyof LanMethods;
export type LanInput<M extends LanMethodName> = z.input<LanMethods[M]['input']>;
export type LanParsedInput<M extends LanMethodName> = z.output<LanMethods[M]['input']>;
export type LanOutput<M extends LanMethodName> = NonNullable<LanMethods[M]['_output']>;
export const lanMethodNames = Object.keys(lanMethods) as LanMethodName[];
export function isLanMethodName(name: string): name is LanMethodName {
  return Object.prototype.hasOwnProperty.call(lanMethods, name);
}

/** The plaintext inside a sealed request, and the sealed reply's. */
export interface LanRequest<M extends LanMethodName = LanMethodName> {
  credential: string;
  input: LanInput<M>;
}
export type LanReply<M extends LanMethodName = LanMethodName> =
  { ok: true; data: LanOutput<M> } | { ok: false; message: string; code?: string };

/** What the 投票码 and the desk link carry in their fragment (#c=<credential>&k=<hostPublicKey>). */
export function lanLink(origin: string, page: 't' | 'd', credential: string, hostPublicKey: string): string {
  return `${origin.replace(/\/+$/, '')}/${page}/#c=${credential}&k=${hostPublicKey}`;
}
export function parseLanFragment(hash: string): { credential: string; hostPublicKey: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const credential = params.get('c');
  const hostPublicKey = params.get('k');
  return credential && hostPublicKey ? { credential, hostPublicKey } : null;
}

/** The refusal a desk gives a 投票码 (LAN-SHARED.md): a desk must never take a voting credential. */
export const VOTING_CODE_AT_DESK = '这是投票码，请扫描签到码';
/** A second cast with another key (LAN-SHARED.md). */
export const ALREADY_VOTED = '您已投票，不能更改';

/** The LAN listener's routes: POST `${LAN_API_PATH}<method>` with a SealedRequest; GET LAN_EVENTS_PATH (SSE). */
export const LAN_API_PATH = '/lan/api/';
/**
 * Server-sent events carrying only `data: {"t":"changed"}`, at most one per 100 ms; the page then refetches its state.
 * `?for=t` (a terminal): when a round starts, stops or closes, or a meeting or the roster changes — never for the
 * progress of a vote, or every phone in the hall would refetch ten times a second while the others cast. `?for=d` (a
 * desk): also every attendance change, for its live 实到.
 */
export const LAN_EVENTS_PATH = '/lan/events';
export type LanAudience = 't' | 'd';
export interface LanPing {
  t: 'changed';
}

/** Validates a LAN method's input; the Chinese message names the field, as parseInput does for the admin contract. */
export function parseLanInput<M extends LanMethodName>(
  name: M,
  input: unknown,
): { ok: true; data: LanParsedInput<M> } | { ok: false; message: string; field?: string } {
  const result = lanMethods[name].input.safeParse(input ?? {});
  if (result.success) return { ok: true, data: result.data as LanParsedInput<M> };
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : undefined;
  const where = issue.path.length ? `“${labelOfPath(issue.path, name)}”` : '请求';
  return {
    ok: false,
    message: `输入有误：${where}${issue.message.startsWith('：') ? '' : '：'}${issue.message}`,
    ...(field ? { field } : {}),
  };
}
