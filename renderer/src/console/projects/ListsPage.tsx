import { Button, Empty, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { ProjectList } from '../../../../shared/contract';
import { useApi } from '../../api/hooks';
import { ListDialog } from './ListDialog';

/** Every body's candidate lists, newest year first; a new list is made here (per body and year). */
export function ListsPage({ onOpen }: { onOpen: (id: number) => void }) {
  const bodies = useApi('bodies.list', {}, ['bodies.changed']);
  const lists = useApi('projectLists.list', {}, ['projects.changed', 'projectVote.changed']);
  const [bodyId, setBodyId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const rows = useMemo(
    () => (lists.data ?? []).filter((l) => bodyId === null || l.bodyId === bodyId),
    [lists.data, bodyId],
  );

  return (
    <div className="page">
      <div className="page-title">
        <h2>民生实事项目票决</h2>
        <span className="muted">候选项目清单（差额）、纸质与电子选票、双人录入核对、计票与公告</span>
        <Button type="primary" style={{ marginLeft: 'auto' }} onClick={() => setCreating(true)}>
          新建候选项目清单
        </Button>
      </div>
      <Space style={{ marginBottom: 12 }}>
        <span>机构</span>
        <Select
          style={{ width: 280 }}
          allowClear
          placeholder="全部机构"
          value={bodyId}
          onChange={(v) => setBodyId(v ?? null)}
          options={(bodies.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
      </Space>
      {lists.error && <div style={{ color: '#c00' }}>{lists.error}</div>}
      <Table<ProjectList>
        size="middle"
        rowKey="id"
        loading={lists.loading && !lists.data}
        dataSource={rows}
        pagination={false}
        locale={{
          emptyText: (
            <Empty description="还没有候选项目清单。每年第三季度起征集下一年度的民生实事候选项目，请先新建清单" />
          ),
        }}
        onRow={(l) => ({ onClick: () => onOpen(l.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '年度', dataIndex: 'year', width: 90 },
          {
            title: '清单',
            dataIndex: 'title',
            render: (t: string, l) => (
              <Button type="link" style={{ padding: 0, fontSize: 16 }} onClick={() => onOpen(l.id)}>
                {t}
              </Button>
            ),
          },
          { title: '机构', dataIndex: 'bodyName', width: 240 },
          { title: '应选', dataIndex: 'seats', width: 90, render: (n: number) => `${n}项` },
          { title: '候选', width: 90, render: (_v, l) => `${l.screeningCounts.candidate}项` },
          {
            title: '差额',
            dataIndex: 'margin',
            width: 90,
            render: (m: number) => (m > 0 ? m : <span style={{ color: '#cf1322' }}>{m}</span>),
          },
          {
            title: '状态',
            width: 140,
            render: (_v, l) =>
              l.locked ? (
                <Tag color="red">已锁定（已开始投票）</Tag>
              ) : l.adoption ? (
                <Tag color="green">已确定候选清单</Tag>
              ) : (
                <Tag>筛选中（未确定）</Tag>
              ),
          },
        ]}
      />
      {creating && bodies.data && (
        <ListDialog
          bodies={bodies.data}
          defaultBodyId={bodyId ?? bodies.data[0]?.id ?? null}
          onClose={(created) => {
            setCreating(false);
            if (created) onOpen(created.id);
          }}
        />
      )}
    </div>
  );
}
