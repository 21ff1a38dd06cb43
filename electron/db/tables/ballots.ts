import { randomBytes } from 'node:crypto';
import type { Choice, SheetField } from '../../../shared/contract';
import type { StoredBallot } from '../../../shared/domain/poll-styles';
import { tallyBallots, type BallotSource } from '../bit-tally';
import type { Db } from '../open';

/**
 * A round's roll and ballots (round_eligible, round_voters, round_named, round_ballots), its keyed paper stacks
 * (round_entries) and its hand-entered counts (round_counts): SQL, row types and mappers together.
 */

interface BallotRow {
  box: number;
  yes: number;
  no: number;
  abstain: number;
  data: Buffer | string | null;
  void: number;
}
const toBallot = (r: BallotRow): StoredBallot => ({
  box: r.box,
  yes: r.yes,
  no: r.no,
  abstain: r.abstain,
  data: r.data,
  void: r.void === 1,
});

export interface EntryRecord extends StoredBallot {
  seq: number;
  voidReason: string | null;
}
interface EntryRow extends BallotRow {
  seq: number;
  void_reason: string | null;
}
const toEntry = (r: EntryRow): EntryRecord => ({ ...toBallot(r), seq: r.seq, voidReason: r.void_reason });

export type Counts = Partial<Record<SheetField, number>>;

/**
 * A ballot's random 16-byte key, cut from 4 KB drawn at a time from the system's generator: one call for 256
 * ballots rather than one each. Each block is fresh and never reused, so no key shares bytes with another.
 */
let keyBlock = Buffer.alloc(0);
let keyAt = 0;
function ballotKey(): Buffer {
  if (keyAt + 16 > keyBlock.length) {
    keyBlock = randomBytes(4096);
    keyAt = 0;
  }
  keyAt += 16;
  return keyBlock.subarray(keyAt - 16, keyAt);
}

