import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE_NAME } from '../../electron/db/open';
import type { Hall } from './hall-scenario';

/**
 * What a killed host left on disk, read from a copy of its files (the database and its write-ahead log) taken
 * before anything reopens them: the copy is opened as the next start would open it, so SQLite replays the log,
 * and read as rows — the contract's methods cannot show who is on a secret round's roll while it is open.
 */

export interface OnDisk {
  integrity: string;
  foreignKeyErrors: number;
  /** Late members with a 'present' row. */
  signedIn: Set<number>;
  /** Named round: member → choice. */
  named: Map<number, string>;
  /** Secret rounds: who is marked as having voted, and how many ballots there are. */
  secret: Record<'secret' | 'project' | 'evaluation', { voters: Set<number>; ballots: number }>;
  /** Paper round: keyed ballots per batch, and the highest seq (they must be 1…count, no gap). */
  paper: Record<1 | 2, { count: number; maxSeq: number }>;
  /** Members per import body. */
  imported: number[];
  auditRows: number;
}

export function readCopy(dataDir: string, scratch: string, hall: Hall): OnDisk {
  fs.mkdirSync(scratch, { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const from = path.join(dataDir, DB_FILE_NAME + suffix);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(scratch, DB_FILE_NAME + suffix));
  }
  const db = new Database(path.join(scratch, DB_FILE_NAME));
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const foreignKeyErrors = (db.pragma('foreign_key_check') as unknown[]).length;
    const ids = (sql: string, ...args: unknown[]) =>
      new Set(
        db
          .prepare(sql)
          .pluck()
          .all(...args) as number[],
      );
    const count = (sql: string, ...args: unknown[]) =>
      db
        .prepare(sql)
        .pluck()
        .get(...args) as number;
    const secretOf = (roundId: number) => ({
      voters: ids('SELECT membership_id FROM round_voters WHERE round_id = ?', roundId),
      ballots: count('SELECT COUNT(*) FROM round_ballots WHERE round_id = ?', roundId),
    });
    const batch = (b: 1 | 2) =>
      db
        .prepare(
          'SELECT COUNT(*) AS count, COALESCE(MAX(seq), 0) AS maxSeq FROM round_entries WHERE round_id = ? AND batch = ?',
        )
        .get(hall.paper, b) as { count: number; maxSeq: number };
    return {
      integrity,
      foreignKeyErrors,
      signedIn: ids("SELECT membership_id FROM attendance WHERE meeting_id = ? AND status = 'present'", hall.meetingId),
      named: new Map(
        (
          db.prepare('SELECT membership_id AS m, choice AS c FROM round_named WHERE round_id = ?').all(hall.named) as {
            m: number;
            c: string;
          }[]
        ).map((r) => [r.m, r.c]),
      ),
      secret: { secret: secretOf(hall.secret), project: secretOf(hall.project), evaluation: secretOf(hall.evaluation) },
      paper: { 1: batch(1), 2: batch(2) },
      imported: hall.importBodies.map((b) => count('SELECT COUNT(*) FROM memberships WHERE body_id = ?', b)),
      auditRows: count('SELECT COUNT(*) FROM audit_log'),
    };
  } finally {
    db.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
