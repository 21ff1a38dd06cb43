import type {
  EvaluationItemKind,
  PollItem,
  PollKind,
  PollStyle,
  RoundKind,
  VoteSnapshot,
} from '../../../shared/contract';
import type { RoundMode, RoundStatus } from '../../../shared/domain/poll-states';
import type { PassRule } from '../../../shared/domain/rules';
import type { Db } from '../open';

/**
 * The poll tables' SQL, row types and mappers together (polls, poll_items, poll_rounds): a round is read with its
 * poll, and its JSON columns are parsed here, once.
 */

/** What is frozen when a round opens. A 票决 round moved from before the engine has only 应到 and 实到. */
export type RoundSnapshot = Pick<VoteSnapshot, 'expected' | 'present'> &
  Partial<Omit<VoteSnapshot, 'expected' | 'present'>>;

export interface RoundRecord {
  id: number;
  pollId: number;
  meetingId: number;
  agendaItemId: number;
  kind: PollKind;
  style: PollStyle;
  secrecy: 'named' | 'secret';
  title: string;
  listId: number | null;
  round: number;
  previousId: number | null;
  roundKind: RoundKind;
  mode: RoundMode;
  status: RoundStatus;
  seats: number | null;
  /** 票决: candidate project ids in ballot order; 测评: poll_items ids in ballot order. */
  itemIds: number[];
  pass: PassRule | null;
  snapshot: RoundSnapshot | null;
  issued: number | null;
  scrutineers: string[];
  counters: string[];
  result: unknown;
  announcement: string | null;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

interface RoundRow {
  id: number;
  poll_id: number;
  meeting_id: number;
  agenda_item_id: number;
  poll_kind: PollKind;
  style: PollStyle;
  secrecy: 'named' | 'secret';
  title: string;
  list_id: number | null;
  round: number;
  previous_id: number | null;
  kind: RoundKind;
  mode: RoundMode;
  status: RoundStatus;
  seats: number | null;
  item_ids: string;
  pass: string | null;
  snapshot: string | null;
  issued: number | null;
  scrutineers: string;
  counters: string;
  result: string | null;
  announcement: string | null;
  opened_at: string | null;
  closed_at: string | null;
  created_at: string;
}

const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

function toRound(r: RoundRow): RoundRecord {
  return {
    id: r.id,
    pollId: r.poll_id,
    meetingId: r.meeting_id,
    agendaItemId: r.agenda_item_id,
    kind: r.poll_kind,
    style: r.style,
    secrecy: r.secrecy,
    title: r.title,
    listId: r.list_id,
    round: r.round,
    previousId: r.previous_id,
    roundKind: r.kind,
    mode: r.mode,
    status: r.status,
    seats: r.seats,
    itemIds: JSON.parse(r.item_ids) as number[],
    pass: parse<PassRule>(r.pass),
    snapshot: parse<RoundSnapshot>(r.snapshot),
    issued: r.issued,
    scrutineers: JSON.parse(r.scrutineers) as string[],
    counters: JSON.parse(r.counters) as string[],
    result: parse<unknown>(r.result),
    announcement: r.announcement,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    createdAt: r.created_at,
  };
}

const ROUND_SELECT = `SELECT r.*, p.meeting_id, p.agenda_item_id, p.kind AS poll_kind, p.style, p.secrecy, p.title, p.list_id
  FROM poll_rounds r JOIN polls p ON p.id = r.poll_id`;

interface ItemRow {
  id: number;
  poll_id: number;
  position: number;
  kind: EvaluationItemKind;
  ref_id: number | null;
  number: string | null;
  title: string;
  department: string | null;
}
const toItem = (r: ItemRow): PollItem => ({
  id: r.id,
  position: r.position,
  kind: r.kind,
  refId: r.ref_id,
  number: r.number,
  title: r.title,
  department: r.department,
});

export interface NewPoll {
  meetingId: number;
  agendaItemId: number;
  kind: PollKind;
  style: PollStyle;
  secrecy: 'named' | 'secret';
  title: string;
  listId: number | null;
  at: string;
}
export interface NewRound {
  pollId: number;
  round: number;
  previousId: number | null;
  kind: RoundKind;
  mode: RoundMode;
  seats: number | null;
  itemIds: number[];
  pass: PassRule | null;
  scrutineers: string[];
  counters: string[];
  at: string;
}

export function pollTables(db: Db) {
  const byId = db.prepare(`${ROUND_SELECT} WHERE r.id = ?`);
  const byMeeting = db.prepare(`${ROUND_SELECT} WHERE p.meeting_id = ? ORDER BY r.id`);
  const byPoll = db.prepare(`${ROUND_SELECT} WHERE r.poll_id = ? ORDER BY r.round`);
  const itemsOf = db.prepare('SELECT * FROM poll_items WHERE poll_id = ? ORDER BY position');
  const insertPoll =
    db.prepare(`INSERT INTO polls (meeting_id, agenda_item_id, kind, style, secrecy, title, list_id, created_at)
    VALUES (@meetingId, @agendaItemId, @kind, @style, @secrecy, @title, @listId, @at)`);
  const insertRound =
    db.prepare(`INSERT INTO poll_rounds (poll_id, round, previous_id, kind, mode, seats, item_ids, pass, scrutineers, counters, created_at)
    VALUES (@pollId, @round, @previousId, @kind, @mode, @seats, @itemIds, @pass, @scrutineers, @counters, @at)`);
  const insertItem = db.prepare(
    'INSERT INTO poll_items (poll_id, position, kind, ref_id, number, title, department) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );

  return {
    round: (id: number): RoundRecord | undefined => {
      const r = byId.get(id) as RoundRow | undefined;
      return r && toRound(r);
    },
    roundsOfMeeting: (meetingId: number): RoundRecord[] => (byMeeting.all(meetingId) as RoundRow[]).map(toRound),
    roundsOfPoll: (pollId: number): RoundRecord[] => (byPoll.all(pollId) as RoundRow[]).map(toRound),
    roundsOfList: (listId: number | null, meetingId: number | null): RoundRecord[] =>
      (
        db
          .prepare(
            `${ROUND_SELECT} WHERE p.kind = 'project_vote' AND (@list IS NULL OR p.list_id = @list) AND (@meeting IS NULL OR p.meeting_id = @meeting) ORDER BY p.list_id, r.round, r.id`,
          )
          .all({ list: listId, meeting: meetingId }) as RoundRow[]
      ).map(toRound),
    /** Rounds of a meeting still taking ballots or being counted, of any kind. */
    unfinished: (meetingId: number): RoundRecord[] =>
      (
        db
          .prepare(`${ROUND_SELECT} WHERE p.meeting_id = ? AND r.status IN ('open', 'counting') ORDER BY r.id`)
          .all(meetingId) as RoundRow[]
      ).map(toRound),
    openMotion: (meetingId: number): RoundRecord | undefined => {
      const r = db
        .prepare(`${ROUND_SELECT} WHERE p.meeting_id = ? AND p.kind = 'motion' AND r.status = 'open' LIMIT 1`)
        .get(meetingId) as RoundRow | undefined;
      return r && toRound(r);
    },
    hasNext: (roundId: number): boolean => !!db.prepare('SELECT 1 FROM poll_rounds WHERE previous_id = ?').get(roundId),
    listHasPoll: (listId: number): boolean =>
      !!db.prepare("SELECT 1 FROM polls WHERE kind = 'project_vote' AND list_id = ?").get(listId),
    itemHasPoll: (agendaItemId: number): boolean =>
      !!db.prepare('SELECT 1 FROM polls WHERE agenda_item_id = ?').get(agendaItemId),
    items: (pollId: number): PollItem[] => (itemsOf.all(pollId) as ItemRow[]).map(toItem),

    insertPoll: (p: NewPoll): number => Number(insertPoll.run(p).lastInsertRowid),
    insertRound: (r: NewRound): number =>
      Number(
        insertRound.run({
          ...r,
          itemIds: JSON.stringify(r.itemIds),
          pass: r.pass && JSON.stringify(r.pass),
          scrutineers: JSON.stringify(r.scrutineers),
          counters: JSON.stringify(r.counters),
        }).lastInsertRowid,
      ),
    /** Replace a poll's items; returns their ids in ballot order. */
    setItems(pollId: number, items: Omit<PollItem, 'id' | 'position'>[]): number[] {
      db.prepare('DELETE FROM poll_items WHERE poll_id = ?').run(pollId);
      return items.map((it, i) =>
        Number(insertItem.run(pollId, i + 1, it.kind, it.refId, it.number, it.title, it.department).lastInsertRowid),
      );
    },
    setItemIds: (roundId: number, itemIds: number[], seats: number | null) =>
      db
        .prepare('UPDATE poll_rounds SET item_ids = ?, seats = ? WHERE id = ?')
        .run(JSON.stringify(itemIds), seats, roundId),
    markOpen: (roundId: number, snapshot: RoundSnapshot, pass: PassRule | null, issued: number | null, at: string) =>
      db
        .prepare(
          "UPDATE poll_rounds SET status = 'open', snapshot = ?, pass = ?, issued = ?, opened_at = ? WHERE id = ?",
        )
        .run(JSON.stringify(snapshot), pass && JSON.stringify(pass), issued, at, roundId),
    markCounting: (roundId: number) =>
      db.prepare("UPDATE poll_rounds SET status = 'counting' WHERE id = ?").run(roundId),
    markClosed: (
      roundId: number,
      c: {
        issued: number | null;
        scrutineers: string[];
        counters: string[];
        result: unknown;
        announcement: string;
        at: string;
      },
    ) =>
      db
        .prepare(
          "UPDATE poll_rounds SET status = 'closed', issued = ?, scrutineers = ?, counters = ?, result = ?, announcement = ?, closed_at = ? WHERE id = ?",
        )
        .run(
          c.issued,
          JSON.stringify(c.scrutineers),
          JSON.stringify(c.counters),
          JSON.stringify(c.result),
          c.announcement,
          c.at,
          roundId,
        ),
  };
}
export type PollTables = ReturnType<typeof pollTables>;
