import { afterEach, describe, expect, it } from 'vitest';
import type { AttendanceChange, Attendance, DeskInfo } from '../../shared/contract';
import { groupCommitter } from '../../electron/services/group-commit';
import { hallSession } from '../bench/hall-session';
import { makeTempRuntime, type TempRuntime } from './helpers';

/**
 * Sign-ins at several doors at once (issue 13, 3,376 sign-ins from four desks): they share one commit (group
 * commit, each still answered only once on disk), the roll is counted once per group and each sign-in's summary
 * is the count right after it, a refused one in the middle changes no count, and a desk's scan reads one line of
 * the sheet, not all of it.
 */

let t: TempRuntime;
afterEach(() => t?.cleanup());

describe('sign-ins from several desks at once', () => {
  it('share one transaction, each answered with the count right after it; a refusal in the group changes no count', async () => {
    t = makeTempRuntime();
    const { members, meeting } = await hallSession(t, 12);
    const stats = groupCommitter(t.rt.db).stats;
    const before = { ...stats };
    await t.ok('attendance.markOne', {
      meetingId: meeting.id,
      membershipId: members[5]!.membershipId,
      status: 'present',
    });
    // Four desks at the same moment, one of them scanning someone already signed in.
    const ids = [members[0]!, members[1]!, members[5]!, members[2]!, members[3]!].map((m) => m.membershipId);
    const results = await Promise.all(
      ids.map((membershipId) =>
        t.call('attendance.markOne', { meetingId: meeting.id, membershipId, status: 'present' }),
      ),
    );
    expect(stats.groups - before.groups).toBe(2);
    expect(stats.writes - before.writes).toBe(6);
    expect(results.map((r) => r.ok)).toEqual([true, true, false, true, true]);
    const present = results.filter((r) => r.ok).map((r) => (r.ok ? (r.data as AttendanceChange).summary.present : -1));
    expect(present).toEqual([2, 3, 4, 5]);
    const sheet = (await t.ok('attendance.get', { meetingId: meeting.id })) as Attendance;
    expect(sheet.summary.present).toBe(5);
    const last = results.at(-1)!;
    expect(last.ok && (last.data as AttendanceChange).summary).toEqual(sheet.summary);
    // A return to 未签到 in a group counts afresh.
    const back = await Promise.all(
      [members[0]!, members[6]!].map((m, i) =>
        t.call('attendance.markOne', {
          meetingId: meeting.id,
          membershipId: m.membershipId,
          status: i === 0 ? 'pending' : 'present',
        }),
      ),
    );
    expect(back.map((r) => r.ok && (r.data as AttendanceChange).summary.present)).toEqual([4, 5]);
    expect(((await t.ok('attendance.get', { meetingId: meeting.id })) as Attendance).summary.present).toBe(5);
  });

  it('a desk signs in by badge with the summary of its own sign-in', async () => {
    t = makeTempRuntime();
    const { members, meeting } = await hallSession(t, 6);
    await t.ok('desks.create', { meetingId: meeting.id, name: '东门' });
    const desk = ((await t.ok('desks.list', { meetingId: meeting.id })) as DeskInfo[])[0]!;
    const cred = t.rt.lan.credentials.deskCredential(desk.id);
    const scan = async (i: number) => {
      const badge = t.rt.lan.credentials.codesOf(meeting.id, members[i]!.membershipId).badge;
      const out = await t.rt.lan.service.call('desk.signIn', {
        credential: cred,
        input: { badge, idempotencyKey: `desk-scan-${i}-0001` },
      });
      if (!out.reply.ok) throw new Error(out.reply.message);
      return out.reply.data as {
        membershipId: number;
        already: boolean;
        summary: { present: number; expected: number };
      };
    };
    const [a, b] = await Promise.all([scan(0), scan(1)]);
    expect([a.membershipId, b.membershipId]).toEqual([members[0]!.membershipId, members[1]!.membershipId]);
    expect([a.summary.present, b.summary.present]).toEqual([1, 2]);
    expect(b.summary.expected).toBe(6);
    expect((await scan(0)).already).toBe(true);
  });
});
