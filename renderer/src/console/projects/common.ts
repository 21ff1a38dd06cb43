import type { BallotStyle, ProjectVote } from '../../../../shared/contract';

/** Short labels for a round, as clerks say them: 限选10项, 逐项表决, 排序投票. */
export function styleShort(style: BallotStyle, seats: number): string {
  return style === 'choose' ? `限选${seats}项` : style === 'approve' ? `逐项表决（应选${seats}项）` : `排序投票（应选${seats}项）`;
}

export const roundKindLabels: Record<ProjectVote['kind'], string> = { first: '第一轮', runoff: '平票再投', retake: '重新投票' };

export const formatWan = (v: number | null) => (v === null ? '' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));
