import { randomBytes, randomInt } from 'node:crypto';
import type { Db } from './open';

/**
 * Storing one secret ballot so that nothing in the file links it to the voter.
 *
 * Random ids are not enough: inside a database page, rows sit in the order they were written whatever their key,
 * so appending each ballot would leave the file holding the ballots in casting order — the order of the
 * "has voted" table and of the audit log. Each cast therefore rewrites all of the round's ballots in a random
 * order under fresh random ids (secure_delete, set in openDatabase, zeroes the old copies). That is O(n) per
 * cast, a few milliseconds for a congress of 300. Call inside the cast's transaction.
 */
export function storeSecretBallot(db: Db, table: 'vote_secret_ballots' | 'project_ballots', voteId: number, ballot: Record<string, unknown>): void {
  const columns = Object.keys(ballot);
  const rows = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE vote_id = ?`).all(voteId) as Record<string, unknown>[];
  rows.push(ballot);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  db.prepare(`DELETE FROM ${table} WHERE vote_id = ?`).run(voteId);
  const insert = db.prepare(`INSERT INTO ${table} (vote_id, ballot_id, ${columns.join(', ')}) VALUES (?, ?, ${columns.map(() => '?').join(', ')})`);
  for (const r of rows) insert.run(voteId, randomBytes(16), ...columns.map((c) => r[c]));
}

/**
 * After a secret cast has committed, fold the write-ahead log back into the file and empty it: the WAL keeps one
 * frame per commit, in casting order, until the next checkpoint.
 */
export function scrubWriteAheadLog(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
