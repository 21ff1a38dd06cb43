import { compareStrokeKeyed, strokeKey } from './stroke-order';

/**
 * Name order for lists and formal documents. 姓氏笔画 order is the official convention (stroke count, then the
 * strokes 横竖撇点折 in writing order, 单名在前; see stroke-order.ts) — ICU's stroke collation breaks ties by
 * radical and gets 李/张 and 欧/单 backwards, so it is not used. Pinyin order is ICU's pinyin collation. Both
 * run the same in Node and Chromium, so the console and printed exports agree.
 */
export type NameOrder = 'stroke' | 'pinyin';

const pinyin = new Intl.Collator('zh-CN-u-co-pinyin');

export function compareNames(order: NameOrder, a: string, b: string): number {
  if (order === 'pinyin') return pinyin.compare(a, b);
  return compareStrokeKeyed({ key: strokeKey(a), name: a }, { key: strokeKey(b), name: b });
}

/** A sorted copy. Stroke keys are computed once per item, not inside the comparator. */
export function sortByName<T>(items: readonly T[], order: NameOrder, name: (item: T) => string): T[] {
  if (order === 'pinyin') return [...items].sort((a, b) => pinyin.compare(name(a), name(b)));
  const keyed = items.map((item) => {
    const n = name(item);
    return { item, name: n, key: strokeKey(n) };
  });
  return keyed.sort(compareStrokeKeyed).map((k) => k.item);
}
