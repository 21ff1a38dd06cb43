/**
 * The ballot styles of the one poll engine, each a pure module of one shape (after OpenSlides, one poll with
 * pluggable configurations): read a ballot (cast on a device, or keyed from paper), say what is void, tally, judge
 * the tally against the rule set, announce. The engine stores, counts and refuses; the rules live here.
 *
 * - motion (赞成/反对/弃权): ../shared/rules/README.md §3, shared/domain/rules.ts;
 * - choose up to N, per-item 赞成/反对/弃权, rank (民生实事项目票决): §4, shared/domain/projects.ts;
 * - rating (满意/基本满意/不满意, optional 弃权) and score (0–100): §5, shared/domain/evaluation.ts.
 */
import type { CastBallot, SheetField } from '../contract/poll-types';
import { parseBallotKeys } from './ballot-keys';
import type { PollCount } from './ballot-style';
import {
  RATING,
  SCORE_VOID,
  ratingAnnouncement,
  ratingBallotVoid,
  ratingResult,
  readRatingKeys,
  readScoreKeys,
  scoreAnnouncement,
  scoreBallotVoid,
  scoreResult,
  type RatingRules,
  type RatingTally,
  type ScoreRules,
  type ScoreTally,
} from './evaluation';
import {
  addBallot,
  ballotVoidReason,
  bit,
  castRefusal,
  describeBallot,
  projectAnnouncement,
  roundResult,
  type BallotMarks,
  type BallotStyle,
  type CandidateTally,
} from './projects';
import {
  announcementText,
  doubleThresholdAnnouncement,
  doubleThresholdMotion,
  motionResult,
  type DoubleThresholdRule,
  type MotionCounts,
  type PassRule,
  type QuorumCheck,
  type RuleSetRules,
  type TwoBoxCounts,
  type TwoBoxRoll,
} from './rules';

/** A ballot as the store keeps it: bitmasks over the items (a motion is item 0), and what masks cannot hold. */
export interface StoredBallot {
  /** The ballot box (two boxes for the street council's double threshold; 0 otherwise). */
  box: number;
  yes: number;
  no: number;
  abstain: number;
  /** A rank list (JSON text), a 测评's code per item, or a score per item (bytes). */
  data: Uint8Array | string | null;
  void: boolean;
}

/** Set bits per item of the stored yes/no/abstain masks of valid ballots, and how many ballots, how many void. */
export interface MaskCounts {
  returned: number;
  void: number;
  yes: readonly number[];
  no: readonly number[];
  abstain: readonly number[];
}

/** What the engine knows of a round when it reads and counts its ballots. */
export interface RoundSetup {
  /** Items on the ballot (candidates for 票决, 1 for a motion). */
  items: number;
  seats: number;
  /** The numbers printed on the ballot (1号…), in ballot order. */
  numbers: readonly number[];
  /** What each item is called in the announcement ("3号 城区老旧小区改造", a report's title). */
  titles: readonly string[];
  /** 票决: candidate project ids in ballot order (electronic ballots name projects by id). */
  candidateIds: readonly number[];
  title: string;
  /** "第2轮（平票项目再次投票）" or "". */
  roundLabel: string;
  pass: PassRule | null;
  rules: RuleSetRules;
  expected: number;
  present: number;
  quorum: QuorumCheck | null;
  /** 代表 / 议事代表 / 组成人员. */
  noun: string;
  /** How the pass rule names its bases (全体议事代表, 出席议事代表). */
  baseNames: { members: string; present: string };
  /** A motion counted in two boxes (the double threshold): given by the engine at the count only. */
  twoBox?: { rule: DoubleThresholdRule; roll: TwoBoxRoll; counts: TwoBoxCounts };
}

export type Reading<B> = { ballot: B; voidReason: string | null } | { error: string };

