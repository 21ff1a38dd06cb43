import type { Attendance, EventPayload } from '../../../../shared/contract';

/**
 * How an attendance.changed event changes the sign-in sheet the console holds, as a pure function: the member's
 * row and the summary are replaced from the payload, so a sign-in at a 3,000-seat hall costs one small event, not
 * a refetch of the whole sheet. 'reload' when the payload cannot say (the roll itself changed, or a host that does
 * not send the row); the sheet unchanged when the event is about another meeting.
 */
export function applyAttendanceChange(sheet: Attendance, p: EventPayload<'attendance.changed'>): Attendance | 'reload' {
  if (p.meetingId !== sheet.meetingId) return sheet;
  if (!p.row || !p.summary || p.summary.expected !== sheet.rows.length) return 'reload';
  const at = sheet.rows.findIndex((r) => r.membershipId === p.row.membershipId);
  if (at < 0) return 'reload';
  // Seat order does not depend on status, so the row keeps its place.
  const rows = sheet.rows.slice();
  rows[at] = p.row;
  return { ...sheet, rows, summary: p.summary };
}
