import type { Db } from '../open';
import { statement } from '../statements';

/**
 * The projects table (票决 candidates). Only what the hall screen reads is here so far; the project services
 * (project-lists.ts and others) still write their own SQL, and are on store-layout.test.ts's allow-list.
 */

/** Every project of a list, by number. */
export const projectIdsOfList = (db: Db, listId: number | null): number[] =>
  statement(db, 'SELECT id FROM projects WHERE list_id = ? ORDER BY number', 'pluck').all(listId) as number[];
