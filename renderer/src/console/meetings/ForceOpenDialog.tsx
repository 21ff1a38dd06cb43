import { Alert, App, Form, Input } from 'antd';
import { useState } from 'react';
import type { Meeting } from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../roster/useSubmit';

/** Opening below quorum: the host's refusal (naming the rule) is shown; the clerk may open anyway with a reason, which is audited. */
export function ForceOpenDialog({
  meeting,
  refusal,
  onClose,
}: {
  meeting: Meeting;
  refusal: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ overrideReason: string }>();
  const { busy, submit } = useSubmit(form);
  const [open, setOpen] = useState(true);
  return (
    <FormDialog<{ overrideReason: string }>
      form={form}
      open={open}
      afterClose={onClose}
      title="未达法定人数"
      okText="强行开会"
      danger
      cancelText="暂不开会"
      busy={busy}
      onCancel={() => setOpen(false)}
      focusTrigger={false}
      before={
        <>
          <Alert type="error" showIcon title={refusal} data-testid="quorum-refusal" style={{ marginBottom: 12 }} />
          <p style={{ marginBottom: 16 }}>强行开会后，届次会次、时间、地点等会议信息不能再修改；理由记入审计日志。</p>
        </>
      }
      onFinish={(v) =>
        submit(
          () => call('meetings.open', { id: meeting.id, overrideReason: v.overrideReason }),
          () => {
            message.warning('已强行开会，理由已记入审计日志');
            setOpen(false);
          },
        )
      }
    >
      <Form.Item
        name="overrideReason"
        label="强行开会理由"
        rules={[{ required: true, whitespace: true, message: '强行开会须填写理由' }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          showCount
          autoFocus
          placeholder="如：经主任会议研究，先听取报告，表决事项待人数达到后进行"
        />
      </Form.Item>
    </FormDialog>
  );
}
