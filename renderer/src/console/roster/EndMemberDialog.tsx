import { App, Form, Input } from 'antd';
import type { Member } from '../../../../shared/contract';
import { call } from '../../api/client';
import { todayIso } from '../../format';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from './useSubmit';

/** A seat ends (辞职、调离、罢免、代表法第六十二条…): the record is kept with its date and reason. */
export function EndMemberDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ until: string; reason: string }>();
  const { busy, submit } = useSubmit(form);
  return (
    <FormDialog<{ until: string; reason: string }>
      form={form}
      title={`${member.name}离任`}
      okText="确认离任"
      danger
      busy={busy}
      initialValues={{ until: todayIso() }}
      onFinish={(v) =>
        submit(
          () => call('members.end', { membershipId: member.membershipId, ...v }),
          () => {
            message.success(`${member.name}已离任`);
            onClose();
          },
        )
      }
      onCancel={onClose}
    >
      <Form.Item
        name="until"
        label="终止日期"
        rules={[
          { required: true, message: '请填写终止日期' },
          { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式如 2026-11-25' },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写离任原因' }]}>
        <Input placeholder="如：工作调动辞去代表职务" autoFocus />
      </Form.Item>
    </FormDialog>
  );
}
