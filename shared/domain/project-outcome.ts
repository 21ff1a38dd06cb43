/**
 * The result of a 民生实事项目票决 as one thing: a candidate list's rounds (first, runoffs after a tie, retakes after a
 * void round, and another round for seats left unfilled) combined into the projects chosen, in order, the seats still
 * unfilled, and what may be done next. Pure: the service hands in the rounds as recorded.
 *
 * Basis (../shared/rules/README.md §4): a project is chosen in the round whose pass line it reaches (全体代表的过半数 by
 * default); a tie at the last seat goes to a further vote among the tied (选举法第四十五条 analogue); a void round
 * (more returned than issued) is taken again and counts for nothing; earlier rounds stay on record. Seats no round
 * fills are left unfilled or voted on again among the remaining candidates as the rule set's local rule says
 * (RuleSetRules.unfilled), and are never shown as success.
 */
import { ballotStyleLabels, type BallotStyle, type RoundResult } from './projects';
import type { UnfilledOption } from './rules';

export type OutcomeRoundKind = 'first' | 'runoff' | 'retake';
export type OutcomeRoundStatus = 'pending' | 'open' | 'counting' | 'closed';

export interface OutcomeRound {
  id: number;
  round: number;
  kind: OutcomeRoundKind;
  status: OutcomeRoundStatus;
  style: BallotStyle;
  seats: number;
  candidateIds: number[];
  /** Only once closed. */
  result: RoundResult | null;
}

export type SettleDecision = 'leave_unfilled' | 'runoff';
export const settleDecisionLabels: Record<SettleDecision, string> = {
  leave_unfilled: '空缺，不再票决',
  runoff: '就未入选项目另行票决',
};

/** What the clerk recorded about unfilled seats (list_outcomes). */
export interface RecordedDecision {
  decision: SettleDecision | 'complete';
  /** The round a 'runoff' decision scheduled. */
  roundId: number | null;
}

export interface ChosenProject {
  projectId: number;
  /** 1-based place in the combined result. */
  order: number;
  roundId: number;
  round: number;
  /** Yes votes, or points for rank ballots. */
  votes: number;
  unit: '票' | '分';
}

export type NextStep =
  /** No round yet: schedule the first (projectVotes.create). */
  | { kind: 'schedule'; text: string }
  /** A round is pending, open or counting. */
  | { kind: 'wait'; roundId: number; text: string }
  /** The last round tied at the last seat: a runoff among the tied (projectVotes.nextRound). */
  | { kind: 'runoff'; roundId: number; candidateIds: number[]; seats: number; text: string }
  /** The last round was void: take it again (projectVotes.nextRound). */
  | { kind: 'retake'; roundId: number; text: string }
  /** Seats remain unfilled: the clerk decides, among the options the rule set allows (projectLists.settle). */
  | { kind: 'settle'; roundId: number; options: SettleDecision[]; candidateIds: number[]; seats: number; text: string }
  /** Nothing further: every seat filled, or the unfilled ones left unfilled by decision. */
  | { kind: 'done'; text: string };

export interface ProjectOutcome {
  seats: number;
  filled: number;
  unfilled: number;
  chosen: ChosenProject[];
  /** Candidates not chosen (in ballot order): those another round would be among. */
  remainingIds: number[];
  /** Closed rounds that counted (not void). */
  countedRoundIds: number[];
  next: NextStep;
  /** "确定10项" / "确定9项，应选10项，1项空缺". */
  summary: string;
}

/** "确定9项，应选10项，1项空缺" — the words every screen, the 公告 and the projector use for the count. */
export function outcomeSummary(seats: number, filled: number): string {
  const unfilled = Math.max(0, seats - filled);
  return unfilled ? `确定${filled}项，应选${seats}项，${unfilled}项空缺` : `确定${filled}项，应选${seats}项`;
}

/** The settle options a local rule allows. */
export const settleOptionsOf = (allow: UnfilledOption): SettleDecision[] =>
  allow === 'leave' ? ['leave_unfilled'] : allow === 'runoff' ? ['runoff'] : ['leave_unfilled', 'runoff'];

