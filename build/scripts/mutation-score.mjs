// The mutation score from Stryker's JSON report(s) (npm run mutation): per file and in total, against the target.
// Score = mutants killed (or timed out) / mutants that were covered or not: survived and uncovered count against it;
// ignored, compile and runtime errors are left out, as Stryker does. Exits 1 when the total is below the target.
//   node build/scripts/mutation-score.mjs [report.json …]   (default .cache/stryker/mutation.json; several are merged)
import fs from 'node:fs';
import path from 'node:path';

const TARGET = 90;
const reports = process.argv.slice(2).length ? process.argv.slice(2) : ['.cache/stryker/mutation.json'];

/** @type {Map<string, Record<string, number>>} */
const files = new Map();
for (const report of reports) {
  if (!fs.existsSync(report)) {
    console.error(`找不到变异测试报告 ${report}：请先运行 npm run mutation`);
    process.exit(2);
  }
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  for (const [file, { mutants }] of Object.entries(json.files)) {
    const counts = {};
    for (const m of mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
    // A later report of the same file replaces an earlier one.
    files.set(path.relative(process.cwd(), path.resolve(json.projectRoot ?? '.', file)), counts);
  }
}

const detected = (c) => (c.Killed ?? 0) + (c.Timeout ?? 0);
const undetected = (c) => (c.Survived ?? 0) + (c.NoCoverage ?? 0);
const score = (c) => (detected(c) + undetected(c) ? (100 * detected(c)) / (detected(c) + undetected(c)) : 100);
const pct = (x) => `${x.toFixed(1)}%`;

const rows = [...files].sort(([a], [b]) => a.localeCompare(b));
const total = {};
for (const [, c] of rows) for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;

const line = (name, c) =>
  `| ${name} | ${pct(score(c))} | ${detected(c)} | ${c.Survived ?? 0} | ${c.NoCoverage ?? 0} | ${(c.Ignored ?? 0) + (c.CompileError ?? 0) + (c.RuntimeError ?? 0)} |`;
console.log(`变异测试得分（目标 ≥ ${TARGET}%）`);
console.log('| 文件 | 得分 | 杀死 | 存活 | 未覆盖 | 不计 |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [file, c] of rows) console.log(line(file, c));
console.log(line('**合计**', total));
const ok = score(total) >= TARGET;
console.log(ok ? `合计 ${pct(score(total))}，达到目标` : `合计 ${pct(score(total))}，低于目标 ${TARGET}%`);
process.exit(ok ? 0 : 1);
