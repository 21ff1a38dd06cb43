import { Alert, App, Button, Modal, Radio, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import type { ImportFieldChange, ImportMode, ImportPreview, ImportRowPreview } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { readFileBase64 } from '../roster/download';

export const IMPORT_STATUS = {
  new: <Tag color="green">新增</Tag>,
  link: <Tag color="blue">关联已有人员</Tag>,
  error: <Tag color="red">有误</Tag>,
  changed: <Tag color="orange">修改</Tag>,
  unchanged: <Tag>无变化</Tag>,
};

/** 单位及职务：甲 → 乙, one line per field. */
function ChangeList({ changes }: { changes: ImportFieldChange[] }) {
  if (!changes.length) return <span className="muted">—</span>;
  return (
    <div className="audit-detail">
      {changes.map((c) => (
        <div key={c.field}>
          {c.field}：
          <span className="muted" style={{ textDecoration: 'line-through' }}>
            {c.before ?? '（空）'}
          </span>{' '}
          → <b>{c.after ?? '（空）'}</b>
        </div>
      ))}
    </div>
  );
}

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
  preview: (file: PickedFile, mode: ImportMode) => Promise<ImportPreview>;
  /** Writes the file; returns the success message. */
  commit: (file: PickedFile, mode: ImportMode) => Promise<string>;
  /** Offer 新增 / 更新已有成员 (rosters); without it every import adds. */
  modes?: boolean;
  /** Beside the file button, e.g. 下载模板. */
  actions?: ReactNode;
  /** Columns for the preview rows, before 行号 and 状态. */
  columns: TableColumnsType<ImportRowPreview>;
  onClose: () => void;
}

/**
 * Import a spreadsheet (.xlsx or .csv): choose a file, see every row and every error (row number and column as in
 * the spreadsheet), and commit only when there is none. The commit is all-or-nothing. Used for rosters and
 * candidate projects.
 */
export function ImportFileDialog({
  title,
  hint,
  unit,
  preview: readPreview,
  commit: write,
  columns,
  onClose,
  modes,
  actions,
}: Props) {
  const { message } = App.useApp();
  const [mode, setMode] = useState<ImportMode>('add');
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load(picked: PickedFile | Promise<PickedFile>, as: ImportMode) {
    setBusy(true);
    setError(null);
    setPreview(null);
    try {
      const f = await picked;
      setFile(f);
      setPreview(await readPreview(f, as));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const choose = (f: File) =>
    load(
      readFileBase64(f).then((contentBase64) => ({ fileName: f.name, contentBase64 })),
      mode,
    );

  function switchMode(m: ImportMode) {
    setMode(m);
    if (file) void load(file, m);
  }

  async function commit() {
    if (!file) return;
    setBusy(true);
    try {
      message.success(await write(file, mode));
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const issues = preview?.issues ?? [];
  const update = preview?.update;
  const canCommit =
    !!preview && issues.length === 0 && preview.validRows > 0 && (!update || update.added + update.changed > 0);
  const commitLabel = !preview
    ? '确认导入'
    : update
      ? `确认更新：新增 ${update.added} ${unit}，修改 ${update.changed} ${unit}`
      : `确认导入 ${preview.validRows} ${unit}`;

  return (
    <Modal
      open
      width={update ? 1240 : 1000}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!canCommit} loading={busy && !!preview} onClick={commit}>
            {commitLabel}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {modes && (
          <Radio.Group
            value={mode}
            onChange={(e) => switchMode(e.target.value as ImportMode)}
            optionType="button"
            aria-label="导入方式"
            options={[
              { value: 'add', label: '新增' },
              { value: 'update', label: '更新已有成员' },
            ]}
          />
        )}
        {modes && (
          <div className="muted" data-testid="import-mode-hint">
            {mode === 'add'
              ? '新增：表中每一行都作为新成员导入；已在名册中的人会报错。'
              : '更新已有成员：按“姓名＋联系电话”、“姓名＋座位号”或名册中唯一的姓名对应已有成员，修改表中填写的字段（空白单元格保留原值）；对应不上的行作为新成员导入；表中没有的成员不会被设为离任。'}
          </div>
        )}
        <Space>
          <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => (void choose(f), false)}>
            <Button loading={busy && !preview}>选择 Excel (.xlsx) 或 CSV 文件</Button>
          </Upload>
          {actions}
          {file && <span className="muted">{file.fileName}</span>}
        </Space>
        <div className="muted">{hint}</div>
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
                  : update
                    ? `共 ${preview.totalRows} 行，全部有效：新增 ${update.added} ${unit}${update.linked ? `（其中 ${update.linked} ${unit}为已有人员兼任）` : ''}，` +
                      `修改 ${update.changed} ${unit}，无变化 ${update.unchanged} ${unit}。`
                    : `共 ${preview.totalRows} 行，全部有效，可以导入。`
              }
              description={`工作表：${preview.sheetName ?? 'CSV'}，表头在第 ${preview.headerRow} 行；识别的列：${preview.columns.map((c) => `${c.header}→${c.field}`).join('，')}`}
            />
            {update && update.missing.length > 0 && (
              <Alert
                type="info"
                showIcon
                data-testid="import-missing"
                message={`名册中有 ${update.missing.length} ${unit}不在本文件中，导入后仍保留在名册中（不会自动离任）`}
                description={
                  update.missing
                    .slice(0, 30)
                    .map((m) => m.name)
                    .join('、') + (update.missing.length > 30 ? `等 ${update.missing.length} ${unit}` : '')
                }
              />
            )}
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
              // The change column needs room of its own; the table then scrolls sideways rather than squeezing a column out.
              scroll={{ y: 300, x: update ? 1120 : undefined }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 70 },
                ...columns,
                ...(update
                  ? [
                      {
                        title: '改动（原 → 新）',
                        dataIndex: 'changes',
                        width: 280,
                        render: (c: ImportFieldChange[] | undefined) => (c ? <ChangeList changes={c} /> : null),
                      },
                    ]
                  : []),
                {
                  title: '状态',
                  dataIndex: 'status',
                  width: 120,
                  render: (s: keyof typeof IMPORT_STATUS) => IMPORT_STATUS[s],
                },
              ]}
              data-testid="import-rows"
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
