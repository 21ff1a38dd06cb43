/**
 * 民生实事项目票决: ballot validity, tallies, ranking, ties and runoffs, as pure functions.
 * Basis (../shared/rules/README.md §4):
 * - choose-up-to-N ballots marking more than N projects are void (选举法第四十四条 analogue); an empty ballot is
 *   valid and counted as returned.
 * - more ballots returned than issued voids the whole round, which is taken again (选举法第四十四条 analogue).
 * - a project needs more than half of all deputies by default (地方组织法第二十五条 analogue); projects are
 *   ranked by votes; if more pass than there are seats, the N with most votes are chosen.
 * - a tie at the last seat is settled by a further round among the tied projects (选举法第四十五条 analogue).
 */
import { minimumCount, shareOf, type PassBase, type PassRule, type Share } from './rules';

export const BALLOT_STYLES = ['choose', 'approve', 'rank'] as const;
export type BallotStyle = (typeof BALLOT_STYLES)[number];
export const ballotStyleLabels: Record<BallotStyle, string> = {
  choose: '限选N项（勾选）',
  approve: '逐项赞成/反对/弃权',
  rank: '排序投票',
};

/**
 * One ballot, compactly: bit i of a mask stands for the i-th candidate of the round. `ranks` (rank style only)
 * lists candidate indexes in the voter's order of priority.
 */
export interface BallotMarks {
  yes: number;
  no: number;
  abstain: number;
  ranks?: number[];
}

export const MAX_CANDIDATES = 50;

export function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m = Math.floor(m / 2)) n += m % 2;
  return n;
}

export const bit = (i: number) => 2 ** i;
export const hasBit = (mask: number, i: number) => Math.floor(mask / 2 ** i) % 2 === 1;

/** Whether a ballot is void as a whole; reason in Chinese when it is. */
export function ballotVoidReason(style: BallotStyle, seats: number, candidates: number, b: BallotMarks): string | null {
  const all = bit(candidates) - 1;
  if (b.yes > all || b.no > all || b.abstain > all) return '选票标记了不存在的项目';
  if (style === 'choose') {
    const n = bitCount(b.yes);
    return n > seats ? `勾选${n}项，超过应选${seats}项，作废` : null;
  }
  if (style === 'approve') {
    // Two marks on one project cannot be read as either.
    const overlap =
      overlapMask(b.yes, b.no, candidates) ||
      overlapMask(b.yes, b.abstain, candidates) ||
      overlapMask(b.no, b.abstain, candidates);
    return overlap ? '同一项目有两种意见，作废' : null;
  }
  const ranks = b.ranks ?? [];
  if (new Set(ranks).size !== ranks.length) return '同一项目排了两个名次，作废';
  if (ranks.some((r) => r < 0 || r >= candidates)) return '选票标记了不存在的项目';
  return ranks.length > seats ? `排序${ranks.length}项，超过应选${seats}项，作废` : null;
}

/**
 * Why an electronic ballot is refused at cast, or null. A deputy can correct an electronic ballot before it goes in,
 * so one that paper would void (more marks than seats: 选举法第四十四条 analogue) is refused with the counts, not
 * stored void; paper ballots are stored void with ballotVoidReason.
 */
export function castRefusal(style: BallotStyle, seats: number, candidates: number, b: BallotMarks): string | null {
  const reason = ballotVoidReason(style, seats, candidates, b);
  if (!reason) return null;
  const marked = style === 'choose' ? bitCount(b.yes) : style === 'rank' ? (b.ranks ?? []).length : 0;
  if (style !== 'approve' && marked > seats) {
    return `本轮应选${seats}项，这张选票${style === 'rank' ? '排序了' : '勾选了'}${marked}项，超过应选数，请减少后再投`;
  }
  return `${reason.replace(/，作废$/, '')}，请修改后再投`;
}

function overlapMask(a: number, b: number, candidates: number): boolean {
  for (let i = 0; i < candidates; i++) if (hasBit(a, i) && hasBit(b, i)) return true;
  return false;
}

