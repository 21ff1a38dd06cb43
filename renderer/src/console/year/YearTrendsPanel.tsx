import { Segmented, Space, Table } from 'antd';
import { useState } from 'react';
import type { TrendCell, TrendLine } from '../../../../shared/contract';
import { useApi } from '../../api/hooks';
import { pctText } from './flags';

type Metric = 'projects' | 'budgetWan' | 'satisfaction' | 'rectifications';
const METRICS: { value: Metric; label: string }[] = [
  { value: 'projects', label: '项目数' },
  { value: 'budgetWan', label: '预算（万元）' },
  { value: 'satisfaction', label: '平均满意率' },
  { value: 'rectifications', label: '整改数' },
];
const SPAN = 5;

const valueOf = (c: TrendCell, m: Metric) => (m === 'satisfaction' ? c.satisfaction : c[m]);
const textOf = (c: TrendCell, m: Metric) =>
  m === 'satisfaction'
    ? c.satisfaction === null
      ? '—'
      : pctText(c.satisfaction)
    : m === 'budgetWan'
      ? c.budgetWan.toLocaleString('zh-CN')
      : String(c[m]);

/**
 * Year over year by department and by 类型: a table with bars (one figure per cell, bars scaled to the largest in
 * view), so no chart library is needed and every number can still be read and copied.
 */
export function YearTrendsPanel({ bodyId, year }: { bodyId: number; year: number }) {
  const trends = useApi('projectYear.trends', { bodyId, fromYear: year - SPAN + 1, toYear: year }, [
    'rectifications.changed',
    'projects.changed',
    'poll.changed',
  ]);
  const [by, setBy] = useState<'byDepartment' | 'byCategory'>('byDepartment');
  const [metric, setMetric] = useState<Metric>('projects');
  const t = trends.data;
  const lines: TrendLine[] = t ? [{ key: '合计', cells: t.total }, ...t[by]] : [];
  const max = Math.max(
    1,
    ...lines.slice(1).flatMap((l) => l.cells.map((c) => valueOf(c, metric) ?? 0)),
    ...(metric === 'satisfaction' ? [10000] : []),
  );

  return (
    <div data-testid="year-trends">
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented
          value={by}
          onChange={(v) => setBy(v as typeof by)}
          options={[
            { value: 'byDepartment', label: '按责任单位' },
            { value: 'byCategory', label: '按项目类型' },
          ]}
        />
        <Segmented value={metric} onChange={(v) => setMetric(v as Metric)} options={METRICS} />
        {trends.error && <span style={{ color: '#c00' }}>{trends.error}</span>}
      </Space>
      <Table<TrendLine>
        size="small"
        rowKey="key"
        pagination={false}
        loading={trends.loading && !t}
        dataSource={lines}
        rowClassName={(l) => (l.key === '合计' ? 'ant-table-row-selected' : '')}
        columns={[
          { title: by === 'byDepartment' ? '责任单位' : '项目类型', dataIndex: 'key', width: 180 },
          ...(t?.years ?? []).map((y, i) => ({
            title: `${y}年`,
            render: (_v: unknown, l: TrendLine) => {
              const c = l.cells[i]!;
              const v = valueOf(c, metric);
              const low = metric === 'satisfaction' && v !== null && v < 7000;
              return (
                <span className="year-bar">
                  {l.key !== '合计' && (
                    <span
                      className={`bar${low ? ' low' : ''}`}
                      style={{ width: `${Math.round(((v ?? 0) / max) * 80)}px` }}
                    />
                  )}
                  <span className="num">{textOf(c, metric)}</span>
                </span>
              );
            },
          })),
        ]}
      />
    </div>
  );
}
