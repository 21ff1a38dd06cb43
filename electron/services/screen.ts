import {
  AppError,
  memberNoun,
  type DisplayInfo,
  type ParsedInput,
  type ProjectVoteMode,
  type ScreenView,
} from '../../shared/contract';
import type { RatingResult, ScoreResult } from '../../shared/domain/evaluation';
import { resultOnScreen } from '../../shared/domain/poll-states';
import type { BallotStyle, RoundResult } from '../../shared/domain/projects';
import type { MotionResult } from '../../shared/domain/rules';
import { projectIdsOfList } from '../db/tables/projects';
import { screenTables } from '../db/tables/screen';
import { readAttendanceSummary } from './attendance';
import type { WriteContext } from './change';
import type { ServiceDeps } from './context';
import { meetingQueries } from './meetings';
import type { PollEngine } from './polls';
import { countAfterRound } from './project-results';

/**
 * The hall screen. Its content is a record the clerk sets (so it survives a restart); the projector page renders
 * `screen.view`. Results travel to the screen only for a closed vote after 公布 — never a running tally.
 */

/** What only the desktop app can do: windows on physical displays. Absent in the browser host. */
export interface DesktopPort {
  listDisplays(): DisplayInfo[];
  openProjector(displayId?: number): void;
  closeProjector(): void;
}

