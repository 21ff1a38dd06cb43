import { App, Button } from 'antd';
import { memberNoun, type Body } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { ImportFileDialog } from '../common/ImportFileDialog';
import { saveFile } from './download';

/** Import a roster (名册) into one body; people already on record elsewhere are linked, not duplicated. */
export function ImportDialog({ body, onClose }: { body: Body; onClose: () => void }) {
  const noun = memberNoun[body.kind];
  const { message } = App.useApp();
  async function template() {
    try {
      saveFile(await call('roster.template', { bodyId: body.id }));
    } catch (e) {
      message.error(errorMessage(e));
    }
  }
  return (
    <ImportFileDialog
      title={`导入名册：${body.name}`}
      hint="表头可用：姓名（必填）、性别、民族、党派、单位及职务、选区/小组、联系电话、座位号、任职起始、任职终止、备注。表头前可以有标题行。"
      unit="名"
      modes
      actions={<Button onClick={template}>下载模板</Button>}
      preview={(file, mode) => call('roster.importPreview', { bodyId: body.id, ...file, mode })}
      commit={async (file, mode) => {
        const r = await call('roster.importCommit', { bodyId: body.id, ...file, mode });
        const linked = r.linked ? `（其中${r.linked}名为已有人员兼任）` : '';
        return mode === 'update'
          ? `已更新名册：新增${r.imported}名${noun}${linked}，修改${r.changed ?? 0}名，无变化${r.unchanged ?? 0}名`
          : `已导入${r.imported}名${noun}${linked}`;
      }}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 100 },
        { title: '性别', dataIndex: 'gender', width: 60 },
        { title: '民族', dataIndex: 'ethnicity', width: 80 },
        { title: '党派', dataIndex: 'party', width: 110 },
        { title: '单位及职务', dataIndex: 'unitTitle', ellipsis: { showTitle: true }, minWidth: 160 },
        { title: '联系电话', dataIndex: 'phone', width: 130 },
      ]}
      onClose={onClose}
    />
  );
}
