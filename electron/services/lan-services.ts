import { AppError, choiceLabels, type AttendanceChange, type Meeting } from '../../shared/contract';
import {
  ALREADY_VOTED,
  VOTING_CODE_AT_DESK,
  isLanMethodName,
  parseLanFragment,
  parseLanInput,
  type CastAck,
  type DeskMember,
  type DeskSignedIn,
  type DeskSummary,
  type LanMethodName,
  type LanParsedInput,
  type LanReply,
  type TerminalPoll,
  type TerminalState,
} from '../../shared/contract/lan-api';
import { matchesQuery } from '../../shared/domain/search';
import { statement } from '../db/statements';
import { readAttendance, readAttendanceRow, readAttendanceSummary } from './attendance';
import type { ServiceDeps } from './context';
import { dispatch } from './dispatch';
import type { Handlers } from './index';
import type { CredentialStore, Holder } from './lan-credentials';
import { meetingQueries } from './meetings';
import type { PollEngine } from './polls';

/**
 * The services behind the LAN listener's sealed routes (issue 13): terminal.* for a deputy's phone, desk.* for a
 * sign-in desk. The caller is the holder of the credential inside the sealed request; the host supplies the
 * membershipId from it, and every change goes through the same engine and audit as the console's, with the actor
 * 代表终端 (never naming the deputy) or 签到台：<name>.
 */

export const TERMINAL_ACTOR = '代表终端';
export const deskActor = (name: string) => `签到台：${name}`;

export interface LanOutcome {
  reply: LanReply;
  /** The credential was not one this host issued (or no longer valid): counts against the address. */
  badCredential: boolean;
}

const RATING_CHOICES = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
  { value: 'abstain', label: '弃权' },
];
const MOTION_CHOICES = (['yes', 'no', 'abstain'] as const).map((value) => ({ value, label: choiceLabels[value] }));

