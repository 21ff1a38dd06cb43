import { Alert, Button, Card, InputNumber, Space, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAction } from '../common/useAction';

/**
 * 会场网络: the LAN listener for the deputies' phones and the sign-in desks, off until the clerk switches it on at a
 * port. Shows this laptop's LAN address(es) and the terminal address as a QR code for the hall screen.
 */
export function LanCard() {
  const status = useApi('lan.status', {});
  const { busy, run } = useAction();
  const [port, setPort] = useState<number>(8800);
  const [qr, setQr] = useState<string | null>(null);
  const s = status.data;
  const url = s?.terminalUrl ?? null;

  useEffect(() => {
    if (!url) return setQr(null);
    let live = true;
    void QRCode.toDataURL(url, { margin: 2, width: 180 }).then((d) => live && setQr(d));
    return () => void (live = false);
  }, [url]);

  return (
    <Card
      title="会场网络"
      size="small"
      extra={s && (s.running ? <Tag color="green">已开启（端口{s.port}）</Tag> : <Tag>未开启</Tag>)}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          开启后，本机在局域网端口上只提供代表终端（手机投票）和签到台页面；请求均加密，会场 Wi-Fi
          上的其他人看不到选择或凭据。管理功能始终只在本机提供。
        </Typography.Text>
        {s && !s.available && (
          <Alert
            type="info"
            showIcon
            message="本运行方式没有会场网络：请使用桌面应用，或以主机方式运行（npm run serve -- --lan-port 端口）"
          />
        )}
        {s?.running ? (
          <Space align="start" size={24}>
            {qr && <img src={qr} alt="代表终端地址二维码" width={180} height={180} />}
            <Space orientation="vertical">
              <div>
                本机局域网地址：
                {s.addresses.map((a) => (
                  <Tag key={a}>{a}</Tag>
                ))}
              </div>
              <div>
                代表终端：<Typography.Text copyable>{url}</Typography.Text>
              </div>
              <Button
                danger
                loading={busy === 'stop'}
                onClick={() =>
                  run(
                    'stop',
                    () => call('lan.stop', {}),
                    () => {
                      void status.reload();
                      return '会场网络已关闭';
                    },
                  )
                }
              >
                关闭会场网络
              </Button>
            </Space>
          </Space>
        ) : (
          <Space>
            <label htmlFor="lan-port">端口</label>
            <InputNumber id="lan-port" min={1024} max={65535} value={port} onChange={(v) => v && setPort(v)} />
            <Button
              type="primary"
              disabled={!s?.available}
              loading={busy === 'start'}
              onClick={() =>
                run(
                  'start',
                  () => call('lan.start', { port }),
                  () => {
                    void status.reload();
                    return '会场网络已开启';
                  },
                )
              }
            >
              开启会场网络
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}
