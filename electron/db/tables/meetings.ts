import type { AgendaItem, BodyKind, Meeting } from '../../../shared/contract';
import { normalizeRules } from '../../../shared/domain/rules';
import type { Db } from '../open';
import { statement } from '../statements';

/**
 * The meetings table: its row as read with its body and rule set, the SQL that reads it, and the one mapper to a
 * Meeting. Kept together so a new reader (the poll engine) reuses them rather than writing its own join.
 */

export interface MeetingRow {
  id: number;
  body_id: number;
  body_name: string;
  body_kind: BodyKind;
  kind: Meeting['kind'];
  rule_set_id: number;
  rule_set_name: string;
  rules: string;
  session: string | null;
  title: string;
  date: string;
  start_time: string | null;
  end_time: string | null;
  venue: string | null;
  year: number;
  quarter: number | null;
  status: Meeting['status'];
  opened_at: string | null;
  closed_at: string | null;
  quorum_override: string | null;
  annual_session: number;
}

export const MEETING_SELECT = `
  SELECT m.*, b.name AS body_name, b.kind AS body_kind, r.name AS rule_set_name, r.rules
  FROM meetings m JOIN bodies b ON b.id = m.body_id JOIN rule_sets r ON r.id = m.rule_set_id`;

/** The agenda is its own table's; the caller reads it and hands it in. */
export const rowToMeeting = (r: MeetingRow, agenda: AgendaItem[]): Meeting => ({
  id: r.id,
  bodyId: r.body_id,
  bodyName: r.body_name,
  bodyKind: r.body_kind,
  kind: r.kind,
  ruleSetId: r.rule_set_id,
  ruleSetName: r.rule_set_name,
  rules: normalizeRules(JSON.parse(r.rules), r.kind),
  session: r.session,
  title: r.title,
  date: r.date,
  startTime: r.start_time,
  endTime: r.end_time,
  venue: r.venue,
  year: r.year,
  quarter: r.quarter,
  annualSession: r.kind === 'district_annual' || r.annual_session === 1,
  status: r.status,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  quorumOverride: r.quorum_override,
  agenda,
});

export function meetingRow(db: Db, id: number): MeetingRow | undefined {
  return statement(db, `${MEETING_SELECT} WHERE m.id = ?`).get(id) as MeetingRow | undefined;
}

/** Newest first; one body's, or all. */
export function meetingRows(db: Db, bodyId?: number): MeetingRow[] {
  return db
    .prepare(`${MEETING_SELECT} ${bodyId ? 'WHERE m.body_id = ?' : ''} ORDER BY m.date DESC, m.id DESC`)
    .all(...(bodyId ? [bodyId] : [])) as MeetingRow[];
}

/** Every meeting's title by id: names for the audit log's details. */
export const meetingTitles = (db: Db): Map<number, string> =>
  new Map(db.prepare('SELECT id, title FROM meetings').raw().all() as [number, string][]);

/** Title, date and status alone: a light read for the casting path. */
export function meetingStatusRow(db: Db, id: number): Pick<Meeting, 'title' | 'date' | 'status'> | undefined {
  return statement(db, 'SELECT title, date, status FROM meetings WHERE id = ?').get(id) as
    Pick<Meeting, 'title' | 'date' | 'status'> | undefined;
}

/** Whether any meeting sits (进行中): the automatic backups run and the displays stay awake while one does. */
export const anyMeetingSitting = (db: Db): boolean =>
  !!statement(db, "SELECT 1 FROM meetings WHERE status = 'open' LIMIT 1").get();

/** Meetings not yet closed (筹备中 or 进行中). */
export const liveMeetingIds = (db: Db): number[] =>
  statement(db, "SELECT id FROM meetings WHERE status IN ('preparing', 'open')", 'pluck').all() as number[];

/** What a motion cast checks of its meeting: whose body, and whether it sits; no agenda, no rules. */
export function meetingBodyRow(
  db: Db,
  id: number,
): { bodyId: number; bodyName: string; status: Meeting['status'] } | undefined {
  return statement(
    db,
    'SELECT m.body_id AS bodyId, b.name AS bodyName, m.status FROM meetings m JOIN bodies b ON b.id = m.body_id WHERE m.id = ?',
  ).get(id) as { bodyId: number; bodyName: string; status: Meeting['status'] } | undefined;
}

/** A meeting's columns as the clerk sets them (create and update); annual as the column stores it. */
export interface MeetingValues {
  ruleSetId: number;
  session: string | null;
  title: string;
  date: string;
  startTime: string | null;
  endTime: string | null;
  venue: string | null;
  year: number;
  quarter: number | null;
  annual: 0 | 1;
}

export function insertMeeting(
  db: Db,
  m: MeetingValues & { bodyId: number; kind: Meeting['kind']; at: string },
): number {
  return Number(
    statement(
      db,
      `INSERT INTO meetings (body_id, kind, rule_set_id, session, title, date, start_time, end_time, venue, year, quarter, annual_session, created_at)
    VALUES (@bodyId, @kind, @ruleSetId, @session, @title, @date, @startTime, @endTime, @venue, @year, @quarter, @annual, @at)`,
    ).run(m).lastInsertRowid,
  );
}

export function updateMeeting(db: Db, id: number, m: MeetingValues): void {
  statement(
    db,
    `UPDATE meetings SET rule_set_id=@ruleSetId, session=@session, title=@title, date=@date, start_time=@startTime, end_time=@endTime,
    venue=@venue, year=@year, quarter=@quarter, annual_session=@annual WHERE id=@id`,
  ).run({ ...m, id });
}

/** 宣布开会, with the reason when the quorum was not met. */
export function markMeetingOpen(db: Db, id: number, at: string, quorumOverride: string | null): void {
  statement(db, "UPDATE meetings SET status = 'open', opened_at = ?, quorum_override = ? WHERE id = ?").run(
    at,
    quorumOverride,
    id,
  );
}

/** 宣布闭会. */
export function markMeetingClosed(db: Db, id: number, at: string): void {
  statement(db, "UPDATE meetings SET status = 'closed', closed_at = ? WHERE id = ?").run(at, id);
}

/** Whether a meeting was flagged as its year's annual session (the column alone, as stored). */
export const meetingAnnualFlag = (db: Db, id: number): boolean =>
  (statement(db, 'SELECT annual_session FROM meetings WHERE id = ?', 'pluck').get(id) as number) === 1;

/** Whether another meeting of the body already holds this year's quarter. */
export const quarterTaken = (db: Db, bodyId: number, year: number, quarter: number, exceptId: number): boolean =>
  !!statement(db, 'SELECT 1 FROM meetings WHERE body_id = ? AND year = ? AND quarter = ? AND id <> ?').get(
    bodyId,
    year,
    quarter,
    exceptId,
  );

/** The title of another meeting of the body flagged as this year's annual session, if any. */
export const annualMeetingTitle = (db: Db, bodyId: number, year: number, exceptId: number): string | undefined =>
  statement(
    db,
    'SELECT title FROM meetings WHERE body_id = ? AND year = ? AND annual_session = 1 AND id <> ?',
    'pluck',
  ).get(bodyId, year, exceptId) as string | undefined;
