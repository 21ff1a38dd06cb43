import { z } from 'zod';
import { method } from './define';
import type { DocumentHead } from './documents-api';

/**
 * The clerk's side of the hall's network (issue 13): switching the LAN listener on and off, the deputies' and desks'
 * credentials, and the sheet of slips. Admin methods, on loopback with the admin token like every other; the LAN
 * listener itself answers only shared/contract/lan-api.ts.
 */

const id = z.number().int().positive();
const port = z
  .number({ error: '端口应为数字' })
  .int('端口应为整数')
  .min(1024, '端口应在1024至65535之间')
  .max(65535, '端口应在1024至65535之间');

export interface LanStatus {
  running: boolean;
  port: number | null;
  /** http://192.168.1.5:8800 for each of this laptop's LAN addresses (IPv4, not loopback). */
  addresses: string[];
  /** The terminal page at the first address (what the console shows as a QR code). */
  terminalUrl: string | null;
  /** false when the host cannot run a LAN listener (the desktop app until it runs the host in its own process). */
  available: boolean;
}

export const CREDENTIAL_STATES = ['active', 'revoked'] as const;
export type CredentialState = (typeof CREDENTIAL_STATES)[number];

/** A deputy's 投票码 and 签到码 for one meeting: their state, never the codes themselves. */
export interface CredentialInfo {
  membershipId: number;
  name: string;
  generation: number;
  state: CredentialState;
}

export interface DeskInfo {
  id: number;
  meetingId: number;
  name: string;
  state: CredentialState;
  createdAt: string;
}
/** A desk as it is created or reissued: with its link (credential in the fragment). Shown once to the clerk. */
export interface DeskLink extends DeskInfo {
  link: string | null;
  /** The link as an SVG QR code, for the clerk to show to the desk's camera; null when the LAN is off. */
  qrSvg: string | null;
}

export interface Slip {
  no: number;
  name: string;
  unit: string | null;
  /** 投票码: http://<lan>/t/#c=<credential>&k=<hostPublicKey>, as an SVG QR code. */
  voteQrSvg: string;
  /** 签到码: the badge code the desks scan, as an SVG QR code. */
  badgeQrSvg: string;
  /** The badge code printed under its QR, for a desk that types it. */
  badge: string;
}

/** The A4 sheet of slips, in 笔画 order: printing it hands out credentials, so it is an audited export. */
export interface SlipSheet {
  head: DocumentHead;
  lanAddress: string;
  slips: Slip[];
}

export const lanAdminMethods = {
  'lan.status': method<LanStatus>()(
    '会场网络（局域网端口）是否开启、监听端口与本机局域网地址',
    z.object({}),
    'LanStatus',
  ),
  'lan.start': method<LanStatus>()(
    '开启会场网络：在 0.0.0.0:<port> 只提供代表终端、签到台页面及其加密接口',
    z.object({ port }),
    'LanStatus',
  ),
  'lan.stop': method<LanStatus>()('关闭会场网络', z.object({}), 'LanStatus'),
  'credentials.list': method<CredentialInfo[]>()(
    '会议每名应到人员的投票码与签到码状态（不含码本身），按姓氏笔画',
    z.object({ meetingId: id }),
    'CredentialInfo[]',
  ),
  'credentials.revoke': method<CredentialInfo>()(
    '作废一名人员在本次会议的投票码和签到码（如凭条遗失）',
    z.object({ meetingId: id, membershipId: id }),
    'CredentialInfo',
  ),
  'credentials.reissue': method<CredentialInfo>()(
    '为一名人员重新生成投票码和签到码（旧码作废），随后须重新打印其凭条',
    z.object({ meetingId: id, membershipId: id }),
    'CredentialInfo',
  ),
  'desks.create': method<DeskLink>()(
    '新增签到台：返回签到台链接（含签到台凭据，只能登记本次会议签到）',
    z.object({ meetingId: id, name: z.string().trim().min(1, '请填写签到台名称').max(20, '签到台名称不超过20个字') }),
    'DeskLink',
  ),
  'desks.list': method<DeskInfo[]>()('会议的签到台（不含凭据）', z.object({ meetingId: id }), 'DeskInfo[]'),
  'desks.link': method<DeskLink>()('再次取得签到台链接（记入审计日志）', z.object({ id }), 'DeskLink'),
  'desks.revoke': method<DeskInfo>()('停用签到台：其链接立即失效', z.object({ id }), 'DeskInfo'),
  'documents.slips': method<SlipSheet>()(
    '代表凭条（A4，按姓氏笔画）：每人的投票码和签到码二维码与会场网络地址；打印即发放凭据，记入审计日志',
    z.object({ meetingId: id }),
    'SlipSheet',
  ),
} as const;