export interface PollStyleModule<B, T, R> {
  key: 'motion' | BallotStyle | 'rating' | 'score';
  /** 表决票, 选票, 测评票, 评分票. */
  paper: string;
  /** Paper ballots are keyed one by one and compared (票决, 测评); a motion's paper is counted on the spot. */
  paperKeyed: boolean;
  encode(b: B): StoredBallot;
  decode(s: StoredBallot): B;
  /** An electronic ballot: refused (with the count) rather than stored void, since it can still be corrected. */
  fromCast(cast: CastBallot, s: RoundSetup): { ballot: B } | { error: string };
  /** A paper ballot as keyed; a ballot the rules make void is stored void, with the reason. */
  readKeys(keys: string, s: RoundSetup): Reading<B>;
  /** A ballot read back to the clerk ("3 5 12", "1 2 3 9"). */
  describe(b: B, s: RoundSetup): string;
  start(s: RoundSetup): T;
  add(t: T, b: B, s: RoundSetup): void;
  /** A tally from counts entered by hand (show of hands), where the style allows it. */
  fromCounts?(counts: Partial<Record<SheetField, number>>, s: RoundSetup): T;
  /**
   * A tally from the per-item counts of the stored masks, where the masks are the whole ballot (choose, approve):
   * the store counts a million ballots in one scan without decoding each one.
   */
  fromMasks?(m: MaskCounts, s: RoundSetup): T;
  returned(t: T): number;
  /** Per item, the figures a count sheet (计票单) records; checked against the ballots. */
  itemCounts(t: T, s: RoundSetup): Partial<Record<SheetField, number>>[];
  result(t: T, count: PollCount, s: RoundSetup): R;
  announce(r: R, s: RoundSetup): string;
}

// ---------------------------------------------------------------- motion

interface MotionTally extends MotionCounts {
  returned: number;
}

const CHOICE_BIT = { yes: 'yes', no: 'no', abstain: 'abstain' } as const;

export const motionStyle: PollStyleModule<'yes' | 'no' | 'abstain', MotionTally, ReturnType<typeof motionResult>> = {
  key: 'motion',
  paper: '表决票',
  paperKeyed: false,
  encode: (c) => ({
    box: 0,
    yes: c === 'yes' ? 1 : 0,
    no: c === 'no' ? 1 : 0,
    abstain: c === 'abstain' ? 1 : 0,
    data: null,
    void: false,
  }),
  decode: (s) => (s.yes ? 'yes' : s.no ? 'no' : 'abstain'),
  fromCast: (cast) => (cast.choice ? { ballot: CHOICE_BIT[cast.choice] } : { error: '请选择赞成、反对或弃权' }),
  readKeys: () => ({ error: '表决的纸质票当场清点，请录入赞成、反对、弃权票数' }),
  describe: (c) => ({ yes: '赞成', no: '反对', abstain: '弃权' })[c],
  start: () => ({ yes: 0, no: 0, abstain: 0, returned: 0 }),
  add: (t, c) => {
    t[c]++;
    t.returned++;
  },
  fromCounts: (c) => ({
    yes: c.yes ?? 0,
    no: c.no ?? 0,
    abstain: c.abstain ?? 0,
    returned: (c.yes ?? 0) + (c.no ?? 0) + (c.abstain ?? 0),
  }),
  returned: (t) => t.returned,
  itemCounts: (t) => [{ yes: t.yes, no: t.no, abstain: t.abstain }],
  // 地方组织法第二十五条 / 第五十一条 or the local rule, as frozen in the round's rule set (rules.ts).
  // With two boxes the street council's double threshold decides instead (§3).
  result: (t, count, s) => {
    const plain = motionResult(
      s.pass ?? s.rules.pass,
      { expected: count.expected, present: count.present },
      { yes: t.yes, no: t.no, abstain: t.abstain },
      s.noun,
    );
    return s.twoBox ? doubleThresholdMotion(plain, s.twoBox.rule, s.twoBox.roll, s.twoBox.counts) : plain;
  },
  announce: (r, s) =>
    r.doubleThreshold
      ? doubleThresholdAnnouncement(s.quorum!, { ...r, doubleThreshold: r.doubleThreshold }, s.title)
      : announcementText(s.quorum!, r, s.title),
};

// ---------------------------------------------------------------- 票决: choose up to N, per-item, rank

interface ProjectTally {
  tallies: CandidateTally[];
  returned: number;
  void: number;
}
type ProjectBallot = BallotMarks & { void: boolean };

