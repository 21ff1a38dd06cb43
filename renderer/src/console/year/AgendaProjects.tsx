import { App, Button, Modal, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import type { AgendaItem, AgendaProject } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { useApi } from '../../api/hooks';
import { href, projectRecordPath } from '../routes';

const hears = (item: AgendaItem) => item.kind !== 'motion' && item.kind !== 'project_vote';

/**
 * On a meeting's agenda item (听取民生实事项目进展报告): the projects it hears, each a link to its record, and, while
 * the meeting can be edited, 听取项目 to choose them among those the host offers (agendaProjects.options). A 测评 item
 * takes its projects as ballot items instead (安排测评 offers the ones the meeting heard).
 */
export function AgendaProjects({ item, editable }: { item: AgendaItem; editable: boolean }) {
  const heard = useApi('agendaProjects.get', hears(item) ? { agendaItemId: item.id } : null, [
    'agendaProjects.changed',
  ]);
  const [picking, setPicking] = useState(false);
  if (!hears(item)) return null;
  const list = heard.data ?? [];
  if (!list.length && !editable) return null;
  return (
    <div className="agenda-projects muted" data-testid="agenda-projects">
      {list.length > 0 && (
        <span data-testid="agenda-projects-heard">
          听取项目（{list.length}项）：
          {list.map((p, i) => (
            <span key={p.projectId}>
              {i > 0 && '、'}
              <a href={href(projectRecordPath(p.projectId))}>{p.name}</a>
            </span>
          ))}
        </span>
      )}
      {editable && item.kind !== 'evaluation' && (
        <Button size="small" type="link" onClick={() => setPicking(true)} data-testid="agenda-projects-pick">
          {list.length ? '修改听取的项目' : '听取项目'}
        </Button>
      )}
      {picking && <AgendaProjectsDialog item={item} heard={list} onClose={() => setPicking(false)} />}
    </div>
  );
}

/**
 * Choose the projects an item hears: type to filter, Enter picks, Ctrl+Enter saves; a whole list at once with its
 * button. The options are the chosen projects of the lists this meeting's body may hear (the host's rule).
 */
function AgendaProjectsDialog({
  item,
  heard,
  onClose,
}: {
  item: AgendaItem;
  heard: AgendaProject[];
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const options = useApi('agendaProjects.options', { agendaItemId: item.id });
  const [ids, setIds] = useState<number[]>(heard.map((p) => p.projectId));
  const [saving, setSaving] = useState(false);
  const lists = useMemo(() => {
    const by = new Map<number, { id: number; title: string; projects: AgendaProject[] }>();
    for (const p of options.data ?? []) {
      const l = by.get(p.listId) ?? { id: p.listId, title: p.listTitle, projects: [] };
      l.projects.push(p);
      by.set(p.listId, l);
    }
    return [...by.values()];
  }, [options.data]);

  async function save() {
    setSaving(true);
    try {
      const saved = await call('agendaProjects.set', { agendaItemId: item.id, projectIds: ids });
      message.success(saved.length ? `已设定听取的项目（${saved.length}项）` : '已设定为不听取任何项目');
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`听取的项目：${item.title}`}
      okText="保存"
      cancelText="取消"
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      <div
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      >
        {options.error && <div className="error-text">{options.error}</div>}
        {options.data && !lists.length && <div className="muted">本会议可以听取的清单中还没有经票决入选的项目</div>}
        <Space wrap style={{ marginBottom: 8 }}>
          {lists.map((l) => (
            <Button
              key={l.id}
              size="small"
              onClick={() => setIds([...new Set([...ids, ...l.projects.map((p) => p.projectId)])])}
            >
              全部添加：{l.title}（{l.projects.length}项）
            </Button>
          ))}
        </Space>
        <Select
          mode="multiple"
          autoFocus
          allowClear
          style={{ width: '100%' }}
          aria-label="听取的项目"
          placeholder="输入项目名称筛选，回车选中"
          loading={options.loading}
          value={ids}
          onChange={setIds}
          optionFilterProp="label"
          options={lists.map((l) => ({
            label: l.title,
            title: l.title,
            options: l.projects.map((p) => ({ value: p.projectId, label: `${p.number}. ${p.name}` })),
          }))}
        />
        <div className="muted" style={{ marginTop: 8 }}>
          已选{ids.length}项；Ctrl+回车保存
        </div>
      </div>
    </Modal>
  );
}
