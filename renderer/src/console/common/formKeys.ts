import type { KeyboardEvent } from 'react';

/**
 * Enter in a form dialog, one rule for all of them: Enter in a field moves to the next field, Enter in the last
 * one-line field submits, Ctrl+Enter submits from anywhere. A select keeps Enter while it has something to do
 * with it; a textarea keeps Enter for a new line.
 */

const CONTROLS = 'input:not([type=hidden]):not([disabled]), textarea:not([disabled])';

/** The control Enter moves to in a form item: the checked radio of a group, else its first enabled control. */
function controlOf(item: Element): HTMLElement | null {
  return (
    item.querySelector<HTMLElement>('input[type=radio]:checked:not([disabled])') ??
    item.querySelector<HTMLElement>(CONTROLS)
  );
}

/** The form's fields in order (form items with a control the keyboard can reach). */
function fieldsOf(root: HTMLElement): Element[] {
  return [...root.querySelectorAll('.ant-form-item')].filter((item) => controlOf(item) !== null);
}

const isTextArea = (item: Element) => controlOf(item) instanceof HTMLTextAreaElement;

/**
 * Whether Enter in this select is the select's own (open it, pick the highlighted option, add a typed tag) or the
 * form's (a closed select with a value chosen, an idle tags box): the form's moves to the next field.
 */
function selectKeepsEnter(select: Element, input: HTMLElement): boolean {
  if (input.getAttribute('aria-expanded') === 'true') return true;
  if (select.classList.contains('ant-select-multiple')) return input instanceof HTMLInputElement && input.value !== '';
  return (
    !select.querySelector('.ant-select-content-has-value') ||
    !!select.querySelector('.ant-select-content-has-search-value')
  );
}

/** For onKeyDownCapture on the form's container, so a select that is done with Enter does not reopen. */
export function onFormEnter(e: KeyboardEvent<HTMLElement>, submit: () => void): void {
  if (e.key !== 'Enter' || e.altKey || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
  const target = e.target as HTMLElement;
  if (target.closest('button, a, .ant-upload')) return;
  const submitNow = e.ctrlKey || e.metaKey;
  const select = target.closest('.ant-select');
  if (select && !submitNow) {
    if (selectKeepsEnter(select, target)) return;
    e.stopPropagation();
  }
  if (target instanceof HTMLTextAreaElement && !submitNow) return;
  e.preventDefault();
  if (submitNow) return submit();
  const fields = fieldsOf(e.currentTarget);
  const here = fields.findIndex((f) => f.contains(target));
  if (here < 0) return;
  const lastLine = fields.filter((f) => !isTextArea(f)).at(-1);
  if (fields[here] === lastLine) return submit();
  const next = fields[here + 1];
  if (next) controlOf(next)?.focus();
}