export function projectOutcome(input: {
  seats: number;
  /** The list's candidates in ballot order. */
  candidateIds: number[];
  rounds: OutcomeRound[];
  allow: UnfilledOption;
  decision: RecordedDecision | null;
}): ProjectOutcome {
  const rounds = [...input.rounds].sort((a, b) => a.round - b.round);
  const chosen: ChosenProject[] = [];
  const counted: number[] = [];
  for (const r of rounds) {
    if (r.status !== 'closed' || !r.result || r.result.outcome === 'void') continue;
    counted.push(r.id);
    const rank = r.style === 'rank';
    // rows are ranked by votes (equal votes in ballot order): that is the order within the round.
    for (const row of r.result.rows) {
      if (!row.chosen || chosen.some((c) => c.projectId === row.candidateId)) continue;
      chosen.push({
        projectId: row.candidateId,
        order: chosen.length + 1,
        roundId: r.id,
        round: r.round,
        votes: rank ? row.points : row.yes,
        unit: rank ? '分' : '票',
      });
    }
  }
  // A list never has more chosen than seats; should a record say otherwise, the seats bound what is reported filled.
  const filled = Math.min(chosen.length, input.seats);
  const unfilled = input.seats - filled;
  const chosenIds = new Set(chosen.map((c) => c.projectId));
  const remainingIds = input.candidateIds.filter((id) => !chosenIds.has(id));
  const summary = outcomeSummary(input.seats, filled);
  return {
    seats: input.seats,
    filled,
    unfilled,
    chosen,
    remainingIds,
    countedRoundIds: counted,
    next: nextStep(rounds, input, unfilled, remainingIds, summary),
    summary,
  };
}

function nextStep(
  rounds: OutcomeRound[],
  input: { allow: UnfilledOption; decision: RecordedDecision | null },
  unfilled: number,
  remainingIds: number[],
  summary: string,
): NextStep {
  const last = rounds[rounds.length - 1];
  if (!last) return { kind: 'schedule', text: '尚未安排票决' };
  if (last.status !== 'closed' || !last.result)
    return {
      kind: 'wait',
      roundId: last.id,
      text: `第${last.round}轮票决${last.status === 'pending' ? '尚未开始' : last.status === 'open' ? '正在投票' : '正在计票'}`,
    };
  const r = last.result;
  if (r.outcome === 'void') return { kind: 'retake', roundId: last.id, text: `第${last.round}轮投票无效，须重新投票` };
  if (r.outcome === 'tie' && r.runoff) {
    return {
      kind: 'runoff',
      roundId: last.id,
      candidateIds: r.runoff.candidateIds,
      seats: r.runoff.seats,
      text: `${r.runoff.candidateIds.length}个项目得票相同，须就最后${r.runoff.seats}个名额再次投票`,
    };
  }
  if (unfilled === 0) return { kind: 'done', text: `${summary}，票决完成` };
  if (input.decision?.decision === 'leave_unfilled')
    return { kind: 'done', text: `${summary}；已决定空缺名额不再票决` };
  const options = settleOptionsOf(input.allow);
  const what =
    options.length === 2
      ? `可决定空缺，或就未入选的${remainingIds.length}个项目另行票决`
      : options[0] === 'runoff'
        ? `须就未入选的${remainingIds.length}个项目另行票决`
        : '空缺名额不再票决，请记录决定';
  return {
    kind: 'settle',
    roundId: last.id,
    options,
    candidateIds: remainingIds,
    seats: unfilled,
    text: `${summary}。${what}`,
  };
}

// ---------------------------------------------------------------- the 公告 of the whole 票决

export interface AnnouncedRound {
  round: number;
  kind: OutcomeRoundKind;
  expected: number;
  present: number;
  issued: number;
  returned: number;
  valid: number;
  void: number;
  outcome: RoundResult['outcome'];
}

