import type { AgendaItem, Meeting } from '../../../../shared/contract';
import { href, meetingPath } from '../routes';

/** Which meeting and agenda item a round belongs to, linked back to that meeting's 表决 tab. */
export function RoundOrigin({ meeting, item }: { meeting: Meeting | undefined; item: AgendaItem | undefined }) {
  if (!meeting) return null;
  return (
    <span className="round-origin" data-testid="round-origin">
      <a href={href(meetingPath(meeting.id, 'votes'))} title="回到会议的表决页">
        {meeting.title}
      </a>
      {item && (
        <span className="muted">
          ：议程第{item.position}项 {item.title}
        </span>
      )}
    </span>
  );
}
