import { z } from 'zod';
import { method } from './define';

/**
 * Printable documents (issue 12 item 1): one read-only method per document family, whose output the print pages
 * under renderer/src/print lay out on A4. Read-only and open to any caller, so none may say how anyone voted in a
 * round that is still open (tests/unit/secret-flow.test.ts).
 */

const id = z.number().int().positive();

/** What heads every document of a meeting. */
export interface DocumentHead {
  meetingId: number;
  meetingTitle: string;
  bodyName: string;
  /** 公文 date in Chinese numerals: 二〇二六年十二月一日. */
  officialDate: string;
  /** 2026年12月1日. */
  date: string;
  /** 9:00—12:00, or null when the meeting has no times. */
  time: string | null;
  venue: string | null;
}

export interface SignInSheetRow {
  no: number;
  name: string;
  unitTitle: string | null;
  /** 请假 when leave is already on record; the sheet leaves the signature box empty either way. */
  note: string | null;
}

/** 签到表: every member on the meeting's roll in 姓氏笔画 order, with an empty signature column. */
export interface SignInSheet {
  head: DocumentHead;
  /** 代表 / 议事代表 / 组成人员. */
  noun: string;
  expected: number;
  rows: SignInSheetRow[];
}

export const documentMethods = {
  'documents.signIn': method<SignInSheet>()(
    '签到表（A4 打印）：会议名称、日期、地点，会议当日在任成员按姓氏笔画排列，含序号、姓名、单位及职务和签名栏',
    z.object({ meetingId: id }),
    'SignInSheet',
  ),
} as const;
