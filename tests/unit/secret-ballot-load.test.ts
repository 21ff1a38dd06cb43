import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgendaItem, Meeting, Member, PollRound, Recount, RuleSet } from '../../shared/contract';
import { DB_FILE_NAME } from '../../electron/db/open';
import { groupCommitter } from '../../electron/services/group-commit';
import { createBody, errorOf, makeTempRuntime, tempDir, type TempRuntime } from './helpers';
import { recordValues, varint } from './sqlite-file';
import { importDeputies } from '../fixtures';

/**
 * Secret ballots under load (issue 13 item 5): casts arriving together share one transaction (group commit) and are
 * answered only once it is on disk; a refused cast does not sink the others; and once the round is closed the file
 * and its write-ahead log hold the ballots in no order that follows the casting order.
 */

let t: TempRuntime;
beforeEach(() => {
  t = makeTempRuntime();
});
afterEach(() => t.cleanup());

const RATINGS = ['satisfied', 'basically', 'unsatisfied'] as const;
const ITEMS = 5;
/** Ballot k: the base-3 digits of k, one per item — 243 distinct ballots. */
const ballotOf = (k: number) => Array.from({ length: ITEMS }, (_, i) => RATINGS[Math.floor(k / 3 ** i) % 3]!);
const codesOf = (k: number) =>
  Buffer.from(Array.from({ length: ITEMS }, (_, i) => (Math.floor(k / 3 ** i) % 3) + 1)).toString('hex');

/** A 常委会 of n, all signed in, an open electronic 测评 of five items. */
async function openEvaluation(n: number): Promise<{ members: Member[]; round: PollRound }> {
  const body = await createBody(t, '龙泉区人大常委会', 'standing_committee');
  const members = await importDeputies(t, body.id, n);
  const sets = (await t.ok('ruleSets.list', {})) as RuleSet[];
  const m = (await t.ok('meetings.create', {
    bodyId: body.id,
    kind: 'standing_committee',
    ruleSetId: sets.find((r) => r.key === 'standing_committee')!.id,
    title: '龙泉区人大常委会第十次会议',
    date: '2026-03-10',
  })) as Meeting;
  for (const mem of members)
    await t.ok('attendance.mark', { meetingId: m.id, membershipId: mem.membershipId, status: 'present' });
  const item = (await t.ok('agenda.add', {
    meetingId: m.id,
    kind: 'evaluation',
    title: '对重点建议办理情况进行满意度测评',
  })) as AgendaItem;
  await t.ok('meetings.open', { id: m.id });
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    kind: 'suggestion' as const,
    number: String(i + 1),
    title: `重点建议${i + 1}办理情况`,
  }));
  const r = (await t.ok('evaluations.create', {
    agendaItemId: item.id,
    style: 'rating',
    mode: 'electronic',
    items,
    scrutineers: [],
    counters: [],
  })) as PollRound;
  return { members, round: (await t.ok('polls.open', { id: r.id })) as PollRound };
}

const cast = (roundId: number, membershipId: number, k: number) =>
  t.call('polls.cast', { id: roundId, membershipId, ballot: { ratings: ballotOf(k) } });

/** The records of every index b-tree page (WITHOUT ROWID tables are index b-trees) of a database image, with where each lies. */
function leafRecords(image: Buffer, pageSize: number, base = 0): { at: number; values: unknown[] }[] {
  const out: { at: number; values: unknown[] }[] = [];
  for (let start = base; start + pageSize <= image.length; start += pageSize) {
    const page = image.subarray(start, start + pageSize);
    const hdr = start === 0 && base === 0 ? 100 : 0;
    // Index b-tree pages: leaves (0x0a), and interior pages (0x02), whose cells hold whole keys after a child pointer.
    const interior = page[hdr] === 0x02;
    if (page[hdr] !== 0x0a && !interior) continue;
    const n = page.readUInt16BE(hdr + 3);
    const cellsAt = hdr + (interior ? 12 : 8);
    for (let c = 0; c < n; c++) {
      const off = page.readUInt16BE(cellsAt + 2 * c);
      if (off < cellsAt || off >= pageSize) continue;
      const [size, recordAt] = varint(page, off + (interior ? 4 : 0));
      if (recordAt + size > pageSize) continue; // overflowing cell: not a ballot
      const values = recordValues(page, recordAt);
      out.push({ at: start + off, values });
    }
  }
  return out;
}

/** The page numbers of one b-tree, from its root page. */
function treePages(file: Buffer, pageSize: number, root: number): Set<number> {
  const pages = new Set<number>();
  const visit = (no: number) => {
    pages.add(no);
    const page = file.subarray((no - 1) * pageSize, no * pageSize);
    const hdr = no === 1 ? 100 : 0;
    if (page[hdr] !== 0x02) return;
    const n = page.readUInt16BE(hdr + 3);
    for (let c = 0; c < n; c++) visit(page.readUInt32BE(page.readUInt16BE(hdr + 12 + 2 * c)));
    visit(page.readUInt32BE(hdr + 8));
  };
  visit(root);
  return pages;
}

