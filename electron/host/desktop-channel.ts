import type { DisplayInfo, EventMessage } from '../../shared/contract';
import { anyMeetingSitting } from '../db/tables/meetings';
import { dispatch, type CallResult } from '../services/dispatch';
import type { Runtime } from '../services/runtime';
import type { DesktopPort } from '../services/screen';

/**
 * The host process's side of the desktop app (issue 13 item 1): Electron's main process starts the host with
 * utilityProcess.fork (electron/main/host-client.ts is the other end) and relays the console's IPC calls to it over
 * the process channel, so a burst of casts keeps the host's core busy, not the main process that moves the windows
 * and answers the console. Nothing here imports Electron: tests/unit/host-process.test.ts runs it under
 * child_process.fork, which gives the same channel.
 *
 * - `call`: one contract call from a window, validated and run by dispatch (the main process validated it too:
 *   its IPC binding dispatches to handlers that relay here); answered with `result` and the same id.
 * - live events (coalesced as the event stream sends them) go to the main process, which forwards them to the
 *   windows that show them; so does whether a meeting is sitting (the displays are kept awake meanwhile).
 * - the projector window lives in the main process: the host asks for it with `projector`, and the main process
 *   tells the host its displays (`displays`), which screen.displays answers from.
 */

/** What the main process sends its host. */
export type MainMessage =
  | { type: 'stop' }
  | { type: 'usage' }
  | { type: 'call'; id: number; method: string; input: unknown }
  /** The displays now; `changed` when one was plugged in or pulled out (published as displays.changed). */
  | { type: 'displays'; displays: DisplayInfo[]; changed: boolean };

/** What the host sends the main process, beside HostMessage's ready/failed/stopped/usage. */
export type DesktopMessage =
  | { type: 'result'; id: number; result: CallResult }
  | { type: 'event'; msg: EventMessage }
  | { type: 'sitting'; sitting: boolean }
  | { type: 'projector'; open: true; displayId?: number }
  | { type: 'projector'; open: false };

export interface DesktopChannel {
  post(msg: DesktopMessage): void;
}

/**
 * The projector as the host's screen service sees it: asked for over the channel, displays as last told. Opening
 * or closing marks where the window will be at once (the display asked for, else the first external one, as the
 * main process places it), so screen.openWindow answers with it; the main process's next `displays` confirms.
 */
export function channelDesktopPort(channel: DesktopChannel): DesktopPort & { setDisplays(d: DisplayInfo[]): void } {
  let displays: DisplayInfo[] = [];
  const mark = (id: number | null) => (displays = displays.map((d) => ({ ...d, hasProjector: d.id === id })));
  return {
    listDisplays: () => displays,
    openProjector(displayId) {
      channel.post({ type: 'projector', open: true, ...(displayId === undefined ? {} : { displayId }) });
      const target =
        displays.find((d) => d.id === displayId) ?? displays.find((d) => !d.primary) ?? displays.find((d) => d.primary);
      mark(target?.id ?? null);
    },
    closeProjector() {
      channel.post({ type: 'projector', open: false });
      mark(null);
    },
    setDisplays: (d) => void (displays = d),
  };
}

/** Serve the main process: returns the handler for its messages (stop and usage are the entry's own). */
export function serveDesktop(
  channel: DesktopChannel,
  rt: Runtime,
  port: ReturnType<typeof channelDesktopPort>,
): (msg: MainMessage) => void {
  rt.bus.subscribeLive((msg) => channel.post({ type: 'event', msg }));
  let sitting = anyMeetingSitting(rt.db);
  channel.post({ type: 'sitting', sitting });
  rt.bus.subscribe((msg) => {
    if (msg.name !== 'meeting.changed') return;
    const now = anyMeetingSitting(rt.db);
    if (now !== sitting) channel.post({ type: 'sitting', sitting: (sitting = now) });
  });
  return (msg) => {
    if (msg.type === 'call')
      void dispatch(rt.handlers, msg.method, msg.input, { actor: 'console' }).then((result) =>
        channel.post({ type: 'result', id: msg.id, result }),
      );
    if (msg.type === 'displays') {
      port.setDisplays(msg.displays);
      if (msg.changed) rt.bus.publish('displays.changed', { count: msg.displays.length });
    }
  };
}
