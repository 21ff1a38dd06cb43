import { Card, Descriptions, Space, Switch } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { formatDateTime } from '../../format';
import { autoScreenOnOpen, setAutoScreenOnOpen } from '../screen/offerScreen';
import { AuditLog } from './AuditLog';
import { BackupsCard } from './BackupsCard';
import { FingerprintCheckCard } from './FingerprintCheckCard';
import { LanCard } from './LanCard';
import { RuleSetsCard } from './RuleSetsCard';

/** 设置: where the data lives, the meeting rule sets, and the audit log with a check of its hash chain. */
export function SettingsPage() {
  const info = useApi('system.info', {});
  const [autoScreen, setAutoScreen] = useState(autoScreenOnOpen);

  return (
    <div className="page">
      <div className="page-title">
        <h2>设置</h2>
      </div>
      <Space orientation="vertical" style={{ width: '100%' }} size={16}>
        <Card title="系统信息" size="small">
          {info.data && (
            <Descriptions column={2} size="small">
              <Descriptions.Item label="版本">{info.data.version}</Descriptions.Item>
              <Descriptions.Item label="数据库版本">{info.data.schemaVersion}</Descriptions.Item>
              <Descriptions.Item label="数据目录">{info.data.dataDir}</Descriptions.Item>
              <Descriptions.Item label="数据库文件">{info.data.dbFile}</Descriptions.Item>
              <Descriptions.Item label="运行方式">
                {info.data.transport === 'ipc' ? '桌面应用' : '主机（浏览器访问）'}
              </Descriptions.Item>
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
        <LanCard />
        <RuleSetsCard />
        <BackupsCard />
        <FingerprintCheckCard />
        <AuditLog />
      </Space>
    </div>
  );
}
