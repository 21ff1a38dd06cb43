import { AppError, readMethods, type EventName, type EventPayload } from '../../shared/contract';
import { appendAudit, type AuditInput } from '../db/audit';
import type { CallContext, ServiceDeps } from './context';
import { groupCommitter } from './group-commit';

/**
 * The steps every change shares, done once where handlers are registered (as Actual Budget wraps each handler,
 * `app.method(name, mutator(undoable(fn)))`): one transaction per call, the audit entries it records written in
 * that transaction, one moment for the whole call, and events published only after the commit, so a subscriber
 * never sees a change that could still roll back. A write that changes the file without an audit entry is refused
 * and rolled back: every state change is audited.
 */

export type AuditEntryInput = Omit<AuditInput, 'actor'>;

/** What a write handler gets besides its input: who called, when, and where its audit entries and events go. */
export interface WriteContext extends CallContext {
  /** The moment of this call, the same for every row and audit entry it writes. */
  readonly now: string;
  audit(entry: AuditEntryInput): void;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Work that must follow the commit (folding the WAL after a secret cast). */
  afterCommit(fn: () => void): void;
  /**
   * What a write read from the file and the next writes of its group may reuse instead of reading it again (a
   * round's 已投 count after this cast). A value set here is kept only if this write's savepoint is released, and is
   * gone when the transaction ends; a write alone has it to itself.
   */
  readonly memo: Memo;
}

