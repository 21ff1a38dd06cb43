import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_ALPHABET, fingerprintCode, hashPart, parseFingerprint } from '../../shared/domain/fingerprint';

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

describe('fingerprint codes (shared/domain/fingerprint.ts)', () => {
  it('is the entry number and 11 hash characters plus a check character, grouped by four, in Crockford base 32', () => {
    // 0xffffffffffffff: 55 one-bits, every character Z.
    expect(hashPart('f'.repeat(64))).toBe('ZZZZZZZZZZZ');
    expect(hashPart('0'.repeat(64))).toBe('00000000000');
    const code = fingerprintCode(128, hash('x'));
    expect(code).toMatch(/^128-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(code).not.toMatch(/[ILOU]/);
    expect(code.replace(/-/g, '').slice(3, 14)).toBe(hashPart(hash('x')));
  });

  it('reads back what a clerk types or a scanner gives: case, spaces, dashes, O for 0, I and L for 1, a prefix', () => {
    for (let n = 1; n < 300; n += 7) {
      const code = fingerprintCode(n, hash(String(n)));
      const body = code.slice(code.indexOf('-'));
      expect(parseFingerprint(code)).toEqual({ ok: true, entryId: n, hashPart: hashPart(hash(String(n))), code });
      expect(parseFingerprint(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toMatchObject({ ok: true, code });
      expect(parseFingerprint(`议事台指纹：${code}`)).toMatchObject({ ok: true, code });
      expect(parseFingerprint(`第${n}条${body.replace(/0/g, 'O').replace(/1/g, 'l')}`)).toMatchObject({
        ok: true,
        code,
      });
    }
  });

  it('catches every single wrong character and nearly every swap of two neighbours', () => {
    let swaps = 0;
    let caught = 0;
    for (let n = 1; n < 60; n++) {
      const code = fingerprintCode(n * 37, hash(`e${n}`));
      const flat = code.replace(/-/g, '');
      for (let i = 0; i < flat.length; i++) {
        for (const c of FINGERPRINT_ALPHABET) {
          if (c === flat[i] || (i === 0 && c === '0')) continue;
          // A wrong digit in the entry number may only move a digit into the hash part; every such code fails too.
          expect(parseFingerprint(flat.slice(0, i) + c + flat.slice(i + 1)).ok, `${flat} @${i}→${c}`).toBe(false);
        }
        if (i + 1 < flat.length && flat[i] !== flat[i + 1]) {
          swaps++;
          if (!parseFingerprint(flat.slice(0, i) + flat[i + 1] + flat[i] + flat.slice(i + 2)).ok) caught++;
        }
      }
    }
    // Luhn mod 32 misses only the swap of the two symbols whose values sum to 31 in one parity (e.g. F↔G); rare.
    expect(caught / swaps).toBeGreaterThan(0.97);
  });

  it('refuses what cannot be a code, in Chinese', () => {
    expect(parseFingerprint('')).toEqual({ ok: false, message: '请输入结果文件上的指纹' });
    expect(parseFingerprint('12-ABCD')).toMatchObject({ ok: false, message: expect.stringContaining('指纹格式不对') });
    expect(parseFingerprint('12-ABCD-EFGH-JKMU')).toMatchObject({ ok: false, message: expect.stringContaining('U') });
  });
});
