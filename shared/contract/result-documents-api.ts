import { z } from 'zod';
import type { DocumentHead } from './documents-api';
import type { ResultFingerprint } from './fingerprints-api';
import { method } from './define';
import type { MeetingStatus } from './meeting-types';

/**
 * The result documents (issue 12 items 1–2): 表决结果公告, 票决结果（主席团）公告, 测评结果 and the 会议纪要 skeleton. Their
 * words are the app's own (the announcement written when the round closed, projectLists.result's 公告, the 测评
 * rates as the rule set defines them); each result carries the fingerprint of the audit entry that recorded it.
 * Part of the one contract. A round not yet closed has no result document: nothing here reads an open round.
 */

export type ResultDocumentKind = 'motion' | 'project_list' | 'evaluation';

export interface ResultTable {
  headers: string[];
  rows: (string | number | null)[][];
}

export interface ResultDocument {
  kind: ResultDocumentKind;
  head: DocumentHead;
  /** 表决结果公告 / 票决结果公告 / 测评结果: what the document is. */
  docName: string;
  /** The page's title: 关于《…》表决结果的公告. */
  title: string;
  /** Who issues it: the session's 主席团, or the body. */
  issuer: string;
  /** The text as the app announced it, one paragraph each. */
  paragraphs: string[];
  /** The figures (票决: the chosen projects; 测评: every item's counts and rates). */
  table: ResultTable | null;
  /** Under the table: the pass line, the rule of the rates and its basis. */
  notes: string[];
  /** When the result was recorded (ISO). */
  recordedAt: string;
  fingerprint: ResultFingerprint;
}

export interface MinutesItem {
  position: number;
  kindLabel: string;
  title: string;
  /** Each round of the item: its result as announced, or 尚未公布, with the fingerprint code once closed. */
  results: { name: string; text: string; code: string | null }[];
}

/** 会议纪要 (skeleton): what the file knows of the meeting; the rest is left blank for the clerk. */
export interface MeetingMinutes {
  head: DocumentHead;
  /** 主持人 is not in the file: a blank line on the page. */
  noun: string;
  attendance: { expected: number; present: number; leave: number; absent: number; quorumText: string };
  /** Names of those on leave or absent, in 姓氏笔画 order. */
  leaveNames: string[];
  absentNames: string[];
  items: MinutesItem[];
  /** The meeting's own fingerprint (its 闭会 entry); null while it has not closed. */
  fingerprint: ResultFingerprint | null;
  status: MeetingStatus;
}

const id = z.number().int().positive();

export const resultDocumentMethods = {
  'documents.result': method<ResultDocument>()(
    '结果文件（A4 打印）：表决结果公告或测评结果（roundId），票决结果（主席团）公告（listId），二选一；文字即结束时的公告，含各项票数与比率和结果指纹；未结束的轮次、未计票的清单不能出具',
    z
      .object({ roundId: id.optional(), listId: id.optional() })
      .refine((v) => (v.roundId === undefined) !== (v.listId === undefined), {
        message: '请指定一轮投票或一个候选项目清单（二选一）',
        path: ['roundId'],
      }),
    'ResultDocument',
  ),
  'documents.minutes': method<MeetingMinutes>()(
    '会议纪要（A4 打印，框架）：会议名称、时间、地点，应到、实到、请假、缺席及名单，各项议程及其结果（未结束的写“尚未公布”）和指纹；主持人、列席人员、讨论情况等留空由工作人员填写',
    z.object({ meetingId: id }),
    'MeetingMinutes',
  ),
} as const;
