import os from 'node:os';
import { castsBench } from './casts';
import { evaluationBench } from './evaluation';
import { hallBench, hallLanBench } from './hall';
import { liveBench } from './live';
import { nameSortBench } from './name-sort';
import { paperEntryBench } from './paper-entry';
import { projectYearBench } from './project-year';
import { sheetImportBench } from './sheet-import';
import { signInBench } from './sign-in';
import { tallyBench } from './tally';
import type { Benchmark, BenchRow } from './types';

/**
 * Benchmarks of the 议事台 services, bundled to dist/electron/bench.cjs by build/scripts/bundle-electron.mjs and
 * run by `npm run bench`. Add a benchmark as its own module exporting a Benchmark and list it here. Pass names
 * to run only some: `node dist/electron/bench.cjs tally`.
 */
const benchmarks: Benchmark[] = [tallyBench, paperEntryBench, signInBench, liveBench, sheetImportBench, nameSortBench, evaluationBench, projectYearBench, castsBench, hallBench];
/** Run only when named (npm run bench -- hall-lan): the hall again, casting over the sealed LAN protocol. */
const onRequest: Benchmark[] = [hallLanBench];

/** Display width: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, n: number, right = false) => (right ? ' '.repeat(Math.max(0, n - width(s))) + s : s + ' '.repeat(Math.max(0, n - width(s))));
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function table(rows: BenchRow[]): string {
  const cells = rows.map((r) => [
    r.benchmark,
    r.metric,
    `${fmt(r.value)} ${r.unit ?? 'ms'}`,
    r.target === null ? '' : `${fmt(r.target)} ${r.unit ?? 'ms'}`,
    r.target === null ? '' : r.value <= r.target ? 'OK' : `OVER (${(r.value / r.target).toFixed(1)}×)`,
    r.note ?? '',
  ]);
  const head = ['benchmark', 'metric', 'measured', 'target', 'verdict', 'note'];
  const widths = head.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]!))));
  const line = (c: string[]) => c.map((x, i) => pad(x, widths[i]!, i === 2 || i === 3)).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

async function main() {
  const wanted = process.argv.slice(2);
  const selected = wanted.length ? [...benchmarks, ...onRequest].filter((b) => wanted.includes(b.name)) : benchmarks;
  if (!selected.length) {
    console.log(`No benchmark named ${wanted.join(', ')}. Available: ${[...benchmarks, ...onRequest].map((b) => b.name).join(', ')}`);
    return;
  }
  console.log(`议事台 benchmarks — node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const rows: BenchRow[] = [];
  for (const b of selected) {
    console.log(`\n▶ ${b.name}: ${b.description}`);
    try {
      rows.push(...(await b.run((line) => console.log(`  ${line}`))));
    } catch (e) {
      console.log(`  ${b.name} could not run: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }
  console.log(`\n${table(rows)}\n`);
}

void main();
