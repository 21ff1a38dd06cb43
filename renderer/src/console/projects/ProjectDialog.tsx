import { App, Col, Form, Input, InputNumber, Row } from 'antd';
import type { Project } from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../roster/useSubmit';

type Values = Pick<Project, 'name' | 'department' | 'budgetWan' | 'summary' | 'location' | 'source'>;

/** Add or edit one candidate project; a new one takes the next number on the ballot. */
export function ProjectDialog({ listId, project, onClose }: { listId: number; project: Project | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, submit } = useSubmit(form);

  const onFinish = (v: Values) => {
    const clean: Values = {
      name: v.name,
      department: v.department || null,
      budgetWan: v.budgetWan ?? null,
      summary: v.summary || null,
      location: v.location || null,
      source: v.source || null,
    };
    return submit(
      () => (project ? call('projects.update', { id: project.id, ...clean }) : call('projects.add', { listId, ...clean })),
      (saved) => {
        message.success(project ? `已保存“${saved.name}”` : `已添加${saved.number}号“${saved.name}”`);
        onClose();
      },
    );
  };

  return (
    <FormDialog<Values> form={form} width={720} title={project ? `编辑${project.number}号项目` : '添加候选项目'} busy={busy} initialValues={project ?? {}} onFinish={onFinish} onCancel={onClose}>
        <Form.Item name="name" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}>
          <Input autoFocus placeholder="如：老旧小区加装电梯" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={10}><Form.Item name="department" label="责任单位"><Input placeholder="如：区住房城乡建委" /></Form.Item></Col>
          <Col span={6}><Form.Item name="budgetWan" label="预算（万元）"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="location" label="实施地点"><Input /></Form.Item></Col>
        </Row>
        <Form.Item name="source" label="项目来源"><Input placeholder="如：代表建议、群众征集、部门申报" /></Form.Item>
        <Form.Item name="summary" label="项目简介"><Input.TextArea rows={3} /></Form.Item>
    </FormDialog>
  );
}
