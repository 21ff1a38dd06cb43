import { randomBytes } from 'node:crypto';
import { AppError, allMembersText, memberNoun, type PaperBallot, type PaperBatch, type PaperComparison, type ParsedInput, type ProjectVote } from '../../shared/contract';
import {
  addRanks,
  ballotVoidReason,
  bit,
  castRefusal,
  compareBatches,
  describeBallot,
  issuedProblem,
  projectAnnouncement,
  projectPassRule,
  reconcileTotals,
  roundResult,
  type BallotMarks,
  type CandidateTally,
  type EnteredBallot,
  type RoundResult,
} from '../../shared/domain/projects';
import { parseBallotKeys } from '../../shared/domain/ballot-keys';
import { tallyBallots, validRanks, type BallotSource } from '../db/bit-tally';
import { scrubWriteAheadLog, storeSecretBallot } from '../db/secret-ballots';
import { readAttendance } from './attendance';
import type { CallContext, ServiceDeps } from './context';
import { assertMeetingSitting, assertMeetingStatus, meetingQueries } from './meetings';
import { projectListQueries } from './project-lists';
import type { WriteContext } from './change';
import { auditedChange } from './tx';

/**
 * 民生实事项目票决 rounds: first, runoff after a tie, retake after a void round. Ballots are bitmasks with random
 * ids and no link to a deputy; paper ballots are keyed twice and compared; count sheets are reconciled against
 * the ballots.
 */

interface VoteRow {
  id: number; list_id: number; meeting_id: number; agenda_item_id: number; round: number; previous_vote_id: number | null; kind: ProjectVote['kind'];
  style: ProjectVote['style']; mode: ProjectVote['mode']; seats: number; candidate_ids: string; pass: string; status: ProjectVote['status'];
  expected: number | null; present: number | null; issued: number | null; scrutineers: string; counters: string; result: string | null;
  announcement: string | null; opened_at: string | null; closed_at: string | null;
}
interface EntryRow { batch: 1 | 2; seq: number; yes: number; no: number; abstain: number; ranks: string | null; void: number; void_reason: string | null }

