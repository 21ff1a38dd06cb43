import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, httpStatus } from '../../shared/contract';
import { RESTORE_UPLOAD_MAX_BYTES, uploadFile } from '../services/backup';
import { dispatch } from '../services/dispatch';
import type { CallContext } from '../services/context';
import type { Runtime } from '../services/runtime';

/**
 * POST /api/backups.restoreFile. A real session's data file can pass the host's 32 MB body limit, so this route
 * takes the file two ways:
 * - JSON `{ fileName, contentBase64 }` as the contract says, with a body limit of its own sized to the contract's
 *   100 MB (as base64, plus room for the JSON);
 * - the file itself (`Content-Type: application/octet-stream`, its name URL-encoded in `X-File-Name`), streamed to a
 *   file in the data folder up to 2 GiB, then checked and staged like the JSON upload (Runtime.restoreUpload).
 */

/** The contract's 140,000,000 base64 characters and the JSON around them. */
export const RESTORE_JSON_BODY_LIMIT = 141 * 1024 * 1024;

const bytesText = (n: number) => (n >= 1024 ** 3 ? `${n / 1024 ** 3}GB` : `${Math.round(n / 1024 ** 2)}MB`);
const tooLarge = (reply: FastifyReply, max: number) =>
  reply
    .status(413)
    .send({ code: 'VALIDATION', message: `备份文件过大（超过${bytesText(max)}），不能上传恢复`, field: 'fileName' });

export function restoreUploadRoute(
  app: FastifyInstance,
  rt: Runtime,
  actorOf: (req: FastifyRequest) => CallContext,
  maxBytes = RESTORE_UPLOAD_MAX_BYTES,
) {
  return app.register(async (scope) => {
    // Only in this scope: every other /api route still refuses anything but JSON (415).
    scope.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
    scope.post('/api/backups.restoreFile', { bodyLimit: RESTORE_JSON_BODY_LIMIT }, async (req, reply) => {
      const ctx = actorOf(req);
      const isStream = typeof (req.body as Readable | null)?.pipe === 'function';
      if (!isStream) {
        const res = await dispatch(rt.handlers, 'backups.restoreFile', req.body ?? {}, ctx);
        return res.ok ? reply.send(res.data) : reply.status(httpStatus[res.error.code]).send(res.error);
      }
      const body = req.body as Readable;
      let fileName = '';
      try {
        fileName = decodeURIComponent(String(req.headers['x-file-name'] ?? '')).trim();
      } catch {
        /* refused below */
      }
      if (!fileName || fileName.length > 255) {
        body.resume();
        return reply.status(400).send({
          code: 'VALIDATION',
          message: '输入有误：“文件名”：请在 X-File-Name 中写明文件名（URL 编码，不超过255个字）',
          field: 'fileName',
        });
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBytes) {
        // Refused before a byte is written; the connection is closed rather than reading gigabytes for nothing.
        reply.header('Connection', 'close');
        return tooLarge(reply, maxBytes);
      }
      const file = uploadFile(rt.dataDir, randomBytes(16).toString('hex'));
      let received = 0;
      const cap = new Transform({
        transform(chunk: Buffer, _enc, next) {
          received += chunk.length;
          next(received > maxBytes ? Object.assign(new Error('too large'), { tooLarge: true }) : null, chunk);
        },
      });
      try {
        await pipeline(body, cap, fs.createWriteStream(file, { flags: 'wx' }));
      } catch (e) {
        fs.rmSync(file, { force: true });
        if ((e as { tooLarge?: boolean }).tooLarge) {
          reply.header('Connection', 'close');
          return tooLarge(reply, maxBytes);
        }
        throw e;
      }
      if (!received) {
        fs.rmSync(file, { force: true });
        return reply
          .status(400)
          .send({ code: 'VALIDATION', message: '输入有误：“文件内容”：文件为空', field: 'contentBase64' });
      }
      const res = await restoreStreamed(rt, file, fileName, ctx);
      return res.ok ? reply.send(res.data) : reply.status(httpStatus[res.error.code]).send(res.error);
    });
  });
}

/** The streamed file, with errors in the same shape as every other call (dispatch); the file is consumed either way. */
async function restoreStreamed(rt: Runtime, file: string, fileName: string, ctx: CallContext) {
  try {
    return { ok: true as const, data: await rt.restoreUpload(file, fileName, ctx) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false as const, error: e.toValue() };
    return { ok: false as const, error: { code: 'INTERNAL' as const, message: `内部错误：${(e as Error).message}` } };
  } finally {
    fs.rmSync(file, { force: true });
  }
}
