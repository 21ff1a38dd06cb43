import { AppError, isMethodName, parseInput, type ApiErrorValue, type MethodName } from '../../shared/contract';
import type { CallContext } from './context';
import type { Handler, Handlers } from './index';

export type CallResult = { ok: true; data: unknown } | { ok: false; error: ApiErrorValue };

/**
 * The one entry both transports use: look up the method, validate its input against the contract (nothing
 * runs on bad input), run the service, and turn every failure into an error value with a Chinese message.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  input: unknown,
  ctx: CallContext,
): Promise<CallResult> {
  try {
    if (!isMethodName(name)) throw new AppError('UNKNOWN_METHOD', `没有名为“${name}”的接口`);
    const parsed = parseInput(name, input);
    const handler = handlers[name] as Handler<MethodName>;
    return { ok: true, data: await handler(parsed as never, ctx) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e.toValue() };
    console.error(`[议事台] ${name} 失败:`, e);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `内部错误：${e instanceof Error ? e.message : String(e)}` },
    };
  }
}
