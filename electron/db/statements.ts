import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

/**
 * Statements prepared once per database and kept: preparing costs tens of microseconds, more than running an
 * indexed read, and the casting path of a hall runs thousands a second. For get, run and all; an `iterate` holds
 * its statement busy until the loop ends, so a read that iterates prepares its own.
 */
const caches = new WeakMap<Db, Map<string, Statement>>();

/** The statement of `sql` on this database; `pluck` (first column only) is part of what is kept, not set on a shared one. */
export function statement(db: Db, sql: string, mode: 'rows' | 'pluck' = 'rows'): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = mode === 'pluck' ? `pluck:${sql}` : sql;
  let s = cache.get(key);
  if (!s) {
    s = db.prepare(sql);
    if (mode === 'pluck') s.pluck();
    cache.set(key, s);
  }
  return s;
}
