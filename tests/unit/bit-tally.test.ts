import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tallyBallots, type BitTally } from '../../electron/db/bit-tally';

/**
 * The one-pass bit tally (electron/db/bit-tally.ts) against a plain count, for every ballot length the contract
 * allows (1–50 candidates): masks above 2^30 are split in two halves, so candidates 31–50 take another path than
 * the first 30, and an off-by-one there shifted every count by a column without any test past 20 candidates noticing.
 * A 49-candidate 票决 through the engine is in poll-recount.test.ts.
 */

const MAX_CANDIDATES = 50; // the contract's cap on marks per ballot (polls-api, projects-api)

interface Ballot {
  void: boolean;
  yes: number;
  no: number;
  abstain: number;
}

/** The reference: test each bit with BigInt arithmetic, nothing shared with the code under test. */
function reference(n: number, ballots: Ballot[]): BitTally {
  const counts = () => new Array<number>(n).fill(0);
  const out: BitTally = { returned: ballots.length, void: 0, yes: counts(), no: counts(), abstain: counts() };
  for (const b of ballots) {
    if (b.void) {
      out.void++;
      continue;
    }
    for (let i = 0; i < n; i++) {
      if ((BigInt(b.yes) >> BigInt(i)) & 1n) out.yes[i]!++;
      if ((BigInt(b.no) >> BigInt(i)) & 1n) out.no[i]!++;
      if ((BigInt(b.abstain) >> BigInt(i)) & 1n) out.abstain[i]!++;
    }
  }
  return out;
}

/** A database with just the two tables the tally reads, filled with one round's ballots (and a decoy round). */
function tallyOf(n: number, ballots: Ballot[], source: 'ballots' | 'firstBatch' = 'ballots'): BitTally {
  const db = new Database(':memory:');
  try {
    db.exec(`CREATE TABLE round_ballots (round_id INTEGER, void INTEGER, yes INTEGER, no INTEGER, abstain INTEGER);
             CREATE TABLE round_entries (round_id INTEGER, batch INTEGER, void INTEGER, yes INTEGER, no INTEGER, abstain INTEGER)`);
    const ins = db.prepare('INSERT INTO round_ballots VALUES (?, ?, ?, ?, ?)');
    const entry = db.prepare('INSERT INTO round_entries VALUES (?, ?, ?, ?, ?, ?)');
    const all = 2 ** n - 1;
    for (const b of ballots) {
      ins.run(7, b.void ? 1 : 0, b.yes, b.no, b.abstain);
      entry.run(7, 1, b.void ? 1 : 0, b.yes, b.no, b.abstain);
    }
    // Another round's ballots, and the second clerk's batch of this one: never counted here.
    ins.run(8, 0, all, all, all);
    entry.run(7, 2, 0, all, all, all);
    // The stored ballots are the default source.
    return source === 'ballots' ? tallyBallots(db, 7, n) : tallyBallots(db, 7, n, source);
  } finally {
    db.close();
  }
}

const mask = (n: number) =>
  fc
    .array(fc.boolean(), { minLength: n, maxLength: n })
    .map((bits) => bits.reduce((m, on, i) => (on ? m + 2 ** i : m), 0));
const ballot = (n: number) =>
  fc.record({ void: fc.integer({ min: 0, max: 4 }).map((x) => x === 0), yes: mask(n), no: mask(n), abstain: mask(n) });
const round = fc
  .integer({ min: 1, max: MAX_CANDIDATES })
  .chain((n) => fc.tuple(fc.constant(n), fc.array(ballot(n), { maxLength: 40 })));

describe('the bit tally against a plain count', () => {
  it('counts each single candidate in its own column, for every position 1–50', () => {
    for (let n = 1; n <= MAX_CANDIDATES; n++) {
      // Ballot i marks candidate i yes, candidate n-1-i no, and abstains on candidate i again only when i is odd.
      const ballots: Ballot[] = Array.from({ length: n }, (_, i) => ({
        void: false,
        yes: 2 ** i,
        no: 2 ** (n - 1 - i),
        abstain: i % 2 ? 2 ** i : 0,
      }));
      const got = tallyOf(n, ballots);
      expect(got, `${n} candidates`).toEqual(reference(n, ballots));
      expect(got.yes, `${n} candidates`).toEqual(new Array(n).fill(1));
    }
  });

  it('counts a ballot that marks all 50 candidates, and one that marks only the 31st or the 50th', () => {
    const all = 2 ** MAX_CANDIDATES - 1;
    const got = tallyOf(MAX_CANDIDATES, [
      { void: false, yes: all, no: 0, abstain: 0 },
      { void: false, yes: 2 ** 30, no: 2 ** 49, abstain: 2 ** 29 },
      { void: true, yes: all, no: all, abstain: all },
    ]);
    expect(got.returned).toBe(3);
    expect(got.void).toBe(1);
    expect(got.yes.map((c, i) => [i + 1, c]).filter(([, c]) => c !== 1)).toEqual([[31, 2]]);
    expect(got.no.map((c, i) => [i + 1, c]).filter(([, c]) => c)).toEqual([[50, 1]]);
    expect(got.abstain.map((c, i) => [i + 1, c]).filter(([, c]) => c)).toEqual([[30, 1]]);
  });

  it('agrees with the plain count on any ballots of 1–50 candidates, void ones apart (property)', () => {
    fc.assert(
      fc.property(round, ([n, ballots]) => {
        expect(tallyOf(n, ballots)).toEqual(reference(n, ballots));
        expect(tallyOf(n, ballots, 'firstBatch')).toEqual(reference(n, ballots));
      }),
      { numRuns: 300 },
    );
  });

  it('an empty round: zero ballots, a zero for every candidate', () => {
    expect(tallyOf(40, [])).toEqual(reference(40, []));
  });
});
