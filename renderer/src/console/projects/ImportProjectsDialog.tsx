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
          表头可用：项目名称（必填）、编号/序号、来源（代表建议、群众征集、部门申报、民情联络员、其他）、提出人、类型、状态（征集、初审、论证/评估、合法性审查、确定为候选、未入选；不填为确定为候选）、未入选原因（未入选的必填）、责任单位、预算（万元）、实施地点、项目简介。表头前可以有标题行；任一行有误则整个文件不导入。可先下载“导入模板”。
          {list.projects.length > 0 && `导入的项目排在已有的${list.projects.length}个之后。`}
        </>
      }
      unit="个项目"
      preview={(file) => call('projects.importPreview', { listId: list.id, ...file })}
      commit={async (file) =>
        `已导入${(await call('projects.importCommit', { listId: list.id, ...file })).imported}个候选项目`
      }
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
