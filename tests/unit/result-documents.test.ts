import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeetingMinutes, ResultDocument, Vote } from '../../shared/contract';
import { errorOf, makeTempRuntime, quarterlySession, type TempRuntime } from './helpers';

/** documents.result and documents.minutes (issue 12 items 1–2): the app's own words and figures, and the fingerprint. */

let t: TempRuntime;
beforeEach(() => {
  t = makeTempRuntime();
});
afterEach(() => t.cleanup());

describe('result documents', () => {
  it('表决结果公告 is the announcement made at close, with the counts and the close entry’s fingerprint; an open vote has none', async () => {
    const { members, meeting } = await quarterlySession(t, 6);
    await t.ok('meetings.open', { id: meeting.id });
    const item = (await t.ok('agenda.add', {
      meetingId: meeting.id,
      kind: 'motion',
      title: '关于调整预算的决定（草案）',
    })) as { id: number };
    const v = (await t.ok('votes.create', { agendaItemId: item.id, mode: 'electronic', secrecy: 'secret' })) as Vote;
    await t.ok('votes.open', { id: v.id });
    expect(errorOf(await t.call('documents.result', { roundId: v.id }))).toMatchObject({
      code: 'CONFLICT',
      message: '表决《关于调整预算的决定（草案）》尚未结束，结果尚未公布，不能出具表决结果公告',
    });
    for (const [i, m] of members.entries())
      await t.ok('votes.cast', { id: v.id, membershipId: m.membershipId, choice: i < 5 ? 'yes' : 'no' });
    const closed = (await t.ok('votes.close', { id: v.id })) as Vote;
    const doc = (await t.ok('documents.result', { roundId: v.id })) as ResultDocument;
    const fp = await t.ok('fingerprints.get', { roundId: v.id });
    expect(doc).toMatchObject({
      kind: 'motion',
      docName: '表决结果公告',
      title: '关于《关于调整预算的决定（草案）》表决结果的公告',
      fingerprint: fp,
    });
    expect(doc.paragraphs.join('')).toBe(closed.announcement);
    expect(doc.table!.rows).toEqual([[6, 6, 5, 1, 0, 0, expect.any(Number), '通过']]);
    const minutes = (await t.ok('documents.minutes', { meetingId: meeting.id })) as MeetingMinutes;
    expect(minutes.items.at(-1)).toMatchObject({
      title: '关于调整预算的决定（草案）',
      results: [{ text: closed.announcement, code: doc.fingerprint.code }],
    });
    expect(minutes.fingerprint).toBeNull();
    await t.ok('meetings.close', { id: meeting.id });
    const after = (await t.ok('documents.minutes', { meetingId: meeting.id })) as MeetingMinutes;
    expect(after.fingerprint).toMatchObject({ subject: 'meeting', actionLabel: '宣布闭会' });
  });
});
