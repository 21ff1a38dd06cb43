import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AgendaItem,
  Attendance,
  AttendanceChange,
  AttendanceStatus,
  Body,
  Choice,
  EventMessage,
  ExportedFile,
  Meeting,
  Member,
  RuleSet,
  Vote,
  VoteRollEntry,
} from '../../shared/contract';
import { BUILTIN_RULE_SETS } from '../../shared/domain/rules';
import { verifyAudit } from '../../electron/db/audit';
import { DB_FILE_NAME } from '../../electron/db/open';
import { createRuntime } from '../../electron/services/runtime';
import { b64, createBody, errorOf, makeTempRuntime, type TempRuntime } from './helpers';
import { recordValues, varint } from './sqlite-file';
import { rosterWorkbook } from '../fixtures';

/** Meetings, sign-in and motion votes through dispatch, on a real SQLite file (../shared/rules/README.md §2–3). */

let t: TempRuntime;
let events: EventMessage[];
beforeEach(() => {
  t = makeTempRuntime();
  events = [];
  t.rt.bus.subscribe((m) => events.push(m));
});
afterEach(() => t.cleanup());

// ---- fixtures ---------------------------------------------------------------------------------------------------

async function ruleSetId(key: string): Promise<number> {
  const rs = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === key);
  if (!rs) throw new Error(`no builtin rule set ${key}`);
  return rs.id;
}

/** A body with n members imported from a real .xlsx roster (one transaction), listed in 笔画 order. */
async function bodyWithMembers(
  name: string,
  kind: Body['kind'],
  n: number,
  area: string | null = null,
): Promise<{ body: Body; members: Member[] }> {
  const body = await createBody(t, name, kind, area);
  if (n > 0) {
    const file = await rosterWorkbook(n);
    await t.ok('roster.importCommit', { bodyId: body.id, fileName: '名册.xlsx', contentBase64: b64(file) });
  }
  const members = (await t.ok('members.list', { bodyId: body.id })) as Member[];
  expect(members).toHaveLength(n);
  return { body, members };
}

const township = (n = 90) => bodyWithMembers('鱼嘴镇人民代表大会', 'township_congress', n, '鱼嘴镇');

async function quarterly(bodyId: number, quarter = 2, extra: Record<string, unknown> = {}): Promise<Meeting> {
  return (await t.ok('meetings.create', {
    bodyId,
    kind: 'township_quarterly',
    ruleSetId: await ruleSetId('township_quarterly'),
    title: `鱼嘴镇第十八届人民代表大会第${quarter}季度季会`,
    session: '第十八届',
    date: '2025-04-10',
    startTime: '09:00',
    endTime: '11:30',
    venue: '镇政府三楼会议室',
    quarter,
    ...extra,
  })) as Meeting;
}

const mark = async (meetingId: number, membershipId: number, status: AttendanceStatus, reason?: string) =>
  (await t.ok('attendance.mark', { meetingId, membershipId, status, reason })) as Attendance;

async function signIn(meetingId: number, members: Member[]): Promise<void> {
  for (const m of members) await mark(meetingId, m.membershipId, 'present');
}

const rowOf = (a: Attendance, membershipId: number) => a.rows.find((r) => r.membershipId === membershipId)!;

async function motion(meetingId: number, title = '关于2025年镇级民生实事项目调整的决定（草案）'): Promise<AgendaItem> {
  return (await t.ok('agenda.add', { meetingId, kind: 'motion', title })) as AgendaItem;
}

async function newVote(meetingId: number, mode: Vote['mode'], secrecy: Vote['secrecy'], title?: string): Promise<Vote> {
  const item = await motion(meetingId, title);
  return (await t.ok('votes.create', { agendaItemId: item.id, mode, secrecy })) as Vote;
}

/** A township quarterly session of `n` deputies, `present` of them signed in, opened (with an override below quorum). */
async function openQuarterly(present: number, n = 90) {
  const { body, members } = await township(n);
  const meeting = await quarterly(body.id);
  await signIn(meeting.id, members.slice(0, present));
  const opened = (await t.ok('meetings.open', {
    id: meeting.id,
    overrideReason: present * 3 < n * 2 ? '主席团决定照常开会' : null,
  })) as Meeting;
  expect(opened.status).toBe('open');
  return { body, members, meeting: opened };
}

