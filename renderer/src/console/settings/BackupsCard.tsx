import { Alert, Button, Card, Input, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { backupReasonLabels, type BackupInfo } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { formatDateTime } from '../../format';
import { useConfirm } from '../common/confirm';
import { useAction } from '../common/useAction';
import { readFileBase64 } from '../roster/download';

const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

/**
 * 数据备份: the backups taken when a meeting opens and closes, every few minutes while it sits, and by hand; a restore
 * is checked on the host first (integrity, version, a 议事台 file at all) and takes effect when 议事台 next starts,
 * after the file it replaces has itself been backed up.
 */
export function BackupsCard() {
  const list = useApi('backups.list', {}, ['backups.changed']);
  const { busy, run } = useAction();
  const confirm = useConfirm();
  const [note, setNote] = useState('');
  const data = list.data;

  async function restore(b: BackupInfo) {
    const ok = await confirm({
      title: '从这份备份恢复？',
      content: `将用“${b.name}”（${formatDateTime(b.createdAt)}，${backupReasonLabels[b.reason]}）替换当前数据，下次启动议事台时生效；替换前会先备份当前数据。之后录入的内容不在这份备份中。`,
      okText: '恢复',
      danger: true,
    });
    if (ok)
      await run(
        `restore-${b.name}`,
        () => call('backups.restore', { name: b.name }),
        () => {
          void list.reload();
          return '已安排恢复：请关闭并重新启动议事台';
        },
      );
  }

  // A copy kept elsewhere (a USB stick, the office laptop): checked on the host like a backup in the folder, and
  // also against its own audit chain.
  async function restoreFromFile(f: File) {
    const ok = await confirm({
      title: '从这个文件恢复？',
      content: `将用文件“${f.name}”（${sizeText(f.size)}）替换当前数据，下次启动议事台时生效；替换前会先备份当前数据。文件会先检查完整性、数据库版本和审计日志，不合格则不恢复。`,
      okText: '恢复',
      danger: true,
    });
    if (ok) {
      await run(
        'restore-file',
        async () => call('backups.restoreFile', { fileName: f.name, contentBase64: await readFileBase64(f) }),
        () => {
          void list.reload();
          return '已安排恢复：请关闭并重新启动议事台';
        },
      );
    }
  }

  return (
    <Card title="数据备份" size="small" data-testid="backups">
      {data?.pendingRestore && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="pending-restore"
          message={`已安排从“${data.pendingRestore.from}”恢复（${formatDateTime(data.pendingRestore.requestedAt)}），重新启动议事台后生效`}
        />
      )}
      {list.error && <Alert type="error" showIcon message={list.error} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <Input
          aria-label="备份备注"
          placeholder="备注（可不填）"
          value={note}
          maxLength={100}
          onChange={(e) => setNote(e.target.value)}
          style={{ width: 240 }}
          onPressEnter={() =>
            void run(
              'create',
              () => call('backups.create', { note }),
              (b) => {
                setNote('');
                return `已备份：${b.name}`;
              },
            )
          }
        />
        <Button
          type="primary"
          loading={busy === 'create'}
          onClick={() =>
            void run(
              'create',
              () => call('backups.create', { note }),
              (b) => {
                setNote('');
                return `已备份：${b.name}`;
              },
            )
          }
        >
          立即备份
        </Button>
        <Upload
          accept=".sqlite"
          showUploadList={false}
          beforeUpload={(f) => {
            void restoreFromFile(f);
            return false;
          }}
        >
          <Button danger loading={busy === 'restore-file'} data-testid="restore-file">
            从文件恢复…
          </Button>
        </Upload>
        {data && (
          <span className="muted">
            会议开始、结束时和会议进行中每{data.intervalMinutes}分钟自动备份，保留最近{data.keepAutomatic}
            份自动备份；位置：{data.dir}
          </span>
        )}
      </Space>
      <Table<BackupInfo>
        size="small"
        rowKey="name"
        loading={list.loading && !data}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        locale={{ emptyText: '还没有备份' }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', width: 190, render: (v: string) => formatDateTime(v) },
          {
            title: '原因',
            dataIndex: 'reason',
            width: 90,
            render: (r: BackupInfo['reason']) => <Tag>{backupReasonLabels[r]}</Tag>,
          },
          { title: '备注', dataIndex: 'note', render: (n: string | null) => n ?? '' },
          { title: '大小', dataIndex: 'size', width: 90, align: 'right', render: sizeText },
          { title: '数据库版本', dataIndex: 'schemaVersion', width: 96, align: 'right' },
          {
            title: '审计链末条',
            dataIndex: 'auditHead',
            width: 140,
            render: (h: BackupInfo['auditHead']) =>
              h ? (
                <span title={h.hash}>
                  #{h.id} {h.hash.slice(0, 8)}
                </span>
              ) : (
                ''
              ),
          },
          {
            title: '',
            key: 'op',
            width: 80,
            render: (_v, b) => (
              <Button size="small" danger loading={busy === `restore-${b.name}`} onClick={() => void restore(b)}>
                恢复
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
