/**
 * Whether a key event lands in a place where the clerk is typing (a text field, a select, an open dialog), so
 * single-key shortcuts (B, P, N, /, 1/2/3) must not fire there.
 */
export function isInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('.ant-modal, .ant-select, .ant-dropdown, [contenteditable="true"]')) return true;
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !['radio', 'checkbox', 'button'].includes(target.type))
  );
}
