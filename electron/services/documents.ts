import { memberNoun, type DocumentHead, type Meeting, type ParsedInput, type SignInSheet } from '../../shared/contract';
import { sortByName } from '../../shared/domain/collation';
import { officialDate } from '../../shared/domain/official-date';
import { chineseDate } from '../../shared/domain/project-timeline';
import { readAttendance } from './attendance';
import type { ServiceDeps } from './context';
import { meetingQueries } from './meetings';

/**
 * The data of the printable documents (issue 12 item 1), assembled here so the same figures are served over IPC
 * and HTTP and tested without a browser. The pages under renderer/src/print only lay them out.
 */

/** What heads every document of a meeting: its title, body, dates (公文 and plain) and venue. */
export function documentHead(m: Meeting): DocumentHead {
  const time = m.startTime ? `${m.startTime}${m.endTime ? `—${m.endTime}` : ''}` : null;
  return { meetingId: m.id, meetingTitle: m.title, bodyName: m.bodyName, officialDate: officialDate(m.date), date: chineseDate(m.date), time, venue: m.venue };
}

export function documentService(deps: ServiceDeps) {
  const { db } = deps;
  const q = meetingQueries(db);
  const unitTitles = db.prepare('SELECT id, unit_title FROM memberships WHERE body_id = ?');

  return {
    'documents.signIn': (input: ParsedInput<'documents.signIn'>): SignInSheet => {
      const m = q.getMeeting(input.meetingId, 'meetingId');
      const a = readAttendance(db, m);
      const units = new Map((unitTitles.all(m.bodyId) as { id: number; unit_title: string | null }[]).map((r) => [r.id, r.unit_title]));
      // 姓氏笔画, the order of a formal list (README §7); the console's sheet follows the seats in the hall instead.
      const rows = sortByName(a.rows, 'stroke', (r) => r.name).map((r, i) => ({
        no: i + 1, name: r.name, unitTitle: units.get(r.membershipId) ?? null, note: r.status === 'leave' ? '请假' : null,
      }));
      return { head: documentHead(m), noun: memberNoun[m.bodyKind], expected: rows.length, rows };
    },
  };
}
