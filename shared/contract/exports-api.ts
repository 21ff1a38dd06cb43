import { z } from 'zod';
import { method } from './define';
import type { ExportedFile } from './types';

/**
 * Excel exports a clerk files with the paper record (issue 12 item 4): 签到情况, a closed round's tally, a named
 * vote's roll call and a meeting's 测评 results. Part of the one contract. Nothing here reads a round that is not
 * closed: a tally of an open secret round would give ballots away (tests/unit/secret-flow.test.ts).
 */

const id = z.number().int().positive();

export const exportMethods = {
  'exports.attendance': method<ExportedFile>()(
    '导出会议签到情况（.xlsx）：按姓氏笔画排列，含应到、实到、请假、缺席人数和签到时间',
    z.object({ meetingId: id }),
    'ExportedFile',
  ),
  'exports.round': method<ExportedFile>()(
    '导出一轮已结束投票的计票结果（.xlsx）：表决的赞成、反对、弃权、未按和通过票数，票决各项目得票、名次和是否入选，测评各项目满意、基本满意、不满意票数与比率；含发出、收回、有效、无效票数和公告；未结束的轮次不能导出',
    z.object({ roundId: id }),
    'ExportedFile',
  ),
  'exports.rollCall': method<ExportedFile>()(
    '导出记名表决的逐人结果（.xlsx，按姓氏笔画排列）；无记名投票不产生记名名单',
    z.object({ roundId: id }),
    'ExportedFile',
  ),
  'exports.evaluations': method<ExportedFile>()(
    '导出会议全部已结束测评的结果（.xlsx，每次测评一张工作表）',
    z.object({ meetingId: id }),
    'ExportedFile',
  ),
} as const;
