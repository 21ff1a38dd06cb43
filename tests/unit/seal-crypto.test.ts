import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { NODE_SEAL_CRYPTO, boxBefore, boxKeyPair, sealCryptoReady } from '../../electron/services/seal-crypto';
import {
  TWEETNACL,
  fromBase64Url,
  generateKeyPair,
  openRequest,
  sealRequest,
  sealSession,
  sharedKeyCache,
  toBase64Url,
} from '../../shared/lan/seal';

describe("seal-crypto: the sealed LAN protocol's primitives as the host runs them", () => {
  it('gives the shared key nacl.box.before gives, for random keys either way round', () => {
    for (let i = 0; i < 60; i++) {
      const a = nacl.box.keyPair();
      const b = nacl.box.keyPair();
      const want = nacl.box.before(b.publicKey, a.secretKey);
      expect(Buffer.from(boxBefore(b.publicKey, a.secretKey)!).toString('hex')).toBe(Buffer.from(want).toString('hex'));
      expect(Buffer.from(boxBefore(a.publicKey, b.secretKey)!).toString('hex')).toBe(Buffer.from(want).toString('hex'));
    }
  });

  it('makes key pairs whose public key is the one tweetnacl derives from the secret', () => {
    for (let i = 0; i < 50; i++) {
      const k = boxKeyPair();
      expect(Buffer.from(k.publicKey).toString('hex')).toBe(
        Buffer.from(nacl.box.keyPair.fromSecretKey(k.secretKey).publicKey).toString('hex'),
      );
    }
  });

  it('refuses keys of the wrong length and a low-order point (no shared secret) instead of throwing', () => {
    const k = nacl.box.keyPair();
    expect(boxBefore(new Uint8Array(31), k.secretKey)).toBeNull();
    expect(boxBefore(k.publicKey, new Uint8Array(5))).toBeNull();
    expect(boxBefore(new Uint8Array(32), k.secretKey)).toBeNull();
  });

  it('interoperates with the page: a request the page seals with tweetnacl opens on the host with OpenSSL, and back', () => {
    const host = generateKeyPair();
    const secret = fromBase64Url(host.secretKey)!;
    const fromPage = sealRequest(host.publicKey, { credential: 'c', input: { roundId: 1 } });
    const opened = openRequest(secret, fromPage.body, NODE_SEAL_CRYPTO)!;
    expect(opened.value).toEqual({ credential: 'c', input: { roundId: 1 } });
    expect(fromPage.openReply(opened.sealReply({ ok: true }))).toEqual({ ok: true });
    const fromBench = sealRequest(host.publicKey, { n: 2 }, NODE_SEAL_CRYPTO);
    const back = openRequest(secret, fromBench.body)!;
    expect(back.value).toEqual({ n: 2 });
    // A forged ephemeral key (all zero: a low-order point) is refused, not opened.
    expect(
      openRequest(secret, { ...fromBench.body, epk: toBase64Url(new Uint8Array(32)) }, NODE_SEAL_CRYPTO),
    ).toBeNull();
  });

  it('decodes base64url as Node does, for every length, and refuses what is not base64url', () => {
    for (let n = 0; n < 80; n++) {
      const bytes = nacl.randomBytes(n);
      const text = Buffer.from(bytes).toString('base64url');
      expect(toBase64Url(bytes)).toBe(text);
      expect(Buffer.from(fromBase64Url(text)!).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
    }
    for (const bad of ['a', 'ab+c', 'ab/c', 'abc=', 'ab c', 'abcd\u00e9fgh', '中文字符'])
      expect(fromBase64Url(bad)).toBeNull();
  });

  it('seals and opens XSalsa20-Poly1305 boxes byte for byte as tweetnacl does, before and after libsodium loads', async () => {
    const check = () => {
      for (const n of [0, 1, 15, 16, 17, 1023, 1024, 4096]) {
        const key = nacl.randomBytes(32);
        const nonce = nacl.randomBytes(24);
        const m = nacl.randomBytes(n);
        const box = NODE_SEAL_CRYPTO.secretbox(m, nonce, key);
        expect(Buffer.from(box).toString('hex')).toBe(Buffer.from(nacl.secretbox(m, nonce, key)).toString('hex'));
        expect(Buffer.from(NODE_SEAL_CRYPTO.secretboxOpen(box, nonce, key)!).equals(Buffer.from(m))).toBe(true);
        const forged = box.slice();
        forged[forged.length - 1]! ^= 1;
        expect(NODE_SEAL_CRYPTO.secretboxOpen(forged, nonce, key)).toBeNull();
        expect(NODE_SEAL_CRYPTO.secretboxOpen(box.subarray(0, 5), nonce, key)).toBeNull();
      }
    };
    check();
    await sealCryptoReady;
    check();
  });

  it('decodes base64url exactly as the page does: the same bytes, and the same refusals', () => {
    for (let n = 0; n < 80; n++) {
      const bytes = nacl.randomBytes(n);
      const text = toBase64Url(bytes);
      expect(NODE_SEAL_CRYPTO.toBase64Url(bytes)).toBe(text);
      expect(Buffer.from(NODE_SEAL_CRYPTO.fromBase64Url(text)!).equals(Buffer.from(bytes))).toBe(true);
    }
    for (const bad of ['a', 'ab+c', 'ab/c', 'abc=', 'ab c', 'abcd\u00e9fgh', '中文字符', '\u0000abc'])
      expect([bad, NODE_SEAL_CRYPTO.fromBase64Url(bad)]).toEqual([bad, fromBase64Url(bad)]);
    // Pooled nonces are fresh each time.
    const seen = new Set(Array.from({ length: 2000 }, () => toBase64Url(NODE_SEAL_CRYPTO.randomBytes(24))));
    expect(seen.size).toBe(2000);
  });

  it("a page's session: one key pair for all its requests, opened on the host with one X25519 step", async () => {
    await sealCryptoReady;
    const host = generateKeyPair();
    const secret = fromBase64Url(host.secretKey)!;
    let steps = 0;
    const counting = { ...NODE_SEAL_CRYPTO, before: (pk: Uint8Array, sk: Uint8Array) => (steps++, boxBefore(pk, sk)) };
    const cache = sharedKeyCache(2);
    const page = sealSession(host.publicKey, TWEETNACL);
    const bodies = [1, 2, 3].map((n) => page.seal({ n }));
    expect(new Set(bodies.map((b) => b.body.epk)).size).toBe(1);
    expect(new Set(bodies.map((b) => b.body.nonce)).size).toBe(3);
    for (const [i, b] of bodies.entries()) {
      const opened = openRequest(secret, b.body, counting, cache)!;
      expect(opened.value).toEqual({ n: i + 1 });
      expect(b.openReply(opened.sealReply({ ok: i }))).toEqual({ ok: i });
    }
    expect(steps).toBe(1);
    // A forged box under a known key is refused (not opened with another), and a made-up key is never kept.
    const forged = { ...bodies[0]!.body, box: toBase64Url(nacl.randomBytes(1040)) };
    expect(openRequest(secret, forged, counting, cache)).toBeNull();
    expect(
      openRequest(secret, { ...forged, epk: toBase64Url(nacl.box.keyPair().publicKey) }, counting, cache),
    ).toBeNull();
    expect(cache.size).toBe(1);
    // The cache keeps the most recently used keys.
    const other = [sealSession(host.publicKey), sealSession(host.publicKey)];
    openRequest(secret, other[0]!.seal(1).body, counting, cache);
    openRequest(secret, bodies[0]!.body, counting, cache);
    openRequest(secret, other[1]!.seal(2).body, counting, cache);
    steps = 0;
    openRequest(secret, bodies[1]!.body, counting, cache);
    expect(steps).toBe(0);
    openRequest(secret, other[0]!.seal(3).body, counting, cache);
    expect(steps).toBe(1);
  });
});
