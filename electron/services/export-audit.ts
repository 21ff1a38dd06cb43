import { createHash } from 'node:crypto';
import type { ExportedFile } from '../../shared/contract';
import { appendAudit } from '../db/audit';
import type { CallContext, ServiceDeps } from './context';

/**
 * An export of personal data leaves the laptop as a file (a roster with phones, a sign-in sheet, a roll call, the
 * audit log itself), so each one is recorded: who asked, which file, how many rows, and the file's SHA-256, so
 * a copy found later can be matched to its entry. The export stays a read in the contract; only this entry is
 * written, in a transaction of its own, after the file is built (a refused export records nothing).
 *
 * Reads through the API (members.list, attendance.get, …) are not recorded one by one: the console reads them on
 * every screen and every event, so the log would drown in them (see README, 审计日志).
 */
export interface ExportRecord {
  action: string;
  entity: string;
  entityId?: string | number | null;
  /** Data rows in the file (members, sign-in rows, items, entries), not counting titles and headers. */
  rows: number;
}

export function auditExport(
  deps: Pick<ServiceDeps, 'db' | 'bus'>,
  ctx: CallContext | undefined,
  file: ExportedFile,
  r: ExportRecord,
): ExportedFile {
  const content = Buffer.from(file.contentBase64, 'base64');
  const detail = {
    fileName: file.fileName,
    rows: r.rows,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
  const id = deps.db.transaction(() =>
    appendAudit(deps.db, {
      actor: ctx?.actor ?? 'system',
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      detail,
    }),
  )();
  if (!deps.db.inTransaction) deps.bus.publish('audit.appended', { id, action: r.action });
  return file;
}
