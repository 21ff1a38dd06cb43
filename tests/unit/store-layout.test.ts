import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The store pattern (issue 14 item 7): a table's SQL, row type and mapper live together in one module under
 * electron/db/ (electron/db/tables/…), and services call those modules. This guards what has been moved.
 */

const root = path.resolve(__dirname, '../..');
const servicesDir = path.join(root, 'electron/services');

/** What counts as SQL in a service: a statement prepared or run, or a statement's text. */
const SQL: [string, RegExp][] = [
  ['prepare(', /\.prepare\(/],
  ['db.exec(', /\bdb\.exec\(/],
  ['pragma(', /\.pragma\(/],
  ['statement(db', /\bstatement\(\s*db\b/],
  ['SELECT', /\bSELECT\s/],
  ['INSERT INTO', /\bINSERT\s+INTO\b/],
  ['UPDATE … SET', /\bUPDATE\s+\w+\s+SET\b/],
  ['DELETE FROM', /\bDELETE\s+FROM\b/],
];

/** Where a source text holds SQL, as `line: what`. */
function sqlIn(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, i) => {
    for (const [what, re] of SQL) if (re.test(line)) found.push(`${i + 1}: ${what}`);
  });
  return found;
}

/**
 * Services that still write their own SQL, not moved yet. This list may only shrink: a file that no longer holds
 * SQL must come off it (the second test says so), and a file not on it may hold none.
 */
const NOT_MOVED_YET = new Set([
  // The audit log's own use cases (its chain is electron/db/audit.ts) and the shared steps of a change.
  'audit-check.ts',
  'change.ts',
  'result-entries.ts',
  // Backups and the meeting package copy whole files and whole tables.
  'backup.ts',
  'meeting-package.ts',
  // The poll engine and the casting path (their tables are electron/db/tables/polls.ts and ballots.ts; the rest is to come).
  'polls.ts',
  'poll-methods.ts',
  'lan-services.ts',
  'lan-credentials.ts',
  'fingerprints.ts',
  'rehearsal.ts',
  // The projects (项目) domain: lists, files, work, review, board, results, timeline.
  'chosen-projects.ts',
  'project-board.ts',
  'project-files.ts',
  'project-lists.ts',
  'project-results.ts',
  'project-review.ts',
  'project-timeline.ts',
  'project-work.ts',
]);

/** Moved: their tables are electron/db/tables/{bodies,members,meetings,agenda,rule-sets,attendance,screen}.ts. */
const MOVED = ['roster.ts', 'meetings.ts', 'attendance.ts', 'screen.ts'];

/** Tables of the moved domains, each written by exactly one table module. */
const TABLES: Record<string, string> = {
  bodies: 'electron/db/tables/bodies.ts',
  persons: 'electron/db/tables/members.ts',
  memberships: 'electron/db/tables/members.ts',
  meetings: 'electron/db/tables/meetings.ts',
  rule_sets: 'electron/db/tables/rule-sets.ts',
  agenda_items: 'electron/db/tables/agenda.ts',
  agenda_documents: 'electron/db/tables/agenda.ts',
  agenda_item_projects: 'electron/db/tables/agenda.ts',
  attendance: 'electron/db/tables/attendance.ts',
  screen_state: 'electron/db/tables/screen.ts',
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}
const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');

describe('store layout: services write no SQL', () => {
  it('finds SQL where it is (the check bites)', () => {
    expect(sqlIn("const n = db.prepare('SELECT COUNT(*) FROM bodies').pluck().get();")).toEqual([
      '1: prepare(',
      '1: SELECT',
    ]);
    expect(
      sqlIn(
        "statement(db, 'x').run();\nconst q = `UPDATE meetings SET title = ?`;\n`DELETE FROM attendance`; `INSERT INTO persons`",
      ),
    ).toEqual(['1: statement(db', '2: UPDATE … SET', '3: INSERT INTO', '3: DELETE FROM']);
    expect(sqlIn('const m = SESSION_PATTERN.exec(text); // 更新名册 update mode\nagenda.update(id, input);')).toEqual(
      [],
    );
  });

  it('no service outside the allow-list holds SQL', () => {
    const offenders = sources(servicesDir)
      .filter((f) => !NOT_MOVED_YET.has(path.relative(servicesDir, f)))
      .flatMap((f) => sqlIn(fs.readFileSync(f, 'utf8')).map((at) => `${rel(f)}:${at}`));
    expect(offenders, '把这些 SQL 移到 electron/db/tables/ 下该表的模块中').toEqual([]);
  });

  it('the allow-list only shrinks: every file on it exists and still holds SQL', () => {
    const stale = [...NOT_MOVED_YET].filter((f) => {
      const p = path.join(servicesDir, f);
      return !fs.existsSync(p) || sqlIn(fs.readFileSync(p, 'utf8')).length === 0;
    });
    expect(stale, '这些文件已不含 SQL，请从 NOT_MOVED_YET 中删去').toEqual([]);
  });

  it('the moved services stay off the allow-list', () => {
    for (const f of MOVED) {
      expect(NOT_MOVED_YET.has(f), f).toBe(false);
      expect(fs.existsSync(path.join(servicesDir, f)), f).toBe(true);
    }
  });

  it('each table of the moved domains is written by its one table module', () => {
    const files = sources(path.join(root, 'electron')).filter((f) => !rel(f).startsWith('electron/db/migrations/'));
    const texts = files.map((f) => [rel(f), fs.readFileSync(f, 'utf8')] as const);
    for (const [table, module] of Object.entries(TABLES)) {
      const write = new RegExp(
        `\\b(INSERT\\s+(OR\\s+\\w+\\s+)?INTO|REPLACE\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+${table}\\b`,
      );
      const writers = texts.filter(([, text]) => write.test(text)).map(([f]) => f);
      expect(writers, table).toEqual([module]);
    }
  });
});
