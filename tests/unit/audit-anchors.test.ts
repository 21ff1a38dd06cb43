import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditVerification, BackupInfo, FingerprintCheck, ResultFingerprint, Vote } from '../../shared/contract';
import { fingerprintCode } from '../../shared/domain/fingerprint';
import { DB_FILE_NAME } from '../../electron/db/open';
import { backupsDir } from '../../electron/services/backup';
import { dispatch } from '../../electron/services/dispatch';
import { createRuntime, type Runtime } from '../../electron/services/runtime';
import { errorOf, makeTempRuntime, namedAndSecretVotes, quarterlySession, type TempRuntime } from './helpers';
import { setupProjectVote } from '../fixtures';

/**
 * audit.verify against what lies outside the audit table (issue 12 item 3): the chain heads kept with the backups,
 * and each closed round's result and ballot digest written into its close entry. Each tampering is done the way
 * someone with the file would: another better-sqlite3 connection, triggers dropped, hashes recomputed.
 */

let t: TempRuntime;
/** The app as restarted after the file was edited (the running app holds the file's lock). */
let reopened: Runtime | null;
beforeEach(() => {
  t = makeTempRuntime();
  reopened = null;
});
afterEach(() => {
  reopened?.close();
  t.cleanup();
});

const MEETING = '鱼嘴镇第十八届人民代表大会第二季度季会';

/** A sitting (its 宣布开会 backup is the first anchor), a named and a secret electronic motion closed, then a manual backup. */
async function session() {
  const { members, meeting } = await quarterlySession(t, 6);
  await t.ok('meetings.open', { id: meeting.id });
  await t.rt.backups.idle();
  const votes = await namedAndSecretVotes(t, meeting.id, members, 4);
  const backup = (await t.ok('backups.create', { note: '表决后' })) as BackupInfo;
  return { members, meeting, votes, backup };
}

async function verify(): Promise<AuditVerification> {
  if (!reopened) return (await t.ok('audit.verify', {})) as AuditVerification;
  const res = await dispatch(reopened.handlers, 'audit.verify', {}, { actor: 'test' });
  if (!res.ok) throw new Error(res.error.message);
  return res.data as AuditVerification;
}

/** Edit the data file while the app is closed, as someone with the file would, then start the app again. */
function tamper(edit: (db: Database.Database) => void) {
  (reopened ?? t.rt).close();
  const db = new Database(path.join(t.dir, DB_FILE_NAME));
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    edit(db);
  } finally {
    db.close();
  }
  reopened = createRuntime(t.dir, { transport: 'http' });
}

/** The roster import entry's count changed and every hash after it recomputed: a consistent rewrite of the chain. */
function rewriteChain(db: Database.Database, members: number) {
  const id = db.prepare("SELECT MIN(id) FROM audit_log WHERE action = 'roster.import'").pluck().get() as number;
  db.prepare('UPDATE audit_log SET detail = replace(detail, ?, ?) WHERE id = ?').run(String(members), '99', id);
  rehashFrom(db, id);
}

/** Recompute every hash from row `from` on, so the chain alone verifies (the algorithm is no secret). */
function rehashFrom(db: Database.Database, from: number) {
  let prev =
    from > 1
      ? (db
          .prepare('SELECT hash FROM audit_log WHERE id = ?')
          .pluck()
          .get(from - 1) as string)
      : '0'.repeat(64);
  const rows = db
    .prepare('SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log WHERE id >= ? ORDER BY id')
    .all(from) as {
    id: number;
    at: string;
    actor: string;
    action: string;
    entity: string;
    entity_id: string | null;
    detail: string;
  }[];
  const upd = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  for (const r of rows) {
    const hash = createHash('sha256')
      .update(prev)
      .update('\n')
      .update(JSON.stringify([r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.detail]))
      .digest('hex');
    upd.run(prev, hash, r.id);
    prev = hash;
  }
}

const where = (title: string) => `表决《${title}》（会议《${MEETING}》）`;

