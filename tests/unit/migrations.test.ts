import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../electron/db/migrations';
import { migrate, type Db } from '../../electron/db/open';
import { tempDir } from './helpers';
import { schemaChanges } from './migration-schema';

/**
 * One case per migration: a real file at the version before it, holding realistic rows in every table that version
 * has (fill), is migrated one step with the real migrate(); then the schema is exactly the one before plus what
 * migration-schema.ts says this one does, every row that was there is still there unchanged (in the columns it
 * had), the file is intact with no broken reference, and the case's own check sees what the migration means to do.
 * (Migration 0006 is also tried on a file written by the old code itself: migration-polls.test.ts.)
 */

const T = '2025-03-01T09:00:00.000Z';
const ballotId = () => crypto.randomBytes(16);

function ins(db: Db, table: string, ...rows: Record<string, unknown>[]) {
  for (const row of rows) {
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }
}
const json = (v: unknown) => JSON.stringify(v);

/** The rows a 议事台 file of version `v` holds after some use: members, meetings, votes, a 票决, a project's year… */
function fill(db: Db, v: number) {
  if (v < 1) return;
  ins(
    db,
    'bodies',
    { id: 1, kind: 'district_congress', name: '江北区人民代表大会', area: '江北区', term: '第十八届', created_at: T },
    {
      id: 2,
      kind: 'street_council',
      name: '观音桥街道议事代表会议',
      area: '观音桥街道',
      term: '第一届',
      created_at: T,
    },
  );
  ins(
    db,
    'persons',
    {
      id: 1,
      name: '张建国',
      pinyin: 'zhang jian guo',
      initials: 'zjg',
      gender: '男',
      ethnicity: '汉族',
      party: '中共党员',
      phone: '13800000001',
      created_at: T,
    },
    {
      id: 2,
      name: '李秀英',
      pinyin: 'li xiu ying',
      initials: 'lxy',
      gender: '女',
      ethnicity: '汉族',
      party: '群众',
      phone: '13800000002',
      created_at: T,
    },
    {
      id: 3,
      name: '马文华',
      pinyin: 'ma wen hua',
      initials: 'mwh',
      gender: '男',
      ethnicity: '回族',
      party: '民盟盟员',
      phone: null,
      created_at: T,
    },
  );
  ins(
    db,
    'memberships',
    {
      id: 1,
      body_id: 1,
      person_id: 1,
      unit_title: '区教委主任',
      constituency: '第1选区',
      seat_no: '001',
      since: '2022-01-01',
      created_at: T,
    },
    {
      id: 2,
      body_id: 1,
      person_id: 2,
      unit_title: '观音桥街道办事处副主任',
      constituency: '第2选区',
      seat_no: '002',
      since: '2022-01-01',
      created_at: T,
    },
    {
      id: 3,
      body_id: 1,
      person_id: 3,
      unit_title: '区人民医院院长',
      constituency: '第3选区',
      seat_no: '003',
      since: '2022-01-01',
      created_at: T,
    },
    {
      id: 4,
      body_id: 2,
      person_id: 1,
      unit_title: '社区书记',
      since: '2022-03-01',
      until: '2024-12-31',
      end_reason: '调离本行政区域',
      notes: '已办理',
      created_at: T,
    },
  );
  ins(
    db,
    'audit_log',
    {
      id: 1,
      at: T,
      actor: '会务员',
      action: 'bodies.create',
      entity: 'body',
      entity_id: '1',
      detail: json({ name: '江北区人民代表大会' }),
      prev_hash: '0'.repeat(64),
      hash: 'a'.repeat(64),
    },
    {
      id: 2,
      at: T,
      actor: '会务员',
      action: 'roster.importCommit',
      entity: 'body',
      entity_id: '1',
      detail: json({ added: 3 }),
      prev_hash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    },
  );
  if (v < 2) return;
  ins(db, 'rule_sets', {
    id: 1,
    key: 'district_midyear_session',
    name: '区人大常委会会议规则',
    meeting_kind: 'district_midyear',
    builtin: 1,
    rules: json({ quorum: 'majority', pass: 'majority_of_members' }),
    created_at: T,
  });
  ins(
    db,
    'meetings',
    {
      id: 1,
      body_id: 1,
      kind: 'district_midyear',
      rule_set_id: 1,
      session: '第十八届',
      title: '江北区第十八届人民代表大会常务委员会第五次会议',
      date: '2025-03-01',
      start_time: '09:00',
      venue: '区人大常委会会议室',
      year: 2025,
      status: 'open',
      opened_at: T,
      created_at: T,
    },
    {
      id: 2,
      body_id: 1,
      kind: 'township_quarterly',
      rule_set_id: 1,
      title: '第一季度季会',
      date: '2025-02-10',
      year: 2025,
      quarter: 1,
      status: 'closed',
      opened_at: T,
      closed_at: T,
      created_at: T,
    },
  );
  ins(
    db,
    'agenda_items',
    { id: 1, meeting_id: 1, position: 1, kind: 'motion', title: '关于调整2025年部分预算的决定（草案）', notes: null },
    {
      id: 2,
      meeting_id: 1,
      position: 2,
      kind: 'project_vote',
      title: '票决产生2025年度民生实事项目',
      notes: '差额票决',
    },
  );
  ins(db, 'agenda_documents', {
    id: 1,
    item_id: 1,
    file_name: '预算调整方案.pdf',
    stored_name: '1-预算调整方案.pdf',
    size: 20480,
    sha256: 'c'.repeat(64),
    added_at: T,
  });
  ins(
    db,
    'attendance',
    { meeting_id: 1, membership_id: 1, status: 'present', signed_in_at: T, updated_at: T },
    { meeting_id: 1, membership_id: 2, status: 'present', signed_in_at: T, late: 1, updated_at: T },
    { meeting_id: 1, membership_id: 3, status: 'leave', reason: '因公出差', updated_at: T },
  );
  if (v <= 5) {
    // The motion engine before 0006: named, secret, a show of hands and its electronic revote (open).
    const snapshot = json({ expected: 3, present: 3, rules: { pass: 'majority_of_members' } });
    ins(
      db,
      'votes',
      {
        id: 1,
        meeting_id: 1,
        agenda_item_id: 1,
        title: '关于调整2025年部分预算的决定（草案）',
        mode: 'electronic',
        secrecy: 'named',
        status: 'closed',
        snapshot,
        result: json({ yes: 2, no: 1, passed: true }),
        announcement: '通过',
        opened_at: T,
        closed_at: T,
        created_at: T,
      },
      {
        id: 2,
        meeting_id: 1,
        agenda_item_id: 1,
        title: '关于罢免的决定（草案）',
        mode: 'electronic',
        secrecy: 'secret',
        status: 'closed',
        snapshot,
        result: json({ yes: 1, no: 1, abstain: 1, passed: false }),
        announcement: '未通过',
        opened_at: T,
        closed_at: T,
        created_at: T,
      },
      {
        id: 3,
        meeting_id: 1,
        agenda_item_id: 1,
        title: '关于人事任免的决定',
        mode: 'hands',
        secrecy: 'named',
        status: 'closed',
        snapshot,
        result: json({ yes: 2, no: 1 }),
        opened_at: T,
        closed_at: T,
        created_at: T,
      },
      {
        id: 4,
        meeting_id: 1,
        agenda_item_id: 1,
        title: '关于人事任免的决定',
        mode: 'electronic',
        secrecy: 'named',
        round: 2,
        previous_vote_id: 3,
        status: 'open',
        snapshot,
        opened_at: T,
        created_at: T,
      },
    );
    for (const vote_id of [1, 2, 4])
      for (const membership_id of [1, 2, 3]) ins(db, 'vote_eligible', { vote_id, membership_id });
    ins(
      db,
      'vote_named_choices',
      { vote_id: 1, membership_id: 1, choice: 'yes' },
      { vote_id: 1, membership_id: 2, choice: 'yes' },
      { vote_id: 1, membership_id: 3, choice: 'no' },
    );
    for (const membership_id of [1, 2, 3]) ins(db, 'vote_voters', { vote_id: 2, membership_id });
    for (const choice of ['yes', 'no', 'abstain'])
      ins(db, 'vote_secret_ballots', { vote_id: 2, ballot_id: ballotId(), choice });
    ins(db, 'vote_counts', { vote_id: 3, yes: 2, no: 1, abstain: 0, entered_at: T });
  }
  if (v < 3) return;
  ins(
    db,
    'project_lists',
    {
      id: 1,
      body_id: 1,
      year: 2025,
      title: '江北区2025年度民生实事候选项目',
      seats: 2,
      locked_at: '2025-02-20T10:00:00.000Z',
      created_at: T,
    },
    {
      id: 2,
      body_id: 1,
      year: 2026,
      title: '江北区2026年度民生实事候选项目',
      seats: 3,
      locked_at: null,
      created_at: T,
    },
  );
  ins(
    db,
    'projects',
    {
      id: 1,
      list_id: 1,
      number: 1,
      name: '老旧小区加装电梯',
      department: '区住房城乡建委',
      budget_wan: 1200.5,
      summary: '为32个小区加装电梯',
      location: '观音桥街道',
      source: '代表建议',
      created_at: T,
    },
    { id: 2, list_id: 1, number: 2, name: '社区食堂', department: '区民政局', budget_wan: 300, created_at: T },
    { id: 3, list_id: 1, number: 3, name: '背街小巷改造', department: '区城市管理局', budget_wan: 800, created_at: T },
    { id: 4, list_id: 2, number: 1, name: '口袋公园', department: '区城市管理局', created_at: T },
  );
  if (v <= 5) {
    // The 票决 engine before 0006: a paper first round (keyed twice, a count sheet) and an electronic runoff, open.
    ins(
      db,
      'project_votes',
      {
        id: 1,
        list_id: 1,
        meeting_id: 1,
        agenda_item_id: 2,
        round: 1,
        kind: 'first',
        style: 'choose',
        mode: 'paper',
        seats: 2,
        candidate_ids: '[1,2,3]',
        pass: 'majority',
        status: 'closed',
        expected: 3,
        present: 3,
        issued: 3,
        scrutineers: json(['马文华']),
        counters: json(['李秀英']),
        result: json({ elected: [1] }),
        announcement: '老旧小区加装电梯当选',
        opened_at: T,
        closed_at: T,
        created_at: T,
      },
      {
        id: 2,
        list_id: 1,
        meeting_id: 1,
        agenda_item_id: 2,
        round: 2,
        previous_vote_id: 1,
        kind: 'runoff',
        style: 'choose',
        mode: 'electronic',
        seats: 1,
        candidate_ids: '[2,3]',
        pass: 'majority',
        status: 'open',
        expected: 3,
        present: 3,
        opened_at: T,
        created_at: T,
      },
    );
    for (const membership_id of [1, 2, 3]) ins(db, 'project_eligible', { vote_id: 2, membership_id });
    ins(db, 'project_voters', { vote_id: 2, membership_id: 1 });
    ins(db, 'project_ballots', { vote_id: 2, ballot_id: ballotId(), yes: 1, no: 2 });
    for (const batch of [1, 2]) {
      ins(
        db,
        'paper_entries',
        { vote_id: 1, batch, seq: 1, yes: 0b011, entered_at: T },
        { vote_id: 1, batch, seq: 2, yes: 0b101, no: 0b010, entered_at: T },
        { vote_id: 1, batch, seq: 3, void: 1, void_reason: '多选', entered_at: T },
      );
    }
    ins(
      db,
      'manual_totals',
      { vote_id: 1, project_id: 1, yes: 2, no: 0, abstain: 0 },
      { vote_id: 1, project_id: 2, yes: 1, no: 1, abstain: 0 },
      { vote_id: 1, project_id: 3, yes: 1, no: 0, abstain: 0 },
    );
  }
  if (v >= 4 && v <= 5)
    db.prepare(
      "UPDATE screen_state SET mode = 'projectVote', meeting_id = 1, agenda_item_id = 2, project_vote_id = 2, revealed = 0, updated_at = ?",
    ).run(T);
  if (v < 6) return;
  // The one poll engine: a named motion, a 票决 round on paper, a secret 测评 of two items.
  ins(
    db,
    'polls',
    {
      id: 1,
      meeting_id: 1,
      agenda_item_id: 1,
      kind: 'motion',
      style: 'motion',
      secrecy: 'named',
      title: '关于调整2025年部分预算的决定（草案）',
      created_at: T,
    },
    {
      id: 2,
      meeting_id: 1,
      agenda_item_id: 2,
      kind: 'project_vote',
      style: 'choose',
      secrecy: 'secret',
      title: '江北区2025年度民生实事候选项目',
      list_id: 1,
      created_at: T,
    },
    {
      id: 3,
      meeting_id: 1,
      agenda_item_id: 2,
      kind: 'evaluation',
      style: 'rating',
      secrecy: 'secret',
      title: '民生实事项目满意度测评',
      created_at: T,
    },
  );
  ins(
    db,
    'poll_items',
    {
      id: 1,
      poll_id: 3,
      position: 0,
      kind: 'project',
      ref_id: 1,
      number: '1',
      title: '老旧小区加装电梯',
      department: '区住房城乡建委',
    },
    {
      id: 2,
      poll_id: 3,
      position: 1,
      kind: 'report',
      title: '区政府关于民生实事进展情况的报告',
      department: '区政府办',
    },
  );
  ins(
    db,
    'poll_rounds',
    {
      id: 1,
      poll_id: 1,
      round: 1,
      kind: 'first',
      mode: 'electronic',
      status: 'closed',
      pass: 'majority_of_members',
      snapshot: json({ expected: 3, present: 2 }),
      result: json({ passed: true }),
      announcement: '通过',
      opened_at: T,
      closed_at: T,
      created_at: T,
    },
    {
      id: 2,
      poll_id: 2,
      round: 1,
      kind: 'first',
      mode: 'paper',
      status: 'closed',
      seats: 2,
      item_ids: '[1,2,3]',
      pass: 'majority',
      issued: 3,
      scrutineers: json(['马文华']),
      result: json({ elected: [1, 2] }),
      opened_at: T,
      closed_at: T,
      created_at: T,
    },
    {
      id: 3,
      poll_id: 3,
      round: 1,
      kind: 'first',
      mode: 'electronic',
      status: 'closed',
      item_ids: '[1,2]',
      issued: 2,
      result: json({ items: [] }),
      opened_at: T,
      closed_at: T,
      created_at: T,
    },
  );
  for (const round_id of [1, 3])
    for (const membership_id of [1, 2]) ins(db, 'round_eligible', { round_id, membership_id });
  ins(
    db,
    'round_named',
    { round_id: 1, membership_id: 1, choice: 'yes' },
    { round_id: 1, membership_id: 2, choice: 'yes' },
  );
  for (const membership_id of [1, 2]) ins(db, 'round_voters', { round_id: 3, membership_id });
  ins(
    db,
    'round_ballots',
    { round_id: 3, ballot_id: ballotId(), data: Buffer.from(json(['satisfied', 'basic'])) },
    { round_id: 3, ballot_id: ballotId(), data: Buffer.from(json(['unsatisfied', 'satisfied'])) },
  );
  for (const batch of [1, 2])
    ins(
      db,
      'round_entries',
      { round_id: 2, batch, seq: 1, yes: 0b011, entered_at: T },
      { round_id: 2, batch, seq: 2, yes: 0b110, entered_at: T },
    );
  ins(db, 'round_counts', {
    round_id: 2,
    kind: 'sheet',
    item: 1,
    counts: json({ yes: 2, no: 0, abstain: 0 }),
    entered_at: T,
  });
  db.prepare("UPDATE screen_state SET mode = 'vote', meeting_id = 1, round_id = 1, revealed = 1, updated_at = ?").run(
    T,
  );
  if (v < 7) return;
  db.prepare(
    "UPDATE projects SET origin = 'suggestion', proposer = '张建国等10名代表', category = '养老' WHERE id = 1",
  ).run();
  db.prepare("UPDATE projects SET screening = 'rejected', rejected_reason = '不符合年度计划' WHERE id = 4").run();
  db.prepare(
    "UPDATE project_lists SET adopted_by = 'directors', adopted_on = '2025-02-18', adopted_ref = '第12次主任会议' WHERE id = 1",
  ).run();
  ins(db, 'list_outcomes', { list_id: 1, decision: 'complete', unfilled: 0, reason: null, round_id: 2, decided_at: T });
  ins(db, 'project_files', {
    id: 1,
    project_id: 1,
    stage: 'candidate',
    file_name: '论证报告.pdf',
    stored_name: '1-论证报告.pdf',
    mime_type: 'application/pdf',
    size: 4096,
    sha256: 'd'.repeat(64),
    added_at: T,
  });
  ins(db, 'project_plans', {
    project_id: 1,
    department: '区住房城乡建委',
    lead: '王处长',
    budget_wan: 1200.5,
    start_on: '2025-04-01',
    finish_on: '2025-12-31',
    updated_at: T,
  });
  ins(db, 'project_milestones', {
    id: 1,
    project_id: 1,
    position: 1,
    title: '完成招标',
    due_on: '2025-05-31',
    done_on: '2025-05-20',
  });
  ins(db, 'project_progress', {
    id: 1,
    project_id: 1,
    reported_on: '2025-06-30',
    percent: 40,
    spent_wan: 480,
    text: '已完成12个小区的加装',
    created_at: T,
  });
  ins(db, 'project_inspections', {
    id: 1,
    project_id: 1,
    kind: 'inspection',
    held_on: '2025-07-15',
    participants: json(['张建国', '李秀英']),
    findings: '进度符合计划',
    created_at: T,
  });
  ins(db, 'project_decisions', {
    id: 1,
    project_id: 2,
    poll_id: 1,
    kind: 'change',
    summary: '调整实施地点',
    created_at: T,
  });
  ins(db, 'agenda_item_projects', { agenda_item_id: 2, project_id: 1 });
  ins(db, 'project_evaluations', {
    project_id: 1,
    round_id: 3,
    meeting_id: 1,
    held_on: '2025-12-20',
    style: 'rating',
    summary: json({ satisfied: 0.5 }),
    passed: 0,
  });
  ins(db, 'rectifications', {
    id: 1,
    project_id: 1,
    opened_by_round: 3,
    department: '区住房城乡建委',
    deadline: '2026-03-31',
    requirement: '加快进度',
    created_at: T,
  });
  if (v < 12) return;
  ins(db, 'meeting_packages', {
    digest: 'e'.repeat(64),
    direction: 'export',
    meeting_uid: db.prepare('SELECT uid FROM meetings WHERE id = 1').pluck().get(),
    records: json({ meetings: 1 }),
    at: T,
  });
  ins(db, 'package_audit', {
    package_digest: 'e'.repeat(64),
    id: 1,
    at: T,
    actor: '会务员',
    action: 'votes.open',
    entity: 'poll_round',
    entity_id: '1',
    detail: '{}',
    prev_hash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  });
  if (v < 13) return;
  ins(db, 'fingerprint_anchors', {
    code: 'A1B2-C3D4',
    entry_id: 2,
    hash_part: 'bbbbbbbb',
    first_checked_at: T,
    last_checked_at: T,
    checks: 2,
  });
  if (v < 14) return;
  ins(db, 'lan_credentials', { meeting_id: 1, membership_id: 1, generation: 2, revoked: 0, changed_at: T });
  ins(db, 'lan_desks', { id: 1, meeting_id: 1, name: '一号签到台', created_at: T });
}