export function ballotTables(db: Db) {
  const isEligible = db.prepare('SELECT box FROM round_eligible WHERE round_id = ? AND membership_id = ?').pluck();
  const votedSecret = db.prepare('SELECT 1 FROM round_voters WHERE round_id = ? AND membership_id = ?');
  const votedNamed = db.prepare('SELECT 1 FROM round_named WHERE round_id = ? AND membership_id = ?');
  const countVoters = db.prepare('SELECT COUNT(*) FROM round_voters WHERE round_id = ?').pluck();
  const countNamed = db.prepare('SELECT COUNT(*) FROM round_named WHERE round_id = ?').pluck();
  const countBallots = db.prepare('SELECT COUNT(*) FROM round_ballots WHERE round_id = ?').pluck();
  const countEntries = db.prepare('SELECT COUNT(*) FROM round_entries WHERE round_id = ? AND batch = ?').pluck();
  const insertVoter = db.prepare('INSERT INTO round_voters (round_id, membership_id) VALUES (?, ?)');
  const insertBallot = db.prepare(
    'INSERT INTO round_ballots (round_id, ballot_id, box, yes, no, abstain, data, void) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const ballotArgs = (b: StoredBallot) => [b.box, b.yes, b.no, b.abstain, b.data, b.void ? 1 : 0] as const;

  return {
    freezeRoll(roundId: number, roll: { membershipId: number; box: number }[]) {
      const ins = db.prepare('INSERT INTO round_eligible (round_id, membership_id, box) VALUES (?, ?, ?)');
      for (const r of roll) ins.run(roundId, r.membershipId, r.box);
    },
    /** The voter's ballot box if the member was present when the round opened; undefined otherwise. */
    eligibleBox: (roundId: number, membershipId: number) => isEligible.get(roundId, membershipId) as number | undefined,
    hasVoted: (roundId: number, membershipId: number, secret: boolean) =>
      !!(secret ? votedSecret : votedNamed).get(roundId, membershipId),
    /** How many have voted: the one count every screen reads (the roll, never the ballots). */
    votedCount: (roundId: number, secret: boolean) => (secret ? countVoters : countNamed).get(roundId) as number,
    ballotCount: (roundId: number) => countBallots.get(roundId) as number,
    entryCount: (roundId: number, batch: 1 | 2) => countEntries.get(roundId, batch) as number,

    addNamed: (roundId: number, membershipId: number, choice: Choice) =>
      db
        .prepare('INSERT INTO round_named (round_id, membership_id, choice) VALUES (?, ?, ?)')
        .run(roundId, membershipId, choice),
    namedCounts: (roundId: number) =>
      new Map(
        (
          db
            .prepare('SELECT choice, COUNT(*) AS n FROM round_named WHERE round_id = ? GROUP BY choice')
            .all(roundId) as { choice: Choice; n: number }[]
        ).map((r) => [r.choice, r.n]),
      ),
    namedRoll: (roundId: number) =>
      db
        .prepare(
          `SELECT e.membership_id AS membershipId, p.name, c.choice FROM round_eligible e JOIN memberships m ON m.id = e.membership_id
                  JOIN persons p ON p.id = m.person_id LEFT JOIN round_named c ON c.round_id = e.round_id AND c.membership_id = e.membership_id
                  WHERE e.round_id = ? ORDER BY CAST(m.seat_no AS INTEGER), p.name`,
        )
        .all(roundId) as { membershipId: number; name: string; choice: Choice | null }[],

    /**
     * Record that a member voted, and store the ballot under a random 16-byte key: O(log n), so a hall of 3,376
     * casts within a second (group commit, ../../services/group-commit.ts). Call inside the cast's transaction.
     *
     * While the round is open the file does keep some casting order: inside a b-tree page SQLite writes each new
     * cell below the last one, whatever its key, so the byte offsets of the ballots in a page since its last split
     * follow the order they came in; and the write-ahead log, until it is folded back, holds the pages of each commit
     * in turn. Closing the round removes both (scrubRound, then scrubWriteAheadLog). docs/trust-model.md says so.
     */
    castSecret(roundId: number, membershipId: number, ballot: StoredBallot) {
      insertVoter.run(roundId, membershipId);
      insertBallot.run(roundId, ballotKey(), ...ballotArgs(ballot));
    },
    /**
     * At close: every ballot of the round rewritten under a fresh random key, in the order of those keys, so each
     * page is written afresh in key order and no byte offset or page number follows the casting order. The old
     * cells and freed pages are zeroed by secure_delete (openDatabase); the caller folds the WAL back afterwards.
     * One read, one delete, one sorted insert: about 10 ms for 3,376 ballots. Returns how many were rewritten.
     */
    scrubRound(roundId: number): number {
      const rows = (
        db
          .prepare('SELECT box, yes, no, abstain, data, void FROM round_ballots WHERE round_id = ?')
          .all(roundId) as BallotRow[]
      ).map(toBallot);
      const keyed = rows.map((b) => ({ key: randomBytes(16), b })).sort((x, y) => Buffer.compare(x.key, y.key));
      db.prepare('DELETE FROM round_ballots WHERE round_id = ?').run(roundId);
      for (const { key, b } of keyed) insertBallot.run(roundId, key, ...ballotArgs(b));
      return keyed.length;
    },
    /** The agreed paper stack becomes the round's ballots: random ids, no order, no time. */
    storeBallots(roundId: number, ballots: Iterable<StoredBallot>) {
      for (const b of ballots) insertBallot.run(roundId, randomBytes(16), ...ballotArgs(b));
    },
    ballots: (roundId: number): Iterable<StoredBallot> => {
      const it = db
        .prepare('SELECT box, yes, no, abstain, data, void FROM round_ballots WHERE round_id = ?')
        .iterate(roundId) as Iterable<BallotRow>;
      return (function* () {
        for (const r of it) yield toBallot(r);
      })();
    },

    /** Per-item counts of the yes/no/abstain masks of a round's ballots, in one SQL aggregate scan. */
    maskTally: (roundId: number, items: number, source: BallotSource) => tallyBallots(db, roundId, items, source),

    entries: (roundId: number, batch: 1 | 2): EntryRecord[] =>
      (
        db
          .prepare('SELECT * FROM round_entries WHERE round_id = ? AND batch = ? ORDER BY seq')
          .all(roundId, batch) as EntryRow[]
      ).map(toEntry),
    recentEntries: (roundId: number, batch: 1 | 2, n: number): EntryRecord[] =>
      (
        db
          .prepare('SELECT * FROM round_entries WHERE round_id = ? AND batch = ? ORDER BY seq DESC LIMIT ?')
          .all(roundId, batch, n) as EntryRow[]
      ).map(toEntry),
    entryStats: (roundId: number, batch: 1 | 2) =>
      db
        .prepare(
          'SELECT COUNT(*) AS count, COALESCE(SUM(void), 0) AS voids, COALESCE(MAX(seq), 0) AS last FROM round_entries WHERE round_id = ? AND batch = ?',
        )
        .get(roundId, batch) as { count: number; voids: number; last: number },
    putEntry(roundId: number, batch: 1 | 2, seq: number, e: StoredBallot, voidReason: string | null, at: string) {
      db.prepare(
        `INSERT INTO round_entries (round_id, batch, seq, box, yes, no, abstain, data, void, void_reason, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (round_id, batch, seq) DO UPDATE SET box = excluded.box, yes = excluded.yes, no = excluded.no, abstain = excluded.abstain,
                  data = excluded.data, void = excluded.void, void_reason = excluded.void_reason, entered_at = excluded.entered_at`,
      ).run(roundId, batch, seq, ...ballotArgs(e), voidReason, at);
    },

    counts: (roundId: number, kind: 'counts' | 'sheet', box = 0): Map<number, Counts> =>
      new Map(
        (
          db
            .prepare('SELECT item, counts FROM round_counts WHERE round_id = ? AND kind = ? AND box = ? ORDER BY item')
            .all(roundId, kind, box) as { item: number; counts: string }[]
        ).map((r) => [r.item, JSON.parse(r.counts) as Counts]),
      ),
    putCounts(roundId: number, kind: 'counts' | 'sheet', item: number, counts: Counts, at: string, box = 0) {
      db.prepare(
        `INSERT INTO round_counts (round_id, kind, item, box, counts, entered_at) VALUES (?, ?, ?, ?, ?, ?)
                  ON CONFLICT (round_id, kind, item, box) DO UPDATE SET counts = excluded.counts, entered_at = excluded.entered_at`,
      ).run(roundId, kind, item, box, JSON.stringify(counts), at);
    },

    /**
     * Everything a round is counted from, in a canonical order, for its digest (../ballot-digest.ts): the ballots'
     * contents (void included, no ids: a secret ballot is never linked to a voter), the named votes, the keyed
     * paper entries and the hand-entered counts. Times of entry are left out: they count nothing.
     */
    digestRows: (roundId: number): [string, Iterable<unknown[]>][] => {
      // Each read starts only when the digest reaches it: one open iterator at a time on the connection.
      const rows = (sql: string): Iterable<unknown[]> => ({
        [Symbol.iterator]: () => db.prepare(sql).raw().iterate(roundId) as IterableIterator<unknown[]>,
      });
      return [
        [
          'ballots',
          rows(
            'SELECT box, yes, no, abstain, data, void FROM round_ballots WHERE round_id = ? ORDER BY box, yes, no, abstain, data, void',
          ),
        ],
        ['named', rows('SELECT membership_id, choice FROM round_named WHERE round_id = ? ORDER BY membership_id')],
        [
          'entries',
          rows(
            'SELECT batch, seq, box, yes, no, abstain, data, void, void_reason FROM round_entries WHERE round_id = ? ORDER BY batch, seq',
          ),
        ],
        [
          'counts',
          rows('SELECT kind, item, box, counts FROM round_counts WHERE round_id = ? ORDER BY kind, item, box'),
        ],
      ];
    },

    /** Of the members in the given ids, those who are also 人大代表 (兼任人大代表): the roll's box 1. */
    npcDeputies: (membershipIds: number[]): Set<number> =>
      new Set(
        membershipIds.length
          ? (db
              .prepare(
                `SELECT id FROM memberships WHERE npc_deputy = 1 AND id IN (${membershipIds.map(() => '?').join(',')})`,
              )
              .pluck()
              .all(...membershipIds) as number[])
          : [],
      ),
    /** A motion's 赞成/反对/弃权 per ballot box: secret ballots by the box they carry, named votes by the voter's box on the roll. */
    motionCountsByBox(roundId: number, secret: boolean): Map<number, { yes: number; no: number; abstain: number }> {
      const rows = (
        secret
          ? db
              .prepare(
                'SELECT box, SUM(yes) AS yes, SUM(no) AS no, SUM(abstain) AS abstain FROM round_ballots WHERE round_id = ? GROUP BY box',
              )
              .all(roundId)
          : db
              .prepare(
                `SELECT e.box, SUM(c.choice = 'yes') AS yes, SUM(c.choice = 'no') AS no, SUM(c.choice = 'abstain') AS abstain
                      FROM round_named c JOIN round_eligible e ON e.round_id = c.round_id AND e.membership_id = c.membership_id WHERE c.round_id = ? GROUP BY e.box`,
              )
              .all(roundId)
      ) as { box: number; yes: number; no: number; abstain: number }[];
      return new Map(rows.map((r) => [r.box, { yes: r.yes, no: r.no, abstain: r.abstain }]));
    },
  };
}
export type BallotTables = ReturnType<typeof ballotTables>;
