/**
 * The fingerprint printed on a result document (issue 12 item 2): the audit entry that recorded the result, as a
 * code a clerk can read aloud and type back, e.g. "128-7KQ4-M2XP-9HTW": the entry's number, then 11 characters of
 * its hash and one check character, in groups of four.
 *
 * The alphabet is Crockford's base 32 (digits and letters without I, L, O, U), so nothing reads as something else;
 * when typed back, O is read as 0 and I/L as 1, case, spaces and dashes do not matter. The check character (Luhn
 * mod 32 over the number's digits and the hash characters) catches any one wrong character and nearly every swap
 * of two neighbours, so a typo is told apart from a chain that was changed. 55 bits of hash: no edit made to find
 * a hash matching a printed code is practical.
 */

export const FINGERPRINT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const HASH_CHARS = 11;

/** Hash characters of a SHA-256 hex digest: its first 55 bits, 5 per character. */
export function hashPart(hashHex: string): string {
  let bits = '';
  for (const h of hashHex.slice(0, 14)) bits += parseInt(h, 16).toString(2).padStart(4, '0');
  let out = '';
  for (let i = 0; i < HASH_CHARS; i++) out += FINGERPRINT_ALPHABET[parseInt(bits.slice(i * 5, i * 5 + 5), 2)]!;
  return out;
}

/** Luhn mod N (N = 32) over the symbols, so the check character is in the same alphabet. */
function checkChar(symbols: string): string {
  const n = FINGERPRINT_ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = symbols.length - 1; i >= 0; i--) {
    let addend = factor * FINGERPRINT_ALPHABET.indexOf(symbols[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return FINGERPRINT_ALPHABET[(n - (sum % n)) % n]!;
}

const grouped = (entryId: number, body: string) =>
  `${entryId}-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}`;

/** The code of an audit entry: "128-7KQ4-M2XP-9HTW". */
export function fingerprintCode(entryId: number, hashHex: string): string {
  const part = hashPart(hashHex);
  return grouped(entryId, part + checkChar(String(entryId) + part));
}

export type ParsedFingerprint =
  { ok: true; entryId: number; hashPart: string; code: string } | { ok: false; message: string };

/**
 * A code as typed or scanned, back into entry number and hash characters; a scan may carry a prefix ("议事台指纹：…").
 * Refuses, in Chinese, what cannot be a code or fails its check character.
 */
export function parseFingerprint(input: string): ParsedFingerprint {
  const cleaned = input
    .toUpperCase()
    .replace(/^.*[:：]/, '')
    .replace(/[\s\-－—_·.第条]/g, '')
    .replace(/[O]/g, '0')
    .replace(/[IL]/g, '1');
  if (!cleaned) return { ok: false, message: '请输入结果文件上的指纹' };
  const m = /^(\d{1,9})([0-9A-Z]{12})$/.exec(cleaned);
  if (!m) return { ok: false, message: '指纹格式不对：应为“条目号-四位-四位-四位”，如“128-7KQ4-M2XP-9HTW”' };
  const entryId = Number(m[1]);
  const body = m[2]!;
  if ([...body].some((c) => !FINGERPRINT_ALPHABET.includes(c)))
    return { ok: false, message: '指纹中有不会出现的字母（U），请核对' };
  const part = body.slice(0, HASH_CHARS);
  if (entryId < 1 || checkChar(String(entryId) + part) !== body[HASH_CHARS]) {
    return { ok: false, message: '校验位不符：指纹可能抄错或输错了一位，请与纸面逐位核对后重输' };
  }
  return { ok: true, entryId, hashPart: part, code: grouped(entryId, body) };
}
