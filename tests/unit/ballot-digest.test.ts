import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ballotDigest, recordsDigest, resultDigest } from '../../electron/db/ballot-digest';

/**
 * The digests written into close and import audit entries (electron/db/ballot-digest.ts): computed here from their
 * definition, so a change of what goes in (a section's name, a cell's form, the order, the keys) fails.
 */
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('ballotDigest', () => {
  it('is the SHA-256 of each section’s name line and one JSON line per row, blobs as hex', () => {
    const sections = [
      [
        'ballots',
        [
          [0, 3, 0, 0, Buffer.from([1, 2, 255]), 0],
          [1, 0, 1, 0, null, 1],
        ],
      ],
      ['named', [[7, 'yes']]],
      ['entries', []],
    ] as const;
    expect(ballotDigest(sections)).toBe(
      sha('#ballots\n[0,3,0,0,"hex:0102ff",0]\n[1,0,1,0,null,1]\n#named\n[7,"yes"]\n#entries\n'),
    );
    // A Uint8Array cell (as better-sqlite3 may hand a blob) is written the same as a Buffer.
    expect(ballotDigest([['ballots', [[Uint8Array.of(1, 2, 255)]]]])).toBe(
      ballotDigest([['ballots', [[Buffer.from([1, 2, 255])]]]]),
    );
    expect(ballotDigest([['ballots', [['hex:0102ff']]]])).toBe(
      ballotDigest([['ballots', [[Buffer.from([1, 2, 255])]]]]),
    );
  });

  it('changes with any cell, the order of rows, a section’s name or where a row falls', () => {
    const base = ballotDigest([
      [
        'ballots',
        [
          [1, 2],
          [3, 4],
        ],
      ],
      ['named', [[5]]],
    ]);
    expect(
      ballotDigest([
        [
          'ballots',
          [
            [1, 2],
            [3, 5],
          ],
        ],
        ['named', [[5]]],
      ]),
    ).not.toBe(base);
    expect(
      ballotDigest([
        [
          'ballots',
          [
            [3, 4],
            [1, 2],
          ],
        ],
        ['named', [[5]]],
      ]),
    ).not.toBe(base);
    expect(
      ballotDigest([
        [
          'ballot',
          [
            [1, 2],
            [3, 4],
          ],
        ],
        ['named', [[5]]],
      ]),
    ).not.toBe(base);
    expect(
      ballotDigest([
        ['ballots', [[1, 2]]],
        ['named', [[3, 4], [5]]],
      ]),
    ).not.toBe(base);
    expect(ballotDigest([])).toBe(sha(''));
  });
});

describe('recordsDigest', () => {
  it('is the digest of one section: each record its [key, value] pairs, keys sorted, a missing value null', () => {
    const got = recordsDigest('roster', [
      { name: '张三', phone: undefined, box: 0 },
      { box: 1, name: '李四' },
    ]);
    expect(got).toBe(sha('#roster\n[["box",0],["name","张三"],["phone",null]]\n[["box",1],["name","李四"]]\n'));
    // Key order in the record does not matter; a value does.
    expect(recordsDigest('roster', [{ a: 1, b: 2 }])).toBe(recordsDigest('roster', [{ b: 2, a: 1 }]));
    expect(recordsDigest('roster', [{ a: 1, b: 2 }])).not.toBe(recordsDigest('roster', [{ a: 1, b: 3 }]));
    expect(recordsDigest('roster', [{ a: null }])).toBe(recordsDigest('roster', [{ a: undefined }]));
    expect(recordsDigest('roster', [{ a: 0 }])).not.toBe(recordsDigest('roster', [{ a: null }]));
  });
});

describe('resultDigest', () => {
  it('is the SHA-256 of the result as stored (JSON)', () => {
    const result = { yes: 40, no: 2, abstain: 1, passed: true };
    expect(resultDigest(result)).toBe(sha(JSON.stringify(result)));
    expect(resultDigest({ ...result, yes: 41 })).not.toBe(resultDigest(result));
  });
});
