import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, type Meeting, type ParsedInput } from '../../shared/contract';
import type { CredentialInfo, DeskInfo, DeskLink, LanStatus, SlipSheet } from '../../shared/contract/lan-admin-api';
import { lanLink } from '../../shared/contract/lan-api';
import { fromBase64Url, generateKeyPair, isPublicKey, toBase64Url, type KeyPair } from '../../shared/lan/seal';
import type { Db } from '../db/open';
import { liveMeetingIds } from '../db/tables/meetings';
import { readAttendance } from './attendance';
import { twoStep, type WriteContext } from './change';
import type { ServiceDeps } from './context';
import { documentHead } from './document-head';
import type { LanControl } from './lan-control';
import { meetingQueries } from './meetings';
import { qrSvg } from './qr-svg';

/**
 * Credentials of the hall's network (issue 13 item 2). A deputy's 投票码, his 签到码 and a desk's credential are
 * each HMAC-SHA256(secret in the data folder, purpose|ids|generation) cut to 128 bits: never stored, so the file
 * holds no credential, and the same slip can be printed again; a revoke or a reissue is a new generation.
 * Lookups go through an index of the credentials of meetings not yet closed, rebuilt when something changed.
 */

export const LAN_SECRET_FILE = 'lan-secret';
export const LAN_KEY_FILE = 'lan-key.json';
/** A 签到码 reads QD-<22 characters>: a desk can tell it from a 投票码, and a scanner types only ASCII. */
export const BADGE_PREFIX = 'QD-';

function writePrivate(file: string, text: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** The data folder's HMAC secret (32 bytes), made on first use. */
export function lanSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, LAN_SECRET_FILE);
  if (fs.existsSync(file)) {
    const b = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    if (b.length === 32) return b;
  }
  const secret = randomBytes(32);
  writePrivate(file, `${secret.toString('hex')}\n`);
  return secret;
}

/** The host's X25519 key pair, in lan-key.json beside the database (never in it), made on first use. */
export function hostKeyPair(dataDir: string): KeyPair {
  const file = path.join(dataDir, LAN_KEY_FILE);
  if (fs.existsSync(file)) {
    try {
      const k = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyPair;
      if (isPublicKey(k.publicKey) && fromBase64Url(k.secretKey)?.length === 32) return k;
    } catch {
      // a damaged file is replaced below; the slips printed with the old key must then be printed again
    }
  }
  const k = generateKeyPair();
  writePrivate(file, JSON.stringify(k));
  return k;
}

export type Holder =
  | { kind: 'terminal'; meetingId: number; membershipId: number; name: string }
  | { kind: 'badge'; meetingId: number; membershipId: number; name: string }
  | { kind: 'desk'; meetingId: number; deskId: number; name: string };

interface DeskRow {
  id: number;
  meeting_id: number;
  name: string;
  generation: number;
  revoked_at: string | null;
  created_at: string;
}

