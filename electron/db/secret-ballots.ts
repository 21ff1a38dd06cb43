import type { Db } from './open';

/**
 * After a secret cast has committed, fold the write-ahead log back into the file and empty it: the WAL keeps one
 * frame per commit, in casting order, until the next checkpoint.
 */
export function scrubWriteAheadLog(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
