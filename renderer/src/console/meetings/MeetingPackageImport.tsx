import { App, Alert, Button, Descriptions, Modal, Radio, Table, Tag } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { PACKAGE_EXTENSION, type PackagePreview, type PackageResolution } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { formatDateTime } from '../../format';
import { readFileBase64 } from '../roster/download';

/**
 * 导入会议包: the file is checked and compared on the host first (meetingPackages.preview); the clerk sees what it
 * adds and updates, and decides each conflict (an edit made on both laptops) before anything is written.
 */
export function MeetingPackageImport() {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [preview, setPreview] = useState<PackagePreview | null>(null);
  const [choices, setChoices] = useState<Record<string, PackageResolution>>({});
  const [busy, setBusy] = useState(false);

  async function picked(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    setBusy(true);
    try {
      const picked = { fileName: f.name, contentBase64: await readFileBase64(f) };
      const p = await call('meetingPackages.preview', picked);
      setFile(picked);
      setChoices({});
      setPreview(p);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!file || !preview) return;
    setBusy(true);
    try {
      const done = await call('meetingPackages.import', {
        ...file,
        resolutions: Object.entries(choices).map(([key, choice]) => ({ key, choice })),
      });
      message.success(`已导入会议包“${file.fileName}”：新增${done.added}项，更新${done.updated}项`);
      setPreview(null);
      setFile(null);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const open = preview ? preview.conflicts.filter((c) => !choices[c.key]).length : 0;
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={PACKAGE_EXTENSION}
        hidden
        data-testid="package-file"
        onChange={(e) => void picked(e)}
      />
      <Button loading={busy && !preview} onClick={() => input.current?.click()}>
        导入会议包
      </Button>
      {preview && (
        <Modal
          open
          width={900}
          title={`导入会议包：${preview.meeting.title}`}
          okText={open ? `还有${open}项冲突未处理` : '确认导入'}
          okButtonProps={{ disabled: open > 0, loading: busy }}
          cancelText="取消"
          onOk={() => void commit()}
          onCancel={() => setPreview(null)}
        >
          <Descriptions
            size="small"
            column={2}
            items={[
              {
                key: 'm',
                label: '会议',
                children: `${preview.meeting.body} · ${preview.meeting.title}（${preview.meeting.status}）`,
              },
              { key: 'at', label: '导出时间', children: formatDateTime(preview.createdAt) },
              { key: 'd', label: 'SHA-256 摘要', span: 2, children: <code>{preview.digest.slice(0, 32)}…</code> },
              {
                key: 'add',
                label: '将新增',
                span: 2,
                children: preview.added.length ? preview.added.map((a) => `${a.kind}${a.count}项`).join('、') : '无',
              },
              ...(preview.audit
                ? [
                    {
                      key: 'a',
                      label: '带回审计记录',
                      span: 2,
                      children: `${preview.audit.entries}条，哈希链完整${preview.audit.linked ? '，与本机导出的会议包衔接' : ''}`,
                    },
                  ]
                : []),
            ]}
          />
          {preview.updated.length > 0 && (
            <>
              <h4>将更新（仅会议包一方有改动）</h4>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={preview.updated}
                columns={[
                  { title: '记录', dataIndex: 'record' },
                  { title: '内容', dataIndex: 'field', width: 110 },
                  { title: '本机', dataIndex: 'local' },
                  { title: '会议包', dataIndex: 'package' },
                ]}
              />
            </>
          )}
          {preview.conflicts.length > 0 ? (
            <>
              <h4 style={{ color: '#cf1322' }}>冲突：两台电脑都改动了（{preview.conflicts.length}项），请逐项选择</h4>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={preview.conflicts}
                data-testid="package-conflicts"
                columns={[
                  { title: '记录', dataIndex: 'record' },
                  { title: '内容', dataIndex: 'field', width: 110 },
                  { title: '本机', dataIndex: 'local', render: (v: string) => <Tag color="blue">{v}</Tag> },
                  { title: '会议包', dataIndex: 'package', render: (v: string) => <Tag color="orange">{v}</Tag> },
                  {
                    title: '处理',
                    key: 'choice',
                    width: 120,
                    render: (_, c) => (
                      <Radio.Group
                        style={{ display: 'flex', flexDirection: 'column', gap: 4, whiteSpace: 'nowrap' }}
                        value={choices[c.key]}
                        onChange={(e) => setChoices({ ...choices, [c.key]: e.target.value as PackageResolution })}
                      >
                        <Radio value="local">保留本机</Radio>
                        <Radio value="package">采用会议包</Radio>
                      </Radio.Group>
                    ),
                  },
                ]}
              />
            </>
          ) : (
            <Alert style={{ marginTop: 12 }} type="success" showIcon message="没有冲突" />
          )}
          {preview.keptLocal.length > 0 && (
            <p className="muted">
              本机较新、保留不变：{preview.keptLocal.map((c) => `${c.record}的${c.field}`).join('、')}
            </p>
          )}
        </Modal>
      )}
    </>
  );
}
