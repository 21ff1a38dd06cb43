import type { EventMessage } from './api';
import type { ApiErrorValue } from './errors';

/** What the sandboxed preload exposes as window.yishitai: one invoke and one event subscription, nothing else. */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<{ ok: true; data: unknown } | { ok: false; error: ApiErrorValue }>;
  subscribe(listener: (msg: EventMessage) => void): () => void;
  /**
   * 保存为 PDF: the main process loads the print route (#/print/…) in a hidden window, waits for its data-ready,
   * prints it to PDF (A4, the page's own CSS size) and asks where to save it. null path: the clerk cancelled.
   */
  savePdf(hash: string, fileName: string): Promise<SavePdfResult>;
}

export type SavePdfResult = { ok: true; path: string | null; pages: number } | { ok: false; message: string };

export const IPC_INVOKE_CHANNEL = 'yishitai:invoke';
export const IPC_EVENT_CHANNEL = 'yishitai:event';
export const IPC_SAVE_PDF_CHANNEL = 'yishitai:save-pdf';

/**
 * What the projector window may do: draw the hall screen, and nothing else. The desktop app gives it only these
 * methods and events, so a page on the hall screen can neither change anything nor see the roster.
 */
export const PROJECTOR_METHODS: readonly string[] = ['screen.view'];
export const PROJECTOR_EVENTS: readonly string[] = [
  'screen.changed',
  'meeting.changed',
  'attendance.changed',
  'vote.changed',
  'projectVote.changed',
];
