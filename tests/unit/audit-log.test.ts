import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ATTENDANCE_STATUSES,
  auditActionLabel,
  auditActions,
  auditGroupOf,
  choiceLabels,
  describeAudit,
  type AuditEntry,
  type ExportedFile,
} from '../../shared/contract';
import { POLL_AUDIT_ACTIONS } from '../../electron/services/polls';
import {
  errorOf,
  makeTempRuntime,
  namedAndSecretVotes,
  quarterlySession,
  readXlsxValues,
  type TempRuntime,
} from './helpers';

/** The audit log as a clerk reads it: every action named in Chinese, details in words, filters, and the .xlsx export. */

const SERVICES = path.join(__dirname, '../../electron');

/** Every action a service can record, read from the sources: literals after `action:`, and the templated families. */
function actionsInSources(): { literal: string[]; templates: string[] } {
  const literal = new Set<string>();
  const templates = new Set<string>();
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
      );
  for (const file of files(SERVICES)) {
    const src = fs.readFileSync(file, 'utf8');
    // `action: 'x'`, `action: cond ? 'x' : 'y'`, and `const action = … 'x' … `, a ternary over several lines too
    for (const m of src.matchAll(/\baction(?::|\s*=)\s*([^,};]+)/g)) {
      for (const lit of m[1]!.matchAll(/'([a-z]+[A-Za-z]*\.[A-Za-z.]+)'/g)) literal.add(lit[1]!);
      for (const tpl of m[1]!.matchAll(/`([a-z]+[A-Za-z]*)\.\$\{/g)) templates.add(tpl[1]!);
    }
  }
  // The poll engine names its actions in one table, per kind of poll.
  for (const a of Object.values(POLL_AUDIT_ACTIONS).flatMap((k) => Object.values(k))) literal.add(a);
  return { literal: [...literal].sort(), templates: [...templates].sort() };
}

describe('audit action labels', () => {
  it('has a Chinese label for every action the services record', () => {
    const { literal, templates } = actionsInSources();
    expect(literal.length).toBeGreaterThan(40);
    expect(literal).toContain('paper.enter');
    expect(literal).toContain('screen.show');
    // The two templated families, expanded from the values they are built from.
    expect(templates).toEqual(['attendance']);
    const expanded = [
      ...ATTENDANCE_STATUSES.map((s) => `attendance.${s}`),
      'projectVote.create',
      'projectVote.runoff',
      'projectVote.retake',
    ];
    const missing = [...literal, ...expanded].filter((a) => !auditActions[a]);
    expect(missing, '请在 shared/contract/audit-labels.ts 中为这些操作添加中文名称').toEqual([]);
    for (const a of [...literal, ...expanded]) expect(auditActionLabel(a)).toMatch(/\p{Script=Han}/u);
  });
});

let t: TempRuntime;
beforeEach(() => (t = makeTempRuntime()));
afterEach(() => t.cleanup());

const list = async (input: Record<string, unknown>) =>
  (await t.ok('audit.list', { limit: 500, ...input } as never)) as AuditEntry[];

/** A township quarterly session: 6 deputies signed in, a named and a secret electronic vote, the screen showing it. */
async function session() {
  const { body, members, meeting } = await quarterlySession(t, 6);
  await t.ok('meetings.open', { id: meeting.id });
  const votes = await namedAndSecretVotes(t, meeting.id, members, 4);
  await t.ok('screen.show', { mode: 'vote', voteId: votes[0]!.id });
  return { body, members, meeting, votes };
}

describe('audit log', () => {
  it('describes every entry of a session in words, never as JSON, and never says how a secret ballot went', async () => {
    const { members, votes } = await session();
    const entries = await list({});
    expect(entries.length).toBeGreaterThan(30);
    for (const e of entries) {
      expect(auditActions[e.action], e.action).toBeDefined();
      const text = describeAudit(e, { member: (id) => members.find((m) => m.membershipId === id)?.name });
      expect(text, e.action).not.toMatch(/[{}"[\]]|null|undefined|\[object/);
      if (e.detail && e.action !== 'meeting.close') expect(text, e.action).toMatch(/\p{Script=Han}/u);
    }
    const casts = entries.filter((e) => e.action === 'vote.cast');
    const named = casts
      .filter((e) => e.entityId === String(votes[0]!.id))
      .map((e) => describeAudit(e, { member: (id) => members.find((m) => m.membershipId === id)?.name }));
    const secret = casts.filter((e) => e.entityId === String(votes[1]!.id)).map((e) => describeAudit(e));
    expect(named).toHaveLength(6);
    expect(
      named.some((s) => s.startsWith(`${members[0]!.name}：赞成`) || s.startsWith(`${members[5]!.name}：反对`)),
    ).toBe(true);
    expect(secret).toHaveLength(6);
    for (const s of secret) {
      expect(s).toMatch(/已投票（无记名，不记录表决意见）$/);
      for (const label of Object.values(choiceLabels)) expect(s).not.toContain(label);
    }
    // The stored secret entries hold the voter only.
    for (const e of casts.filter((c) => c.entityId === String(votes[1]!.id)))
      expect(Object.keys(e.detail as object)).toEqual(['membershipId']);
  });

  it('filters by meeting, by group of actions and by time, and refuses a bad filter in Chinese', async () => {
    const { meeting, body } = await session();
    const all = await list({});
    const ofMeeting = await list({ meetingId: meeting.id });
    const actions = new Set(ofMeeting.map((e) => e.action));
    for (const a of [
      'meeting.create',
      'meeting.open',
      'attendance.signIn',
      'agenda.add',
      'vote.create',
      'vote.cast',
      'vote.close',
      'screen.show',
    ])
      expect(actions, a).toContain(a);
    expect(actions).not.toContain('roster.import');
    expect(actions).not.toContain('body.create');
    expect(ofMeeting.length).toBeLessThan(all.length);
    expect(await list({ meetingId: meeting.id + 1 })).toEqual([]);

    const votes = await list({ group: 'vote' });
    expect(votes.length).toBeGreaterThan(0);
    expect(votes.every((e) => auditGroupOf(e.action) === 'vote')).toBe(true);
    expect((await list({ group: 'roster' })).map((e) => e.action).sort()).toEqual(['body.create', 'roster.import']);
    expect(await list({ group: 'roster', meetingId: meeting.id })).toEqual([]);

    // A time range: from inclusive, to exclusive, in any ISO form.
    const mid = all[Math.floor(all.length / 2)]!;
    const later = await list({ from: mid.at });
    expect(later.every((e) => e.at >= mid.at)).toBe(true);
    expect(later.map((e) => e.id)).toContain(mid.id);
    expect((await list({ to: mid.at })).every((e) => e.at < mid.at)).toBe(true);
    expect(await list({ from: '2000-01-01T08:00:00+08:00', to: '2000-01-02' })).toEqual([]);

    const err = errorOf(await t.call('audit.list', { from: '2026-03-02', to: '2026-03-01' }));
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'to' });
    expect(err.message).toContain('起始时间晚于结束时间');
    expect(errorOf(await t.call('audit.export', { group: 'nonsense' })).message).toContain('“操作类别”');
    expect(body.id).toBeGreaterThan(0);
  });

  it('exports the filtered log to .xlsx in Chinese: actor, action, object and a readable detail per row', async () => {
    const { meeting } = await session();
    const file = (await t.ok('audit.export', { meetingId: meeting.id })) as ExportedFile;
    expect(file.fileName).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = await readXlsxValues(Buffer.from(file.contentBase64, 'base64'));
    const expected = await list({ meetingId: meeting.id });
    expect(String(rows[0]![0])).toContain(meeting.title);
    expect(rows[1]).toEqual(['序号', '时间', '操作者', '类别', '操作', '对象', '内容', '哈希']);
    const data = rows.slice(2);
    expect(data).toHaveLength(expected.length);
    expect(data.map((r) => r[0])).toEqual(expected.map((e) => e.id));
    for (const r of data) {
      expect(String(r[1])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(r[2]).toBe('test');
      expect(String(r[4])).toMatch(/\p{Script=Han}/u);
      expect(String(r[6] ?? '')).not.toMatch(/[{}"]/);
    }
    expect(data.map((r) => r[4])).toContain('投票');
    expect(data.map((r) => r[4])).toContain('签到');
    // Names instead of ids: the detail of a named vote's cast names the deputy.
    expect(data.some((r) => /^[\p{Script=Han}]{3}：赞成$/u.test(String(r[6])))).toBe(true);
    for (const r of data.filter((x) => String(x[6]).includes('无记名')))
      expect(String(r[6])).not.toMatch(/赞成|反对|弃权/);
  });
});
