/** The roster search box: matches a name, its full pinyin, its initials ("zs" finds 张三), or a seat number. */
export interface Searchable {
  name: string;
  pinyin: string;
  initials: string;
  seatNo?: string | null;
  phone?: string | null;
}

export function matchesQuery(item: Searchable, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return true;
  if (item.name.includes(q)) return true;
  if (/^[a-z]+$/.test(q)) return item.initials.startsWith(q) || item.pinyin.startsWith(q) || item.pinyin.includes(q);
  if (/^\d+$/.test(q)) return item.seatNo === q || (q.length >= 4 && !!item.phone?.includes(q));
  return false;
}
