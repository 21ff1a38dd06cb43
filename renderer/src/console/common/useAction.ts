import { App } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';

/**
 * Run one API call from a button: while it runs the button shows busy; an error (a Chinese message from the API)
 * is shown as a message and nothing else changes; on success the optional note is shown.
 */
export function useAction() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  async function run<T>(
    key: string,
    action: () => Promise<T>,
    done?: (result: T) => string | void,
  ): Promise<T | undefined> {
    setBusy(key);
    try {
      const result = await action();
      const note = done?.(result);
      if (note) message.success(note);
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

/**
 * The same for a dialog's 确定: busy while the call runs, and its refusal kept for the dialog to show in place (the
 * dialog stays open, so nothing the clerk chose is lost). Form dialogs that put an error on its field use
 * ../roster/useSubmit.ts.
 */
export function useDialogAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
