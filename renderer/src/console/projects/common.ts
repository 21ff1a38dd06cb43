import { App } from 'antd';
import { useState } from 'react';
import type { BallotStyle, ProjectVote } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';

/** Short labels for a round, as clerks say them: 限选10项, 逐项表决, 排序投票. */
export function styleShort(style: BallotStyle, seats: number): string {
  return style === 'choose' ? `限选${seats}项` : style === 'approve' ? `逐项表决（应选${seats}项）` : `排序投票（应选${seats}项）`;
}

export const roundKindLabels: Record<ProjectVote['kind'], string> = { first: '第一轮', runoff: '平票再投', retake: '重新投票' };

export const passBaseLabels = { members: '全体代表', present: '出席代表', cast: '有效票' } as const;

/**
 * Run one API call from a button: while it runs `busy` names it; an error (a Chinese message from the API) is shown
 * as a message and nothing else changes; on success the optional note is shown.
 */
export function useRun() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  async function run<T>(key: string, action: () => Promise<T>, note?: (result: T) => string | void): Promise<T | undefined> {
    setBusy(key);
    try {
      const result = await action();
      const text = note?.(result);
      if (text) message.success(text);
      return result;
    } catch (e) {
      message.error(errorMessage(e));
      return undefined;
    } finally {
      setBusy(null);
    }
  }
  return { busy, run };
}

/** Copy text for pasting into a 公告; falls back to a hidden textarea where the clipboard API is unavailable. */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // fall through (e.g. permission refused)
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('无法复制到剪贴板，请手动选中文字复制');
}

/** Whether a key event comes from a text field (so single-key shortcuts must not fire). */
export function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLTextAreaElement || (t instanceof HTMLInputElement && !['radio', 'checkbox', 'button'].includes(t.type));
}

export const formatWan = (v: number | null) => (v === null ? '' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));
