import { FileExcelOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ExportedFile } from '../../../../shared/contract';
import { saveFile } from '../roster/download';
import { useAction } from './useAction';

/** 导出 Excel: calls one export, saves the file it gives, and says so (a refusal is shown as the API words it). */
export function ExportButton({
  load,
  label = '导出 Excel',
  testId,
}: {
  load: () => Promise<ExportedFile>;
  label?: string;
  testId?: string;
}) {
  const { busy, run } = useAction();
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={busy === 'export'}
      data-testid={testId}
      onClick={() =>
        void run('export', load, (f) => {
          saveFile(f);
          return `已导出“${f.fileName}”`;
        })
      }
    >
      {label}
    </Button>
  );
}
