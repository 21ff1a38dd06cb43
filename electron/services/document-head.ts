import type { DocumentHead, Meeting } from '../../shared/contract';
import { officialDate } from '../../shared/domain/official-date';
import { chineseDate } from '../../shared/domain/project-timeline';

/** What heads every document of a meeting: its title, body, dates (公文 and plain) and venue. */
export function documentHead(m: Meeting): DocumentHead {
  const time = m.startTime ? `${m.startTime}${m.endTime ? `—${m.endTime}` : ''}` : null;
  return {
    meetingId: m.id,
    meetingTitle: m.title,
    bodyName: m.bodyName,
    officialDate: officialDate(m.date),
    date: chineseDate(m.date),
    time,
    venue: m.venue,
  };
}
