import type { PollRound } from '../../../../shared/contract/poll-types';
import { roundStatusLabels } from '../../../../shared/domain/poll-states';
import type { RatingMark } from '../../../../shared/domain/evaluation';

export const EVAL_STATUS_COLORS: Record<PollRound['status'], string> = {
  pending: 'default',
  open: 'processing',
  counting: 'gold',
  closed: 'success',
};
export const evaluationModeLabels: Record<PollRound['mode'], string> = {
  electronic: '电子测评',
  paper: '纸质测评票',
  hands: '举手',
};
export const evaluationStyleLabels: Record<'rating' | 'score', string> = {
  rating: '满意度（满意/基本满意/不满意）',
  score: '百分制评分',
};

/** The keys a clerk types for a rating mark, on the desk and at the electronic entry alike (shared/domain/evaluation RATING). */
export const RATING_KEYS: Record<string, RatingMark> = {
  '1': 'satisfied',
  '2': 'basically',
  '3': 'unsatisfied',
  '0': 'abstain',
};
export const RATING_MARK_CLASS: Record<RatingMark | 'void', string> = {
  satisfied: 'rate-satisfied',
  basically: 'rate-basically',
  unsatisfied: 'rate-unsatisfied',
  abstain: 'rate-abstain',
  void: 'rate-void',
};
export const RATING_SHORT: Record<RatingMark | 'void', string> = {
  satisfied: '满意',
  basically: '基本',
  unsatisfied: '不满',
  abstain: '弃权',
  void: '无效',
};

/** Whether this 测评's ballot has 弃权. The round does not say until it is closed: then its result does. */
export function hasAbstain(round: PollRound): boolean {
  const r = round.result as { abstain?: boolean } | null;
  return r?.abstain ?? true;
}

export function evaluationTitle(r: PollRound): string {
  return `${r.title}${r.round > 1 ? `（第${r.round}轮）` : ''}`;
}

/** Where a round stands, never a tally before close: 已投 12 / 应投 30, 第一批已录 18 张, 已经结束. */
export function evaluationProgress(r: PollRound): string {
  if (r.status === 'open')
    return r.mode === 'paper'
      ? `纸质测评票投票中，出席 ${r.present ?? 0} 人`
      : `已投 ${r.returned} / 应投 ${r.present ?? 0}`;
  if (r.status === 'counting')
    return r.mode === 'paper'
      ? `投票已停止，第一批已录 ${r.returned} 张`
      : `已投 ${r.returned} / 应投 ${r.present ?? 0}，待结束计票`;
  return roundStatusLabels[r.status];
}