function projectStyle(key: BallotStyle): PollStyleModule<ProjectBallot, ProjectTally, ReturnType<typeof roundResult>> {
  return {
    key,
    paper: '选票',
    paperKeyed: true,
    encode: (b) => ({
      box: 0,
      yes: b.yes,
      no: b.no,
      abstain: b.abstain,
      data: b.ranks ? JSON.stringify(b.ranks) : null,
      void: b.void,
    }),
    decode: (s) => ({
      yes: s.yes,
      no: s.no,
      abstain: s.abstain,
      void: s.void,
      ...(typeof s.data === 'string' ? { ranks: JSON.parse(s.data) as number[] } : {}),
    }),
    fromCast(cast, s) {
      if (!cast.marks) return { error: '请在选票上勾选项目' };
      const m = cast.marks;
      const indexOf = (pid: number) => s.candidateIds.indexOf(pid);
      const stray = [...m.yes, ...m.no, ...m.abstain, ...(m.ranks ?? [])].find((pid) => indexOf(pid) < 0);
      if (stray !== undefined) return { error: `编号为${stray}的项目不在本轮选票上` };
      const mask = (list: number[]) => [...new Set(list)].reduce((acc, pid) => acc + bit(indexOf(pid)), 0);
      const marks: BallotMarks = {
        yes: mask(m.yes),
        no: mask(m.no),
        abstain: mask(m.abstain),
        ...(key === 'rank' ? { ranks: (m.ranks ?? []).map(indexOf) } : {}),
      };
      // 选举法第四十四条 (analogue): more marks than seats voids a paper ballot; a device refuses it instead.
      const refusal = castRefusal(key, s.seats, s.items, marks);
      return refusal ? { error: refusal } : { ballot: { ...marks, void: false } };
    },
    readKeys(keys, s) {
      const parsed = parseBallotKeys(key, keys, [...s.numbers]);
      if ('error' in parsed) return { error: parsed.error };
      const voidReason = ballotVoidReason(key, s.seats, s.items, parsed);
      return { ballot: { ...parsed, void: !!voidReason }, voidReason };
    },
    describe: (b, s) => describeBallot(key, b, [...s.numbers]),
    start: (s) => ({
      tallies: Array.from({ length: s.items }, () => ({ yes: 0, no: 0, abstain: 0, points: 0 })),
      returned: 0,
      void: 0,
    }),
    add(t, b, s) {
      t.returned++;
      if (b.void) t.void++;
      else addBallot(t.tallies, key, s.seats, b);
    },
    // A rank ballot's order lives in `data`, not in its masks.
    ...(key === 'rank'
      ? {}
      : {
          fromMasks: (m: MaskCounts, s: RoundSetup): ProjectTally => ({
            returned: m.returned,
            void: m.void,
            tallies: Array.from({ length: s.items }, (_x, i) => ({
              yes: m.yes[i] ?? 0,
              no: m.no[i] ?? 0,
              abstain: m.abstain[i] ?? 0,
              points: 0,
            })),
          }),
        }),
    returned: (t) => t.returned,
    itemCounts: (t) => t.tallies.map((c) => ({ yes: c.yes, no: c.no, abstain: c.abstain })),
    result: (t, count, s) =>
      roundResult({
        style: key,
        seats: s.seats,
        candidateIds: [...s.candidateIds],
        tallies: t.tallies,
        issued: count.issued,
        returned: t.returned,
        valid: t.returned - t.void,
        void: t.void,
        expected: count.expected,
        present: count.present,
        pass: s.pass!,
        baseNames: s.baseNames,
      }),
    announce: (r, s) =>
      projectAnnouncement(s.title, r, (id) => s.titles[s.candidateIds.indexOf(id)] ?? String(id), key, s.roundLabel),
  };
}

// ---------------------------------------------------------------- 测评: rating and score

/** The rule set's 测评 rules; a rule set written before they existed gets the defaults (rules.ts). */
const ratingRulesOf = (rules: RuleSetRules): RatingRules => rules.evaluation.rating;
const scoreRulesOf = (rules: RuleSetRules): ScoreRules => rules.evaluation.score;

const bytes = (d: StoredBallot['data']): Uint8Array => (d instanceof Uint8Array ? d : new Uint8Array());
const RATING_CODE = {
  satisfied: RATING.satisfied,
  basically: RATING.basically,
  unsatisfied: RATING.unsatisfied,
  abstain: RATING.abstain,
} as const;

interface RatingAcc {
  items: number;
  /** One slot per code (0–3, and 9 for an item void) per item. */
  c: Int32Array;
  returned: number;
  wholeVoid: number;
}

function toRatingTally(t: RatingAcc): RatingTally {
  const at = (i: number, code: number) => t.c[i * 10 + code]!;
  return {
    returned: t.returned,
    wholeVoid: t.wholeVoid,
    items: Array.from({ length: t.items }, (_x, i) => ({
      satisfied: at(i, RATING.satisfied),
      basically: at(i, RATING.basically),
      unsatisfied: at(i, RATING.unsatisfied),
      abstain: at(i, RATING.abstain),
      void: at(i, RATING.void),
    })),
  };
}

