import { pinyin } from 'pinyin-pro';

/**
 * Pinyin of a person's name for search: full syllables and initials, without tones. The first character is
 * read as a surname (单 shan, 曾 zeng, 解 xie), as pinyin-pro's surname mode does.
 */
export function namePinyin(name: string): { pinyin: string; initials: string } {
  const han = name.replace(/[·•.\s]/g, '');
  const syllables = pinyin(han, { toneType: 'none', surname: 'head', type: 'array', nonZh: 'consecutive', v: true });
  const parts = syllables.map((s) => s.toLowerCase().replace(/[^a-z]/g, '')).filter(Boolean);
  return { pinyin: parts.join(''), initials: parts.map((s) => s[0]).join('') };
}
