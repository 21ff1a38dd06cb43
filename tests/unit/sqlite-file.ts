/**
 * Reading a SQLite file's pages by hand, as someone holding a copy of the disk would: the tests that check what a
 * data file reveals of a secret ballot (its order, leftovers) look at the bytes, not at what SQL returns.
 */

/** SQLite varint at `at`: [value, next offset]. */
export function varint(b: Buffer, at: number): [number, number] {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const x = b[at + i]!;
    v = v * 128 + (x & 0x7f);
    if (!(x & 0x80)) return [v, at + i + 1];
  }
  return [v * 256 + b[at + 8]!, at + 9];
}

/**
 * The column values of the record at `recordAt` in a page: integers, text (utf8), blobs (hex), null; a serial type
 * these tables never use (floats, 6- and 8-byte integers, the reserved ones) reads as undefined.
 */
export function recordValues(page: Buffer, recordAt: number): unknown[] {
  const [headerSize, typesAt] = varint(page, recordAt);
  const types: number[] = [];
  for (let p = typesAt; p < recordAt + headerSize;) {
    const [type, next] = varint(page, p);
    types.push(type);
    p = next;
  }
  const values: unknown[] = [];
  let d = recordAt + headerSize;
  for (const type of types) {
    if (type === 0) values.push(null);
    else if (type === 8 || type === 9) values.push(type - 8);
    else if (type >= 1 && type <= 4) {
      values.push(page.readIntBE(d, type));
      d += type;
    } else if (type >= 12) {
      const len = Math.floor((type - 12) / 2);
      values.push(type % 2 ? page.subarray(d, d + len).toString('utf8') : page.subarray(d, d + len).toString('hex'));
      d += len;
    } else values.push(undefined);
  }
  return values;
}
