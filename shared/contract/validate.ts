import { z } from 'zod';
import { api, type MethodName, type ParsedInput } from './api';
import { AppError } from './errors';
import { labelOfPath } from './labels';

// Zod's own messages in Simplified Chinese for every rule without a custom message.
z.config(z.locales.zhCN());

/** Validate a method's input at a boundary. Throws AppError('VALIDATION') naming the field in Chinese. */
export function parseInput<M extends MethodName>(name: M, input: unknown): ParsedInput<M> {
  const result = api[name].input.safeParse(input ?? {});
  if (result.success) return result.data as ParsedInput<M>;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : undefined;
  const where = issue.path.length ? `“${labelOfPath(issue.path, name)}”` : '请求';
  throw new AppError('VALIDATION', `输入有误：${where}${issue.message.startsWith('：') ? '' : '：'}${issue.message}`, field);
}
