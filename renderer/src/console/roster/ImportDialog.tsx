import { Alert, App, Button, Modal, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { memberNoun, type Body, type ImportPreview } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { readFileBase64 } from './download';

const STATUS = { new: <Tag color="green">新增</Tag>, link: <Tag color="blue">关联已有人员</Tag>, error: <Tag color="red">有误</Tag> };

/**
 * Import a roster from .xlsx or .csv: choose a file, see every row and every error (row number and column as in
 * the spreadsheet), and commit only when there is none. The commit is all-or-nothing.
 */
export function ImportDialog({ body, onClose }: { body: Body; onClose: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noun = memberNoun[body.kind];

  async function choose(f: File) {
    setBusy(true);
    setError(null);
    setPreview(null);
    try {
      const picked = { fileName: f.name, contentBase64: await readFileBase64(f) };
      setFile(picked);
      setPreview(await call('roster.importPreview', { bodyId: body.id, ...picked }));
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
      const r = await call('roster.importCommit', { bodyId: body.id, ...file });
      message.success(`已导入${r.imported}名${noun}${r.linked ? `（其中${r.linked}名为已有人员兼任）` : ''}`);
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
      title={`导入名册：${body.name}`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!canCommit} loading={busy && !!preview} onClick={commit}>
            {preview ? `确认导入 ${preview.validRows} 名` : '确认导入'}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => (void choose(f), false)}>
            <Button loading={busy && !preview}>选择 Excel (.xlsx) 或 CSV 文件</Button>
          </Upload>
          {file && <span className="muted">{file.fileName}</span>}
        </Space>
        <div className="muted">
          表头可用：姓名（必填）、性别、民族、党派、单位及职务、选区/小组、联系电话、座位号、任职起始、任职终止、备注。表头前可以有标题行。
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
                { title: '姓名', dataIndex: 'name', width: 100 },
                { title: '性别', dataIndex: 'gender', width: 60 },
                { title: '民族', dataIndex: 'ethnicity', width: 80 },
                { title: '党派', dataIndex: 'party', width: 110 },
                { title: '单位及职务', dataIndex: 'unitTitle', ellipsis: true },
                { title: '联系电话', dataIndex: 'phone', width: 130 },
                { title: '状态', dataIndex: 'status', width: 120, render: (s: keyof typeof STATUS) => STATUS[s] },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
