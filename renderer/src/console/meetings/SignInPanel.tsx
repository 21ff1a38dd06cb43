import { App, Button, Input, Segmented, Space, Table, Tag, type InputRef } from 'antd';
import { useEffect, useRef, useState, type HTMLAttributes, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { ATTENDANCE_STATUSES, attendanceLabels, type Attendance, type AttendanceRow, type AttendanceStatus, type Meeting } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { formatTime } from '../../format';
import { AttendanceSummary } from './AttendanceSummary';
import { LeaveDialog } from './LeaveDialog';
import { isInField, isTypingKey, useMemberSearch } from './memberSearch';

export const STATUS_COLORS: Record<AttendanceStatus, string> = { pending: 'default', present: 'green', leave: 'gold', absent: 'red', left: 'purple' };
const DONE: Record<AttendanceStatus, string> = { pending: '已撤销签到登记', present: '已签到', leave: '已登记请假', absent: '已登记缺席', left: '已登记离场' };

/**
 * 签到, keyboard first: the big box is focused; a seat number (typed, or by a badge scanner), a name, its pinyin
 * or initials, then Enter signs in the first match that is not yet present. Every member is listed with per-row
 * actions, and the live summary shows whether the quorum is met.
 */
export function SignInPanel({ meeting, attendance }: { meeting: Meeting; attendance: Attendance }) {
  const { message } = App.useApp();
  const box = useRef<InputRef>(null);
  const [filter, setFilter] = useState<AttendanceStatus | 'all'>('all');
  const [leaveOf, setLeaveOf] = useState<AttendanceRow | null>(null);
  const search = useMemberSearch(attendance.rows, (r) => r.status !== 'present');
  const locked = meeting.status === 'closed';

  // Typing anywhere on the page (or a scanner firing while a button has focus) goes to the sign-in box.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (locked || isInField(e.target) || !isTypingKey(e)) return;
      box.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [locked]);

  async function mark(row: AttendanceRow, status: AttendanceStatus) {
    try {
      const res = await call('attendance.mark', { meetingId: meeting.id, membershipId: row.membershipId, status, reason: null });
      const now = res.rows.find((r) => r.membershipId === row.membershipId);
      const done = status === 'present' && now?.late ? '补签到' : DONE[status];
      message.open({ key: 'signin', type: 'success', content: <span data-testid="signin-toast">{`${row.name} ${done}`}</span> });
    } catch (e) {
      message.open({ key: 'signin', type: 'error', content: errorMessage(e) });
    }
  }

  function onKeyDown(e: ReactKeyboardEvent<HTMLInputElement>) {
    if (e.nativeEvent.isComposing) return; // Enter that ends a Chinese IME composition is not a sign-in.
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      search.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Escape') {
      search.change('');
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const q = search.query.trim();
      if (!q) return;
      const row = search.target;
      if (!row) {
        message.open({ key: 'signin', type: 'warning', content: `没有找到“${q}”：请核对座位号或姓名` });
        box.current?.select();
        return;
      }
      search.change('');
      void mark(row, 'present');
    }
  }

  async function act(row: AttendanceRow, status: AttendanceStatus) {
    await mark(row, status);
    box.current?.focus();
  }

  const count = (s: AttendanceStatus) => attendance.rows.filter((r) => r.status === s).length;
  const rows = (search.query.trim() ? search.matches : attendance.rows).filter((r) => filter === 'all' || r.status === filter);
  const noun = attendance.noun;

  return (
    <div className="signin">
      <div className="signin-main">
        <Input
          ref={box}
          className="signin-box"
          size="large"
          autoFocus
          disabled={locked}
          aria-label="签到"
          placeholder={locked ? '会议已结束，签到已锁定' : `输入座位号、姓名、拼音或首字母，回车签到（可用扫码枪刷${noun}证）`}
          value={search.query}
          onChange={(e) => search.change(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="signin-hint muted" data-testid="signin-hint">
          {search.target ? (
            <>
              回车：为 <b>{search.target.seatNo ? `${search.target.seatNo}号 ` : ''}{search.target.name}</b>
              {search.target.status === 'present' ? '（已出席）' : ''} {meeting.status === 'open' ? '补签到' : '签到'}
              {search.matches.length > 1 && <span style={{ marginLeft: 16 }}>共 {search.matches.length} 人符合，↑↓ 选择</span>}
            </>
          ) : search.query.trim() ? (
            <span style={{ color: '#c00' }}>没有符合的{noun}</span>
          ) : (
            <>
              <span className="kbd">座位号</span> / <span className="kbd">姓名</span> / <span className="kbd">拼音</span> + <span className="kbd">Enter</span><span style={{ marginLeft: 16 }}><span className="kbd">Esc</span> 清空</span>
            </>
          )}
        </div>
        <Space style={{ margin: '8px 0' }} wrap>
          <Segmented<AttendanceStatus | 'all'>
            value={filter}
            onChange={setFilter}
            options={[{ label: `全部 ${attendance.rows.length}`, value: 'all' }, ...ATTENDANCE_STATUSES.map((s) => ({ label: `${attendanceLabels[s]} ${count(s)}`, value: s }))]}
          />
        </Space>
        <Table<AttendanceRow>
          size="small"
          rowKey="membershipId"
          tableLayout="fixed"
          dataSource={rows}
          pagination={false}
          scroll={{ y: 'calc(100vh - 430px)' }}
          rowClassName={(r) => (r === search.target ? 'row-target' : '')}
          onRow={(r) => ({ 'data-testid': `att-row-${r.seatNo ?? `m${r.membershipId}`}` }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: '没有符合的成员' }}
          columns={[
            { title: '座位', dataIndex: 'seatNo', width: 64 },
            {
              title: '姓名',
              dataIndex: 'name',
              width: 120,
              render: (name: string, r) => (
                <span title={r.pinyin} className="att-name">
                  {name}
                  {r.late && <Tag color="orange" style={{ marginLeft: 6 }}>补签</Tag>}
                </span>
              ),
            },
            { title: '选区/小组', dataIndex: 'constituency', width: 110, ellipsis: true },
            { title: '状态', dataIndex: 'status', width: 80, render: (s: AttendanceStatus) => <Tag color={STATUS_COLORS[s]}>{attendanceLabels[s]}</Tag> },
            {
              title: '时间 / 原因',
              ellipsis: true,
              render: (_v, r) =>
                r.status === 'leave' ? r.reason : r.status === 'left' ? `${formatTime(r.signedInAt)} 签到，${formatTime(r.leftAt)} 离场` : formatTime(r.signedInAt),
            },
            {
              title: '操作',
              width: 230,
              render: (_v, r) =>
                locked ? null : (
                  <Space size={0} className="row-actions">
                    {r.status !== 'present' && <Button size="small" type="link" onClick={() => act(r, 'present')}>出席</Button>}
                    {r.status !== 'present' && <Button size="small" type="link" onClick={() => setLeaveOf(r)}>请假</Button>}
                    {(r.status === 'pending' || r.status === 'leave') && <Button size="small" type="link" onClick={() => act(r, 'absent')}>缺席</Button>}
                    {r.status === 'present' && <Button size="small" type="link" onClick={() => act(r, 'left')}>离场</Button>}
                    {r.status !== 'pending' && <Button size="small" type="link" danger onClick={() => act(r, 'pending')}>撤销</Button>}
                  </Space>
                ),
            },
          ]}
        />
      </div>
      <div className="signin-side">
        <AttendanceSummary attendance={attendance} />
      </div>
      {leaveOf && (
        <LeaveDialog
          meeting={meeting}
          row={leaveOf}
          onClose={() => {
            setLeaveOf(null);
            box.current?.focus();
          }}
        />
      )}
    </div>
  );
}
