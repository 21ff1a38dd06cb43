import { z } from 'zod';
import { event, method } from './define';
import type { ExportedFile } from './types';

/**
 * Meeting packages (issue 12 item 6): one meeting, with the roster slice, rule set, agenda, documents, candidate
 * lists and projects it needs, carried from the office laptop to the session-day laptop in one checked file, and
 * its results (sign-in, votes, rounds, ballots in their unlinkable form, the session's audit entries) carried back.
 * An import is previewed first; each conflict is decided by the clerk; nothing changes until the commit.
 */

export const PACKAGE_EXTENSION = '.yspkg';

export interface PackageSummary {
  digest: string;
  fileName: string;
  formatVersion: number;
  schemaVersion: number;
  createdAt: string;
  /** The data folder that wrote it (its installation id) and whether that is this one. */
  origin: string;
  meeting: { title: string; date: string; body: string; status: string };
  /** The package it was built on (the last one this meeting travelled in), if any. */
  basedOn: string | null;
  /** How many records of each kind it holds, by their Chinese name. */
  counts: Record<string, number>;
  /** The session laptop's audit entries it brings back (from its import of the meeting to its head). */
  audit: { entries: number; head: { id: number; hash: string } | null; linked: boolean } | null;
}

export interface PackageChange {
  /** A stable key naming the record and field (or record set), used to resolve a conflict. */
  key: string;
  /** The record in Chinese: 代表“张三”, 议程“审议…”, 第1轮投票的选票. */
  record: string;
  field: string;
  local: string;
  package: string;
}

export interface PackagePreview extends PackageSummary {
  /** New records, by kind. */
  added: { kind: string; count: number }[];
  /** Fields or sets the package changes where this laptop still has what both had before. */
  updated: PackageChange[];
  /** Fields changed only on this laptop since: kept. */
  keptLocal: PackageChange[];
  unchanged: number;
  /** Changed on both sides (or with no common base): each must be resolved. */
  conflicts: PackageChange[];
}

export type PackageResolution = 'local' | 'package';

export interface PackageImported {
  digest: string;
  meetingId: number;
  added: number;
  updated: number;
  conflictsResolved: { local: number; package: number };
  auditId: number;
}

const packageFile = {
  fileName: z.string().trim().min(1, '请选择会议包文件').max(255),
  // 200 MB of base64: a meeting's documents and photos, far more than one session carries.
  contentBase64: z.string().min(1, '文件为空').max(280_000_000, '文件过大（超过200MB）'),
};

export const meetingPackageMethods = {
  'meetingPackages.export': method<ExportedFile>()(
    '导出会议包：会议及其所需名册（成员、代表资格）、规则、议程、附件、候选项目清单与项目、签到与投票结果（无记名选票仅以不可关联的形式），附 SHA-256 摘要；无记名投票进行中时不能导出',
    z.object({ meetingId: z.number().int().positive() }),
    'ExportedFile',
  ),
  'meetingPackages.preview': method<PackagePreview>()(
    '预览导入会议包：先校验摘要和版本（损坏、被改动或版本较新的会议包被拒绝），列出将新增、将更新、保留本机和冲突的记录；不做任何修改',
    z.object(packageFile),
    'PackagePreview',
  ),
  'meetingPackages.import': method<PackageImported>()(
    '导入会议包：按预览写入，每项冲突（预览中的 key）须指定 choice：保留本机（local）或采用会议包（package）；在一个事务中提交',
    z.object({
      ...packageFile,
      resolutions: z
        .array(
          z.object({
            key: z.string().min(1).max(200),
            choice: z.enum(['local', 'package'], { error: '冲突的处理应为“保留本机”或“采用会议包”' }),
          }),
        )
        .max(100_000)
        .default([]),
    }),
    'PackageImported',
  ),
} as const;

export const meetingPackageEvents = {
  'meetingPackages.imported': event<{ meetingId: number; digest: string }>('导入了一个会议包'),
} as const;
