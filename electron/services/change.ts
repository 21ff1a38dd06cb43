import { AppError, readMethods, type EventName, type EventPayload } from '../../shared/contract';
import { appendAudit, type AuditInput } from '../db/audit';
import type { CallContext, ServiceDeps } from './context';

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
}

type SyncWrite = (input: never, ctx: WriteContext) => unknown;
/** A write that first reads outside the transaction (a sheet parsed in a worker thread), then applies in one. */
export interface TwoStepWrite<I = never, P = unknown, R = unknown> {
  prepare(input: I, ctx: CallContext): Promise<P>;
  apply(input: I, prepared: P, ctx: WriteContext): R;
}
export function twoStep<I, P, R>(prepare: TwoStepWrite<I, P, R>['prepare'], apply: TwoStepWrite<I, P, R>['apply']): TwoStepWrite<I, P, R> {
  return { prepare, apply };
}
const isTwoStep = (fn: unknown): fn is TwoStepWrite => typeof fn === 'object' && fn !== null && 'prepare' in fn && 'apply' in fn;

const readSet = new Set<string>(readMethods);

/** Wrap one write handler. */
export function mutator(deps: ServiceDeps, name: string, fn: SyncWrite | TwoStepWrite) {
  const { db, bus } = deps;
  const lastAudit = db.prepare('SELECT COALESCE(MAX(id), 0) FROM audit_log').pluck();
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const auditAction = db.prepare('SELECT action FROM audit_log WHERE id = ?').pluck();
  const run = (input: never, ctx: CallContext, prepared: unknown) => {
    const events: { name: EventName; payload: unknown }[] = [];
    const after: (() => void)[] = [];
    const audited: { id: number; action: string }[] = [];
    const now = new Date().toISOString();
    const w: WriteContext = {
      ...ctx,
      now,
      audit: (entry) => audited.push({ id: appendAudit(db, { ...entry, actor: ctx.actor, at: now }), action: entry.action }),
      emit: (n, payload) => events.push({ name: n, payload }),
      afterCommit: (f) => after.push(f),
    };
    // A write composed into a transaction already open (the demo seeds in one) commits only with that one.
    const nested = db.inTransaction;
    const result = db.transaction(() => {
      const auditBefore = lastAudit.get() as number;
      const changesBefore = totalChanges.get() as number;
      const out = isTwoStep(fn) ? fn.apply(input, prepared, w) : fn(input, w);
      if (out instanceof Promise) throw new Error(`${name} 返回了 Promise：写操作须同步完成，读文件请放在 twoStep 的 prepare 中`);
      if ((totalChanges.get() as number) !== changesBefore && (lastAudit.get() as number) === auditBefore) {
        throw new AppError('INTERNAL', `内部错误：“${name}”修改了数据却没有记入审计日志，已撤销`);
      }
      return out;
    })();
    const publish = () => {
      for (const f of after) f();
      for (const a of audited) bus.publish('audit.appended', a);
      for (const e of events) bus.publish(e.name, e.payload as never);
    };
    if (!nested) publish();
    else {
      // Wait for the outer transaction to end, then publish only if it committed: its audit rows are still there.
      const settle = () => {
        if (db.inTransaction) setImmediate(settle);
        else if (audited.every((a) => auditAction.get(a.id) === a.action)) publish();
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

/** A handler as the transports see it: a write's WriteContext is supplied by its wrapper. */
export type Registered<F> = F extends TwoStepWrite<infer I, infer _P, infer R>
  ? (input: I, ctx: CallContext) => Promise<R>
  : F extends (input: infer I, ctx: never) => infer R
    ? (input: I, ctx: CallContext) => R
    : never;

/** Wrap every write method of a handler table; reads stay as they are. */
export function registerHandlers<T extends Record<string, unknown>>(deps: ServiceDeps, raw: T): { [K in keyof T]: Registered<T[K]> } {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(raw)) {
    out[name] = readSet.has(name) ? fn : mutator(deps, name, fn as SyncWrite | TwoStepWrite);
  }
  return out as never;
}

