import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin, Tabs, Tag } from 'antd';
import { useState } from 'react';
import type { ProjectList } from '../../../../shared/contract';
import { useApi } from '../../api/hooks';
import { ListDialog } from './ListDialog';
import type { PaperTab } from './PaperPage';
import { ProjectsTable } from './ProjectsTable';
import { RoundsPanel } from './RoundsPanel';

export type ListTab = 'projects' | 'rounds';

/** One candidate list: the 应选/候选/差额 header, then its candidates and its rounds of voting. */
export function ListPage({ id, tab, onTab, onBack, onPaper }: {
  id: number;
  tab: ListTab;
  onTab: (t: ListTab) => void;
  onBack: () => void;
  onPaper: (voteId: number, tab?: PaperTab) => void;
}) {
  const list = useApi('projectLists.get', { id }, ['projects.changed']);
  const [editing, setEditing] = useState(false);

  if (list.error && !list.data) return <div className="page"><Alert type="error" showIcon message={list.error} action={<Button onClick={onBack}>返回</Button>} /></div>;
  if (!list.data) return <div className="page"><Spin /></div>;
  const l = list.data;

  return (
    <div className="page">
      <ListHeader list={l} onBack={onBack} onEdit={() => setEditing(true)} />
      <Tabs
        activeKey={tab}
        onChange={(k) => onTab(k as ListTab)}
        items={[
          { key: 'projects', label: `候选项目（${l.projects.length}）`, children: <ProjectsTable list={l} /> },
          { key: 'rounds', label: '票决与结果', children: <RoundsPanel list={l} onPaper={onPaper} /> },
        ]}
      />
      {editing && <ListDialog list={l} onClose={() => setEditing(false)} />}
    </div>
  );
}

export function ListHeader({ list, onBack, onEdit }: { list: ProjectList; onBack: () => void; onEdit?: () => void }) {
  const m = list.projects.length;
  return (
    <div className="list-header">
      <div className="list-header-title">
        <Button type="link" style={{ padding: 0 }} onClick={onBack}>‹ 返回</Button>
        <h2>{list.title}</h2>
        <span className="muted">{list.bodyName} · {list.year}年度</span>
        {list.locked ? (
          <Tag color="red" icon={<LockOutlined />} data-testid="list-locked">已锁定：投票已开始，候选项目不可更改</Tag>
        ) : (
          onEdit && <Button size="small" onClick={onEdit}>修改名称/应选数</Button>
        )}
      </div>
      <Space size={12} className="list-figures" data-testid="list-figures">
        <span className="list-figure">应选<b>{list.seats}</b>项</span>
        <span className="list-figure">候选<b>{m}</b>项</span>
        <span className={`list-figure ${list.margin > 0 ? '' : 'bad'}`}>差额<b>{list.margin}</b>{list.margin > 0 ? '项' : '项（候选须多于应选）'}</span>
      </Space>
    </div>
  );
}
