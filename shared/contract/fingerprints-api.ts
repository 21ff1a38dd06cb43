import { z } from 'zod';
import { method } from './define';

/**
 * The fingerprint of a result document (issue 12 item 2): the audit entry that recorded the result, as a short code
 * and its QR (shared/domain/fingerprint.ts), and the check of a code typed or scanned from paper against the live
 * chain. A code checked here is kept as an anchor that audit.verify compares the chain with from then on. Part of
 * the one contract. A round not yet closed has no fingerprint: nothing here reads an open secret round.
 */

export type FingerprintSubject = 'round' | 'list' | 'meeting';

export interface ResultFingerprint {
  subject: FingerprintSubject;
  /** The round, candidate list or meeting the document is of. */
  subjectId: number;
  /** What the document records, in the clerk's words: 表决《…》的结果. */
  what: string;
  /** "128-7KQ4-M2XP-9HTW". */
  code: string;
  entryId: number;
  /** The entry's full hash, for whoever wants more than the code. */
  hash: string;
  /** When the entry was written (ISO). */
  at: string;
  /** The entry's action, in Chinese (结束表决). */
  actionLabel: string;
  /** The QR of the code, as an SVG document: a phone scanner shows the code itself. */
  qrSvg: string;
}

export type FingerprintStatus = 'found' | 'altered' | 'not_found';

export interface FingerprintCheck {
  /** found: the entry is there with that hash; altered: the entry is gone or its hash differs; not_found: no such code. */
  status: FingerprintStatus;
  /** The answer in one sentence, in Chinese. */
  message: string;
  /** The code as read, grouped; null when it could not be read. */
  code: string | null;
  entryId: number | null;
  entry: { at: string; actionLabel: string; what: string | null } | null;
  /** The document's subject, when the entry recorded a result. */
  subject: { kind: FingerprintSubject; id: number; meetingId: number | null } | null;
  /** Whether the whole chain still verifies (null when no code was read). */
  chainOk: boolean | null;
  chainMessage: string | null;
  /** Kept as an anchor for audit.verify (every code that passes its check character is). */
  anchored: boolean;
}

const id = z.number().int().positive();

export const fingerprintMethods = {
  'fingerprints.get': method<ResultFingerprint>()(
    '结果文件的指纹：记录结果的那条审计记录（表决、票决或测评结束，票决清单的空缺决定，会议闭会）的条目号和哈希，写成可念可输的短码（如“128-7KQ4-M2XP-9HTW”）及其二维码；roundId、listId、meetingId 三选一；未结束的轮次没有指纹',
    z
      .object({ roundId: id.optional(), listId: id.optional(), meetingId: id.optional() })
      .refine((v) => [v.roundId, v.listId, v.meetingId].filter((x) => x !== undefined).length === 1, {
        message: '请指定一轮投票、一个候选项目清单或一次会议（三选一）',
        path: ['roundId'],
      }),
    'ResultFingerprint',
  ),
  'fingerprints.check': method<FingerprintCheck>()(
    '核验纸面结果文件上的指纹（输入或扫码）：找到对应的审计记录并确认其哈希未变、审计链完整；输错一位时校验位不符；记录被删除或改写时指明；校验位正确的指纹记为外部锚点，此后每次校验审计日志都与之比对',
    z.object({
      code: z.string({ error: '请输入指纹' }).trim().min(1, '请输入结果文件上的指纹').max(80, '指纹不超过80个字符'),
    }),
    'FingerprintCheck',
  ),
} as const;
