import { PaperClipOutlined } from '@ant-design/icons';
import { Button, List, Modal, Popconfirm, Space, Upload } from 'antd';
import type { Project } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAction } from '../common/useAction';
import { readFileBase64, saveFile } from '../roster/download';

/** A candidate's documents (论证报告, 建议原文, 合法性审查意见): projectFiles with stage 'candidate'. */
export function CandidateFilesDialog({
  project,
  editable,
  onClose,
}: {
  project: Project;
  editable: boolean;
  onClose: () => void;
}) {
  const files = useApi('projectFiles.list', { projectId: project.id, stage: 'candidate' }, ['projectFiles.changed']);
  const { busy, run } = useAction();
  return (
    <Modal
      open
      title={`候选材料：${project.number}号 ${project.name}`}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      width={620}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {editable && (
          <Upload
            showUploadList={false}
            multiple
            beforeUpload={(file) => {
              void run(
                `up-${file.name}`,
                async () =>
                  call('projectFiles.attach', {
                    projectId: project.id,
                    stage: 'candidate',
                    fileName: file.name,
                    contentBase64: await readFileBase64(file),
                  }),
                () => `已添加“${file.name}”`,
              );
              return false;
            }}
          >
            <Button icon={<PaperClipOutlined />} loading={!!busy?.startsWith('up-')}>
              添加材料
            </Button>
          </Upload>
        )}
        <List
          data-testid="candidate-files"
          locale={{ emptyText: '还没有材料（如论证报告、建议原文、合法性审查意见）' }}
          dataSource={files.data ?? []}
          loading={!files.data && !files.error}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Button
                  key="dl"
                  type="link"
                  loading={busy === `dl${f.id}`}
                  onClick={() =>
                    run(
                      `dl${f.id}`,
                      () => call('projectFiles.get', { fileId: f.id }),
                      (file) => saveFile(file),
                    )
                  }
                >
                  下载
                </Button>,
                editable && (
                  <Popconfirm
                    key="rm"
                    title={`删除“${f.fileName}”？`}
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      run(
                        `rm${f.id}`,
                        () => call('projectFiles.remove', { fileId: f.id }),
                        () => `已删除“${f.fileName}”`,
                      )
                    }
                  >
                    <Button type="link" danger>
                      删除
                    </Button>
                  </Popconfirm>
                ),
              ].filter(Boolean)}
            >
              <List.Item.Meta title={f.fileName} description={`${Math.max(1, Math.round(f.size / 1024))} KB`} />
            </List.Item>
          )}
        />
      </Space>
    </Modal>
  );
}
