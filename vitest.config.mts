import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Guards against a hang, not speed limits (speed is in `npm run bench`): a test's setup imports real
    // spreadsheets in worker threads and writes real SQLite files, which a loaded machine can slow many times over.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
