import type { ProjectList } from '../../../../shared/contract';
import { call } from '../../api/client';
import { ImportFileDialog } from '../common/ImportFileDialog';

/**
 * Import candidates from .xlsx or .csv (as the government's list arrives). The preview rows use the roster's
 * shape: unitTitle is the 责任单位, constituency the 实施地点, phone the budget.
 */
export function ImportProjectsDialog({ list, onClose }: { list: ProjectList; onClose: () => void }) {
  return (
    <ImportFileDialog
      title={`导入候选项目：${list.title}`}
      hint={
        <>
          表头可用：项目名称（必填）、编号/序号、责任单位（牵头单位）、预算/总投资（万元）、实施地点、项目来源、项目简介（主要内容）。表头前可以有标题行。
          {list.projects.length > 0 && `导入的项目排在已有的${list.projects.length}个之后。`}
        </>
      }
      unit="个项目"
      preview={(file) => call('projects.importPreview', { listId: list.id, ...file })}
      commit={async (file) => `已导入${(await call('projects.importCommit', { listId: list.id, ...file })).imported}个候选项目`}
      columns={[
        { title: '项目名称', dataIndex: 'name' },
        { title: '责任单位', dataIndex: 'unitTitle', width: 180, ellipsis: true },
        { title: '实施地点', dataIndex: 'constituency', width: 140, ellipsis: true },
        { title: '预算（万元）', dataIndex: 'phone', width: 110, align: 'right' },
      ]}
      onClose={onClose}
    />
  );
}
