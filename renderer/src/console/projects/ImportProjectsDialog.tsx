import { Alert, App, Button, Modal, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import type { ImportPreview, ProjectList } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { readFileBase64 } from '../roster/download';

/**
 * Import candidates from .xlsx or .csv (as the government's list arrives): every row and every error (row and column
 * as in the spreadsheet) is shown, and nothing is written until the whole file is clean.
 * The preview rows use the roster's shape: unitTitle is the 责任单位, constituency the 实施地点, phone the budget.
 */
export function ImportProjectsDialog({ list, onClose }: { list: ProjectList; onClose: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function choose(f: File) {
    setBusy(true);
    setError(null);
    setPreview(null);
    try {
      const picked = { fileName: f.name, contentBase64: await readFileBase64(f) };
      setFile(picked);
      setPreview(await call('projects.importPreview', { listId: list.id, ...picked }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!file) return;
    setBusy(true);
    try {
      const r = await call('projects.importCommit', { listId: list.id, ...file });
      message.success(`已导入${r.imported}个候选项目`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const issues = preview?.issues ?? [];
  const canCommit = !!preview && issues.length === 0 && preview.validRows > 0;

  return (
    <Modal
      open
      width={1000}
      title={`导入候选项目：${list.title}`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!canCommit} loading={busy && !!preview} onClick={commit}>
            {preview ? `确认导入 ${preview.validRows} 个项目` : '确认导入'}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => (void choose(f), false)}>
            <Button loading={busy && !preview}>选择 Excel (.xlsx) 或 CSV 文件</Button>
          </Upload>
          {file && <span className="muted">{file.fileName}</span>}
        </Space>
        <div className="muted">
          表头可用：项目名称（必填）、编号/序号、责任单位（牵头单位）、预算/总投资（万元）、实施地点、项目来源、项目简介（主要内容）。表头前可以有标题行。
          {list.projects.length > 0 && `导入的项目排在已有的${list.projects.length}个之后。`}
        </div>
        {error && <Alert type="error" showIcon message={error} />}
        {preview && (
          <>
            <Alert
              type={issues.length ? 'error' : 'success'}
              showIcon
              data-testid="import-summary"
              message={
                issues.length
                  ? `共 ${preview.totalRows} 行，发现 ${issues.length} 处错误。请在表格中改正后重新选择文件；改正前不会导入任何一行。`
                  : `共 ${preview.totalRows} 行，全部有效，可以导入。`
              }
              description={`工作表：${preview.sheetName ?? 'CSV'}，表头在第 ${preview.headerRow} 行；识别的列：${preview.columns.map((c) => `${c.header}→${c.field}`).join('，')}`}
            />
            {issues.length > 0 && (
              <Table
                size="small"
                rowKey={(i) => `${i.row}-${i.field}-${i.message}`}
                dataSource={issues}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                data-testid="import-issues"
                columns={[
                  { title: '行号', dataIndex: 'row', width: 80, render: (r: number) => (r ? `第 ${r} 行` : '文件') },
                  { title: '列', dataIndex: 'field', width: 140 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            )}
            <Table
              size="small"
              rowKey="row"
              dataSource={preview.rows}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ y: 300 }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 70 },
                { title: '项目名称', dataIndex: 'name' },
                { title: '责任单位', dataIndex: 'unitTitle', width: 180, ellipsis: true },
                { title: '实施地点', dataIndex: 'constituency', width: 140, ellipsis: true },
                { title: '预算（万元）', dataIndex: 'phone', width: 110, align: 'right' },
                { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => (s === 'error' ? <Tag color="red">有误</Tag> : <Tag color="green">新增</Tag>) },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
