import { App } from 'antd';
import type { KeyboardEvent, ReactNode } from 'react';

export interface ConfirmOptions {
  title: string;
  /** What is about to become final, with the figures. */
  content: ReactNode;
  okText: string;
  cancelText?: string;
  danger?: boolean;
}

/**
 * Enter on a confirmation's button counts only once the dialog has finished appearing, and only as a fresh
 * press: the Enter that opened it (held down, auto-repeating) must not also confirm it.
 */
function onButtonKey(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'Enter') return;
  const dialog = e.currentTarget.closest('.ant-modal');
  const appearing = !dialog || [...dialog.classList].some((c) => /-(appear|enter)(-|$)/.test(c));
  if (e.repeat || appearing) e.preventDefault();
}

/**
 * Ask before an irreversible step: resolves true when confirmed (the primary button, focused; Enter once the
 * dialog is visible), false on 取消 or Esc.
 */
export function useConfirm() {
  const { modal } = App.useApp();
  return (o: ConfirmOptions) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: o.title,
        content: <div data-testid="confirm-content">{o.content}</div>,
        okText: o.okText,
        cancelText: o.cancelText ?? '取消',
        width: 480,
        okButtonProps: { danger: o.danger, onKeyDown: onButtonKey },
        cancelButtonProps: { onKeyDown: onButtonKey },
        focusable: { autoFocusButton: 'ok' },
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
}
