import { format } from 'date-fns';
import {
  auditActionLabel,
  auditActionsOf,
  auditActorLabel,
  auditEntityLabel,
  auditGroupLabels,
  auditGroupOf,
  describeAudit,
  type AuditNames,
  type ExportedFile,
  type ParsedInput,
} from '../../shared/contract';
import { listAudit, type AuditFilter } from '../db/audit';
import { meetingTitles } from '../db/tables/meetings';
import { memberTables } from '../db/tables/members';
import { verifyAuditTrail } from './audit-check';
import type { CallContext, ServiceDeps } from './context';
import { auditExport } from './export-audit';
import type { PollEngine } from './polls';
import { addBanner, addHeader, addRow, freezeTo, localTime, newSheet, setWidths, toExportedFile } from './xlsx-export';

/** The audit log as the settings page and its .xlsx export read it: filtered, and in Chinese. */

/** More rows than a session year writes (a 300-seat congress with a dozen votes writes a few thousand). */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

type Filter = Pick<ParsedInput<'audit.export'>, 'meetingId' | 'group' | 'from' | 'to'>;

const toFilter = (f: Filter): AuditFilter => ({
  meetingId: f.meetingId,
  actions: f.group ? auditActionsOf(f.group) : undefined,
  from: f.from,
  to: f.to,
});

export function auditService(deps: ServiceDeps, engine: PollEngine) {
  const { db } = deps;

  /** Member and meeting names for the details: two small queries, cheaper than one per row. */
  function names(): AuditNames {
    const members = memberTables(db).names();
    const meetings = meetingTitles(db);
    return { member: (id) => members.get(id), meeting: (id) => meetings.get(id) };
  }

  return {
    'audit.list': (input: ParsedInput<'audit.list'>) => listAudit(db, input.limit, input.beforeId, toFilter(input)),
    'audit.verify': () => verifyAuditTrail(deps, engine),

    'audit.export': async (input: ParsedInput<'audit.export'>, ctx?: CallContext): Promise<ExportedFile> => {
      const entries = listAudit(db, AUDIT_EXPORT_MAX_ROWS, undefined, toFilter(input));
      const n = names();
      const { wb, ws } = newSheet('审计日志');
      const headers = ['序号', '时间', '操作者', '类别', '操作', '对象', '内容', '哈希'];
      const scope = [
        input.meetingId ? (n.meeting?.(input.meetingId) ?? `会议#${input.meetingId}`) : '',
        input.group ? auditGroupLabels[input.group] : '',
        input.from || input.to
          ? `${input.from ? localTime(input.from) : '最早'} 至 ${input.to ? localTime(input.to) : '现在'}`
          : '',
      ]
        .filter(Boolean)
        .join('，');
      addBanner(
        ws,
        `议事台审计日志${scope ? `（${scope}）` : ''}，共${entries.length}条`,
        headers.length,
        'title',
        14,
      ).alignment = {};
      addHeader(ws, headers);
      for (const e of entries) {
        addRow(ws, [
          e.id,
          localTime(e.at),
          auditActorLabel(e.actor),
          auditGroupLabels[auditGroupOf(e.action)],
          auditActionLabel(e.action),
          auditEntityLabel(e.entity, e.entityId),
          describeAudit(e, n),
          e.hash,
        ]);
      }
      setWidths(ws, [8, 20, 20, 12, 20, 16, 80, 66]);
      ws.getColumn(7).alignment = { wrapText: true, vertical: 'top' };
      freezeTo(ws, 2);
      // The details name members (sign-in, named votes): the export is recorded like any other of personal data.
      return auditExport(deps, ctx, await toExportedFile(wb, `审计日志-${format(new Date(), 'yyyy-MM-dd')}.xlsx`), {
        action: 'audit.exportFile',
        entity: 'audit_log',
        rows: entries.length,
      });
    },
  };
}
