import { Form, Modal, type FormInstance, type FormProps } from 'antd';
import { useRef, type ReactNode } from 'react';
import { useConfirm } from './confirm';
import { onFormEnter } from './formKeys';

export interface FormDialogProps<V> {
  form: FormInstance<V>;
  title: ReactNode;
  okText?: string;
  cancelText?: string;
  danger?: boolean;
  busy?: boolean;
  okDisabled?: boolean;
  width?: number;
  initialValues?: FormProps<V>['initialValues'];
  onValuesChange?: FormProps<V>['onValuesChange'];
  onFinish: (values: V) => unknown;
  /** The clerk leaves without saving (取消, ×, Esc); asked first when anything was changed. */
  onCancel: () => void;
  /** For a dialog that animates out before the caller moves the keyboard on (with open and focusTrigger). */
  open?: boolean;
  afterClose?: () => void;
  focusTrigger?: boolean;
  /** Shown above and below the form (a refusal, a server error), or instead of it while loading. */
  before?: ReactNode;
  after?: ReactNode;
  loading?: ReactNode;
  children: ReactNode;
}

/**
 * Every form dialog of the console: Esc, 取消 and × ask before throwing away what was typed (and just close when
 * nothing was); Enter moves field by field and submits from the last one (see formKeys.ts); required fields are
 * checked with their Chinese messages and the first wrong one gets the keyboard.
 */
export function FormDialog<V>(p: FormDialogProps<V>) {
  const confirm = useConfirm();
  const body = useRef<HTMLDivElement>(null);
  // A ref, not state: two cancels in one burst (Esc and × together) must not open two questions.
  const asking = useRef(false);

  // A name typed in a tags box but not yet turned into a tag counts as a change too.
  const changed = () =>
    p.form.isFieldsTouched() ||
    [...(body.current?.querySelectorAll<HTMLInputElement>('.ant-select-multiple input') ?? [])].some(
      (i) => i.value.trim() !== '',
    );

  async function cancel() {
    if (asking.current) return;
    if (!changed()) return p.onCancel();
    asking.current = true;
    const discard = await confirm({
      title: '放弃未保存的内容？',
      content: '对话框中填写的内容尚未保存，关闭后不会保留。',
      okText: '放弃并关闭',
      cancelText: '继续填写',
      danger: true,
    });
    asking.current = false;
    if (discard) p.onCancel();
  }

  return (
    <Modal
      open={p.open ?? true}
      width={p.width}
      title={p.title}
      okText={p.okText ?? '保存'}
      cancelText={p.cancelText ?? '取消'}
      okButtonProps={{ danger: p.danger, disabled: p.okDisabled || p.loading !== undefined }}
      confirmLoading={p.busy}
      onOk={() => p.form.submit()}
      onCancel={() => void cancel()}
      afterClose={p.afterClose}
      focusable={p.focusTrigger === false ? { focusTriggerAfterClose: false } : undefined}
      destroyOnHidden
    >
      {p.before}
      {p.loading ?? (
        <div ref={body} onKeyDownCapture={(e) => onFormEnter(e, () => p.form.submit())}>
          <Form<V>
            form={p.form}
            layout="vertical"
            initialValues={p.initialValues}
            onValuesChange={p.onValuesChange}
            onFinish={p.onFinish}
            scrollToFirstError={{ focus: true }}
          >
            {p.children}
          </Form>
        </div>
      )}
      {p.after}
    </Modal>
  );
}
