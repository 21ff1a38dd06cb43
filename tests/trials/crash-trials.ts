import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type {
  Attendance,
  AuditVerification,
  Member,
  PaperBatch,
  PaperComparison,
  PollRound,
  ProjectVote,
  Vote,
} from '../../shared/contract';
import type { RatingResult } from '../../shared/domain/evaluation';
import type { RoundResult } from '../../shared/domain/projects';
import { openLoop } from '../../electron/services/load-generator';
import { readCopy, type OnDisk } from './disk-checks';
import * as S from './hall-scenario';
import { killHost, ok, startHost, stopHost, type HostProcess } from './host-process';

/**
 * Crash trials (issue 14, item 1): the real host (dist/electron/serve.cjs) is SIGKILLed at a random moment while
 * a hall's worth of writes is in flight over HTTP — sign-ins, casts into a named and a secret motion, a 票决 and a
 * 测评, two clerks keying a paper 票决 stack, and roster imports — then its files are read as the next start finds
 * them, and it is restarted on them. A trial passes when
 *   - every write whose answer came back OK (acknowledged) is on disk, and nothing that was never sent is;
 *   - nothing is half-written: a secret round has as many ballots as voters marked, a named vote has the choice
 *     sent, a paper batch is numbered 1…n with no gap, an import is all of its rows or none;
 *   - PRAGMA integrity_check is ok and no foreign key dangles;
 *   - the restarted host shows the same counts, its audit chain verifies, and every open round resumes: the members
 *     who had not voted cast, a second cast is refused, the clerks key the rest of the stack, each round closes with
 *     the totals known in advance (every ballot is a fixed function of its voter: ./hall-scenario.ts), and the audit
 *     verifies again with the closed rounds recounted.
 * It prints one line per trial and "N trials, 0 lost", and exits non-zero on any loss or failed check.
 *
 * `npm run trials` runs 50 (by hand); `npm test` runs 10. `node dist/electron/trials.cjs 20 --seed 7` for others;
 * TRIALS_PHASES=1 prints where each trial's time went.
 * Loopback only, bounded loops; every host it starts is killed when it exits (./host-process.ts).
 */

/** The burst's sends are due within this window; paper keying is paced over it too, imports start inside it. */
const SPREAD_MS = 1000;

type Kind = 'signIn' | 'named' | 'secret' | 'project' | 'evaluation' | 'paper' | 'import';
type Outcome = 'unsent' | 'unanswered' | 'acked' | 'refused';
interface Write {
  kind: Kind;
  /** Member index (eligible, or late for sign-ins), paper stack position, or import number. */
  i: number;
  batch?: 1 | 2;
  outcome: Outcome;
  message?: string;
  /** From sent to answered. */
  ms?: number;
}

/** mulberry32: a seeded generator, so a trial's order and kill moment can be replayed (the timing cannot). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function requestOf(hall: S.Hall, w: Write, files: string[]): [string, unknown] {
  const m = hall.eligible[w.i]!;
  switch (w.kind) {
    case 'signIn':
      return ['attendance.markOne', { meetingId: hall.meetingId, membershipId: hall.late[w.i]!, status: 'present' }];
    case 'named':
      return ['votes.cast', { id: hall.named, membershipId: m, choice: S.namedChoice(w.i) }];
    case 'secret':
      return ['votes.cast', { id: hall.secret, membershipId: m, choice: S.secretChoice(w.i) }];
    case 'project':
      return [
        'projectVotes.cast',
        { id: hall.project, membershipId: m, marks: { yes: S.projectPicks(w.i).map((k) => hall.projectIds[k]!) } },
      ];
    case 'evaluation':
      return ['polls.cast', { id: hall.evaluation, membershipId: m, ballot: { ratings: S.ratingsOf(w.i) } }];
    case 'paper':
      return ['projectVotes.paperEnter', { id: hall.paper, batch: w.batch, keys: S.paperKeys(w.i) }];
    case 'import':
      return [
        'roster.importCommit',
        { bodyId: hall.importBodies[w.i]!, fileName: `名册${w.i + 1}.xlsx`, contentBase64: files[w.i]! },
      ];
  }
}

async function send(h: HostProcess, hall: S.Hall, w: Write, files: string[], onAck?: () => void): Promise<boolean> {
  w.outcome = 'unanswered';
  const at = performance.now();
  try {
    const [method, input] = requestOf(hall, w, files);
    const res = await h.call(method, input);
    w.ms = performance.now() - at;
    w.outcome = res.status === 200 ? 'acked' : 'refused';
    if (w.outcome === 'acked') onAck?.();
    if (res.status !== 200) w.message = `${method} ${res.status}: ${res.body.slice(0, 200)}`;
  } catch {
    /* no whole answer: the host died with it in flight */
  }
  return w.outcome === 'acked';
}

