import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { RuleSet } from '../../shared/contract';
import { appendAudit } from '../../electron/db/audit';
import { createBody, makeTempRuntime } from '../unit/helpers';
import { checkEqual, ms } from './types';

/**
 * Ten years of one district's work, as a data folder the host can open: 10,000 meetings of ten bodies, 1,000,000
 * 票决 ballots, 1,000 chosen projects (of 1,200 candidates) with plans, milestones, progress, 测评 results, 整改 and a
 * few decisions, and an audit log of 200,000 entries (20,000 a year: a district of 300 signing in and voting
 * through a dozen meetings, and its streets). A fixture, inserted in bulk with SQL in transactions (not a test of
 * the writes) through the real migrations and the real hash chain; the benches read it through the handlers.
 * Built once per run and shared (project-year reads it, host-start serves it); removed when the process exits.
 * Its rounds carry results written by the fixture, not by a close: audit.verify recounts each and reports the
 * ones whose recount differs, which the reading bench expects.
 */
export const YEARS = Array.from({ length: 10 }, (_v, i) => 2016 + i);
const BODIES = 10;
export const MEETINGS = 10_000;
export const LISTS_PER_YEAR = 10;
const CANDIDATES = 12;
export const SEATS = 10;
export const BALLOTS_PER_ROUND = 10_000;
export const AUDIT_PER_YEAR = 20_000;
const DEPARTMENTS = [
  '区住房城乡建设局',
  '区民政局',
  '区教育局',
  '区交通运输局',
  '区卫生健康局',
  '区城市管理局',
  '区水务局',
  '区文化和旅游局',
];
const CATEGORIES = ['住房', '养老', '教育', '交通', '医疗', '环境', '文体'];

export interface TenYears {
  dir: string;
  districtId: number;
  /** A chosen project of each year, for the timeline. */
  sampleProjects: number[];
  /** Closed rounds written by the fixture (票决, 测评, 表决). */
  rounds: number;
  auditEntries: number;
}

let built: Promise<TenYears> | null = null;

/** The ten-year folder, built on first use. */
export function tenYears(log: (line: string) => void): Promise<TenYears> {
  built ??= build(log);
  return built;
}

