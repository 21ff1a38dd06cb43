// Bundles the Node side with esbuild: the desktop main process, its sandboxed preload (one CJS file, as a
// sandboxed preload cannot require other files), the host for `npm run serve`, the benchmarks and the crash trials.
import { build } from 'esbuild';
import fs from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};
const entries = {
  main: 'electron/main/index.ts',
  serve: 'electron/host/serve.ts',
  // The host in a process of its own (utilityProcess in the desktop app; child_process.fork in the hall bench).
  host: 'electron/host/utility-main.ts',
};
if (fs.existsSync('tests/bench/index.ts')) entries.bench = 'tests/bench/index.ts';
if (fs.existsSync('tests/trials/crash-trials.ts')) entries.trials = 'tests/trials/crash-trials.ts';
// The hall bench's terminals and screens, in threads of their own (tests/bench/hall.ts).
if (fs.existsSync('tests/bench/hall-worker.ts')) entries['hall-worker'] = 'tests/bench/hall-worker.ts';

await Promise.all([
  ...Object.entries(entries).map(([name, entry]) =>
    build({ ...common, entryPoints: [entry], outfile: `dist/electron/${name}.cjs`, packages: 'external' }),
  ),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'dist/electron/preload.cjs',
    external: ['electron'],
    platform: 'node',
  }),
  // The spreadsheet parser's worker thread (electron/services/sheet-worker.ts), loaded by path next to main.cjs and
  // serve.cjs. Self-contained (ExcelJS and csv-parse inside), so it needs no node_modules and can be unpacked from
  // app.asar (see asarUnpack in electron-builder.yml).
  build({ ...common, entryPoints: ['electron/services/sheet-worker.ts'], outfile: 'dist/electron/sheet-worker.cjs' }),
]);
