import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { lanLink, lanMethods, parseLanFragment } from '../../shared/contract/lan-api';
import {
  SEAL_BLOCK,
  fromBase64Url,
  generateKeyPair,
  openRequest,
  pad,
  sealRequest,
  toBase64Url,
  unpad,
} from '../../shared/lan/seal';

describe('sealed LAN messages (shared/lan/seal.ts)', () => {
  it('base64url round-trips every length and rejects other alphabets', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = nacl.randomBytes(n);
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(Array.from(fromBase64Url(text)!)).toEqual(Array.from(bytes));
    }
    expect(fromBase64Url('ab+/')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });

  it('pads to multiples of 1024 bytes, reversibly', () => {
    for (const n of [0, 1, 1023, 1024, 3000]) {
      const padded = pad(new Uint8Array(n).fill(7));
      expect(padded.length % SEAL_BLOCK).toBe(0);
      expect(padded.length).toBeGreaterThan(n);
      expect(unpad(padded)!.length).toBe(n);
    }
    expect(unpad(new Uint8Array(1024))).toBeNull();
  });

  it('a request sealed to the host opens only with its key, and the reply only with the request’s', () => {
    const host = generateKeyPair();
    const other = generateKeyPair();
    const hostSecret = fromBase64Url(host.secretKey)!;
    const { body, openReply } = sealRequest(host.publicKey, { credential: 'abc', input: { roundId: 3 } });
    expect(openRequest(fromBase64Url(other.secretKey)!, body)).toBeNull();
    const opened = openRequest(hostSecret, body)!;
    expect(opened.value).toEqual({ credential: 'abc', input: { roundId: 3 } });
    const reply = opened.sealReply({ ok: true, data: { n: 1 } });
    expect(openReply(reply)).toEqual({ ok: true, data: { n: 1 } });
    // Another request's key cannot open this reply; a flipped bit in the box is refused.
    expect(sealRequest(host.publicKey, {}).openReply(reply)).toBeUndefined();
    const box = fromBase64Url(body.box)!;
    box[5]! ^= 1;
    expect(openRequest(hostSecret, { ...body, box: toBase64Url(box) })).toBeNull();
    expect(openRequest(hostSecret, { ...body, v: 2 })).toBeNull();
    expect(openRequest(hostSecret, null)).toBeNull();
    expect(openRequest(hostSecret, { v: 1, epk: 'x', nonce: 'y', box: 'z' })).toBeNull();
  });

  it('requests for different choices have the same length and share no bytes of the plaintext', () => {
    const host = generateKeyPair();
    const seal = (choice: string) =>
      JSON.stringify(
        sealRequest(host.publicKey, {
          credential: 'A'.repeat(22),
          input: { roundId: 1, idempotencyKey: 'k'.repeat(16), ballot: { choice } },
        }).body,
      );
    const lengths = new Set(['yes', 'no', 'abstain'].map((c) => seal(c).length));
    expect(lengths.size).toBe(1);
    expect(seal('abstain')).not.toMatch(/abstain|AAAA/);
  });

  it('links carry the credential and key only in the fragment', () => {
    const link = lanLink('http://192.168.1.5:8800/', 't', 'c'.repeat(22), 'k'.repeat(43));
    expect(link).toBe(`http://192.168.1.5:8800/t/#c=${'c'.repeat(22)}&k=${'k'.repeat(43)}`);
    expect(parseLanFragment(new URL(link).hash)).toEqual({ credential: 'c'.repeat(22), hostPublicKey: 'k'.repeat(43) });
    expect(Object.keys(lanMethods)).toEqual([
      'terminal.state',
      'terminal.cast',
      'desk.state',
      'desk.search',
      'desk.signIn',
    ]);
  });
});
