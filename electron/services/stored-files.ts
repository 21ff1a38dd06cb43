import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A file kept in the data folder under a random name; the database row that names it holds these. */
export interface StoredFile {
  storedName: string;
  size: number;
  sha256: string;
}

/**
 * Write an attachment (agenda document, project photo, 整改 response) into `dir` and flush it, before the caller
 * inserts the row that names it: a crash never leaves a row without its file (a file without a row is harmless).
 */
export function storeFile(dir: string, fileName: string, content: Buffer): StoredFile {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const ext = path
    .extname(fileName)
    .replace(/[^.\w]/g, '')
    .slice(0, 10);
  const storedName = `${randomUUID()}${ext}`;
  fs.mkdirSync(dir, { recursive: true });
  const fd = fs.openSync(path.join(dir, storedName), 'w');
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { storedName, size: content.length, sha256 };
}

/** Read a stored file back; null when it is no longer in the data folder. */
export function readStoredFile(dir: string, storedName: string): Buffer | null {
  const file = path.join(dir, storedName);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain',
};
/** The type a file's name says it is (photos shown inline, the rest downloaded). */
export const mimeTypeOf = (fileName: string) =>
  MIME[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
