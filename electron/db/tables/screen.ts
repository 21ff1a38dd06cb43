import type { PollKind, ScreenState } from '../../../shared/contract';
import type { Db } from '../open';
import { statement } from '../statements';

/**
 * The screen_state table: one row (id 1), what the hall screen shows. Its row type, the SQL and the one mapper to
 * a ScreenState; the round on the screen is read with its poll's kind, so the older fields can name it.
 */

interface StateRow {
  mode: ScreenState['mode'];
  meeting_id: number | null;
  agenda_item_id: number | null;
  round_id: number | null;
  round_kind: PollKind | null;
  message: string | null;
  countdown_ends_at: string | null;
  revealed: number;
  updated_at: string;
}

const toState = (r: StateRow): ScreenState => ({
  mode: r.mode,
  meetingId: r.meeting_id,
  agendaItemId: r.agenda_item_id,
  voteId: r.round_kind === 'motion' ? r.round_id : null,
  projectVoteId: r.round_kind === 'project_vote' ? r.round_id : null,
  roundId: r.round_id,
  message: r.message,
  countdownEndsAt: r.countdown_ends_at,
  revealed: r.revealed === 1,
  updatedAt: r.updated_at,
});

export interface ScreenWrite {
  mode: ScreenState['mode'];
  meetingId: number | null;
  agendaItemId: number | null;
  roundId: number | null;
  message: string | null;
  countdownEndsAt: string | null;
  revealed: boolean;
  updatedAt: string;
}

export function screenTables(db: Db) {
  return {
    state: (): ScreenState =>
      toState(
        statement(
          db,
          'SELECT s.*, p.kind AS round_kind FROM screen_state s LEFT JOIN poll_rounds r ON r.id = s.round_id LEFT JOIN polls p ON p.id = r.poll_id WHERE s.id = 1',
        ).get() as StateRow,
      ),
    set: (s: ScreenWrite) =>
      void statement(
        db,
        `UPDATE screen_state SET mode = @mode, meeting_id = @meetingId, agenda_item_id = @agendaItemId, round_id = @roundId,
                  message = @message, countdown_ends_at = @countdownEndsAt, revealed = @revealed, updated_at = @updatedAt WHERE id = 1`,
      ).run({ ...s, revealed: s.revealed ? 1 : 0 }),
    setRevealed: (revealed: boolean, updatedAt: string) =>
      void statement(db, 'UPDATE screen_state SET revealed = ?, updated_at = ? WHERE id = 1').run(
        revealed ? 1 : 0,
        updatedAt,
      ),
  };
}