export function credentialStore(deps: ServiceDeps, lan: LanControl) {
  const { db } = deps;
  const secret = lanSecret(deps.dataDir);
  const keys = hostKeyPair(deps.dataDir);
  const q = meetingQueries(db);
  const derive = (purpose: string, ...parts: (string | number)[]) =>
    toBase64Url(
      createHmac('sha256', secret)
        .update([purpose, ...parts].join('|'))
        .digest()
        .subarray(0, 16),
    );
  const st = {
    gen: db.prepare('SELECT generation, revoked FROM lan_credentials WHERE meeting_id = ? AND membership_id = ?'),
    gens: db.prepare('SELECT membership_id, generation, revoked FROM lan_credentials WHERE meeting_id = ?'),
    put: db.prepare(`INSERT INTO lan_credentials (meeting_id, membership_id, generation, revoked, changed_at) VALUES (@meetingId, @membershipId, @generation, @revoked, @now)
                     ON CONFLICT (meeting_id, membership_id) DO UPDATE SET generation = @generation, revoked = @revoked, changed_at = @now`),
    desk: db.prepare('SELECT * FROM lan_desks WHERE id = ?'),
    desks: db.prepare('SELECT * FROM lan_desks WHERE meeting_id = ? ORDER BY id'),
  };

  const terminalCode = (meetingId: number, membershipId: number, generation: number) =>
    derive('terminal', meetingId, membershipId, generation);
  const badgeCode = (meetingId: number, membershipId: number, generation: number) =>
    BADGE_PREFIX + derive('badge', meetingId, membershipId, generation);
  const deskCode = (d: DeskRow) => derive('desk', d.id, d.meeting_id, d.generation);

  function generations(meetingId: number): Map<number, { generation: number; revoked: boolean }> {
    return new Map(
      (st.gens.all(meetingId) as { membership_id: number; generation: number; revoked: number }[]).map((r) => [
        r.membership_id,
        { generation: r.generation, revoked: r.revoked === 1 },
      ]),
    );
  }

  /** The roll of a meeting with each member's generation, in 笔画 order. */
  function roll(meeting: Meeting) {
    const gens = generations(meeting.id);
    return readAttendance(db, meeting).rows.map((r) => ({
      ...r,
      ...(gens.get(r.membershipId) ?? { generation: 1, revoked: false }),
    }));
  }

  // ---- the index ----
  let index: Map<string, Holder> | null = null;
  // Rebuilt soon after it goes stale (a roll of 3,376 takes a few hundred milliseconds), not by the first request
  // after: 宣布开会 comes before the votes, so the first casts of a hall do not wait behind the rebuild.
  let rebuild: NodeJS.Timeout | null = null;
  const invalidate = () => {
    index = null;
    if (rebuild) return;
    rebuild = setTimeout(() => {
      rebuild = null;
      try {
        if (!index && db.open) index = build();
      } catch {
        // Left for the next request to build (and report).
      }
    }, 50);
    rebuild.unref?.();
  };
  // A roll or a meeting's status changes the set of valid credentials.
  deps.bus.subscribe((m) => {
    if (m.name === 'roster.changed' || m.name === 'meeting.changed' || m.name === 'bodies.changed') invalidate();
  });
  function build(): Map<string, Holder> {
    const out = new Map<string, Holder>();
    for (const meetingId of liveMeetingIds(db)) {
      const meeting = q.getMeeting(meetingId);
      for (const r of roll(meeting)) {
        if (r.revoked) continue;
        out.set(terminalCode(meetingId, r.membershipId, r.generation), {
          kind: 'terminal',
          meetingId,
          membershipId: r.membershipId,
          name: r.name,
        });
        out.set(badgeCode(meetingId, r.membershipId, r.generation), {
          kind: 'badge',
          meetingId,
          membershipId: r.membershipId,
          name: r.name,
        });
      }
      for (const d of st.desks.all(meetingId) as DeskRow[])
        if (!d.revoked_at) out.set(deskCode(d), { kind: 'desk', meetingId, deskId: d.id, name: d.name });
    }
    return out;
  }
  /** Who holds this code, or null. A code is looked up whole; a guess learns nothing but "no". */
  function holderOf(code: unknown): Holder | null {
    if (typeof code !== 'string' || code.length > 40) return null;
    index ??= build();
    return index.get(code) ?? null;
  }

  // ---- the clerk's methods ----
  function info(meeting: Meeting, membershipId: number): CredentialInfo {
    const r = roll(meeting).find((x) => x.membershipId === membershipId);
    if (!r)
      throw new AppError('NOT_FOUND', `编号为${membershipId}的人员不在“${meeting.title}”的应到名单上`, 'membershipId');
    return { membershipId, name: r.name, generation: r.generation, state: r.revoked ? 'revoked' : 'active' };
  }
  function liveMeeting(meetingId: number): Meeting {
    const m = q.getMeeting(meetingId, 'meetingId');
    if (m.status === 'closed')
      throw new AppError('CONFLICT', `“${m.title}”已闭会，其投票码和签到码均已失效`, 'meetingId');
    return m;
  }
  function bump(
    input: { meetingId: number; membershipId: number },
    ctx: WriteContext,
    revoked: boolean,
  ): CredentialInfo {
    const m = liveMeeting(input.meetingId);
    const before = info(m, input.membershipId);
    const generation = before.generation + 1;
    st.put.run({
      meetingId: m.id,
      membershipId: input.membershipId,
      generation,
      revoked: revoked ? 1 : 0,
      now: ctx.now,
    });
    ctx.audit({
      action: revoked ? 'credential.revoke' : 'credential.reissue',
      entity: 'attendance',
      entityId: `${m.id}:${input.membershipId}`,
      detail: { meetingId: m.id, membershipId: input.membershipId, name: before.name, generation },
    });
    ctx.afterCommit(invalidate);
    return info(m, input.membershipId);
  }
  const deskInfo = (d: DeskRow): DeskInfo => ({
    id: d.id,
    meetingId: d.meeting_id,
    name: d.name,
    state: d.revoked_at ? 'revoked' : 'active',
    createdAt: d.created_at,
  });
  function deskRow(id: number): DeskRow {
    const d = st.desk.get(id) as DeskRow | undefined;
    if (!d) throw new AppError('NOT_FOUND', `找不到编号为${id}的签到台`, 'id');
    return d;
  }
  function deskLink(d: DeskRow): DeskLink {
    const origin = lan.origins()[0];
    const link = origin && !d.revoked_at ? lanLink(origin, 'd', deskCode(d), keys.publicKey) : null;
    return { ...deskInfo(d), link, qrSvg: link ? qrSvg(link) : null };
  }
  function status(): LanStatus {
    const addresses = lan.origins();
    return {
      running: lan.port() !== null,
      port: lan.port(),
      addresses,
      terminalUrl: addresses[0] ? `${addresses[0]}/t/` : null,
      available: lan.available,
    };
  }

  const handlers = {
    'lan.status': () => status(),
    'lan.start': twoStep(
      async (input: ParsedInput<'lan.start'>) => lan.start(input.port),
      (input: ParsedInput<'lan.start'>, _p: void, ctx: WriteContext) => {
        ctx.audit({ action: 'lan.start', entity: 'lan', entityId: null, detail: { port: input.port } });
        return status();
      },
    ),
    'lan.stop': twoStep(
      async () => lan.stop(),
      (_input: ParsedInput<'lan.stop'>, _p: void, ctx: WriteContext) => {
        ctx.audit({ action: 'lan.stop', entity: 'lan', entityId: null, detail: null });
        return status();
      },
    ),
    'credentials.list': (input: ParsedInput<'credentials.list'>): CredentialInfo[] =>
      roll(q.getMeeting(input.meetingId, 'meetingId')).map((r) => ({
        membershipId: r.membershipId,
        name: r.name,
        generation: r.generation,
        state: r.revoked ? 'revoked' : 'active',
      })),
    'credentials.revoke': (input: ParsedInput<'credentials.revoke'>, ctx: WriteContext) => bump(input, ctx, true),
    'credentials.reissue': (input: ParsedInput<'credentials.reissue'>, ctx: WriteContext) => bump(input, ctx, false),
    'desks.create': (input: ParsedInput<'desks.create'>, ctx: WriteContext): DeskLink => {
      const m = liveMeeting(input.meetingId);
      const id = db
        .prepare('INSERT INTO lan_desks (meeting_id, name, created_at) VALUES (?, ?, ?)')
        .run(m.id, input.name, ctx.now).lastInsertRowid as number;
      ctx.audit({
        action: 'desk.create',
        entity: 'lan_desk',
        entityId: String(id),
        detail: { meetingId: m.id, name: input.name },
      });
      ctx.afterCommit(invalidate);
      return deskLink(deskRow(id));
    },
    'desks.list': (input: ParsedInput<'desks.list'>) =>
      (st.desks.all(q.getMeeting(input.meetingId, 'meetingId').id) as DeskRow[]).map(deskInfo),
    'desks.link': (input: ParsedInput<'desks.link'>, ctx: WriteContext): DeskLink => {
      const d = deskRow(input.id);
      if (d.revoked_at) throw new AppError('CONFLICT', `签到台“${d.name}”已停用`, 'id');
      ctx.audit({
        action: 'desk.link',
        entity: 'lan_desk',
        entityId: String(d.id),
        detail: { meetingId: d.meeting_id, name: d.name },
      });
      return deskLink(d);
    },
    'desks.revoke': (input: ParsedInput<'desks.revoke'>, ctx: WriteContext): DeskInfo => {
      const d = deskRow(input.id);
      if (d.revoked_at) throw new AppError('CONFLICT', `签到台“${d.name}”已停用`, 'id');
      db.prepare('UPDATE lan_desks SET revoked_at = ?, generation = generation + 1 WHERE id = ?').run(ctx.now, d.id);
      ctx.audit({
        action: 'desk.revoke',
        entity: 'lan_desk',
        entityId: String(d.id),
        detail: { meetingId: d.meeting_id, name: d.name },
      });
      ctx.afterCommit(invalidate);
      return deskInfo(deskRow(d.id));
    },
    'documents.slips': (input: ParsedInput<'documents.slips'>, ctx: WriteContext): SlipSheet => {
      const m = liveMeeting(input.meetingId);
      const origin = lan.origins()[0];
      if (!origin)
        throw new AppError(
          'CONFLICT',
          '请先在“设置 › 会场网络”中开启会场网络：凭条上的投票码含有会场网络地址',
          'meetingId',
        );
      const slips = roll(m)
        .filter((r) => !r.revoked)
        .map((r, i) => {
          const badge = badgeCode(m.id, r.membershipId, r.generation);
          return {
            no: i + 1,
            name: r.name,
            unit: r.constituency,
            voteQrSvg: qrSvg(lanLink(origin, 't', terminalCode(m.id, r.membershipId, r.generation), keys.publicKey)),
            badgeQrSvg: qrSvg(badge),
            badge,
          };
        });
      ctx.audit({
        action: 'documents.slips',
        entity: 'meeting',
        entityId: String(m.id),
        detail: { meetingId: m.id, count: slips.length, lanAddress: origin },
      });
      return { head: documentHead(m), lanAddress: origin, slips };
    },
  };

  return {
    handlers,
    holderOf,
    invalidate,
    hostSecretKey: fromBase64Url(keys.secretKey)!,
    hostPublicKey: keys.publicKey,
    /** For tests and the rehearsal: the codes of one member as printed. */
    codesOf(meetingId: number, membershipId: number) {
      const g = (st.gen.get(meetingId, membershipId) as { generation: number } | undefined)?.generation ?? 1;
      return { terminal: terminalCode(meetingId, membershipId, g), badge: badgeCode(meetingId, membershipId, g) };
    },
    deskCredential: (deskId: number) => deskCode(deskRow(deskId)),
    /** A short receipt for a cast: derived from the round and the request key, so a retry shows the same one. */
    receipt: (roundId: number, key: string) => derive('receipt', roundId, key).slice(0, 8),
  };
}
export type CredentialStore = ReturnType<typeof credentialStore>;
export type { Db };
