import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventMessage } from '../../shared/contract';
import { EventBus } from '../../electron/services/bus';

/** Progress events for screens: at most one per poll every 100 ms, the last state always delivered (issue 13 item 6). */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const progress = (roundId: number, returned: number, status = 'open') =>
  ({ roundId, pollId: roundId, meetingId: 1, kind: 'motion', status, returned, eligible: 3376 }) as never;

describe('coalesced progress', () => {
  it('turns 3,376 casts in a second into about ten frames per poll, the last one carrying the final count', () => {
    const bus = new EventBus();
    const raw: EventMessage[] = [];
    const live: { at: number; msg: EventMessage }[] = [];
    bus.subscribe((m) => raw.push(m));
    bus.subscribeLive((m) => live.push({ at: Date.now(), msg: m }));
    const start = Date.now();
    for (let i = 1; i <= 3376; i++) {
      bus.publish('poll.changed', progress(7, i));
      if (i % 4 === 0) vi.advanceTimersByTime(1); // ~3.4 per ms: 3,376 within about 844 ms
    }
    vi.advanceTimersByTime(500);
    expect(raw).toHaveLength(3376);
    const frames = live.filter((x) => x.msg.name === 'poll.changed');
    expect(frames.length).toBeLessThanOrEqual(Math.ceil((844 + 100) / 100) + 1);
    expect(frames.length).toBeGreaterThanOrEqual(8);
    // The first goes out at once; none within 100 ms of another; the last state is delivered.
    expect(frames[0]!.at).toBe(start);
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.at - frames[i - 1]!.at).toBeGreaterThanOrEqual(100);
    expect((frames.at(-1)!.msg.payload as { returned: number }).returned).toBe(3376);
  });

  it('keeps polls apart, passes other events through, and sends a change of status at once, dropping progress held before it', () => {
    const bus = new EventBus();
    const live: EventMessage[] = [];
    bus.subscribeLive((m) => live.push(m));
    bus.publish('poll.changed', progress(1, 1));
    bus.publish('poll.changed', progress(2, 1));
    bus.publish('poll.changed', progress(1, 2));
    bus.publish('poll.changed', progress(1, 3));
    bus.publish('attendance.changed', { meetingId: 1, present: 5 } as never);
    bus.publish('audit.appended', { id: 10, action: 'vote.open' });
    expect(live.map((m) => [m.name, (m.payload as { roundId?: number; returned?: number }).returned ?? null])).toEqual([
      ['poll.changed', 1],
      ['poll.changed', 1],
      ['attendance.changed', null],
      ['audit.appended', null],
    ]);
    vi.advanceTimersByTime(20);
    bus.publish('poll.changed', progress(1, 4, 'closed'));
    expect(live.at(-1)!.payload as { status: string; returned: number }).toMatchObject({
      status: 'closed',
      returned: 4,
    });
    vi.advanceTimersByTime(1000);
    // The held count 3 (older than the close) is never sent after it.
    expect(
      live
        .filter((m) => m.name === 'poll.changed' && (m.payload as { roundId: number }).roundId === 1)
        .map((m) => (m.payload as { returned: number }).returned),
    ).toEqual([1, 4]);
  });

  it('coalesces the audit entries of casts, not the others', () => {
    const bus = new EventBus();
    const live: EventMessage[] = [];
    bus.subscribeLive((m) => live.push(m));
    for (let i = 1; i <= 50; i++) bus.publish('audit.appended', { id: i, action: 'vote.cast' });
    bus.publish('audit.appended', { id: 51, action: 'vote.close' });
    vi.advanceTimersByTime(100);
    expect(live.map((m) => (m.payload as { id: number }).id)).toEqual([1, 51, 50]);
  });

  it('sends the held progress of a poll, its vote and its audit list on the same tick, so each stream is written once per window', () => {
    const bus = new EventBus();
    const live: { at: number; msg: EventMessage }[] = [];
    bus.subscribeLive((m) => live.push({ at: Date.now(), msg: m }));
    const start = Date.now();
    // The kinds begin at different moments within a window (the audit list 30 ms after the poll) ...
    bus.publish('poll.changed', progress(7, 1));
    vi.advanceTimersByTime(30);
    bus.publish('audit.appended', { id: 1, action: 'vote.cast' });
    bus.publish('vote.changed', { voteId: 7, meetingId: 1, status: 'open', cast: 1, eligible: 3376 } as never);
    // ... and then progress comes continuously.
    for (let ms = 0; ms < 600; ms++) {
      const n = ms + 2;
      bus.publish('poll.changed', progress(7, n));
      bus.publish('vote.changed', { voteId: 7, meetingId: 1, status: 'open', cast: n, eligible: 3376 } as never);
      bus.publish('audit.appended', { id: n, action: 'vote.cast' });
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(500);
    // From the second tick on (the kinds that began late wait a whole window first), every moment a held frame
    // went out carries all three kinds: one write per stream, not three.
    const held = live.filter((x) => x.at - start > 100);
    const moments = new Set(held.map((x) => x.at));
    expect(moments.size).toBeGreaterThanOrEqual(5);
    for (const at of moments)
      expect(new Set(held.filter((x) => x.at === at).map((x) => x.msg.name))).toEqual(
        new Set(['poll.changed', 'vote.changed', 'audit.appended']),
      );
    for (const name of ['poll.changed', 'vote.changed', 'audit.appended']) {
      const times = live.filter((x) => x.msg.name === name).map((x) => x.at);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100);
    }
    expect((live.filter((x) => x.msg.name === 'vote.changed').at(-1)!.msg.payload as { cast: number }).cast).toBe(601);
  });
});
