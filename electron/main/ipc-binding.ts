import { IPC_INVOKE_CHANNEL } from '../../shared/contract/bridge';
import { dispatch, type CallResult } from '../services/dispatch';
import type { Handlers } from '../services/index';

/** The part of ipcMain the binding needs; tests pass a plain object, the app passes ipcMain. */
export interface IpcLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>): void;
}

/**
 * Bind the whole contract to one IPC channel. Calls from any frame that is not our own console are refused
 * (a navigated or injected frame gets nothing); input is validated in dispatch like over HTTP.
 */
export function bindIpc(ipc: IpcLike, handlers: Handlers, isTrustedUrl: (url: string) => boolean): void {
  ipc.handle(IPC_INVOKE_CHANNEL, async (event, method, input): Promise<CallResult> => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自非本应用页面的调用' } };
    return dispatch(handlers, String(method), input, { actor: 'console' });
  });
}
