import { Alert, Button, Card, Input, Space } from 'antd';
import { useState } from 'react';
import type { FingerprintCheck } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';

/**
 * 核验指纹: the clerk types the code printed at the foot of a result document (or scans its QR into the box) and
 * sees whether the file still holds that record. Every code read is kept as an anchor of 校验哈希链.
 */
export function FingerprintCheckCard() {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<FingerprintCheck | { status: 'error'; message: string } | null>(null);

  async function check() {
    setBusy(true);
    try {
      setAnswer(await call('fingerprints.check', { code }));
    } catch (e) {
      setAnswer({ status: 'error', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  const type = !answer
    ? 'info'
    : answer.status === 'found'
      ? answer.chainOk
        ? 'success'
        : 'warning'
      : answer.status === 'not_found'
        ? 'warning'
        : 'error';
  return (
    <Card title="核验指纹" size="small">
      <p className="muted" style={{ marginTop: 0 }}>
        表决结果公告、票决结果公告、测评结果和会议纪要的页脚印有指纹（如“128-7KQ4-M2XP-9HTW”）和二维码。输入或扫码，核对纸面结果与本机数据是否一致；核验过的指纹此后作为审计日志校验的外部锚点。
      </p>
      <Space.Compact style={{ width: 460, maxWidth: '100%' }}>
        <Input
          aria-label="指纹"
          placeholder="输入纸面上的指纹，如 128-7KQ4-M2XP-9HTW"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={() => void check()}
          style={{ fontFamily: 'ui-monospace, monospace', letterSpacing: 1 }}
          allowClear
        />
        <Button type="primary" onClick={() => void check()} loading={busy} disabled={!code.trim()}>
          核验
        </Button>
      </Space.Compact>
      {answer && (
        <Alert
          style={{ marginTop: 12 }}
          showIcon
          type={type}
          data-testid="fingerprint-check"
          // The description states the finding (指纹一致：…); the heading is the verdict, so it does not say it twice.
          message={
            answer.status === 'found'
              ? answer.chainOk
                ? '核验通过'
                : '核验通过，但审计链有问题'
              : answer.status === 'altered'
                ? '核验未通过'
                : answer.status === 'not_found'
                  ? '未找到'
                  : '无法核验'
          }
          description={answer.message}
        />
      )}
    </Card>
  );
}