async function build(log: (line: string) => void): Promise<TenYears> {
  const t = makeTempRuntime();
  process.once('exit', () => fs.rmSync(t.dir, { recursive: true, force: true }));
  try {
    const bodies = [await createBody(t, '江北区人民代表大会')];
    for (let i = 1; i < BODIES; i++)
      bodies.push(await createBody(t, `第${i}街道议事代表会议`, 'street_council', `第${i}街道`));
    const district = bodies[0]!;
    const ruleSetId = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find(
      (r) => r.key === 'district_midyear_session',
    )!.id;
    const db = t.rt.db;
    let seed = 11;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const at = '2025-01-01T00:00:00.000Z';
    const started = performance.now();
    const sampleProjects: number[] = [];
    db.transaction(() => {
      const meeting = db.prepare(
        "INSERT INTO meetings (body_id, kind, rule_set_id, title, date, year, status, created_at) VALUES (?, 'district_midyear', ?, ?, ?, ?, 'closed', ?)",
      );
      const agenda = db.prepare('INSERT INTO agenda_items (meeting_id, position, kind, title) VALUES (?, 1, ?, ?)');
      const poll = db.prepare(
        "INSERT INTO polls (meeting_id, agenda_item_id, kind, style, secrecy, title, list_id, created_at) VALUES (?, ?, ?, ?, 'secret', ?, ?, ?)",
      );
      const round = db.prepare(
        "INSERT INTO poll_rounds (poll_id, round, kind, mode, status, seats, item_ids, result, closed_at, created_at) VALUES (?, 1, 'first', 'electronic', 'closed', ?, ?, ?, ?, ?)",
      );
      const ballot = db.prepare('INSERT INTO round_ballots (round_id, ballot_id, yes) VALUES (?, ?, ?)');
      const list = db.prepare(
        'INSERT INTO project_lists (body_id, year, title, seats, locked_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const project = db.prepare(
        'INSERT INTO projects (list_id, number, name, department, budget_wan, category, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const plan = db.prepare(
        'INSERT INTO project_plans (project_id, department, lead, budget_wan, start_on, finish_on, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const milestone = db.prepare(
        'INSERT INTO project_milestones (project_id, position, title, due_on, done_on) VALUES (?, ?, ?, ?, ?)',
      );
      const progress = db.prepare(
        "INSERT INTO project_progress (project_id, reported_on, percent, spent_wan, text, created_at) VALUES (?, ?, ?, ?, '按计划推进', ?)",
      );
      const item = db.prepare(
        "INSERT INTO poll_items (poll_id, position, kind, ref_id, title, department) VALUES (?, ?, 'project', ?, ?, ?)",
      );
      const evaluation = db.prepare(
        "INSERT INTO project_evaluations (project_id, round_id, meeting_id, held_on, style, summary, passed) VALUES (?, ?, ?, ?, 'rating', ?, ?)",
      );
      const rect = db.prepare(
        'INSERT INTO rectifications (project_id, opened_by_round, department, deadline, requirement, status, closed_by_round, closed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const decision = db.prepare(
        "INSERT INTO project_decisions (project_id, poll_id, kind, summary, created_at) VALUES (?, ?, ?, '调整建设内容', ?)",
      );

      // Meetings: a thousand per body over the ten years; the district's carry the 票决 and the 测评.
      const districtMeetings = new Map<number, number[]>();
      for (let i = 0; i < MEETINGS; i++) {
        const body = bodies[i % BODIES]!;
        const year = YEARS[Math.floor(i / BODIES) % YEARS.length]!;
        const date = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
        const id = Number(
          meeting.run(body.id, ruleSetId, `${body.name}${year}年第${i}次会议`, date, year, at).lastInsertRowid,
        );
        if (body.id === district.id) districtMeetings.set(year, [...(districtMeetings.get(year) ?? []), id]);
      }
      for (const year of YEARS) {
        const [voteMeeting, midMeeting, endMeeting] = districtMeetings.get(year)! as [number, number, number];
        const midDate = `${year}-07-15`;
        const endDate = `${year}-12-20`;
        db.prepare('UPDATE meetings SET date = ? WHERE id = ?').run(`${year}-01-10`, voteMeeting);
        db.prepare('UPDATE meetings SET date = ? WHERE id = ?').run(midDate, midMeeting);
        db.prepare('UPDATE meetings SET date = ? WHERE id = ?').run(endDate, endMeeting);
        const chosenOfYear: { id: number; department: string }[] = [];
        for (let l = 0; l < LISTS_PER_YEAR; l++) {
          const listId = Number(
            list.run(district.id, year, `${year}年度民生实事候选项目（第${l + 1}批）`, SEATS, at, at).lastInsertRowid,
          );
          const ids: number[] = [];
          for (let n = 1; n <= CANDIDATES; n++) {
            const department = DEPARTMENTS[Math.floor(rand() * DEPARTMENTS.length)]!;
            ids.push(
              Number(
                project.run(
                  listId,
                  n,
                  `${year}年第${l + 1}批第${n}号民生实事项目`,
                  department,
                  Math.round(rand() * 2000),
                  CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!,
                  at,
                ).lastInsertRowid,
              ),
            );
          }
          // One 票决 round per list, 10,000 ballots; the first ten candidates chosen (the last list of a year leaves a seat unfilled).
          const chosen = ids.slice(0, l === LISTS_PER_YEAR - 1 ? SEATS - 1 : SEATS);
          const item0 = Number(
            agenda.run(voteMeeting, 'project_vote', `票决产生${year}年度民生实事项目`).lastInsertRowid,
          );
          const pollId = Number(
            poll.run(voteMeeting, item0, 'project_vote', 'choose', `${year}年度民生实事项目票决`, listId, at)
              .lastInsertRowid,
          );
          const roundId = Number(
            round.run(
              pollId,
              SEATS,
              JSON.stringify(ids),
              JSON.stringify({
                outcome: 'decided',
                chosenIds: chosen,
                rows: chosen.map((candidateId, i) => ({
                  candidateId,
                  yes: 300 - i,
                  no: 0,
                  abstain: 0,
                  points: 0,
                  rank: i + 1,
                  passed: true,
                  chosen: true,
                  tied: false,
                })),
                runoff: null,
              }),
              at,
              at,
            ).lastInsertRowid,
          );
          for (let b = 0; b < BALLOTS_PER_ROUND; b++) ballot.run(roundId, randomBytes(16), Math.floor(rand() * 4095));
          for (const id of chosen) chosenOfYear.push({ id, department: DEPARTMENTS[id % DEPARTMENTS.length]! });
          if (l === 0) sampleProjects.push(chosen[0]!);
        }
        // Plans, milestones, progress, two 测评 (mid-year, year end) and the 整改 they open and close.
        const evalRound = (meetingId: number, title: string) => {
          const a = Number(agenda.run(meetingId, 'evaluation', title).lastInsertRowid);
          const p = Number(poll.run(meetingId, a, 'evaluation', 'rating', title, null, at).lastInsertRowid);
          return { pollId: p, roundId: Number(round.run(p, null, '[]', '{}', at, at).lastInsertRowid) };
        };
        const mid = evalRound(midMeeting, `${year}年民生实事项目年中测评`);
        const end = evalRound(endMeeting, `${year}年民生实事项目年终测评`);
        const motion = Number(
          poll.run(
            endMeeting,
            Number(agenda.run(endMeeting, 'motion', '关于调整民生实事项目的决定').lastInsertRowid),
            'motion',
            'motion',
            '关于调整民生实事项目的决定',
            null,
            at,
          ).lastInsertRowid,
        );
        round.run(motion, null, '[]', JSON.stringify({ passed: true }), at, at);
        chosenOfYear.forEach(({ id, department }, i) => {
          plan.run(id, department, '张伟', Math.round(rand() * 2000), `${year}-03-01`, `${year}-12-31`, at);
          for (let m = 1; m <= 4; m++)
            milestone.run(
              id,
              m,
              `第${m}阶段`,
              `${year}-${String(m * 3).padStart(2, '0')}-28`,
              rand() < 0.85 ? `${year}-${String(m * 3).padStart(2, '0')}-20` : null,
            );
          for (let q = 1; q <= 4; q++)
            progress.run(
              id,
              `${year}-${String(q * 3).padStart(2, '0')}-30`,
              Math.min(100, q * 25 - Math.floor(rand() * 10)),
              rand() * 500,
              at,
            );
          const rate = (h: number) =>
            JSON.stringify({
              style: 'rating',
              returned: 300,
              satisfied: 0,
              basically: 0,
              unsatisfied: 0,
              abstain: 0,
              void: 0,
              satisfiedRate: h,
              combinedRate: h,
              satisfaction: h,
              satisfactionText: `${(h / 100).toFixed(2)}%`,
              grade: null,
              rectifyReason: h < 7000 ? '满意率低于70%' : null,
            });
          const h1 = 5500 + Math.floor(rand() * 4500);
          const h2 = h1 < 7000 ? 6500 + Math.floor(rand() * 3500) : h1;
          item.run(mid.pollId, i + 1, id, `项目${id}`, department);
          item.run(end.pollId, i + 1, id, `项目${id}`, department);
          evaluation.run(id, mid.roundId, midMeeting, midDate, rate(h1), h1 >= 7000 ? 1 : 0);
          evaluation.run(id, end.roundId, endMeeting, endDate, rate(h2), h2 >= 7000 ? 1 : 0);
          if (h1 < 7000) {
            const closed = h2 >= 7000;
            rect.run(
              id,
              mid.roundId,
              department,
              `${year}-09-13`,
              '限期整改',
              closed ? 'closed' : 'open',
              closed ? end.roundId : null,
              closed ? at : null,
              at,
            );
          }
          if (i % 40 === 0) decision.run(id, motion, i % 80 === 0 ? 'stop' : 'change', at);
        });
      }
    })();

    // The audit log: each year's sign-ins and casts (secret: no choice recorded), in order, on the real hash chain.
    const before = t.count('audit_log');
    db.transaction(() => {
      for (const year of YEARS) {
        const start = Date.parse(`${year}-01-10T01:00:00.000Z`);
        for (let i = 0; i < AUDIT_PER_YEAR; i++) {
          const membershipId = 1 + (i % 300);
          const when = new Date(start + i * 1_500_000).toISOString();
          if (i % 5 === 0)
            appendAudit(db, {
              actor: '签到台1',
              action: 'attendance.signIn',
              entity: 'attendance',
              entityId: `${1 + (i % 97)}:${membershipId}`,
              detail: { membershipId, name: `代表${membershipId}`, meetingId: 1 + (i % 97) },
              at: when,
            });
          else
            appendAudit(db, {
              actor: 'terminal',
              action: 'vote.cast',
              entity: 'vote',
              entityId: 1 + (i % 300),
              detail: { secret: true },
              at: when,
            });
        }
      }
    })();
    const auditEntries = t.count('audit_log');
    checkEqual(auditEntries - before, YEARS.length * AUDIT_PER_YEAR, 'audit entries written by the fixture');
    const rounds = t.count('poll_rounds');
    const counts = ['meetings', 'round_ballots', 'projects', 'project_evaluations', 'rectifications', 'audit_log']
      .map((x) => `${x} ${t.count(x).toLocaleString('en')}`)
      .join(', ');
    db.pragma('optimize');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const mib =
      ((db.pragma('page_size', { simple: true }) as number) * (db.pragma('page_count', { simple: true }) as number)) /
      2 ** 20;
    log(`ten-year file built in ${(ms(started) / 1000).toFixed(1)} s: ${counts}; ${mib.toFixed(0)} MiB`);
    t.rt.close();
    return { dir: t.dir, districtId: district.id, sampleProjects, rounds, auditEntries };
  } catch (e) {
    t.cleanup();
    throw e;
  }
}