export function projectVoteService(deps: ServiceDeps) {
  const { db, bus } = deps;
  const meetings = meetingQueries(db);
  const { projectsOf, getList } = projectListQueries(db);
  const now = () => new Date().toISOString();
  const listChanged = (listId: number) => bus.publish('projects.changed', { listId });

  // ---- rounds ----

  function voteRow(id: number, field = 'id'): VoteRow {
    const v = db.prepare('SELECT * FROM project_votes WHERE id = ?').get(id) as VoteRow | undefined;
    if (!v) throw new AppError('NOT_FOUND', `找不到编号为${id}的票决`, field);
    return v;
  }
  const returnedCount = (v: VoteRow) =>
    v.mode === 'electronic' || v.status === 'closed'
      ? (db.prepare('SELECT COUNT(*) FROM project_ballots WHERE vote_id = ?').pluck().get(v.id) as number)
      : (db.prepare('SELECT COUNT(*) FROM paper_entries WHERE vote_id = ? AND batch = 1').pluck().get(v.id) as number);

  const toVote = (v: VoteRow): ProjectVote => ({
    id: v.id, listId: v.list_id, meetingId: v.meeting_id, agendaItemId: v.agenda_item_id, round: v.round, previousVoteId: v.previous_vote_id,
    kind: v.kind, style: v.style, mode: v.mode, seats: v.seats, candidateIds: JSON.parse(v.candidate_ids) as number[],
    pass: JSON.parse(v.pass) as ProjectVote['pass'], status: v.status, expected: v.expected, present: v.present, issued: v.issued,
    // A closed round's count is in its result; counting a million rows again is wasted work.
    returned: v.status === 'closed' && v.result ? (JSON.parse(v.result) as RoundResult).returned : returnedCount(v), scrutineers: JSON.parse(v.scrutineers) as string[], counters: JSON.parse(v.counters) as string[],
    // No tally is served before the round is closed.
    result: v.status === 'closed' && v.result ? (JSON.parse(v.result) as RoundResult) : null,
    announcement: v.status === 'closed' ? v.announcement : null, openedAt: v.opened_at, closedAt: v.closed_at,
  });
  const getVote = (id: number) => toVote(voteRow(id));
  const publishVote = (v: ProjectVote) =>
    bus.publish('projectVote.changed', { voteId: v.id, listId: v.listId, meetingId: v.meetingId, status: v.status, returned: v.returned, eligible: v.present ?? 0 });

  /**
   * Count sheets and batch comparisons check keyed paper ballots against each other. An electronic round has none,
   * and comparing a sheet with its stored ballots would report the running tally of a secret ballot (无记名投票,
   * ../shared/rules/README.md §4) before the count: with who has voted, in order, from the audit log, that gives
   * away each deputy's ballot. Until it is closed an electronic round shows only 已投/应投.
   */
  function assertPaper(v: VoteRow) {
    if (v.mode !== 'paper') throw new AppError('FORBIDDEN', '计票单和两批比对只用于纸质选票；电子票决在结束前只显示已投/应投', 'id');
  }

  function assertVoteStatus(v: VoteRow, allowed: ProjectVote['status'][], doing: string) {
    if (!allowed.includes(v.status)) {
      const label = { pending: '尚未开始', open: '正在投票', counting: '正在计票', closed: '已经结束' }[v.status];
      throw new AppError('CONFLICT', `第${v.round}轮票决${label}，不能${doing}`, 'id');
    }
  }

  /** Candidate ids → the ballot's bitmasks; anything not on this round's ballot is refused. */
  function marksFromIds(v: VoteRow, m: ParsedInput<'projectVotes.cast'>['marks']): BallotMarks {
    const ids = JSON.parse(v.candidate_ids) as number[];
    const indexOf = (pid: number) => {
      const i = ids.indexOf(pid);
      if (i < 0) throw new AppError('VALIDATION', `输入有误：“选票”：编号为${pid}的项目不在本轮选票上`, 'marks');
      return i;
    };
    const mask = (list: number[]) => [...new Set(list)].reduce((acc, pid) => acc + bit(indexOf(pid)), 0);
    return { yes: mask(m.yes), no: mask(m.no), abstain: mask(m.abstain), ...(v.style === 'rank' ? { ranks: (m.ranks ?? []).map(indexOf) } : {}) };
  }

  const numbersOf = (v: VoteRow) => {
    const ids = JSON.parse(v.candidate_ids) as number[];
    const byId = new Map(projectsOf(v.list_id).map((p) => [p.id, p]));
    return ids.map((pid) => byId.get(pid)!.number);
  };

  /**
   * The one tally of a round, for the count and for checking a count sheet: its stored ballots, or while a paper
   * round is being keyed, the first batch (the stack that becomes its ballots at close). Rank ballots score points
   * (addRanks); a rank ballot's yes/no/abstain masks are empty, so its 赞成 is the number of ballots ranking it.
   */
  function tally(v: VoteRow, source: BallotSource = 'ballots'): { tallies: CandidateTally[]; returned: number; valid: number; void: number } {
    const n = (JSON.parse(v.candidate_ids) as number[]).length;
    const t = tallyBallots(db, v.id, n, source);
    const tallies: CandidateTally[] = Array.from({ length: n }, (_, i) => ({ yes: t.yes[i]!, no: t.no[i]!, abstain: t.abstain[i]!, points: 0 }));
    if (v.style === 'rank') {
      for (const c of tallies) c.yes = 0;
      for (const r of validRanks(db, v.id, source)) addRanks(tallies, v.seats, JSON.parse(r) as number[]);
    }
    return { tallies, returned: t.returned, valid: t.returned - t.void, void: t.void };
  }

  const countSheet = (voteId: number) =>
    new Map((db.prepare('SELECT project_id, yes, no, abstain FROM manual_totals WHERE vote_id = ?').all(voteId) as { project_id: number; yes: number; no: number; abstain: number }[]).map((r) => [r.project_id, r]));

  function entries(voteId: number, batch: 1 | 2): EnteredBallot[] {
    return (db.prepare('SELECT * FROM paper_entries WHERE vote_id = ? AND batch = ? ORDER BY seq').all(voteId, batch) as EntryRow[]).map((e) => ({
      seq: e.seq, yes: e.yes, no: e.no, abstain: e.abstain, ...(e.ranks ? { ranks: JSON.parse(e.ranks) as number[] } : {}), void: e.void === 1,
    }));
  }

  function batchState(v: VoteRow, batch: 1 | 2): PaperBatch {
    const rows = db.prepare('SELECT * FROM paper_entries WHERE vote_id = ? AND batch = ? ORDER BY seq DESC').all(v.id, batch) as EntryRow[];
    const numbers = numbersOf(v);
    const recent: PaperBallot[] = rows.slice(0, 8).map((e) => ({
      batch, seq: e.seq, void: e.void === 1, voidReason: e.void_reason,
      text: describeBallot(v.style, { yes: e.yes, no: e.no, abstain: e.abstain, ...(e.ranks ? { ranks: JSON.parse(e.ranks) as number[] } : {}), void: e.void === 1 }, numbers),
    }));
    const voids = rows.filter((e) => e.void === 1).length;
    return { batch, count: rows.length, valid: rows.length - voids, void: voids, recent, nextSeq: (rows[0]?.seq ?? 0) + 1 };
  }

  function comparison(v: VoteRow): PaperComparison {
    const numbers = numbersOf(v);
    const a = entries(v.id, 1);
    const b = entries(v.id, 2);
    const differences = compareBatches(a, b).map((d) => ({
      seq: d.seq, first: d.first ? describeBallot(v.style, d.first, numbers) : null, second: d.second ? describeBallot(v.style, d.second, numbers) : null,
    }));
    // The count sheet is checked against the first batch while counting, against the stored ballots once closed.
    // Paper rounds only (assertPaper): paper ballots were never linked to a deputy.
    const ids = JSON.parse(v.candidate_ids) as number[];
    const sheet = countSheet(v.id);
    const ballotTallies = sheet.size ? tally(v, v.status === 'closed' ? 'ballots' : 'firstBatch').tallies : [];
    return { first: a.length, second: b.length, differences, agreed: a.length > 0 && differences.length === 0, totalsMismatches: sheet.size ? reconcileTotals(ids, ballotTallies, sheet) : [],
      sheet: [...sheet.values()].map((r) => ({ projectId: r.project_id, yes: r.yes, no: r.no, abstain: r.abstain })) };
  }

  function createRound(v: Omit<VoteRow, 'id' | 'status' | 'expected' | 'present' | 'issued' | 'result' | 'announcement' | 'opened_at' | 'closed_at'>, ctx: CallContext): ProjectVote {
    const vote = auditedChange(deps, ctx, () => {
      const id = Number(db.prepare(`INSERT INTO project_votes (list_id, meeting_id, agenda_item_id, round, previous_vote_id, kind, style, mode, seats, candidate_ids, pass, scrutineers, counters, created_at)
        VALUES (@list_id, @meeting_id, @agenda_item_id, @round, @previous_vote_id, @kind, @style, @mode, @seats, @candidate_ids, @pass, @scrutineers, @counters, @at)`).run({ ...v, at: now() }).lastInsertRowid);
      return { result: getVote(id), audit: { action: `projectVote.${v.kind === 'first' ? 'create' : v.kind}`, entity: 'project_vote', entityId: id, detail: v } };
    });
    publishVote(vote);
    return vote;
  }


  return {
    'projectVotes.list': (input: ParsedInput<'projectVotes.list'>) => {
      if (input.listId !== undefined) getList(input.listId, 'listId');
      if (input.meetingId !== undefined) meetings.getMeeting(input.meetingId, 'meetingId');
      const rows = db
        .prepare('SELECT * FROM project_votes WHERE (@list IS NULL OR list_id = @list) AND (@meeting IS NULL OR meeting_id = @meeting) ORDER BY list_id, round')
        .all({ list: input.listId ?? null, meeting: input.meetingId ?? null }) as VoteRow[];
      return rows.map(toVote);
    },
    'projectVotes.get': (input: ParsedInput<'projectVotes.get'>) => getVote(input.id),

    'projectVotes.create': (input: ParsedInput<'projectVotes.create'>, ctx: CallContext) => {
      const list = getList(input.listId, 'listId');
      const item = meetings.getItem(input.agendaItemId, 'agendaItemId');
      const meeting = meetings.getMeeting(item.meetingId);
      assertMeetingStatus(meeting, ['preparing', 'open'], '安排票决');
      if (item.kind !== 'project_vote') throw new AppError('VALIDATION', `输入有误：“议程”：“${item.title}”不是民生实事票决议程`, 'agendaItemId');
      if (meeting.bodyId !== list.bodyId) throw new AppError('VALIDATION', `输入有误：“候选项目清单”：清单属于${list.bodyName}，会议属于${meeting.bodyName}`, 'listId');
      if (list.projects.length <= list.seats) throw new AppError('CONFLICT', `候选项目${list.projects.length}个，须多于应选的${list.seats}个（差额票决）`, 'listId');
      if (db.prepare('SELECT 1 FROM project_votes WHERE list_id = ?').get(list.id)) throw new AppError('CONFLICT', `“${list.title}”已安排过票决；平票或无效时请安排下一轮`, 'listId');
      // The pass rule is the meeting's rule set's (../shared/rules/README.md §3–4: 全体代表的过半数 by default, a local
      // rule where the rule set says so); a base asked for here cannot differ from it.
      const rule = meeting.rules.pass;
      if (input.passBase && input.passBase !== rule.base) {
        throw new AppError('VALIDATION', `输入有误：“通过基数”：本会议适用“${meeting.ruleSetName}”，${rule.basis}；票决按会议规则计票，不能另设基数。如本地规定不同，请调整会议规则`, 'passBase');
      }
      const pass = projectPassRule(rule, 'first');
      return createRound({
        list_id: list.id, meeting_id: meeting.id, agenda_item_id: item.id, round: 1, previous_vote_id: null, kind: 'first', style: input.style, mode: input.mode,
        seats: list.seats, candidate_ids: JSON.stringify(list.projects.map((p) => p.id)), pass: JSON.stringify(pass),
        scrutineers: JSON.stringify(input.scrutineers), counters: JSON.stringify(input.counters),
      }, ctx);
    },

    'projectVotes.nextRound': (input: ParsedInput<'projectVotes.nextRound'>, ctx: CallContext) => {
      const v = voteRow(input.id);
      assertVoteStatus(v, ['closed'], '安排下一轮（须先结束本轮）');
      assertMeetingSitting(db, v.meeting_id, '安排下一轮票决');
      if (db.prepare('SELECT 1 FROM project_votes WHERE previous_vote_id = ?').get(v.id)) throw new AppError('CONFLICT', `第${v.round}轮之后已安排过下一轮`, 'id');
      const r = JSON.parse(v.result!) as RoundResult;
      if (r.outcome === 'decided') throw new AppError('CONFLICT', `第${v.round}轮已产生结果，无须再投`, 'id');
      const runoff = r.outcome === 'tie' ? r.runoff! : null;
      const kind = runoff ? 'runoff' : 'retake';
      return createRound({
        ...v, round: v.round + 1, previous_vote_id: v.id, kind, mode: input.mode ?? v.mode, pass: JSON.stringify(projectPassRule(meetings.getMeeting(v.meeting_id).rules.pass, kind)),
        seats: runoff ? runoff.seats : v.seats, candidate_ids: runoff ? JSON.stringify(runoff.candidateIds) : v.candidate_ids,
      }, ctx);
    },

    'projectVotes.open': (input: ParsedInput<'projectVotes.open'>, ctx: CallContext) => {
      const v = voteRow(input.id);
      assertVoteStatus(v, ['pending'], '开始投票');
      const meeting = meetings.getMeeting(v.meeting_id);
      assertMeetingStatus(meeting, ['open'], '开始票决（须先宣布开会）');
      const att = readAttendance(db, meeting);
      if (!att.summary.quorum.met) throw new AppError('CONFLICT', `${att.summary.quorum.text}，不能开始票决`, 'id');
      // The list stays editable until the first round opens, so that round's ballot is the list as it stands now.
      const list = v.kind === 'first' ? getList(v.list_id) : null;
      if (list && list.projects.length <= list.seats) throw new AppError('CONFLICT', `候选项目${list.projects.length}个，须多于应选的${list.seats}个（差额票决）`, 'id');
      const vote = auditedChange(deps, ctx, () => {
        if (list) db.prepare('UPDATE project_votes SET candidate_ids = ?, seats = ? WHERE id = ?').run(JSON.stringify(list.projects.map((p) => p.id)), list.seats, v.id);
        // The rule set is frozen with the roll: a copy edited later does not change a round already taken.
        const pass = projectPassRule(meeting.rules.pass, v.kind);
        db.prepare("UPDATE project_votes SET status = 'open', expected = ?, present = ?, pass = ?, opened_at = ? WHERE id = ?").run(att.summary.expected, att.summary.present, JSON.stringify(pass), now(), v.id);
        db.prepare('UPDATE project_lists SET locked_at = COALESCE(locked_at, ?) WHERE id = ?').run(now(), v.list_id);
        const ins = db.prepare('INSERT INTO project_eligible (vote_id, membership_id) VALUES (?, ?)');
        for (const r of att.rows) if (r.status === 'present') ins.run(v.id, r.membershipId);
        return { result: getVote(v.id), audit: { action: 'projectVote.open', entity: 'project_vote', entityId: v.id, detail: { expected: att.summary.expected, present: att.summary.present } } };
      });
      publishVote(vote);
      listChanged(v.list_id);
      return vote;
    },

    'projectVotes.cast': (input: ParsedInput<'projectVotes.cast'>, ctx: CallContext) => {
      const v = voteRow(input.id);
      assertVoteStatus(v, ['open'], '投票');
      assertMeetingSitting(db, v.meeting_id, '投票');
      if (v.mode !== 'electronic') throw new AppError('CONFLICT', '本轮使用纸质选票，请投入票箱，由工作人员录入', 'id');
      const member = db.prepare('SELECT p.name FROM project_eligible e JOIN memberships m ON m.id = e.membership_id JOIN persons p ON p.id = m.person_id WHERE e.vote_id = ? AND e.membership_id = ?')
        .get(v.id, input.membershipId) as { name: string } | undefined;
      if (!member) throw new AppError('FORBIDDEN', '该人员不是本次票决开始时签到出席的代表，不能投票', 'membershipId');
      if (db.prepare('SELECT 1 FROM project_voters WHERE vote_id = ? AND membership_id = ?').get(v.id, input.membershipId)) {
        throw new AppError('CONFLICT', `${member.name}已经投过票，不能重复投票`, 'membershipId');
      }
      const marks = marksFromIds(v, input.marks);
      const ids = JSON.parse(v.candidate_ids) as number[];
      // An electronic ballot can be corrected before it is cast, so a void one is refused rather than stored.
      const refusal = castRefusal(v.style, v.seats, ids.length, marks);
      if (refusal) throw new AppError('VALIDATION', `输入有误：“选票”：${refusal}`, 'marks');
      const returned = auditedChange(deps, ctx, () => {
        db.prepare('INSERT INTO project_voters (vote_id, membership_id) VALUES (?, ?)').run(v.id, input.membershipId);
        storeSecretBallot(db, 'project_ballots', v.id, { yes: marks.yes, no: marks.no, abstain: marks.abstain, ranks: marks.ranks ? JSON.stringify(marks.ranks) : null, void: 0 });
        return { result: returnedCount(v), audit: { action: 'projectVote.cast', entity: 'project_vote', entityId: v.id, detail: { membershipId: input.membershipId } } };
      });
      (ctx as WriteContext).afterCommit(() => scrubWriteAheadLog(db));
      publishVote(getVote(v.id));
      return { accepted: true as const, returned };
    },

    'projectVotes.stopVoting': (input: ParsedInput<'projectVotes.stopVoting'>, ctx: CallContext) => {
      const v = voteRow(input.id);
      assertVoteStatus(v, ['open'], '停止投票');
      assertMeetingSitting(db, v.meeting_id, '停止投票');
      const vote = auditedChange(deps, ctx, () => {
        db.prepare("UPDATE project_votes SET status = 'counting' WHERE id = ?").run(v.id);
        return { result: getVote(v.id), audit: { action: 'projectVote.stop', entity: 'project_vote', entityId: v.id } };
      });
      publishVote(vote);
      return vote;
    },

    'projectVotes.paperEnter': (input: ParsedInput<'projectVotes.paperEnter'>, ctx: CallContext) => {
      const v = voteRow(input.id);
      if (v.mode !== 'paper') throw new AppError('CONFLICT', '本轮是电子选票，没有纸质选票可录入', 'id');
      assertVoteStatus(v, ['counting'], '录入选票（须先停止投票）');
      assertMeetingSitting(db, v.meeting_id, '录入选票');
      const ids = JSON.parse(v.candidate_ids) as number[];
      let marks: BallotMarks = { yes: 0, no: 0, abstain: 0 };
      let voidReason: string | null = input.void ? '工作人员判定作废' : null;
      if (!input.void) {
        const parsed = parseBallotKeys(v.style, input.keys, numbersOf(v));
        if ('error' in parsed) throw new AppError('VALIDATION', `输入有误：“录入内容”：${parsed.error}`, 'keys');
        marks = parsed;
        voidReason = ballotVoidReason(v.style, v.seats, ids.length, marks);
      }
      const last = db.prepare('SELECT MAX(seq) FROM paper_entries WHERE vote_id = ? AND batch = ?').pluck().get(v.id, input.batch) as number | null;
      const seq = input.seq ?? (last ?? 0) + 1;
      if (seq > (last ?? 0) + 1) throw new AppError('VALIDATION', `输入有误：“选票序号”：下一张应为第${(last ?? 0) + 1}张`, 'seq');
      const state = auditedChange(deps, ctx, () => {
        db.prepare(`INSERT INTO paper_entries (vote_id, batch, seq, yes, no, abstain, ranks, void, void_reason, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (vote_id, batch, seq) DO UPDATE SET yes = excluded.yes, no = excluded.no, abstain = excluded.abstain, ranks = excluded.ranks,
                    void = excluded.void, void_reason = excluded.void_reason, entered_at = excluded.entered_at`)
          .run(v.id, input.batch, seq, marks.yes, marks.no, marks.abstain, marks.ranks ? JSON.stringify(marks.ranks) : null, voidReason ? 1 : 0, voidReason, now());
        return {
          result: batchState(v, input.batch),
          audit: { action: seq <= (last ?? 0) ? 'paper.correct' : 'paper.enter', entity: 'project_vote', entityId: v.id, detail: { batch: input.batch, seq, keys: input.void ? '作废' : input.keys, voidReason } },
        };
      });
      publishVote(getVote(v.id));
      return state;
    },

    'projectVotes.paperBatch': (input: ParsedInput<'projectVotes.paperBatch'>) => {
      const v = voteRow(input.id);
      assertPaper(v);
      return batchState(v, input.batch);
    },
    'projectVotes.paperCompare': (input: ParsedInput<'projectVotes.paperCompare'>) => {
      const v = voteRow(input.id);
      assertPaper(v);
      return comparison(v);
    },

    'projectVotes.manualTotals': (input: ParsedInput<'projectVotes.manualTotals'>, ctx: CallContext) => {
      const v = voteRow(input.id);
      assertPaper(v);
      assertVoteStatus(v, ['counting', 'open'], '录入计票单');
      assertMeetingSitting(db, v.meeting_id, '录入计票单');
      const ids = JSON.parse(v.candidate_ids) as number[];
      for (const t of input.totals) if (!ids.includes(t.projectId)) throw new AppError('VALIDATION', `输入有误：“计票单”：编号为${t.projectId}的项目不在本轮选票上`, 'totals');
      return auditedChange(deps, ctx, () => {
        const up = db.prepare(`INSERT INTO manual_totals (vote_id, project_id, yes, no, abstain) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (vote_id, project_id) DO UPDATE SET yes = excluded.yes, no = excluded.no, abstain = excluded.abstain`);
        for (const t of input.totals) up.run(v.id, t.projectId, t.yes, t.no, t.abstain);
        return { result: comparison(v), audit: { action: 'projectVote.manualTotals', entity: 'project_vote', entityId: v.id, detail: input.totals } };
      });
    },

    'projectVotes.close': (input: ParsedInput<'projectVotes.close'>, ctx: CallContext) => {
      const v = voteRow(input.id);
      assertVoteStatus(v, v.mode === 'paper' ? ['counting'] : ['open', 'counting'], '结束计票');
      assertMeetingSitting(db, v.meeting_id, '结束计票');
      if (v.mode === 'paper') {
        const c = comparison(v);
        if (c.first === 0) throw new AppError('CONFLICT', '还没有录入任何纸质选票', 'id');
        if (!c.agreed) {
          const diff = c.differences.length ? `有${c.differences.length}张不一致（第${c.differences.slice(0, 5).map((d) => d.seq).join('、')}张${c.differences.length > 5 ? '等' : ''}）` : '';
          throw new AppError('CONFLICT', `两批录入不一致：第一批${c.first}张，第二批${c.second}张${diff ? '，' + diff : ''}。请核对原始选票并更正后再计票`, 'id');
        }
      }
      const issuedWrong = issuedProblem(v.mode, input.issued, v.present ?? 0, returnedCount(v));
      if (issuedWrong) throw new AppError('VALIDATION', `输入有误：“发出选票数”：${issuedWrong}`, 'issued');
      const ids = JSON.parse(v.candidate_ids) as number[];
      const list = getList(v.list_id);
      const bodyKind = meetings.getMeeting(v.meeting_id).bodyKind;
      const names = new Map(list.projects.map((p) => [p.id, `${p.number}号 ${p.name}`]));
      const scrutineers = input.scrutineers ?? (JSON.parse(v.scrutineers) as string[]);
      const counters = input.counters ?? (JSON.parse(v.counters) as string[]);
      let announcement = '';
      const vote = auditedChange(deps, ctx, () => {
        if (v.mode === 'paper') {
          // The agreed stack becomes the round's ballots: random ids, no order, no time.
          const ins = db.prepare('INSERT INTO project_ballots (vote_id, ballot_id, yes, no, abstain, ranks, void) VALUES (?, ?, ?, ?, ?, ?, ?)');
          for (const e of entries(v.id, 1)) ins.run(v.id, randomBytes(16), e.yes, e.no, e.abstain, e.ranks ? JSON.stringify(e.ranks) : null, e.void ? 1 : 0);
        }
        const t = tally(v);
        // Only a paper round has a count sheet. One stored for an electronic round by an older version is ignored:
        // it would block the count and this error would name the tally of an open round.
        const sheet = v.mode === 'paper' ? countSheet(v.id) : new Map<number, never>();
        const mismatches = sheet.size ? reconcileTotals(ids, t.tallies, sheet) : [];
        if (mismatches.length) {
          const m = mismatches[0]!;
          throw new AppError('CONFLICT', `计票单与选票不符：${names.get(m.candidateId)}的${{ yes: '赞成', no: '反对', abstain: '弃权' }[m.field]}票，计票单${m.sheet}票，选票${m.ballots}票（共${mismatches.length}处）。请核对后再计票`, 'id');
        }
        const result = roundResult({
          style: v.style, seats: v.seats, candidateIds: ids, tallies: t.tallies, issued: input.issued, returned: t.returned, valid: t.valid, void: t.void,
          expected: v.expected ?? 0, present: v.present ?? 0, pass: JSON.parse(v.pass) as ProjectVote['pass'],
          baseNames: { members: allMembersText[bodyKind], present: `出席${memberNoun[bodyKind]}` },
        });
        const roundLabel = v.round > 1 ? `第${v.round}轮（${v.kind === 'runoff' ? '平票项目再次投票' : '重新投票'}）` : '';
        announcement = projectAnnouncement(list.title, result, (id) => names.get(id) ?? String(id), v.style, roundLabel) +
          (scrutineers.length ? `监票人：${scrutineers.join('、')}。` : '') + (counters.length ? `计票人：${counters.join('、')}。` : '');
        db.prepare("UPDATE project_votes SET status = 'closed', issued = ?, scrutineers = ?, counters = ?, result = ?, announcement = ?, closed_at = ? WHERE id = ?")
          .run(input.issued, JSON.stringify(scrutineers), JSON.stringify(counters), JSON.stringify(result), announcement, now(), v.id);
        return { result: getVote(v.id), audit: { action: 'projectVote.close', entity: 'project_vote', entityId: v.id, detail: { issued: input.issued, outcome: result.outcome, chosen: result.chosenIds, announcement } } };
      });
      publishVote(vote);
      return vote;
    },
  };
}
