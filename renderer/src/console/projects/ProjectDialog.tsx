import { App, AutoComplete, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import {
  PROJECT_CATEGORIES,
  PROJECT_ORIGINS,
  SCREENING_STATES,
  projectOriginLabels,
  screeningLabels,
  type Project,
  type ProjectOrigin,
  type ScreeningState,
} from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../roster/useSubmit';

type Values = Pick<
  Project,
  'name' | 'department' | 'budgetWan' | 'summary' | 'location' | 'source' | 'proposer' | 'category'
> & {
  origin: ProjectOrigin | null;
  screening?: ScreeningState;
  rejectedReason?: string;
};

/**
 * Add or edit one candidate project; a new one takes the next number on the ballot. A new one starts at 征集 (or
 * wherever its screening has got to); afterwards screening moves on from the list, one step at a time.
 */
export function ProjectDialog({
  listId,
  project,
  onClose,
}: {
  listId: number;
  project: Project | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, submit } = useSubmit(form);
  const screening = Form.useWatch('screening', form);

  const onFinish = (v: Values) => {
    const clean = {
      name: v.name,
      department: v.department || null,
      budgetWan: v.budgetWan ?? null,
      summary: v.summary || null,
      location: v.location || null,
      source: v.source || null,
      origin: v.origin ?? null,
      proposer: v.proposer || null,
      category: v.category || null,
    };
    return submit(
      () =>
        project
          ? call('projects.update', { id: project.id, ...clean })
          : call('projects.add', {
              listId,
              ...clean,
              screening: v.screening,
              ...(v.screening === 'rejected' ? { rejectedReason: v.rejectedReason } : {}),
            }),
      (saved) => {
        message.success(
          project
            ? `已保存“${saved.name}”`
            : `已添加${saved.number}号“${saved.name}”（${screeningLabels[saved.screening]}）`,
        );
        onClose();
      },
    );
  };

  return (
    <FormDialog<Values>
      form={form}
      width={760}
      title={project ? `编辑${project.number}号项目` : '添加候选项目'}
      busy={busy}
      initialValues={project ?? { screening: 'collected' }}
      onFinish={onFinish}
      onCancel={onClose}
    >
      <Form.Item name="name" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}>
        <Input autoFocus placeholder="如：老旧小区加装电梯" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={7}>
          <Form.Item name="origin" label="来源">
            <Select
              allowClear
              placeholder="选择来源"
              options={PROJECT_ORIGINS.map((o) => ({ value: o, label: projectOriginLabels[o] }))}
            />
          </Form.Item>
        </Col>
        <Col span={11}>
          <Form.Item name="proposer" label="提出人">
            <Input placeholder="如：张明代表；区教育局；民情联络员（131名，846条意见）" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="category" label="类型">
            <AutoComplete
              options={PROJECT_CATEGORIES.map((c) => ({ value: c }))}
              placeholder="教育、养老…"
              filterOption={(i, o) => String(o?.value ?? '').includes(i)}
            />
          </Form.Item>
        </Col>
      </Row>
      {!project && (
        <Row gutter={12}>
          <Col span={7}>
            <Form.Item name="screening" label="筛选状态">
              <Select options={SCREENING_STATES.map((s) => ({ value: s, label: screeningLabels[s] }))} />
            </Form.Item>
          </Col>
          {screening === 'rejected' && (
            <Col span={17}>
              <Form.Item
                name="rejectedReason"
                label="未入选原因"
                rules={[{ required: true, message: '请写明未入选的原因' }]}
              >
                <Input />
              </Form.Item>
            </Col>
          )}
        </Row>
      )}
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="department" label="责任单位">
            <Input placeholder="如：区住房城乡建委" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="budgetWan" label="预算（万元）">
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="location" label="实施地点">
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="source" label="来源说明">
        <Input placeholder="如：第12号代表建议；2025年民生实事项目征集活动" />
      </Form.Item>
      <Form.Item name="summary" label="项目简介">
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormDialog>
  );
}
