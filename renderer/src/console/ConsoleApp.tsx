import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FileTextOutlined,
  FundProjectionScreenOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Layout, Menu, Tag } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { transport } from '../api/client';
import { EvaluationsArea } from './evaluations/EvaluationsArea';
import { MeetingsArea } from './meetings/MeetingsArea';
import { PlannedArea } from './PlannedArea';
import { DocumentsHub } from './reports/DocumentsHub';
import { VotesArea } from './projects/VotesArea';
import { RosterPage } from './roster/RosterPage';
import { ScreenPanel } from './screen/ScreenPanel';
import { SettingsPage } from './settings/SettingsPage';
import { YearArea } from './year/YearArea';

/** The clerk's console: a sidebar of the main areas, addressed by the URL hash so a reload keeps the place. */
const AREAS: { key: string; label: string; icon: ReactNode }[] = [
  { key: 'roster', label: '名册', icon: <TeamOutlined /> },
  { key: 'meetings', label: '会议', icon: <FileTextOutlined /> },
  { key: 'votes', label: '票决', icon: <CheckSquareOutlined /> },
  { key: 'year', label: '实事', icon: <CalendarOutlined /> },
  { key: 'screen', label: '投影', icon: <FundProjectionScreenOutlined /> },
  { key: 'evaluations', label: '测评', icon: <AuditOutlined /> },
  { key: 'reports', label: '报表', icon: <BarChartOutlined /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined /> },
];

function useHash(): [string[], (path: string) => void] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const onChange = () => setParts(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [parts, (path) => (window.location.hash = `#/${path}`)];
}

export function ConsoleApp() {
  const [[area = 'roster', ...rest], go] = useHash();

  // Alt+1 … Alt+8 switch areas, so a clerk never needs the mouse to move around.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const i = Number(e.key) - 1;
      if (AREAS[i]) {
        e.preventDefault();
        go(AREAS[i].key);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={176} style={{ background: '#8e1515', position: 'sticky', top: 0, height: '100vh' }}>
        <div className="brand">
          议事台
          <small>人大会议与表决</small>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[area]}
          style={{ background: 'transparent', fontSize: 16 }}
          items={AREAS.map((a, i) => ({
            key: a.key,
            icon: a.icon,
            label: a.label,
            title: `${a.label}（Alt+${i + 1}）`,
          }))}
          onClick={(e) => go(e.key)}
        />
        <div style={{ position: 'absolute', bottom: 12, left: 16 }}>
          <Tag color={transport === 'ipc' ? 'gold' : 'blue'}>{transport === 'ipc' ? '桌面版' : '浏览器控制台'}</Tag>
        </div>
      </Layout.Sider>
      <Layout.Content>
        {area === 'roster' && (
          <RosterPage bodyId={rest[0] ? Number(rest[0]) : null} onSelectBody={(id) => go(`roster/${id}`)} />
        )}
        {area === 'meetings' && <MeetingsArea path={rest} go={go} />}
        {area === 'votes' && <VotesArea path={rest} go={go} />}
        {area === 'screen' && <ScreenPanel />}
        {area === 'evaluations' && <EvaluationsArea path={rest} go={go} />}
        {area === 'settings' && <SettingsPage />}
        {area === 'year' && <YearArea path={rest} go={go} />}
        {area === 'reports' && <DocumentsHub meetingId={rest[0] ? Number(rest[0]) : null} go={go} />}
        {!['roster', 'meetings', 'votes', 'screen', 'evaluations', 'settings', 'year', 'reports'].includes(area) && (
          <PlannedArea area={AREAS.find((a) => a.key === area)?.label ?? area} />
        )}
      </Layout.Content>
    </Layout>
  );
}