/**
 * 发出 (ballots issued), checked before a round is counted (../shared/rules/README.md §4: record 发出, 收回, 有效,
 * 无效; more returned than issued voids the round, 选举法第四十四条 analogue). An electronic round issues one ballot
 * to each deputy on the roll frozen when voting opened, so 发出 is that count and a different typed figure is refused.
 * A paper round's 发出 is counted by hand: never more than were present, and never 0 once ballots have come back —
 * that is a slip of the keyboard, and would void the round as "more returned than issued".
 * Returns why the figure is refused, or null.
 */
export function issuedProblem(
  mode: 'electronic' | 'paper',
  issued: number,
  present: number,
  returned: number,
  paper = '选票',
  what = '票决',
): string | null {
  if (mode === 'electronic') {
    return issued === present
      ? null
      : `电子${what}向开始投票时出席的${present}名代表各发一张${paper}，发出${paper}数即为${present}张，不能填写为${issued}张`;
  }
  if (issued > present)
    return `发出${paper}${issued}张，多于开始投票时出席的${present}名代表；每名出席代表只发一张，请核对后填写`;
  if (issued === 0 && returned > 0)
    return `填写为0张，但已收回${paper}${returned}张；发出为0会使本轮因收回多于发出而无效。请按实际发出的张数填写`;
  return null;
}

/** Counts per candidate, in the round's candidate order. `points` is used by rank ballots only. */
export interface CandidateTally {
  yes: number;
  no: number;
  abstain: number;
  points: number;
}

export interface RoundTallyInput {
  style: BallotStyle;
  seats: number;
  /** Candidate ids in ballot order. */
  candidateIds: number[];
  tallies: CandidateTally[];
  issued: number;
  returned: number;
  valid: number;
  void: number;
  /** 应到 and 实到 frozen when the round opened. */
  expected: number;
  present: number;
  pass: Share & { base: PassBase };
  /** How the threshold names its base: all members (全体议事代表…) and those present (出席议事代表…). */
  baseNames?: { members: string; present: string };
}

export interface ProjectRow {
  candidateId: number;
  yes: number;
  no: number;
  abstain: number;
  points: number;
  /** 1-based, equal votes share a rank. */
  rank: number;
  passed: boolean;
  chosen: boolean;
  /** Tied at the last seat: goes to a runoff. */
  tied: boolean;
}

export interface RoundResult {
  /** 'void': returned > issued, retake the round; 'tie': a runoff is needed; 'decided' otherwise. */
  outcome: 'decided' | 'tie' | 'void';
  reason: string | null;
  issued: number;
  returned: number;
  valid: number;
  void: number;
  base: number;
  required: number;
  thresholdText: string;
  rows: ProjectRow[];
  chosenIds: number[];
  /** When outcome is 'tie': the tied projects and how many seats they contend for. */
  runoff: { candidateIds: number[]; seats: number } | null;
}

const BASE_NAMES: Record<PassBase, string> = { members: '全体代表', present: '出席代表', cast: '有效票' };

/** The score a project is ranked by: yes votes, or for rank ballots the points. */
const score = (style: BallotStyle, t: CandidateTally) => (style === 'rank' ? t.points : t.yes);

