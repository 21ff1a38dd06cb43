import { App, Form, Input } from 'antd';
import type { Project } from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../roster/useSubmit';

/** 未入选 needs its reason, asked here (Enter saves). */
export function RejectDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, submit } = useSubmit(form);
  return (
    <FormDialog<{ reason: string }>
      form={form}
      width={560}
      title={`列为未入选：${project.name}`}
      okText="列为未入选"
      danger
      busy={busy}
      onFinish={(v) =>
        submit(
          () => call('projects.screen', { id: project.id, to: 'rejected', reason: v.reason }),
          () => {
            message.success(`“${project.name}”已列为未入选`);
            onClose();
          },
        )
      }
      onCancel={onClose}
    >
      <Form.Item name="reason" label="未入选原因" rules={[{ required: true, message: '请写明未入选的原因' }]}>
        <Input autoFocus placeholder="如：资金来源未落实；合法性审查未通过" />
      </Form.Item>
    </FormDialog>
  );
}
