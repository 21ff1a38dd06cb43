import { AppError, type Attendance } from '../../shared/contract';
import type { RoundSetup } from '../../shared/domain/poll-styles';
import type { MotionCounts, RuleSetRules, TwoBoxCounts, TwoBoxRoll } from '../../shared/domain/rules';
import type { BallotTables, Counts } from '../db/tables/ballots';
import type { RoundRecord } from '../db/tables/polls';

/**
 * The street council's two ballot boxes (double threshold, ../shared/rules/README.md §3) for the poll engine: a
 * motion opened under a rule set with `doubleThreshold` freezes each present member's box on the roll (1: also a
 * 人大代表, 0: the other 议事代表), a secret ballot carries only its box, and hand counts are entered per box. Every
 * other round has the one box 0, untouched.
 */

export const DEPUTIES_BOX = 1;
export const OTHERS_BOX = 0;

/** 应到/实到 per box when the round is counted in two boxes; null for every other round. */
export const twoBoxRoll = (r: RoundRecord): TwoBoxRoll | null => (r.kind === 'motion' && r.snapshot?.boxes) || null;

/** At open: each present member's box, and (double threshold) 应到/实到 per box for the snapshot. */
export function freezeBoxes(
  ballots: BallotTables,
  kind: RoundRecord['kind'],
  rules: RuleSetRules,
  att: Attendance,
): { roll: { membershipId: number; box: number }[]; boxes: TwoBoxRoll | null } {
  const present = att.rows.filter((x) => x.status === 'present');
  if (kind !== 'motion' || !rules.doubleThreshold)
    return { roll: present.map((x) => ({ membershipId: x.membershipId, box: OTHERS_BOX })), boxes: null };
  const deputies = ballots.npcDeputies(att.rows.map((x) => x.membershipId));
  const roll = present.map((x) => ({
    membershipId: x.membershipId,
    box: deputies.has(x.membershipId) ? DEPUTIES_BOX : OTHERS_BOX,
  }));
  const inBox = roll.filter((x) => x.box === DEPUTIES_BOX).length;
  return {
    roll,
    boxes: {
      deputies: { expected: deputies.size, present: inBox },
      others: { expected: att.rows.length - deputies.size, present: roll.length - inBox },
    },
  };
}

const FIELDS = ['yes', 'no', 'abstain'] as const;
const FIELD_WORDS = { yes: '赞成', no: '反对', abstain: '弃权' } as const;
const zero: MotionCounts = { yes: 0, no: 0, abstain: 0 };
const of = (c: Counts | undefined): MotionCounts => ({ yes: c?.yes ?? 0, no: c?.no ?? 0, abstain: c?.abstain ?? 0 });

/**
 * Counts entered by hand, as rows to store per box: the totals in box 0 for a one-box round; the 人大代表 box and the
 * others' (the difference) for a two-box one. A box holding more than its present voters is stored as entered:
 * the rule then voids the vote (paper in the wrong box), it is not a typing error.
 */
export function enteredBoxes(
  r: RoundRecord,
  c: MotionCounts & { deputies?: MotionCounts },
): [box: number, counts: MotionCounts][] {
  const totals = { yes: c.yes, no: c.no, abstain: c.abstain };
  if (!twoBoxRoll(r)) {
    if (c.deputies)
      throw new AppError(
        'VALIDATION',
        `输入有误：“人大代表票箱”：“${r.title}”不按双重门槛计票（会议规则未设双重门槛），只录入赞成、反对、弃权票数`,
        'deputies',
      );
    return [[OTHERS_BOX, totals]];
  }
  const d = c.deputies;
  if (!d)
    throw new AppError(
      'VALIDATION',
      `输入有误：“人大代表票箱”：“${r.title}”按双重门槛计票，请另填人大代表票箱的赞成、反对、弃权票数`,
      'deputies',
    );
  for (const f of FIELDS) {
    if (d[f] > totals[f])
      throw new AppError(
        'VALIDATION',
        `输入有误：“人大代表票箱 › ${FIELD_WORDS[f]}票数”：人大代表${FIELD_WORDS[f]}${d[f]}票，多于${FIELD_WORDS[f]}票合计${totals[f]}票`,
        `deputies.${f}`,
      );
  }
  return [
    [DEPUTIES_BOX, { yes: d.yes, no: d.no, abstain: d.abstain }],
    [OTHERS_BOX, { yes: totals.yes - d.yes, no: totals.no - d.no, abstain: totals.abstain - d.abstain }],
  ];
}

/** A motion's hand-entered totals (both boxes together), or undefined before any are entered. */
export function enteredTotals(ballots: BallotTables, r: RoundRecord): Counts | undefined {
  const c = ballots.counts(r.id, 'counts', OTHERS_BOX).get(0);
  if (!c || !twoBoxRoll(r)) return c;
  const d = of(ballots.counts(r.id, 'counts', DEPUTIES_BOX).get(0));
  return { yes: (c.yes ?? 0) + d.yes, no: (c.no ?? 0) + d.no, abstain: (c.abstain ?? 0) + d.abstain };
}

/** At the count: the round's setup with each box's counts, so the motion style applies the double threshold. */
export function withTwoBoxes(ballots: BallotTables, r: RoundRecord, setup: RoundSetup): RoundSetup {
  const roll = twoBoxRoll(r);
  const rule = setup.rules.doubleThreshold;
  if (!roll || !rule) return setup;
  const box = (n: number): MotionCounts =>
    r.mode === 'electronic'
      ? (ballots.motionCountsByBox(r.id, r.secrecy === 'secret').get(n) ?? zero)
      : of(ballots.counts(r.id, 'counts', n).get(0));
  const counts: TwoBoxCounts = { deputies: box(DEPUTIES_BOX), others: box(OTHERS_BOX) };
  return { ...setup, twoBox: { rule, roll, counts } };
}