export function lanService(deps: ServiceDeps, engine: PollEngine, handlers: Handlers, store: CredentialStore) {
  const { db } = deps;
  const q = meetingQueries(db);
  /** terminal.cast acks by meeting:member:round, so a retry gets the first answer and another key a refusal. */
  const acks = new Map<string, { key: string; ack: CastAck }>();

  const lanMeeting = (m: Meeting) => ({ title: m.title, date: m.date });
  const summaryOf = (m: Meeting): DeskSummary => {
    const s = readAttendanceSummary(db, m);
    return { expected: s.expected, present: s.present, leave: s.leave, quorumText: s.quorum.text };
  };

  function currentPoll(h: Extract<Holder, { kind: 'terminal' }>): TerminalPoll | null {
    const rounds = (
      statement(
        db,
        "SELECT r.id FROM poll_rounds r JOIN polls p ON p.id = r.poll_id WHERE p.meeting_id = ? AND r.status = 'open' AND r.mode = 'electronic' ORDER BY r.id",
        'pluck',
      ).all(h.meetingId) as number[]
    ).map((id) => engine.round(id));
    const r = rounds.find((x) => engine.ballots.eligibleBox(x.id, h.membershipId) !== undefined);
    if (!r) return null;
    const secret = r.secrecy === 'secret';
    const voted =
      engine.ballots.hasVoted(r.id, h.membershipId, secret) || acks.has(`${h.meetingId}:${h.membershipId}:${r.id}`);
    const base = { roundId: r.id, kind: r.kind, title: r.title, secret, style: r.style, voted };
    if (r.kind === 'project_vote') {
      const items = engine.candidatesOf(r).map((p) => ({ id: p.id, number: `${p.number}号`, name: p.name }));
      return {
        ...base,
        seats: r.seats ?? 0,
        maxMarks: r.seats ?? 0,
        choices: r.style === 'choose' || r.style === 'rank' ? [] : MOTION_CHOICES,
        items,
      };
    }
    if (r.kind === 'evaluation') {
      const items = engine
        .itemsOf(r)
        .map((it) => ({ id: it.id, number: it.number ?? String(it.position), name: it.title }));
      return { ...base, choices: r.style === 'rating' ? RATING_CHOICES : [], items };
    }
    return { ...base, choices: MOTION_CHOICES, items: [] };
  }

  async function terminal(
    name: LanMethodName,
    h: Extract<Holder, { kind: 'terminal' }>,
    input: unknown,
  ): Promise<unknown> {
    // A cast needs no meeting read here: the engine checks that the meeting is sitting, in the cast's own write.
    if (name === 'terminal.state')
      return {
        meeting: lanMeeting(q.getMeeting(h.meetingId)),
        deputy: { name: h.name },
        poll: currentPoll(h),
      } satisfies TerminalState;
    if (name !== 'terminal.cast') throw new AppError('FORBIDDEN', '投票码只能用于投票，不能用于签到台');
    const c = input as LanParsedInput<'terminal.cast'>;
    const slot = `${h.meetingId}:${h.membershipId}:${c.roundId}`;
    const done = acks.get(slot);
    if (done) {
      if (done.key === c.idempotencyKey) return done.ack;
      throw new AppError('CONFLICT', ALREADY_VOTED);
    }
    const r = statement(
      db,
      'SELECT p.meeting_id FROM poll_rounds r JOIN polls p ON p.id = r.poll_id WHERE r.id = ?',
      'pluck',
    ).get(c.roundId);
    if (r !== h.meetingId) throw new AppError('NOT_FOUND', '找不到这一轮投票：请刷新页面', 'roundId');
    const res = await dispatch(
      handlers,
      'polls.cast',
      { id: c.roundId, membershipId: h.membershipId, ballot: c.ballot },
      { actor: TERMINAL_ACTOR },
    );
    if (!res.ok) {
      if (res.error.code === 'CONFLICT' && /已经投过票/.test(res.error.message))
        throw new AppError('CONFLICT', ALREADY_VOTED);
      if (res.error.code === 'FORBIDDEN') throw new AppError('FORBIDDEN', '您在投票开始时未签到出席，不能参加本轮投票');
      throw new AppError(res.error.code, res.error.message, res.error.field);
    }
    const ack: CastAck = { accepted: true, roundId: c.roundId, receipt: store.receipt(c.roundId, c.idempotencyKey) };
    acks.set(slot, { key: c.idempotencyKey, ack });
    return ack;
  }

  function memberOnRoll(m: Meeting, membershipId: number) {
    const row = readAttendanceRow(db, m, membershipId);
    if (!row) throw new AppError('NOT_FOUND', '此人不在本次会议的应到名单上', 'membershipId');
    return row;
  }

  async function desk(name: LanMethodName, h: Extract<Holder, { kind: 'desk' }>, input: unknown): Promise<unknown> {
    const m = q.getMeeting(h.meetingId);
    if (name === 'desk.state') return { meeting: lanMeeting(m), desk: { name: h.name }, summary: summaryOf(m) };
    if (name === 'desk.search') {
      const query = (input as LanParsedInput<'desk.search'>).query;
      return readAttendance(db, m)
        .rows.filter((r) => matchesQuery(r, query))
        .slice(0, 20)
        .map((r): DeskMember => ({
          membershipId: r.membershipId,
          name: r.name,
          unit: r.constituency,
          status: r.status,
        }));
    }
    if (name !== 'desk.signIn') throw new AppError('FORBIDDEN', '签到台只能登记本次会议的签到');
    const s = input as LanParsedInput<'desk.signIn'>;
    let membershipId = s.membershipId;
    if (s.badge) {
      // A 投票码 (its link, or the bare credential) is refused: a desk must never take a voting credential.
      const fromLink = parseLanFragment(s.badge.split('#')[1] ?? '')?.credential;
      const held = store.holderOf(fromLink ?? s.badge);
      if (fromLink || held?.kind === 'terminal') throw new AppError('VALIDATION', VOTING_CODE_AT_DESK, 'badge');
      if (held?.kind !== 'badge' || held.meetingId !== m.id)
        throw new AppError('NOT_FOUND', '签到码无效，或不是本次会议的签到码', 'badge');
      membershipId = held.membershipId;
    }
    const row = memberOnRoll(m, membershipId!);
    if (row.status === 'present')
      return {
        membershipId: row.membershipId,
        name: row.name,
        status: row.status,
        already: true,
        summary: summaryOf(m),
      } satisfies DeskSignedIn;
    const res = await dispatch(
      handlers,
      'attendance.markOne',
      { meetingId: m.id, membershipId: row.membershipId, status: 'present' },
      { actor: deskActor(h.name) },
    );
    if (!res.ok) throw new AppError(res.error.code, res.error.message, res.error.field);
    // The sign-in's own summary, counted in its transaction: no second count of the roll.
    const s2 = (res.data as AttendanceChange).summary;
    const summary: DeskSummary = {
      expected: s2.expected,
      present: s2.present,
      leave: s2.leave,
      quorumText: s2.quorum.text,
    };
    return {
      membershipId: row.membershipId,
      name: row.name,
      status: 'present',
      already: false,
      summary,
    } satisfies DeskSignedIn;
  }

  /** One sealed call, already opened: the credential and input inside it. Every failure is a Chinese message. */
  async function call(name: string, plaintext: unknown): Promise<LanOutcome> {
    const fail = (message: string, badCredential = false, code?: string): LanOutcome => ({
      reply: { ok: false, message, ...(code ? { code } : {}) },
      badCredential,
    });
    if (!isLanMethodName(name)) return fail(`没有名为“${name}”的接口`, false, 'UNKNOWN_METHOD');
    const p = plaintext as { credential?: unknown; input?: unknown } | null;
    const holder = store.holderOf(p?.credential);
    if (!holder || holder.kind === 'badge')
      return fail('凭据无效或已作废：请向会务工作人员领取新的凭条', true, 'UNAUTHORIZED');
    const parsed = parseLanInput(name, p?.input);
    if (!parsed.ok) return fail(parsed.message, false, 'VALIDATION');
    try {
      const data =
        holder.kind === 'terminal' ? await terminal(name, holder, parsed.data) : await desk(name, holder, parsed.data);
      return { reply: { ok: true, data } as LanReply, badCredential: false };
    } catch (e) {
      if (e instanceof AppError) return fail(e.message, false, e.code);
      console.error(`[议事台] 会场网络 ${name} 失败:`, e);
      return fail('内部错误，请稍后重试', false, 'INTERNAL');
    }
  }

  return {
    call,
    forgetRound: (roundId: number) => {
      for (const k of acks.keys()) if (k.endsWith(`:${roundId}`)) acks.delete(k);
    },
  };
}
export type LanService = ReturnType<typeof lanService>;
