// Mutation testing (issue 14 item 5): do the tests fail when the rules change? `npm run mutation` runs this, then
// prints the score per file (build/scripts/mutation-score.mjs). Outside `npm test`: it takes tens of minutes.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'shared/domain/**/*.ts',
    'electron/db/bit-tally.ts',
    'electron/db/audit.ts',
    'electron/db/ballot-digest.ts',
    'electron/db/secret-ballots.ts',
    'electron/db/tables/ballots.ts',
  ],
  coverageAnalysis: 'perTest',
  // Two cores are shared by everyone on the machine.
  concurrency: 1,
  timeoutMS: 30_000,
  // The first run, with per-test coverage, runs every listed test once; minutes on a loaded machine.
  dryRunTimeoutMinutes: 30,
  // Static mutants (module-level code: constants, SQL prepared once) each need the whole test set, on this
  // machine hours for a few dozen; they are reported as ignored, and the score script says how many.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: '.cache/stryker/incremental.json',
  tempDirName: '.cache/stryker-tmp',
  ignorePatterns: ['dist', 'release', 'test-results', 'playwright-report', '.cache', 'tests/e2e/screenshots'],
  reporters: ['json', 'html', 'progress'],
  jsonReporter: { fileName: '.cache/stryker/mutation.json' },
  htmlReporter: { fileName: '.cache/stryker/mutation.html' },
  thresholds: { high: 90, low: 80, break: null },
  cleanTempDir: 'always',
};
