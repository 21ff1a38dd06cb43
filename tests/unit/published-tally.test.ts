import { describe, expect, it } from 'vitest';
import { publishedTally } from './published-tally';

// The published counts the 东阳 and 沾益 tests reproduce: skipped with a reason locally, a failure in CI.
describe('a published tally beside the repository', () => {
  it('missing outside CI: the tests that need it are skipped, and their names say why', () => {
    const t = publishedTally('no-such-count.csv', {});
    expect(t.skip).toBe(true);
    expect(t.note).toBe(` — SKIPPED: published tally not found at ${t.file}`);
  });

  it('missing in CI: nothing is skipped, and reading it fails naming the path', () => {
    const t = publishedTally('no-such-count.csv', { CI: 'true' });
    expect(t.skip).toBe(false);
    expect(t.note).toBe('');
    expect(() => t.rows()).toThrow(`published tally not found at ${t.file}`);
  });

  const dongyang = publishedTally('dongyang-2017-project-vote.csv');
  it.skipIf(dongyang.skip)(`present: read as rows, comments and blank lines dropped${dongyang.note}`, () => {
    const t = dongyang;
    expect(t.rows().length).toBeGreaterThan(0);
    expect(Object.keys(t.rows()[0]!)).toEqual(expect.arrayContaining(['project', 'yes', 'no']));
  });
});
