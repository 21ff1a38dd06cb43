import { memberNoun, type ParsedInput, type SignInSheet } from '../../shared/contract';
import { sortByName } from '../../shared/domain/collation';
import { memberTables } from '../db/tables/members';
import { readAttendance } from './attendance';
import type { ServiceDeps } from './context';
import { documentHead } from './document-head';
import { meetingQueries } from './meetings';
import { paperService } from './documents-papers';
import type { PollEngine } from './polls';

/**
 * The data of the printable documents (issue 12 item 1), assembled here so the same figures are served over IPC
 * and HTTP and tested without a browser. The pages under renderer/src/print only lay them out.
 */

export function documentService(deps: ServiceDeps, engine: PollEngine) {
  const { db } = deps;
  const q = meetingQueries(db);
  const papers = paperService(engine, (id) => q.getMeeting(id));
  const members = memberTables(db);

  return {
    'documents.signIn': (input: ParsedInput<'documents.signIn'>): SignInSheet => {
      const m = q.getMeeting(input.meetingId, 'meetingId');
      const a = readAttendance(db, m);
      const units = members.unitTitles(m.bodyId);
      // 姓氏笔画, the order of a formal list (README §7); the console's sheet follows the seats in the hall instead.
      const rows = sortByName(a.rows, 'stroke', (r) => r.name).map((r, i) => ({
        no: i + 1,
        name: r.name,
        unitTitle: units.get(r.membershipId) ?? null,
        note: r.status === 'leave' ? '请假' : null,
      }));
      return { head: documentHead(m), noun: memberNoun[m.bodyKind], expected: rows.length, rows };
    },
    'documents.ballot': (input: ParsedInput<'documents.ballot'>) => papers.ballot(input.roundId),
    'documents.countSheet': (input: ParsedInput<'documents.countSheet'>) => papers.countSheet(input.roundId),
  };
}
export { documentHead } from './document-head';
