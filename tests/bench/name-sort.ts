import { sortByName } from '../../shared/domain/collation';
import { randomNames } from '../fixtures';
import { check, ms, percentile, type Benchmark } from './types';

/** Sorting a large roster in 姓氏笔画 order (stroke-order keys computed once per sort) and in pinyin order. */
export const nameSortBench: Benchmark = {
  name: 'name-sort',
  description: '3,000 names in 姓氏笔画 and pinyin order',
  async run(log) {
    const names = randomNames(3000);
    const time = (order: 'stroke' | 'pinyin') => {
      const sorted = sortByName(names, order, (s) => s); // warm-up, and what is checked
      check(
        sorted.length === names.length && [...sorted].sort().join() === [...names].sort().join(),
        `${order}: the sort returns the same ${names.length} names`,
      );
      // By the surname first: of the characters here 丁 has the fewest strokes (2) and 魏 the most (18); in pinyin 白 (bái) comes first and 邹 (zōu) last.
      const [first, last] = order === 'stroke' ? ['丁', '魏'] : ['白', '邹'];
      check(
        sorted[0]!.startsWith(first) && sorted.at(-1)!.startsWith(last),
        `${order}: first name starts with ${first}, last with ${last} (got ${sorted[0]} … ${sorted.at(-1)})`,
      );
      const samples = Array.from({ length: 20 }, () => {
        const t0 = performance.now();
        sortByName(names, order, (s) => s);
        return ms(t0);
      });
      return percentile(samples, 50);
    };
    const stroke = time('stroke');
    const pinyin = time('pinyin');
    log(`笔画 ${stroke.toFixed(1)} ms, 拼音 ${pinyin.toFixed(1)} ms (median of 20)`);
    return [
      { benchmark: 'name-sort', metric: '3,000 names, 笔画 (p50)', value: stroke, target: 50 },
      { benchmark: 'name-sort', metric: '3,000 names, pinyin (p50)', value: pinyin, target: 50 },
    ];
  },
};
