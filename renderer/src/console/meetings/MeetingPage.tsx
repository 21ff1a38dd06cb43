import { Badge, Button, Card, Empty, Spin, Tabs } from 'antd';
import { useEffect } from 'react';
import { onEvent } from '../../api/client';
import { useApi } from '../../api/hooks';
import { applyAttendanceChange } from './attendancePatch';
import { AgendaPanel } from './AgendaPanel';
import { FlashToast } from './FlashToast';
import { MeetingHeader } from './MeetingHeader';
import { HallNetworkCard } from './HallNetworkCard';
import { RehearsalCard } from './RehearsalCard';
import { SignInPanel } from './SignInPanel';
import { VotesPanel } from './VotesPanel';
import { POLL_KINDS } from './useMeetingPolls';
import type { MeetingTabKey } from '../routes';

export type MeetingTab = MeetingTabKey;

/** One meeting: its header (status, rule set, 宣布开会/闭会) over three panels — 签到, 议程, 表决. */
export function MeetingPage({
  id,
  tab,
  onTab,
  onBack,
}: {
  id: number;
  tab: MeetingTab;
  onTab: (t: MeetingTab) => void;
  onBack: () => void;
}) {
  const meeting = useApi('meetings.get', { id }, ['meeting.changed']);
  // Fetched once (and again on meeting.changed or a reconnect); each sign-in patches it from its event.
  const attendance = useApi('attendance.get', { meetingId: id }, ['meeting.changed']);
  const { patch } = attendance;
  useEffect(
    () =>
      onEvent('attendance.changed', (p, name) => {
        if (name === 'attendance.changed') patch((sheet) => applyAttendanceChange(sheet, p));
      }),
    [patch],
  );
  const m = meeting.data;

  if (!m) {
    return (
      <div className="page">
        {meeting.error ? (
          <Empty description={meeting.error}>
            <Button onClick={onBack}>返回会议列表</Button>
          </Empty>
        ) : (
          <Spin />
        )}
      </div>
    );
  }

  const polls = m.agenda.filter((a) => POLL_KINDS.has(a.kind)).length;
  return (
    <div className="page meeting-page">
      <FlashToast />
      <MeetingHeader meeting={m} attendance={attendance.data} onBack={onBack} />
      <HallNetworkCard meeting={m} />
      <RehearsalCard meeting={m} />
      <Card size="small" style={{ marginTop: 16 }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => onTab(k as MeetingTab)}
          destroyOnHidden
          items={[
            {
              key: 'signin',
              label: (
                <span>
                  签到{' '}
                  <Badge
                    count={
                      attendance.data ? `${attendance.data.summary.present}/${attendance.data.summary.expected}` : 0
                    }
                    color={attendance.data?.summary.quorum.met ? '#389e0d' : '#999'}
                  />
                </span>
              ),
              children: attendance.data ? (
                <SignInPanel meeting={m} attendance={attendance.data} />
              ) : attendance.error ? (
                <div style={{ color: '#c00' }}>{attendance.error}</div>
              ) : (
                <Spin />
              ),
            },
            {
              key: 'agenda',
              label: (
                <span>
                  议程 <Badge count={m.agenda.length} color="#999" showZero />
                </span>
              ),
              children: <AgendaPanel meeting={m} />,
            },
            {
              key: 'votes',
              label: (
                <span>
                  表决 <Badge count={polls} color="#999" showZero />
                </span>
              ),
              children: <VotesPanel meeting={m} attendance={attendance.data} onAgenda={() => onTab('agenda')} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
