import { memberNoun, type Body } from '../../../../shared/contract';
import { call } from '../../api/client';
import { ImportFileDialog } from '../common/ImportFileDialog';

/** Import a roster (名册) into one body; people already on record elsewhere are linked, not duplicated. */
export function ImportDialog({ body, onClose }: { body: Body; onClose: () => void }) {
  const noun = memberNoun[body.kind];
  return (
    <ImportFileDialog
      title={`导入名册：${body.name}`}
      hint="表头可用：姓名（必填）、性别、民族、党派、单位及职务、选区/小组、联系电话、座位号、任职起始、任职终止、备注。表头前可以有标题行。"
      unit="名"
      preview={(file) => call('roster.importPreview', { bodyId: body.id, ...file })}
      commit={async (file) => {
        const r = await call('roster.importCommit', { bodyId: body.id, ...file });
        return `已导入${r.imported}名${noun}${r.linked ? `（其中${r.linked}名为已有人员兼任）` : ''}`;
      }}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 100 },
        { title: '性别', dataIndex: 'gender', width: 60 },
        { title: '民族', dataIndex: 'ethnicity', width: 80 },
        { title: '党派', dataIndex: 'party', width: 110 },
        { title: '单位及职务', dataIndex: 'unitTitle', ellipsis: true },
        { title: '联系电话', dataIndex: 'phone', width: 130 },
      ]}
      onClose={onClose}
    />
  );
}
