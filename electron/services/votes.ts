import { AppError, type Choice, type ParsedInput, type Vote, type VoteRollEntry, type VoteSnapshot } from '../../shared/contract';
import { announcementText, motionResult, voteModeConflict, type MotionCounts, type MotionResult } from '../../shared/domain/rules';

import { scrubWriteAheadLog, storeSecretBallot } from '../db/secret-ballots';
import { readAttendance } from './attendance';
import type { CallContext, ServiceDeps } from './context';
import { assertMeetingSitting, assertMeetingStatus, meetingQueries } from './meetings';
import type { WriteContext } from './change';
import { auditedChange } from './tx';

/**
 * Motion votes (表决): 赞成/反对/弃权 by electronic entry, show of hands or paper. A vote freezes 应到, 实到 and the
 * rule set when it opens; only members present then may vote, once; the result is computed when it closes.
 * A secret vote stores "has voted" and the ballot in separate tables, with nothing that links them.
 */

interface VoteRow {
  id: number; meeting_id: number; agenda_item_id: number; title: string; mode: Vote['mode']; secrecy: Vote['secrecy']; round: number;
  previous_vote_id: number | null; status: Vote['status']; snapshot: string | null; result: string | null; announcement: string | null;
  opened_at: string | null; closed_at: string | null;
}

