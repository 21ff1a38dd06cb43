import { z } from 'zod';
import { api, type MethodName, type ParsedInput } from './api';
import { AppError } from './errors';
import { labelOfPath } from './labels';
import { plainChineseErrors } from './zod-messages';

// Every rule without a message of its own speaks plain Chinese (zod's zh-CN locale says “期望 string >=2 字符”).
z.config({ customError: plainChineseErrors });

/**
 * A field set to undefined is a field not given, as JSON (the host's transport) has it: over IPC structured clone
 * keeps `{ screening: undefined }`, zod keeps the key, and a handler spreading the input over its defaults would
 * take the undefined (projects.add wrote a NULL screening). Plain objects only; arrays and other values as they are.
 */
function withoutUndefined(input: unknown, depth = 0): unknown {
  if (depth > 64 || typeof input !== 'object' || input === null) return input;
  if (Array.isArray(input))
    return input.some((v) => typeof v === 'object' && v !== null)
      ? input.map((v) => withoutUndefined(v, depth + 1))
      : input;
  const proto = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return input;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    Object.defineProperty(out, k, {
      value: withoutUndefined(v, depth + 1),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return out;
}

/** Validate a method's input at a boundary. Throws AppError('VALIDATION') naming the field in Chinese. */
export function parseInput<M extends MethodName>(name: M, input: unknown): ParsedInput<M> {
  const result = api[name].input.safeParse(withoutUndefined(input ?? {}));
  if (result.success) return result.data as ParsedInput<M>;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : undefined;
  const where = issue.path.length ? `“${labelOfPath(issue.path, name)}”` : '请求';
  throw new AppError(
    'VALIDATION',
    `输入有误：${where}${issue.message.startsWith('：') ? '' : '：'}${issue.message}`,
    field,
  );
}