export function screenService(deps: ServiceDeps & { desktop?: DesktopPort }, engine: PollEngine) {
  const { db } = deps;
  const meetings = meetingQueries(db);

  const screen = screenTables(db);
  const state = () => screen.state();

  function view(): ScreenView {
    const s = state();
    const out: ScreenView = {
      state: s,
      meeting: null,
      currentItem: null,
      attendance: null,
      vote: null,
      projectVote: null,
      evaluation: null,
      serverTime: new Date().toISOString(),
    };
    if (s.mode === 'blank' || s.mode === 'message') return out;
    const r = s.roundId ? engine.polls.round(s.roundId) : undefined;
    const meetingId = s.meetingId ?? r?.meetingId ?? null;
    if (!meetingId) return out;
    const m = meetings.getMeeting(meetingId);
    out.meeting = {
      id: m.id,
      title: m.title,
      session: m.session,
      bodyName: m.bodyName,
      date: m.date,
      venue: m.venue,
      status: m.status,
      agenda: m.agenda.map((a) => ({ id: a.id, position: a.position, title: a.title, kind: a.kind })),
    };
    const itemId = s.agendaItemId ?? r?.agendaItemId ?? null;
    const item = m.agenda.find((a) => a.id === itemId);
    if (item) out.currentItem = { id: item.id, position: item.position, title: item.title };
    // The summary alone (one aggregate query): every hall screen asks for it on each reload.
    out.attendance = { ...readAttendanceSummary(db, m), noun: memberNoun[m.bodyKind] };
    if (!r) return out;

    // A result travels to the screen only for a closed round after 公布; before that, the engine's 已投 count.
    const shown = resultOnScreen(r.status, s.revealed);
    const returned = engine.returnedOf(r);
    const present = r.snapshot?.present ?? 0;
    if (s.mode === 'vote' && r.kind === 'motion') {
      out.vote = {
        id: r.id,
        title: r.title,
        round: r.round,
        mode: r.mode,
        secrecy: r.secrecy,
        status: r.status === 'counting' ? 'open' : r.status,
        cast: r.mode === 'electronic' ? returned : 0,
        eligible: present,
        result: shown ? (r.result as MotionResult) : null,
        announcement: shown ? r.announcement : null,
      };
    }
    if (s.mode === 'projectVote' && r.kind === 'project_vote') {
      const names = Object.fromEntries(
        engine
          .candidatesOf({ ...r, itemIds: projectIdsOfList(db, r.listId) })
          .map((p) => [p.id, `${p.number}号 ${p.name}`]),
      );
      out.projectVote = {
        id: r.id,
        listTitle: r.title,
        style: r.style as BallotStyle,
        mode: r.mode as ProjectVoteMode,
        round: r.round,
        seats: r.seats ?? 0,
        status: r.status,
        returned,
        present,
        names,
        result: shown ? (r.result as RoundResult) : null,
        announcement: shown ? r.announcement : null,
        count: shown ? countAfterRound(db, engine, r.listId!, r.round) : null,
      };
    }
    if (s.mode === 'evaluation' && r.kind === 'evaluation') {
      out.evaluation = {
        id: r.id,
        title: r.title,
        style: r.style as 'rating' | 'score',
        mode: r.mode as 'electronic' | 'paper',
        round: r.round,
        status: r.status,
        returned,
        present,
        items: engine.itemsOf(r).map((x) => ({ position: x.position, title: x.title })),
        result: shown ? (r.result as RatingResult | ScoreResult) : null,
        announcement: shown ? r.announcement : null,
      };
    }
    return out;
  }

  const desktop = () => {
    if (!deps.desktop)
      throw new AppError('FORBIDDEN', '投影窗口只能在桌面版中打开；浏览器中请在投影电脑上打开“投影页”地址');
    return deps.desktop;
  };

  return {
    'screen.view': () => view(),

    'screen.show': (input: ParsedInput<'screen.show'>, ctx: WriteContext) => {
      // Make sure what is referenced exists and belongs together, so the screen never points at nothing, nor shows
      // one meeting's title over another meeting's item or vote.
      const meeting = input.meetingId ? meetings.getMeeting(input.meetingId, 'meetingId') : null;
      const item = input.agendaItemId ? meetings.getItem(input.agendaItemId, 'agendaItemId') : null;
      if (meeting && item && item.meetingId !== meeting.id)
        throw new AppError('VALIDATION', `议程“${item.title}”不属于会议“${meeting.title}”`, 'agendaItemId');
      const target =
        input.mode === 'vote'
          ? ({ id: input.voteId, kind: 'motion', noun: '表决', field: 'voteId' } as const)
          : input.mode === 'projectVote'
            ? ({ id: input.projectVoteId, kind: 'project_vote', noun: '票决', field: 'projectVoteId' } as const)
            : input.mode === 'evaluation'
              ? ({ id: input.roundId, kind: 'evaluation', noun: '测评', field: 'roundId' } as const)
              : null;
      // Black-out, a notice or the meeting view keep the round they were given, so B twice brings it back as it was.
      const roundId = target ? target.id : (input.roundId ?? input.voteId ?? input.projectVoteId ?? null);
      if (target && roundId && engine.polls.round(roundId)?.kind !== target.kind)
        throw new AppError('NOT_FOUND', `找不到编号为${roundId}的${target.noun}`, target.field);
      const roundField = target?.field ?? (input.roundId ? 'roundId' : input.voteId ? 'voteId' : 'projectVoteId');
      const round = roundId ? engine.polls.round(roundId) : null;
      if (!target && roundId && !round) throw new AppError('NOT_FOUND', `找不到编号为${roundId}的投票`, roundField);
      if (round && meeting && round.meetingId !== meeting.id)
        throw new AppError('VALIDATION', `“${round.title}”不是会议“${meeting.title}”的投票`, roundField);
      const before = state();
      // Switching to another vote hides the result again until the clerk presses 公布 for it.
      const sameTarget = before.roundId === roundId;
      const updatedAt = ctx.now;
      screen.set({
        mode: input.mode,
        meetingId: input.meetingId,
        agendaItemId: input.agendaItemId,
        roundId,
        message: input.message,
        countdownEndsAt: input.countdownSeconds
          ? new Date(Date.parse(ctx.now) + input.countdownSeconds * 1000).toISOString()
          : null,
        revealed: sameTarget && before.revealed,
        updatedAt,
      });
      ctx.audit({ action: 'screen.show', entity: 'screen', entityId: 1, detail: input });
      ctx.emit('screen.changed', { mode: input.mode, updatedAt });
      return view();
    },

    'screen.reveal': (input: ParsedInput<'screen.reveal'>, ctx: WriteContext) => {
      const s = state();
      if (input.reveal) {
        const onScreen = s.mode === 'vote' || s.mode === 'projectVote' || s.mode === 'evaluation' ? s.roundId : null;
        const status = onScreen ? (engine.polls.round(onScreen)?.status ?? null) : null;
        if (status === null) throw new AppError('CONFLICT', '投影上没有表决，无结果可公布', 'reveal');
        if (status !== 'closed') throw new AppError('CONFLICT', '表决尚未结束，不能公布结果', 'reveal');
      }
      const updatedAt = ctx.now;
      screen.setRevealed(input.reveal, updatedAt);
      ctx.audit({
        action: input.reveal ? 'screen.reveal' : 'screen.hide',
        entity: 'screen',
        entityId: 1,
        detail: { voteId: s.voteId, projectVoteId: s.projectVoteId, roundId: s.roundId },
      });
      ctx.emit('screen.changed', { mode: s.mode, updatedAt });
      return view();
    },

    'screen.displays': () => deps.desktop?.listDisplays() ?? [],
    'screen.openWindow': (input: ParsedInput<'screen.openWindow'>) => {
      const d = desktop();
      d.openProjector(input.displayId);
      return d.listDisplays();
    },
    'screen.closeWindow': () => {
      const d = desktop();
      d.closeProjector();
      return d.listDisplays();
    },
  };
}
