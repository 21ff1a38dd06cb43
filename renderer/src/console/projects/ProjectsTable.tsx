import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import type { Project, ProjectList } from '../../../../shared/contract';
import { call } from '../../api/client';
import { formatWan } from './common';
import { href, projectRecordPath } from '../routes';
import { useAction } from '../common/useAction';
import { ImportProjectsDialog } from './ImportProjectsDialog';
import { ProjectDialog } from './ProjectDialog';

/** The candidates in ballot order: add, edit, remove, move up/down, import. Locked once voting has started. */
export function ProjectsTable({ list }: { list: ProjectList }) {
  const { busy, run } = useAction();
  const [editing, setEditing] = useState<Project | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const locked = list.locked;

  // Ctrl+N adds a project.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key === 'n' && !locked) {
        e.preventDefault();
        setEditing('new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [locked]);

  const total = list.projects.reduce((s, p) => s + (p.budgetWan ?? 0), 0);

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Tooltip title="Ctrl+N">
          <Button type="primary" disabled={locked} onClick={() => setEditing('new')}>添加项目</Button>
        </Tooltip>
        <Button disabled={locked} onClick={() => setImporting(true)}>导入（Excel/CSV）</Button>
        <span className="muted">编号即选票上的编号；上移、下移可调整顺序。{total > 0 && `预算合计 ${formatWan(total)} 万元。`}</span>
      </Space>
      <Table<Project>
        size="middle"
        rowKey="id"
        dataSource={list.projects}
        pagination={false}
        tableLayout="fixed"
        data-testid="projects-table"
        onRow={(p) => ({ onDoubleClick: () => !locked && setEditing(p) })}
        locale={{ emptyText: '还没有候选项目，请添加或从 Excel 导入' }}
        columns={[
          { title: '编号', dataIndex: 'number', width: 64, render: (n: number) => <span className="project-no">{n}</span> },
          { title: '项目名称', dataIndex: 'name', width: 260, render: (n: string, p) => <><b>{n}</b> <a className="record-link" href={href(projectRecordPath(p.id))} data-testid="project-record-link">档案</a></> },
          { title: '责任单位', dataIndex: 'department', width: 150, ellipsis: true },
          { title: '预算（万元）', dataIndex: 'budgetWan', width: 110, align: 'right', render: formatWan },
          { title: '实施地点', dataIndex: 'location', width: 120, ellipsis: true },
          { title: '项目来源', dataIndex: 'source', width: 120, ellipsis: true },
          { title: '项目简介', dataIndex: 'summary', ellipsis: { showTitle: true } },
          {
            title: '操作',
            width: 190,
            render: (_v, p) => (
              <Space size={0}>
                <Button size="small" type="text" aria-label={`上移${p.name}`} icon={<ArrowUpOutlined />} disabled={locked || p.number === 1} loading={busy === `up${p.id}`}
                  onClick={() => run(`up${p.id}`, () => call('projects.move', { id: p.id, direction: 'up' }))} />
                <Button size="small" type="text" aria-label={`下移${p.name}`} icon={<ArrowDownOutlined />} disabled={locked || p.number === list.projects.length} loading={busy === `down${p.id}`}
                  onClick={() => run(`down${p.id}`, () => call('projects.move', { id: p.id, direction: 'down' }))} />
                <Button size="small" type="link" disabled={locked} onClick={() => setEditing(p)}>编辑</Button>
                <Popconfirm title={`删除“${p.name}”？`} description="后面的项目编号将依次前移" okText="删除" okButtonProps={{ danger: true }} disabled={locked}
                  onConfirm={() => run(`rm${p.id}`, () => call('projects.remove', { id: p.id }), () => `已删除“${p.name}”`)}>
                  <Button size="small" type="link" danger disabled={locked}>删除</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <ProjectDialog listId={list.id} project={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {importing && <ImportProjectsDialog list={list} onClose={() => setImporting(false)} />}
    </>
  );
}