/** How long an import takes while a burst is on (several times what it takes alone): where an import trial aims. */
interface ImportTiming {
  underBurst: number;
}

interface TrialReport {
  line: string;
  lost: number;
  failures: string[];
}

async function trial(
  n: number,
  template: string,
  hall: S.Hall,
  files: string[],
  importMs: ImportTiming,
  random: () => number,
  work: string,
): Promise<TrialReport> {
  const started = performance.now();
  const dir = path.join(work, `trial-${n}`);
  fs.cpSync(template, dir, { recursive: true });
  const failures: string[] = [];
  const fail = (s: string) => failures.length < 20 && failures.push(s);

  // ---- the burst: everything at once, in a random order, and a SIGKILL somewhere in it ----
  const writes: Write[] = [
    ...hall.late.map((_m, i) => ({ kind: 'signIn' as const, i, outcome: 'unsent' as const })),
    ...(['named', 'secret', 'project', 'evaluation'] as const).flatMap((kind) =>
      hall.eligible.map((_m, i) => ({ kind, i, outcome: 'unsent' as Outcome })),
    ),
  ];
  for (let k = writes.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [writes[k], writes[j]] = [writes[j]!, writes[k]!];
  }
  const paper = ([1, 2] as const).map((batch) =>
    Array.from({ length: S.PAPER_BALLOTS }, (_v, i): Write => ({ kind: 'paper', i, batch, outcome: 'unsent' })),
  );
  const imports = files.map((_f, i): Write => ({ kind: 'import', i, outcome: 'unsent' }));
  const importDue = imports.map(() => Math.floor(random() * SPREAD_MS * 0.8));
  const all = [...writes, ...paper.flat(), ...imports];
  // Two trials in three, the kill comes a few milliseconds after a random acknowledgement (the 0th: at the start), so
  // it lands wherever the host happens to be — mid group commit, between a write and its answer — however fast it
  // runs. Every third trial it is aimed at the import's later moments (it is parsed in a worker, again while the file
  // keeps changing under it, then written in one transaction): 0.4–1.1 times as long after it was sent as an import
  // under a burst last took.
  // Trial 0 is the control: killed only once every write has been answered; it times an import under a burst.
  const control = n === 0;
  const duringImport = !control && n % 3 === 0;
  const killAfter = duringImport || control ? Infinity : Math.floor(random() * all.length);
  const killDelay = duringImport ? Math.round(importMs.underBurst * (0.4 + 0.7 * random())) : Math.floor(random() * 30);
  const phases: string[] = [];
  let phaseAt = performance.now();
  const phase = (name: string) => {
    phases.push(`${name} ${((performance.now() - phaseAt) / 1000).toFixed(1)}`);
    phaseAt = performance.now();
  };
  const h = await startHost(dir);
  phase('start');
  let killed = false;
  let killAt = 0;
  let inFlightAtKill = 0;
  const burstStart = performance.now();
  let killing: Promise<void> | null = null;
  const kill = (delay = killDelay) => {
    if (killing) return;
    killing = new Promise<void>((resolve) =>
      setTimeout(() => {
        killed = true;
        killAt = Math.round(performance.now() - burstStart);
        inFlightAtKill = all.filter((w) => w.outcome === 'unanswered').length;
        void killHost(h).then(resolve);
      }, delay),
    );
  };
  let acks = 0;
  const onAck = () => ++acks === killAfter && kill();
  if (killAfter === 0) kill();
  const sleepUntil = (ms: number) =>
    new Promise((r) => setTimeout(r, Math.max(0, ms - (performance.now() - burstStart))));
  await Promise.all([
    openLoop(writes.length, SPREAD_MS, (i) => send(h, hall, writes[i]!, files, onAck), { stopped: () => killed }),
    // Each clerk keys one ballot after another, at a clerk's pace spread over the window.
    ...paper.map(async (stack) => {
      for (const w of stack) {
        await sleepUntil((w.i * SPREAD_MS) / S.PAPER_BALLOTS);
        if (killed || !(await send(h, hall, w, files, onAck))) break;
      }
    }),
    ...imports.map(async (w, k) => {
      await sleepUntil(importDue[k]!);
      if (killed) return;
      const sent = send(h, hall, w, files, onAck);
      if (duringImport && k === 0) kill();
      await sent;
    }),
  ]);
  // Every write answered before the chosen one (refusals): the kill comes after the burst.
  kill(0);
  await killing;
  phase('burst');
  const importAcked = imports.find((w) => w.outcome === 'acked');
  if (importAcked) importMs.underBurst = importAcked.ms!;
  const tally = (o: Outcome) => all.filter((w) => w.outcome === o).length;
  const acked = tally('acked');
  // An import that keeps finding the file changed under it (a burst of casts) is refused and writes nothing (checked
  // below); any other refusal in a burst of valid writes is a failure.
  const retryLater = (w: Write) => w.kind === 'import' && /IMPORT_INVALID|CONFLICT/.test(w.message ?? '');
  for (const w of all.filter((x) => x.outcome === 'refused' && !retryLater(x)))
    fail(`refused during the burst: ${w.message}`);

  // ---- what is on disk ----
  const disk = readCopy(dir, path.join(work, `copy-${n}`), hall);
  const { lost, landed } = checkDisk(hall, all, disk, fail);
  phase('disk');

  // ---- restart on the same files, and carry on ----
  const h2 = await startHost(dir);
  phase('restart');
  let resumed = '';
  try {
    resumed = await resume(h2, hall, files, disk, fail);
  } catch (e) {
    fail(`resume: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await stopHost(h2);
  }
  phase('resume');
  if (process.env.TRIALS_PHASES) console.log(phases.join(', '));
  if (!failures.length) fs.rmSync(dir, { recursive: true, force: true });
  else fail(`data folder kept: ${dir}`);
  const unanswered = tally('unanswered');
  const importsLine = imports
    .map((w) => `${w.outcome}${w.outcome === 'acked' ? '' : disk.imported[w.i] ? ' (landed)' : ''}`)
    .join(', ');
  const when = control
    ? 'after every write was answered (control)'
    : duringImport
      ? `${killDelay} ms after import #0 was sent`
      : `${killDelay} ms after ack ${killAfter}/${all.length}`;
  const line =
    `#${n} killed ${killAt} ms into the burst, ` +
    `${when} (${inFlightAtKill} in flight): ${acked} acked, ` +
    `${unanswered} unanswered, ${tally('unsent')} unsent — ` +
    `acked found ${acked - lost}/${acked}, unanswered landed whole ${landed}/${unanswered}; imports ${importsLine}; ` +
    `integrity ${disk.integrity}; ${resumed} (${((performance.now() - started) / 1000).toFixed(1)} s)`;
  return { line, lost, failures };
}

/** Acknowledged → present; never sent → absent; whatever is there, whole. Returns the acknowledged writes missing. */
function checkDisk(
  hall: S.Hall,
  all: Write[],
  disk: OnDisk,
  fail: (s: string) => void,
): { lost: number; landed: number } {
  let lost = 0;
  let landed = 0;
  const miss = (w: Write, what: string) => {
    lost++;
    fail(`LOST: acknowledged ${w.kind} #${w.i}${w.batch ? ` (batch ${w.batch})` : ''} ${what}`);
  };
  if (disk.integrity !== 'ok') fail(`integrity_check: ${disk.integrity}`);
  if (disk.foreignKeyErrors) fail(`foreign_key_check: ${disk.foreignKeyErrors} rows`);
  const sentOf = (kind: Kind) => all.filter((w) => w.kind === kind && w.outcome !== 'unsent');

  for (const w of all.filter((x) => x.kind === 'signIn')) {
    const there = disk.signedIn.has(hall.late[w.i]!);
    if (w.outcome === 'acked' && !there) miss(w, 'not signed in');
    if (w.outcome === 'unsent' && there) fail(`sign-in #${w.i} never sent, yet signed in`);
    if (w.outcome === 'unanswered' && there) landed++;
  }
  const named = new Map(sentOf('named').map((w) => [hall.eligible[w.i]!, w]));
  for (const w of named.values())
    if (w.outcome === 'acked' && !disk.named.has(hall.eligible[w.i]!)) miss(w, 'has no named vote');
  for (const [m, choice] of disk.named) {
    const w = named.get(m);
    if (!w) fail(`named vote of member ${m} never sent, yet on disk`);
    else if (choice !== S.namedChoice(w.i)) fail(`named vote of member ${m} is ${choice}, sent ${S.namedChoice(w.i)}`);
    else if (w.outcome === 'unanswered') landed++;
  }
  for (const kind of ['secret', 'project', 'evaluation'] as const) {
    const { voters, ballots } = disk.secret[kind];
    const sent = new Map(sentOf(kind).map((w) => [hall.eligible[w.i]!, w]));
    for (const w of sent.values())
      if (w.outcome === 'acked' && !voters.has(hall.eligible[w.i]!)) miss(w, 'not marked as voted');
    for (const m of voters) {
      const w = sent.get(m);
      if (!w) fail(`${kind}: member ${m} marked as voted, but never cast`);
      else if (w.outcome === 'unanswered') landed++;
    }
    if (ballots !== voters.size) fail(`HALF-WRITTEN ${kind}: ${ballots} ballots for ${voters.size} voters marked`);
  }
  for (const batch of [1, 2] as const) {
    const stack = all.filter((w) => w.kind === 'paper' && w.batch === batch);
    const ackedN = stack.filter((w) => w.outcome === 'acked').length;
    const sentN = stack.filter((w) => w.outcome !== 'unsent').length;
    const { count, maxSeq } = disk.paper[batch];
    if (count < ackedN) {
      lost += ackedN - count;
      fail(`LOST: paper batch ${batch} has ${count} ballots, ${ackedN} acknowledged`);
    }
    if (count > sentN) fail(`paper batch ${batch} has ${count} ballots, only ${sentN} keyed`);
    if (maxSeq !== count) fail(`HALF-WRITTEN paper batch ${batch}: ${count} ballots numbered up to ${maxSeq}`);
    if (count > ackedN) landed += count - ackedN;
  }
  for (const w of all.filter((x) => x.kind === 'import')) {
    const n = disk.imported[w.i]!;
    if (n !== 0 && n !== S.IMPORT_ROWS) fail(`HALF-WRITTEN import #${w.i}: ${n} of ${S.IMPORT_ROWS} rows`);
    if (w.outcome === 'acked' && n !== S.IMPORT_ROWS) miss(w, `has ${n} rows`);
    if ((w.outcome === 'unsent' || w.outcome === 'refused') && n) fail(`import #${w.i} ${w.outcome}, yet ${n} rows`);
    if (w.outcome === 'unanswered' && n) landed++;
  }
  return { lost, landed };
}

const countBy = <T extends string>(xs: T[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>());

/** The restarted host: same counts as on disk, the audit verifies, every round takes the rest of its votes and closes with the expected totals. */
async function resume(
  h: HostProcess,
  hall: S.Hall,
  files: string[],
  disk: OnDisk,
  fail: (s: string) => void,
): Promise<string> {
  const verify = async (when: string) => {
    const v = await ok<AuditVerification>(h, 'audit.verify', {});
    if (!v.ok) fail(`audit.verify ${when}: ${v.message}`);
    return v;
  };
  let at = performance.now();
  const lap = (name: string) => {
    if (process.env.TRIALS_PHASES) console.log(`  ${name} ${(performance.now() - at).toFixed(0)} ms`);
    at = performance.now();
  };
  const before = await verify('after restart');
  lap('verify');
  const expectEq = (what: string, got: number, want: number) =>
    got !== want && fail(`${what}: host shows ${got}, disk has ${want}`);
  expectEq('named 已投', (await ok<Vote>(h, 'votes.get', { id: hall.named })).cast, disk.named.size);
  expectEq('secret 已投', (await ok<Vote>(h, 'votes.get', { id: hall.secret })).cast, disk.secret.secret.voters.size);
  expectEq(
    '票决 收回',
    (await ok<ProjectVote>(h, 'projectVotes.get', { id: hall.project })).returned,
    disk.secret.project.voters.size,
  );
  expectEq(
    '测评 收回',
    (await ok<PollRound>(h, 'polls.get', { id: hall.evaluation })).returned,
    disk.secret.evaluation.voters.size,
  );

  // Late members not yet signed in sign in; imports that did not land are run again.
  await Promise.all(
    hall.late
      .filter((m) => !disk.signedIn.has(m))
      .map((membershipId) =>
        ok(h, 'attendance.markOne', { meetingId: hall.meetingId, membershipId, status: 'present' }),
      ),
  );
  const imports = hall.importBodies
    .map((_b, i): Write => ({ kind: 'import', i, outcome: 'unsent' }))
    .filter((w) => !disk.imported[w.i]);
  await Promise.all(imports.map((w) => send(h, hall, w, files)));
  for (const w of imports.filter((x) => x.outcome !== 'acked'))
    fail(`resume: import #${w.i} ${w.outcome} ${w.message ?? ''}`);

  lap('signins+imports');
  // Everyone eligible who has not voted casts now, all at once; one who has is refused.
  const rest = (kind: 'named' | 'secret' | 'project' | 'evaluation') => {
    const voted = kind === 'named' ? new Set(disk.named.keys()) : disk.secret[kind].voters;
    return hall.eligible
      .map((m, i) => ({ m, i }))
      .filter((x) => !voted.has(x.m))
      .map(({ i }): Write => ({ kind, i, outcome: 'unsent' }));
  };
  const again = (['named', 'secret', 'project', 'evaluation'] as const).flatMap(rest);
  await Promise.all(again.map((w) => send(h, hall, w, [])));
  for (const w of again.filter((x) => x.outcome !== 'acked'))
    fail(`resume: ${w.kind} cast #${w.i} ${w.outcome} ${w.message ?? ''}`);
  const twice: Write = { kind: 'secret', i: 0, outcome: 'unsent' };
  await send(h, hall, twice, []);
  if (twice.outcome !== 'refused' || !twice.message?.includes(' 409:'))
    fail(`a second secret cast by the same member was ${twice.outcome}, not refused`);

  lap('casts');
  // The clerks key on from where the host says each batch stands.
  for (const batch of [1, 2] as const) {
    const at = (await ok<PaperBatch>(h, 'projectVotes.paperBatch', { id: hall.paper, batch })).count;
    expectEq(`paper batch ${batch}`, at, disk.paper[batch].count);
    for (let i = at; i < S.PAPER_BALLOTS; i++)
      await ok(h, 'projectVotes.paperEnter', { id: hall.paper, batch, keys: S.paperKeys(i) });
  }
  const cmp = await ok<PaperComparison>(h, 'projectVotes.paperCompare', { id: hall.paper });
  if (!cmp.agreed)
    fail(`paper batches differ after resuming: ${cmp.first} vs ${cmp.second}, ${cmp.differences.length} differences`);

  lap('paper');
  // ---- close every round: the totals are known in advance ----
  const idx = hall.eligible.map((_m, i) => i);
  const motion = async (id: number, choiceOf: (i: number) => string, what: string) => {
    const r = (await ok<Vote>(h, 'votes.close', { id })).result!;
    const want = countBy(idx.map(choiceOf));
    for (const c of ['yes', 'no', 'abstain'] as const)
      if (r[c] !== (want.get(c) ?? 0)) fail(`${what} ${c}: ${r[c]}, expected ${want.get(c) ?? 0}`);
  };
  await motion(hall.named, S.namedChoice, 'named motion');
  await motion(hall.secret, S.secretChoice, 'secret motion');
  const projectRows = (
    r: RoundResult,
    ids: number[],
    picks: number[][],
    what: string,
    returned: number,
    voids: number,
  ) => {
    if (r.returned !== returned || r.void !== voids || r.valid !== returned - voids)
      fail(
        `${what}: returned ${r.returned}/valid ${r.valid}/void ${r.void}, expected ${returned}/${returned - voids}/${voids}`,
      );
    const want = countBy(picks.flatMap((p) => p.map((k) => String(ids[k]))));
    for (const row of r.rows)
      if (row.yes !== (want.get(String(row.candidateId)) ?? 0))
        fail(
          `${what} candidate ${row.candidateId}: ${row.yes} yes, expected ${want.get(String(row.candidateId)) ?? 0}`,
        );
  };
  const pv = await ok<ProjectVote>(h, 'projectVotes.close', { id: hall.project, issued: hall.eligible.length });
  projectRows(pv.result!, hall.projectIds, idx.map(S.projectPicks), '票决', hall.eligible.length, 0);
  const stack = Array.from({ length: S.PAPER_BALLOTS }, (_v, k) => S.paperPicks(k));
  const valid = stack.filter((p) => p.length <= S.SEATS).map((p) => p.map((pos) => pos - 1));
  const pp = await ok<ProjectVote>(h, 'projectVotes.close', { id: hall.paper, issued: S.PAPER_BALLOTS });
  projectRows(pp.result!, hall.paperIds, valid, '纸质票决', S.PAPER_BALLOTS, S.PAPER_BALLOTS - valid.length);
  const ev = (await ok<PollRound>(h, 'polls.close', { id: hall.evaluation })).result as RatingResult;
  if (ev.returned !== hall.eligible.length) fail(`测评 returned ${ev.returned}, expected ${hall.eligible.length}`);
  ev.items.forEach((item, k) => {
    const want = countBy(idx.map((i) => S.ratingsOf(i)[k]!));
    for (const c of ['satisfied', 'basically', 'unsatisfied'] as const)
      if (item[c] !== (want.get(c) ?? 0)) fail(`测评 item ${k + 1} ${c}: ${item[c]}, expected ${want.get(c) ?? 0}`);
  });

  lap('close');
  const present = (await ok<Attendance>(h, 'attendance.get', { meetingId: hall.meetingId })).summary.present;
  if (present !== S.DEPUTIES) fail(`attendance after resuming: ${present} present of ${S.DEPUTIES}`);
  for (const [k, b] of hall.importBodies.entries()) {
    const n = (await ok<Member[]>(h, 'members.list', { bodyId: b })).length;
    if (n !== S.IMPORT_ROWS) fail(`import #${k} after resuming: ${n} members`);
  }
  const after = await verify('after the rounds closed');
  lap('verify');
  if (after.rounds < 5) fail(`audit.verify recounted ${after.rounds} closed rounds, expected at least 5`);
  return `audit ok (${before.checked} rows), resumed: ${again.length} casts, 5 rounds closed with the expected totals, audit ok (${after.rounds} rounds recounted)`;
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { seed: { type: 'string' } } });
  const trials = Number(positionals[0] ?? 50);
  if (!Number.isInteger(trials) || trials < 1 || trials > 1000)
    throw new Error(`trials: a whole number from 1 to 1000, not ${positionals[0]}`);
  const seed = Number(values.seed ?? Math.floor(Math.random() * 2 ** 31));
  if (!Number.isInteger(seed)) throw new Error(`--seed: a whole number, not ${values.seed}`);
  const random = rng(seed);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yishitai-trials-'));
  const t0 = performance.now();
  console.log(
    `议事台 crash trials — ${trials} trials, seed ${seed}, node ${process.version}, ${os.cpus().length} CPU, load ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  let lost = 0;
  let failed = 0;
  try {
    // The meeting every trial starts from, set up once over HTTP and closed cleanly.
    const template = path.join(work, 'template');
    const setup = await startHost(template);
    let hall: S.Hall;
    try {
      hall = await S.setUpHall(setup);
    } finally {
      await stopHost(setup);
    }
    fs.rmSync(path.join(template, 'admin-token'), { force: true });
    const files = await Promise.all(hall.importBodies.map((_b, k) => S.importFile(k)));
    console.log(
      `setup: ${S.DEPUTIES} deputies, ${S.SIGNED_IN} signed in, 5 rounds open, ${files.length} imports of ${S.IMPORT_ROWS} rows ready (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    // Trial 0 (the control, not counted) times an import under a burst; a guess until then.
    const importTiming: ImportTiming = { underBurst: hall.importMs * 4 };
    for (let n = 0; n <= trials; n++) {
      const r = await trial(n, template, hall, files, importTiming, random, work);
      console.log(r.line);
      for (const f of r.failures) console.log(`   ✗ ${f}`);
      lost += r.lost;
      if (r.failures.length) failed++;
    }
  } finally {
    if (!failed) fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `\n${trials} trials, ${lost} lost${failed ? ` — ${failed} failed` : ''} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  process.exitCode = lost || failed ? 1 : 0;
}

main().catch((e) => {
  console.error('crash trials could not run:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