const auditRows = (action: string) =>
  (
    t.rt.db.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
      entity_id: string;
      detail: string;
      actor: string;
    }[]
  ).map((r) => ({
    ...r,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));

const VOTE_TABLES = [
  'polls',
  'poll_rounds',
  'round_eligible',
  'round_named',
  'round_voters',
  'round_ballots',
  'round_counts',
  'audit_log',
];
const counts = (tables = VOTE_TABLES) => Object.fromEntries(tables.map((name) => [name, t.count(name)]));

// ---- rule sets --------------------------------------------------------------------------------------------------

describe('rule sets', () => {
  it('ships the builtin rule sets with their keys and legal basis', async () => {
    const sets = (await t.ok('ruleSets.list', {})) as RuleSet[];
    expect(sets.map((r) => r.key)).toEqual(BUILTIN_RULE_SETS.map((b) => b.key));
    for (const b of BUILTIN_RULE_SETS) {
      expect(sets.find((r) => r.key === b.key)).toMatchObject({
        name: b.name,
        meetingKind: b.meetingKind,
        builtin: true,
        basedOn: null,
        rules: b.rules,
      });
    }
    expect(auditRows('ruleSet.builtin')).toHaveLength(BUILTIN_RULE_SETS.length);

    // Reopening the data folder (once this runtime let go of it) does not write them twice.
    t.rt.close();
    const again = createRuntime(t.dir, { transport: 'http' });
    try {
      expect(again.db.prepare('SELECT COUNT(*) FROM rule_sets').pluck().get()).toBe(BUILTIN_RULE_SETS.length);
      expect(again.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'ruleSet.builtin'").pluck().get()).toBe(
        BUILTIN_RULE_SETS.length,
      );
    } finally {
      again.close();
    }
  });

  it('copies a builtin rule set and updates the copy; a builtin one cannot be changed', async () => {
    const src = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'street_council')!;
    const copy = (await t.ok('ruleSets.copy', { id: src.id, name: '观音桥街道议事代表会议规则' })) as RuleSet;
    expect(copy).toMatchObject({
      key: null,
      name: '观音桥街道议事代表会议规则',
      meetingKind: 'street_council',
      builtin: false,
      basedOn: src.id,
      rules: src.rules,
    });

    // One local variant: more than 2/3 present before a 票选 may start.
    const rules = {
      ...src.rules,
      quorum: { num: 2, den: 3, strict: true, basis: '票选须有三分之二以上议事代表出席（观音桥街道实施意见）' },
    };
    const updated = (await t.ok('ruleSets.update', {
      id: copy.id,
      name: '观音桥街道议事代表会议规则（票选）',
      rules,
    })) as RuleSet;
    expect(updated).toMatchObject({ id: copy.id, name: '观音桥街道议事代表会议规则（票选）', builtin: false, rules });
    expect(((await t.ok('ruleSets.list', {})) as RuleSet[]).at(-1)).toEqual(updated);
    expect(auditRows('ruleSet.copy').map((r) => r.detail)).toEqual([
      { from: src.id, name: '观音桥街道议事代表会议规则' },
    ]);
    expect(auditRows('ruleSet.update')).toHaveLength(1);

    expect(errorOf(await t.call('ruleSets.copy', { id: src.id, name: src.name }))).toMatchObject({
      code: 'CONFLICT',
      field: 'name',
    });
    expect(errorOf(await t.call('ruleSets.copy', { id: 999, name: '不存在的规则副本' }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'id',
    });

    const before = { rows: t.rt.db.prepare('SELECT * FROM rule_sets ORDER BY id').all(), audit: t.count('audit_log') };
    const builtin = errorOf(await t.call('ruleSets.update', { id: src.id, name: src.name, rules }));
    expect(builtin).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(builtin.message).toContain('内置规则');
    expect(errorOf(await t.call('ruleSets.update', { id: copy.id, name: src.name, rules }))).toMatchObject({
      code: 'CONFLICT',
      field: 'name',
    });
    expect({ rows: t.rt.db.prepare('SELECT * FROM rule_sets ORDER BY id').all(), audit: t.count('audit_log') }).toEqual(
      before,
    );
  });
});

// ---- meetings and agenda ----------------------------------------------------------------------------------------

describe('meetings', () => {
  it('creates a 镇人大季会: one per quarter, with a rule set of its kind, held by a township congress', async () => {
    const { body } = await township(3);
    const m = await quarterly(body.id, 2);
    expect(m).toMatchObject({
      bodyId: body.id,
      bodyName: '鱼嘴镇人民代表大会',
      bodyKind: 'township_congress',
      kind: 'township_quarterly',
      ruleSetName: '镇人大季会（人民代表大会会议）',
      year: 2025,
      quarter: 2,
      status: 'preparing',
      startTime: '09:00',
      endTime: '11:30',
      openedAt: null,
      closedAt: null,
      quorumOverride: null,
      agenda: [],
    });
    expect(m.rules.quorum.basis).toContain('地方组织法第十四条');
    expect(events).toContainEqual({ name: 'meeting.changed', payload: { meetingId: m.id } });

    const street = await createBody(t, '观音桥街道议事代表会议', 'street_council', '观音桥街道');
    const before = counts(['meetings', 'audit_log']);
    const noQuarter = errorOf(
      await t.call('meetings.create', {
        bodyId: body.id,
        kind: 'township_quarterly',
        ruleSetId: m.ruleSetId,
        title: '鱼嘴镇季会',
        date: '2025-07-10',
      }),
    );
    expect(noQuarter).toMatchObject({ code: 'VALIDATION', field: 'quarter' });

    const second = errorOf(
      await t.call('meetings.create', {
        bodyId: body.id,
        kind: 'township_quarterly',
        ruleSetId: m.ruleSetId,
        title: '鱼嘴镇第二次季会',
        date: '2025-05-20',
        quarter: 2,
      }),
    );
    expect(second).toMatchObject({ code: 'CONFLICT', field: 'quarter' });
    expect(second.message).toContain('2025年第2季度');

    const wrongRules = errorOf(
      await t.call('meetings.create', {
        bodyId: body.id,
        kind: 'township_quarterly',
        ruleSetId: await ruleSetId('standing_committee'),
        title: '鱼嘴镇第三季度季会',
        date: '2025-07-10',
        quarter: 3,
      }),
    );
    expect(wrongRules).toMatchObject({ code: 'VALIDATION', field: 'ruleSetId' });

    const wrongBody = errorOf(
      await t.call('meetings.create', {
        bodyId: street.id,
        kind: 'township_quarterly',
        ruleSetId: m.ruleSetId,
        title: '观音桥街道季会',
        date: '2025-07-10',
        quarter: 3,
      }),
    );
    expect(wrongBody).toMatchObject({ code: 'VALIDATION', field: 'kind' });

    const badTimes = errorOf(
      await t.call('meetings.create', {
        bodyId: body.id,
        kind: 'township_quarterly',
        ruleSetId: m.ruleSetId,
        title: '鱼嘴镇第三季度季会',
        date: '2025-07-10',
        quarter: 3,
        startTime: '10:00',
        endTime: '09:00',
      }),
    );
    expect(badTimes).toMatchObject({ code: 'VALIDATION', field: 'endTime' });
    expect(counts(['meetings', 'audit_log'])).toEqual(before);

    // The same quarter of another year, and another quarter, are fine; so is updating a meeting to its own quarter.
    await quarterly(body.id, 2, { date: '2026-04-09' });
    const q3 = await quarterly(body.id, 3, { date: '2025-07-10' });
    const moved = errorOf(
      await t.call('meetings.update', {
        id: q3.id,
        ruleSetId: q3.ruleSetId,
        title: q3.title,
        date: '2025-07-10',
        quarter: 2,
      }),
    );
    expect(moved).toMatchObject({ code: 'CONFLICT', field: 'quarter' });
    const renamed = (await t.ok('meetings.update', {
      id: q3.id,
      ruleSetId: q3.ruleSetId,
      title: '鱼嘴镇第三季度季会（改期）',
      date: '2025-07-11',
      quarter: 3,
    })) as Meeting;
    expect(renamed).toMatchObject({ title: '鱼嘴镇第三季度季会（改期）', date: '2025-07-11', quarter: 3 });
    expect(((await t.ok('meetings.list', { bodyId: body.id })) as Meeting[]).map((x) => x.date)).toEqual([
      '2026-04-09',
      '2025-07-11',
      '2025-04-10',
    ]);
    expect(errorOf(await t.call('meetings.get', { id: 999 }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('adds, moves and removes agenda items, and keeps attached documents in the data folder', async () => {
    const { body } = await township(3);
    const m = await quarterly(body.id);
    const add = async (kind: AgendaItem['kind'], title: string) =>
      (await t.ok('agenda.add', { meetingId: m.id, kind, title })) as AgendaItem;
    const a = await add('report', '听取镇人民政府关于第一季度计划执行情况的报告');
    const b = await add('report', '听取代表建议办理情况的报告');
    const c = await add('motion', '关于调整镇级民生实事项目的决定（草案）');
    expect([a.position, b.position, c.position]).toEqual([1, 2, 3]);
    const titles = (items: AgendaItem[]) => items.map((i) => [i.position, i.id]);

    expect(titles((await t.ok('agenda.move', { id: c.id, direction: 'up' })) as AgendaItem[])).toEqual([
      [1, a.id],
      [2, c.id],
      [3, b.id],
    ]);
    // Moving the first item up changes nothing.
    expect(titles((await t.ok('agenda.move', { id: a.id, direction: 'up' })) as AgendaItem[])).toEqual([
      [1, a.id],
      [2, c.id],
      [3, b.id],
    ]);
    expect(titles((await t.ok('agenda.move', { id: a.id, direction: 'down' })) as AgendaItem[])).toEqual([
      [1, c.id],
      [2, a.id],
      [3, b.id],
    ]);

    const content = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.from('第一季度计划执行情况', 'utf8'),
      Buffer.from([0, 1, 2, 254, 255]),
    ]);
    const withDoc = (await t.ok('agenda.attach', {
      itemId: a.id,
      fileName: '第一季度计划执行情况报告.pdf',
      contentBase64: b64(content),
    })) as AgendaItem;
    expect(withDoc.documents).toHaveLength(1);
    const doc = withDoc.documents[0]!;
    expect(doc).toMatchObject({ itemId: a.id, fileName: '第一季度计划执行情况报告.pdf', size: content.length });
    const stored = fs.readdirSync(path.join(t.dir, 'documents'));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/\.pdf$/);
    expect(fs.readFileSync(path.join(t.dir, 'documents', stored[0]!)).equals(content)).toBe(true);
    const file = (await t.ok('agenda.document', { documentId: doc.id })) as ExportedFile;
    expect(file.fileName).toBe('第一季度计划执行情况报告.pdf');
    expect(Buffer.from(file.contentBase64, 'base64').equals(content)).toBe(true);
    expect(
      ((await t.ok('meetings.get', { id: m.id })) as Meeting).agenda.find((i) => i.id === a.id)!.documents,
    ).toEqual([doc]);
    expect(errorOf(await t.call('agenda.document', { documentId: 999 }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'documentId',
    });
    expect(
      errorOf(await t.call('agenda.attach', { itemId: 999, fileName: 'a.pdf', contentBase64: 'AAAA' })),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'itemId' });

    await t.ok('agenda.remove', { id: a.id });
    const agenda = ((await t.ok('meetings.get', { id: m.id })) as Meeting).agenda;
    expect(titles(agenda)).toEqual([
      [1, c.id],
      [2, b.id],
    ]);
    expect(t.count('agenda_documents')).toBe(0);

    // An item with a vote on record cannot be removed.
    await t.ok('votes.create', { agendaItemId: c.id, mode: 'electronic', secrecy: 'named' });
    expect(errorOf(await t.call('agenda.remove', { id: c.id }))).toMatchObject({ code: 'CONFLICT', field: 'id' });
    // Only a motion can be voted on.
    expect(
      errorOf(await t.call('votes.create', { agendaItemId: b.id, mode: 'electronic', secrecy: 'named' })),
    ).toMatchObject({ code: 'VALIDATION', field: 'agendaItemId' });
    expect(auditRows('agenda.move')).toHaveLength(3);
    expect(verifyAudit(t.rt.db).ok).toBe(true);
  });
});

// ---- sign-in and quorum -----------------------------------------------------------------------------------------

describe('sign-in and quorum', () => {
  it('attendance.markOne signs in like attendance.mark but returns only the row and the summary; the event carries both', async () => {
    const { body, members } = await township(8);
    await t.ok('members.end', {
      membershipId: members[7]!.membershipId,
      until: '2025-01-31',
      reason: '工作调动辞去代表职务',
    });
    const m = await quarterly(body.id);
    await mark(m.id, members[0]!.membershipId, 'present');
    await mark(m.id, members[1]!.membershipId, 'leave', '因公出差');
    await mark(m.id, members[2]!.membershipId, 'absent');

    const one = (await t.ok('attendance.markOne', {
      meetingId: m.id,
      membershipId: members[3]!.membershipId,
      status: 'present',
    })) as AttendanceChange;
    const sheet = (await t.ok('attendance.get', { meetingId: m.id })) as Attendance;
    expect(Object.keys(one).sort()).toEqual(['meetingId', 'row', 'summary']);
    expect(one.row).toEqual(rowOf(sheet, members[3]!.membershipId));
    expect(one.row).toMatchObject({ status: 'present', late: false });
    // The aggregate summary is the one the whole sheet counts (the seat that ended is off the roll).
    expect(one.summary).toEqual(sheet.summary);
    expect(one.summary).toMatchObject({ expected: 7, present: 2, leave: 1, absent: 1, pending: 3, left: 0 });
    const event = events.filter((e) => e.name === 'attendance.changed').at(-1)!.payload;
    expect(event).toEqual({ meetingId: m.id, present: 2, expected: 7, leave: 1, row: one.row, summary: one.summary });

    // Leaving, then undoing: the row and summary follow, and attendance.mark still returns the whole sheet.
    const left = (await t.ok('attendance.markOne', {
      meetingId: m.id,
      membershipId: members[3]!.membershipId,
      status: 'left',
    })) as AttendanceChange;
    expect(left.row.leftAt).toBeTruthy();
    expect(left.summary).toMatchObject({ present: 1, left: 1 });
    const undone = (await t.ok('attendance.markOne', {
      meetingId: m.id,
      membershipId: members[1]!.membershipId,
      status: 'pending',
    })) as AttendanceChange;
    expect(undone.row).toMatchObject({ status: 'pending', reason: null });
    expect(undone.summary).toMatchObject({ leave: 0, pending: 4 });
    const whole = await mark(m.id, members[4]!.membershipId, 'present');
    expect(whole.rows).toHaveLength(7);
    expect(whole.summary).toMatchObject({ present: 2, pending: 3 });

    // The same checks, and a refusal changes nothing.
    const before = counts(['attendance', 'audit_log']);
    expect(
      errorOf(
        await t.call('attendance.markOne', {
          meetingId: m.id,
          membershipId: members[0]!.membershipId,
          status: 'present',
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', field: 'status' });
    expect(
      errorOf(
        await t.call('attendance.markOne', {
          meetingId: m.id,
          membershipId: members[7]!.membershipId,
          status: 'present',
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'membershipId' });
    expect(counts(['attendance', 'audit_log'])).toEqual(before);
    expect(verifyAudit(t.rt.db).ok).toBe(true);
  });

  it("counts the members on the meeting's date: a seat that ended before is off the roll, one that ends later stays on the record", async () => {
    const { body, members } = await township(6);
    const [gone, later, ...rest] = members;
    await t.ok('members.end', {
      membershipId: gone!.membershipId,
      until: '2025-01-31',
      reason: '工作调动辞去代表职务',
    });
    const meeting = await quarterly(body.id); // 2025-04-10
    let att = (await t.ok('attendance.get', { meetingId: meeting.id })) as Attendance;
    expect(att.summary.expected).toBe(5);
    expect(att.rows.map((r) => r.membershipId)).not.toContain(gone!.membershipId);
    expect(
      errorOf(
        await t.call('attendance.mark', { meetingId: meeting.id, membershipId: gone!.membershipId, status: 'present' }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });

    await signIn(meeting.id, [later!, ...rest]);
    await t.ok('members.end', { membershipId: later!.membershipId, until: '2025-06-30', reason: '辞去代表职务' });
    att = (await t.ok('attendance.get', { meetingId: meeting.id })) as Attendance;
    expect(att.summary).toMatchObject({ expected: 5, present: 5 });
    expect(rowOf(att, later!.membershipId).status).toBe('present');
  });

  it('lists the sign-in sheet by seat, then in 姓氏笔画 order where seats are equal or missing', async () => {
    const { body } = await township(0);
    for (const [name, seatNo] of [
      ['张三', null],
      ['周一', '2'],
      ['李四', null],
      ['欧阳明', null],
      ['王五', '1'],
      ['单雄信', null],
    ] as const) {
      await t.ok('members.create', { bodyId: body.id, name, seatNo } as never);
    }
    const meeting = await quarterly(body.id);
    const att = (await t.ok('attendance.get', { meetingId: meeting.id })) as Attendance;
    // 李 (横) before 张 (折) at 7 strokes; 欧 (横) before 单 (点) at 8.
    expect(att.rows.map((r) => r.name)).toEqual(['王五', '周一', '李四', '张三', '欧阳明', '单雄信']);
  });

  it('refuses to open below 2/3 without a reason, records the override, and marks later sign-ins as 补签到', async () => {
    const { body, members } = await township(90);
    const m = await quarterly(body.id);
    await signIn(m.id, members.slice(0, 59));
    let att = (await t.ok('attendance.get', { meetingId: m.id })) as Attendance;
    expect(att.noun).toBe('代表');
    expect(att.summary).toMatchObject({ expected: 90, present: 59, pending: 31, leave: 0, absent: 0, left: 0 });
    expect(att.summary.quorum).toMatchObject({ expected: 90, present: 59, required: 60, met: false });
    expect(att.summary.quorum.basis).toContain('地方组织法第十四条');
    expect(rowOf(att, members[0]!.membershipId)).toMatchObject({ status: 'present', late: false, reason: null });
    expect(rowOf(att, members[0]!.membershipId).signedInAt).toBeTruthy();
    expect(events.filter((e) => e.name === 'attendance.changed').at(-1)!.payload).toMatchObject({
      meetingId: m.id,
      present: 59,
      expected: 90,
      leave: 0,
    });

    const before = counts(['audit_log']);
    const refused = errorOf(await t.call('meetings.open', { id: m.id }));
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'overrideReason' });
    expect(refused.message).toContain('地方组织法第十四条');
    expect(refused.message).toContain('60');
    expect(refused.message).toContain('未达法定人数');
    expect(errorOf(await t.call('meetings.open', { id: m.id, overrideReason: '   ' }))).toMatchObject({
      code: 'CONFLICT',
      field: 'overrideReason',
    });
    expect(((await t.ok('meetings.get', { id: m.id })) as Meeting).status).toBe('preparing');
    expect(counts(['audit_log'])).toEqual(before);

    // Leave needs a reason; 离场 only from 出席; only the body's current members can be marked.
    const onLeave = members[60]!;
    expect(
      errorOf(
        await t.call('attendance.mark', { meetingId: m.id, membershipId: onLeave.membershipId, status: 'leave' }),
      ),
    ).toMatchObject({ code: 'VALIDATION', field: 'reason' });
    att = await mark(m.id, onLeave.membershipId, 'leave', '因病住院');
    expect(rowOf(att, onLeave.membershipId)).toMatchObject({ status: 'leave', reason: '因病住院', signedInAt: null });
    expect(att.summary).toMatchObject({ leave: 1, present: 59 });
    expect(
      errorOf(await t.call('attendance.mark', { meetingId: m.id, membershipId: onLeave.membershipId, status: 'left' })),
    ).toMatchObject({ code: 'CONFLICT', field: 'status' });
    expect(
      errorOf(
        await t.call('attendance.mark', { meetingId: m.id, membershipId: members[61]!.membershipId, status: 'left' }),
      ),
    ).toMatchObject({ code: 'CONFLICT', field: 'status' });
    expect(
      errorOf(
        await t.call('attendance.mark', { meetingId: m.id, membershipId: members[0]!.membershipId, status: 'present' }),
      ),
    ).toMatchObject({ code: 'CONFLICT', field: 'status' });
    await mark(m.id, members[62]!.membershipId, 'absent');

    const other = await bodyWithMembers('江北区人大常委会', 'standing_committee', 2);
    for (const membershipId of [other.members[0]!.membershipId, 99_999]) {
      const nonMember = errorOf(await t.call('attendance.mark', { meetingId: m.id, membershipId, status: 'present' }));
      expect(nonMember).toMatchObject({ code: 'NOT_FOUND', field: 'membershipId' });
    }
    expect(
      errorOf(
        await t.call('attendance.mark', { meetingId: 999, membershipId: members[0]!.membershipId, status: 'present' }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });

    const reason = '多名代表参加防汛抢险，经主席团决定照常开会';
    const opened = (await t.ok('meetings.open', { id: m.id, overrideReason: reason })) as Meeting;
    expect(opened).toMatchObject({ status: 'open', quorumOverride: reason });
    expect(opened.openedAt).toBeTruthy();
    const override = auditRows('meeting.open.override');
    expect(override).toHaveLength(1);
    expect(override[0]).toMatchObject({ entity_id: String(m.id), detail: { overrideReason: reason } });
    expect(override[0]!.detail.quorum).toContain('未达法定人数');
    expect(auditRows('meeting.open')).toHaveLength(0);
    expect(errorOf(await t.call('meetings.open', { id: m.id, overrideReason: reason }))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(
      errorOf(
        await t.call('meetings.update', { id: m.id, ruleSetId: m.ruleSetId, title: m.title, date: m.date, quarter: 2 }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });

    // 补签到: signing in after the meeting opened, including someone first marked absent.
    att = await mark(m.id, members[59]!.membershipId, 'present');
    expect(rowOf(att, members[59]!.membershipId)).toMatchObject({ status: 'present', late: true });
    expect(att.summary.quorum).toMatchObject({ present: 60, required: 60, met: true });
    att = await mark(m.id, members[62]!.membershipId, 'present');
    expect(rowOf(att, members[62]!.membershipId)).toMatchObject({ status: 'present', late: true, reason: null });
    expect(rowOf(att, members[0]!.membershipId).late).toBe(false);
    expect(auditRows('attendance.lateSignIn').map((r) => r.detail.membershipId)).toEqual([
      members[59]!.membershipId,
      members[62]!.membershipId,
    ]);

    // Leaving early is recorded with its time and no longer counts as present; coming back keeps the first sign-in.
    const leaver = members[1]!;
    const signedInAt = rowOf(att, leaver.membershipId).signedInAt;
    att = await mark(m.id, leaver.membershipId, 'left', '临时有事');
    expect(rowOf(att, leaver.membershipId)).toMatchObject({ status: 'left', signedInAt });
    expect(rowOf(att, leaver.membershipId).leftAt).toBeTruthy();
    expect(att.summary).toMatchObject({ present: 60, left: 1 });
    att = await mark(m.id, leaver.membershipId, 'present');
    expect(rowOf(att, leaver.membershipId)).toMatchObject({ status: 'present', signedInAt, leftAt: null, late: false });

    const closed = (await t.ok('meetings.close', { id: m.id })) as Meeting;
    expect(closed.status).toBe('closed');
    const afterClose = errorOf(
      await t.call('attendance.mark', { meetingId: m.id, membershipId: members[70]!.membershipId, status: 'present' }),
    );
    expect(afterClose).toMatchObject({ code: 'CONFLICT' });
    expect(errorOf(await t.call('meetings.close', { id: m.id }))).toMatchObject({ code: 'CONFLICT' });
    expect(
      errorOf(await t.call('agenda.add', { meetingId: m.id, kind: 'report', title: '闭会后的议程' })),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(verifyAudit(t.rt.db).ok).toBe(true);
  });

  it('opens without an override at exactly 2/3 (以上 includes the number)', async () => {
    const { body, members } = await township(30);
    const m = await quarterly(body.id);
    await signIn(m.id, members.slice(0, 20));
    const opened = (await t.ok('meetings.open', { id: m.id, overrideReason: '用不上的理由' })) as Meeting;
    expect(opened).toMatchObject({ status: 'open', quorumOverride: null });
    expect(auditRows('meeting.open')).toHaveLength(1);
    expect(auditRows('meeting.open')[0]!.detail).toMatchObject({
      overrideReason: null,
      quorum: '应到代表30名，实到20名，符合法定人数',
    });
    expect(auditRows('meeting.open.override')).toHaveLength(0);
  });
});

// ---- votes ------------------------------------------------------------------------------------------------------

describe('votes', () => {
  it('refuses to open a vote below quorum, even in a meeting opened by override', async () => {
    const { members, meeting } = await openQuarterly(59);
    const v = await newVote(meeting.id, 'electronic', 'named');
    const before = counts();
    const refused = errorOf(await t.call('votes.open', { id: v.id }));
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(refused.message).toContain('未达法定人数');
    expect(refused.message).toContain('地方组织法第十四条');
    expect(counts()).toEqual(before);
    expect(((await t.ok('votes.get', { id: v.id })) as Vote).status).toBe('pending');

    await mark(meeting.id, members[59]!.membershipId, 'present');
    const opened = (await t.ok('votes.open', { id: v.id })) as Vote;
    expect(opened).toMatchObject({ status: 'open', cast: 0, eligible: 60, result: null, announcement: null });
    expect(opened.snapshot).toMatchObject({
      expected: 90,
      present: 60,
      ruleSetName: '镇人大季会（人民代表大会会议）',
      noun: '代表',
      quorum: { met: true, required: 60 },
    });
    expect(t.count('round_eligible')).toBe(60);
  });

  it('takes an electronic named vote and gives the roll call once closed', async () => {
    const { members, meeting } = await openQuarterly(62);
    const v = await newVote(meeting.id, 'electronic', 'named');
    expect(
      errorOf(await t.call('votes.cast', { id: v.id, membershipId: members[0]!.membershipId, choice: 'yes' })),
    ).toMatchObject({ code: 'CONFLICT' });
    await t.ok('votes.open', { id: v.id });

    const choices = new Map<number, Choice>();
    members.slice(0, 50).forEach((m, i) => choices.set(m.membershipId, i === 1 ? 'no' : i === 2 ? 'abstain' : 'yes'));
    for (const [membershipId, choice] of choices) await t.ok('votes.cast', { id: v.id, membershipId, choice });
    expect(
      errorOf(await t.call('votes.cast', { id: v.id, membershipId: members[0]!.membershipId, choice: 'no' })),
    ).toMatchObject({ code: 'CONFLICT', field: 'membershipId' });

    const running = (await t.ok('votes.get', { id: v.id })) as Vote;
    expect(running).toMatchObject({ status: 'open', cast: 50, eligible: 62, result: null, announcement: null });
    expect(errorOf(await t.call('votes.roll', { id: v.id }))).toMatchObject({ code: 'CONFLICT' });
    // Progress events carry how many voted, never how.
    const progress = events.filter((e) => e.name === 'vote.changed').map((e) => e.payload as Record<string, unknown>);
    expect(progress.at(-1)).toEqual({ voteId: v.id, meetingId: meeting.id, status: 'open', cast: 50, eligible: 62 });
    for (const p of progress)
      expect(Object.keys(p).sort()).toEqual(['cast', 'eligible', 'meetingId', 'status', 'voteId']);

    const closed = (await t.ok('votes.close', { id: v.id })) as Vote;
    expect(closed.result).toEqual({
      yes: 48,
      no: 1,
      abstain: 1,
      notVoting: 12,
      base: 90,
      required: 46,
      passed: true,
      thresholdText: '赞成票须超过全体代表的半数，即至少46票',
    });
    expect(closed.announcement).toBe(
      `应到代表90名，实到62名，符合法定人数。《${v.title}》表决结果：赞成48票，反对1票，弃权1票，未表决12人。赞成票须超过全体代表的半数（至少46票），通过。`,
    );
    expect(
      errorOf(await t.call('votes.cast', { id: v.id, membershipId: members[55]!.membershipId, choice: 'yes' })),
    ).toMatchObject({ code: 'CONFLICT' });

    const roll = (await t.ok('votes.roll', { id: v.id })) as VoteRollEntry[];
    expect(roll).toHaveLength(62);
    for (const r of roll) expect(r.choice).toBe(choices.get(r.membershipId) ?? null);
    expect(roll.filter((r) => r.choice === null)).toHaveLength(12);
    expect(auditRows('vote.cast').map((r) => r.detail)).toContainEqual({
      membershipId: members[1]!.membershipId,
      choice: 'no',
    });
  });

  it('keeps a secret vote secret and refuses bad ballots without changing anything', async () => {
    const { members, meeting } = await openQuarterly(62);
    const other = await bodyWithMembers('江北区人大常委会', 'standing_committee', 3);
    const v = await newVote(meeting.id, 'electronic', 'secret', '关于罢免某某代表职务的决定');
    await t.ok('votes.open', { id: v.id });
    await mark(meeting.id, members[70]!.membershipId, 'present'); // signed in after the vote opened

    await t.ok('votes.cast', { id: v.id, membershipId: members[0]!.membershipId, choice: 'yes' });
    const before = counts();
    const refusals: [number, string, string][] = [
      [other.members[0]!.membershipId, 'FORBIDDEN', 'membershipId'], // not a member of this body
      [99_999, 'FORBIDDEN', 'membershipId'],
      [members[80]!.membershipId, 'FORBIDDEN', 'membershipId'], // a member not present when the vote opened
      [members[70]!.membershipId, 'FORBIDDEN', 'membershipId'], // 补签到 after the vote opened
      [members[0]!.membershipId, 'CONFLICT', 'membershipId'], // a second vote
    ];
    for (const [membershipId, code, field] of refusals) {
      const err = errorOf(await t.call('votes.cast', { id: v.id, membershipId, choice: 'no' }));
      expect(err, String(membershipId)).toMatchObject({ code, field });
      expect(counts()).toEqual(before);
    }
    expect(
      errorOf(await t.call('votes.cast', { id: 999, membershipId: members[1]!.membershipId, choice: 'no' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(counts()).toEqual(before);

    await t.ok('votes.cast', { id: v.id, membershipId: members[1]!.membershipId, choice: 'no' });
    const running = (await t.ok('votes.get', { id: v.id })) as Vote;
    expect(running).toMatchObject({
      secrecy: 'secret',
      status: 'open',
      cast: 2,
      eligible: 62,
      result: null,
      announcement: null,
    });
    expect(t.count('round_named')).toBe(0);
    expect(t.count('round_voters')).toBe(2);
    expect(t.count('round_ballots')).toBe(2);
    for (const r of auditRows('vote.cast')) expect(Object.keys(r.detail)).toEqual(['membershipId']);

    const closed = (await t.ok('votes.close', { id: v.id })) as Vote;
    expect(closed.result).toMatchObject({ yes: 1, no: 1, abstain: 0, notVoting: 60, required: 46, passed: false });
    expect(closed.result!.thresholdText).toBe('赞成票须超过全体代表的半数，即至少46票');
    expect(closed.announcement).toContain('未通过。');
    expect(errorOf(await t.call('votes.roll', { id: v.id }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('takes a show of hands or paper ballots as counts entered by the clerk, and re-votes in a new round', async () => {
    const { members, meeting } = await openQuarterly(62);
    const hands = await newVote(meeting.id, 'hands', 'named', '关于镇级民生实事项目调整的决定');
    await t.ok('votes.open', { id: hands.id });

    const before = counts();
    expect(
      errorOf(await t.call('votes.cast', { id: hands.id, membershipId: members[0]!.membershipId, choice: 'yes' })),
    ).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(errorOf(await t.call('votes.close', { id: hands.id }))).toMatchObject({ code: 'CONFLICT', field: 'id' });
    const tooMany = errorOf(await t.call('votes.enterCounts', { id: hands.id, yes: 50, no: 10, abstain: 3 }));
    expect(tooMany).toMatchObject({ code: 'VALIDATION', field: 'yes' });
    expect(tooMany.message).toContain('63');
    expect(tooMany.message).toContain('62');
    expect(counts()).toEqual(before);

    let v = (await t.ok('votes.enterCounts', { id: hands.id, yes: 50, no: 10, abstain: 2 })) as Vote;
    expect(v).toMatchObject({ status: 'open', cast: 62, result: null, announcement: null });
    // A correction replaces the counts.
    v = (await t.ok('votes.enterCounts', { id: hands.id, yes: 45, no: 15, abstain: 1 })) as Vote;
    expect(v.cast).toBe(61);
    expect(t.count('round_counts')).toBe(1);

    const closed = (await t.ok('votes.close', { id: hands.id })) as Vote;
    expect(closed.result).toEqual({
      yes: 45,
      no: 15,
      abstain: 1,
      notVoting: 1,
      base: 90,
      required: 46,
      passed: false,
      thresholdText: '赞成票须超过全体代表的半数，即至少46票',
    });
    expect(errorOf(await t.call('votes.enterCounts', { id: hands.id, yes: 46, no: 15, abstain: 1 }))).toMatchObject({
      code: 'CONFLICT',
    });

    // Re-vote on paper: round 2, the first round stays on record.
    const round2 = (await t.ok('votes.revote', { id: hands.id, mode: 'paper' })) as Vote;
    expect(round2).toMatchObject({
      round: 2,
      previousVoteId: hands.id,
      mode: 'paper',
      secrecy: 'named',
      status: 'pending',
      agendaItemId: hands.agendaItemId,
      title: hands.title,
    });
    expect(errorOf(await t.call('votes.revote', { id: hands.id }))).toMatchObject({ code: 'CONFLICT' });
    await t.ok('votes.open', { id: round2.id });
    expect(errorOf(await t.call('votes.revote', { id: round2.id }))).toMatchObject({ code: 'CONFLICT' });
    await t.ok('votes.enterCounts', { id: round2.id, yes: 46, no: 15, abstain: 1 });
    expect(((await t.ok('votes.close', { id: round2.id })) as Vote).result).toMatchObject({ yes: 46, passed: true });
    const list = (await t.ok('votes.list', { meetingId: meeting.id })) as Vote[];
    expect(list.map((x) => [x.round, x.mode, x.status, x.result?.passed])).toEqual([
      [1, 'hands', 'closed', false],
      [2, 'paper', 'closed', true],
    ]);
    expect(auditRows('vote.revote')).toHaveLength(1);
  });

  it('refuses counts for an electronic vote, switches a failed electronic vote to hands, and does not close a meeting with a vote open', async () => {
    const { members, meeting } = await openQuarterly(62);
    const v = await newVote(meeting.id, 'electronic', 'named');
    await t.ok('votes.open', { id: v.id });
    const second = await newVote(meeting.id, 'electronic', 'named', '另一项决定（草案）');
    expect(errorOf(await t.call('votes.open', { id: second.id }))).toMatchObject({ code: 'CONFLICT' });

    const before = counts();
    expect(errorOf(await t.call('votes.enterCounts', { id: v.id, yes: 10, no: 0, abstain: 0 }))).toMatchObject({
      code: 'CONFLICT',
      field: 'id',
    });
    const closing = errorOf(await t.call('meetings.close', { id: meeting.id }));
    expect(closing).toMatchObject({ code: 'CONFLICT' });
    expect(closing.message).toContain(v.title);
    expect(counts()).toEqual(before);
    expect(((await t.ok('meetings.get', { id: meeting.id })) as Meeting).status).toBe('open');

    // The devices fail after a few votes: close the round and take it again by show of hands.
    await t.ok('votes.cast', { id: v.id, membershipId: members[0]!.membershipId, choice: 'yes' });
    await t.ok('votes.close', { id: v.id });
    const byHands = (await t.ok('votes.revote', { id: v.id, mode: 'hands' })) as Vote;
    expect(byHands).toMatchObject({ round: 2, previousVoteId: v.id, mode: 'hands', status: 'pending' });
    expect(((await t.ok('votes.get', { id: v.id })) as Vote).result).toMatchObject({ yes: 1, passed: false });

    // Pending votes do not hold up the close; an open one does.
    await t.ok('votes.open', { id: byHands.id });
    expect(errorOf(await t.call('meetings.close', { id: meeting.id }))).toMatchObject({ code: 'CONFLICT' });
    await t.ok('votes.enterCounts', { id: byHands.id, yes: 60, no: 1, abstain: 1 });
    await t.ok('votes.close', { id: byHands.id });
    expect(((await t.ok('meetings.close', { id: meeting.id })) as Meeting).status).toBe('closed');
    expect(errorOf(await t.call('votes.open', { id: second.id }))).toMatchObject({ code: 'CONFLICT' });
    expect(verifyAudit(t.rt.db).ok).toBe(true);
  });

  it('refuses a secret show of hands, when the vote is arranged and when a secret vote is taken again', async () => {
    const { members, meeting } = await openQuarterly(62);
    const item = await motion(meeting.id, '关于罢免某某代表职务的决定');
    let before = counts();
    const e = errorOf(await t.call('votes.create', { agendaItemId: item.id, mode: 'hands', secrecy: 'secret' }));
    expect(e).toMatchObject({
      code: 'VALIDATION',
      field: 'secrecy',
      message: '输入有误：“记名方式”：举手表决是公开表决，不能无记名；无记名表决请用表决器或纸质选票',
    });
    expect(counts()).toEqual(before);

    // The devices fail in a secret vote: it is taken again on paper, never by hands.
    const secret = (await t.ok('votes.create', {
      agendaItemId: item.id,
      mode: 'electronic',
      secrecy: 'secret',
    })) as Vote;
    await t.ok('votes.open', { id: secret.id });
    await t.ok('votes.cast', { id: secret.id, membershipId: members[0]!.membershipId, choice: 'yes' });
    await t.ok('votes.close', { id: secret.id });
    before = counts();
    const again = errorOf(await t.call('votes.revote', { id: secret.id, mode: 'hands' }));
    expect(again).toMatchObject({
      code: 'VALIDATION',
      field: 'mode',
      message:
        '输入有误：“表决方式”：本表决为无记名表决，举手表决是公开表决，不能无记名；无记名表决请用表决器或纸质选票',
    });
    expect(counts()).toEqual(before);
    expect((await t.ok('votes.revote', { id: secret.id, mode: 'paper' })) as Vote).toMatchObject({
      round: 2,
      mode: 'paper',
      secrecy: 'secret',
    });
  });

  it('takes no vote or count once the meeting is closed, even for a vote an older version left open', async () => {
    const { members, meeting } = await openQuarterly(62);
    const setStatus = (status: string) =>
      t.rt.db.prepare('UPDATE meetings SET status = ? WHERE id = ?').run(status, meeting.id);
    const electronic = await newVote(meeting.id, 'electronic', 'named');
    await t.ok('votes.open', { id: electronic.id });
    setStatus('closed');
    let before = counts();
    const e = errorOf(
      await t.call('votes.cast', { id: electronic.id, membershipId: members[0]!.membershipId, choice: 'yes' }),
    );
    expect(e).toMatchObject({ code: 'CONFLICT', field: 'id', message: `会议“${meeting.title}”已闭会，不能投票` });
    expect(counts()).toEqual(before);

    setStatus('open');
    await t.ok('votes.close', { id: electronic.id });
    const hands = await newVote(meeting.id, 'hands', 'named', '举手表决的决定（草案）');
    await t.ok('votes.open', { id: hands.id });
    setStatus('closed');
    before = counts();
    expect(errorOf(await t.call('votes.enterCounts', { id: hands.id, yes: 60, no: 1, abstain: 1 }))).toMatchObject({
      code: 'CONFLICT',
      message: `会议“${meeting.title}”已闭会，不能录入票数`,
    });
    expect(counts()).toEqual(before);
  });

  it('applies 过半数 to a standing committee of 33: 17 present is a quorum, 17 yes passes, 16 fails', async () => {
    const { body, members } = await bodyWithMembers('江北区人大常委会', 'standing_committee', 33);
    const m = (await t.ok('meetings.create', {
      bodyId: body.id,
      kind: 'standing_committee',
      ruleSetId: await ruleSetId('standing_committee'),
      title: '区人大常委会第十二次会议',
      date: '2025-06-26',
    })) as Meeting;
    await signIn(m.id, members.slice(0, 16));
    let att = (await t.ok('attendance.get', { meetingId: m.id })) as Attendance;
    expect(att.noun).toBe('组成人员');
    expect(att.summary.quorum).toMatchObject({ expected: 33, present: 16, required: 17, met: false });
    expect(errorOf(await t.call('meetings.open', { id: m.id }))).toMatchObject({ code: 'CONFLICT' });

    await mark(m.id, members[16]!.membershipId, 'present');
    att = (await t.ok('attendance.get', { meetingId: m.id })) as Attendance;
    expect(att.summary.quorum).toMatchObject({ expected: 33, present: 17, required: 17, met: true });
    expect(((await t.ok('meetings.open', { id: m.id })) as Meeting).quorumOverride).toBeNull();

    const take = async (title: string, yes: number) => {
      const v = await newVote(m.id, 'electronic', 'named', title);
      await t.ok('votes.open', { id: v.id });
      for (const [i, mem] of members.slice(0, 17).entries())
        await t.ok('votes.cast', { id: v.id, membershipId: mem.membershipId, choice: i < yes ? 'yes' : 'no' });
      return ((await t.ok('votes.close', { id: v.id })) as Vote).result!;
    };
    const passed = await take('关于批准2024年区级决算的决议（草案）', 17);
    expect(passed).toEqual({
      yes: 17,
      no: 0,
      abstain: 0,
      notVoting: 0,
      base: 33,
      required: 17,
      passed: true,
      thresholdText: '赞成票须超过全体组成人员的半数，即至少17票',
    });
    const failed = await take('关于某项任免的决定（草案）', 16);
    expect(failed).toMatchObject({
      yes: 16,
      no: 1,
      required: 17,
      passed: false,
      thresholdText: '赞成票须超过全体组成人员的半数，即至少17票',
    });
  });
});

// ---- secret ballot: nothing on disk links a voter to a choice -----------------------------------------------------

/** Non-zero bytes of a one-page index b-tree that are neither its header, its cell pointers nor a live cell. */
function leftoverBytes(file: Buffer, rootPage: number): number {
  const pageSize = file.readUInt16BE(16) === 1 ? 65536 : file.readUInt16BE(16);
  const page = Buffer.from(file.subarray((rootPage - 1) * pageSize, rootPage * pageSize));
  const hdr = rootPage === 1 ? 100 : 0;
  const n = page.readUInt16BE(hdr + 3);
  const used = new Uint8Array(pageSize);
  used.fill(1, 0, hdr + 8 + 2 * n);
  for (let i = 0; i < n; i++) {
    const off = page.readUInt16BE(hdr + 8 + 2 * i);
    const [size, payloadAt] = varint(page, off);
    used.fill(1, off, payloadAt + size);
  }
  return page.reduce((k, byte, i) => k + (used[i] === 0 && byte !== 0 ? 1 : 0), 0);
}

/**
 * The records of a one-page WITHOUT ROWID table as they lie in the file, earliest written first. SQLite fills a
 * page's cell area from the end towards the front, so a cell's offset tells when it was written, whatever its key.
 */
function cellsInWriteOrder(file: Buffer, rootPage: number): unknown[][] {
  const pageSize = file.readUInt16BE(16) === 1 ? 65536 : file.readUInt16BE(16);
  const page = file.subarray((rootPage - 1) * pageSize, rootPage * pageSize);
  const hdr = rootPage === 1 ? 100 : 0;
  expect(page[hdr], 'a single leaf page of an index b-tree').toBe(0x0a);
  const offsets = Array.from({ length: page.readUInt16BE(hdr + 3) }, (_, i) => page.readUInt16BE(hdr + 8 + 2 * i));
  return offsets
    .sort((a, b) => b - a)
    .map((off) => {
      const [, recordAt] = varint(page, off); // payload size, then the record
      return recordValues(page, recordAt);
    });
}

describe('secret ballot on disk', () => {
  it('stores no voter next to a choice, no time or rowid on a ballot, nothing of the choice in the audit log, and not the casting order', async () => {
    const { body, members } = await bodyWithMembers('观音桥街道议事代表会议', 'street_council', 30, '观音桥街道');
    const m = (await t.ok('meetings.create', {
      bodyId: body.id,
      kind: 'street_council',
      ruleSetId: await ruleSetId('street_council'),
      title: '观音桥街道第一次议事代表会议',
      date: '2025-03-18',
    })) as Meeting;
    await signIn(m.id, members);
    await t.ok('meetings.open', { id: m.id });
    // A named vote first, so the file also holds choices next to voters — of another vote.
    const named = await newVote(m.id, 'electronic', 'named', '关于街道年度预算执行情况的意见');
    await t.ok('votes.open', { id: named.id });
    await t.ok('votes.cast', { id: named.id, membershipId: members[0]!.membershipId, choice: 'yes' });
    await t.ok('votes.close', { id: named.id });

    const secret = await newVote(m.id, 'electronic', 'secret', '关于2025年街道民生实事项目的票选');
    await t.ok('votes.open', { id: secret.id });
    const cast: Choice[] = members.map((_, i) => (i < 15 ? 'yes' : 'no'));
    for (const [i, mem] of members.entries())
      await t.ok('votes.cast', { id: secret.id, membershipId: mem.membershipId, choice: cast[i]! });
    const keysWhileOpen = t.rt.db
      .prepare('SELECT hex(ballot_id) FROM round_ballots WHERE round_id = ?')
      .pluck()
      .all(secret.id) as string[];
    expect(keysWhileOpen).toHaveLength(30);
    expect(((await t.ok('votes.close', { id: secret.id })) as Vote).result).toMatchObject({
      yes: 15,
      no: 15,
      abstain: 0,
      notVoting: 0,
    });
    // Closing rewrote every ballot under a fresh key: none of the keys it was cast under is left.
    const keysAfter = t.rt.db
      .prepare('SELECT hex(ballot_id) FROM round_ballots WHERE round_id = ?')
      .pluck()
      .all(secret.id) as string[];
    expect(keysAfter).toHaveLength(30);
    expect(keysAfter.filter((k) => keysWhileOpen.includes(k))).toEqual([]);
    t.rt.close();

    const raw = new Database(path.join(t.dir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
    try {
      const tables = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
        sql: string;
      }[];
      const columnsOf = (table: string) =>
        (raw.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all() as { name: string }[]).map((c) => c.name);
      const refersToPerson = (table: string) =>
        columnsOf(table).some((c) => /membership|person/i.test(c)) ||
        (raw.prepare(`PRAGMA foreign_key_list(${JSON.stringify(table)})`).all() as { table: string }[]).some((fk) =>
          ['memberships', 'persons'].includes(fk.table),
        );

      // Tables that can hold a choice: a named vote's (voter next to choice) and the ballots' (bitmasks, no voter).
      const withChoice = tables.filter(
        (tb) =>
          columnsOf(tb.name).includes('choice') ||
          ['yes', 'no', 'abstain'].every((c) => columnsOf(tb.name).includes(c)),
      );
      expect(withChoice.map((tb) => tb.name)).toContain('round_ballots');
      let voterTables = 0;
      for (const tb of withChoice) {
        if (!refersToPerson(tb.name)) continue;
        voterTables++;
        // A table that can hold a voter next to a choice (the named-vote table) holds nothing of the secret vote.
        expect(columnsOf(tb.name), tb.name).toContain('round_id');
        expect(raw.prepare(`SELECT COUNT(*) FROM ${tb.name} WHERE round_id = ?`).pluck().get(secret.id), tb.name).toBe(
          0,
        );
        expect(raw.prepare(`SELECT COUNT(*) FROM ${tb.name} WHERE round_id = ?`).pluck().get(named.id), tb.name).toBe(
          1,
        );
      }
      expect(voterTables, 'the named-vote table is among them').toBeGreaterThan(0);

      // The ballots: no voter, no time, no rowid.
      expect(refersToPerson('round_ballots')).toBe(false);
      expect(columnsOf('round_ballots').sort()).toEqual([
        'abstain',
        'ballot_id',
        'box',
        'data',
        'no',
        'round_id',
        'void',
        'yes',
      ]);
      for (const c of columnsOf('round_ballots')) expect(c).not.toMatch(/_at$|time|date|seq|order|position/i);
      expect(tables.find((tb) => tb.name === 'round_ballots')!.sql).toMatch(/WITHOUT ROWID/i);
      expect(() => raw.prepare('SELECT rowid FROM round_ballots').all()).toThrow(/no such column/);
      // Who voted is kept apart, with no choice.
      expect(columnsOf('round_voters').sort()).toEqual(['membership_id', 'round_id']);
      expect(raw.prepare('SELECT COUNT(*) FROM round_voters WHERE round_id = ?').pluck().get(secret.id)).toBe(30);

      // The audit log records that each member voted, never how.
      const castRows = raw
        .prepare("SELECT detail FROM audit_log WHERE action = 'vote.cast' AND entity_id = ?")
        .pluck()
        .all(String(secret.id)) as string[];
      expect(castRows).toHaveLength(30);
      for (const d of castRows) {
        const detail = JSON.parse(d) as Record<string, unknown>;
        expect(detail).not.toHaveProperty('choice');
        expect(d).not.toMatch(/yes|"no"|abstain|赞成|反对|弃权/);
      }

      // The stored order is not the casting order (random 16-byte keys: the chance of a match is 1 in C(30,15)).
      // Two kinds of ballot say little more than that; secret-ballot-load.test.ts measures the order of 200 distinct ones.
      const CHOICE = "CASE WHEN yes THEN 'yes' WHEN no THEN 'no' ELSE 'abstain' END";
      const ballots = raw
        .prepare(`SELECT ballot_id, ${CHOICE} AS choice FROM round_ballots WHERE round_id = ?`)
        .all(secret.id) as { ballot_id: Buffer; choice: Choice }[];
      expect(ballots).toHaveLength(30);
      expect(new Set(ballots.map((b) => b.ballot_id.toString('hex'))).size).toBe(30);
      for (const b of ballots) expect(b.ballot_id).toHaveLength(16);
      const stored = ballots.map((b) => b.choice);
      expect([...stored].sort()).toEqual([...cast].sort());
      expect(stored).not.toEqual(cast);
      const all = raw.prepare(`SELECT ${CHOICE} FROM round_ballots`).pluck().all() as Choice[];
      expect(all).not.toEqual(cast);

      // Nor in the bytes of the file: the order cells were written in (read from the page itself) is the casting
      // order for round_voters — so the method sees it — but not for the ballots.
      const file = fs.readFileSync(path.join(t.dir, DB_FILE_NAME));
      const rootOf = (table: string) =>
        raw.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(table) as number;
      const voterCells = cellsInWriteOrder(file, rootOf('round_voters')).filter((c) => c[0] === secret.id);
      expect(voterCells.map((c) => c[1])).toEqual(members.map((mem) => mem.membershipId));
      const ballotCells = cellsInWriteOrder(file, rootOf('round_ballots')).filter((c) => c[0] === secret.id);
      expect(ballotCells).toHaveLength(30);
      expect(new Set(ballotCells.map((c) => c[1]))).toEqual(new Set(ballots.map((b) => b.ballot_id.toString('hex'))));
      // A cell is (round_id, ballot_id, box, yes, no, abstain, data, void).
      expect(ballotCells.map((c) => (c[3] ? 'yes' : c[4] ? 'no' : 'abstain'))).not.toEqual(cast);
      expect(ballotCells.map((c) => (c[3] ? 'yes' : c[4] ? 'no' : 'abstain')).sort()).toEqual([...cast].sort());
      // Only the current ballots are in the page: every byte outside its header and live cells is zero, so no
      // earlier copy (in an earlier order, under an old id) lingers.
      expect(leftoverBytes(file, rootOf('round_ballots'))).toBe(0);
    } finally {
      raw.close();
    }
  });
});