export interface OutcomeAnnouncementInput {
  /** Who issues it: "江北区第三届人民代表大会第三次会议主席团", or the body for other meetings. */
  issuer: string;
  /** "江北区第三届人民代表大会第三次会议". */
  meetingName: string;
  /** "2027年1月12日". */
  dateText: string;
  listTitle: string;
  year: number;
  style: BallotStyle;
  /** 应到/实到 when voting opened, and whether that met the quorum (frozen in the first counted round). */
  quorum: { expected: number; present: number; met: boolean; noun: string };
  rounds: AnnouncedRound[];
  chosen: (ChosenProject & { name: string })[];
  seats: number;
  /** Recorded about unfilled seats, with the reason. */
  decision: { decision: SettleDecision; reason: string | null } | null;
}

const ROUND_NAMES = [
  '',
  '第一轮',
  '第二轮',
  '第三轮',
  '第四轮',
  '第五轮',
  '第六轮',
  '第七轮',
  '第八轮',
  '第九轮',
  '第十轮',
];
const roundName = (r: AnnouncedRound) =>
  `${ROUND_NAMES[r.round] ?? `第${r.round}轮`}${r.kind === 'runoff' ? '（再次投票）' : r.kind === 'retake' ? '（重新投票）' : ''}`;

/**
 * The 公告 in the conventions clerks expect (§7): "应到代表327名，实到314名，符合法定人数"; "发出选票314张，收回314张，
 * 有效票…张，无效票…张" for each round; the chosen projects in order; "确定9项，应选10项，1项空缺" when seats stay
 * unfilled; the issuer and the date in Chinese form.
 */
export function outcomeAnnouncement(a: OutcomeAnnouncementInput): string {
  const q = a.quorum;
  const lines: string[] = [];
  lines.push(`${a.issuer}公告`);
  lines.push(
    `${a.meetingName}于${a.dateText}以无记名投票方式对${a.listTitle}进行票决（${ballotStyleLabels[a.style].replace('N', String(a.seats))}）。` +
      `应到${q.noun}${q.expected}名，实到${q.present}名，${q.met ? '符合法定人数' : '不符合法定人数'}。`,
  );
  const several = a.rounds.length > 1;
  for (const r of a.rounds) {
    const present = several && r.present !== q.present ? `实到${r.present}名，` : '';
    const counts = `${several ? `${roundName(r)}：` : ''}${present}发出选票${r.issued}张，收回${r.returned}张，`;
    lines.push(
      r.outcome === 'void'
        ? `${counts}收回多于发出，该轮投票无效。`
        : `${counts}有效票${r.valid}张，无效票${r.void}张。`,
    );
  }
  const summary = outcomeSummary(a.seats, a.chosen.length);
  if (a.chosen.length) {
    lines.push(`按得票多少，确定以下${a.chosen.length}个项目为${a.year}年度民生实事项目：`);
    for (const c of a.chosen)
      lines.push(
        `${c.order}. ${c.name}（${several ? `${ROUND_NAMES[c.round] ?? `第${c.round}轮`}，` : ''}${c.votes}${c.unit}）`,
      );
  } else {
    lines.push('没有项目达到通过票数。');
  }
  const reason = a.decision?.reason ? `（${a.decision.reason}）` : '';
  const decided =
    a.seats > a.chosen.length && a.decision?.decision === 'leave_unfilled' ? `经决定，空缺名额不再票决${reason}。` : '';
  lines.push(`${summary}。${decided}`);
  lines.push('现予公告。');
  lines.push('');
  lines.push(a.issuer);
  lines.push(a.dateText);
  return lines.join('\n');
}

/** "2027-01-12" → "2027年1月12日" (§7). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The name of a congress session from its body and 届次会次: "江北区人民代表大会" + "第三届第三次会议" →
 * "江北区第三届人民代表大会第三次会议". Anything else: the body's name and the session as written.
 */
export function sessionName(bodyName: string, session: string | null, fallback: string): string {
  if (!session) return fallback;
  const m = /^(第.+届)(第.+次)(会议)?$/.exec(session);
  const at = bodyName.indexOf('人民代表大会');
  if (m && at > 0) return `${bodyName.slice(0, at)}${m[1]}${bodyName.slice(at)}${m[2]}会议`;
  return `${bodyName}${session}`;
}
