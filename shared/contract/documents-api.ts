import { z } from 'zod';
import { method } from './define';
import type { PollStyle } from './poll-types';

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

/** One line of a printed ballot or count sheet: a candidate project (its number) or a 测评 item. */
export interface PaperItem {
  no: number;
  title: string;
  /** 承办单位 of a 测评 item. */
  department: string | null;
}

/** A paper ballot (选票, 测评票, 评分票, 表决票) of one round; it carries nothing that identifies a voter. */
export interface BallotPaper {
  head: DocumentHead;
  roundId: number;
  /** 选票 / 测评票 / 评分票 / 表决票. */
  paper: string;
  /** “2027年度民生实事项目票决选票”. */
  title: string;
  /** 第2轮（平票项目再次投票）, or null. */
  roundLabel: string | null;
  secret: boolean;
  style: PollStyle;
  seats: number | null;
  columns: string[];
  instructions: string[];
  rule: string | null;
  items: PaperItem[];
}

/** One line of a count sheet: the item, and once the round is counted, its tally in the sheet's columns. */
export interface CountSheetLine extends PaperItem {
  /** Figures in the order of `columns`; null before the count (blank lines to fill by hand). */
  figures: (number | string)[] | null;
  /** 入选 / 平票 / 须整改 …, once counted. */
  mark: string | null;
}

/** 计票单: 发出/收回/有效/无效 and each item's tally, with signature lines for 监票人 and 计票人. */
export interface CountSheet {
  head: DocumentHead;
  roundId: number;
  paper: string;
  title: string;
  roundLabel: string | null;
  /** Whether the round is closed and counted: otherwise every figure is left blank, to be written in by hand. */
  counted: boolean;
  /** 应到、实到 (frozen when the round opened), 发出、收回、有效、无效; null where not yet known. */
  counts: {
    expected: number | null;
    present: number | null;
    issued: number | null;
    returned: number | null;
    valid: number | null;
    void: number | null;
  };
  columns: string[];
  /** The mark column's header (是否入选, 整改), or null. */
  markColumn: string | null;
  lines: CountSheetLine[];
  /** 通过线 and, for a void round, why. */
  notes: string[];
  scrutineers: string[];
  counters: string[];
}

export const documentMethods = {
  'documents.signIn': method<SignInSheet>()(
    '签到表（A4 打印）：会议名称、日期、地点，会议当日在任成员按姓氏笔画排列，含序号、姓名、单位及职务和签名栏',
    z.object({ meetingId: id }),
    'SignInSheet',
  ),
  'documents.ballot': method<BallotPaper>()(
    '纸质选票（A4 打印）：票决选票（编号、项目名称、方格，“超过应选N项无效”）、测评票（每项满意/基本满意/不满意）、评分票、表决票；不含任何可识别投票人的信息',
    z.object({ roundId: id }),
    'BallotPaper',
  ),
  'documents.countSheet': method<CountSheet>()(
    '计票单（A4 打印）：发出、收回、有效、无效票数和各项目得票，监票人、计票人签名栏；轮次结束前各项票数留空，供手工填写',
    z.object({ roundId: id }),
    'CountSheet',
  ),
} as const;
