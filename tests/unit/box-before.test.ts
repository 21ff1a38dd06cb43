import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { NODE_BOX_KEYS, boxBefore, boxKeyPair } from '../../electron/services/box-before';
import { fromBase64Url, generateKeyPair, openRequest, sealRequest, toBase64Url } from '../../shared/lan/seal';

describe('box-before: the X25519 steps of the sealed LAN protocol done by OpenSSL', () => {
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
    const opened = openRequest(secret, fromPage.body, NODE_BOX_KEYS)!;
    expect(opened.value).toEqual({ credential: 'c', input: { roundId: 1 } });
    expect(fromPage.openReply(opened.sealReply({ ok: true }))).toEqual({ ok: true });
    const fromBench = sealRequest(host.publicKey, { n: 2 }, NODE_BOX_KEYS);
    const back = openRequest(secret, fromBench.body)!;
    expect(back.value).toEqual({ n: 2 });
    // A forged ephemeral key (all zero: a low-order point) is refused, not opened.
    expect(openRequest(secret, { ...fromBench.body, epk: toBase64Url(new Uint8Array(32)) }, NODE_BOX_KEYS)).toBeNull();
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
});
