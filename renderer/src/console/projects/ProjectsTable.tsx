import { ArrowDownOutlined, ArrowUpOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import { useEffect, useMemo, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import {
  SCREENING_STATES,
  projectOriginLabels,
  screeningLabels,
  type Project,
  type ProjectList,
  type ScreeningState,
} from '../../../../shared/contract';
import { nextStep, previousStep, screeningActionLabels } from '../../../../shared/domain/project-screening';
import { call } from '../../api/client';
import { saveFile } from '../roster/download';
import { formatWan } from './common';
import { href, projectRecordPath } from '../routes';
import { useAction } from '../common/useAction';
import { CandidateFilesDialog } from './CandidateFiles';
import { ImportProjectsDialog } from './ImportProjectsDialog';
import { ProjectDialog } from './ProjectDialog';
import { RejectDialog } from './RejectDialog';

export const SCREENING_COLORS: Record<ScreeningState, string> = {
  collected: 'default',
  reviewed: 'blue',
  assessed: 'geekblue',
  legal_checked: 'purple',
  candidate: 'green',
  rejected: 'red',
};

/**
 * The candidates in ballot order with their screening: add, edit, remove, move, import, and move each on one step
 * (→), back one (←), or to 未入选 with a reason (X) — from the keyboard on a focused row. Fixed once the list is
 * adopted, locked once voting has started.
 */
export function ProjectsTable({ list }: { list: ProjectList }) {
  const { busy, run } = useAction();
  const [editing, setEditing] = useState<Project | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [rejecting, setRejecting] = useState<Project | null>(null);
  const [filesOf, setFilesOf] = useState<Project | null>(null);
  const [filter, setFilter] = useState<ScreeningState | 'all'>('all');
  const locked = list.locked;
  const fixed = locked || !!list.adoption;

  // Ctrl+N adds a project.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key === 'n' && !fixed) {
        e.preventDefault();
        setEditing('new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fixed]);

  const shown = useMemo(
    () => (filter === 'all' ? list.projects : list.projects.filter((p) => p.screening === filter)),
    [list.projects, filter],
  );
  const total = list.projects.reduce((s, p) => s + (p.screening === 'rejected' ? 0 : (p.budgetWan ?? 0)), 0);
  const lastOnBallot = list.projects.filter((p) => p.screening !== 'rejected').length;

  const screen = (p: Project, to: ScreeningState | null) =>
    // No toast per step: the row's tag says it, and a clerk going through forty rows at the keyboard needs no pile of them.
    to && run(`s${p.id}`, () => call('projects.screen', { id: p.id, to }));
  // 未入选 goes back to the step it was refused at.
  const back = (p: Project) => previousStep(p.screening, p.rejectedFrom);

  function onRowKey(e: ReactKeyboardEvent<HTMLElement>, p: Project) {
    if (e.target !== e.currentTarget || fixed) return;
    const row = e.currentTarget;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const sib = (e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
      sib?.focus();
    } else if (e.key === 'ArrowRight' || e.key === '.') {
      e.preventDefault();
      void screen(p, nextStep(p.screening));
    } else if (e.key === 'ArrowLeft') {
      e.preventDefault();
      void screen(p, back(p));
    } else if (e.key === 'x' || e.key === 'X') {
      e.preventDefault();
      if (p.screening !== 'rejected') setRejecting(p);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      setEditing(p);
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Tooltip title="Ctrl+N">
          <Button type="primary" disabled={fixed} onClick={() => setEditing('new')}>
            添加项目
          </Button>
        </Tooltip>
        <Button disabled={fixed} onClick={() => setImporting(true)}>
          导入（Excel/CSV）
        </Button>
        <Button
          onClick={() =>
            run(
              'tpl',
              () => call('projects.importTemplate', {}),
              (f) => saveFile(f),
            )
          }
        >
          导入模板
        </Button>
        <Segmented<ScreeningState | 'all'>
          data-testid="screening-filter"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: `全部 ${list.projects.length}` },
            ...SCREENING_STATES.map((s) => ({ value: s, label: `${screeningLabels[s]} ${list.screeningCounts[s]}` })),
          ]}
        />
      </Space>
      <div className="muted screening-hint">
        编号即选票上的编号（未入选的不上选票，排在最后）。选中一行后：→ 推进一步，← 退回一步，X 列为未入选，Enter
        编辑，↑↓ 换行。
        {total > 0 && ` 预算合计 ${formatWan(total)} 万元。`}
      </div>
      <Table<Project>
        size="middle"
        rowKey="id"
        dataSource={shown}
        pagination={false}
        tableLayout="fixed"
        data-testid="projects-table"
        onRow={(p) =>
          ({
            tabIndex: 0,
            'aria-label': `${p.name}（${screeningLabels[p.screening]}）`,
            onKeyDown: (e: ReactKeyboardEvent<HTMLElement>) => onRowKey(e, p),
            onDoubleClick: () => !locked && setEditing(p),
          }) as React.HTMLAttributes<HTMLElement>
        }
        rowClassName={(p) => (p.screening === 'rejected' ? 'row-rejected' : '')}
        locale={{
          emptyText:
            filter === 'all' ? '还没有候选项目，请添加或从 Excel 导入' : `没有处于“${screeningLabels[filter]}”的项目`,
        }}
        columns={[
          {
            title: '编号',
            dataIndex: 'number',
            width: 56,
            render: (n: number, p) =>
              p.screening === 'rejected' ? <span className="muted">—</span> : <span className="project-no">{n}</span>,
          },
          {
            title: '项目名称',
            dataIndex: 'name',
            render: (n: string, p) => (
              <>
                <b>{n}</b>{' '}
                <a className="record-link" href={href(projectRecordPath(p.id))} data-testid="project-record-link">
                  档案
                </a>
              </>
            ),
          },
          {
            title: '来源',
            dataIndex: 'origin',
            width: 92,
            render: (o: Project['origin']) => (o ? projectOriginLabels[o] : <span className="muted">—</span>),
          },
          { title: '提出人', dataIndex: 'proposer', width: 150, ellipsis: { showTitle: true } },
          { title: '类型', dataIndex: 'category', width: 64 },
          {
            title: '状态',
            dataIndex: 'screening',
            width: 140,
            render: (s: ScreeningState, p) => (
              <Tooltip title={p.rejectedReason ? `原因：${p.rejectedReason}` : undefined}>
                <Tag color={SCREENING_COLORS[s]} data-testid={`screening-${p.id}`}>
                  {screeningLabels[s]}
                </Tag>
                {p.rejectedReason && <div className="muted rejected-reason">{p.rejectedReason}</div>}
              </Tooltip>
            ),
          },
          { title: '预算（万元）', dataIndex: 'budgetWan', width: 96, align: 'right', render: formatWan },
          {
            title: '筛选',
            width: 210,
            render: (_v, p) => {
              const next = nextStep(p.screening);
              return (
                <Space size={4} wrap>
                  {next && (
                    <Button
                      size="small"
                      type="primary"
                      ghost
                      disabled={fixed}
                      loading={busy === `s${p.id}`}
                      onClick={() => screen(p, next)}
                      aria-label={`${p.name}：${screeningActionLabels[p.screening]}`}
                    >
                      {screeningActionLabels[p.screening]} →
                    </Button>
                  )}
                  {p.screening !== 'rejected' && p.screening !== 'collected' && (
                    <Button
                      size="small"
                      type="text"
                      disabled={fixed}
                      onClick={() => screen(p, back(p))}
                      aria-label={`${p.name}：退回`}
                    >
                      ← 退回
                    </Button>
                  )}
                  {p.screening !== 'rejected' ? (
                    <Button
                      size="small"
                      type="link"
                      danger
                      disabled={fixed}
                      onClick={() => setRejecting(p)}
                      aria-label={`${p.name}：未入选`}
                    >
                      未入选…
                    </Button>
                  ) : (
                    <Button
                      size="small"
                      type="link"
                      disabled={fixed}
                      onClick={() => screen(p, back(p))}
                      aria-label={`${p.name}：恢复`}
                    >
                      恢复
                    </Button>
                  )}
                </Space>
              );
            },
          },
          {
            title: '操作',
            width: 176,
            render: (_v, p) => (
              <Space size={0}>
                <Button
                  size="small"
                  type="text"
                  aria-label={`上移${p.name}`}
                  icon={<ArrowUpOutlined />}
                  disabled={fixed || p.number === 1 || p.screening === 'rejected'}
                  loading={busy === `up${p.id}`}
                  onClick={() => run(`up${p.id}`, () => call('projects.move', { id: p.id, direction: 'up' }))}
                />
                <Button
                  size="small"
                  type="text"
                  aria-label={`下移${p.name}`}
                  icon={<ArrowDownOutlined />}
                  disabled={fixed || p.number >= lastOnBallot || p.screening === 'rejected'}
                  loading={busy === `down${p.id}`}
                  onClick={() => run(`down${p.id}`, () => call('projects.move', { id: p.id, direction: 'down' }))}
                />
                <Button
                  size="small"
                  type="text"
                  aria-label={`${p.name}的材料`}
                  icon={<PaperClipOutlined />}
                  onClick={() => setFilesOf(p)}
                />
                <Button size="small" type="link" disabled={locked} onClick={() => setEditing(p)}>
                  编辑
                </Button>
                <Popconfirm
                  title={`删除“${p.name}”？`}
                  description="后面的项目编号将依次前移"
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  disabled={fixed}
                  onConfirm={() =>
                    run(
                      `rm${p.id}`,
                      () => call('projects.remove', { id: p.id }),
                      () => `已删除“${p.name}”`,
                    )
                  }
                >
                  <Button size="small" type="link" danger disabled={fixed}>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <ProjectDialog listId={list.id} project={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {importing && <ImportProjectsDialog list={list} onClose={() => setImporting(false)} />}
      {rejecting && <RejectDialog project={rejecting} onClose={() => setRejecting(null)} />}
      {filesOf && <CandidateFilesDialog project={filesOf} editable={!locked} onClose={() => setFilesOf(null)} />}
    </>
  );
}
