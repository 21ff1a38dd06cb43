import { AppError, type ParsedInput, type Vote, type VoteRollEntry, type VoteSnapshot } from '../../shared/contract';
import { voteModeConflict, type MotionResult } from '../../shared/domain/rules';
import { meetingBodyRow } from '../db/tables/meetings';
import { memberTables } from '../db/tables/members';
import type { RoundRecord } from '../db/tables/polls';
import { grouped, type WriteContext } from './change';
import type { ServiceDeps } from './context';
import { assertMeetingStatus, meetingQueries } from './meetings';
import type { PollEngine } from './polls';

/**
 * Motion votes (表决): 赞成/反对/弃权 by electronic entry, show of hands or paper — the `votes.*` methods as scripts
 * know them, served by the one poll engine (./polls.ts). A vote is a motion poll's round and keeps its id.
 */
export function voteService(deps: ServiceDeps, engine: PollEngine) {
  const { db } = deps;
  const members = memberTables(db);
  const q = meetingQueries(db);

  const toVote = (r: RoundRecord): Vote => {
    const v = engine.view(r);
    return {
      id: v.id,
      meetingId: v.meetingId,
      agendaItemId: v.agendaItemId,
      title: v.title,
      mode: v.mode,
      secrecy: v.secrecy,
      round: v.round,
      previousVoteId: v.previousRoundId,
      status: v.status === 'counting' ? 'open' : v.status,
      snapshot: r.snapshot as VoteSnapshot | null,
      cast: v.returned,
      eligible: v.present ?? 0,
      result: v.result as MotionResult | null,
      announcement: v.announcement,
      openedAt: v.openedAt,
      closedAt: v.closedAt,
    };
  };
  const motion = (id: number) => engine.roundOfKind(id, 'motion', '表决');

  function createVote(
    input: { agendaItemId: number; title: string | null; mode: Vote['mode']; secrecy: Vote['secrecy'] },
    ctx: WriteContext,
  ): Vote {
    const item = q.getItem(input.agendaItemId, 'agendaItemId');
    const meeting = q.getMeeting(item.meetingId);
    assertMeetingStatus(meeting, ['preparing', 'open'], '安排表决');
    if (item.kind !== 'motion')
      throw new AppError('VALIDATION', `输入有误：“议程”：“${item.title}”不是表决事项`, 'agendaItemId');
    const conflict = voteModeConflict(input.mode, input.secrecy);
    if (conflict) throw new AppError('VALIDATION', `输入有误：“记名方式”：${conflict}`, 'secrecy');
    const r = engine.create(
      {
        agendaItemId: item.id,
        meetingId: meeting.id,
        kind: 'motion',
        style: 'motion',
        secrecy: input.secrecy,
        title: input.title ?? item.title,
        listId: null,
        mode: input.mode,
        seats: null,
        itemIds: [],
        pass: null,
        scrutineers: [],
        counters: [],
      },
      ctx,
      { ...input, round: 1, previousVoteId: null },
    );
    return toVote(r);
  }

  return {
    'votes.list': (input: ParsedInput<'votes.list'>) => {
      q.getMeeting(input.meetingId);
      return engine.polls
        .roundsOfMeeting(input.meetingId)
        .filter((r) => r.kind === 'motion')
        .map(toVote);
    },
    'votes.get': (input: ParsedInput<'votes.get'>) => toVote(motion(input.id)),
    'votes.create': (input: ParsedInput<'votes.create'>, ctx: WriteContext) => createVote(input, ctx),

    'votes.revote': (input: ParsedInput<'votes.revote'>, ctx: WriteContext) => {
      const src = motion(input.id);
      engine.assertStep(src, 'nextRound', '重新表决（须先结束本轮）');
      if (engine.polls.hasNext(src.id))
        throw new AppError('CONFLICT', `“${src.title}”第${src.round}轮已经安排过重新表决`, 'id');
      const r = engine.planNext(src, input.mode ?? src.mode, ctx);
      return toVote(r);
    },

    'votes.open': (input: ParsedInput<'votes.open'>, ctx: WriteContext) => toVote(engine.open(motion(input.id), ctx)),

    // Grouped with the casts arriving with it (group commit): answered once on disk.
    'votes.cast': grouped((input: ParsedInput<'votes.cast'>, ctx: WriteContext) => {
      const r = motion(input.id);
      // The meeting's body and status alone: a hall casts thousands a second, and the agenda is not needed here.
      const meeting = meetingBodyRow(db, r.meetingId);
      if (!meeting) throw new AppError('NOT_FOUND', `找不到编号为${r.meetingId}的会议`, 'id');
      const current = members.isSeated(input.membershipId, meeting.bodyId);
      if (r.status === 'open' && r.mode === 'electronic' && meeting.status !== 'closed' && !current) {
        throw new AppError('FORBIDDEN', `该人员不是${meeting.bodyName}的在任成员，不能参加表决`, 'membershipId');
      }
      const cast = engine.cast(r, input.membershipId, { choice: input.choice }, ctx, {
        notEligible: (name) => `${name}在表决开始时未签到出席，不能参加本次表决`,
      });
      return { accepted: true as const, cast };
    }),

    'votes.enterCounts': (input: ParsedInput<'votes.enterCounts'>, ctx: WriteContext) =>
      toVote(engine.enterCounts(motion(input.id), input, ctx)),
    'votes.close': (input: ParsedInput<'votes.close'>, ctx: WriteContext) =>
      toVote(engine.close(motion(input.id), {}, ctx)),

    'votes.roll': (input: ParsedInput<'votes.roll'>): VoteRollEntry[] => {
      const r = motion(input.id);
      if (r.secrecy === 'secret') throw new AppError('FORBIDDEN', '无记名表决不保存逐人结果', 'id');
      if (r.status !== 'closed')
        engine.assertStep({ ...r, status: r.status }, 'reveal', '查看逐人结果（须先结束表决）');
      return engine.ballots.namedRoll(r.id);
    },
  };
}
