import { defineConfig } from 'vitest/config';

// The unit tests Stryker runs against its mutants (stryker.config.mjs): those that exercise shared/domain and the
// store's ballot, tally and audit code. The rest of the suite only slows each mutant down. (Not merged with
// vitest.config.mts: mergeConfig would add these to its include list, not replace it.)
//
// MUTATION_TESTS=pure keeps to the tests that import no spreadsheet: on a crowded machine the instrumented sandbox
// overruns an import's 20 s reading budget (electron/services/roster-files.ts) and Stryker refuses to start.
const pure = [
  'tests/unit/domain.*.test.ts',
  'tests/unit/bit-tally.test.ts',
  'tests/unit/ballot-digest.test.ts',
  'tests/unit/store.test.ts',
];
const withEngine = [
  'tests/unit/evaluation-items.test.ts',
  'tests/unit/screen-view.test.ts',
  'tests/unit/poll-recount.test.ts',
  'tests/unit/secret-ballot-load.test.ts',
];

export default defineConfig({
  test: {
    include: process.env.MUTATION_TESTS === 'pure' ? pure : [...pure, ...withEngine],
    environment: 'node',
    allowOnly: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
