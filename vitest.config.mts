import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // A stray it.only in CI would run one test and pass the build.
    allowOnly: !process.env.CI,
    // Guards against a hang, not speed limits (speed is in `npm run bench`): a test's setup imports real
    // spreadsheets in worker threads and writes real SQLite files, which a loaded machine can slow many times over.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
