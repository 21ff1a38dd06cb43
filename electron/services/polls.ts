import {
  AppError,
  allMembersText,
  memberNoun,
  type CastBallot,
  type Meeting,
  type PaperBatch,
  type PollComparison,
  type PollItem,
  type PollKind,
  type PollRound,
  type PollStyle,
  type Recount,
  type RoundKind,
  type SheetField,
  type SheetLine,
  type VoteSnapshot,
} from '../../shared/contract';
import {
  stepRefusal,
  stepsOf,
  type RoundMode,
  type RoundStatus,
  type RoundStep,
} from '../../shared/domain/poll-states';
import {
  POLL_STYLE_MODULES,
  type AnyPollStyle,
  type RoundSetup,
  type StoredBallot,
} from '../../shared/domain/poll-styles';
import { issuedProblem, projectPassRule, type RoundResult } from '../../shared/domain/projects';
import { voteModeConflict, type PassRule } from '../../shared/domain/rules';
import { ballotDigest, DIGEST_MAX_BALLOTS, resultDigest } from '../db/ballot-digest';
import { ballotTables, type EntryRecord } from '../db/tables/ballots';
import { pollTables, type RoundRecord, type RoundSnapshot } from '../db/tables/polls';
import { scrubWriteAheadLog } from '../db/secret-ballots';
import { statement } from '../db/statements';
import { readAttendance } from './attendance';
import type { WriteContext } from './change';
import type { ServiceDeps } from './context';
import { assertMeetingSitting, assertMeetingStatus, meetingQueries } from './meetings';
import { recordRoundEvaluations } from './project-review';
import { projectListQueries } from './project-lists';
import { enteredBoxes, enteredTotals, freezeBoxes, withTwoBoxes } from './two-boxes';

/**
 * The one poll engine: motions (表决), 民生实事项目票决 rounds and 满意度测评 are polls with rounds, and every step they
 * share is written here once — freeze the roll when a round opens, accept one electronic cast per eligible present
 * member, keep "has voted" apart from a secret ballot, take keyed paper twice and compare, reconcile count sheets,
 * count, close, announce. What differs is the ballot style (shared/domain/poll-styles.ts), and which step applies
 * now is the states table (shared/domain/poll-states.ts). The service holds rules and no SQL (electron/db/tables).
 *
 * While a secret electronic round is open its tally lives only in memory (rebuilt from the ballots by one scan when
 * the engine starts), never in the file where it would leak: closing a round of a million ballots needs no scan.
 */

/** How each kind is named in messages and audit entries: the action names scripts and the audit log know. */
const KIND = {
  motion: { entity: 'vote', what: (r: RoundRecord) => `表决“${r.title}”` },
  project_vote: { entity: 'project_vote', what: (r: RoundRecord) => `第${r.round}轮票决` },
  evaluation: {
    entity: 'evaluation',
    what: (r: RoundRecord) => `测评“${r.title}”${r.round > 1 ? `第${r.round}轮` : ''}`,
  },
} as const satisfies Record<PollKind, unknown>;

type PollAction =
  'create' | 'revote' | 'runoff' | 'retake' | 'items' | 'open' | 'cast' | 'counts' | 'stop' | 'countSheet' | 'close';
/** Every action the engine records, per kind (each has a Chinese label in shared/contract/audit-labels.ts). */
export const POLL_AUDIT_ACTIONS: Record<PollKind, Partial<Record<PollAction, string>>> = {
  motion: {
    create: 'vote.create',
    revote: 'vote.revote',
    open: 'vote.open',
    cast: 'vote.cast',
    counts: 'vote.counts',
    close: 'vote.close',
  },
  project_vote: {
    create: 'projectVote.create',
    runoff: 'projectVote.runoff',
    retake: 'projectVote.retake',
    open: 'projectVote.open',
    cast: 'projectVote.cast',
    stop: 'projectVote.stop',
    countSheet: 'projectVote.manualTotals',
    close: 'projectVote.close',
  },
  evaluation: {
    create: 'evaluation.create',
    items: 'evaluation.items',
    retake: 'evaluation.retake',
    open: 'evaluation.open',
    cast: 'evaluation.cast',
    stop: 'evaluation.stop',
    countSheet: 'evaluation.countSheet',
    close: 'evaluation.close',
  },
};

/** A motion says 正在进行 of an open vote, as it always has; a ballot round 正在投票. */
const STATUS_WORDS: Record<PollKind, Record<RoundStatus, string>> = {
  motion: { pending: '尚未开始', open: '正在进行', counting: '正在计票', closed: '已经结束' },
  project_vote: { pending: '尚未开始', open: '正在投票', counting: '正在计票', closed: '已经结束' },
  evaluation: { pending: '尚未开始', open: '正在投票', counting: '正在计票', closed: '已经结束' },
};

/** A keyed ballot read back: "作废" when the clerk voided it, else as the style writes it. */
const MANUAL_VOID = '工作人员判定作废';
const describeEntry = (style: AnyPollStyle, e: EntryRecord, setup: RoundSetup) =>
  e.voidReason === MANUAL_VOID ? '作废' : style.describe(style.decode(e), setup);

