import { randomBytes } from 'node:crypto';
import type { RuleSet, YearBoard, YearTrends } from '../../shared/contract';
import { createBody, makeTempRuntime } from '../unit/helpers';
import { ms, percentile, type Benchmark, type BenchRow } from './types';

/**
 * The year board and the year-over-year view on a 10-year file: 10,000 meetings, 1,000,000 票决 ballots, 1,000
 * chosen projects (of 1,200 candidates) with plans, milestones, progress, 测评 results, 整改 and a few decisions.
 * The file is a fixture, inserted in bulk with SQL in transactions (not a test of the writes); the queries are
 * measured through the handlers as the host calls them (dispatch: validation, then the service). Target 50 ms.
 */
const YEARS = Array.from({ length: 10 }, (_v, i) => 2016 + i);
const BODIES = 10;
const MEETINGS = 10_000;
const LISTS_PER_YEAR = 10;
const CANDIDATES = 12;
const SEATS = 10;
const BALLOTS_PER_ROUND = 10_000;
const TARGET_MS = 50;
const DEPARTMENTS = ['区住房城乡建设局', '区民政局', '区教育局', '区交通运输局', '区卫生健康局', '区城市管理局', '区水务局', '区文化和旅游局'];
const CATEGORIES = ['住房', '养老', '教育', '交通', '医疗', '环境', '文体'];