type Schema = { tables: Record<string, string[]>; objects: string[] };
function schemaOf(db: Db): Schema {
  const names = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const tables = Object.fromEntries(
    names.map((t) => [t, db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]]),
  );
  const objects = db
    .prepare(
      "SELECT type || ':' || name FROM sqlite_master WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY 1",
    )
    .pluck()
    .all() as string[];
  return { tables, objects };
}

/** The schema `before` should become after migration `version`, from migration-schema.ts. */
function expectedAfter(db: Db, before: Schema, version: number): Schema {
  const change = schemaChanges[version]!;
  const tables = { ...before.tables };
  for (const t of change.drops ?? []) delete tables[t];
  for (const [t, cols] of Object.entries({ ...change.creates, ...change.replaces })) tables[t] = cols;
  for (const [t, cols] of Object.entries(change.adds ?? {})) tables[t] = [...tables[t]!, ...cols];
  // A dropped or rebuilt table takes its indexes and triggers with it.
  const gone = new Set([...(change.drops ?? []), ...Object.keys(change.replaces ?? {})]);
  const kept = before.objects.filter((o) => {
    const name = o.slice(o.indexOf(':') + 1);
    const table = db.prepare('SELECT tbl_name FROM sqlite_master WHERE name = ?').pluck().get(name) as
      string | undefined;
    return table === undefined ? false : !gone.has(table);
  });
  return {
    tables: Object.fromEntries(Object.entries(tables).sort(([a], [b]) => a.localeCompare(b))),
    objects: [...kept, ...(change.objects ?? [])].sort(),
  };
}

