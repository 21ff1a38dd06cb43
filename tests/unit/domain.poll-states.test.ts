import { describe, expect, it } from 'vitest';
import {
  resultOnScreen,
  roundStatusLabels,
  stepRefusal,
  stepsOf,
  type RoundShape,
  type RoundStatus,
} from '../../shared/domain/poll-states';

/** The round states as data (shared/domain/poll-states.ts): every mode, status and kind of paper, step by step. */

const STATUSES: RoundStatus[] = ['pending', 'open', 'counting', 'closed'];
const shape = (mode: RoundShape['mode'], status: RoundStatus, paperKeyed = false): RoundShape => ({
  mode,
  status,
  paperKeyed,
});

describe('stepsOf', () => {
  it('offers each mode its own steps in each state, in the order a clerk takes them', () => {
    const table = (mode: RoundShape['mode'], paperKeyed = false) =>
      Object.fromEntries(STATUSES.map((s) => [s, stepsOf(shape(mode, s, paperKeyed))]));
    const closed = ['nextRound', 'reveal'];
    expect(table('electronic')).toEqual({
      pending: ['open'],
      open: ['cast', 'stopVoting', 'close'],
      counting: ['close'],
      closed,
    });
    expect(table('electronic', true)).toEqual(table('electronic'));
    expect(table('hands')).toEqual({ pending: ['open'], open: ['enterCounts', 'close'], counting: [], closed });
    expect(table('hands', true)).toEqual(table('hands'));
    // Keyed paper (票决, 测评): stop, key twice and check the count sheet, then count; never counts entered by hand.
    expect(table('paper', true)).toEqual({
      pending: ['open'],
      open: ['stopVoting', 'countSheet'],
      counting: ['paperEnter', 'countSheet', 'close'],
      closed,
    });
    // Paper counted on the spot (motions): counts while open, no stop and no keying.
    expect(table('paper')).toEqual({ pending: ['open'], open: ['enterCounts', 'close'], counting: ['close'], closed });
  });
});

describe('stepRefusal', () => {
  const what = '表决“关于预算调整的决议”';
  it('is null for a step that applies', () => {
    for (const mode of ['electronic', 'hands', 'paper'] as const)
      for (const keyed of [false, true])
        for (const status of STATUSES) {
          for (const step of stepsOf(shape(mode, status, keyed)))
            expect(stepRefusal(step, shape(mode, status, keyed), what), `${mode} ${status} ${step}`).toBeNull();
        }
  });

  it('names a step the mode does not have', () => {
    expect(stepRefusal('cast', shape('hands', 'open'), what)).toBe(`${what}是举手表决，没有“投票”这一步`);
    expect(stepRefusal('cast', shape('paper', 'open', true), what)).toBe(`${what}是纸质选票，没有“投票”这一步`);
    expect(stepRefusal('paperEnter', shape('paper', 'counting'), what)).toBe(`${what}是纸质票，没有“录入选票”这一步`);
    expect(stepRefusal('stopVoting', shape('paper', 'open'), what)).toBe(`${what}是纸质票，没有“停止投票”这一步`);
    expect(stepRefusal('enterCounts', shape('paper', 'open', true), what)).toBe(
      `${what}是纸质选票，没有“录入票数”这一步`,
    );
    expect(stepRefusal('enterCounts', shape('electronic', 'open'), what)).toBe(
      `${what}是电子投票，没有“录入票数”这一步`,
    );
  });

  it('names the state a step cannot start from, with the hint where there is one', () => {
    expect(stepRefusal('open', shape('electronic', 'open'), what)).toBe(`${what}正在投票，不能开始投票`);
    expect(stepRefusal('cast', shape('electronic', 'closed'), what)).toBe(`${what}已经结束，不能投票`);
    expect(stepRefusal('close', shape('paper', 'open', true), what)).toBe(
      `${what}正在投票，不能结束并计票（须先停止投票并录入选票）`,
    );
    expect(stepRefusal('close', shape('electronic', 'pending'), what)).toBe(`${what}尚未开始，不能结束并计票`);
    expect(stepRefusal('close', shape('paper', 'pending', true), what)).toBe(`${what}尚未开始，不能结束并计票`);
    expect(stepRefusal('reveal', shape('electronic', 'open'), what)).toBe(`${what}正在投票，不能公布（须先结束本轮）`);
    expect(stepRefusal('nextRound', shape('hands', 'pending'), what)).toBe(
      `${what}尚未开始，不能安排下一轮（须先结束本轮）`,
    );
    expect(stepRefusal('paperEnter', shape('paper', 'open', true), what)).toBe(`${what}正在投票，不能录入选票`);
    expect(stepRefusal('stopVoting', shape('electronic', 'counting'), what)).toBe(`${what}正在计票，不能停止投票`);
  });

  it('labels every state in Chinese', () => {
    expect(roundStatusLabels).toEqual({
      pending: '尚未开始',
      open: '正在投票',
      counting: '正在计票',
      closed: '已经结束',
    });
  });
});

describe('resultOnScreen', () => {
  it('is true only for a closed round after 公布', () => {
    const table = STATUSES.flatMap((status) =>
      [false, true].map((revealed) => [status, revealed, resultOnScreen(status, revealed)]),
    );
    expect(table.filter(([, , shown]) => shown)).toEqual([['closed', true, true]]);
  });
});
