import cncharOrder from 'cnchar-order';

/**
 * 姓氏笔画 order as official name lists use it ("按姓氏笔画为序"): the surname's stroke count, then its strokes
 * in writing order compared as the five basic strokes 横 1、竖 2、撇 3、点 4、折 5 (GB 13000.1 字符集汉字笔顺
 * 规范); under one surname, one-character given names before two-character ones (单名在前), each group ordered
 * the same way character by character. Checked against the published 中央政治局委员 lists (tests/unit).
 *
 * Stroke sequences come from cnchar-order's dictionary (6,939 simplified characters, bundled as data: nothing
 * is fetched). Only the plugin's data is read; cnchar's core is not loaded at run time because it adds
 * `spell` and `stroke` to String.prototype.
 *
 * Simplifications, on purpose:
 * - The surname is the first character. Compound surnames (欧阳, 司马, 诸葛) sort by their first character like
 *   official lists do; the second character then counts as part of the given name (so 欧文 comes before 欧阳修).
 * - Separators (the middle dot of 买买提·艾力, spaces used to pad 王  毅) are not characters of the name.
 * - A character the dictionary does not know (rare or traditional forms, Latin letters) sorts after every known
 *   one in the same position, by code point, and is reported by `unknownStrokeChars` so the list can say so.
 */

/** cnchar's stroke letters (its stroke-table) mapped to the five basic strokes of GB 13000.1. */
const BASIC_STROKE: Record<string, string> = {
  j: '1',
  i: '1', // 横, 提 (提 counts as 横)
  f: '2',
  g: '2', // 竖, 竖钩 (竖钩 counts as 竖)
  s: '3', // 撇
  k: '4',
  d: '4',
  l: '4', // 点, 点 (variant), 捺 (捺 counts as 点)
  // Every turning stroke is 折: 横折 横撇/横钩 横折钩 横折提 横折弯/横折折 横折折折 横折折撇 横撇弯钩/横折折折钩
  // 横斜钩 竖弯 竖弯钩 竖折折钩 竖折撇/竖折折 竖提 撇折 撇点 弯钩 斜钩/卧钩.
  c: '5',
  e: '5',
  r: '5',
  p: '5',
  v: '5',
  q: '5',
  a: '5',
  w: '5',
  o: '5',
  b: '5',
  u: '5',
  z: '5',
  x: '5',
  h: '5',
  n: '5',
  m: '5',
  t: '5',
  y: '5',
};

const orders = (cncharOrder as unknown as { dict: { orders: Record<string, string> } }).dict.orders;

const SEPARATOR = /[\s·•・‧.．\-－]/u;

/** The strokes of one character as digits 1–5 in writing order ('31' for 人), or null if the dictionary lacks it. */
export function strokeSequence(char: string): string | null {
  const letters = Object.hasOwn(orders, char) ? orders[char] : undefined;
  if (!letters) return null;
  let digits = '';
  for (const l of letters) {
    const d = BASIC_STROKE[l];
    if (!d) return null;
    digits += d;
  }
  return digits;
}

// Each character becomes a fixed-shape segment so that whole names compare as plain strings: one code unit for
// the stroke count, then the strokes (same count ⇒ same length, so segments never run into each other).
// Unknown characters get a count above any real one, then their code point in six hex digits.
const UNKNOWN = String.fromCharCode(0x100);
const segmentCache = new Map<string, string>();

function segment(char: string): string {
  let s = segmentCache.get(char);
  if (s === undefined) {
    const seq = strokeSequence(char);
    s =
      seq === null
        ? UNKNOWN + char.codePointAt(0)!.toString(16).padStart(6, '0')
        : String.fromCharCode(0x30 + seq.length) + seq;
    segmentCache.set(char, s);
  }
  return s;
}

function nameChars(name: string): string[] {
  return [...name.normalize('NFC')].filter((c) => !SEPARATOR.test(c));
}

/**
 * A sort key for a full name: compare keys as plain strings (`<`), never with localeCompare. Surname first, then
 * the given name's length in characters (单名在前), then the given name's characters.
 */
export function strokeKey(name: string): string {
  const chars = nameChars(name);
  if (chars.length === 0) return '';
  const [surname, ...given] = chars;
  return segment(surname!) + String.fromCharCode(0x30 + Math.min(given.length, 0xff)) + given.map(segment).join('');
}

/** The characters of a name that have no stroke data (so its place in a 笔画 list is a guess to check by hand). */
export function unknownStrokeChars(name: string): string[] {
  return [...new Set(nameChars(name).filter((c) => strokeSequence(c) === null))];
}

/** The warning shown beside such a name (in the console and as a comment in exports), or null if all is known. */
export function strokeOrderNote(name: string): string | null {
  const unknown = unknownStrokeChars(name);
  if (unknown.length === 0) return null;
  return `笔顺库未收录“${unknown.join('、')}”，按姓氏笔画排序时排在已收录的字之后，位置请人工核对`;
}

/** Compares two precomputed keys, with the names themselves (code points) breaking ties such as 人 / 入 / 八. */
export function compareStrokeKeyed(a: { key: string; name: string }, b: { key: string; name: string }): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