export interface Memo {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

type SyncWrite = (input: never, ctx: WriteContext) => unknown;
/** A write that first reads outside the transaction (a sheet parsed in a worker thread), then applies in one. */
export interface TwoStepWrite<I = never, P = unknown, R = unknown> {
  prepare(input: I, ctx: CallContext): Promise<P>;
  apply(input: I, prepared: P, ctx: WriteContext): R;
}
export function twoStep<I, P, R>(
  prepare: TwoStepWrite<I, P, R>['prepare'],
  apply: TwoStepWrite<I, P, R>['apply'],
): TwoStepWrite<I, P, R> {
  return { prepare, apply };
}
const isTwoStep = (fn: unknown): fn is TwoStepWrite =>
  typeof fn === 'object' && fn !== null && 'prepare' in fn && 'apply' in fn;

const readSet = new Set<string>(readMethods);

/**
 * A write whose calls may share one transaction with others arriving at the same moment (group commit): casts. Each
 * call runs in its own savepoint, so a refused cast rolls back alone, and is answered only once the shared
 * transaction has committed (synchronous=FULL: on disk). See ./group-commit.ts.
 */
export interface GroupedWrite<I = never, R = unknown> {
  grouped: (input: I, ctx: WriteContext) => R;
}
export function grouped<I, R>(fn: (input: I, ctx: WriteContext) => R): GroupedWrite<I, R> {
  return { grouped: fn };
}
const isGrouped = (fn: unknown): fn is GroupedWrite => typeof fn === 'object' && fn !== null && 'grouped' in fn;

/** One call's write context, what it asks for after the commit, and how to publish that. */
export interface WriteScope {
  w: WriteContext;
  /** Run the write with the audit check (every change audited); inside a transaction or savepoint. */
  apply<R>(run: (w: WriteContext) => R): R;
  /** Work to follow the commit, as a set: the same function asked for twice (or by several calls of a group) runs once. */
  after: Set<() => void>;
  /** The audit entries this call wrote. */
  audited: { id: number; action: string }[];
  /** Publish the audit entries and events, after the commit. */
  publish(): void;
  /** Share the memo of the group this write runs in (before apply); keep what it set once its savepoint is released. */
  join(group: Map<string, unknown>): void;
  keep(): void;
}

const auditChecks = new WeakMap<
  ServiceDeps['db'],
  { lastAudit: { get(): unknown }; totalChanges: { get(): unknown } }
>();
function auditCheckOf(db: ServiceDeps['db']) {
  let c = auditChecks.get(db);
  if (!c)
    auditChecks.set(
      db,
      (c = {
        lastAudit: db.prepare('SELECT COALESCE(MAX(id), 0) FROM audit_log').pluck(),
        totalChanges: db.prepare('SELECT total_changes()').pluck(),
      }),
    );
  return c;
}

export function writeScope(
  deps: ServiceDeps,
  name: string,
  ctx: CallContext,
  after: Set<() => void> = new Set(),
): WriteScope {
  const { db, bus } = deps;
  const events: { name: EventName; payload: unknown }[] = [];
  const audited: { id: number; action: string }[] = [];
  const now = new Date().toISOString();
  const { lastAudit, totalChanges } = auditCheckOf(db);
  let group = new Map<string, unknown>();
  const staged = new Map<string, unknown>();
  const w: WriteContext = {
    ...ctx,
    now,
    audit: (entry) =>
      audited.push({ id: appendAudit(db, { ...entry, actor: ctx.actor, at: now }), action: entry.action }),
    emit: (n, payload) => events.push({ name: n, payload }),
    afterCommit: (f) => after.add(f),
    memo: {
      get: <T>(key: string) => (staged.has(key) ? staged.get(key) : group.get(key)) as T | undefined,
      set: (key, value) => void staged.set(key, value),
    },
  };
  return {
    w,
    after,
    audited,
    apply(run) {
      const auditBefore = lastAudit.get() as number;
      const changesBefore = totalChanges.get() as number;
      const out = run(w);
      if (out instanceof Promise)
        throw new Error(`${name} 返回了 Promise：写操作须同步完成，读文件请放在 twoStep 的 prepare 中`);
      if ((totalChanges.get() as number) !== changesBefore && (lastAudit.get() as number) === auditBefore) {
        throw new AppError('INTERNAL', `内部错误：“${name}”修改了数据却没有记入审计日志，已撤销`);
      }
      return out;
    },
    publish() {
      for (const a of audited) bus.publish('audit.appended', a);
      for (const e of events) bus.publish(e.name, e.payload as never);
    },
    join(g) {
      group = g;
      staged.clear();
    },
    keep() {
      for (const [k, v] of staged) group.set(k, v);
      staged.clear();
    },
  };
}

/** Wrap one write handler. */
export function mutator(deps: ServiceDeps, name: string, fn: SyncWrite | TwoStepWrite) {
  const { db } = deps;
  const auditAction = db.prepare('SELECT action FROM audit_log WHERE id = ?').pluck();
  const committer = groupCommitter(db);
  const run = (input: never, ctx: CallContext, prepared: unknown) => {
    const scope = writeScope(deps, name, ctx);
    // A write composed into a transaction already open (the demo seeds in one) commits only with that one.
    const nested = db.inTransaction;
    // Casts that arrived before this write are committed before it (a close takes every cast sent before it).
    if (!nested) committer.flush();
    const result = db.transaction(() =>
      scope.apply((w) => (isTwoStep(fn) ? fn.apply(input, prepared, w) : fn(input, w))),
    )();
    const publish = () => {
      for (const f of scope.after) f();
      scope.publish();
    };
    if (!nested) publish();
    else {
      // Wait for the outer transaction to end, then publish only if it committed: its audit rows are still there.
      const settle = () => {
        if (db.inTransaction) setImmediate(settle);
        else if (scope.audited.every((a) => auditAction.get(a.id) === a.action)) publish();
      };
      queueMicrotask(settle);
    }
    return result;
  };
  // A plain write stays synchronous, so one write can be composed into another (the demo seeds in one transaction).
  return isTwoStep(fn)
    ? async (input: never, ctx: CallContext) => run(input, ctx, await fn.prepare(input, ctx))
    : (input: never, ctx: CallContext) => run(input, ctx, undefined);
}

/** Wrap a grouped write: its calls join the next group commit. */
function groupedMutator(deps: ServiceDeps, name: string, fn: GroupedWrite) {
  const committer = groupCommitter(deps.db);
  return (input: never, ctx: CallContext) => {
    const scope = writeScope(deps, name, ctx);
    // Inside a transaction already open (a write composed into another), it commits with that one, as a plain write.
    if (deps.db.inTransaction)
      return Promise.resolve(mutator(deps, name, (i: never, w: WriteContext) => fn.grouped(i, w))(input, ctx));
    return committer.submit(scope, (w) => fn.grouped(input, w));
  };
}

/** A handler as the transports see it: a write's WriteContext is supplied by its wrapper. */
export type Registered<F> =
  F extends TwoStepWrite<infer I, infer _P, infer R>
    ? (input: I, ctx: CallContext) => Promise<R>
    : F extends GroupedWrite<infer I, infer R>
      ? (input: I, ctx: CallContext) => Promise<R>
      : F extends (input: infer I, ctx: never) => infer R
        ? (input: I, ctx: CallContext) => R
        : never;

/** Wrap every write method of a handler table; reads stay as they are. */
export function registerHandlers<T extends Record<string, unknown>>(
  deps: ServiceDeps,
  raw: T,
): { [K in keyof T]: Registered<T[K]> } {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(raw)) {
    out[name] = readSet.has(name)
      ? fn
      : isGrouped(fn)
        ? groupedMutator(deps, name, fn)
        : mutator(deps, name, fn as SyncWrite | TwoStepWrite);
  }
  return out as never;
}
