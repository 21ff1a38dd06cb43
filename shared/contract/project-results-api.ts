import { z } from 'zod';
import type { ChosenProject, NextStep, ProjectOutcome, SettleDecision } from '../domain/project-outcome';
import { method } from './define';

/**
 * The result of a 民生实事项目票决 as one thing (../shared/rules/README.md §4, §7): the chosen projects in order across
 * all rounds, the seats left unfilled and what may be done then, and the 公告. Part of the one contract.
 */

export { settleDecisionLabels, type SettleDecision } from '../domain/project-outcome';
export const SETTLE_DECISIONS = ['leave_unfilled', 'runoff'] as const satisfies readonly SettleDecision[];

export interface ListResultRound {
  id: number;
  round: number;
  kind: 'first' | 'runoff' | 'retake';
  status: 'pending' | 'open' | 'counting' | 'closed';
  seats: number;
  candidates: number;
  /** 'decided' | 'tie' | 'void' once closed. */
  outcome: 'decided' | 'tie' | 'void' | null;
  chosen: number;
  closedAt: string | null;
}

export interface ListResult {
  listId: number;
  title: string;
  year: number;
  seats: number;
  filled: number;
  unfilled: number;
  /** "确定9项，应选10项，1项空缺". */
  summary: string;
  chosen: (ChosenProject & { number: number; name: string })[];
  /** Candidates not chosen, in ballot order. */
  remaining: { projectId: number; number: number; name: string }[];
  rounds: ListResultRound[];
  next: NextStep;
  /** What the local rule allows for unfilled seats, with its basis (the meeting's rule set). */
  unfilledRule: { allow: 'leave' | 'runoff' | 'choose'; basis: string } | null;
  /** The list_outcomes decision, if any. */
  decision: {
    decision: 'complete' | SettleDecision;
    unfilled: number;
    reason: string | null;
    roundId: number | null;
    decidedAt: string;
  } | null;
  /** The 公告 of the whole 票决; null until a round has been counted. */
  announcement: string | null;
  /** Who issues it: the session's 主席团, or the body. */
  issuer: string | null;
}

export interface SettleResult {
  result: ListResult;
  /** The round a 'runoff' decision scheduled. */
  roundId: number | null;
}

export type { ProjectOutcome };

const id = z.number().int().positive();

export const projectResultMethods = {
  'projectLists.result': method<ListResult>()(
    '候选项目清单的票决结果（各轮合并）：按轮次和得票排列的确定项目、应选与空缺名额、下一步可做什么、已记录的决定及公告',
    z.object({ listId: id }),
    'ListResult',
  ),
  'projectLists.settle': method<SettleResult>()(
    '各轮结束后仍有名额空缺时，按会议规则记录决定：leave_unfilled 空缺不再票决，runoff 就未入选项目为空缺名额另行票决（安排下一轮）；须写明理由',
    z.object({
      listId: id,
      decision: z.enum(SETTLE_DECISIONS, { error: '决定应为“空缺，不再票决”或“就未入选项目另行票决”' }),
      reason: z.string({ error: '请填写理由' }).trim().min(2, '请填写理由（至少两个字）').max(300, '理由不超过300个字'),
    }),
    'SettleResult',
  ),
} as const;