describe('audit.verify against anchors and closed rounds', () => {
  it('the untouched file passes: chain, every backup’s chain head, every closed round', async () => {
    await session();
    const v = await verify();
    expect(v.findings).toEqual([]);
    expect(v).toMatchObject({ ok: true, brokenAt: null, anchors: 2, rounds: 2, notes: [] });
    expect(v.message).toBe(
      `审计链完整（${v.checked}条记录全部校验通过），与2个外部锚点一致，2轮已结束投票复核一致，1次会议开会时的名单与记录一致`,
    );
  });

  it('the newest audit rows deleted after a backup: the backup’s chain head is missing from the chain', async () => {
    const { backup } = await session();
    const head = backup.auditHead!;
    tamper((db) => db.prepare('DELETE FROM audit_log WHERE id > ?').run(head.id - 3));
    const v = await verify();
    // The chain that is left is intact: only the anchor tells.
    expect(v.brokenAt).toBeNull();
    expect(v.ok).toBe(false);
    expect(v.findings).toContainEqual(
      expect.objectContaining({
        kind: 'anchor',
        backup: backup.name,
        message: `记下的审计链头是第${head.id}条，审计日志现在只到第${head.id - 3}条：第${head.id - 2}条起的最新记录被删除`,
      }),
    );
    expect(v.message).toMatch(/^发现\d+处问题：备份“yishitai-.*手动\.sqlite”/);
  });

  it('the whole chain rewritten consistently: the chain verifies, the anchors’ hashes differ', async () => {
    const { members, backup } = await session();
    tamper((db) => rewriteChain(db, members.length));
    const v = await verify();
    expect(v.brokenAt).toBeNull();
    expect(v.ok).toBe(false);
    const anchors = v.findings.filter((f) => f.kind === 'anchor');
    expect(anchors).toHaveLength(2);
    expect(anchors.find((f) => f.backup === backup.name)!.message).toMatch(
      new RegExp(`^记下的第${backup.auditHead!.id}条审计记录哈希为[0-9a-f]{12}…，现在为[0-9a-f]{12}…：审计日志被改写$`),
    );
  });

  it('a round’s result edited in its table: it no longer matches its close entry, nor the recount', async () => {
    const { votes } = await session();
    tamper((db) =>
      db
        .prepare("UPDATE poll_rounds SET result = json_set(result, '$.yes', 2, '$.no', 4) WHERE id = ?")
        .run(votes[0]!.id),
    );
    const v = await verify();
    expect(v.ok).toBe(false);
    const mine = v.findings.filter((f) => f.roundId === votes[0]!.id);
    expect(mine.map((f) => [f.where, f.message])).toEqual([
      [where('关于调整的决定（草案）'), '记录的结果与结束时审计的结果不一致（结果在结束后被改动）'],
      [where('关于调整的决定（草案）'), '按选票重新计票的结果与记录的结果不一致（选票或结果被改动）'],
    ]);
    expect(v.findings.filter((f) => f.roundId !== votes[0]!.id)).toEqual([]);
  });

  it('a named choice edited after close: the ballots’ digest differs', async () => {
    const { votes, members } = await session();
    tamper((db) =>
      db
        .prepare("UPDATE round_named SET choice = 'no' WHERE round_id = ? AND membership_id = ?")
        .run(votes[0]!.id, members[0]!.membershipId),
    );
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.findings).toContainEqual(
      expect.objectContaining({
        kind: 'round',
        roundId: votes[0]!.id,
        where: where('关于调整的决定（草案）'),
        message: '选票摘要与结束时记录的不一致（选票在结束后被改动）',
      }),
    );
    expect(v.message).toBe(
      `发现2处问题：${where('关于调整的决定（草案）')}：选票摘要与结束时记录的不一致（选票在结束后被改动）等`,
    );
  });

  it('a secret 票决 ballot’s mask edited after close, the counts unchanged: only the digest tells', async () => {
    const s = await setupProjectVote(t, { deputies: 5, projects: 4, seats: 1, style: 'approve', mode: 'electronic' });
    const [a, b, c, d] = s.projects.map((p) => p.id) as [number, number, number, number];
    const marks = [{ yes: [a], no: [b] }, { yes: [c], no: [d] }, { yes: [b] }, { yes: [a] }, { yes: [c] }];
    for (const [i, m] of marks.entries())
      await t.ok('projectVotes.cast', {
        id: s.vote.id,
        membershipId: s.present[i]!.membershipId,
        marks: { no: [], abstain: [], ...m },
      });
    await t.ok('projectVotes.close', { id: s.vote.id, issued: 5 });
    expect((await verify()).ok).toBe(true);
    // Swap the 反对 marks of two ballots (b↔d): every count stays, so a recount agrees; the ballots are not those counted.
    tamper((db) => {
      const rows = db
        .prepare('SELECT ballot_id, no FROM round_ballots WHERE round_id = ? AND no <> 0')
        .all(s.vote.id) as { ballot_id: Buffer; no: number }[];
      expect(rows).toHaveLength(2);
      db.prepare('UPDATE round_ballots SET no = ? WHERE ballot_id = ?').run(rows[1]!.no, rows[0]!.ballot_id);
      db.prepare('UPDATE round_ballots SET no = ? WHERE ballot_id = ?').run(rows[0]!.no, rows[1]!.ballot_id);
    });
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.findings).toEqual([
      expect.objectContaining({
        kind: 'round',
        roundId: s.vote.id,
        where: `第1轮票决《${s.list.title}》（会议《${s.meeting.title}》）`,
        message: '选票摘要与结束时记录的不一致（选票在结束后被改动）',
      }),
    ]);
  });

  it('a ballot’s contents edited in a secret motion: digest and recount both tell', async () => {
    const { votes } = await session();
    tamper((db) =>
      db
        .prepare(
          'UPDATE round_ballots SET yes = 0, no = 1 WHERE round_id = ? AND ballot_id = (SELECT MIN(ballot_id) FROM round_ballots WHERE round_id = ? AND yes = 1)',
        )
        .run(votes[1]!.id, votes[1]!.id),
    );
    const v = await verify();
    expect(v.findings.map((f) => f.message)).toEqual([
      '选票摘要与结束时记录的不一致（选票在结束后被改动）',
      '按选票重新计票的结果与记录的结果不一致（选票或结果被改动）',
    ]);
    expect(v.findings[0]!.where).toBe(where('关于罢免的决定（草案）'));
  });

  it('rounds closed before digests were written are reported as such, not as tampering; their result is still checked', async () => {
    const { votes } = await session();
    // As an older version wrote them: close entries without the digests (the backups' heads come before them).
    const first = t.rt.db.prepare("SELECT MIN(id) FROM audit_log WHERE action = 'vote.close'").pluck().get() as number;
    // The manual backup came after the rounds closed; this file's older version had taken only the 宣布开会 one.
    for (const f of fs.readdirSync(backupsDir(t.dir)))
      if (f.includes('手动')) fs.rmSync(path.join(backupsDir(t.dir), f));
    tamper((db) => {
      db.prepare(
        "UPDATE audit_log SET detail = json_remove(detail, '$.resultDigest', '$.ballotsDigest') WHERE action = 'vote.close'",
      ).run();
      rehashFrom(db, first);
    });
    const v = await verify();
    expect(v).toMatchObject({ ok: true, findings: [], anchors: 1, rounds: 2 });
    expect(v.notes).toEqual([
      '2轮投票结束于启用选票摘要之前，结束时没有记录选票摘要，只比对了结果并重新计票（不算作改动）',
    ]);
    expect(v.message).toBe(
      `审计链完整（${v.checked}条记录全部校验通过），与1个外部锚点一致，2轮已结束投票复核一致（其中2轮结束时未记录选票摘要），1次会议开会时的名单与记录一致`,
    );
    // The result recorded in such an entry is still compared.
    tamper((db) =>
      db
        .prepare("UPDATE poll_rounds SET result = json_set(result, '$.yes', 5, '$.no', 1) WHERE id = ?")
        .run(votes[0]!.id),
    );
    expect((await verify()).findings.map((f) => f.message)[0]).toBe(
      '记录的结果与结束时审计的结果不一致（结果在结束后被改动）',
    );
  });

  it('the roll frozen at open: summarised in the open entry; changes made in the app pass, an edit of the table is found', async () => {
    const { members, meeting } = await quarterlySession(t, 6);
    const [a, b, , , , onLeave] = members as [
      (typeof members)[0],
      (typeof members)[0],
      unknown,
      unknown,
      unknown,
      (typeof members)[0],
    ];
    await t.ok('attendance.mark', {
      meetingId: meeting.id,
      membershipId: onLeave.membershipId,
      status: 'leave',
      reason: '出差',
    });
    await t.ok('meetings.open', { id: meeting.id });
    const entry = t.rt.db.prepare("SELECT detail FROM audit_log WHERE action = 'meeting.open'").pluck().get() as string;
    const roll = (JSON.parse(entry) as { roll: Record<string, unknown> }).roll;
    expect(roll).toMatchObject({ expected: 6, present: 5, leave: 1, absent: 0, left: 0, pending: 0 });
    expect(roll.digest).toMatch(/^[0-9a-f]{64}$/);
    // The entry holds counts and a digest, no names.
    for (const m of members) expect(entry).not.toContain(m.name);
    // After open, the app records every change: a late sign-in, someone leaving. The roll at open still checks.
    await t.ok('attendance.mark', { meetingId: meeting.id, membershipId: onLeave.membershipId, status: 'present' });
    await t.ok('attendance.mark', { meetingId: meeting.id, membershipId: a.membershipId, status: 'left' });
    let v = await verify();
    expect(v.findings).toEqual([]);
    expect(v.message).toMatch(/1次会议开会时的名单与记录一致$/);
    // Someone present at open set to 缺席 in the file, without the app.
    tamper((db) =>
      db
        .prepare(
          "UPDATE attendance SET status = 'absent', signed_in_at = NULL WHERE meeting_id = ? AND membership_id = ?",
        )
        .run(meeting.id, b.membershipId),
    );
    v = await verify();
    expect(v.ok).toBe(false);
    expect(v.brokenAt).toBeNull();
    expect(v.findings).toEqual([
      {
        kind: 'roll',
        where: `会议《${MEETING}》开会时的名单`,
        roundId: null,
        backup: null,
        message:
          '按现在的签到记录推算，开会时为应到6人、实到4人、请假1人、缺席1人，与宣布开会时审计记录的名单摘要（应到6人、实到5人、请假1人、缺席0人）不一致：签到记录在开会后被改动，且没有审计记录',
      },
    ]);
  });
});

