import { App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { AppError, type Body, type ProjectList } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useConfirm } from '../common/confirm';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../roster/useSubmit';

interface Values {
  bodyId: number;
  year: number;
  title: string;
  seats: number;
}

/** A new list (body, year, title, 应选 seats), or a change of title and seats before voting starts. */
export function ListDialog({
  bodies,
  list,
  defaultBodyId,
  onClose,
}: {
  bodies?: Body[];
  list?: ProjectList;
  defaultBodyId?: number | null;
  onClose: (created?: ProjectList) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, submit } = useSubmit(form);
  const confirm = useConfirm();
  const nextYear = new Date().getFullYear() + 1;

  // The host refuses a second list for a body's year; a supplementary one is made only once the clerk says so.
  async function create(v: Values): Promise<ProjectList> {
    try {
      return await call('projectLists.create', v);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'CONFLICT' && e.field === 'year')) throw e;
      const again = await confirm({
        title: `再建一份${v.year}年度的清单？`,
        content: `${e.message.replace(/（确需另建请确认）$/, '')}。通常每年只有一份候选项目清单；只有增补等情况才需另建“${v.title}”。`,
        okText: '确实另建一份',
        cancelText: '不建',
      });
      if (again) return call('projectLists.create', { ...v, sameYear: true });
      throw e;
    }
  }

  const onFinish = (v: Values) =>
    submit(
      () => (list ? call('projectLists.update', { id: list.id, title: v.title, seats: v.seats }) : create(v)),
      (saved) => {
        message.success(list ? '已保存' : `已新建“${saved.title}”`);
        onClose(list ? undefined : saved);
      },
    );

  // The title follows the year until the clerk writes one of their own.
  const onValuesChange = (changed: Partial<Values>) => {
    if (changed.year !== undefined && !form.isFieldTouched('title'))
      form.setFieldValue('title', `${changed.year}年民生实事项目`);
  };

  return (
    <FormDialog<Values>
      form={form}
      title={list ? '修改候选项目清单' : '新建候选项目清单'}
      busy={busy}
      initialValues={
        list ?? { bodyId: defaultBodyId ?? undefined, year: nextYear, title: `${nextYear}年民生实事项目`, seats: 10 }
      }
      onValuesChange={onValuesChange}
      onFinish={onFinish}
      onCancel={() => onClose()}
    >
      {!list && (
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="bodyId" label="机构" rules={[{ required: true, message: '请选择机构' }]}>
              <Select
                autoFocus
                showSearch={{ optionFilterProp: 'label' }}
                options={(bodies ?? []).map((b) => ({ value: b.id, label: b.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Form.Item name="title" label="清单名称" rules={[{ required: true, message: '请填写清单名称' }]}>
        <Input placeholder="如：2027年民生实事项目" autoFocus={!!list} />
      </Form.Item>
      <Form.Item
        name="seats"
        label="应选项目数"
        extra="候选项目须多于应选项目（差额票决），如12选10、20选10、5选3"
        rules={[{ required: true, message: '请填写应选项目数' }]}
      >
        <InputNumber min={1} max={49} suffix="项" style={{ width: 160 }} />
      </Form.Item>
    </FormDialog>
  );
}
