/**
 * Name order for lists and formal documents. 姓氏笔画 order is ICU's stroke collation (the convention of
 * 人大 documents: 丁 习 马 王 司 刘 张 李 周 欧 …); pinyin order is ICU's pinyin collation. Both exist in
 * Node and Chromium alike, so the console and printed exports agree. No hand-made stroke tables.
 */
export type NameOrder = 'stroke' | 'pinyin';

const collators: Record<NameOrder, Intl.Collator> = {
  stroke: new Intl.Collator('zh-CN-u-co-stroke'),
  pinyin: new Intl.Collator('zh-CN-u-co-pinyin'),
};

export function compareNames(order: NameOrder, a: string, b: string): number {
  return collators[order].compare(a, b);
}

export function sortByName<T>(items: readonly T[], order: NameOrder, name: (item: T) => string): T[] {
  const c = collators[order];
  return [...items].sort((a, b) => c.compare(name(a), name(b)));
}
