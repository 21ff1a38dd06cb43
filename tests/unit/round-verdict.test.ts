import { describe, expect, it } from 'vitest';
import { roundVerdict } from '../../renderer/src/console/projects/verdict';

const rows = (chosen: number, total = 12) => Array.from({ length: total }, (_v, i) => ({ chosen: i < chosen }) as never);

describe('the headline of a counted 票决 round', () => {
  it('says 确定, not 当选, and is a success only when every seat is filled', () => {
    expect(roundVerdict({ outcome: 'decided', rows: rows(10) }, 10)).toEqual({ cls: 'decided', text: '确定10项' });
    // A runoff that filled no seat (118 and 92 votes when 151 were needed) is not shown as a success.
    expect(roundVerdict({ outcome: 'decided', rows: rows(0, 2) }, 1)).toEqual({ cls: 'short', text: '确定0项，应选1项' });
    expect(roundVerdict({ outcome: 'decided', rows: rows(9) }, 10)).toEqual({ cls: 'short', text: '确定9项，应选10项' });
    expect(roundVerdict({ outcome: 'tie', rows: rows(8) }, 10)).toEqual({ cls: 'tie', text: '确定8项，平票待再投' });
    expect(roundVerdict({ outcome: 'void', rows: [] }, 10)).toEqual({ cls: 'void', text: '本轮无效' });
  });
});
