/**
 * What the desk's one input holds when Enter comes: a USB scanner types the QR's text and Enter, a clerk types a
 * name or its pinyin initials. A 投票码 (…/t/#c=…) must never be taken at a desk: it is refused here, before it
 * leaves the page, and the host refuses it too.
 */
export type DeskInput =
  { kind: 'empty' } | { kind: 'voting' } | { kind: 'badge'; badge: string } | { kind: 'query'; query: string };

const VOTING = /\/t\/?#.*\bc=|^#?c=[A-Za-z0-9_-]{16,}&k=/;

export function classifyDeskInput(raw: string): DeskInput {
  const text = raw.trim();
  if (!text) return { kind: 'empty' };
  if (VOTING.test(text)) return { kind: 'voting' };
  // A badge is machine text: no CJK, no spaces, long, with digits or URL punctuation; a name or initials is not.
  if (!/[\u3400-\u9fff\s]/.test(text) && text.length >= 8 && /[0-9:/._-]/.test(text))
    return { kind: 'badge', badge: text };
  return { kind: 'query', query: text };
}

export const STATUS_LABELS: Record<string, string> = {
  pending: '未签到',
  present: '已签到',
  leave: '请假',
  absent: '缺席',
  left: '离场',
};