export function roundResult(r: RoundTallyInput): RoundResult {
  const base = r.pass.base === 'members' ? r.expected : r.pass.base === 'present' ? r.present : r.valid;
  const required = minimumCount(r.pass, base);
  const names = { ...BASE_NAMES, ...r.baseNames };
  const thresholdText = `赞成票须${shareOf(r.pass, names[r.pass.base])}，即至少${required}票`;
  const common = {
    issued: r.issued,
    returned: r.returned,
    valid: r.valid,
    void: r.void,
    base,
    required,
    thresholdText,
  };
  if (r.returned > r.issued) {
    return {
      ...common,
      outcome: 'void',
      reason: `收回选票${r.returned}张，多于发出的${r.issued}张，本轮投票无效，须重新投票`,
      rows: [],
      chosenIds: [],
      runoff: null,
    };
  }
  const scored = r.candidateIds.map((id, i) => {
    const t = r.tallies[i] ?? { yes: 0, no: 0, abstain: 0, points: 0 };
    return { candidateId: id, ...t, s: score(r.style, t), passed: t.yes >= required };
  });
  const ranked = [...scored].sort((a, b) => b.s - a.s);
  const rankOf = (s: number) => ranked.findIndex((x) => x.s === s) + 1;

  // The N best among those that pass; equal scores straddling the last seat go to a runoff.
  const passing = ranked.filter((x) => x.passed);
  let chosen = passing;
  let runoff: RoundResult['runoff'] = null;
  if (passing.length > r.seats) {
    const last = passing[r.seats - 1]!.s;
    const above = passing.filter((x) => x.s > last);
    const atLast = passing.filter((x) => x.s === last);
    if (above.length + atLast.length > r.seats) {
      chosen = above;
      runoff = { candidateIds: atLast.map((x) => x.candidateId), seats: r.seats - above.length };
    } else {
      chosen = passing.slice(0, r.seats);
    }
  }
  const chosenIds = new Set(chosen.map((x) => x.candidateId));
  const tiedIds = new Set(runoff?.candidateIds ?? []);
  const rows: ProjectRow[] = ranked.map((x) => ({
    candidateId: x.candidateId,
    yes: x.yes,
    no: x.no,
    abstain: x.abstain,
    points: x.points,
    rank: rankOf(x.s),
    passed: x.passed,
    chosen: chosenIds.has(x.candidateId),
    tied: tiedIds.has(x.candidateId),
  }));
  return {
    ...common,
    outcome: runoff ? 'tie' : 'decided',
    reason: runoff
      ? `${runoff.candidateIds.length}个项目得票相同，争夺最后${runoff.seats}个名额，须就这些项目再次投票`
      : null,
    rows,
    chosenIds: [...chosenIds],
    runoff,
  };
}

/**
 * A round's pass rule is the meeting's (its rule set's fraction, base and basis: e.g. a street council's 实施意见,
 * not 地方组织法第二十五条), frozen when the round opens. A runoff among projects tied at the last seat follows
 * 选举法第四十五条 by analogy (../shared/rules/README.md §4), and its basis says so; so does another round for seats
 * no round filled ('unfilled': the 另行选举 analogue, when the rule set's local rule allows it).
 */
export function projectPassRule(meetingPass: PassRule, kind: 'first' | 'runoff' | 'retake' | 'unfilled'): PassRule {
  const { num, den, strict, base, basis } = meetingPass;
  const more =
    kind === 'runoff'
      ? '；平票项目再次投票参照选举法第四十五条'
      : kind === 'unfilled'
        ? '；不足名额就未入选项目另行票决，参照选举法关于不足名额另行选举的规定'
        : '';
  return { num, den, strict, base, basis: `${basis}${more}` };
}

/** Add one ballot to running tallies (used for rank ballots and in tests; the store tallies masks in SQL). */
export function addBallot(tallies: CandidateTally[], style: BallotStyle, seats: number, b: BallotMarks): void {
  tallies.forEach((t, i) => {
    if (hasBit(b.yes, i)) t.yes++;
    if (hasBit(b.no, i)) t.no++;
    if (hasBit(b.abstain, i)) t.abstain++;
  });
  if (style === 'rank') addRanks(tallies, seats, b.ranks ?? []);
}

/**
 * One rank ballot: the first place scores as many points as there are seats, each next place one less; `yes`
 * counts the ballots that rank the project at all, which is what a count sheet records for it.
 */
export function addRanks(tallies: CandidateTally[], seats: number, ranks: number[]): void {
  ranks.forEach((c, pos) => {
    const t = tallies[c];
    if (t) {
      t.points += seats - pos;
      t.yes++;
    }
  });
}