/** A method on the app as it runs now (restarted after a tampering, or not). */
async function run<T>(name: 'fingerprints.get' | 'fingerprints.check', input: unknown): Promise<T> {
  const res = await dispatch((reopened ?? t.rt).handlers, name, input as never, { actor: 'test' });
  if (!res.ok) throw new Error(res.error.message);
  return res.data as T;
}

/** Only the fingerprints checked from paper are anchors: the backups' heads would tell on their own. */
function withoutBackups() {
  for (const f of fs.readdirSync(backupsDir(t.dir))) fs.rmSync(path.join(backupsDir(t.dir), f));
}

describe('fingerprints of result documents (issue 12 item 2)', () => {
  it('a closed round’s fingerprint is its close entry as a code, with the QR of that code; an open round has none', async () => {
    const { votes, meeting } = await session();
    const close = t.rt.db
      .prepare("SELECT id, hash FROM audit_log WHERE action = 'vote.close' AND entity_id = ?")
      .get(String(votes[1]!.id)) as { id: number; hash: string };
    const fp = (await t.ok('fingerprints.get', { roundId: votes[1]!.id })) as ResultFingerprint;
    expect(fp).toMatchObject({
      subject: 'round',
      subjectId: votes[1]!.id,
      entryId: close.id,
      hash: close.hash,
      code: fingerprintCode(close.id, close.hash),
      actionLabel: '结束表决',
      what: '表决《关于罢免的决定（草案）》的结果',
    });
    expect(fp.code).toMatch(/^\d+-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(fp.qrSvg).toMatch(/^<svg[^>]*viewBox/);
    const item = (await t.ok('agenda.add', {
      meetingId: meeting.id,
      kind: 'motion',
      title: '关于补选的决定（草案）',
    })) as { id: number };
    const open = (await t.ok('votes.create', { agendaItemId: item.id, mode: 'electronic', secrecy: 'secret' })) as Vote;
    await t.ok('votes.open', { id: open.id });
    expect(errorOf(await t.call('fingerprints.get', { roundId: open.id }))).toMatchObject({
      code: 'CONFLICT',
      message: '表决《关于补选的决定（草案）》尚未结束，结果尚未公布，没有指纹',
    });
    expect(errorOf(await t.call('fingerprints.get', { meetingId: meeting.id }))).toMatchObject({
      code: 'CONFLICT',
      message: `会议《${MEETING}》尚未闭会，闭会后才有指纹`,
    });
  });

  it('checks a code against the live chain: the right code is found, a typo is not, and after a rewrite it is altered', async () => {
    const { votes } = await session();
    const { code, entryId } = (await t.ok('fingerprints.get', { roundId: votes[0]!.id })) as ResultFingerprint;
    const right = (await t.ok('fingerprints.check', {
      code: code.toLowerCase().replace(/-/g, ' '),
    })) as FingerprintCheck;
    expect(right).toMatchObject({
      status: 'found',
      code,
      entryId,
      chainOk: true,
      anchored: true,
      subject: { kind: 'round', id: votes[0]!.id },
      entry: { actionLabel: '结束表决', what: '表决《关于调整的决定（草案）》的结果' },
    });
    expect(right.message).toMatch(
      new RegExp(
        `^指纹一致：第${entryId}条审计记录（.+，结束表决），记录的是表决《关于调整的决定（草案）》的结果，其哈希未变；审计链完整（\\d+条记录全部校验通过）$`,
      ),
    );
    // One character typed wrong.
    const i = code.length - 3;
    const typo = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);
    const wrong = (await t.ok('fingerprints.check', { code: typo })) as FingerprintCheck;
    expect(wrong).toMatchObject({
      status: 'not_found',
      anchored: false,
      entry: null,
      message: '没有找到这个指纹：校验位不符：指纹可能抄错或输错了一位，请与纸面逐位核对后重输',
    });
    // The record rewritten before the close entry, every hash after recomputed: the chain alone verifies.
    tamper((db) => {
      db.prepare("UPDATE audit_log SET detail = json_set(detail, '$.result.yes', 6) WHERE id = ?").run(entryId);
      rehashFrom(db, entryId);
    });
    const altered = await run<FingerprintCheck>('fingerprints.check', { code });
    expect(altered).toMatchObject({
      status: 'altered',
      chainOk: true,
      entry: null,
      message: `指纹与现在的数据不符：第${entryId}条审计记录现在的哈希与指纹不符：审计日志在这条记录或它之前被改写。纸面结果记录之后，数据文件被改动过`,
    });
  });

  it('a checked fingerprint is an anchor of audit.verify: deleting the newest rows is found by it', async () => {
    const { votes } = await session();
    const { code, entryId } = (await t.ok('fingerprints.get', { roundId: votes[1]!.id })) as ResultFingerprint;
    await t.ok('fingerprints.check', { code });
    withoutBackups();
    expect(await verify()).toMatchObject({ ok: true, anchors: 1 });
    tamper((db) => db.prepare('DELETE FROM audit_log WHERE id >= ?').run(entryId));
    const v = await verify();
    expect(v.brokenAt).toBeNull();
    expect(v.findings).toContainEqual({
      kind: 'anchor',
      roundId: null,
      backup: null,
      where: expect.stringMatching(new RegExp(`^纸面指纹“${code}”（.+核验）$`)),
      message: `指纹所指的第${entryId}条审计记录已不存在：审计日志现在只到第${entryId - 1}条，第${entryId}条起的最新记录被删除`,
    });
    expect(v.ok).toBe(false);
  });

  it('a checked fingerprint is an anchor of audit.verify: the chain rewritten consistently is found by it', async () => {
    const { votes, members } = await session();
    const { code, entryId } = (await t.ok('fingerprints.get', { roundId: votes[0]!.id })) as ResultFingerprint;
    await t.ok('fingerprints.check', { code });
    withoutBackups();
    tamper((db) => rewriteChain(db, members.length));
    const v = await verify();
    expect(v.brokenAt).toBeNull();
    expect(v.ok).toBe(false);
    expect(v.findings.filter((f) => f.kind === 'anchor').map((f) => f.message)).toEqual([
      `第${entryId}条审计记录现在的哈希与指纹不符：审计日志在这条记录或它之前被改写`,
    ]);
  });
});
