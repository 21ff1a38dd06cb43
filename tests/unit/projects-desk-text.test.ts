import { describe, expect, it } from 'vitest';
import { roundVerdict } from '../../renderer/src/console/projects/verdict';
import { styleHint } from '../../renderer/src/console/projects/ballotKeys';

const rows = (chosen: number, total = 12) =>
  Array.from({ length: total }, (_v, i) => ({ chosen: i < chosen }) as never);

describe('the headline of a counted 票决 round', () => {
  it('says 确定, not 当选, and is a success only when every seat is filled', () => {
    expect(roundVerdict({ outcome: 'decided', rows: rows(10) }, 10)).toEqual({ cls: 'decided', text: '确定10项' });
    // A runoff that filled no seat (118 and 92 votes when 151 were needed) is not shown as a success.
    expect(roundVerdict({ outcome: 'decided', rows: rows(0, 2) }, 1)).toEqual({
      cls: 'short',
      text: '确定0项，应选1项',
    });
    expect(roundVerdict({ outcome: 'decided', rows: rows(9) }, 10)).toEqual({
      cls: 'short',
      text: '确定9项，应选10项',
    });
    expect(roundVerdict({ outcome: 'tie', rows: rows(8) }, 10)).toEqual({ cls: 'tie', text: '确定8项，平票待再投' });
    expect(roundVerdict({ outcome: 'void', rows: [] }, 10)).toEqual({ cls: 'void', text: '本轮无效' });
  });
});

describe('the paper desk hint', () => {
  it('gives examples from the ballot itself, so a runoff between 4 and 9 does not suggest 12', () => {
    const runoff = styleHint('choose', [{ number: 9 }, { number: 4 }]);
    expect(runoff).toBe('输入勾选的项目编号，如 4');
    const full = styleHint(
      'choose',
      Array.from({ length: 12 }, (_v, i) => ({ number: i + 1 })),
    );
    expect(full).toContain('如 1 2 12；连续的写成 1-3；以 * 开头则输入未勾的编号，如 *12 即除12号外全部');
    expect(styleHint('approve', [{ number: 4 }, { number: 9 }])).toBe(
      '赞成直接输入编号，反对在编号前加 -，弃权加 /，如 4 -9',
    );
    expect(styleHint('rank', [{ number: 2 }, { number: 5 }, { number: 7 }])).toBe(
      '按选票上的名次顺序输入项目编号，如 7 2 5',
    );
  });
});
