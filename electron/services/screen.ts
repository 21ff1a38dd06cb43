import { AppError, memberNoun, type DisplayInfo, type ParsedInput, type ProjectVoteStatus, type ScreenState, type ScreenView, type VoteMode, type VoteSecrecy, type VoteStatus } from '../../shared/contract';
import type { BallotStyle, RoundResult } from '../../shared/domain/projects';
import type { MotionResult } from '../../shared/domain/rules';
import { readAttendanceSummary } from './attendance';
import type { CallContext, ServiceDeps } from './context';
import { meetingQueries } from './meetings';
import { auditedChange } from './tx';

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

interface StateRow {
  mode: ScreenState['mode']; meeting_id: number | null; agenda_item_id: number | null; vote_id: number | null; project_vote_id: number | null;
  message: string | null; countdown_ends_at: string | null; revealed: number; updated_at: string;
}

export function screenService(deps: ServiceDeps & { desktop?: DesktopPort }) {
  const { db, bus } = deps;
  const meetings = meetingQueries(db);

  function state(): ScreenState {
    const r = db.prepare('SELECT * FROM screen_state WHERE id = 1').get() as StateRow;
    return {
      mode: r.mode, meetingId: r.meeting_id, agendaItemId: r.agenda_item_id, voteId: r.vote_id, projectVoteId: r.project_vote_id,
      message: r.message, countdownEndsAt: r.countdown_ends_at, revealed: r.revealed === 1, updatedAt: r.updated_at,
    };
  }

  function view(): ScreenView {
    const s = state();
    const out: ScreenView = { state: s, meeting: null, currentItem: null, attendance: null, vote: null, projectVote: null, serverTime: new Date().toISOString() };
    if (s.mode === 'blank' || s.mode === 'message') return out;

    const vote = s.voteId
      ? (db.prepare('SELECT id, meeting_id, agenda_item_id, title, round, mode, secrecy, status, snapshot, result, announcement FROM votes WHERE id = ?').get(s.voteId) as
          | { id: number; meeting_id: number; agenda_item_id: number; title: string; round: number; mode: VoteMode; secrecy: VoteSecrecy; status: VoteStatus; snapshot: string | null; result: string | null; announcement: string | null }
          | undefined)
      : undefined;
    const pv = s.projectVoteId
      ? (db.prepare('SELECT v.*, l.title AS list_title FROM project_votes v JOIN project_lists l ON l.id = v.list_id WHERE v.id = ?').get(s.projectVoteId) as
          | { id: number; meeting_id: number; agenda_item_id: number; list_id: number; list_title: string; style: BallotStyle; round: number; seats: number; status: ProjectVoteStatus; present: number | null; mode: 'paper' | 'electronic'; result: string | null; announcement: string | null; candidate_ids: string }
          | undefined)
      : undefined;
    const meetingId = s.meetingId ?? vote?.meeting_id ?? pv?.meeting_id ?? null;
    if (!meetingId) return out;
    const m = meetings.getMeeting(meetingId);
    out.meeting = {
      id: m.id, title: m.title, session: m.session, bodyName: m.bodyName, date: m.date, venue: m.venue, status: m.status,
      agenda: m.agenda.map((a) => ({ id: a.id, position: a.position, title: a.title, kind: a.kind })),
    };
    const itemId = s.agendaItemId ?? vote?.agenda_item_id ?? pv?.agenda_item_id ?? null;
    const item = m.agenda.find((a) => a.id === itemId);
    if (item) out.currentItem = { id: item.id, position: item.position, title: item.title };
    // The summary alone (one aggregate query): every hall screen asks for it on each reload.
    out.attendance = { ...readAttendanceSummary(db, m), noun: memberNoun[m.bodyKind] };

    const show = (status: string) => status === 'closed' && s.revealed;
    if (s.mode === 'vote' && vote) {
      const snap = vote.snapshot ? (JSON.parse(vote.snapshot) as { present: number }) : null;
      const cast =
        vote.mode === 'electronic'
          ? (db.prepare(`SELECT COUNT(*) FROM ${vote.secrecy === 'secret' ? 'vote_voters' : 'vote_named_choices'} WHERE vote_id = ?`).pluck().get(vote.id) as number)
          : 0;
      out.vote = {
        id: vote.id, title: vote.title, round: vote.round, mode: vote.mode, secrecy: vote.secrecy, status: vote.status, cast, eligible: snap?.present ?? 0,
        result: show(vote.status) && vote.result ? (JSON.parse(vote.result) as MotionResult) : null,
        announcement: show(vote.status) ? vote.announcement : null,
      };
    }
    if (s.mode === 'projectVote' && pv) {
      const names = Object.fromEntries(
        (db.prepare('SELECT id, number, name FROM projects WHERE list_id = ?').all(pv.list_id) as { id: number; number: number; name: string }[]).map((p) => [p.id, `${p.number}号 ${p.name}`]),
      );
      const returned =
        pv.mode === 'paper' && pv.status !== 'closed'
          ? (db.prepare('SELECT COUNT(*) FROM paper_entries WHERE vote_id = ? AND batch = 1').pluck().get(pv.id) as number)
          : (db.prepare('SELECT COUNT(*) FROM project_ballots WHERE vote_id = ?').pluck().get(pv.id) as number);
      out.projectVote = {
        id: pv.id, listTitle: pv.list_title, style: pv.style, mode: pv.mode, round: pv.round, seats: pv.seats, status: pv.status, returned, present: pv.present ?? 0, names,
        result: show(pv.status) && pv.result ? (JSON.parse(pv.result) as RoundResult) : null,
        announcement: show(pv.status) ? pv.announcement : null,
      };
    }
    return out;
  }

  const desktop = () => {
    if (!deps.desktop) throw new AppError('FORBIDDEN', '投影窗口只能在桌面版中打开；浏览器中请在投影电脑上打开“投影页”地址');
    return deps.desktop;
  };

  return {
    'screen.view': () => view(),

    'screen.show': (input: ParsedInput<'screen.show'>, ctx: CallContext) => {
      // Make sure what is referenced exists, so the screen never points at nothing.
      if (input.meetingId) meetings.getMeeting(input.meetingId);
      if (input.voteId && !db.prepare('SELECT 1 FROM votes WHERE id = ?').get(input.voteId)) throw new AppError('NOT_FOUND', `找不到编号为${input.voteId}的表决`, 'voteId');
      if (input.projectVoteId && !db.prepare('SELECT 1 FROM project_votes WHERE id = ?').get(input.projectVoteId)) throw new AppError('NOT_FOUND', `找不到编号为${input.projectVoteId}的票决`, 'projectVoteId');
      const before = state();
      // Switching to another vote hides the result again until the clerk presses 公布 for it.
      const sameTarget = before.voteId === input.voteId && before.projectVoteId === input.projectVoteId;
      const updatedAt = new Date().toISOString();
      const result = auditedChange(deps, ctx, () => {
        db.prepare(`UPDATE screen_state SET mode = @mode, meeting_id = @meetingId, agenda_item_id = @agendaItemId, vote_id = @voteId, project_vote_id = @projectVoteId,
                    message = @message, countdown_ends_at = @countdown, revealed = @revealed, updated_at = @updatedAt WHERE id = 1`).run({
          ...input,
          countdown: input.countdownSeconds ? new Date(Date.now() + input.countdownSeconds * 1000).toISOString() : null,
          revealed: sameTarget && before.revealed ? 1 : 0,
          updatedAt,
        });
        return { result: view(), audit: { action: 'screen.show', entity: 'screen', entityId: 1, detail: input } };
      });
      bus.publish('screen.changed', { mode: input.mode, updatedAt });
      return result;
    },

    'screen.reveal': (input: ParsedInput<'screen.reveal'>, ctx: CallContext) => {
      const s = state();
      if (input.reveal) {
        const status =
          s.mode === 'vote' && s.voteId ? (db.prepare('SELECT status FROM votes WHERE id = ?').pluck().get(s.voteId) as string)
          : s.mode === 'projectVote' && s.projectVoteId ? (db.prepare('SELECT status FROM project_votes WHERE id = ?').pluck().get(s.projectVoteId) as string)
          : null;
        if (status === null) throw new AppError('CONFLICT', '投影上没有表决，无结果可公布', 'reveal');
        if (status !== 'closed') throw new AppError('CONFLICT', '表决尚未结束，不能公布结果', 'reveal');
      }
      const updatedAt = new Date().toISOString();
      const result = auditedChange(deps, ctx, () => {
        db.prepare('UPDATE screen_state SET revealed = ?, updated_at = ? WHERE id = 1').run(input.reveal ? 1 : 0, updatedAt);
        return { result: view(), audit: { action: input.reveal ? 'screen.reveal' : 'screen.hide', entity: 'screen', entityId: 1, detail: { voteId: s.voteId, projectVoteId: s.projectVoteId } } };
      });
      bus.publish('screen.changed', { mode: s.mode, updatedAt });
      return result;
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
