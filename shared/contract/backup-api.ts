import { z } from 'zod';
import { event, method } from './define';

/** Backups of the data file (issue 12 item 5): taken online, kept in <数据目录>/backups, restored at the next start. */

export const BACKUP_REASONS = ['meeting_open', 'meeting_close', 'interval', 'manual', 'before_restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];
/** Also the last part of each file name, so a clerk browsing the folder reads why a file is there. */
export const backupReasonLabels: Record<BackupReason, string> = {
  meeting_open: '会议开始',
  meeting_close: '会议结束',
  interval: '定时',
  manual: '手动',
  before_restore: '恢复前',
};

export interface BackupInfo {
  name: string;
  createdAt: string;
  reason: BackupReason;
  note: string | null;
  size: number;
  schemaVersion: number;
  /** The newest audit entry the backup holds (its id and hash): an anchor for checking the live chain later. */
  auditHead: { id: number; hash: string } | null;
}

export interface BackupList {
  dir: string;
  items: BackupInfo[];
  /** A restore that takes effect when 议事台 next starts. */
  pendingRestore: { from: string; requestedAt: string } | null;
  intervalMinutes: number;
  keepAutomatic: number;
}

export interface RestoreScheduled {
  from: string;
  schemaVersion: number;
  auditHead: BackupInfo['auditHead'];
  /** The live file is replaced when 议事台 next starts (after a 恢复前 backup of it). */
  restartRequired: true;
}

const backupName = z
  .string()
  .trim()
  .min(1, '请选择备份')
  .max(200)
  .regex(/^yishitai-[^/\\]+\.sqlite$/, '备份文件名无效');

export const backupMethods = {
  'backups.list': method<BackupList>()(
    '列出数据备份（自动备份与手动备份，新的在前）及待生效的恢复',
    z.object({}),
    'BackupList',
  ),
  'backups.create': method<BackupInfo>()(
    '立即备份数据文件（在线备份，不影响投票；无记名投票进行中时不能备份）',
    z.object({
      note: z
        .string()
        .trim()
        .max(100, '备注不超过100个字')
        .nullish()
        .transform((v) => v || null),
    }),
    'BackupInfo',
  ),
  'backups.restore': method<RestoreScheduled>()(
    '从一份备份恢复：先检查完整性、数据库版本、是否为议事台数据文件及其自身的审计日志是否完整；通过后于下次启动时替换当前数据（替换前先备份当前数据）',
    z.object({ name: backupName }),
    'RestoreScheduled',
  ),
  'backups.restoreFile': method<RestoreScheduled>()(
    '从上传的数据文件恢复（检查与生效方式同“从备份恢复”，并校验文件自身的审计日志）；较大的文件可经主机以 application/octet-stream 直接上传（文件名 URL 编码后放在 X-File-Name 中，最大2GB）',
    z.object({
      fileName: z.string().trim().min(1, '请选择文件').max(255),
      // 100 MB of data file, far more than a district's years of sessions.
      contentBase64: z.string().min(1, '文件为空').max(140_000_000, '文件过大（超过100MB）'),
    }),
    'RestoreScheduled',
  ),
} as const;

export const backupEvents = {
  'backups.changed': event<{ name: string }>('新增一份备份或安排了恢复'),
} as const;
