import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow } from './types';

/** The benchmark table: each figure against its target with a verdict, the machine it ran on, as markdown and JSON. */

export interface Machine {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  /** 1, 5 and 15 minute load averages (other work on the machine skews every figure). */
  load: number[];
  freeMemMB: number;
  totalMemMB: number;
  date: string;
}

export interface BenchOutcome {
  name: string;
  description: string;
  /** False when the benchmark threw: it crashed, or a check of its result failed. */
  ok: boolean;
  error: string | null;
  ms: number;
  loadBefore: number[];
  rows: BenchRow[];
}

export type Verdict = 'OK' | 'OVER' | 'FAILED' | '';

export const machine = (): Machine => ({
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model.trim() ?? '?',
  load: os.loadavg().map((x) => Math.round(x * 100) / 100),
  freeMemMB: Math.round(os.freemem() / 2 ** 20),
  totalMemMB: Math.round(os.totalmem() / 2 ** 20),
  date: new Date().toISOString(),
});

export const verdictOf = (r: BenchRow): Verdict => (r.target === null ? '' : r.value <= r.target ? 'OK' : 'OVER');

/** Display width: CJK characters take two columns, so the markdown lines up in a terminal too. */
const width = (s: string) =>
  [...s].reduce(
    (w, ch) =>
      w +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1),
    0,
  );
const pad = (s: string, n: number, right = false) =>
  right ? ' '.repeat(Math.max(0, n - width(s))) + s : s + ' '.repeat(Math.max(0, n - width(s)));
export const fmt = (v: number) =>
  !Number.isFinite(v)
    ? String(v)
    : Number.isInteger(v)
      ? String(v)
      : Math.abs(v) >= 100
        ? v.toFixed(0)
        : Math.abs(v) >= 10
          ? v.toFixed(1)
          : v.toFixed(2);
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdownTable(head: string[], rows: string[][], rightAligned: number[]): string {
  const cells = rows.map((r) => r.map(cell));
  const widths = head.map((h, i) => Math.max(width(h), 3, ...cells.map((c) => width(c[i]!))));
  const line = (c: string[]) => `| ${c.map((x, i) => pad(x, widths[i]!, rightAligned.includes(i))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned.includes(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), rule, ...cells.map(line)].join('\n');
}

export function renderMarkdown(outcomes: BenchOutcome[], before: Machine, after: Machine): string {
  const rows: string[][] = [];
  for (const o of outcomes) {
    if (!o.ok) rows.push([o.name, '(whole benchmark)', '', '', 'FAILED', o.error ?? '']);
    for (const r of o.rows) {
      const unit = r.unit ?? 'ms';
      const v = verdictOf(r);
      rows.push([
        r.benchmark,
        r.metric,
        `${fmt(r.value)} ${unit}`,
        r.target === null ? '' : `${fmt(r.target)} ${unit}`,
        v === 'OVER' ? `OVER (${(r.value / r.target!).toFixed(1)}×)` : v,
        r.note ?? '',
      ]);
    }
  }
  const failed = outcomes.filter((o) => !o.ok);
  const over = outcomes.flatMap((o) => o.rows).filter((r) => verdictOf(r) === 'OVER').length;
  const took = outcomes.reduce((s, o) => s + o.ms, 0) / 1000;
  return [
    '# 议事台 benchmarks',
    '',
    `${before.date} · node ${before.node} · ${before.platform} · ${before.cpus} CPU (${before.cpuModel}) · ${before.totalMemMB} MB RAM`,
    `load average (1/5/15 min) before ${before.load.join(' ')}, after ${after.load.join(' ')} · free memory before ${before.freeMemMB} MB, after ${after.freeMemMB} MB · ${took.toFixed(0)} s`,
    '',
    'Speed is measured, not asserted: a figure over its target is OVER and does not fail the run. What was timed is',
    'checked against the generated input (counts, valid/void, totals, chosen projects, every live update delivered);',
    'a wrong result or a crash is FAILED and makes `npm run bench` exit 1.',
    '',
    markdownTable(['benchmark', 'metric', 'measured', 'target', 'verdict', 'note'], rows, [2, 3]),
    '',
    failed.length
      ? `**${failed.length} FAILED**: ${failed.map((o) => `${o.name} (${o.error})`).join('; ')}`
      : `All ${outcomes.length} benchmarks ran and their results checked out; ${over} figure${over === 1 ? '' : 's'} over target.`,
    '',
  ].join('\n');
}

export function renderJson(outcomes: BenchOutcome[], before: Machine, after: Machine) {
  return {
    ok: outcomes.every((o) => o.ok),
    machine: {
      ...before,
      loadBefore: before.load,
      loadAfter: after.load,
      freeMemMBAfter: after.freeMemMB,
      finished: after.date,
    },
    benchmarks: outcomes.map((o) => ({
      name: o.name,
      description: o.description,
      ok: o.ok,
      error: o.error,
      seconds: Math.round(o.ms) / 1000,
      loadBefore: o.loadBefore,
    })),
    rows: outcomes.flatMap((o) => [
      ...(o.ok
        ? []
        : [
            {
              benchmark: o.name,
              metric: '(whole benchmark)',
              value: null,
              unit: null,
              target: null,
              verdict: 'FAILED' as Verdict,
              note: o.error,
            },
          ]),
      ...o.rows.map((r) => ({
        benchmark: r.benchmark,
        metric: r.metric,
        value: r.value,
        unit: r.unit ?? 'ms',
        target: r.target,
        verdict: verdictOf(r),
        note: r.note ?? null,
      })),
    ]),
  };
}

/** Writes bench.md and bench.json into `dir` (created if missing); returns the markdown and the paths written. */
export function writeReport(
  outcomes: BenchOutcome[],
  before: Machine,
  after: Machine,
  dir: string,
): { markdown: string; files: string[] } {
  const markdown = renderMarkdown(outcomes, before, after);
  fs.mkdirSync(dir, { recursive: true });
  const md = path.join(dir, 'bench.md');
  const json = path.join(dir, 'bench.json');
  fs.writeFileSync(md, markdown);
  fs.writeFileSync(json, `${JSON.stringify(renderJson(outcomes, before, after), null, 2)}\n`);
  return { markdown, files: [md, json] };
}
