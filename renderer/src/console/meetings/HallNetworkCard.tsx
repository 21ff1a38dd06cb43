import { Alert, Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CredentialInfo, DeskInfo, DeskLink, Meeting } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { formatDateTime } from '../../format';
import { useConfirm } from '../common/confirm';
import { PrintButton } from '../common/PrintPreview';
import { useAction } from '../common/useAction';

/**
 * 会场网络 on a meeting (issue 13): the deputies' slips (投票码 for the phone, 签到码 for the door), a lost slip
 * voided or issued anew, and the sign-in desks with their links. The codes themselves are never listed: they are
 * printed on the slips and shown once per desk link, each an audited step.
 */
export function HallNetworkCard({ meeting }: { meeting: Meeting }) {
  const lan = useApi('lan.status', {});
  const creds = useApi('credentials.list', { meetingId: meeting.id });
  const desks = useApi('desks.list', { meetingId: meeting.id });
  const { busy, run } = useAction();
  const confirm = useConfirm();
  const [deskName, setDeskName] = useState('');
  const [shown, setShown] = useState<DeskLink | null>(null);
  if (meeting.status === 'closed') return null;
  const running = !!lan.data?.running;

  async function change(c: CredentialInfo, how: 'revoke' | 'reissue') {
    const ok = await confirm({
      title: how === 'revoke' ? `作废${c.name}的凭条？` : `为${c.name}重发凭条？`,
      content:
        how === 'revoke'
          ? '其投票码和签到码立即失效（如凭条遗失）。需要时可再重发。'
          : '旧的投票码和签到码作废，生成新的；请随后重新打印凭条交给本人。',
      okText: how === 'revoke' ? '作废' : '重发',
      danger: how === 'revoke',
    });
    if (!ok) return;
    await run(
      `${how}-${c.membershipId}`,
      () =>
        call(how === 'revoke' ? 'credentials.revoke' : 'credentials.reissue', {
          meetingId: meeting.id,
          membershipId: c.membershipId,
        }),
      () => {
        void creds.reload();
        return how === 'revoke' ? `已作废${c.name}的凭条` : `已为${c.name}重新生成凭条，请重新打印`;
      },
    );
  }

  const addDesk = () =>
    run(
      'desk-add',
      () => call('desks.create', { meetingId: meeting.id, name: deskName }),
      (d) => {
        setDeskName('');
        setShown(d);
        void desks.reload();
        return `已新增签到台“${d.name}”`;
      },
    );

  return (
    <Card
      size="small"
      title="会场网络：凭条与签到台"
      style={{ marginTop: 16 }}
      data-testid="hall-network"
      extra={
        <PrintButton
          testId="print-slips"
          label="打印代表凭条"
          target={{ doc: 'slips', id: meeting.id, title: `${meeting.title}代表凭条` }}
        />
      }
    >
      {!running && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="会场网络未开启：凭条上的投票码含有会场网络地址，请先在“设置 › 会场网络”中开启，再打印凭条、新增签到台。"
        />
      )}
      <Space align="start" size={24} wrap style={{ width: '100%' }}>
        <div style={{ minWidth: 360, flex: 1 }}>
          <Typography.Title level={5}>代表凭条</Typography.Title>
          <Table<CredentialInfo>
            size="small"
            rowKey="membershipId"
            data-testid="credentials"
            loading={!creds.data && !creds.error}
            dataSource={creds.data ?? []}
            pagination={{ pageSize: 8, showSizeChanger: false }}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              {
                title: '状态',
                dataIndex: 'state',
                width: 90,
                render: (s: CredentialInfo['state'], c) =>
                  s === 'active' ? (
                    <Tag color="green">有效{c.generation > 1 ? `（第${c.generation}版）` : ''}</Tag>
                  ) : (
                    <Tag color="red">已作废</Tag>
                  ),
              },
              {
                title: '',
                key: 'op',
                width: 130,
                render: (_v, c) => (
                  <Space size={4}>
                    {c.state === 'active' && (
                      <Button
                        size="small"
                        danger
                        loading={busy === `revoke-${c.membershipId}`}
                        onClick={() => void change(c, 'revoke')}
                      >
                        作废
                      </Button>
                    )}
                    <Button
                      size="small"
                      loading={busy === `reissue-${c.membershipId}`}
                      onClick={() => void change(c, 'reissue')}
                    >
                      重发
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </div>
        <div style={{ minWidth: 320, flex: 1 }}>
          <Typography.Title level={5}>签到台</Typography.Title>
          <Space.Compact style={{ marginBottom: 8 }}>
            <Input
              aria-label="签到台名称"
              placeholder="如：东门"
              maxLength={20}
              value={deskName}
              disabled={!running}
              onChange={(e) => setDeskName(e.target.value)}
              onPressEnter={() => void addDesk()}
            />
            <Button type="primary" disabled={!running} loading={busy === 'desk-add'} onClick={() => void addDesk()}>
              新增签到台
            </Button>
          </Space.Compact>
          <Table<DeskInfo>
            size="small"
            rowKey="id"
            data-testid="desks"
            pagination={false}
            dataSource={desks.data ?? []}
            locale={{ emptyText: '还没有签到台' }}
            columns={[
              { title: '名称', dataIndex: 'name' },
              { title: '新增时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              {
                title: '状态',
                dataIndex: 'state',
                width: 80,
                render: (s: DeskInfo['state']) => (s === 'active' ? <Tag color="green">可用</Tag> : <Tag>已停用</Tag>),
              },
              {
                title: '',
                key: 'op',
                width: 150,
                render: (_v, d) =>
                  d.state === 'active' && (
                    <Space size={4}>
                      <Button
                        size="small"
                        disabled={!running}
                        loading={busy === `link-${d.id}`}
                        onClick={() =>
                          void run(
                            `link-${d.id}`,
                            () => call('desks.link', { id: d.id }),
                            (l) => {
                              setShown(l);
                            },
                          )
                        }
                      >
                        链接
                      </Button>
                      <Button
                        size="small"
                        danger
                        loading={busy === `stop-${d.id}`}
                        onClick={() =>
                          void run(
                            `stop-${d.id}`,
                            () => call('desks.revoke', { id: d.id }),
                            () => {
                              void desks.reload();
                              return `已停用签到台“${d.name}”`;
                            },
                          )
                        }
                      >
                        停用
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
        </div>
      </Space>
      <Modal
        open={!!shown}
        title={shown ? `签到台“${shown.name}”的链接` : ''}
        footer={null}
        onCancel={() => setShown(null)}
        destroyOnHidden
      >
        {shown?.link && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="desk-link">
            <span>在门口的电脑或平板上打开这个链接（或扫描二维码）；它只能登记本次会议的签到。</span>
            {shown.qrSvg && (
              <div
                style={{ width: 200, height: 200 }}
                aria-label="签到台链接二维码"
                dangerouslySetInnerHTML={{ __html: shown.qrSvg }}
              />
            )}
            <Typography.Text copyable code>
              {shown.link}
            </Typography.Text>
          </Space>
        )}
      </Modal>
    </Card>
  );
}
