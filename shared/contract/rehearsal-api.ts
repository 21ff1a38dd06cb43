import { z } from 'zod';
import { method } from './define';

/**
 * 演练 (issue 13 item 7): before the session the clerk runs a simulated vote of N terminals against a sandbox copy
 * of a meeting (its own data folder under rehearsal/, its own LAN listener and credentials), to try the hall's
 * Wi-Fi, the screen and the terminals. Nothing of it reaches the real record: the real database gets one audit
 * entry when a rehearsal starts and one, with its figures, when it ends.
 */

const id = z.number().int().positive();

export const REHEARSAL_KINDS = ['motion', 'project_vote', 'evaluation'] as const;
export type RehearsalKind = (typeof REHEARSAL_KINDS)[number];
export const rehearsalKindLabels: Record<RehearsalKind, string> = {
  motion: '表决',
  project_vote: '票决',
  evaluation: '测评',
};
export const MAX_REHEARSAL_TERMINALS = 5000;
export const MAX_REHEARSAL_RATE = 10_000;

export interface RehearsalStatus {
  /** false when no rehearsal is running (the other fields then describe none). */
  running: boolean;
  /** false when this way of running cannot serve a rehearsal's terminals (no LAN listener attached). */
  available: boolean;
  meetingId: number | null;
  meetingTitle: string | null;
  kind: RehearsalKind | null;
  terminals: number;
  ratePerSecond: number;
  /** Terminals whose cast was answered (accepted or refused). */
  answered: number;
  accepted: number;
  refused: number;
  /** Milliseconds from when a cast was due to its sealed answer (null before the first one). */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Refusals and failures in Chinese, the first few. */
  errors: string[];
  elapsedMs: number;
  /** true once every simulated terminal has been answered. */
  finished: boolean;
  /** The sandbox's terminal page (its own port), where a real phone with a rehearsal slip may join. */
  terminalUrl: string | null;
}

export const rehearsalMethods = {
  'rehearsals.start': method<RehearsalStatus>()(
    '开始演练：将会议复制到独立的演练数据目录，在副本中开始一轮投票，由 N 个模拟终端经会场网络的加密接口按每秒 rate 个投票；正式会议记录不受影响（仅记两条审计）',
    z.object({
      meetingId: id,
      terminals: z
        .number({ error: '终端数应为数字' })
        .int('终端数应为整数')
        .min(1, `终端数应在1至${MAX_REHEARSAL_TERMINALS}之间`)
        .max(MAX_REHEARSAL_TERMINALS, `终端数应在1至${MAX_REHEARSAL_TERMINALS}之间`),
      rate: z
        .number({ error: '每秒投票数应为数字' })
        .int('每秒投票数应为整数')
        .min(1, `每秒投票数应在1至${MAX_REHEARSAL_RATE}之间`)
        .max(MAX_REHEARSAL_RATE, `每秒投票数应在1至${MAX_REHEARSAL_RATE}之间`),
      kind: z.enum(REHEARSAL_KINDS, { error: '演练类型应为表决、票决或测评' }),
    }),
    'RehearsalStatus',
  ),
  'rehearsals.status': method<RehearsalStatus>()(
    '演练进度：已应答终端数、确认耗时 p50/p95/p99、错误与用时',
    z.object({}),
    'RehearsalStatus',
  ),
  'rehearsals.stop': method<RehearsalStatus>()(
    '结束演练：关闭演练副本并删除其数据目录，审计日志记下演练数据',
    z.object({}),
    'RehearsalStatus',
  ),
} as const;