export function pollEngine(deps: ServiceDeps) {
  const { db } = deps;
  const meetings = meetingQueries(db);
  const polls = pollTables(db);
  const ballots = ballotTables(db);
  const running = new Map<number, unknown>();
  const scrubWal = () => scrubWriteAheadLog(db);
  // While a round is open the WAL is folded back at most twice a second, not after every commit: each fold costs
  // two more fsyncs, which at 3,376 casts a second would be most of the work. The close folds it at once.
  let walTimer: NodeJS.Timeout | null = null;
  const scrubWalSoon = () => {
    if (walTimer) return;
    walTimer = setTimeout(() => {
      walTimer = null;
      if (db.open && !db.inTransaction) scrubWal();
    }, 500);
    walTimer.unref?.();
  };

  const styleOf = (r: RoundRecord): AnyPollStyle => POLL_STYLE_MODULES[r.style];
  const isSecretElectronic = (r: RoundRecord) => r.mode === 'electronic' && r.secrecy === 'secret';
  const shape = (r: RoundRecord) => ({ status: r.status, mode: r.mode, paperKeyed: styleOf(r).paperKeyed });

  const outcomeOf = (r: RoundRecord) => (r.result as { outcome?: string } | null)?.outcome;

  function round(id: number, field = 'id'): RoundRecord {
    const r = polls.round(id);
    if (!r) throw new AppError('NOT_FOUND', `找不到编号为${id}的投票`, field);
    return r;
  }

  /** A round of the kind a method serves: `votes.get` of a 票决 round is refused as not found. */
  function roundOfKind(id: number, kind: PollKind, noun: string): RoundRecord {
    const r = polls.round(id);
    if (!r || r.kind !== kind) throw new AppError('NOT_FOUND', `找不到编号为${id}的${noun}`, 'id');
    return r;
  }

  /** Refuse a step the states table does not allow now, naming the round and its state. */
  function assertStep(r: RoundRecord, step: RoundStep, doing?: string) {
    const refusal = stepRefusal(step, shape(r), KIND[r.kind].what(r));
    if (!refusal) return;
    if (doing) {
      // The words each kind's clerks know ("表决“…”正在进行，不能开始").
      throw new AppError('CONFLICT', `${KIND[r.kind].what(r)}${STATUS_WORDS[r.kind][r.status]}，不能${doing}`, 'id');
    }
    throw new AppError('CONFLICT', refusal, 'id');
  }

  // ---- what a round is, for its style ----

  function meetingOf(r: RoundRecord): Meeting {
    return meetings.getMeeting(r.meetingId);
  }

  function candidatesOf(r: RoundRecord) {
    const rows = db.prepare('SELECT id, number, name FROM projects WHERE list_id = ?').all(r.listId) as {
      id: number;
      number: number;
      name: string;
    }[];
    const byId = new Map(rows.map((p) => [p.id, p]));
    return r.itemIds.map((pid) => byId.get(pid) ?? { id: pid, number: 0, name: `编号${pid}` });
  }

  function itemsOf(r: RoundRecord): PollItem[] {
    if (r.kind !== 'evaluation') return [];
    const byId = new Map(polls.items(r.pollId).map((it) => [it.id, it]));
    return r.itemIds.map((id) => byId.get(id)).filter((x): x is PollItem => !!x);
  }

  /**
   * A 票决 runoff follows a tie at the last seat; one that follows a decided round is for seats no round filled
   * (projectResults.settle), among the candidates not yet chosen.
   */
  function passKind(r: RoundRecord): 'first' | 'runoff' | 'retake' | 'unfilled' {
    if (r.roundKind !== 'runoff') return r.roundKind === 'retake' ? 'retake' : 'first';
    const prev = r.previousId ? polls.round(r.previousId) : undefined;
    return prev && outcomeOf(prev) === 'decided' ? 'unfilled' : 'runoff';
  }

  function roundLabel(r: RoundRecord): string {
    if (r.round <= 1) return '';
    const kind = r.kind === 'project_vote' ? passKind(r) : r.roundKind;
    return `第${r.round}轮（${kind === 'runoff' ? '平票项目再次投票' : kind === 'unfilled' ? '不足名额另行票决' : '重新投票'}）`;
  }

  function setupOf(r: RoundRecord, m: Meeting = meetingOf(r)): RoundSetup {
    const snap = r.snapshot;
    const base = {
      rules: snap?.rules ?? m.rules,
      expected: snap?.expected ?? 0,
      present: snap?.present ?? 0,
      quorum: snap?.quorum ?? null,
      noun: snap?.noun ?? memberNoun[m.bodyKind],
      baseNames: { members: allMembersText[m.bodyKind], present: `出席${memberNoun[m.bodyKind]}` },
      pass: r.pass,
      roundLabel: roundLabel(r),
    };
    if (r.kind === 'project_vote') {
      const c = candidatesOf(r);
      return {
        ...base,
        items: c.length,
        seats: r.seats ?? 0,
        numbers: c.map((p) => p.number),
        titles: c.map((p) => `${p.number}号 ${p.name}`),
        candidateIds: r.itemIds,
        title: r.title,
      };
    }
    if (r.kind === 'evaluation') {
      const it = itemsOf(r);
      return {
        ...base,
        items: it.length,
        seats: 0,
        numbers: it.map((x) => x.position),
        titles: it.map((x) => x.title),
        candidateIds: it.map((x) => x.id),
        title: r.title,
      };
    }
    return { ...base, items: 1, seats: 0, numbers: [1], titles: [r.title], candidateIds: [], title: r.title };
  }

  /**
   * The setup of a round taking ballots, kept while it is open or counting: casting and keying are hot paths, and
   * what they read (the frozen roll and rule set, the items on the ballot) no longer changes. The count reads afresh.
   */
  const setups = new Map<number, RoundSetup>();
  function liveSetup(r: RoundRecord): RoundSetup {
    if (r.status !== 'open' && r.status !== 'counting') return setupOf(r);
    let s = setups.get(r.id);
    if (!s) setups.set(r.id, (s = setupOf(r)));
    return s;
  }

  // ---- counting ----

  /** How many have voted, or (paper) ballots keyed by the first clerk; the one figure every screen shows. */
  function returnedOf(r: RoundRecord): number {
    if (r.status === 'closed' && r.result && typeof r.result === 'object' && 'returned' in r.result)
      return (r.result as { returned: number }).returned;
    if (r.mode === 'electronic') return ballots.votedCount(r.id, r.secrecy === 'secret');
    if (r.mode === 'paper' && styleOf(r).paperKeyed)
      return r.status === 'closed' ? ballots.ballotCount(r.id) : ballots.entryCount(r.id, 1);
    const c = enteredTotals(ballots, r);
    return c ? (c.yes ?? 0) + (c.no ?? 0) + (c.abstain ?? 0) : 0;
  }

  function tallyOf(style: AnyPollStyle, stored: Iterable<StoredBallot>, setup: RoundSetup): unknown {
    const t = style.start(setup);
    for (const b of stored) style.add(t, style.decode(b), setup);
    return t;
  }

  /**
   * The tally of a round's stored ballots (or the first batch keyed), by one scan: mask styles in the store's SQL
   * aggregate (a million 20-candidate ballots in a fraction of a second, where decoding each in JS takes seconds),
   * the others ballot by ballot.
   */
  function storedTally(r: RoundRecord, setup: RoundSetup, source: 'ballots' | 'firstBatch'): unknown {
    const style = styleOf(r);
    if (style.fromMasks) return style.fromMasks(ballots.maskTally(r.id, setup.items, source), setup);
    return tallyOf(style, source === 'ballots' ? ballots.ballots(r.id) : ballots.entries(r.id, 1), setup);
  }

  /** The tally a round is counted by: its running counts, its named votes, the counts entered, or its ballots. */
  function tally(r: RoundRecord, setup: RoundSetup, source: 'ballots' | 'firstBatch' = 'ballots'): unknown {
    const style = styleOf(r);
    if (r.kind === 'motion' && r.mode !== 'electronic') {
      const c = enteredTotals(ballots, r);
      if (!c) throw new AppError('CONFLICT', `请先录入“${r.title}”的赞成、反对、弃权票数`, 'id');
      return style.fromCounts!(c, setup);
    }
    if (r.mode === 'electronic' && r.secrecy === 'named') {
      const n = ballots.namedCounts(r.id);
      return style.fromCounts!({ yes: n.get('yes') ?? 0, no: n.get('no') ?? 0, abstain: n.get('abstain') ?? 0 }, setup);
    }
    if (source === 'firstBatch') return storedTally(r, setup, 'firstBatch');
    if (isSecretElectronic(r) && r.status !== 'closed') {
      if (!running.has(r.id)) running.set(r.id, storedTally(r, setup, 'ballots'));
      return running.get(r.id);
    }
    return storedTally(r, setup, 'ballots');
  }

  // Running counts of every round left open are rebuilt by one scan when the engine starts.
  for (const r of db
    .prepare("SELECT id FROM poll_rounds WHERE status IN ('open', 'counting') AND mode = 'electronic'")
    .pluck()
    .all() as number[]) {
    const rec = polls.round(r)!;
    if (rec.secrecy === 'secret') tally(rec, setupOf(rec));
  }

  // ---- the round as screens read it ----

  function view(r: RoundRecord): PollRound {
    const closed = r.status === 'closed';
    return {
      id: r.id,
      pollId: r.pollId,
      meetingId: r.meetingId,
      agendaItemId: r.agendaItemId,
      kind: r.kind,
      style: r.style,
      title: r.title,
      round: r.round,
      previousRoundId: r.previousId,
      roundKind: r.roundKind,
      mode: r.mode,
      secrecy: r.secrecy,
      status: r.status,
      items: itemsOf(r),
      candidateIds: r.kind === 'project_vote' ? r.itemIds : [],
      listId: r.listId,
      seats: r.seats,
      pass: r.pass as PollRound['pass'],
      snapshot: (r.snapshot as VoteSnapshot | null) ?? null,
      expected: r.snapshot?.expected ?? null,
      present: r.snapshot?.present ?? null,
      issued: r.issued,
      returned: returnedOf(r),
      scrutineers: r.scrutineers,
      counters: r.counters,
      steps: stepsOf(shape(r)),
      // No tally is ever served before the round is closed.
      result: closed ? (r.result as PollRound['result']) : null,
      announcement: closed ? r.announcement : null,
      openedAt: r.openedAt,
      closedAt: r.closedAt,
    };
  }

  /** Progress events after the commit: the engine's own, and the older per-kind ones scripts subscribe to. */
  /** Returns the round's 已投/收回 count, which the events carry. */
  function emitChanged(ctx: WriteContext, r: RoundRecord): number {
    const fresh = round(r.id);
    return emitProgress(ctx, fresh, returnedOf(fresh));
  }

  /** The events of a round as it stands (`fresh`: read in this write, after its last change), with its 已投 count. */
  function emitProgress(ctx: WriteContext, fresh: RoundRecord, returned: number): number {
    const eligible = fresh.snapshot?.present ?? 0;
    ctx.emit('poll.changed', {
      roundId: fresh.id,
      pollId: fresh.pollId,
      meetingId: fresh.meetingId,
      kind: fresh.kind,
      status: fresh.status,
      returned,
      eligible,
    });
    if (fresh.kind === 'motion')
      ctx.emit('vote.changed', {
        voteId: fresh.id,
        meetingId: fresh.meetingId,
        status: fresh.status,
        cast: returned,
        eligible,
      });
    if (fresh.kind === 'project_vote')
      ctx.emit('projectVote.changed', {
        voteId: fresh.id,
        listId: fresh.listId!,
        meetingId: fresh.meetingId,
        status: fresh.status,
        returned,
        eligible,
      });
    return returned;
  }

  const audit = (ctx: WriteContext, r: { id: number; kind: PollKind }, step: PollAction, detail?: unknown) => {
    const action = POLL_AUDIT_ACTIONS[r.kind][step];
    if (!action) throw new AppError('INTERNAL', `内部错误：${KIND[r.kind].entity}没有“${step}”这一步`);
    ctx.audit({ action, entity: KIND[r.kind].entity, entityId: r.id, detail });
  };

  // ---- steps ----

  interface CreateInput {
    agendaItemId: number;
    meetingId: number;
    kind: PollKind;
    style: PollStyle;
    secrecy: 'named' | 'secret';
    title: string;
    listId: number | null;
    mode: RoundMode;
    seats: number | null;
    itemIds: number[];
    pass: PassRule | null;
    scrutineers: string[];
    counters: string[];
  }

  /** A new poll and its first round. */
  function create(
    input: CreateInput,
    ctx: WriteContext,
    detail: unknown,
    items?: Omit<PollItem, 'id' | 'position'>[],
  ): RoundRecord {
    const pollId = polls.insertPoll({ ...input, at: ctx.now });
    const itemIds = items ? polls.setItems(pollId, items) : input.itemIds;
    const id = polls.insertRound({
      pollId,
      round: 1,
      previousId: null,
      kind: 'first',
      mode: input.mode,
      seats: input.seats,
      itemIds,
      pass: input.pass,
      scrutineers: input.scrutineers,
      counters: input.counters,
      at: ctx.now,
    });
    const r = round(id);
    audit(ctx, r, 'create', detail);
    emitChanged(ctx, r);
    return r;
  }

  /** The next round of a closed one: a revote, a runoff among tied projects, or a retake of a void round. */
  function nextRound(
    src: RoundRecord,
    kind: RoundKind,
    mode: RoundMode,
    change: { seats?: number | null; itemIds?: number[]; pass?: PassRule | null },
    ctx: WriteContext,
    action: PollAction,
    detail: unknown,
  ): RoundRecord {
    assertStep(src, 'nextRound');
    assertMeetingSitting(db, src.meetingId, '安排下一轮');
    if (polls.hasNext(src.id)) throw new AppError('CONFLICT', `${KIND[src.kind].what(src)}之后已安排过下一轮`, 'id');
    const id = polls.insertRound({
      pollId: src.pollId,
      round: src.round + 1,
      previousId: src.id,
      kind,
      mode,
      seats: change.seats ?? src.seats,
      itemIds: change.itemIds ?? src.itemIds,
      pass: change.pass === undefined ? src.pass : change.pass,
      scrutineers: src.scrutineers,
      counters: src.counters,
      at: ctx.now,
    });
    const r = round(id);
    audit(ctx, r, action, detail);
    emitChanged(ctx, r);
    return r;
  }

  /**
   * The round after a closed one, as each kind takes it: a motion is voted again (the way of voting may change,
   * its secrecy may not); a 票决 round that tied goes to a runoff among the tied projects (选举法第四十五条, 参照),
   * one that was void is retaken; a 测评 is retaken only when void.
   */
  function planNext(src: RoundRecord, mode: RoundMode, ctx: WriteContext): RoundRecord {
    if (src.kind === 'motion') {
      const conflict = voteModeConflict(mode, src.secrecy);
      if (conflict) throw new AppError('VALIDATION', `输入有误：“表决方式”：本表决为无记名表决，${conflict}`, 'mode');
      return nextRound(src, 'revote', mode, {}, ctx, 'revote', {
        agendaItemId: src.agendaItemId,
        title: src.title,
        mode,
        secrecy: src.secrecy,
        round: src.round + 1,
        previousVoteId: src.id,
      });
    }
    if (mode === 'hands')
      throw new AppError('VALIDATION', '输入有误：“投票方式”：票决和测评以无记名投票进行，不能举手表决', 'mode');
    if (src.kind === 'project_vote') {
      const r = src.result as RoundResult;
      if (r.outcome === 'decided') throw new AppError('CONFLICT', `第${src.round}轮已产生结果，无须再投`, 'id');
      const runoff = r.outcome === 'tie' ? r.runoff! : null;
      const kind = runoff ? 'runoff' : 'retake';
      const seats = runoff ? runoff.seats : src.seats;
      return nextRound(
        src,
        kind,
        mode,
        {
          seats,
          itemIds: runoff ? runoff.candidateIds : src.itemIds,
          pass: projectPassRule(meetingOf(src).rules.pass, kind),
        },
        ctx,
        kind,
        { round: src.round + 1, seats, mode, style: src.style, previousVoteId: src.id },
      );
    }
    if (outcomeOf(src) !== 'void') throw new AppError('CONFLICT', `${src.title}已产生测评结果，无须重新测评`, 'id');
    return nextRound(src, 'retake', mode, {}, ctx, 'retake', { round: src.round + 1, mode });
  }

  /**
   * Another 票决 round for seats a decided round left unfilled, among the candidates not yet chosen — when the rule
   * set's local rule allows it (the caller checks; projectResults.settle). Earlier rounds stay on record.
   */
  function planUnfilledRunoff(src: RoundRecord, itemIds: number[], seats: number, ctx: WriteContext): RoundRecord {
    if (src.kind !== 'project_vote' || outcomeOf(src) !== 'decided')
      throw new AppError('CONFLICT', `第${src.round}轮没有空缺名额可另行票决`, 'listId');
    return nextRound(
      src,
      'runoff',
      src.mode,
      { seats, itemIds, pass: projectPassRule(meetingOf(src).rules.pass, 'unfilled') },
      ctx,
      'runoff',
      {
        round: src.round + 1,
        seats,
        mode: src.mode,
        style: src.style,
        previousVoteId: src.id,
        unfilled: true,
        candidateIds: itemIds,
      },
    );
  }

  function open(r: RoundRecord, ctx: WriteContext): RoundRecord {
    assertStep(r, 'open', r.kind === 'project_vote' ? '开始投票' : '开始');
    const m = meetingOf(r);
    assertMeetingStatus(
      m,
      ['open'],
      `开始${r.kind === 'motion' ? '表决' : r.kind === 'project_vote' ? '票决' : '测评'}（须先宣布开会）`,
    );
    if (r.kind === 'motion') {
      const other = polls.openMotion(m.id);
      if (other) throw new AppError('CONFLICT', `“${other.title}”正在表决，请先结束它`, 'id');
    }
    const att = readAttendance(db, m);
    // A vote below quorum would not be valid, whatever was decided about opening the meeting.
    if (!att.summary.quorum.met)
      throw new AppError(
        'CONFLICT',
        `${att.summary.quorum.text}，不能开始${r.kind === 'motion' ? '表决' : r.kind === 'project_vote' ? '票决' : '测评'}`,
        'id',
      );
    if (r.kind === 'project_vote' && r.roundKind === 'first') {
      // The ballot is the adopted list's 确定为候选 projects as they stand now (adoption can be withdrawn until this opens).
      const lists = projectListQueries(db);
      const list = lists.getList(r.listId!, 'id');
      const refusal = lists.firstRoundRefusal(list);
      if (refusal) throw new AppError('CONFLICT', refusal, 'id');
      polls.setItemIds(r.id, lists.ballotIds(list.id), list.seats);
      db.prepare('UPDATE project_lists SET locked_at = COALESCE(locked_at, ?) WHERE id = ?').run(ctx.now, r.listId);
    }
    if (r.kind === 'evaluation' && !r.itemIds.length) throw new AppError('CONFLICT', '请先列出测评项目', 'id');
    // Double threshold: the roll knows each voter's box (人大代表 or not); the snapshot 应到/实到 per box.
    const { roll, boxes } = freezeBoxes(ballots, r.kind, m.rules, att);
    const snapshot: RoundSnapshot = {
      expected: att.summary.expected,
      present: att.summary.present,
      quorum: att.summary.quorum,
      ruleSetName: m.ruleSetName,
      rules: m.rules,
      noun: att.noun,
      ...(boxes ? { boxes } : {}),
    };
    // The rule set is frozen with the roll: a copy edited later does not change a round already taken.
    const pass =
      r.kind === 'motion'
        ? m.rules.pass
        : r.kind === 'project_vote'
          ? projectPassRule(m.rules.pass, passKind(r))
          : null;
    // 发出 of an electronic round is the roll frozen now: one ballot to each member present.
    polls.markOpen(r.id, snapshot, pass, r.mode === 'electronic' ? att.summary.present : null, ctx.now);
    ballots.freezeRoll(r.id, roll);
    if (isSecretElectronic(r)) running.delete(r.id);
    const opened = round(r.id);
    audit(ctx, opened, 'open', {
      expected: snapshot.expected,
      present: snapshot.present,
      ...(r.kind === 'motion' ? { ruleSet: m.ruleSetName } : {}),
    });
    emitChanged(ctx, opened);
    if (r.kind === 'project_vote') ctx.emit('projects.changed', { listId: r.listId! });
    return opened;
  }

  /** One electronic cast: refused unless eligible, present at open and not yet voted; a secret one unlinkable. */
  function cast(
    r: RoundRecord,
    membershipId: number,
    b: CastBallot,
    ctx: WriteContext,
    messages: { notEligible: (name: string | null) => string; field?: string },
  ): number {
    assertMeetingSitting(db, r.meetingId, '投票');
    if (r.status === 'open' && r.mode !== 'electronic') {
      throw new AppError(
        'CONFLICT',
        r.kind === 'motion'
          ? `“${r.title}”是${r.mode === 'hands' ? '举手表决' : '纸质票表决'}，请由工作人员录入票数`
          : `本轮使用纸质${styleOf(r).paper}，请投入票箱，由工作人员录入`,
        'id',
      );
    }
    assertStep(r, 'cast', '投票');
    const name = statement(
      db,
      'SELECT p.name FROM memberships m JOIN persons p ON p.id = m.person_id WHERE m.id = ?',
      'pluck',
    ).get(membershipId) as string | undefined;
    const box = ballots.eligibleBox(r.id, membershipId);
    if (box === undefined) throw new AppError('FORBIDDEN', messages.notEligible(name ?? null), 'membershipId');
    const secret = r.secrecy === 'secret';
    if (ballots.hasVoted(r.id, membershipId, secret))
      throw new AppError('CONFLICT', `${name}已经投过票，不能重复投票`, 'membershipId');
    const setup = liveSetup(r);
    const style = styleOf(r);
    const read = style.fromCast(b, setup);
    if ('error' in read)
      throw new AppError(
        'VALIDATION',
        `输入有误：“选票”：${read.error}`,
        r.kind === 'project_vote' ? 'marks' : r.kind === 'motion' ? 'choice' : 'ballot',
      );
    if (secret) {
      // Build the running tally before this ballot is stored, so the ballot is added to it once.
      tally(r, setup);
      // The ballot carries the voter's box (two boxes under the double threshold) and nothing else of the voter.
      ballots.castSecret(r.id, membershipId, { ...style.encode(read.ballot), box });
      // A secret vote's audit entry records that the member voted, never how.
      audit(ctx, r, 'cast', { membershipId });
      ctx.afterCommit(() => style.add(running.get(r.id), read.ballot, setup));
      ctx.afterCommit(scrubWalSoon);
    } else {
      ballots.addNamed(r.id, membershipId, read.ballot as 'yes' | 'no' | 'abstain');
      audit(ctx, r, 'cast', { membershipId, choice: read.ballot });
    }
    // 已投 counted once per group: each cast after the first adds one to what the one before it counted. A cast
    // changes nothing else of the round, so `r` as read at its start is the round as it stands.
    const key = `voted:${r.id}`;
    const before = ctx.memo.get<number>(key);
    const returned = before === undefined ? ballots.votedCount(r.id, secret) : before + 1;
    ctx.memo.set(key, returned);
    return emitProgress(ctx, r, returned);
  }

  function enterCounts(
    r: RoundRecord,
    c: { yes: number; no: number; abstain: number; deputies?: { yes: number; no: number; abstain: number } },
    ctx: WriteContext,
  ): RoundRecord {
    assertMeetingSitting(db, r.meetingId, '录入票数');
    if (r.mode === 'electronic' && r.status === 'open')
      throw new AppError('CONFLICT', `“${r.title}”是电子表决，票数由表决器产生，不能手工录入`, 'id');
    assertStep(r, 'enterCounts', '录入票数');
    const present = r.snapshot?.present ?? 0;
    const total = c.yes + c.no + c.abstain;
    if (total > present)
      throw new AppError('VALIDATION', `输入有误：赞成、反对、弃权合计${total}票，超过实到人数${present}名`, 'yes');
    for (const [box, counts] of enteredBoxes(r, c)) ballots.putCounts(r.id, 'counts', 0, counts, ctx.now, box);
    audit(ctx, r, 'counts', c);
    emitChanged(ctx, r);
    return round(r.id);
  }

  function stopVoting(r: RoundRecord, ctx: WriteContext): RoundRecord {
    // A motion is counted the moment it closes (当场宣布); there is no stack of ballots to stop and count.
    if (r.kind === 'motion')
      throw new AppError('CONFLICT', `${KIND.motion.what(r)}结束即计票，没有“停止投票”这一步`, 'id');
    assertStep(r, 'stopVoting', '停止投票');
    assertMeetingSitting(db, r.meetingId, '停止投票');
    polls.markCounting(r.id);
    audit(ctx, r, 'stop');
    emitChanged(ctx, r);
    return round(r.id);
  }

  // ---- paper: two clerks key the stack; count sheets ----

  /**
   * Count sheets and batch comparisons check keyed paper ballots against each other. An electronic round has none,
   * and comparing a sheet with its stored ballots would report the running tally of a secret ballot (无记名投票,
   * ../shared/rules/README.md §4) before the count: with who has voted, in order, from the audit log, that gives
   * away each deputy's ballot. Until it is closed an electronic round shows only 已投/应投.
   */
  function assertPaper(r: RoundRecord) {
    if (r.mode !== 'paper' || !styleOf(r).paperKeyed)
      throw new AppError(
        'FORBIDDEN',
        `计票单和两批比对只用于纸质选票；电子${r.kind === 'project_vote' ? '票决' : '投票'}在结束前只显示已投/应投`,
        'id',
      );
  }

  function batchState(r: RoundRecord, batch: 1 | 2, setup = liveSetup(r)): PaperBatch {
    const style = styleOf(r);
    const stats = ballots.entryStats(r.id, batch);
    const recent = ballots.recentEntries(r.id, batch, 8).map((e) => ({
      batch,
      seq: e.seq,
      void: e.void,
      voidReason: e.voidReason,
      text: describeEntry(style, e, setup),
    }));
    return {
      batch,
      count: stats.count,
      valid: stats.count - stats.voids,
      void: stats.voids,
      recent,
      nextSeq: stats.last + 1,
    };
  }

  function paperEnter(
    r: RoundRecord,
    input: { batch: 1 | 2; seq?: number; keys: string; void: boolean },
    ctx: WriteContext,
  ): PaperBatch {
    if (r.mode !== 'paper' || !styleOf(r).paperKeyed)
      throw new AppError(
        'CONFLICT',
        r.mode === 'paper' ? '表决的纸质票当场清点，请录入赞成、反对、弃权票数' : '本轮是电子选票，没有纸质选票可录入',
        'id',
      );
    assertStep(r, 'paperEnter', '录入选票（须先停止投票）');
    assertMeetingSitting(db, r.meetingId, '录入选票');
    const setup = liveSetup(r);
    const style = styleOf(r);
    let stored: StoredBallot = { box: 0, yes: 0, no: 0, abstain: 0, data: null, void: true };
    let voidReason: string | null = input.void ? MANUAL_VOID : null;
    if (!input.void) {
      const read = style.readKeys(input.keys, setup);
      if ('error' in read) throw new AppError('VALIDATION', `输入有误：“录入内容”：${read.error}`, 'keys');
      stored = style.encode(read.ballot);
      voidReason = read.voidReason;
      stored.void = !!voidReason;
    }
    const { last } = ballots.entryStats(r.id, input.batch);
    const seq = input.seq ?? last + 1;
    if (seq > last + 1) throw new AppError('VALIDATION', `输入有误：“选票序号”：下一张应为第${last + 1}张`, 'seq');
    ballots.putEntry(r.id, input.batch, seq, stored, voidReason, ctx.now);
    ctx.audit({
      action: seq <= last ? 'paper.correct' : 'paper.enter',
      entity: KIND[r.kind].entity,
      entityId: r.id,
      detail: { batch: input.batch, seq, keys: input.void ? '作废' : input.keys, voidReason },
    });
    emitChanged(ctx, r);
    return batchState(r, input.batch, setup);
  }

  const sameStored = (a: StoredBallot, b: StoredBallot) =>
    a.void === b.void &&
    (a.void ||
      (a.yes === b.yes &&
        a.no === b.no &&
        a.abstain === b.abstain &&
        String(a.data ?? '') === String(b.data ?? '') &&
        (!(a.data instanceof Uint8Array) ||
          Buffer.compare(Buffer.from(a.data), Buffer.from(b.data as Uint8Array)) === 0)));

  function sheetLines(r: RoundRecord): SheetLine[] {
    return [...ballots.counts(r.id, 'sheet')].map(([position, counts]) => ({ position, counts }));
  }

  function sheetMismatches(r: RoundRecord, t: unknown, setup: RoundSetup) {
    const per = styleOf(r).itemCounts(t, setup);
    const out: PollComparison['sheetMismatches'] = [];
    for (const line of sheetLines(r)) {
      const got = per[line.position - 1];
      if (!got) continue;
      for (const [f, n] of Object.entries(line.counts) as [SheetField, number][]) {
        if (got[f] !== undefined && got[f] !== n)
          out.push({
            position: line.position,
            title: setup.titles[line.position - 1] ?? `第${line.position}项`,
            field: f,
            sheet: n,
            ballots: got[f]!,
          });
      }
    }
    return out;
  }

  function comparison(r: RoundRecord): PollComparison {
    const setup = setupOf(r);
    const style = styleOf(r);
    const a = ballots.entries(r.id, 1);
    const b = ballots.entries(r.id, 2);
    const bySeq = new Map(b.map((e) => [e.seq, e]));
    const seqs = [...new Set([...a.map((e) => e.seq), ...b.map((e) => e.seq)])].sort((x, y) => x - y);
    const aBySeq = new Map(a.map((e) => [e.seq, e]));
    const text = (e: EntryRecord | undefined) => (e ? describeEntry(style, e, setup) : null);
    const differences = seqs
      .filter((s) => {
        const x = aBySeq.get(s);
        const y = bySeq.get(s);
        return !x || !y || !sameStored(x, y);
      })
      .map((seq) => ({ seq, first: text(aBySeq.get(seq)), second: text(bySeq.get(seq)) }));
    // The count sheet is checked against the first batch while counting, against the stored ballots once closed.
    const sheet = sheetLines(r);
    const mismatches = sheet.length
      ? sheetMismatches(r, tally(r, setup, r.status === 'closed' ? 'ballots' : 'firstBatch'), setup)
      : [];
    return {
      first: a.length,
      second: b.length,
      differences,
      agreed: a.length > 0 && differences.length === 0,
      sheet,
      sheetMismatches: mismatches,
    };
  }

  function countSheet(r: RoundRecord, lines: SheetLine[], ctx: WriteContext, detail: unknown = lines): PollComparison {
    assertPaper(r);
    assertStep(r, 'countSheet', '录入计票单');
    assertMeetingSitting(db, r.meetingId, '录入计票单');
    const n = setupOf(r).items;
    for (const l of lines)
      if (l.position > n)
        throw new AppError('VALIDATION', `输入有误：“计票单”：本轮选票只有${n}项，没有第${l.position}项`, 'lines');
    for (const l of lines) ballots.putCounts(r.id, 'sheet', l.position, l.counts, ctx.now);
    audit(ctx, r, 'countSheet', detail);
    return comparison(r);
  }

  // ---- close ----

  function close(
    r: RoundRecord,
    input: { issued?: number; scrutineers?: string[]; counters?: string[] },
    ctx: WriteContext,
  ): RoundRecord {
    assertStep(r, 'close', r.kind === 'project_vote' ? '结束计票' : '结束');
    assertMeetingSitting(db, r.meetingId, r.kind === 'motion' ? '结束表决' : '结束计票');
    const style = styleOf(r);
    const keyed = r.mode === 'paper' && style.paperKeyed;
    if (keyed) {
      const c = comparison(r);
      if (c.first === 0) throw new AppError('CONFLICT', '还没有录入任何纸质选票', 'id');
      if (!c.agreed) {
        const diff = c.differences.length
          ? `有${c.differences.length}张不一致（第${c.differences
              .slice(0, 5)
              .map((d) => d.seq)
              .join('、')}张${c.differences.length > 5 ? '等' : ''}）`
          : '';
        throw new AppError(
          'CONFLICT',
          `两批录入不一致：第一批${c.first}张，第二批${c.second}张${diff ? '，' + diff : ''}。请核对原始选票并更正后再计票`,
          'id',
        );
      }
    }
    const present = r.snapshot?.present ?? 0;
    const m = meetingOf(r);
    const setup = withTwoBoxes(ballots, r, setupOf(r, m));
    let issued: number | null = null;
    if (r.kind !== 'motion') {
      issued = input.issued ?? (r.mode === 'electronic' ? present : undefined) ?? null;
      if (issued === null)
        throw new AppError('VALIDATION', `输入有误：“发出${style.paper}数”：请填写发出的${style.paper}张数`, 'issued');
      const returnedNow = keyed ? ballots.entryCount(r.id, 1) : returnedOf(r);
      const wrong = issuedProblem(
        r.mode === 'electronic' ? 'electronic' : 'paper',
        issued,
        present,
        returnedNow,
        style.paper,
        r.kind === 'project_vote' ? '票决' : '测评',
      );
      if (wrong) throw new AppError('VALIDATION', `输入有误：“发出${style.paper}数”：${wrong}`, 'issued');
    }
    // The agreed stack becomes the round's ballots: random ids, no order, no time.
    if (keyed) ballots.storeBallots(r.id, ballots.entries(r.id, 1));
    // Electronic secret ballots, stored as they came while open, are rewritten under fresh keys, and the WAL that
    // held them commit by commit is emptied: after close no byte of the file follows the casting order.
    if (isSecretElectronic(r)) {
      ballots.scrubRound(r.id);
      ctx.afterCommit(scrubWal);
    }
    const t = tally(r, setup);
    if (keyed) {
      const mismatches = sheetMismatches(r, t, setup);
      if (mismatches.length) {
        const x = mismatches[0]!;
        const labels: Record<SheetField, string> = {
          yes: '赞成',
          no: '反对',
          abstain: '弃权',
          satisfied: '满意',
          basically: '基本满意',
          unsatisfied: '不满意',
        };
        throw new AppError(
          'CONFLICT',
          `计票单与选票不符：${x.title}的${labels[x.field]}票，计票单${x.sheet}票，选票${x.ballots}票（共${mismatches.length}处）。请核对后再计票`,
          'id',
        );
      }
    }
    const result = style.result(t, { expected: setup.expected, present, issued: issued ?? present }, setup);
    const scrutineers = input.scrutineers ?? r.scrutineers;
    const counters = input.counters ?? r.counters;
    const names =
      (scrutineers.length ? `监票人：${scrutineers.join('、')}。` : '') +
      (counters.length ? `计票人：${counters.join('、')}。` : '');
    const announcement = style.announce(result, setup) + (r.kind === 'motion' ? '' : names);
    polls.markClosed(r.id, { issued, scrutineers, counters, result, announcement, at: ctx.now });
    running.delete(r.id);
    setups.delete(r.id);
    const outcome = (result as { outcome?: string }).outcome;
    // What audit.verify checks the round against later: the result as recorded and a digest of what it was counted from.
    // A round beyond any congress's size (DIGEST_MAX_BALLOTS) records no ballot digest, so closing stays a matter of
    // milliseconds; verification says so and still recounts it.
    const size = (result as { returned?: number }).returned ?? 0;
    const digests = {
      resultDigest: resultDigest(result),
      ballotsDigest: size > DIGEST_MAX_BALLOTS ? null : ballotDigest(ballots.digestRows(r.id)),
    };
    audit(
      ctx,
      r,
      'close',
      r.kind === 'motion'
        ? { result, announcement, ...digests }
        : {
            issued,
            outcome,
            ...(r.kind === 'project_vote' ? { chosen: (result as { chosenIds: number[] }).chosenIds } : {}),
            announcement,
            ...digests,
          },
    );
    // A 测评's result lands on the projects it evaluated, and opens or closes their 整改, in this transaction.
    recordRoundEvaluations(db, round(r.id), ctx);
    emitChanged(ctx, r);
    return round(r.id);
  }

  /** An independent recount of a closed round from what is stored, against the result on record. */
  function recount(r: RoundRecord): Recount {
    if (r.status !== 'closed')
      throw new AppError(
        'CONFLICT',
        `${KIND[r.kind].what(r)}${STATUS_WORDS[r.kind][r.status]}，结束后才能重新计票`,
        'id',
      );
    const setup = withTwoBoxes(ballots, r, setupOf(r));
    const style = styleOf(r);
    const t =
      (r.mode === 'electronic' && r.secrecy === 'secret') || (r.mode === 'paper' && style.paperKeyed)
        ? storedTally(r, setup, 'ballots')
        : tally(r, setup);
    const again = style.result(
      t,
      { expected: setup.expected, present: setup.present, issued: r.issued ?? setup.present },
      setup,
    );
    const before = JSON.stringify(r.result);
    const after = JSON.stringify(again);
    return {
      id: r.id,
      matches: before === after,
      returned: style.returned(t),
      differences: before === after ? [] : ['重新计票的结果与记录不符：记录的结果可能被改动，或选票被增删'],
    };
  }

  return {
    round,
    roundOfKind,
    view,
    setupOf,
    tally,
    returnedOf,
    polls,
    ballots,
    create,
    planNext,
    planUnfilledRunoff,
    open,
    cast,
    enterCounts,
    stopVoting,
    batchState,
    paperEnter,
    assertPaper,
    comparison,
    countSheet,
    close,
    recount,
    outcomeOf,
    candidatesOf,
    itemsOf,
    assertStep,
    emitChanged,
    audit,
  };
}
export type PollEngine = ReturnType<typeof pollEngine>;