/** Spearman's rank correlation of two equally long lists of distinct numbers. */
function spearman(a: number[], b: number[]): number {
  const rank = (xs: number[]) => {
    const order = xs.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(xs.length);
    order.forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  const d2 = ra.reduce((s, x, i) => s + (x - rb[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('group commit of casts', () => {
  it('commits casts arriving together in one transaction, answering each only after the commit', async () => {
    const { members, round } = await openEvaluation(60);
    const committer = groupCommitter(t.rt.db);
    const before = { ...committer.stats };
    const voters = () =>
      t.rt.db.prepare('SELECT COUNT(*) FROM round_voters WHERE round_id = ?').pluck().get(round.id) as number;
    const answered: number[] = [];
    const pending = members.map((m, k) =>
      cast(round.id, m.membershipId, k).then((res) => {
        // When a cast is answered its group is committed: every cast of the group is in the file.
        expect(t.rt.db.inTransaction).toBe(false);
        answered.push(voters());
        return res;
      }),
    );
    // Nothing is written before the group flushes.
    expect(voters()).toBe(0);
    const results = await Promise.all(pending);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(answered.every((n) => n === 60)).toBe(true);
    expect(committer.stats.groups - before.groups).toBe(1);
    expect(committer.stats.writes - before.writes).toBe(60);
    expect((results.at(-1) as { ok: true; data: { returned: number } }).data.returned).toBe(60);
  });

  it('refuses a bad cast alone: the rest of its group is stored and counted', async () => {
    const { members, round } = await openEvaluation(12);
    const calls = [
      ...members.slice(0, 10).map((m, k) => cast(round.id, m.membershipId, k)),
      cast(round.id, members[3]!.membershipId, 99), // twice: refused
      t.call('polls.cast', {
        id: round.id,
        membershipId: members[10]!.membershipId,
        ballot: { ratings: ['satisfied'] },
      }), // wrong length
      cast(round.id, 999_999, 1), // not on the roll
      cast(round.id, members[11]!.membershipId, 11),
    ];
    const res = await Promise.all(calls);
    expect(res.map((r) => r.ok)).toEqual([...Array(10).fill(true), false, false, false, true]);
    // Each accepted cast is answered with 已投 as it stood after it, the refused ones not counted.
    expect(res.map((r) => (r.ok ? (r.data as { returned: number }).returned : null))).toEqual([
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      9,
      10,
      null,
      null,
      null,
      11,
    ]);
    // The group's audit entries, one per accepted cast, each with its own hash, chain and verify.
    expect(((await t.ok('audit.verify', {})) as { ok: boolean }).ok).toBe(true);
    expect(errorOf(res[10]!).message).toContain('已经投过票，不能重复投票');
    expect(errorOf(res[11]!).message).toContain('本次测评共5项');
    expect(t.count('round_voters')).toBe(11);
    expect(t.count('round_ballots')).toBe(11);
    expect(t.rt.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'evaluation.cast'").pluck().get()).toBe(11);
    const closed = (await t.ok('polls.close', { id: round.id })) as PollRound;
    expect((closed.result as { returned: number }).returned).toBe(11);
    expect(((await t.ok('polls.recount', { id: round.id })) as Recount).matches).toBe(true);
  });

  it('keeps a cast once answered: the files as they are at that moment (a power cut) hold it', async () => {
    const { members, round } = await openEvaluation(8);
    const res = await Promise.all(members.map((m, k) => cast(round.id, m.membershipId, k)));
    expect(res.every((r) => r.ok)).toBe(true);
    // Copy the data folder as it lies on disk, without closing the database: what survives a kill.
    const copy = tempDir();
    try {
      for (const f of fs.readdirSync(t.dir))
        if (f.startsWith(DB_FILE_NAME)) fs.copyFileSync(path.join(t.dir, f), path.join(copy, f));
      const db = new Database(path.join(copy, DB_FILE_NAME));
      try {
        expect(db.prepare('SELECT COUNT(*) FROM round_voters WHERE round_id = ?').pluck().get(round.id)).toBe(8);
        expect(db.prepare('SELECT COUNT(*) FROM round_ballots WHERE round_id = ?').pluck().get(round.id)).toBe(8);
      } finally {
        db.close();
      }
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('secret ballots in the file after close', () => {
  it('keeps 200 ballots in no order that follows the casting order: by key while open, under fresh keys after close, in the file or its WAL', async () => {
    const N = 200;
    const { members, round } = await openEvaluation(N);
    // Cast in a shuffled order of deputies, ballot k by the k-th to vote; in groups, as a hall would.
    const order = members.map((m) => m.membershipId).sort(() => Math.random() - 0.5);
    for (let k = 0; k < N; k += 20) {
      const res = await Promise.all(order.slice(k, k + 20).map((id, j) => cast(round.id, id, k + j)));
      expect(res.every((r) => r.ok)).toBe(true);
    }
    const castIndex = new Map(Array.from({ length: N }, (_, k) => [codesOf(k), k]));
    /** The round's ballots in the order of their keys (how SQLite returns and pages them): key and cast index. */
    const byKey = () =>
      (
        t.rt.db
          .prepare(
            'SELECT hex(ballot_id) AS key, hex(data) AS data FROM round_ballots WHERE round_id = ? ORDER BY ballot_id',
          )
          .all(round.id) as { key: string; data: string }[]
      ).map((b) => ({ key: b.key, k: castIndex.get(b.data.toLowerCase())! }));
    const rank = Array.from({ length: N }, (_, i) => i);
    // While open, each ballot sits under a random key: the key order says nothing of who came first. For 200
    // independent ranks |ρ| exceeds 0.3 about once in 40,000 runs (σ = 1/√199); keys handed out in order give ρ = 1.
    const open = byKey();
    expect(new Set(open.map((b) => b.k)).size).toBe(N);
    expect(
      Math.abs(
        spearman(
          open.map((b) => b.k),
          rank,
        ),
      ),
      'key order while open vs casting order',
    ).toBeLessThan(0.3);
    const closed = (await t.ok('polls.close', { id: round.id })) as PollRound;
    // At close every ballot is rewritten under a fresh key: none of the keys it was cast under is left, and the new
    // order follows neither the casting order nor the order of the old keys.
    const after = byKey();
    expect(after).toHaveLength(N);
    const oldKeys = new Set(open.map((b) => b.key));
    expect(after.filter((b) => oldKeys.has(b.key))).toEqual([]);
    expect(
      Math.abs(
        spearman(
          after.map((b) => b.k),
          rank,
        ),
      ),
      'key order after close vs casting order',
    ).toBeLessThan(0.3);
    const openPosition = new Map(open.map((b, i) => [b.k, i]));
    expect(
      Math.abs(
        spearman(
          after.map((b) => openPosition.get(b.k)!),
          rank,
        ),
      ),
      'key order after close vs while open',
    ).toBeLessThan(0.3);
    expect((closed.result as { returned: number }).returned).toBe(N);
    expect(((await t.ok('polls.recount', { id: round.id })) as Recount).matches).toBe(true);
    const wal = path.join(t.dir, `${DB_FILE_NAME}-wal`);
    // Checked before the database is closed (a kill leaves the folder so), then after a clean close.
    const walBytes = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
    expect(walBytes, 'the WAL is emptied at close').toBe(0);
    t.rt.close();

    const file = fs.readFileSync(path.join(t.dir, DB_FILE_NAME));
    const pageSize = file.readUInt16BE(16) === 1 ? 65536 : file.readUInt16BE(16);
    const records = leafRecords(file, pageSize);
    if (fs.existsSync(wal)) {
      const w = fs.readFileSync(wal);
      // WAL frames: a 32-byte header, then per frame 24 bytes of header and a page.
      for (let at = 32; at + 24 + pageSize <= w.length; at += 24 + pageSize) {
        records.push(
          ...leafRecords(w.subarray(at + 24, at + 24 + pageSize), pageSize, 1).map((r) => ({
            at: file.length + at + r.at,
            values: r.values,
          })),
        );
      }
    }
    // A ballot cell: (round_id, ballot_id, box, yes, no, abstain, data, void); data = one code per item.
    const ballots = records.filter(
      (r) =>
        r.values.length === 8 &&
        r.values[0] === round.id &&
        typeof r.values[1] === 'string' &&
        (r.values[1] as string).length === 32,
    );
    expect(ballots).toHaveLength(N);
    const positions = ballots.map((b) => b.at);
    const ks = ballots.map((b) => castIndex.get(b.values[6] as string)!);
    expect(new Set(ks).size).toBe(N);
    // Uncorrelated: for 200 random positions |ρ| exceeds 0.3 about once in 10⁵.
    expect(Math.abs(spearman(ks, positions))).toBeLessThan(0.3);

    // The method does see an order where there is one: who voted (round_voters) lies in the casting order.
    const raw = new Database(path.join(t.dir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
    const votersRoot = raw
      .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'round_voters'")
      .pluck()
      .get() as number;
    raw.close();
    const votersPages = treePages(file, pageSize, votersRoot);
    const voters = records.filter(
      (r) => r.at < file.length && votersPages.has(Math.floor(r.at / pageSize) + 1) && r.values[0] === round.id,
    );
    expect(voters).toHaveLength(N);
    const voteIndex = new Map(order.map((id, k) => [id, k]));
    // A page's cells are written from its end towards its start: a lower offset is a later cell.
    expect(
      spearman(
        voters.map((v) => voteIndex.get(v.values[1] as number)!),
        voters.map((v) => -v.at),
      ),
    ).toBeGreaterThan(0.9);
  }, 60_000);
});
