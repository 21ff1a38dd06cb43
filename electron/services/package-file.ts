import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppError } from '../../shared/contract';
import { newerDataMessage } from '../db/open';

/**
 * The meeting package's file: gzip (Node's zlib, no library) of one JSON envelope
 * `{ format, version, digest, manifest, body }` whose body is itself a JSON text, so the digest is taken over the
 * exact characters written: SHA-256 of the manifest's JSON, a newline and the body. The digest is checked before
 * the body is parsed; it finds damage and edits, not a forger who recomputes it (the audit trail is for that).
 */

export const PACKAGE_FORMAT = 'yishitai.meeting-package';
export const PACKAGE_FORMAT_VERSION = 1;

export interface PackageManifest {
  schemaVersion: number;
  createdAt: string;
  origin: string;
  meetingUid: string;
  meeting: { title: string; date: string; body: string; status: string };
  basedOn: string | null;
  counts: Record<string, number>;
  audit: { entries: number; head: { id: number; hash: string } | null } | null;
}

const digestOf = (manifestJson: string, body: string) =>
  createHash('sha256').update(manifestJson).update('\n').update(body).digest('hex');

export function writePackage(manifest: PackageManifest, body: unknown): { content: Buffer; digest: string } {
  const manifestJson = JSON.stringify(manifest);
  const bodyJson = JSON.stringify(body);
  const digest = digestOf(manifestJson, bodyJson);
  const envelope = `{"format":${JSON.stringify(PACKAGE_FORMAT)},"version":${PACKAGE_FORMAT_VERSION},"digest":"${digest}","manifest":${manifestJson},"body":${JSON.stringify(bodyJson)}}`;
  return { content: gzipSync(envelope), digest };
}

/** Open a package: the reason it is refused, in Chinese, naming the file. Body parsed only once the digest matches. */
export function readPackage(
  fileName: string,
  content: Buffer,
  latestSchema: number,
): { digest: string; manifest: PackageManifest; body: unknown } {
  const refuse = (why: string): never => {
    throw new AppError('VALIDATION', `不能导入会议包“${fileName}”：${why}`, 'contentBase64');
  };
  let text: string;
  try {
    text = gunzipSync(content).toString('utf8');
  } catch {
    return refuse('文件已损坏或不是议事台会议包（无法解压）');
  }
  let env: { format?: unknown; version?: unknown; digest?: unknown; manifest?: unknown; body?: unknown };
  try {
    env = JSON.parse(text) as typeof env;
  } catch {
    return refuse('文件已损坏（内容不完整）');
  }
  if (env.format !== PACKAGE_FORMAT) refuse('不是议事台会议包');
  if (typeof env.version !== 'number' || env.version > PACKAGE_FORMAT_VERSION) {
    refuse(
      `会议包的格式较新（第${String(env.version)}版，本程序只支持到第${PACKAGE_FORMAT_VERSION}版），请先升级议事台`,
    );
  }
  if (typeof env.body !== 'string' || typeof env.manifest !== 'object' || env.manifest === null)
    refuse('文件已损坏（缺少内容）');
  const body = env.body as string;
  if (digestOf(JSON.stringify(env.manifest), body) !== env.digest) refuse('摘要校验不通过，文件已损坏或被改动');
  const manifest = env.manifest as PackageManifest;
  if (manifest.schemaVersion > latestSchema) {
    refuse(newerDataMessage('该会议包', manifest.schemaVersion, '导入', latestSchema));
  }
  return { digest: env.digest as string, manifest, body: JSON.parse(body) };
}
