import { appendAudit, type AuditInput } from '../db/audit';
import type { ServiceDeps, CallContext } from './context';

/**
 * Run a change and its audit entry in one transaction. Events are published only after the commit, so a
 * subscriber never sees a change that could still roll back.
 */
export function auditedChange<T>(deps: ServiceDeps, ctx: CallContext, change: () => { result: T; audit: Omit<AuditInput, 'actor'> }): T {
  let audited: { id: number; action: string } = { id: 0, action: '' };
  const result = deps.db.transaction(() => {
    const { result, audit } = change();
    audited = { id: appendAudit(deps.db, { ...audit, actor: ctx.actor }), action: audit.action };
    return result;
  })();
  deps.bus.publish('audit.appended', audited);
  return result;
}
