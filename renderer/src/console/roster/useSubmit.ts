import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { AppError } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';

/**
 * Submit a form through the API: a server error that names a field is shown on that field, any other error
 * as a message; the dialog stays open so nothing the clerk typed is lost.
 */
export function useSubmit(form: FormInstance) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function submit<T>(action: () => Promise<T>, done: (result: T) => void) {
    setBusy(true);
    try {
      done(await action());
    } catch (e) {
      if (e instanceof AppError && e.field && form.getFieldInstance(e.field) !== undefined) {
        form.setFields([{ name: e.field, errors: [e.message.replace(/^输入有误：“[^”]*”：/, '')] }]);
      } else {
        message.error(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  }
  return { busy, submit };
}
