import { DesktopOutlined } from '@ant-design/icons';
import { App, Button, Empty, Input, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { call, errorMessage, transport } from '../../api/client';
import { useApi } from '../../api/hooks';

/**
 * Where the hall screen is shown. In the desktop app: the projector window on one of the displays. In a browser:
 * the projector page's address, to open on the hall PC.
 */
export function ProjectorWindow() {
  return transport === 'ipc' ? <DesktopDisplays /> : <BrowserLink />;
}

function DesktopDisplays() {
  const { message } = App.useApp();
  const displays = useApi('screen.displays', {}, ['displays.changed']);
  const [busy, setBusy] = useState<string | null>(null);
  const act = async (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await fn();
      message.success(done);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
      void displays.reload();
    }
  };
  const list = displays.data ?? [];
  const open = list.some((d) => d.hasProjector);
  return (
    <div data-testid="projector-displays">
      <List
        size="small"
        loading={displays.loading && !displays.data}
        locale={{ emptyText: <Empty description="没有检测到显示器" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        dataSource={list}
        renderItem={(d) => (
          <List.Item
            actions={[
              <Button
                key="open"
                size="small"
                type={d.hasProjector ? 'default' : 'primary'}
                loading={busy === `open-${d.id}`}
                onClick={() =>
                  act(
                    `open-${d.id}`,
                    () => call('screen.openWindow', { displayId: d.id }),
                    `已在“${d.label}”上打开投影`,
                  )
                }
              >
                在此显示器打开投影
              </Button>,
            ]}
          >
            <Space>
              <DesktopOutlined />
              <span>{d.label}</span>
              <span className="muted">
                {d.width}×{d.height}
              </span>
              {d.primary && <Tag>主显示器</Tag>}
              {d.hasProjector && <Tag color="red">投影中</Tag>}
            </Space>
          </List.Item>
        )}
      />
      <div style={{ marginTop: 8, display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <span className="muted">
          {list.length > 1 ? '接上会场投影仪后，选择它所在的显示器。' : '只有一个显示器：投影窗口将以窗口方式打开。'}
        </span>
        <Button
          danger
          disabled={!open}
          loading={busy === 'close'}
          onClick={() => act('close', () => call('screen.closeWindow', {}), '已关闭投影窗口')}
        >
          关闭投影窗口
        </Button>
      </div>
      {displays.error && <div className="screen-error">{displays.error}</div>}
    </div>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Plain http on the LAN is not a secure context, so the async clipboard may be missing.
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

function BrowserLink() {
  const { message } = App.useApp();
  const url = `${window.location.origin}/#/projector`;
  const local = ['localhost', '127.0.0.1', '::1', '[::1]'].includes(window.location.hostname);
  return (
    <div data-testid="projector-link">
      <div style={{ marginBottom: 6 }}>在会场投影电脑的浏览器中打开下面的地址，按 F11 全屏：</div>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          readOnly
          value={url}
          aria-label="投影页地址"
          data-testid="projector-url"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button
          type="primary"
          onClick={async () =>
            (await copyText(url)) ? message.success('已复制投影页地址') : message.error('无法复制，请手动选中地址复制')
          }
        >
          复制
        </Button>
        <Button onClick={() => window.open(url, '_blank', 'noopener')}>打开</Button>
      </Space.Compact>
      {local && (
        <div className="muted" style={{ marginTop: 6, fontSize: 13 }}>
          这是本机地址，只能在本机（已登录控制台的浏览器中）打开；管理主机不对局域网开放。要把投影送到会场大屏，请把本机接到投影仪上，在本机打开此地址后拖到大屏并按
          F11。
        </div>
      )}
    </div>
  );
}