export const projectYearBench: Benchmark = {
  name: 'project-year',
  description: `projectYear.board / projectYear.trends on ${YEARS.length} years: ${MEETINGS} meetings, ${(YEARS.length * LISTS_PER_YEAR * BALLOTS_PER_ROUND).toLocaleString('en')} ballots, ${YEARS.length * LISTS_PER_YEAR * SEATS} chosen projects`,
  async run(log) {
    const t = makeTempRuntime();
    try {
      const bodies = [await createBody(t, '江北区人民代表大会')];
      for (let i = 1; i < BODIES; i++) bodies.push(await createBody(t, `第${i}街道议事代表会议`, 'street_council', `第${i}街道`));
      const district = bodies[0]!;
      const ruleSetId = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find((r) => r.key === 'district_midyear_session')!.id;
      const db = t.rt.db;
      let seed = 11;
      const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      const at = '2025-01-01T00:00:00.000Z';
      const built = performance.now();

      db.transaction(() => {
        const meeting = db.prepare("INSERT INTO meetings (body_id, kind, rule_set_id, title, date, year, status, created_at) VALUES (?, 'district_midyear', ?, ?, ?, ?, 'closed', ?)");
        const agenda = db.prepare('INSERT INTO agenda_items (meeting_id, position, kind, title) VALUES (?, 1, ?, ?)');
        const poll = db.prepare("INSERT INTO polls (meeting_id, agenda_item_id, kind, style, secrecy, title, list_id, created_at) VALUES (?, ?, ?, ?, 'secret', ?, ?, ?)");
        const round = db.prepare("INSERT INTO poll_rounds (poll_id, round, kind, mode, status, seats, item_ids, result, closed_at, created_at) VALUES (?, 1, 'first', 'electronic', 'closed', ?, ?, ?, ?, ?)");
        const ballot = db.prepare('INSERT INTO round_ballots (round_id, ballot_id, yes) VALUES (?, ?, ?)');
        const list = db.prepare('INSERT INTO project_lists (body_id, year, title, seats, locked_at, created_at) VALUES (?, ?, ?, ?, ?, ?)');
        const project = db.prepare('INSERT INTO projects (list_id, number, name, department, budget_wan, category, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
        const plan = db.prepare('INSERT INTO project_plans (project_id, department, lead, budget_wan, start_on, finish_on, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
        const milestone = db.prepare('INSERT INTO project_milestones (project_id, position, title, due_on, done_on) VALUES (?, ?, ?, ?, ?)');
        const progress = db.prepare("INSERT INTO project_progress (project_id, reported_on, percent, spent_wan, text, created_at) VALUES (?, ?, ?, ?, '按计划推进', ?)");
        const item = db.prepare("INSERT INTO poll_items (poll_id, position, kind, ref_id, title, department) VALUES (?, ?, 'project', ?, ?, ?)");
        const evaluation = db.prepare("INSERT INTO project_evaluations (project_id, round_id, meeting_id, held_on, style, summary, passed) VALUES (?, ?, ?, ?, 'rating', ?, ?)");
        const rect = db.prepare('INSERT INTO rectifications (project_id, opened_by_round, department, deadline, requirement, status, closed_by_round, closed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
        const decision = db.prepare("INSERT INTO project_decisions (project_id, poll_id, kind, summary, created_at) VALUES (?, ?, ?, '调整建设内容', ?)");

        // Meetings: a thousand per body over the ten years; the district's carry the 票决 and the 测评.
        const districtMeetings = new Map<number, number[]>();
        for (let i = 0; i < MEETINGS; i++) {
          const body = bodies[i % BODIES]!;
          const year = YEARS[Math.floor(i / BODIES) % YEARS.length]!;
          const date = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
          const id = Number(meeting.run(body.id, ruleSetId, `${body.name}${year}年第${i}次会议`, date, year, at).lastInsertRowid);
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
            const listId = Number(list.run(district.id, year, `${year}年度民生实事候选项目（第${l + 1}批）`, SEATS, at, at).lastInsertRowid);
            const ids: number[] = [];
            for (let n = 1; n <= CANDIDATES; n++) {
              const department = DEPARTMENTS[Math.floor(rand() * DEPARTMENTS.length)]!;
              ids.push(Number(project.run(listId, n, `${year}年第${l + 1}批第${n}号民生实事项目`, department, Math.round(rand() * 2000), CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!, at).lastInsertRowid));
            }
            // One 票决 round per list, 10,000 ballots; the first ten candidates chosen (the last list of a year leaves a seat unfilled).
            const chosen = ids.slice(0, l === LISTS_PER_YEAR - 1 ? SEATS - 1 : SEATS);
            const item0 = Number(agenda.run(voteMeeting, 'project_vote', `票决产生${year}年度民生实事项目`).lastInsertRowid);
            const pollId = Number(poll.run(voteMeeting, item0, 'project_vote', 'choose', `${year}年度民生实事项目票决`, listId, at).lastInsertRowid);
            const roundId = Number(round.run(pollId, SEATS, JSON.stringify(ids), JSON.stringify({ outcome: 'decided', chosenIds: chosen, rows: chosen.map((candidateId, i) => ({ candidateId, yes: 300 - i, no: 0, abstain: 0, points: 0, rank: i + 1, passed: true, chosen: true, tied: false })), runoff: null }), at, at).lastInsertRowid);
            for (let b = 0; b < BALLOTS_PER_ROUND; b++) ballot.run(roundId, randomBytes(16), Math.floor(rand() * 4095));
            for (const id of chosen) chosenOfYear.push({ id, department: DEPARTMENTS[id % DEPARTMENTS.length]! });
          }
          // Plans, milestones, progress, two 测评 (mid-year, year end) and the 整改 they open and close.
          const evalRound = (meetingId: number, title: string) => {
            const a = Number(agenda.run(meetingId, 'evaluation', title).lastInsertRowid);
            const p = Number(poll.run(meetingId, a, 'evaluation', 'rating', title, null, at).lastInsertRowid);
            return { pollId: p, roundId: Number(round.run(p, null, '[]', '{}', at, at).lastInsertRowid) };
          };
          const mid = evalRound(midMeeting, `${year}年民生实事项目年中测评`);
          const end = evalRound(endMeeting, `${year}年民生实事项目年终测评`);
          const motion = Number(poll.run(endMeeting, Number(agenda.run(endMeeting, 'motion', '关于调整民生实事项目的决定').lastInsertRowid), 'motion', 'motion', '关于调整民生实事项目的决定', null, at).lastInsertRowid);
          round.run(motion, null, '[]', JSON.stringify({ passed: true }), at, at);
          chosenOfYear.forEach(({ id, department }, i) => {
            plan.run(id, department, '张伟', Math.round(rand() * 2000), `${year}-03-01`, `${year}-12-31`, at);
            for (let m = 1; m <= 4; m++) milestone.run(id, m, `第${m}阶段`, `${year}-${String(m * 3).padStart(2, '0')}-28`, rand() < 0.85 ? `${year}-${String(m * 3).padStart(2, '0')}-20` : null);
            for (let q = 1; q <= 4; q++) progress.run(id, `${year}-${String(q * 3).padStart(2, '0')}-30`, Math.min(100, q * 25 - Math.floor(rand() * 10)), rand() * 500, at);
            const rate = (h: number) => JSON.stringify({ style: 'rating', returned: 300, satisfied: 0, basically: 0, unsatisfied: 0, abstain: 0, void: 0, satisfiedRate: h, combinedRate: h, satisfaction: h, satisfactionText: `${(h / 100).toFixed(2)}%`, grade: null, rectifyReason: h < 7000 ? '满意率低于70%' : null });
            const h1 = 5500 + Math.floor(rand() * 4500);
            const h2 = h1 < 7000 ? 6500 + Math.floor(rand() * 3500) : h1;
            item.run(mid.pollId, i + 1, id, `项目${id}`, department);
            item.run(end.pollId, i + 1, id, `项目${id}`, department);
            evaluation.run(id, mid.roundId, midMeeting, midDate, rate(h1), h1 >= 7000 ? 1 : 0);
            evaluation.run(id, end.roundId, endMeeting, endDate, rate(h2), h2 >= 7000 ? 1 : 0);
            if (h1 < 7000) {
              const closed = h2 >= 7000;
              rect.run(id, mid.roundId, department, `${year}-09-13`, '限期整改', closed ? 'closed' : 'open', closed ? end.roundId : null, closed ? at : null, at);
            }
            if (i % 40 === 0) decision.run(id, motion, i % 80 === 0 ? 'stop' : 'change', at);
          });
        }
      })();
      const counts = ['meetings', 'round_ballots', 'projects', 'project_evaluations', 'rectifications'].map((x) => `${x} ${t.count(x).toLocaleString('en')}`).join(', ');
      log(`built in ${(ms(built) / 1000).toFixed(1)} s: ${counts}`);
      db.pragma('optimize');

      const board: number[] = [];
      const trends: number[] = [];
      for (let rep = 0; rep < 20; rep++) {
        for (const year of YEARS) {
          const a = performance.now();
          const res = await t.call('projectYear.board', { bodyId: district.id, year, asOf: `${year}-10-01` });
          board.push(ms(a));
          if (!res.ok) throw new Error(res.error.message);
          const b = res.data as YearBoard;
          if (rep === 0 && (b.rows.length !== LISTS_PER_YEAR * SEATS - 1 || b.unfilled !== 1)) throw new Error(`board of ${year}: ${b.rows.length} rows, ${b.unfilled} unfilled`);
        }
        const a = performance.now();
        const res = await t.call('projectYear.trends', { bodyId: district.id, fromYear: YEARS[0]!, toYear: YEARS.at(-1)! });
        trends.push(ms(a));
        if (!res.ok) throw new Error(res.error.message);
        if (rep === 0 && (res.data as YearTrends).total.reduce((s, c) => s + c.projects, 0) !== YEARS.length * (LISTS_PER_YEAR * SEATS - 1)) throw new Error('trends count wrong');
      }
      log(`board: ${board.length} calls (one year, ${LISTS_PER_YEAR * SEATS - 1} projects each); trends: ${trends.length} calls (${YEARS.length} years)`);
      const row = (metric: string, v: number, note: string): BenchRow => ({ benchmark: 'project-year', metric, value: v, target: TARGET_MS, note });
      return [
        row('projectYear.board p50', percentile(board, 50), '99 projects of one year'),
        row('projectYear.board p99', percentile(board, 99), ''),
        row('projectYear.trends p50', percentile(trends, 50), `${YEARS.length} years, by department and category`),
        row('projectYear.trends p99', percentile(trends, 99), ''),
      ];
    } finally {
      t.cleanup();
    }
  },
};
