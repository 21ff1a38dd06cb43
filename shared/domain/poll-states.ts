/**
 * The states of a poll's round, as data: one table of steps, read by the engine to refuse a wrong step and by
 * the console to show only the buttons that apply. pending → open → (counting →) closed, and 公布 (reveal on the
 * hall screen) once closed.
 *
 * Which step applies depends on how the round is taken:
 * - electronic: members cast while open; the clerk may stop voting (counting) before the count, or count at once;
 * - paper: ballots go in the box while open; voting stops (counting) and two clerks key the stack; then the count;
 * - show of hands (and paper motions counted on the spot): the clerk enters the counts while open, then closes.
 */
export type RoundStatus = 'pending' | 'open' | 'counting' | 'closed';
export type RoundMode = 'electronic' | 'hands' | 'paper';
export type RoundStep =
  'open' | 'cast' | 'enterCounts' | 'stopVoting' | 'paperEnter' | 'countSheet' | 'close' | 'nextRound' | 'reveal';

export const roundStatusLabels: Record<RoundStatus, string> = {
  pending: '尚未开始',
  open: '正在投票',
  counting: '正在计票',
  closed: '已经结束',
};

interface StepRule {
  label: string;
  /** The states the step starts from, per mode; a mode not listed cannot take the step. */
  from: Partial<Record<RoundMode, readonly RoundStatus[]>>;
  /** The state after the step (none: the state stays). */
  to?: RoundStatus;
}

const all = <T>(v: T): Record<RoundMode, T> => ({ electronic: v, hands: v, paper: v });

export const ROUND_STEPS: Record<RoundStep, StepRule> = {
  open: { label: '开始投票', from: all(['pending'] as const), to: 'open' },
  cast: { label: '投票', from: { electronic: ['open'] } },
  enterCounts: { label: '录入票数', from: { hands: ['open'], paper: ['open'] } },
  stopVoting: { label: '停止投票', from: { electronic: ['open'], paper: ['open'] }, to: 'counting' },
  paperEnter: { label: '录入选票', from: { paper: ['counting'] } },
  countSheet: { label: '录入计票单', from: { paper: ['open', 'counting'] } },
  close: {
    label: '结束并计票',
    from: { electronic: ['open', 'counting'], hands: ['open'], paper: ['open', 'counting'] },
    to: 'closed',
  },
  nextRound: { label: '安排下一轮', from: all(['closed'] as const) },
  reveal: { label: '公布', from: all(['closed'] as const) },
};

/**
 * Whether the hall screen may show a round's result: only once the round is closed and the clerk has pressed 公布
 * for it (`revealed`, reset whenever the screen moves to another round); before that, at most how many have voted.
 * The same for motions, 票决 and 测评, secret or named.
 */
export const resultOnScreen = (status: RoundStatus, revealed: boolean): boolean => status === 'closed' && revealed;

/**
 * How a poll's rounds count their paper: motions by counts entered on the spot (vote_counts), 票决 and 测评 by
 * keying each ballot twice. `paperKeyed` decides which paper steps a round has.
 */
export interface RoundShape {
  status: RoundStatus;
  mode: RoundMode;
  /** Paper ballots are keyed one by one (票决, 测评), not counted on the spot (motions). */
  paperKeyed: boolean;
}

function applies(step: RoundStep, r: RoundShape): boolean {
  if (r.mode === 'paper') {
    // A keyed paper round stops voting, then is keyed; a counted one takes its counts while open.
    if (r.paperKeyed && step === 'enterCounts') return false;
    if (!r.paperKeyed && (step === 'stopVoting' || step === 'paperEnter' || step === 'countSheet')) return false;
    if (r.paperKeyed && step === 'close' && r.status === 'open') return false;
  }
  return ROUND_STEPS[step].from[r.mode]?.includes(r.status) ?? false;
}

/** The steps the console may offer now, in the order a clerk takes them. */
export function stepsOf(r: RoundShape): RoundStep[] {
  return (Object.keys(ROUND_STEPS) as RoundStep[]).filter((s) => applies(s, r));
}

/** Why a step cannot be taken now, in Chinese, or null. `what` names the round ("第2轮票决", "表决“…”"). */
export function stepRefusal(step: RoundStep, r: RoundShape, what: string): string | null {
  if (applies(step, r)) return null;
  const rule = ROUND_STEPS[step];
  if (!rule.from[r.mode] || (r.mode === 'paper' && !rule.from.paper?.some((s) => applies(step, { ...r, status: s })))) {
    const how = { electronic: '电子投票', hands: '举手表决', paper: r.paperKeyed ? '纸质选票' : '纸质票' }[r.mode];
    return `${what}是${how}，没有“${rule.label}”这一步`;
  }
  const hint =
    step === 'close' && r.mode === 'paper' && r.status === 'open'
      ? '（须先停止投票并录入选票）'
      : step === 'nextRound' || step === 'reveal'
        ? '（须先结束本轮）'
        : '';
  return `${what}${roundStatusLabels[r.status]}，不能${rule.label}${hint}`;
}
