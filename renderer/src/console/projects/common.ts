import type { BallotStyle, ProjectVote } from '../../../../shared/contract';
import { roundVerdict } from './verdict';

/** Short labels for a round, as clerks say them: 限选10项, 逐项表决, 排序投票. */
export function styleShort(style: BallotStyle, seats: number): string {
  return style === 'choose'
    ? `限选${seats}项`
    : style === 'approve'
      ? `逐项表决（应选${seats}项）`
      : `排序投票（应选${seats}项）`;
}

export const roundKindLabels: Record<ProjectVote['kind'], string> = {
  first: '第一轮',
  runoff: '平票再投',
  retake: '重新投票',
};

export const formatWan = (v: number | null) =>
  v === null ? '' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** Where a round stands, without a tally while voting: 收回 58 / 出席 60, 计票中, 确定10项. */
export function roundProgress(v: ProjectVote): string {
  if (v.status === 'closed' && v.result) return roundVerdict(v.result, v.seats).text;
  if (v.status === 'open')
    return v.mode === 'electronic'
      ? `收回 ${v.returned} / 出席 ${v.present ?? 0}`
      : `纸质选票投票中，出席 ${v.present ?? 0} 人`;
  if (v.status === 'counting')
    return v.mode === 'paper' ? '投票已停止，录入纸质选票' : `已收回 ${v.returned} 张，待结束计票`;
  return '尚未开始投票';
}
