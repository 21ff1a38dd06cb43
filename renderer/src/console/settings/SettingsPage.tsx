import { Alert, Button, Card, Descriptions, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import type { AuditEntry, AuditVerification } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { useApi } from '../../api/hooks';
import { formatDateTime } from '../../format';
import { autoScreenOnOpen, setAutoScreenOnOpen } from '../screen/offerScreen';

/** 设置: where the data lives, and the audit log with a check of its hash chain. */
export function SettingsPage() {
  const info = useApi('system.info', {});
  const audit = useApi('audit.list', { limit: 200 }, ['audit.appended']);
  const [autoScreen, setAutoScreen] = useState(autoScreenOnOpen);
  const [check, setCheck] = useState<AuditVerification | { ok: false; message: string } | null>(null);

  async function verify() {
    try {
      setCheck(await call('audit.verify', {}));
    } catch (e) {
      setCheck({ ok: false, message: errorMessage(e) });
    }
  }

  return (
    <div className="page">
      <div className="page-title"><h2>设置</h2></div>
      <Space orientation="vertical" style={{ width: '100%' }} size={16}>
        <Card title="系统信息" size="small">
          {info.data && (
            <Descriptions column={2} size="small">
              <Descriptions.Item label="版本">{info.data.version}</Descriptions.Item>
              <Descriptions.Item label="数据库版本">{info.data.schemaVersion}</Descriptions.Item>
              <Descriptions.Item label="数据目录">{info.data.dataDir}</Descriptions.Item>
              <Descriptions.Item label="数据库文件">{info.data.dbFile}</Descriptions.Item>
              <Descriptions.Item label="运行方式">{info.data.transport === 'ipc' ? '桌面应用' : '主机（浏览器访问）'}</Descriptions.Item>
              <Descriptions.Item label="启动时间">{formatDateTime(info.data.startedAt)}</Descriptions.Item>
            </Descriptions>
          )}
        </Card>
        <Card title="投影" size="small">
          <Space>
            <Switch
              id="auto-screen"
              checked={autoScreen}
              onChange={(on) => {
                setAutoScreenOnOpen(on);
                setAutoScreen(on);
              }}
            />
            <label htmlFor="auto-screen">开始表决或票决后自动投到大屏（关闭时，开始后提示“投到大屏”）</label>
          </Space>
        </Card>
        <Card title="审计日志" size="small" extra={<Button onClick={verify}>校验哈希链</Button>}>
          {check && <Alert style={{ marginBottom: 12 }} showIcon type={check.ok ? 'success' : 'error'} message={check.message} data-testid="audit-check" />}
          <Table<AuditEntry>
            size="small"
            rowKey="id"
            dataSource={audit.data ?? []}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: '序号', dataIndex: 'id', width: 70 },
              { title: '时间', dataIndex: 'at', width: 200, render: formatDateTime },
              { title: '操作者', dataIndex: 'actor', width: 140 },
              { title: '操作', dataIndex: 'action', width: 140 },
              { title: '对象', render: (_v, e) => `${e.entity}${e.entityId ? ` #${e.entityId}` : ''}`, width: 140 },
              { title: '内容', dataIndex: 'detail', ellipsis: true, render: (d: unknown) => JSON.stringify(d) },
              { title: '哈希', dataIndex: 'hash', width: 120, render: (h: string) => <code>{h.slice(0, 10)}…</code> },
            ]}
          />
        </Card>
      </Space>
    </div>
  );
}
