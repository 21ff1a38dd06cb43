import { App, Form, Input, Radio } from 'antd';
import {
  AGENDA_KINDS,
  agendaKindLabels,
  type AgendaItem,
  type AgendaKind,
  type Meeting,
} from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../roster/useSubmit';

interface Values {
  kind: AgendaKind;
  title: string;
  notes?: string;
}

/** Add or edit one agenda item. Enter in the title saves (说明 is a textarea: Ctrl+Enter there). */
export function AgendaItemDialog({
  meeting,
  item,
  onClose,
}: {
  meeting: Meeting;
  item: AgendaItem | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, submit } = useSubmit(form);
  const onFinish = (v: Values) =>
    submit(
      () =>
        item
          ? call('agenda.update', { id: item.id, kind: v.kind, title: v.title, notes: v.notes || null })
          : call('agenda.add', { meetingId: meeting.id, kind: v.kind, title: v.title, notes: v.notes || null }),
      (saved) => {
        message.success(item ? '已保存议程' : `已添加议程“${saved.title}”`);
        onClose();
      },
    );
  return (
    <FormDialog<Values>
      form={form}
      width={640}
      title={item ? `修改议程：${item.title}` : '添加议程'}
      busy={busy}
      initialValues={item ? { ...item, notes: item.notes ?? '' } : { kind: 'report' }}
      onFinish={onFinish}
      onCancel={onClose}
    >
      <Form.Item name="kind" label="议程类别" rules={[{ required: true, message: '请选择议程类别' }]}>
        <Radio.Group
          optionType="button"
          options={AGENDA_KINDS.map((k) => ({ value: k, label: agendaKindLabels[k] }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label="议程名称"
        rules={[{ required: true, whitespace: true, message: '请填写议程名称' }]}
      >
        <Input autoFocus placeholder="如：审议关于2026年第三季度民生实事项目推进情况的报告" />
      </Form.Item>
      <Form.Item name="notes" label="说明">
        <Input.TextArea rows={2} maxLength={500} placeholder="汇报人、时长等（可不填）" />
      </Form.Item>
    </FormDialog>
  );
}