/** A ballot as the clerk reads it back: "3 5 12", "-4 /6", or "作废". */
export function describeBallot(style: BallotStyle, b: BallotMarks & { void?: boolean }, numbers: number[]): string {
  if (b.void) return '作废';
  if (style === 'rank') return (b.ranks ?? []).map((i) => numbers[i]).join(' → ') || '空白票';
  const parts: string[] = [];
  numbers.forEach((n, i) => {
    if (hasBit(b.yes, i)) parts.push(String(n));
    if (hasBit(b.no, i)) parts.push(`-${n}`);
    if (hasBit(b.abstain, i)) parts.push(`/${n}`);
  });
  return parts.join(' ') || '空白票';
}

export interface EnteredBallot extends BallotMarks {
  seq: number;
  void: boolean;
}

export interface BatchDifference {
  seq: number;
  first: EnteredBallot | null;
  second: EnteredBallot | null;
}

const sameBallot = (a: EnteredBallot, b: EnteredBallot) =>
  a.void === b.void &&
  (a.void ||
    (a.yes === b.yes &&
      a.no === b.no &&
      a.abstain === b.abstain &&
      JSON.stringify(a.ranks ?? []) === JSON.stringify(b.ranks ?? [])));

/** Double entry: every ballot number where the two clerks' batches differ, including one missing in either. */
export function compareBatches(first: EnteredBallot[], second: EnteredBallot[]): BatchDifference[] {
  const a = new Map(first.map((b) => [b.seq, b]));
  const b = new Map(second.map((x) => [x.seq, x]));
  const seqs = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
  return seqs
    .map((seq) => ({ seq, first: a.get(seq) ?? null, second: b.get(seq) ?? null }))
    .filter((d) => !d.first || !d.second || !sameBallot(d.first, d.second));
}

export interface TotalsMismatch {
  candidateId: number;
  field: 'yes' | 'no' | 'abstain';
  sheet: number;
  ballots: number;
}

/** Manual count sheets against the ballots: every figure that disagrees. */
export function reconcileTotals(
  candidateIds: number[],
  ballots: CandidateTally[],
  sheet: Map<number, { yes: number; no: number; abstain: number }>,
): TotalsMismatch[] {
  const out: TotalsMismatch[] = [];
  candidateIds.forEach((id, i) => {
    const s = sheet.get(id);
    const t = ballots[i];
    if (!s || !t) return;
    for (const f of ['yes', 'no', 'abstain'] as const)
      if (s[f] !== t[f]) out.push({ candidateId: id, field: f, sheet: s[f], ballots: t[f] });
  });
  return out;
}

/** The announcement of a round, in the conventional form ("发出选票…张，收回…张，有效票…张，无效票…张"). */
export function projectAnnouncement(
  title: string,
  r: RoundResult,
  nameOf: (candidateId: number) => string,
  style: BallotStyle,
  roundLabel: string,
): string {
  const head = `${title}${roundLabel}：发出选票${r.issued}张，收回${r.returned}张，`;
  if (r.outcome === 'void') return `${head}${r.reason}。`;
  const counted = `有效票${r.valid}张，无效票${r.void}张。`;
  const votesOf = (row: ProjectRow) => (style === 'rank' ? `${row.points}分` : `${row.yes}票`);
  const chosen = r.rows.filter((x) => x.chosen);
  const list = chosen.map((x) => `${nameOf(x.candidateId)}（${votesOf(x)}）`).join('；');
  const chosenText = chosen.length ? `按得票多少，以下${chosen.length}个项目入选：${list}。` : '没有项目达到通过票数。';
  const tie = r.runoff
    ? `${r.runoff.candidateIds.map(nameOf).join('、')}得票相同，须就其中${r.runoff.seats}个名额再次投票。`
    : '';
  return `${head}${counted}${r.thresholdText}。${chosenText}${tie}`;
}
