import { createHash } from 'node:crypto';

/**
 * A digest of what a closed round was counted from, written into its close audit entry so an edit of the ballots
 * made later in the file is found by audit.verify. The rows come in a canonical order (ballotTables.digestRows):
 * the same ballots give the same digest whatever order or random ids they were stored under.
 */
/**
 * Rounds with more ballots than this record no digest at close: hashing a million ballots takes seconds (npm run
 * bench), while the largest congress a laptop serves has a few hundred deputies and the 全国人大 under 3,000.
 */
export const DIGEST_MAX_BALLOTS = 100_000;

export type DigestSection = readonly [name: string, rows: Iterable<readonly unknown[]>];

const cell = (v: unknown) =>
  Buffer.isBuffer(v) || v instanceof Uint8Array ? `hex:${Buffer.from(v).toString('hex')}` : v;

export function ballotDigest(sections: Iterable<DigestSection>): string {
  const h = createHash('sha256');
  for (const [name, rows] of sections) {
    h.update(`#${name}\n`);
    for (const row of rows) h.update(`${JSON.stringify(row.map(cell))}\n`);
  }
  return h.digest('hex');
}

/** The digest of a round's recorded result, as stored (JSON). */
export const resultDigest = (result: unknown) => createHash('sha256').update(JSON.stringify(result)).digest('hex');

/**
 * A digest of rows written from a file (an import's records, a meeting's roll at open): each row its fields in
 * the order given, keys sorted, so the same rows give the same digest. Recorded in the audit entry instead of the
 * personal data itself, so a later check can tell what came in without the log holding names and phones.
 */
export function recordsDigest(name: string, records: Iterable<Record<string, unknown>>): string {
  function* rows() {
    for (const r of records)
      yield Object.keys(r)
        .sort()
        .map((k) => [k, r[k] ?? null]);
  }
  return ballotDigest([[name, rows()]]);
}
