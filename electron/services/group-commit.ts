import type { Db } from '../db/open';
import type { WriteScope } from './change';

/**
 * Group commit: writes arriving together (a hall's casts) share one transaction, so 3,376 casts in a second cost a
 * few dozen fsyncs rather than 3,376. A queue is flushed `windowMs` after its first entry, or at once when `maxBatch`
 * are waiting. In the flush each write runs in its own savepoint: one that throws (already voted, not eligible, a
 * bad ballot) rolls back alone and is refused; the others go on. The transaction then commits — synchronous=FULL,
 * so on disk, power cut or not — and only then is each write answered, in the order it arrived (so one voter's two
 * calls are answered in order), its after-commit work run (once per group for work asked for by several) and its
 * events published. If the commit itself fails, every write of the group is refused.
 */

export interface GroupCommitOptions {
  /** How long the first write of a group waits for others. */
  windowMs?: number;
  /** A group this large is flushed without waiting. */
  maxBatch?: number;
}

interface Job {
  scope: WriteScope;
  run: (w: WriteScope['w']) => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export interface GroupCommitStats {
  /** Transactions committed, and the writes they carried. */
  groups: number;
  writes: number;
  largest: number;
}

export class GroupCommitter {
  private queue: Job[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** The timer set is for a flush at once (a full batch waiting): later writes need not set it again. */
  private immediate = false;
  /** One write in its savepoint (a nested transaction), made once: better-sqlite3 builds a wrapper per transaction(). */
  private readonly inSavepoint: (j: Job) => unknown;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  readonly stats: GroupCommitStats = { groups: 0, writes: 0, largest: 0 };

  constructor(
    private readonly db: Db,
    opts: GroupCommitOptions = {},
  ) {
    this.windowMs = opts.windowMs ?? 2;
    this.maxBatch = opts.maxBatch ?? 512;
    this.inSavepoint = db.transaction((j: Job) => j.scope.apply(j.run));
  }

  /** Queue one write; resolves with its result after the group's commit, or rejects with its own error. */
  submit<R>(scope: WriteScope, run: (w: WriteScope['w']) => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ scope, run, resolve: resolve as (v: unknown) => void, reject });
      if (this.queue.length >= this.maxBatch) {
        if (!this.immediate) this.schedule(0);
      } else if (!this.timer) this.schedule(this.windowMs);
    });
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), ms);
    this.immediate = ms === 0;
  }

  /** Run and commit everything queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.immediate = false;
    const jobs = this.queue.splice(0, this.maxBatch);
    if (this.queue.length) this.schedule(0);
    if (!jobs.length) return;
    const outcome: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    // What the group's writes read once and pass on (WriteContext.memo): only what released savepoints set.
    const memo = new Map<string, unknown>();
    try {
      this.db.transaction(() => {
        for (const j of jobs) {
          try {
            j.scope.join(memo);
            // A nested transaction is a savepoint: a throw rolls back this write only.
            outcome.push({ ok: true, value: this.inSavepoint(j) });
            j.scope.keep();
          } catch (error) {
            outcome.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const j of jobs) j.reject(error);
      return;
    }
    this.stats.groups++;
    this.stats.writes += jobs.length;
    this.stats.largest = Math.max(this.stats.largest, jobs.length);
    // After-commit work of the group, each function once (the WAL folded back once, not per cast).
    const after = new Set<() => void>();
    jobs.forEach((j, i) => outcome[i]!.ok && j.scope.after.forEach((f) => after.add(f)));
    for (const f of after) {
      try {
        f();
      } catch (e) {
        console.error('[议事台] 提交后的处理失败：', e);
      }
    }
    jobs.forEach((j, i) => {
      const o = outcome[i]!;
      if (o.ok) {
        j.scope.publish();
        j.resolve(o.value);
      } else j.reject(o.error);
    });
  }
}

const committers = new WeakMap<Db, GroupCommitter>();

/** The one committer of a database: every grouped write on it joins the same queue. */
export function groupCommitter(db: Db, opts?: GroupCommitOptions): GroupCommitter {
  let c = committers.get(db);
  if (!c) committers.set(db, (c = new GroupCommitter(db, opts)));
  return c;
}