/** Every row of every table, in the columns it has now, in a fixed order. */
function rowsOf(db: Db, schema: Schema): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(schema.tables).map(([t, cols]) => [
      t,
      db.prepare(`SELECT ${cols.join(', ')} FROM ${t} ORDER BY ${cols.join(', ')}`).all(),
    ]),
  );
}

interface Case {
  version: number;
  /** What this migration means to do to the rows and rules of the file `fill` left at the version before. */
  check(db: Db): void;
}

const all = <T = Record<string, unknown>>(db: Db, sql: string, ...params: unknown[]) =>
  db.prepare(sql).all(...params) as T[];
const refused =
  (db: Db, sql: string, ...params: unknown[]) =>
  () =>
    db.prepare(sql).run(...params);

const cases: Case[] = [
  {
    version: 1,
    check(db) {
      ins(db, 'audit_log', {
        at: T,
        actor: '会务员',
        action: 'bodies.create',
        entity: 'body',
        detail: '{}',
        prev_hash: '0'.repeat(64),
        hash: 'a'.repeat(64),
      });
      expect(refused(db, "UPDATE audit_log SET actor = '他人'")).toThrow('审计日志只能追加，不能修改');
      expect(refused(db, 'DELETE FROM audit_log')).toThrow('审计日志只能追加，不能删除');
      expect(refused(db, "INSERT INTO bodies (kind, name, created_at) VALUES ('village', '某村', ?)", T)).toThrow(
        /CHECK/,
      );
    },
  },
  {
    version: 2,
    check(db) {
      ins(db, 'rule_sets', { id: 1, name: '规则', meeting_kind: 'township_quarterly', rules: '{}', created_at: T });
      const quarter = {
        body_id: 1,
        kind: 'township_quarterly',
        rule_set_id: 1,
        title: '第二季度季会',
        date: '2025-04-10',
        year: 2025,
        quarter: 2,
        created_at: T,
      };
      ins(db, 'meetings', quarter);
      // 季会制: one meeting a quarter.
      expect(() => ins(db, 'meetings', { ...quarter, title: '又一次第二季度季会' })).toThrow(/UNIQUE/);
      expect(db.prepare('SELECT status FROM meetings').pluck().get()).toBe('preparing');
    },
  },
  {
    version: 3,
    check(db) {
      expect(() =>
        ins(db, 'project_lists', { body_id: 1, year: 2025, title: '零个名额', seats: 0, created_at: T }),
      ).toThrow(/CHECK/);
    },
  },
  {
    version: 4,
    check(db) {
      expect(all(db, 'SELECT id, mode, meeting_id, vote_id, project_vote_id, revealed FROM screen_state')).toEqual([
        { id: 1, mode: 'blank', meeting_id: null, vote_id: null, project_vote_id: null, revealed: 0 },
      ]);
      expect(refused(db, 'INSERT INTO screen_state (id, updated_at) VALUES (2, ?)', T)).toThrow(/CHECK/);
    },
  },
  {
    version: 5,
    check(db) {
      // Nobody is a 人大代表 until a clerk says so.
      expect(db.prepare('SELECT id, npc_deputy FROM memberships ORDER BY id').all()).toEqual(
        [1, 2, 3, 4].map((id) => ({ id, npc_deputy: 0 })),
      );
      expect(refused(db, 'UPDATE memberships SET npc_deputy = 2 WHERE id = 1')).toThrow(/CHECK/);
    },
  },
  {
    version: 6,
    check(db) {
      // Motions keep their ids; a 票决 round's id is its old one + the highest motion id (4); chains become polls.
      expect(all(db, 'SELECT id, kind, style, secrecy, title, list_id FROM polls ORDER BY id')).toEqual([
        {
          id: 1,
          kind: 'motion',
          style: 'motion',
          secrecy: 'named',
          title: '关于调整2025年部分预算的决定（草案）',
          list_id: null,
        },
        { id: 2, kind: 'motion', style: 'motion', secrecy: 'secret', title: '关于罢免的决定（草案）', list_id: null },
        { id: 3, kind: 'motion', style: 'motion', secrecy: 'named', title: '关于人事任免的决定', list_id: null },
        {
          id: 5,
          kind: 'project_vote',
          style: 'choose',
          secrecy: 'secret',
          title: '江北区2025年度民生实事候选项目',
          list_id: 1,
        },
      ]);
      expect(
        all(
          db,
          'SELECT id, poll_id, round, previous_id, kind, mode, status, seats, item_ids, pass, issued, legacy FROM poll_rounds ORDER BY id',
        ),
      ).toEqual([
        {
          id: 1,
          poll_id: 1,
          round: 1,
          previous_id: null,
          kind: 'first',
          mode: 'electronic',
          status: 'closed',
          seats: null,
          item_ids: '[]',
          pass: 'majority_of_members',
          issued: null,
          legacy: 'votes:1',
        },
        {
          id: 2,
          poll_id: 2,
          round: 1,
          previous_id: null,
          kind: 'first',
          mode: 'electronic',
          status: 'closed',
          seats: null,
          item_ids: '[]',
          pass: 'majority_of_members',
          issued: null,
          legacy: 'votes:2',
        },
        {
          id: 3,
          poll_id: 3,
          round: 1,
          previous_id: null,
          kind: 'first',
          mode: 'hands',
          status: 'closed',
          seats: null,
          item_ids: '[]',
          pass: 'majority_of_members',
          issued: null,
          legacy: 'votes:3',
        },
        // An open electronic round's 发出 is its roll.
        {
          id: 4,
          poll_id: 3,
          round: 2,
          previous_id: 3,
          kind: 'revote',
          mode: 'electronic',
          status: 'open',
          seats: null,
          item_ids: '[]',
          pass: 'majority_of_members',
          issued: 3,
          legacy: 'votes:4',
        },
        {
          id: 5,
          poll_id: 5,
          round: 1,
          previous_id: null,
          kind: 'first',
          mode: 'paper',
          status: 'closed',
          seats: 2,
          item_ids: '[1,2,3]',
          pass: 'majority',
          issued: 3,
          legacy: 'project_votes:1',
        },
        {
          id: 6,
          poll_id: 5,
          round: 2,
          previous_id: 5,
          kind: 'runoff',
          mode: 'electronic',
          status: 'open',
          seats: 1,
          item_ids: '[2,3]',
          pass: 'majority',
          issued: 3,
          legacy: 'project_votes:2',
        },
      ]);
      // Results, announcements and 监票/计票 copied verbatim; a 票决 round's 应到/实到 become its snapshot.
      expect(
        all(
          db,
          'SELECT result, announcement, snapshot, scrutineers, counters FROM poll_rounds WHERE id IN (1, 5) ORDER BY id',
        ),
      ).toEqual([
        {
          result: json({ yes: 2, no: 1, passed: true }),
          announcement: '通过',
          snapshot: json({ expected: 3, present: 3, rules: { pass: 'majority_of_members' } }),
          scrutineers: '[]',
          counters: '[]',
        },
        {
          result: json({ elected: [1] }),
          announcement: '老旧小区加装电梯当选',
          snapshot: json({ expected: 3, present: 3 }),
          scrutineers: json(['马文华']),
          counters: json(['李秀英']),
        },
      ]);
      expect(all(db, 'SELECT round_id, COUNT(*) AS n FROM round_eligible GROUP BY round_id')).toEqual([
        { round_id: 1, n: 3 },
        { round_id: 2, n: 3 },
        { round_id: 4, n: 3 },
        { round_id: 6, n: 3 },
      ]);
      expect(all(db, 'SELECT round_id, membership_id, choice FROM round_named ORDER BY membership_id')).toEqual([
        { round_id: 1, membership_id: 1, choice: 'yes' },
        { round_id: 1, membership_id: 2, choice: 'yes' },
        { round_id: 1, membership_id: 3, choice: 'no' },
      ]);
      expect(all(db, 'SELECT round_id, membership_id FROM round_voters ORDER BY round_id, membership_id')).toEqual([
        { round_id: 2, membership_id: 1 },
        { round_id: 2, membership_id: 2 },
        { round_id: 2, membership_id: 3 },
        { round_id: 6, membership_id: 1 },
      ]);
      // A secret motion ballot's choice becomes item 0 of the masks; a 票决 ballot keeps its masks.
      expect(
        all(
          db,
          'SELECT round_id, yes, no, abstain, void, length(ballot_id) AS idLength FROM round_ballots ORDER BY round_id, yes DESC, no DESC',
        ),
      ).toEqual([
        { round_id: 2, yes: 1, no: 0, abstain: 0, void: 0, idLength: 16 },
        { round_id: 2, yes: 0, no: 1, abstain: 0, void: 0, idLength: 16 },
        { round_id: 2, yes: 0, no: 0, abstain: 1, void: 0, idLength: 16 },
        { round_id: 6, yes: 1, no: 2, abstain: 0, void: 0, idLength: 16 },
      ]);
      expect(
        all(db, 'SELECT round_id, batch, seq, yes, no, void, void_reason FROM round_entries ORDER BY batch, seq'),
      ).toEqual(
        [1, 2].flatMap((batch) => [
          { round_id: 5, batch, seq: 1, yes: 3, no: 0, void: 0, void_reason: null },
          { round_id: 5, batch, seq: 2, yes: 5, no: 2, void: 0, void_reason: null },
          { round_id: 5, batch, seq: 3, yes: 0, no: 0, void: 1, void_reason: '多选' },
        ]),
      );
      // Counts by hand on item 0; a count sheet's lines at the project's position in the round (1-based).
      expect(all(db, 'SELECT round_id, kind, item, counts FROM round_counts ORDER BY round_id, item')).toEqual([
        { round_id: 3, kind: 'counts', item: 0, counts: json({ yes: 2, no: 1, abstain: 0 }) },
        { round_id: 5, kind: 'sheet', item: 1, counts: json({ yes: 2, no: 0, abstain: 0 }) },
        { round_id: 5, kind: 'sheet', item: 2, counts: json({ yes: 1, no: 1, abstain: 0 }) },
        { round_id: 5, kind: 'sheet', item: 3, counts: json({ yes: 1, no: 0, abstain: 0 }) },
      ]);
      // The hall screen follows the 票决 round to its new id; older audit entries are marked as naming old ids.
      expect(all(db, 'SELECT mode, meeting_id, agenda_item_id, round_id, revealed FROM screen_state')).toEqual([
        { mode: 'projectVote', meeting_id: 1, agenda_item_id: 2, round_id: 6, revealed: 0 },
      ]);
      expect(db.prepare('SELECT through_id FROM audit_before_polls').pluck().all()).toEqual([2]);
    },
  },
  {
    version: 7,
    check(db) {
      // A list already voted on (locked) counts as adopted; the rest wait for a decision. Every project is a candidate.
      expect(all(db, 'SELECT id, adopted_by, adopted_on, adopted_ref FROM project_lists ORDER BY id')).toEqual([
        { id: 1, adopted_by: 'legacy', adopted_on: '2025-02-20', adopted_ref: null },
        { id: 2, adopted_by: null, adopted_on: null, adopted_ref: null },
      ]);
      expect(all(db, 'SELECT DISTINCT screening, origin, rejected_reason FROM projects')).toEqual([
        { screening: 'candidate', origin: null, rejected_reason: null },
      ]);
      expect(refused(db, "UPDATE projects SET screening = 'maybe' WHERE id = 1")).toThrow(/CHECK/);
      expect(
        refused(
          db,
          "INSERT INTO project_progress (project_id, reported_on, percent, text, created_at) VALUES (1, '2025-06-30', 101, '超额', ?)",
          T,
        ),
      ).toThrow(/CHECK/);
    },
  },
  {
    version: 8,
    check(db) {
      expect(all(db, 'SELECT id, percent, lowered_reason FROM project_progress')).toEqual([
        { id: 1, percent: 40, lowered_reason: null },
      ]);
    },
  },
  {
    version: 9,
    check(db) {
      expect(all(db, 'SELECT id, status, withdrawn FROM rectifications')).toEqual([
        { id: 1, status: 'open', withdrawn: null },
      ]);
    },
  },
  {
    version: 10,
    check(db) {
      expect(all(db, 'SELECT id, screening, rejected_from FROM projects WHERE id = 4')).toEqual([
        { id: 4, screening: 'rejected', rejected_from: null },
      ]);
      expect(refused(db, "UPDATE projects SET rejected_from = 'rejected' WHERE id = 4")).toThrow(/CHECK/);
      db.prepare("UPDATE projects SET rejected_from = 'assessed' WHERE id = 4").run();
    },
  },
  {
    version: 11,
    check(db) {
      expect(all(db, 'SELECT id, quarter, annual_session FROM meetings ORDER BY id')).toEqual([
        { id: 1, quarter: null, annual_session: 0 },
        { id: 2, quarter: 1, annual_session: 0 },
      ]);
      expect(refused(db, 'UPDATE meetings SET annual_session = 2 WHERE id = 2')).toThrow(/CHECK/);
    },
  },
  {
    version: 12,
    check(db) {
      const tables = [
        'bodies',
        'persons',
        'memberships',
        'rule_sets',
        'meetings',
        'agenda_items',
        'agenda_documents',
        'project_lists',
        'projects',
        'project_files',
        'polls',
        'poll_items',
        'poll_rounds',
      ];
      const uids = tables.flatMap((t) => db.prepare(`SELECT uid FROM ${t}`).pluck().all() as string[]);
      expect(uids).toHaveLength(
        tables.reduce((n, t) => n + (db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number), 0),
      );
      for (const uid of uids) expect(uid).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set(uids).size).toBe(uids.length);
      // A row added later gets one without any service setting it.
      ins(db, 'bodies', { kind: 'township_congress', name: '鱼嘴镇人民代表大会', created_at: T });
      expect(db.prepare("SELECT uid FROM bodies WHERE name = '鱼嘴镇人民代表大会'").pluck().get()).toMatch(
        /^[0-9a-f]{32}$/,
      );
      expect(db.prepare('SELECT uid FROM installation WHERE id = 1').pluck().get()).toMatch(/^[0-9a-f]{32}$/);
      ins(db, 'meeting_packages', {
        digest: 'e'.repeat(64),
        direction: 'import',
        meeting_uid: uids[0],
        records: '{}',
        at: T,
      });
      ins(db, 'package_audit', {
        package_digest: 'e'.repeat(64),
        id: 1,
        at: T,
        actor: '会务员',
        action: 'votes.open',
        entity: 'poll_round',
        detail: '{}',
        prev_hash: '0'.repeat(64),
        hash: 'f'.repeat(64),
      });
      expect(refused(db, "UPDATE package_audit SET actor = '他人'")).toThrow('带回的审计记录只能追加，不能修改');
      expect(refused(db, 'DELETE FROM package_audit')).toThrow('带回的审计记录只能追加，不能删除');
    },
  },
  {
    version: 13,
    check(db) {
      expect(
        refused(
          db,
          "INSERT INTO fingerprint_anchors (code, entry_id, hash_part, first_checked_at, last_checked_at) VALUES ('X', 0, 'ab', ?, ?)",
          T,
          T,
        ),
      ).toThrow(/CHECK/);
      ins(db, 'fingerprint_anchors', {
        code: 'A1B2-C3D4',
        entry_id: 2,
        hash_part: 'bbbbbbbb',
        first_checked_at: T,
        last_checked_at: T,
      });
      expect(db.prepare('SELECT checks FROM fingerprint_anchors').pluck().get()).toBe(1);
    },
  },
  {
    version: 14,
    check(db) {
      expect(
        refused(
          db,
          'INSERT INTO lan_credentials (meeting_id, membership_id, generation, changed_at) VALUES (1, 1, 0, ?)',
          T,
        ),
      ).toThrow(/CHECK/);
      ins(db, 'lan_desks', { meeting_id: 1, name: '一号签到台', created_at: T });
      expect(all(db, 'SELECT generation, revoked_at FROM lan_desks')).toEqual([{ generation: 1, revoked_at: null }]);
      expect(
        refused(db, "INSERT INTO lan_desks (meeting_id, name, created_at) VALUES (999, '无此会议', ?)", T),
      ).toThrow(/FOREIGN KEY/);
    },
  },
];

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A real file (WAL, foreign keys on, as openDatabase sets them) at `version`, filled as a file of that version would be. */
function fileAt(version: number): Db {
  const dir = tempDir('yishitai-migration-');
  dirs.push(dir);
  const db = new Database(path.join(dir, 'yishitai.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version <= version),
  );
  fill(db, version);
  return db;
}

describe('each migration, on a file of the version before it', () => {
  it.each(
    cases.map(
      (c) => [migrations.find((m) => m.version === c.version)?.name ?? `第${c.version}号（无此迁移）`, c] as const,
    ),
  )('%s', (name, c) => {
    const db = fileAt(c.version - 1);
    try {
      const before = schemaOf(db);
      const rowsBefore = rowsOf(db, before);
      migrate(
        db,
        migrations.filter((m) => m.version <= c.version),
      );
      expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version DESC LIMIT 1').get()).toEqual({
        version: c.version,
        name,
      });

      const after = schemaOf(db);
      expect(after).toEqual(expectedAfter(db, before, c.version));
      // Every row that was there is still there, unchanged in the columns it had (tables dropped or rebuilt aside).
      const change = schemaChanges[c.version]!;
      const kept = Object.keys(before.tables).filter((t) => !change.drops?.includes(t) && !change.replaces?.[t]);
      const rowsAfter = rowsOf(db, {
        tables: Object.fromEntries(kept.map((t) => [t, before.tables[t]!])),
        objects: [],
      });
      for (const t of kept) expect(rowsAfter[t], t).toEqual(rowsBefore[t]);

      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      c.check(db);
    } finally {
      db.close();
    }
  });

  it('the fill is realistic: every table of the latest schema but the bookkeeping ones holds rows', () => {
    const db = fileAt(Math.max(...migrations.map((m) => m.version)));
    try {
      const empty = Object.keys(schemaOf(db).tables).filter(
        (t) => db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() === 0,
      );
      expect(empty).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('the migration list', () => {
  const dir = path.resolve(__dirname, '../../electron/db/migrations');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}-.+\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();

  it('applies every migration file, numbered in order from 1', () => {
    expect(migrations.map((m) => m.name)).toEqual(files);
    expect(migrations.map((m) => m.version)).toEqual(files.map((_, i) => i + 1));
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(files.map((_, i) => i + 1));
  });

  it('has a case here and its schema in migration-schema.ts for every migration (a new one must add both)', () => {
    expect(cases.map((c) => c.version)).toEqual(migrations.map((m) => m.version));
    expect(Object.keys(schemaChanges).map(Number)).toEqual(migrations.map((m) => m.version));
  });
});
