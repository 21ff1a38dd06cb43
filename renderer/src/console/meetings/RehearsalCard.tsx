import { Alert, Button, Card, InputNumber, Progress, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  MAX_REHEARSAL_TERMINALS,
  rehearsalKindLabels,
  REHEARSAL_KINDS,
  type Meeting,
  type RehearsalKind,
} from '../../../../shared/contract';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAction } from '../common/useAction';

/**
 * 演练 (issue 13 item 7): a simulated vote of N terminals against a sandbox copy of this meeting, over the hall's
 * sealed LAN protocol, to try the Wi-Fi and the terminals before the session. The real record is not touched;
 * the banner says so while it runs. Progress is polled twice a second while a rehearsal runs.
 */
export function RehearsalCard({ meeting }: { meeting: Meeting }) {
  const status = useApi('rehearsals.status', {});
  const { busy, run } = useAction();
  const [terminals, setTerminals] = useState(50);
  const [rate, setRate] = useState(50);
  const [kind, setKind] = useState<RehearsalKind>('motion');
  const s = status.data;
  const mine = !!s?.running && s.meetingId === meeting.id;
  const reload = status.reload;

  useEffect(() => {
    if (!s?.running || s.finished) return;
    const timer = setInterval(() => void reload(), 500);
    return () => clearInterval(timer);
  }, [s?.running, s?.finished, reload]);

  if (!s || meeting.status === 'closed') return null;
  const fmt = (v: number | null) => (v === null ? '—' : `${Math.round(v)} ms`);
  return (
    <Card
      size="small"
      title="演练"
      style={{ marginTop: 16 }}
      extra={mine ? <Tag color={s.finished ? 'green' : 'orange'}>{s.finished ? '演练完成' : '演练中'}</Tag> : null}
    >
      {mine ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            banner
            message="演练中：不影响正式会议记录"
            description={`在本会议的副本中模拟${s.terminals}个终端${rehearsalKindLabels[s.kind!]}，每秒${s.ratePerSecond}个；结束演练即删除副本。`}
          />
          <Space size={40} wrap>
            <Statistic title="已应答" value={`${s.answered} / ${s.terminals}`} />
            <Statistic title="确认耗时 p50" value={fmt(s.p50Ms)} />
            <Statistic title="确认耗时 p95" value={fmt(s.p95Ms)} />
            <Statistic title="确认耗时 p99" value={fmt(s.p99Ms)} />
            <Statistic title="用时" value={`${(s.elapsedMs / 1000).toFixed(1)} 秒`} />
          </Space>
          <Progress
            percent={Math.floor((s.answered / s.terminals) * 100)}
            status={s.refused ? 'exception' : s.finished ? 'success' : 'active'}
          />
          {s.refused > 0 && (
            <Alert type="error" showIcon message={`${s.refused}个终端未能投票`} description={s.errors.join('；')} />
          )}
          {s.terminalUrl && (
            <Typography.Text type="secondary">
              演练终端地址：{s.terminalUrl}（演练副本有自己的凭据，正式凭条在此无效）
            </Typography.Text>
          )}
          <Button
            danger
            loading={busy === 'stop'}
            onClick={() =>
              run(
                'stop',
                () => call('rehearsals.stop', {}),
                (r) => {
                  void reload();
                  return `演练已结束：已应答${r.answered}/${r.terminals}，副本已删除`;
                },
              )
            }
          >
            结束演练
          </Button>
        </Space>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            会前用模拟终端在本会议的副本中投一轮票，检验会场 Wi-Fi、大屏和终端；不影响正式会议记录。
          </Typography.Text>
          {!s.available && (
            <Alert
              type="info"
              showIcon
              message="本运行方式不能演练：请使用桌面应用，或以主机方式运行（npm run serve）"
            />
          )}
          {s.running && <Alert type="info" showIcon message={`另一场演练正在进行（${s.meetingTitle}）`} />}
          <Space wrap>
            <label htmlFor="rehearsal-terminals">模拟终端数</label>
            <InputNumber
              id="rehearsal-terminals"
              min={1}
              max={MAX_REHEARSAL_TERMINALS}
              value={terminals}
              onChange={(v) => v && setTerminals(v)}
            />
            <label htmlFor="rehearsal-rate">每秒投票数</label>
            <InputNumber id="rehearsal-rate" min={1} max={10000} value={rate} onChange={(v) => v && setRate(v)} />
            <label htmlFor="rehearsal-kind">类型</label>
            <Select
              id="rehearsal-kind"
              style={{ width: 100 }}
              value={kind}
              onChange={setKind}
              options={REHEARSAL_KINDS.map((k) => ({ value: k, label: rehearsalKindLabels[k] }))}
            />
            <Button
              type="primary"
              disabled={!s.available || s.running}
              loading={busy === 'start'}
              onClick={() =>
                run(
                  'start',
                  () => call('rehearsals.start', { meetingId: meeting.id, terminals, rate, kind }),
                  () => {
                    void reload();
                    return '演练已开始';
                  },
                )
              }
            >
              开始演练
            </Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}
