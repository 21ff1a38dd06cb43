import nacl from 'tweetnacl';

/**
 * Sealed LAN messages (issue 13 item 8): the hall's Wi-Fi is not private, so every request of a terminal or a
 * desk is sealed to the host's X25519 public key with a fresh ephemeral key (nacl.box: X25519 + XSalsa20-Poly1305),
 * and the reply is sealed with the same shared key. Plaintexts are padded to the next multiple of 1024 bytes, so a
 * request's length says nothing about the choice in it. Pure: the same code runs in the phone's page and the host.
 */

export const SEAL_VERSION = 1;
/** Every sealed plaintext is a multiple of this many bytes. */
export const SEAL_BLOCK = 1024;

export interface SealedRequest {
  v: 1;
  /** The sender's ephemeral public key. */
  epk: string;
  nonce: string;
  box: string;
}
export interface SealedReply {
  nonce: string;
  box: string;
}
export interface KeyPair {
  publicKey: string;
  secretKey: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Character code → its 6 bits, 255 for a character outside the alphabet (a table: the host decodes every request). */
const LOOKUP = new Uint8Array(128).fill(255);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** base64url without padding (RFC 4648 §5): safe in a URL fragment and a JSON string. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** The bytes of a base64url string, or null when it is not one. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (typeof text !== 'string' || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  const at = (i: number) => {
    const c = text.charCodeAt(i);
    return c < 128 ? LOOKUP[c]! : 255;
  };
  let o = 0;
  let i = 0;
  for (; i + 4 <= text.length; i += 4) {
    const a = at(i),
      b = at(i + 1),
      c = at(i + 2),
      d = at(i + 3);
    // 255 (not in the alphabet) is the only value with its top bit set.
    if ((a | b | c | d) & 0x80) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  const rest = text.length - i;
  if (rest) {
    const a = at(i),
      b = at(i + 1),
      c = rest > 2 ? at(i + 2) : 0;
    if ((a | b | c) & 0x80) return null;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = n >> 16;
    if (rest > 2) out[o++] = (n >> 8) & 255;
  }
  return out.subarray(0, o);
}

/** UTF-8, then 0x80 and zeros up to the next multiple of SEAL_BLOCK (ISO/IEC 7816-4 padding: always reversible). */
export function pad(bytes: Uint8Array): Uint8Array {
  const size = Math.ceil((bytes.length + 1) / SEAL_BLOCK) * SEAL_BLOCK;
  const out = new Uint8Array(size);
  out.set(bytes);
  out[bytes.length] = 0x80;
  return out;
}

export function unpad(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length === 0 || bytes.length % SEAL_BLOCK !== 0) return null;
  let i = bytes.length - 1;
  while (i >= 0 && bytes[i] === 0) i--;
  return i >= 0 && bytes[i] === 0x80 ? bytes.subarray(0, i) : null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function sealWith(c: SealCrypto, sharedKey: Uint8Array, value: unknown): SealedReply {
  const nonce = c.randomBytes(nacl.box.nonceLength);
  const box = c.secretbox(pad(encoder.encode(JSON.stringify(value))), nonce, sharedKey);
  return { nonce: c.toBase64Url(nonce), box: c.toBase64Url(box) };
}

function openWith(c: SealCrypto, sharedKey: Uint8Array, sealed: { nonce?: unknown; box?: unknown }): unknown {
  const nonce = typeof sealed?.nonce === 'string' ? c.fromBase64Url(sealed.nonce) : null;
  const box = typeof sealed?.box === 'string' ? c.fromBase64Url(sealed.box) : null;
  if (!nonce || nonce.length !== nacl.box.nonceLength || !box) return undefined;
  const plain = c.secretboxOpen(box, nonce, sharedKey);
  const text = plain && unpad(plain);
  if (!text) return undefined;
  try {
    return JSON.parse(decoder.decode(text));
  } catch {
    return undefined;
  }
}

/** A fresh X25519 key pair (the host's, kept in lan-key.json in the data folder). */
export function generateKeyPair(): KeyPair {
  const k = nacl.box.keyPair();
  return { publicKey: toBase64Url(k.publicKey), secretKey: toBase64Url(k.secretKey) };
}

export function isPublicKey(text: string): boolean {
  return fromBase64Url(text)?.length === nacl.box.publicKeyLength;
}

/**
 * The primitives of a sealed message, pluggable: tweetnacl's (the page's) by default. The host passes faster ones
 * that give the same bytes (electron/services/seal-crypto.ts: X25519 by OpenSSL, XSalsa20-Poly1305 by libsodium,
 * base64 by Node). `before` (nacl.box.before) returns null for a key that gives no shared secret; `secretboxOpen`
 * returns null for a box that does not verify.
 */
export interface SealCrypto {
  keyPair(): { publicKey: Uint8Array; secretKey: Uint8Array };
  before(publicKey: Uint8Array, secretKey: Uint8Array): Uint8Array | null;
  secretbox(message: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array;
  secretboxOpen(box: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array | null;
  randomBytes(n: number): Uint8Array;
  toBase64Url(bytes: Uint8Array): string;
  fromBase64Url(text: string): Uint8Array | null;
}
export const TWEETNACL: SealCrypto = {
  keyPair: () => nacl.box.keyPair(),
  before: (pk, sk) => nacl.box.before(pk, sk),
  secretbox: (m, n, k) => nacl.secretbox(m, n, k),
  secretboxOpen: (b, n, k) => nacl.secretbox.open(b, n, k),
  randomBytes: (n) => nacl.randomBytes(n),
  toBase64Url,
  fromBase64Url,
};

/**
 * The page's key for talking to the host: an ephemeral X25519 pair made when the page opens and kept in its memory
 * until it closes, so the X25519 step (1 ms of tweetnacl on a phone, 0.08 ms of OpenSSL on the host) is done once per
 * page, not once per request; the host keeps the shared key it found for the pair (sharedKeyCache). Each request is
 * still sealed with a fresh random nonce. What a listener learns from the repeated public key is only that two
 * requests came from the same page, which the phone's address tells it anyway (docs/trust-model.md).
 */
export interface SealSession {
  /** Seals `value` to the host: the body to POST and the function that opens the host's reply (undefined when the
   * reply was not sealed with this session's key). */
  seal(value: unknown): { body: SealedRequest; openReply(reply: SealedReply): unknown };
  /** The key this session shares with the host, for a load generator that opens replies elsewhere (openReply). */
  sharedKey: Uint8Array;
  /** The page's public key, as every request of the session carries it. */
  epk: string;
}

export function sealSession(hostPublicKey: string, c: SealCrypto = TWEETNACL): SealSession {
  const hostKey = fromBase64Url(hostPublicKey);
  if (!hostKey || hostKey.length !== nacl.box.publicKeyLength) throw new Error('主机公钥无效：请重新扫描二维码');
  const eph = c.keyPair();
  const shared = c.before(hostKey, eph.secretKey);
  eph.secretKey.fill(0);
  if (!shared) throw new Error('主机公钥无效：请重新扫描二维码');
  return resumeSession(toBase64Url(eph.publicKey), shared, c);
}

/** A session made elsewhere, from its public key and shared key (a load generator's other thread). */
export function resumeSession(epk: string, shared: Uint8Array, c: SealCrypto = TWEETNACL): SealSession {
  return {
    seal(value) {
      const { nonce, box } = sealWith(c, shared, value);
      return { body: { v: SEAL_VERSION, epk, nonce, box }, openReply: (reply) => openWith(c, shared, reply) };
    },
    sharedKey: shared,
    epk,
  };
}

/** One request sealed with a session of its own (a fresh key pair): for a caller that sends one request. */
export function sealRequest(
  hostPublicKey: string,
  value: unknown,
  c: SealCrypto = TWEETNACL,
): { body: SealedRequest; sharedKey: Uint8Array; openReply(reply: SealedReply): unknown } {
  const session = sealSession(hostPublicKey, c);
  return { ...session.seal(value), sharedKey: session.sharedKey };
}

/**
 * The shared keys the host has found, by the sender's public key: the most recently used `limit` of them (a hall of
 * 3,376 phones, each reloading its page a few times, fits in the default). A key is kept only after a request sealed
 * with it opened, so a stream of made-up keys costs their X25519 steps but pushes out no more than `limit` entries.
 */
export interface SharedKeyCache {
  get(epk: string): Uint8Array | undefined;
  set(epk: string, shared: Uint8Array): void;
  readonly size: number;
}
export function sharedKeyCache(limit = 16_384): SharedKeyCache {
  const keys = new Map<string, Uint8Array>();
  return {
    get(epk) {
      const k = keys.get(epk);
      if (k) {
        // Most recently used last: the first in the map is the one to forget.
        keys.delete(epk);
        keys.set(epk, k);
      }
      return k;
    },
    set(epk, shared) {
      if (keys.size >= limit && !keys.has(epk)) keys.delete(keys.keys().next().value!);
      keys.set(epk, shared);
    },
    get size() {
      return keys.size;
    },
  };
}

/** A reply opened with the shared key of its request (undefined when it was not sealed with it). */
export const openReply = (sharedKey: Uint8Array, reply: SealedReply, c: SealCrypto = TWEETNACL): unknown =>
  openWith(c, sharedKey, reply);

/**
 * The host's side: opens a sealed request with the host's secret key. Null when the body is not a request sealed
 * to this host (wrong version, key, nonce or a forged box); otherwise its value and the function sealing the reply.
 * With `cache`, the X25519 step is skipped for a sender key seen before (a page's session, sealSession).
 */
export function openRequest(
  hostSecretKey: Uint8Array,
  body: unknown,
  c: SealCrypto = TWEETNACL,
  cache?: SharedKeyCache,
): { value: unknown; sealReply(value: unknown): SealedReply } | null {
  const b = body as Partial<SealedRequest> | null;
  if (!b || typeof b !== 'object' || b.v !== SEAL_VERSION || typeof b.epk !== 'string') return null;
  let shared = cache?.get(b.epk);
  const known = shared !== undefined;
  if (!shared) {
    const epk = c.fromBase64Url(b.epk);
    if (!epk || epk.length !== nacl.box.publicKeyLength) return null;
    shared = c.before(epk, hostSecretKey) ?? undefined;
    if (!shared) return null;
  }
  const value = openWith(c, shared, b);
  if (value === undefined) return null;
  if (!known) cache?.set(b.epk, shared);
  const key = shared;
  return { value, sealReply: (v) => sealWith(c, key, v) };
}
