import { CheckCircleFilled, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Spin, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { adoptionText, type ProjectList } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useConfirm } from '../common/confirm';
import { useAction } from '../common/useAction';
import { AdoptDialog } from './AdoptDialog';
import { ListDialog } from './ListDialog';
import type { PaperTab } from './PaperPage';
import { ProjectsTable } from './ProjectsTable';
import { RoundsPanel } from './RoundsPanel';

export type ListTab = 'projects' | 'rounds';

/** One candidate list: the 应选/候选/差额 header and its adoption, then its candidates and its rounds of voting. */
export function ListPage({
  id,
  tab,
  onTab,
  onBack,
  onPaper,
}: {
  id: number;
  tab: ListTab;
  onTab: (t: ListTab) => void;
  onBack: () => void;
  onPaper: (voteId: number, tab?: PaperTab) => void;
}) {
  const list = useApi('projectLists.get', { id }, ['projects.changed']);
  const [editing, setEditing] = useState(false);
  const [adopting, setAdopting] = useState(false);

  if (list.error && !list.data)
    return (
      <div className="page">
        <Alert type="error" showIcon message={list.error} action={<Button onClick={onBack}>返回</Button>} />
      </div>
    );
  if (!list.data)
    return (
      <div className="page">
        <Spin />
      </div>
    );
  const l = list.data;

  return (
    <div className="page">
      <ListHeader list={l} onBack={onBack} onEdit={() => setEditing(true)} />
      <AdoptionBar list={l} onAdopt={() => setAdopting(true)} />
      <Tabs
        activeKey={tab}
        onChange={(k) => onTab(k as ListTab)}
        items={[
          { key: 'projects', label: `候选项目（${l.projects.length}）`, children: <ProjectsTable list={l} /> },
          { key: 'rounds', label: '票决与结果', children: <RoundsPanel list={l} onPaper={onPaper} /> },
        ]}
      />
      {editing && <ListDialog list={l} onClose={() => setEditing(false)} />}
      {adopting && <AdoptDialog list={l} onClose={() => setAdopting(false)} />}
    </div>
  );
}

export function ListHeader({ list, onBack, onEdit }: { list: ProjectList; onBack: () => void; onEdit?: () => void }) {
  const m = list.screeningCounts.candidate;
  const screening = list.projects.length - m - list.screeningCounts.rejected;
  return (
    <div className="list-header">
      <div className="list-header-title">
        <Button type="link" style={{ padding: 0 }} onClick={onBack}>
          ‹ 返回
        </Button>
        <h2>{list.title}</h2>
        <span className="muted">
          {list.bodyName} · {list.year}年度
        </span>
        {list.locked ? (
          <Tag color="red" icon={<LockOutlined />} data-testid="list-locked">
            已锁定：投票已开始，候选项目不可更改
          </Tag>
        ) : (
          onEdit && (
            <Button size="small" onClick={onEdit}>
              修改名称/应选数
            </Button>
          )
        )}
      </div>
      <Space size={12} className="list-figures" data-testid="list-figures">
        <span className="list-figure">
          应选<b>{list.seats}</b>项
        </span>
        <span className="list-figure">
          候选<b>{m}</b>项
        </span>
        <span className={`list-figure ${list.margin > 0 ? '' : 'bad'}`}>
          差额<b>{list.margin}</b>
          {list.margin > 0 ? '项' : '项（候选须多于应选）'}
        </span>
        {screening > 0 && (
          <span className="list-figure">
            筛选中<b>{screening}</b>项
          </span>
        )}
        {list.screeningCounts.rejected > 0 && (
          <span className="list-figure">
            未入选<b>{list.screeningCounts.rejected}</b>项
          </span>
        )}
      </Space>
    </div>
  );
}

/**
 * The decision that fixed the candidates, shown where the clerk cannot miss it: adopted (by whom, when, 文号) with
 * 撤销 until voting starts, or not yet — then 确定候选清单 is the next step, and 安排票决 waits for it.
 */
export function AdoptionBar({ list, onAdopt }: { list: ProjectList; onAdopt: () => void }) {
  const confirm = useConfirm();
  const { busy, run } = useAction();
  if (list.adoption) {
    return (
      <div className="adoption-bar adopted" data-testid="adoption">
        <CheckCircleFilled />
        <span>候选清单已确定：{adoptionText(list.adoption)}</span>
        {!list.locked && (
          <Button
            size="small"
            loading={busy === 'unadopt'}
            onClick={async () => {
              let reason = '';
              const ok = await confirm({
                title: '撤销清单的确定？',
                content: (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <span>撤销后可再修改候选项目，须重新确定才能票决。请写明原因：</span>
                    <Input autoFocus aria-label="撤销原因" onChange={(e) => (reason = e.target.value)} />
                  </Space>
                ),
                okText: '撤销确定',
                danger: true,
              });
              if (ok)
                await run(
                  'unadopt',
                  () => call('projectLists.unadopt', { id: list.id, reason }),
                  () => '已撤销清单的确定',
                );
            }}
          >
            撤销确定
          </Button>
        )}
      </div>
    );
  }
  return (
    <div className="adoption-bar pending" data-testid="adoption">
      <span>
        候选清单尚未确定：筛选完毕后，须经主任会议或常委会确定（确定为候选的项目须多于应选项目），才能安排票决。
      </span>
      <Button type="primary" onClick={onAdopt}>
        确定候选清单…
      </Button>
    </div>
  );
}
