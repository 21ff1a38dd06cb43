import { parentPort, workerData } from 'node:worker_threads';
import { namePinyin } from '../../shared/domain/pinyin';
import { readProjects } from '../../shared/domain/project-import';
import {
  readRoster,
  type CurrentMember,
  type ExistingPerson,
  type RosterReadResult,
  type RosterRecord,
} from '../../shared/domain/roster-import';
import type { ImportMode } from '../../shared/contract/types';
import { explainParseError, parseSheet, withSheetIssues, type ParsedSheet } from './sheet-parse';

/**
 * The sheet worker: one per uploaded file, started by roster-files.ts and ended after its one answer. Parsing
 * runs here so a slow or hostile file costs the host neither its event loop nor, past the worker's resourceLimits,
 * its memory; and so does the (pure) validation of the rows and the pinyin of each name, which for 5,000 rows
 * would otherwise block the host for a few hundred ms. Bundled as dist/electron/sheet-worker.cjs; under Vitest it
 * runs from this .ts through tsx.
 */
export type SheetCheck =
  | { kind: 'none' }
  /** withPinyin: for a commit, which inserts the rows; a preview only shows them. */
  | {
      kind: 'roster';
      existing: ExistingPerson[];
      withPinyin: boolean;
      mode?: ImportMode;
      members?: CurrentMember[];
      npcDeputy?: boolean;
    }
  | { kind: 'projects'; existingNames: string[] };

export interface SheetJob {
  fileName: string;
  content: Uint8Array;
  check: SheetCheck;
}

/** A roster row ready to insert, with the pinyin of the name worked out here rather than in the transaction. */
export type PinyinRecord = RosterRecord & { pinyin?: { pinyin: string; initials: string } };
export type RosterFileRead = Omit<RosterReadResult, 'records'> & { records: PinyinRecord[] };
export type ProjectFileRead = ReturnType<typeof readProjects>;

export type SheetAnswer =
  | { ok: true; kind: 'none'; sheet: ParsedSheet }
  | { ok: true; kind: 'roster'; sheetName: string | null; read: RosterFileRead }
  | { ok: true; kind: 'projects'; sheetName: string | null; read: ProjectFileRead }
  | { ok: false; message: string };

function check(sheet: ParsedSheet, c: SheetCheck): SheetAnswer {
  if (c.kind === 'roster') {
    const read = withSheetIssues(
      readRoster(sheet.rows, c.existing, { mode: c.mode, members: c.members, npcDeputy: c.npcDeputy }),
      sheet,
    );
    // Only a file without issues is imported; spare the pinyin of one that will not be.
    if (!c.withPinyin || read.issues.length) return { ok: true, kind: 'roster', sheetName: sheet.sheetName, read };
    // A matched member keeps its name (the match requires it), so only new rows need pinyin.
    const records = read.records.map((r) =>
      r.membershipId === undefined ? { ...r, pinyin: namePinyin(r.values.name!) } : r,
    );
    return { ok: true, kind: 'roster', sheetName: sheet.sheetName, read: { ...read, records } };
  }
  if (c.kind === 'projects') {
    return {
      ok: true,
      kind: 'projects',
      sheetName: sheet.sheetName,
      read: withSheetIssues(readProjects(sheet.rows, c.existingNames), sheet),
    };
  }
  return { ok: true, kind: 'none', sheet };
}

const job = workerData as SheetJob;
parseSheet(job.fileName, job.content)
  .then((sheet) => check(sheet, job.check))
  .then(
    (answer) => parentPort!.postMessage(answer),
    (e: unknown) =>
      parentPort!.postMessage({ ok: false, message: explainParseError(e, job.fileName) } satisfies SheetAnswer),
  );
