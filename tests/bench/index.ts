import { castsBench } from './casts';
import { evaluationBench } from './evaluation';
import { hallBench, hallLanBench } from './hall';
import { hostStartBench } from './host-start';
import { liveBench } from './live';
import { nameSortBench } from './name-sort';
import { paperEntryBench } from './paper-entry';
import { projectYearBench } from './project-year';
import { sheetImportBench } from './sheet-import';
import { signInBench } from './sign-in';
import { tallyBench } from './tally';
import { machine, writeReport, type BenchOutcome } from './report';
import { BenchCheckError, type Benchmark } from './types';

/**
 * Benchmarks of the 议事台 services, bundled to dist/electron/bench.cjs by build/scripts/bundle-electron.mjs and
 * run by `npm run bench`. Add a benchmark as its own module exporting a Benchmark and list it here. Pass names
 * to run only some: `node dist/electron/bench.cjs tally`. The table goes to stdout and, as markdown and JSON, to
 * bench-results/ (BENCH_OUT=<dir> elsewhere). Exit code 1 when any benchmark failed: it crashed, or a `check` of
 * what it timed did not hold. A figure over its target is OVER in the table and does not change the exit code.
 */
const benchmarks: Benchmark[] = [
  tallyBench,
  paperEntryBench,
  signInBench,
  liveBench,
  sheetImportBench,
  nameSortBench,
  evaluationBench,
  projectYearBench,
  hostStartBench,
  castsBench,
  hallBench,
];
/** Run only when named (npm run bench -- hall-lan): the hall again, casting over the sealed LAN protocol. */
const onRequest: Benchmark[] = [hallLanBench];

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const all = [...benchmarks, ...onRequest];
  const unknown = wanted.filter((w) => !all.some((b) => b.name === w));
  if (unknown.length) {
    console.log(`No benchmark named ${unknown.join(', ')}. Available: ${all.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const selected = wanted.length ? all.filter((b) => wanted.includes(b.name)) : benchmarks;
  const before = machine();
  console.log(
    `议事台 benchmarks — node ${before.node}, ${before.cpus} CPU (${before.cpuModel}), load ${before.load.join(' ')}, ${before.freeMemMB} MB free`,
  );
  const outcomes: BenchOutcome[] = [];
  for (const b of selected) {
    console.log(`\n▶ ${b.name}: ${b.description}`);
    const started = performance.now();
    const loadBefore = machine().load;
    try {
      const rows = await b.run((line) => console.log(`  ${line}`));
      outcomes.push({
        name: b.name,
        description: b.description,
        ok: true,
        error: null,
        ms: performance.now() - started,
        loadBefore,
        rows,
      });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      console.log(`  ✗ ${b.name} FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      outcomes.push({
        name: b.name,
        description: b.description,
        ok: false,
        error,
        ms: performance.now() - started,
        loadBefore,
        rows: e instanceof BenchCheckError ? e.rows : [],
      });
    }
  }
  const { markdown, files } = writeReport(outcomes, before, machine(), process.env.BENCH_OUT ?? 'bench-results');
  console.log(`\n${markdown}`);
  console.log(`written: ${files.join(', ')}`);
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length) console.log(`\n${failed.length} benchmark(s) FAILED: ${failed.map((o) => o.name).join(', ')}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
