import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { machine, renderJson, renderMarkdown, verdictOf, writeReport, type BenchOutcome } from '../bench/report';
import { BenchCheckError, check, checkEqual } from '../bench/types';
import { tempDir } from './helpers';

/** The benchmark table (tests/bench/report.ts): a wrong result fails the run; a slow figure only says OVER. */

const outcome = (o: Partial<BenchOutcome> & Pick<BenchOutcome, 'name'>): BenchOutcome => ({
  description: '',
  ok: true,
  error: null,
  ms: 1000,
  loadBefore: [0, 0, 0],
  rows: [],
  ...o,
});

describe('bench report', () => {
  it('check throws a BenchCheckError naming what should have held; checkEqual shows both values', () => {
    expect(() => check(true, 'fine')).not.toThrow();
    expect(() => check(0, 'valid ballots = 999,000')).toThrow(BenchCheckError);
    expect(() => check(false, 'valid ballots = 999,000')).toThrow('check failed: valid ballots = 999,000');
    expect(() => checkEqual(998_999, 999_000, 'valid ballots')).toThrow('valid ballots — expected 999000, got 998999');
  });

  it('a figure over its target is OVER, at or under it OK, without a target no verdict', () => {
    expect(verdictOf({ benchmark: 'b', metric: 'm', value: 101, target: 100 })).toBe('OVER');
    expect(verdictOf({ benchmark: 'b', metric: 'm', value: 100, target: 100 })).toBe('OK');
    expect(verdictOf({ benchmark: 'b', metric: 'm', value: 5, target: null })).toBe('');
  });

  it('a failed benchmark is a FAILED row and makes the report not ok; OVER alone keeps it ok', () => {
    const m = machine();
    const over = [outcome({ name: 'tally', rows: [{ benchmark: 'tally', metric: 'close', value: 250, target: 100 }] })];
    expect(renderJson(over, m, m).ok).toBe(true);
    expect(renderMarkdown(over, m, m)).toMatch(/\| tally +\| close +\| +250 ms \| +100 ms \| OVER \(2\.5×\)/);

    const failed = [
      ...over,
      outcome({ name: 'live', ok: false, error: 'check failed: every subscriber receives every change' }),
    ];
    const json = renderJson(failed, m, m);
    expect(json.ok).toBe(false);
    expect(json.rows.find((r) => r.benchmark === 'live')).toMatchObject({
      verdict: 'FAILED',
      note: 'check failed: every subscriber receives every change',
    });
    const md = renderMarkdown(failed, m, m);
    expect(md).toMatch(/\| live +\| \(whole benchmark\) .*\| FAILED +\| check failed: every subscriber/);
    expect(md).toContain('**1 FAILED**');
    expect(md).toContain(`node ${process.version}`);
    expect(md).toMatch(/load average \(1\/5\/15 min\) before [\d.]+ [\d.]+ [\d.]+, after/);
  });

  it('writes bench.md and bench.json into the folder given', () => {
    const dir = path.join(tempDir('yishitai-bench-report-'), 'out');
    try {
      const m = machine();
      const { files } = writeReport(
        [outcome({ name: 'name-sort', rows: [{ benchmark: 'name-sort', metric: 'p50', value: 12, target: 50 }] })],
        m,
        m,
        dir,
      );
      expect(files.map((f) => path.basename(f))).toEqual(['bench.md', 'bench.json']);
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'bench.json'), 'utf8')) as ReturnType<typeof renderJson>;
      expect(json.machine).toMatchObject({
        node: process.version,
        cpus: expect.any(Number),
        loadBefore: expect.any(Array),
        loadAfter: expect.any(Array),
      });
      expect(json.rows).toEqual([
        { benchmark: 'name-sort', metric: 'p50', value: 12, unit: 'ms', target: 50, verdict: 'OK', note: null },
      ]);
      expect(fs.readFileSync(path.join(dir, 'bench.md'), 'utf8')).toContain('| name-sort |');
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