export const ratingPollStyle: PollStyleModule<Uint8Array, RatingAcc, ReturnType<typeof ratingResult>> = {
  key: 'rating',
  paper: '测评票',
  paperKeyed: true,
  encode: (b) => ({ box: 0, yes: 0, no: 0, abstain: 0, data: b, void: ratingBallotVoid(b) !== null }),
  decode: (s) => bytes(s.data),
  fromCast(cast, s) {
    const r = cast.ratings;
    if (!r) return { error: '请逐项选择满意、基本满意或不满意' };
    if (r.length !== s.items) return { error: `本次测评共${s.items}项，这张测评票有${r.length}项` };
    if (!ratingRulesOf(s.rules).abstain && r.includes('abstain'))
      return { error: `第${r.indexOf('abstain') + 1}项选了弃权，但本次测评票不设弃权` };
    // An item left unmarked is void for that item only (README §5); the terminal shows it before submit.
    return { ballot: Uint8Array.from(r, (m) => (m ? RATING_CODE[m] : RATING.void)) };
  },
  readKeys(keys, s) {
    const r = readRatingKeys(keys, s.items, ratingRulesOf(s.rules));
    if (!r.ballot) return { error: r.error! };
    return { ballot: r.ballot, voidReason: ratingBallotVoid(r.ballot) };
  },
  describe: (b) => Array.from(b, (c) => String(c)).join(''),
  start: (s) => ({ items: s.items, c: new Int32Array(s.items * 10), returned: 0, wholeVoid: 0 }),
  add(t, b) {
    t.returned++;
    let counted = false;
    for (let i = 0; i < t.items; i++) {
      const code = b[i] ?? RATING.void;
      t.c[i * 10 + (code > RATING.unsatisfied ? RATING.void : code)]!++;
      if (code <= RATING.unsatisfied) counted = true;
    }
    if (!counted) t.wholeVoid++;
  },
  returned: (t) => t.returned,
  itemCounts: (t) =>
    toRatingTally(t).items.map((c) => ({
      satisfied: c.satisfied,
      basically: c.basically,
      unsatisfied: c.unsatisfied,
      abstain: c.abstain,
    })),
  result: (t, count, s) => ratingResult(toRatingTally(t), count, ratingRulesOf(s.rules)),
  announce: (r, s) => ratingAnnouncement(r, s.titles, s.noun),
};

export const scorePollStyle: PollStyleModule<Int16Array, ScoreTally, ReturnType<typeof scoreResult>> = {
  key: 'score',
  paper: '评分票',
  paperKeyed: true,
  encode: (b) => ({
    box: 0,
    yes: 0,
    no: 0,
    abstain: 0,
    data: new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    void: scoreBallotVoid(b) !== null,
  }),
  decode: (s) => {
    const d = bytes(s.data);
    return new Int16Array(d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength));
  },
  fromCast(cast, s) {
    const sc = cast.scores;
    if (!sc) return { error: '请逐项打分（0至100分）' };
    if (sc.length !== s.items) return { error: `本次测评共${s.items}项，这张评分票有${sc.length}项` };
    return { ballot: Int16Array.from(sc, (x) => (x === null ? SCORE_VOID : x)) };
  },
  readKeys(keys, s) {
    const r = readScoreKeys(keys, s.items);
    if (!r.ballot) return { error: r.error! };
    return { ballot: r.ballot, voidReason: scoreBallotVoid(r.ballot) };
  },
  describe: (b) => Array.from(b, (x) => (x === SCORE_VOID ? '*' : String(x))).join(' '),
  start: (s) => ({
    returned: 0,
    wholeVoid: 0,
    items: Array.from({ length: s.items }, () => ({ n: 0, sum: 0, min: null, max: null, void: 0 })),
  }),
  add(t, b) {
    t.returned++;
    let counted = false;
    b.forEach((x, i) => {
      const c = t.items[i]!;
      if (x === SCORE_VOID) {
        c.void++;
        return;
      }
      counted = true;
      c.n++;
      c.sum += x;
      c.min = c.min === null ? x : Math.min(c.min, x);
      c.max = c.max === null ? x : Math.max(c.max, x);
    });
    if (!counted) t.wholeVoid++;
  },
  returned: (t) => t.returned,
  itemCounts: () => [],
  result: (t, count, s) => scoreResult(t, count, scoreRulesOf(s.rules)),
  announce: (r, s) => scoreAnnouncement(r, s.titles, s.noun),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the engine handles every style through the one shape
export type AnyPollStyle = PollStyleModule<any, any, any>;

export const POLL_STYLE_MODULES: Record<'motion' | BallotStyle | 'rating' | 'score', AnyPollStyle> = {
  motion: motionStyle,
  choose: projectStyle('choose'),
  approve: projectStyle('approve'),
  rank: projectStyle('rank'),
  rating: ratingPollStyle,
  score: scorePollStyle,
};
