import { Form, Input } from 'antd';
import { useState } from 'react';
import type { AttendanceRow, Meeting } from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../roster/useSubmit';

/** 请假 needs a reason (approved leave is recorded with it). */
export function LeaveDialog({
  meeting,
  row,
  onDone,
  onClose,
}: {
  meeting: Meeting;
  row: AttendanceRow;
  onDone: (text: string) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, submit } = useSubmit(form);
  // onClose runs once the dialog has gone, so the caller can put the keyboard back where it was.
  const [open, setOpen] = useState(true);
  return (
    <FormDialog<{ reason: string }>
      form={form}
      open={open}
      title={`${row.name} 请假`}
      okText="登记请假"
      busy={busy}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
      focusTrigger={false}
      initialValues={{ reason: row.status === 'leave' ? (row.reason ?? '') : '' }}
      onFinish={(v) =>
        submit(
          () =>
            call('attendance.markOne', {
              meetingId: meeting.id,
              membershipId: row.membershipId,
              status: 'leave',
              reason: v.reason,
            }),
          () => {
            onDone(`${row.name} 已登记请假`);
            setOpen(false);
          },
        )
      }
    >
      <Form.Item
        name="reason"
        label="请假原因"
        rules={[{ required: true, whitespace: true, message: '请假须填写原因' }]}
      >
        <Input placeholder="如：因公出差，已经主席团同意" autoFocus maxLength={200} />
      </Form.Item>
    </FormDialog>
  );
}
