import type { RuleSet } from '../../../shared/contract';
import { normalizeRules } from '../../../shared/domain/rules';
import type { Db } from '../open';
import { statement } from '../statements';

/** The rule_sets table: its row, the SQL, and the one mapper to a RuleSet (its JSON rules normalised here, once). */

interface RuleSetRow {
  id: number;
  key: string | null;
  name: string;
  meeting_kind: RuleSet['meetingKind'];
  builtin: number;
  based_on: number | null;
  rules: string;
}

const toRuleSet = (r: RuleSetRow): RuleSet => ({
  id: r.id,
  key: r.key,
  name: r.name,
  meetingKind: r.meeting_kind,
  builtin: r.builtin === 1,
  basedOn: r.based_on,
  rules: normalizeRules(JSON.parse(r.rules), r.meeting_kind),
});

export function ruleSetTables(db: Db) {
  return {
    ruleSet(id: number): RuleSet | undefined {
      const r = statement(db, 'SELECT * FROM rule_sets WHERE id = ?').get(id) as RuleSetRow | undefined;
      return r && toRuleSet(r);
    },
    /** Shipped ones first. */
    list: (): RuleSet[] =>
      (statement(db, 'SELECT * FROM rule_sets ORDER BY builtin DESC, id').all() as RuleSetRow[]).map(toRuleSet),
    hasKey: (key: string): boolean => !!statement(db, 'SELECT 1 FROM rule_sets WHERE key = ?').get(key),
    nameTaken: (name: string, exceptId = 0): boolean =>
      !!statement(db, 'SELECT 1 FROM rule_sets WHERE name = ? AND id <> ?').get(name, exceptId),
    insertBuiltin: (
      b: { key: string; name: string; meetingKind: RuleSet['meetingKind']; rules: unknown },
      at: string,
    ): number =>
      Number(
        statement(
          db,
          'INSERT INTO rule_sets (key, name, meeting_kind, builtin, rules, created_at) VALUES (?, ?, ?, 1, ?, ?)',
        ).run(b.key, b.name, b.meetingKind, JSON.stringify(b.rules), at).lastInsertRowid,
      ),
    /** A clerk's copy of another set. */
    insertCopy: (name: string, from: RuleSet, at: string): number =>
      Number(
        statement(
          db,
          'INSERT INTO rule_sets (name, meeting_kind, builtin, based_on, rules, created_at) VALUES (?, ?, 0, ?, ?, ?)',
        ).run(name, from.meetingKind, from.id, JSON.stringify(from.rules), at).lastInsertRowid,
      ),
    /** The rules as the clerk sent them; normalised when read. */
    update: (id: number, name: string, rules: unknown) =>
      void statement(db, 'UPDATE rule_sets SET name = ?, rules = ? WHERE id = ?').run(name, JSON.stringify(rules), id),
  };
}
