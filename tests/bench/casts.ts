import type { Vote } from '../../shared/contract';
import { groupCommitter } from '../../electron/services/group-commit';
import { percentile } from '../../electron/services/load-generator';
import { makeTempRuntime } from '../unit/helpers';
import { hallSession } from './hall-session';
import { profiled } from './profile';
import { check, checkEqual, type Benchmark } from './types';

/**
 * The engine's cast without HTTP: a hall of 3,376 signed in through dispatch, then 3,376 secret casts sent at once
 * through dispatch (validation, the grouped write, its savepoint, the audit entry, the commit). What is left of the
 * hall bench's time (./hall.ts) once the transport is taken away: the CPU cost of a cast. With CAST_PROFILE=<dir>
 * the cast phase is profiled into <dir>/casts.cpuprofile (and the sign-ins into signins.cpuprofile).
 */

const DEPUTIES = 3376;
const TARGET_MS = 1000;

export const castsBench: Benchmark = {
  name: 'casts',
  description: `${DEPUTIES.toLocaleString('en')} secret casts in process (dispatch, no HTTP), all sent at once; sign-ins one by one`,
  async run(log) {
    const prof = process.env.CAST_PROFILE;
    const t = makeTempRuntime();
    try {
      const { members, meeting, item } = await hallSession(t, DEPUTIES);

      const signIns: number[] = [];
      const signInStart = performance.now();
      await profiled(prof, 'signins', async () => {
        for (const m of members) {
          const a = performance.now();
          await t.ok('attendance.markOne', { meetingId: meeting.id, membershipId: m.membershipId, status: 'present' });
          signIns.push(performance.now() - a);
        }
      });
      const signInWall = performance.now() - signInStart;
      log(
        `${members.length} sign-ins one by one: ${(signInWall / 1000).toFixed(1)} s; p50 ${percentile(signIns, 50).toFixed(2)} ms, p99 ${percentile(signIns, 99).toFixed(2)} ms`,
      );

      await t.ok('meetings.open', { id: meeting.id });
      const vote = (await t.ok('votes.create', {
        agendaItemId: item.id,
        title: null,
        mode: 'electronic',
        secrecy: 'secret',
      })) as Vote;
      await t.ok('votes.open', { id: vote.id });

      const choices = ['yes', 'yes', 'yes', 'no', 'abstain'] as const;
      const acks: number[] = [];
      let refused = 0;
      const start = performance.now();
      await profiled(prof, 'casts', () =>
        Promise.all(
          members.map(async (m, i) => {
            const res = await t.call('votes.cast', {
              id: vote.id,
              membershipId: m.membershipId,
              choice: choices[i % choices.length],
            });
            if (!res.ok) refused++;
            acks.push(performance.now() - start);
          }),
        ),
      );
      const wall = performance.now() - start;
      const g = groupCommitter(t.rt.db).stats;
      log(
        `${members.length} casts: ${refused} refused, ` +
          `all answered ${wall.toFixed(0)} ms after the first was sent (${(wall / members.length).toFixed(2)} ms a cast); ${g.groups} transactions, largest ${g.largest}`,
      );
      const closed = (await t.ok('votes.close', { id: vote.id })) as Vote;
      log(`result ${JSON.stringify(closed.result)}`);
      checkEqual(refused, 0, 'casts refused');
      const want = (c: string) => members.filter((_m, i) => choices[i % choices.length] === c).length;
      const r = closed.result!;
      check(
        r.yes === want('yes') && r.no === want('no') && r.abstain === want('abstain'),
        `result 赞成${want('yes')} 反对${want('no')} 弃权${want('abstain')}, got 赞成${r.yes} 反对${r.no} 弃权${r.abstain}`,
      );
      return [
        {
          benchmark: 'casts',
          metric: `${members.length} casts in process`,
          value: wall,
          target: TARGET_MS,
          note: `${refused} refused`,
        },
        { benchmark: 'casts', metric: 'cast ack p99 (all sent at once)', value: percentile(acks, 99), target: null },
        { benchmark: 'casts', metric: 'sign-in p99 (one desk)', value: percentile(signIns, 99), target: null },
      ];
    } finally {
      t.cleanup();
    }
  },
};