export function voteService(deps: ServiceDeps) {
  const { db, bus } = deps;
  const q = meetingQueries(db);
  const now = () => new Date().toISOString();

  const castCount = (v: VoteRow): number => {
    if (v.mode !== 'electronic') {
      const c = db.prepare('SELECT yes + no + abstain FROM vote_counts WHERE vote_id = ?').pluck().get(v.id) as number | undefined;
      return c ?? 0;
    }
    const table = v.secrecy === 'secret' ? 'vote_voters' : 'vote_named_choices';
    return db.prepare(`SELECT COUNT(*) FROM ${table} WHERE vote_id = ?`).pluck().get(v.id) as number;
  };

  const toVote = (v: VoteRow): Vote => {
    const snapshot = v.snapshot ? (JSON.parse(v.snapshot) as VoteSnapshot) : null;
    return {
      id: v.id, meetingId: v.meeting_id, agendaItemId: v.agenda_item_id, title: v.title, mode: v.mode, secrecy: v.secrecy, round: v.round,
      previousVoteId: v.previous_vote_id, status: v.status, snapshot, cast: castCount(v), eligible: snapshot?.present ?? 0,
      // The result exists only once the vote is closed: no running tally is ever served.
      result: v.status === 'closed' && v.result ? (JSON.parse(v.result) as MotionResult) : null,
      announcement: v.status === 'closed' ? v.announcement : null,
      openedAt: v.opened_at, closedAt: v.closed_at,
    };
  };

  function row(id: number, field = 'id'): VoteRow {
    const v = db.prepare('SELECT * FROM votes WHERE id = ?').get(id) as VoteRow | undefined;
    if (!v) throw new AppError('NOT_FOUND', `找不到编号为${id}的表决`, field);
    return v;
  }
  const getVote = (id: number) => toVote(row(id));

  function publish(v: Vote) {
    bus.publish('vote.changed', { voteId: v.id, meetingId: v.meetingId, status: v.status, cast: v.cast, eligible: v.eligible });
  }

  function assertStatus(v: VoteRow, status: Vote['status'], doing: string) {
    if (v.status !== status) {
      const label = { pending: '尚未开始', open: '正在进行', closed: '已经结束' }[v.status];
      throw new AppError('CONFLICT', `表决“${v.title}”${label}，不能${doing}`, 'id');
    }
  }

  function counts(v: VoteRow): MotionCounts {
    if (v.mode !== 'electronic') {
      const c = db.prepare('SELECT yes, no, abstain FROM vote_counts WHERE vote_id = ?').get(v.id) as MotionCounts | undefined;
      if (!c) throw new AppError('CONFLICT', `请先录入“${v.title}”的赞成、反对、弃权票数`, 'id');
      return c;
    }
    const table = v.secrecy === 'secret' ? 'vote_secret_ballots' : 'vote_named_choices';
    const byChoice = new Map((db.prepare(`SELECT choice, COUNT(*) AS n FROM ${table} WHERE vote_id = ? GROUP BY choice`).all(v.id) as { choice: Choice; n: number }[]).map((r) => [r.choice, r.n]));
    return { yes: byChoice.get('yes') ?? 0, no: byChoice.get('no') ?? 0, abstain: byChoice.get('abstain') ?? 0 };
  }

  function createVote(input: { agendaItemId: number; title: string | null; mode: Vote['mode']; secrecy: Vote['secrecy'] }, round: number, previous: number | null, ctx: CallContext): Vote {
    const item = q.getItem(input.agendaItemId, 'agendaItemId');
    const meeting = q.getMeeting(item.meetingId);
    assertMeetingStatus(meeting, ['preparing', 'open'], '安排表决');
    if (item.kind !== 'motion') throw new AppError('VALIDATION', `输入有误：“议程”：“${item.title}”不是表决事项`, 'agendaItemId');
    const conflict = voteModeConflict(input.mode, input.secrecy);
    // On a revote the secrecy is kept from the first round, so it is the way of voting that is wrong.
    if (conflict) throw new AppError('VALIDATION', round > 1 ? `输入有误：“表决方式”：本表决为无记名表决，${conflict}` : `输入有误：“记名方式”：${conflict}`, round > 1 ? 'mode' : 'secrecy');
    const vote = auditedChange(deps, ctx, () => {
      const id = Number(db.prepare(`INSERT INTO votes (meeting_id, agenda_item_id, title, mode, secrecy, round, previous_vote_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(meeting.id, item.id, input.title ?? item.title, input.mode, input.secrecy, round, previous, now()).lastInsertRowid);
      return { result: getVote(id), audit: { action: round > 1 ? 'vote.revote' : 'vote.create', entity: 'vote', entityId: id, detail: { ...input, round, previousVoteId: previous } } };
    });
    publish(vote);
    return vote;
  }

  return {
    'votes.list': (input: ParsedInput<'votes.list'>) => {
      q.getMeeting(input.meetingId);
      return (db.prepare('SELECT * FROM votes WHERE meeting_id = ? ORDER BY id').all(input.meetingId) as VoteRow[]).map(toVote);
    },
    'votes.get': (input: ParsedInput<'votes.get'>) => getVote(input.id),

    'votes.create': (input: ParsedInput<'votes.create'>, ctx: CallContext) => createVote(input, 1, null, ctx),

    'votes.revote': (input: ParsedInput<'votes.revote'>, ctx: CallContext) => {
      const src = row(input.id);
      assertStatus(src, 'closed', '重新表决（须先结束本轮）');
      if (db.prepare('SELECT 1 FROM votes WHERE previous_vote_id = ?').get(src.id)) throw new AppError('CONFLICT', `“${src.title}”第${src.round}轮已经安排过重新表决`, 'id');
      return createVote({ agendaItemId: src.agenda_item_id, title: src.title, mode: input.mode ?? src.mode, secrecy: src.secrecy }, src.round + 1, src.id, ctx);
    },

    'votes.open': (input: ParsedInput<'votes.open'>, ctx: CallContext) => {
      const v = row(input.id);
      assertStatus(v, 'pending', '开始');
      const meeting = q.getMeeting(v.meeting_id);
      assertMeetingStatus(meeting, ['open'], '开始表决（须先宣布开会）');
      const other = db.prepare("SELECT title FROM votes WHERE meeting_id = ? AND status = 'open'").pluck().get(meeting.id) as string | undefined;
      if (other) throw new AppError('CONFLICT', `“${other}”正在表决，请先结束它`, 'id');
      const att = readAttendance(db, meeting);
      // A vote below quorum would not be valid, whatever was decided about opening the meeting.
      if (!att.summary.quorum.met) throw new AppError('CONFLICT', `${att.summary.quorum.text}，不能开始表决`, 'id');
      const snapshot: VoteSnapshot = {
        expected: att.summary.expected, present: att.summary.present, quorum: att.summary.quorum, ruleSetName: meeting.ruleSetName, rules: meeting.rules, noun: att.noun,
      };
      const vote = auditedChange(deps, ctx, () => {
        db.prepare("UPDATE votes SET status = 'open', snapshot = ?, opened_at = ? WHERE id = ?").run(JSON.stringify(snapshot), now(), v.id);
        const insert = db.prepare('INSERT INTO vote_eligible (vote_id, membership_id) VALUES (?, ?)');
        for (const r of att.rows) if (r.status === 'present') insert.run(v.id, r.membershipId);
        return { result: getVote(v.id), audit: { action: 'vote.open', entity: 'vote', entityId: v.id, detail: { expected: snapshot.expected, present: snapshot.present, ruleSet: snapshot.ruleSetName } } };
      });
      publish(vote);
      return vote;
    },

    'votes.cast': (input: ParsedInput<'votes.cast'>, ctx: CallContext) => {
      const v = row(input.id);
      assertStatus(v, 'open', '投票');
      assertMeetingSitting(db, v.meeting_id, '投票');
      if (v.mode !== 'electronic') throw new AppError('CONFLICT', `“${v.title}”是${v.mode === 'hands' ? '举手表决' : '纸质票表决'}，请由工作人员录入票数`, 'id');
      const meeting = q.getMeeting(v.meeting_id);
      const member = db.prepare('SELECT m.id, m.end_reason, p.name FROM memberships m JOIN persons p ON p.id = m.person_id WHERE m.id = ? AND m.body_id = ?')
        .get(input.membershipId, meeting.bodyId) as { id: number; end_reason: string | null; name: string } | undefined;
      if (!member || member.end_reason !== null) throw new AppError('FORBIDDEN', `该人员不是${meeting.bodyName}的在任成员，不能参加表决`, 'membershipId');
      if (!db.prepare('SELECT 1 FROM vote_eligible WHERE vote_id = ? AND membership_id = ?').get(v.id, member.id)) {
        throw new AppError('FORBIDDEN', `${member.name}在表决开始时未签到出席，不能参加本次表决`, 'membershipId');
      }
      const votedTable = v.secrecy === 'secret' ? 'vote_voters' : 'vote_named_choices';
      if (db.prepare(`SELECT 1 FROM ${votedTable} WHERE vote_id = ? AND membership_id = ?`).get(v.id, member.id)) {
        throw new AppError('CONFLICT', `${member.name}已经投过票，不能重复投票`, 'membershipId');
      }
      const cast = auditedChange(deps, ctx, () => {
        if (v.secrecy === 'secret') {
          db.prepare('INSERT INTO vote_voters (vote_id, membership_id) VALUES (?, ?)').run(v.id, member.id);
          storeSecretBallot(db, 'vote_secret_ballots', v.id, { choice: input.choice });
        } else {
          db.prepare('INSERT INTO vote_named_choices (vote_id, membership_id, choice) VALUES (?, ?, ?)').run(v.id, member.id, input.choice);
        }
        // A secret vote's audit entry records that the member voted, never how.
        const detail = v.secrecy === 'secret' ? { membershipId: member.id } : { membershipId: member.id, choice: input.choice };
        return { result: castCount(v), audit: { action: 'vote.cast', entity: 'vote', entityId: v.id, detail } };
      });
      if (v.secrecy === 'secret') (ctx as WriteContext).afterCommit(() => scrubWriteAheadLog(db));
      publish(getVote(v.id));
      return { accepted: true as const, cast };
    },

    'votes.enterCounts': (input: ParsedInput<'votes.enterCounts'>, ctx: CallContext) => {
      const v = row(input.id);
      assertStatus(v, 'open', '录入票数');
      assertMeetingSitting(db, v.meeting_id, '录入票数');
      if (v.mode === 'electronic') throw new AppError('CONFLICT', `“${v.title}”是电子表决，票数由表决器产生，不能手工录入`, 'id');
      const snap = JSON.parse(v.snapshot!) as VoteSnapshot;
      const total = input.yes + input.no + input.abstain;
      if (total > snap.present) {
        throw new AppError('VALIDATION', `输入有误：赞成、反对、弃权合计${total}票，超过实到人数${snap.present}名`, 'yes');
      }
      const vote = auditedChange(deps, ctx, () => {
        db.prepare(`INSERT INTO vote_counts (vote_id, yes, no, abstain, entered_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (vote_id) DO UPDATE SET yes = excluded.yes, no = excluded.no, abstain = excluded.abstain, entered_at = excluded.entered_at`)
          .run(v.id, input.yes, input.no, input.abstain, now());
        return { result: getVote(v.id), audit: { action: 'vote.counts', entity: 'vote', entityId: v.id, detail: { yes: input.yes, no: input.no, abstain: input.abstain } } };
      });
      publish(vote);
      return vote;
    },

    'votes.close': (input: ParsedInput<'votes.close'>, ctx: CallContext) => {
      const v = row(input.id);
      assertStatus(v, 'open', '结束');
      assertMeetingSitting(db, v.meeting_id, '结束表决');
      const snap = JSON.parse(v.snapshot!) as VoteSnapshot;
      const result = motionResult(snap.rules.pass, snap, counts(v), snap.noun);
      const announcement = announcementText(snap.quorum, result, v.title);
      const vote = auditedChange(deps, ctx, () => {
        db.prepare("UPDATE votes SET status = 'closed', result = ?, announcement = ?, closed_at = ? WHERE id = ?").run(JSON.stringify(result), announcement, now(), v.id);
        return { result: getVote(v.id), audit: { action: 'vote.close', entity: 'vote', entityId: v.id, detail: { result, announcement } } };
      });
      publish(vote);
      return vote;
    },

    'votes.roll': (input: ParsedInput<'votes.roll'>): VoteRollEntry[] => {
      const v = row(input.id);
      if (v.secrecy === 'secret') throw new AppError('FORBIDDEN', '无记名表决不保存逐人结果', 'id');
      assertStatus(v, 'closed', '查看逐人结果（须先结束表决）');
      return db
        .prepare(`SELECT e.membership_id AS membershipId, p.name, c.choice FROM vote_eligible e JOIN memberships m ON m.id = e.membership_id
                  JOIN persons p ON p.id = m.person_id LEFT JOIN vote_named_choices c ON c.vote_id = e.vote_id AND c.membership_id = e.membership_id
                  WHERE e.vote_id = ? ORDER BY CAST(m.seat_no AS INTEGER), p.name`)
        .all(v.id) as VoteRollEntry[];
    },
  };
}


