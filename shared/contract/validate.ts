import { z } from 'zod';
import { api, type MethodName, type ParsedInput } from './api';
import { AppError } from './errors';
import { labelOfPath } from './labels';
import { plainChineseErrors } from './zod-messages';

// Every rule without a message of its own speaks plain Chinese (zod's zh-CN locale says “期望 string >=2 字符”).
z.config({ customError: plainChineseErrors });

/** Validate a method's input at a boundary. Throws AppError('VALIDATION') naming the field in Chinese. */
export function parseInput<M extends MethodName>(name: M, input: unknown): ParsedInput<M> {
  const result = api[name].input.safeParse(input ?? {});
  if (result.success) return result.data as ParsedInput<M>;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : undefined;
  const where = issue.path.length ? `“${labelOfPath(issue.path, name)}”` : '请求';
  throw new AppError('VALIDATION', `输入有误：${where}${issue.message.startsWith('：') ? '' : '：'}${issue.message}`, field);
}
