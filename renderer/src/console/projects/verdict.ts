import type { RoundResult } from '../../../../shared/domain/projects';

/**
 * The headline of a counted round. Projects are 确定/入选 (not 当选, which is for persons); seats left unfilled
 * are no success, so they say how many were to be chosen and take the warning colour.
 */
export function roundVerdict(
  r: Pick<RoundResult, 'outcome' | 'rows'>,
  seats: number,
): { cls: 'void' | 'tie' | 'short' | 'decided'; text: string } {
  const chosen = r.rows.filter((x) => x.chosen).length;
  if (r.outcome === 'void') return { cls: 'void', text: '本轮无效' };
  if (r.outcome === 'tie') return { cls: 'tie', text: `确定${chosen}项，平票待再投` };
  if (chosen < seats) return { cls: 'short', text: `确定${chosen}项，应选${seats}项` };
  return { cls: 'decided', text: `确定${chosen}项` };
}
