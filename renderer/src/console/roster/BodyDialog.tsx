import { App, Form, Input, Select } from 'antd';
import { BODY_KINDS, bodyKindLabels, type Body, type BodyKind } from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from './useSubmit';

interface Values {
  kind: BodyKind;
  name: string;
  area?: string;
  term?: string;
}

export function BodyDialog({ body, onClose }: { body: Body | null; onClose: (created?: Body) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, submit } = useSubmit(form);
  const kind = Form.useWatch('kind', form);
  const needsArea = kind === 'street_council' || kind === 'township_congress';

  const onFinish = (v: Values) =>
    submit(
      () =>
        body
          ? call('bodies.update', { id: body.id, name: v.name, area: v.area || null, term: v.term || null })
          : call('bodies.create', { kind: v.kind, name: v.name, area: v.area || null, term: v.term || null }),
      (saved) => {
        message.success(body ? '已保存' : `已新建“${saved.name}”`);
        onClose(body ? undefined : saved);
      },
    );

  return (
    <FormDialog<Values>
      form={form}
      title={body ? '修改机构' : '新建机构'}
      busy={busy}
      initialValues={body ?? { kind: 'street_council' }}
      onFinish={onFinish}
      onCancel={() => onClose()}
    >
      <Form.Item name="kind" label="机构类别" rules={[{ required: true, message: '请选择机构类别' }]}>
        <Select disabled={!!body} options={BODY_KINDS.map((k) => ({ value: k, label: bodyKindLabels[k] }))} />
      </Form.Item>
      <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
        <Input placeholder="如：观音桥街道议事代表会议" autoFocus />
      </Form.Item>
      <Form.Item
        name="area"
        label="所属街道/镇"
        rules={[{ required: needsArea, message: '街道议事代表会议和镇人大须注明所属街道或镇' }]}
      >
        <Input placeholder="如：观音桥街道" />
      </Form.Item>
      <Form.Item name="term" label="届次">
        <Input placeholder="如：第十八届" />
      </Form.Item>
    </FormDialog>
  );
}
