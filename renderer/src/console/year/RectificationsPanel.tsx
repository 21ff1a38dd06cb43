import { App, Button, Form, Input, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import {
  RECTIFICATION_STATES,
  rectificationStateLabels,
  type Rectification,
  type RectificationState,
} from '../../../../shared/contract';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { FormDialog } from '../common/FormDialog';
import { readFileBase64, saveFile } from '../roster/download';
import { useSubmit } from '../roster/useSubmit';
import { href, projectRecordPath } from '../routes';
import { RECT_COLORS } from './flags';

const dateRule = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式如 2026-07-15' };
const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** The year's 整改: who must rectify what by when, the department's response and documents; overdue ones first in red. */
export function RectificationsPanel({ bodyId, year }: { bodyId: number; year: number }) {
  const list = useApi('rectifications.list', { bodyId, year }, [
    'rectifications.changed',
    'projectFiles.changed',
    'poll.changed',
  ]);
  const [state, setState] = useState<RectificationState | null>(null);
  const [editing, setEditing] = useState<{ r: Rectification; mode: 'respond' | 'update' } | null>(null);
  const rows = (list.data ?? []).filter((r) => !state || r.state === state);

  return (
    <div data-testid="year-rectifications">
      <Space style={{ marginBottom: 8 }}>
        <span>状态</span>
        <Select
          aria-label="整改状态"
          allowClear
          placeholder="全部"
          style={{ width: 180 }}
          value={state}
          onChange={(v) => setState(v ?? null)}
          options={RECTIFICATION_STATES.map((s) => ({
            value: s,
            label: `${rectificationStateLabels[s]}（${(list.data ?? []).filter((r) => r.state === s).length}）`,
          }))}
        />
        {list.error && <span style={{ color: '#c00' }}>{list.error}</span>}
      </Space>
      <Table<Rectification>
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.loading && !list.data}
        dataSource={rows}
        locale={{ emptyText: `${year}年的项目没有整改记录` }}
        columns={[
          { title: '项目', render: (_v, r) => <a href={href(projectRecordPath(r.projectId))}>{r.projectName}</a> },
          { title: '责任单位', dataIndex: 'department', width: 150 },
          {
            title: '测评结果',
            width: 200,
            render: (_v, r) => (
              <span>
                {r.openedResult}
                <span className="muted">（{r.openedOn}）</span>
              </span>
            ),
          },
          {
            title: '整改期限',
            dataIndex: 'deadline',
            width: 100,
            render: (d: string, r) => <span style={{ color: r.overdue ? '#cf1322' : undefined }}>{d}</span>,
          },
          {
            title: '状态',
            width: 130,
            render: (_v, r) => <Tag color={RECT_COLORS[r.state]}>{rectificationStateLabels[r.state]}</Tag>,
          },
          {
            title: '整改情况',
            render: (_v, r) =>
              r.response ? (
                <span>
                  {r.response}
                  <span className="muted">（{r.respondedOn}）</span>
                  {r.files.map((f) => (
                    <Button
                      key={f.id}
                      type="link"
                      size="small"
                      onClick={() => void call('projectFiles.get', { fileId: f.id }).then(saveFile)}
                    >
                      {f.fileName}
                    </Button>
                  ))}
                </span>
              ) : (
                <span className="muted">未报送</span>
              ),
          },
          {
            title: '',
            width: 200,
            render: (_v, r) =>
              r.status === 'open' && (
                <Space size={4}>
                  <Button size="small" type="primary" onClick={() => setEditing({ r, mode: 'respond' })}>
                    报送整改情况
                  </Button>
                  <Button size="small" onClick={() => setEditing({ r, mode: 'update' })}>
                    修改期限
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {editing?.mode === 'respond' && <RespondDialog r={editing.r} onClose={() => setEditing(null)} />}
      {editing?.mode === 'update' && <UpdateDialog r={editing.r} onClose={() => setEditing(null)} />}
    </div>
  );
}

interface RespondValues {
  response: string;
  respondedOn: string;
  files?: { originFileObj?: File; name: string }[];
}

/** The department's response: text, date, and documents stored with the 整改 (projectFiles, stage 'rectification'). */
function RespondDialog({ r, onClose }: { r: Rectification; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RespondValues>();
  const { busy, submit } = useSubmit(form);
  const onFinish = (v: RespondValues) =>
    submit(
      async () => {
        const saved = await call('rectifications.respond', {
          id: r.id,
          response: v.response,
          respondedOn: v.respondedOn,
        });
        for (const f of v.files ?? []) {
          if (f.originFileObj)
            await call('projectFiles.attach', {
              projectId: r.projectId,
              stage: 'rectification',
              recordId: r.id,
              fileName: f.name,
              contentBase64: await readFileBase64(f.originFileObj),
            });
        }
        return saved;
      },
      () => {
        message.success(`已记录“${r.projectName}”的整改情况`);
        onClose();
      },
    );
  return (
    <FormDialog<RespondValues>
      form={form}
      title={`报送整改情况：${r.projectName}`}
      busy={busy}
      width={620}
      onFinish={onFinish}
      onCancel={onClose}
      initialValues={{ response: r.response ?? '', respondedOn: r.respondedOn ?? today() }}
      before={
        <p className="muted">
          责任单位：{r.department}，整改期限：{r.deadline}
          <br />
          整改要求：{r.requirement ?? '（未填写）'}
        </p>
      }
    >
      <Form.Item name="response" label="整改情况" rules={[{ required: true, min: 2, message: '请填写整改情况' }]}>
        <Input.TextArea rows={5} maxLength={5000} showCount autoFocus />
      </Form.Item>
      <Form.Item name="respondedOn" label="报告日期" rules={[{ required: true, message: '请填写报告日期' }, dateRule]}>
        <Input placeholder="如：2026-03-20" style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        name="files"
        label="整改材料"
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList}
      >
        <Upload beforeUpload={() => false} multiple>
          <Button>选择文件…</Button>
        </Upload>
      </Form.Item>
    </FormDialog>
  );
}

interface UpdateValues {
  deadline: string;
  requirement: string;
}

function UpdateDialog({ r, onClose }: { r: Rectification; onClose: () => void }) {
  const [form] = Form.useForm<UpdateValues>();
  const { busy, submit } = useSubmit(form);
  const onFinish = (v: UpdateValues) =>
    submit(
      () => call('rectifications.update', { id: r.id, deadline: v.deadline, requirement: v.requirement }),
      onClose,
    );
  return (
    <FormDialog<UpdateValues>
      form={form}
      title={`修改整改期限：${r.projectName}`}
      busy={busy}
      onFinish={onFinish}
      onCancel={onClose}
      initialValues={{ deadline: r.deadline, requirement: r.requirement ?? '' }}
    >
      <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请填写整改期限' }, dateRule]}>
        <Input placeholder="如：2026-03-20" style={{ width: 160 }} autoFocus />
      </Form.Item>
      <Form.Item name="requirement" label="整改要求">
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}
