import { AppError, type PaperComparison, type ParsedInput, type ProjectVote } from '../../shared/contract';
import { projectPassRule, type RoundResult } from '../../shared/domain/projects';
import type { RoundRecord } from '../db/tables/polls';
import { grouped, type WriteContext } from './change';
import type { ServiceDeps } from './context';
import { assertMeetingStatus, meetingQueries } from './meetings';
import { projectListQueries } from './project-lists';
import type { PollEngine } from './polls';

/**
 * 民生实事项目票决 rounds (first, runoff after a tie, retake after a void round) — the `projectVotes.*` methods as
 * scripts know them, served by the one poll engine (./polls.ts). A 票决 round is a round of a project_vote poll.
 */
export function projectVoteService(deps: ServiceDeps, engine: PollEngine) {
  const { db } = deps;
  const meetings = meetingQueries(db);
  const { getList, ballotIds, firstRoundRefusal } = projectListQueries(db);

  const toVote = (r: RoundRecord): ProjectVote => {
    const v = engine.view(r);
    return {
      id: v.id,
      listId: r.listId!,
      meetingId: v.meetingId,
      agendaItemId: v.agendaItemId,
      round: v.round,
      previousVoteId: v.previousRoundId,
      kind: r.roundKind === 'revote' ? 'retake' : r.roundKind,
      style: r.style as ProjectVote['style'],
      mode: r.mode as ProjectVote['mode'],
      seats: r.seats ?? 0,
      candidateIds: r.itemIds,
      pass: r.pass as ProjectVote['pass'],
      status: v.status,
      expected: v.expected,
      present: v.present,
      // As projectVotes.get always read: 发出 once counted (polls.get shows an electronic round's roll from the open).
      issued: v.status === 'closed' ? v.issued : null,
      returned: v.returned,
      scrutineers: v.scrutineers,
      counters: v.counters,
      result: v.result as RoundResult | null,
      announcement: v.announcement,
      openedAt: v.openedAt,
      closedAt: v.closedAt,
    };
  };
  const roundOf = (id: number) => engine.roundOfKind(id, 'project_vote', '票决');

  /** The engine's comparison in the shape projectVotes.paperCompare has always had: per project id. */
  function legacyComparison(r: RoundRecord): PaperComparison {
    const c = engine.comparison(r);
    const pid = (position: number) => r.itemIds[position - 1]!;
    return {
      first: c.first,
      second: c.second,
      differences: c.differences,
      agreed: c.agreed,
      totalsMismatches: c.sheetMismatches.map((m) => ({
        candidateId: pid(m.position),
        field: m.field as 'yes' | 'no' | 'abstain',
        sheet: m.sheet,
        ballots: m.ballots,
      })),
      sheet: c.sheet.map((l) => ({
        projectId: pid(l.position),
        yes: l.counts.yes ?? 0,
        no: l.counts.no ?? 0,
        abstain: l.counts.abstain ?? 0,
      })),
    };
  }

  return {
    'projectVotes.list': (input: ParsedInput<'projectVotes.list'>) => {
      if (input.listId !== undefined) getList(input.listId, 'listId');
      if (input.meetingId !== undefined) meetings.getMeeting(input.meetingId, 'meetingId');
      return engine.polls.roundsOfList(input.listId ?? null, input.meetingId ?? null).map(toVote);
    },
    'projectVotes.get': (input: ParsedInput<'projectVotes.get'>) => toVote(roundOf(input.id)),

    'projectVotes.create': (input: ParsedInput<'projectVotes.create'>, ctx: WriteContext) => {
      const list = getList(input.listId, 'listId');
      const item = meetings.getItem(input.agendaItemId, 'agendaItemId');
      const meeting = meetings.getMeeting(item.meetingId);
      assertMeetingStatus(meeting, ['preparing', 'open'], '安排票决');
      if (item.kind !== 'project_vote')
        throw new AppError('VALIDATION', `输入有误：“议程”：“${item.title}”不是民生实事票决议程`, 'agendaItemId');
      if (meeting.bodyId !== list.bodyId)
        throw new AppError(
          'VALIDATION',
          `输入有误：“候选项目清单”：清单属于${list.bodyName}，会议属于${meeting.bodyName}`,
          'listId',
        );
      // Only a list adopted by 主任会议 or 常委会 with a 差额 among its 确定为候选 projects (rules §4).
      const refusal = firstRoundRefusal(list);
      if (refusal) throw new AppError('CONFLICT', refusal, 'listId');
      if (engine.polls.listHasPoll(list.id))
        throw new AppError('CONFLICT', `“${list.title}”已安排过票决；平票或无效时请安排下一轮`, 'listId');
      // The pass rule is the meeting's rule set's (../shared/rules/README.md §3–4: 全体代表的过半数 by default, a local
      // rule where the rule set says so); a base asked for here cannot differ from it.
      const rule = meeting.rules.pass;
      if (input.passBase && input.passBase !== rule.base) {
        throw new AppError(
          'VALIDATION',
          `输入有误：“通过基数”：本会议适用“${meeting.ruleSetName}”，${rule.basis}；票决按会议规则计票，不能另设基数。如本地规定不同，请调整会议规则`,
          'passBase',
        );
      }
      const pass = projectPassRule(rule, 'first');
      const itemIds = ballotIds(list.id);
      const r = engine.create(
        {
          agendaItemId: item.id,
          meetingId: meeting.id,
          kind: 'project_vote',
          style: input.style,
          secrecy: 'secret',
          title: list.title,
          listId: list.id,
          mode: input.mode,
          seats: list.seats,
          itemIds,
          pass,
          scrutineers: input.scrutineers,
          counters: input.counters,
        },
        ctx,
        {
          round: 1,
          seats: list.seats,
          mode: input.mode,
          style: input.style,
          scrutineers: input.scrutineers,
          counters: input.counters,
          candidateIds: itemIds,
        },
      );
      return toVote(r);
    },

    'projectVotes.nextRound': (input: ParsedInput<'projectVotes.nextRound'>, ctx: WriteContext) => {
      const v = roundOf(input.id);
      engine.assertStep(v, 'nextRound', '安排下一轮（须先结束本轮）');
      const next = engine.planNext(v, input.mode ?? v.mode, ctx);
      return toVote(next);
    },

    'projectVotes.open': (input: ParsedInput<'projectVotes.open'>, ctx: WriteContext) =>
      toVote(engine.open(roundOf(input.id), ctx)),

    // Grouped with the casts arriving with it (group commit): answered once on disk.
    'projectVotes.cast': grouped((input: ParsedInput<'projectVotes.cast'>, ctx: WriteContext) => {
      const returned = engine.cast(roundOf(input.id), input.membershipId, { marks: input.marks }, ctx, {
        notEligible: () => '该人员不是本次票决开始时签到出席的代表，不能投票',
      });
      return { accepted: true as const, returned };
    }),
    'projectVotes.stopVoting': (input: ParsedInput<'projectVotes.stopVoting'>, ctx: WriteContext) =>
      toVote(engine.stopVoting(roundOf(input.id), ctx)),
    'projectVotes.paperEnter': (input: ParsedInput<'projectVotes.paperEnter'>, ctx: WriteContext) =>
      engine.paperEnter(roundOf(input.id), input, ctx),
    'projectVotes.paperBatch': (input: ParsedInput<'projectVotes.paperBatch'>) => {
      const r = roundOf(input.id);
      engine.assertPaper(r);
      return engine.batchState(r, input.batch);
    },
    'projectVotes.paperCompare': (input: ParsedInput<'projectVotes.paperCompare'>) => {
      const r = roundOf(input.id);
      engine.assertPaper(r);
      return legacyComparison(r);
    },
    'projectVotes.manualTotals': (input: ParsedInput<'projectVotes.manualTotals'>, ctx: WriteContext) => {
      const r = roundOf(input.id);
      engine.assertPaper(r);
      const lines = input.totals.map((t) => {
        const position = r.itemIds.indexOf(t.projectId) + 1;
        if (!position)
          throw new AppError('VALIDATION', `输入有误：“计票单”：编号为${t.projectId}的项目不在本轮选票上`, 'totals');
        return { position, counts: { yes: t.yes, no: t.no, abstain: t.abstain } };
      });
      engine.countSheet(r, lines, ctx, input.totals);
      return legacyComparison(engine.round(r.id));
    },
    'projectVotes.close': (input: ParsedInput<'projectVotes.close'>, ctx: WriteContext) =>
      toVote(engine.close(roundOf(input.id), input, ctx)),
  };
}
