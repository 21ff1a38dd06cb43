import { IPC_INVOKE_CHANNEL, PROJECTOR_METHODS } from '../../shared/contract/bridge';
import { dispatch, type CallResult } from '../services/dispatch';
import type { Handlers } from '../services/index';

/** The part of an IPC event the binding reads; tests pass plain objects. */
export interface IpcEventLike {
  senderFrame: { url: string } | null;
  sender?: { id: number };
}

/** The part of ipcMain the binding needs; tests pass a plain object, the app passes ipcMain. */
export interface IpcLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

/** Which of our windows sent a call: the console may call everything, the projector only draws the screen. */
export type WindowRole = 'console' | 'projector';

const mayCall: Record<WindowRole, (method: string) => boolean> = {
  console: () => true,
  projector: (method) => PROJECTOR_METHODS.includes(method),
};

/**
 * Bind the whole contract to one IPC channel. Calls from any frame that is not one of our windows are refused
 * (a navigated or injected frame gets nothing); input is validated in dispatch like over HTTP.
 */
export function bindIpc(ipc: IpcLike, handlers: Handlers, roleOf: (event: IpcEventLike) => WindowRole | null): void {
  ipc.handle(IPC_INVOKE_CHANNEL, async (event, method, input): Promise<CallResult> => {
    const role = roleOf(event);
    if (!role) return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自非本应用页面的调用' } };
    if (!mayCall[role](String(method)))
      return { ok: false, error: { code: 'FORBIDDEN', message: `投影窗口不能调用“${String(method)}”` } };
    return dispatch(handlers, String(method), input, { actor: 'console' });
  });
}
