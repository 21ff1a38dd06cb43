import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A published count kept beside this repository (../shared/rules/tallies, the rules research): tests reproduce it.
 * Working locally without that folder, its tests are skipped and say so in their names. In CI (CI set) a missing
 * file is a failure, never a silent skip: the tests run and fail on reading it.
 */
export interface PublishedTally {
  file: string;
  /** Skip the tests that need the file: only when it is missing outside CI. */
  skip: boolean;
  /** Appended to a test's name when skipped, with the reason. */
  note: string;
  /** The file's rows (comments and blank lines dropped); throws, naming the path, when it is missing. */
  rows(): Record<string, string>[];
}

export const TALLIES_DIR = path.resolve(__dirname, '../../../shared/rules/tallies');

export function publishedTally(name: string, env: NodeJS.ProcessEnv = process.env): PublishedTally {
  const file = path.join(TALLIES_DIR, name);
  const present = fs.existsSync(file);
  const skip = !present && !env.CI;
  return {
    file,
    skip,
    note: skip ? ` — SKIPPED: published tally not found at ${file}` : '',
    rows() {
      if (!present)
        throw new Error(
          `published tally not found at ${file}: check out the rules folder (../shared) beside this repository`,
        );
      return parse(fs.readFileSync(file, 'utf8'), {
        columns: true,
        comment: '#',
        comment_no_infix: true,
        skip_empty_lines: true,
        trim: true,
      }) as Record<string, string>[];
    },
  };
}
