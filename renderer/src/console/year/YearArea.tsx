import { ProjectRecord } from './ProjectRecord';
import { Empty, InputNumber, Select, Space, Tabs } from 'antd';
import { useEffect } from 'react';
import { useApi } from '../../api/hooks';
import { yearPath, type YearTabKey } from '../routes';
import { RectificationsPanel } from './RectificationsPanel';
import { YearBoardPanel } from './YearBoardPanel';
import { YearTrendsPanel } from './YearTrendsPanel';
import './year-board.css';

const TABS: { key: YearTabKey; label: string }[] = [
  { key: 'board', label: '年度推进表' },
  { key: 'trends', label: '历年对比' },
  { key: 'rectifications', label: '整改' },
];

/**
 * 实事: the year of a body's livelihood projects. #/year/<bodyId>/<year>[/trends|/rectifications]; a project's record
 * (候选 → 票决 → 计划 → 进展 → 测评 → 整改) is #/year/project/<id>. Without a body, the first body with a list.
 */
export function YearArea({ path, go }: { path: string[]; go: (path: string) => void }) {
  const bodies = useApi('bodies.list', {}, ['bodies.changed']);
  const lists = useApi('projectLists.list', {}, ['projects.changed']);
  const bodyId = Number(path[0]);
  const year = Number(path[1]);
  const valid = Number.isInteger(bodyId) && bodyId > 0 && Number.isInteger(year) && year >= 2000;
  const tab = TABS.find((t) => t.key === path[2])?.key ?? 'board';

  useEffect(() => {
    if (valid || path[0] === 'project' || !bodies.data || !lists.data) return;
    const latest = [...lists.data].sort((a, b) => b.year - a.year)[0];
    const body = latest?.bodyId ?? bodies.data[0]?.id;
    if (body) go(yearPath(body, latest?.year ?? new Date().getFullYear()));
  }, [valid, path, bodies.data, lists.data, go]);

  if (path[0] === 'project') return <ProjectRecord id={Number(path[1])} />;
  if (!valid)
    return (
      <div className="page">
        <Empty description={bodies.data && !bodies.data.length ? '还没有机构，请先在“名册”中新建机构' : '正在读取…'} />
      </div>
    );

  const years = [...new Set([...(lists.data ?? []).filter((l) => l.bodyId === bodyId).map((l) => l.year), year])].sort(
    (a, b) => b - a,
  );
  return (
    <div className="page year-page">
      <div className="page-title">
        <h2>民生实事项目</h2>
        <span className="muted">票决确定的项目：计划、进展、测评、整改，逐年对比</span>
      </div>
      <Space wrap style={{ marginBottom: 8 }}>
        <span>机构</span>
        <Select
          aria-label="机构"
          style={{ width: 260 }}
          value={bodyId}
          onChange={(v) => go(yearPath(v, year, tab))}
          options={(bodies.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
        <span>年度</span>
        <Select
          aria-label="年度"
          style={{ width: 110 }}
          value={year}
          onChange={(v) => go(yearPath(bodyId, v, tab))}
          options={years.map((y) => ({ value: y, label: `${y}年` }))}
        />
        <InputNumber
          aria-label="其他年度"
          placeholder="其他年度"
          min={2000}
          max={2100}
          style={{ width: 110 }}
          onPressEnter={(e) => {
            const y = Number((e.target as HTMLInputElement).value);
            if (Number.isInteger(y) && y >= 2000 && y <= 2100) go(yearPath(bodyId, y, tab));
          }}
        />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => go(yearPath(bodyId, year, k as YearTabKey))}
        items={TABS.map((t) => ({ key: t.key, label: t.label }))}
      />
      {tab === 'board' && (
        <YearBoardPanel
          bodyId={bodyId}
          year={year}
          onRectifications={() => go(yearPath(bodyId, year, 'rectifications'))}
        />
      )}
      {tab === 'trends' && <YearTrendsPanel bodyId={bodyId} year={year} />}
      {tab === 'rectifications' && <RectificationsPanel bodyId={bodyId} year={year} />}
    </div>
  );
}
