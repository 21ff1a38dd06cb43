import { Alert, App, Button, Modal, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import type { ImportPreview, ImportRowPreview } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { readFileBase64 } from '../roster/download';

export const IMPORT_STATUS = { new: <Tag color="green">新增</Tag>, link: <Tag color="blue">关联已有人员</Tag>, error: <Tag color="red">有误</Tag> };

export interface PickedFile {
  fileName: string;
  contentBase64: string;
}

interface Props {
  title: string;
  /** What headers the file may have, shown above the file button. */
  hint: ReactNode;
  /** "名", "个项目": the unit on the confirm button. */
  unit: string;
  preview: (file: PickedFile) => Promise<ImportPreview>;
  /** Writes the file; returns the success message. */
  commit: (file: PickedFile) => Promise<string>;
  /** Columns for the preview rows, before 行号 and 状态. */
  columns: TableColumnsType<ImportRowPreview>;
  onClose: () => void;
}

/**
 * Import a spreadsheet (.xlsx or .csv): choose a file, see every row and every error (row number and column as in
 * the spreadsheet), and commit only when there is none. The commit is all-or-nothing. Used for rosters and
 * candidate projects.
 */
export function ImportFileDialog({ title, hint, unit, preview: readPreview, commit: write, columns, onClose }: Props) {
  const { message } = App.useApp();
  const [file, setFile] = useState<PickedFile | null>(null);
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
      setPreview(await readPreview(picked));
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
      message.success(await write(file));
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
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!canCommit} loading={busy && !!preview} onClick={commit}>
            {preview ? `确认导入 ${preview.validRows} ${unit}` : '确认导入'}
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
          {hint}
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
                ...columns,
                { title: '状态', dataIndex: 'status', width: 120, render: (s: keyof typeof IMPORT_STATUS) => IMPORT_STATUS[s] },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
