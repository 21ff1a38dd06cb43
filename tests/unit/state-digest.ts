import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TempRuntime } from './helpers';

/**
 * What "changed nothing" means for a refused call: every row of every table (the audit log is one), and every file
 * in the data folder besides the database's own. total_changes() is the cheap first look: a call that wrote
 * nothing leaves it as it was, and only a write (perhaps rolled back) needs the full digest to tell.
 */

/** A table's rows in a fixed order: by rowid, or by primary key for a WITHOUT ROWID table (its natural order). */
function rowsOf(t: TempRuntime, name: string) {
  try {
    return t.rt.db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().iterate();
  } catch {
    return t.rt.db.prepare(`SELECT * FROM "${name}"`).raw().iterate();
  }
}

const cellJson = (_k: string, v: unknown) =>
  v instanceof Uint8Array ? Buffer.from(v).toString('hex') : typeof v === 'bigint' ? String(v) : v;

export function dataFiles(t: TempRuntime): string {
  return (fs.readdirSync(t.dir, { recursive: true }) as string[])
    .filter((f) => !/^yishitai\.sqlite(-wal|-shm|-journal)?$/.test(path.basename(f)))
    .map((f) => {
      const st = fs.statSync(path.join(t.dir, f));
      return `${f}:${st.isDirectory() ? 'dir' : st.size}`;
    })
    .sort()
    .join('\n');
}

export function stateDigest(t: TempRuntime): string {
  const h = createHash('sha256');
  const tables = t.rt.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const name of tables) {
    h.update(`\0${name}\0`);
    for (const row of rowsOf(t, name)) h.update(JSON.stringify(row, cellJson));
  }
  h.update(dataFiles(t));
  return h.digest('hex');
}

export const totalChanges = (t: TempRuntime) => t.rt.db.prepare('SELECT total_changes()').pluck().get() as number;

/** The state refused calls are held to, moved on only by a call that succeeded. */
export class StateWatch {
  private digest: string;
  private changes: number;
  private files: string;
  constructor(private readonly t: TempRuntime) {
    this.digest = stateDigest(t);
    this.changes = totalChanges(t);
    this.files = dataFiles(t);
  }

  /** After a call that succeeded: a new digest only if it wrote. */
  moveOn(): void {
    if (totalChanges(this.t) !== this.changes) {
      this.digest = stateDigest(this.t);
      this.changes = totalChanges(this.t);
    }
    this.files = dataFiles(this.t);
  }

  /** What changed since, for a refused call: null when nothing did. */
  changed(): 'database' | 'data folder' | null {
    if (totalChanges(this.t) !== this.changes) {
      if (stateDigest(this.t) !== this.digest) return 'database';
      this.changes = totalChanges(this.t);
    }
    return dataFiles(this.t) !== this.files ? 'data folder' : null;
  }
}
