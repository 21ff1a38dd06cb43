import { Input, Segmented, Space, type InputRef } from 'antd';
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import {
  ATTENDANCE_STATUSES,
  attendanceLabels,
  type Attendance,
  type AttendanceRow,
  type AttendanceStatus,
  type Meeting,
} from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { AttendanceSummary } from './AttendanceSummary';
import { ExportButton } from '../common/ExportButton';
import { PrintButton } from '../common/PrintPreview';
import { AttendanceTable, type RowAction } from './AttendanceTable';
import { focusSignIn, onFocusSignIn } from './focusSignIn';
import { LeaveDialog } from './LeaveDialog';
import { flash } from './flash';
import { isInField } from '../common/keys';
import { isTypingKey, useMemberSearch } from './memberSearch';

const DONE: Record<AttendanceStatus, string> = {
  pending: '已撤销签到登记',
  present: '已签到',
  leave: '已登记请假',
  absent: '已登记缺席',
  left: '已登记离场',
};

/**
 * 签到, keyboard first: the big box is focused; a seat number (typed, or by a badge scanner), a name, its pinyin
 * or initials, then Enter signs in the member the query names. When several match (initials "xy": 许宇 and 肖雨),
 * Enter signs in no one until the clerk has picked one with ↑/↓. Every member is listed with per-row actions, and
 * the live summary shows whether the quorum is met. The sheet is patched from attendance.changed (MeetingPage).
 */
export function SignInPanel({ meeting, attendance }: { meeting: Meeting; attendance: Attendance }) {
  const box = useRef<InputRef>(null);
  const [filter, setFilter] = useState<AttendanceStatus | 'all'>('all');
  const [leaveOf, setLeaveOf] = useState<AttendanceRow | null>(null);
  const search = useMemberSearch(attendance.rows);
  const clear = search.change;
  const locked = meeting.status === 'closed';

  // Typing anywhere on the page (or a scanner firing while a button has focus) goes to the sign-in box.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (locked || isInField(e.target) || !isTypingKey(e)) return;
      box.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    const off = onFocusSignIn(() => box.current?.focus());
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, [locked]);

  const meetingId = meeting.id;
  const mark = useCallback(
    async (row: AttendanceRow, status: AttendanceStatus) => {
      try {
        const res = await call('attendance.markOne', {
          meetingId,
          membershipId: row.membershipId,
          status,
          reason: null,
        });
        const done = status === 'present' && res.row.late ? '补签到' : DONE[status];
        flash('success', <span data-testid="signin-toast">{`${row.name} ${done}`}</span>);
      } catch (e) {
        flash('error', errorMessage(e));
      }
    },
    [meetingId],
  );

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
      if (search.ambiguous) {
        flash('warning', `共 ${search.matches.length} 人符合“${q}”：请按 ↑↓ 选定一人后再回车`);
        return;
      }
      if (!row) {
        flash('warning', `没有找到“${q}”：请核对座位号或姓名`);
        box.current?.select();
        return;
      }
      search.change('');
      void mark(row, 'present');
    }
  }

  // Stable across renders, so the (memoised) table re-renders only when its rows change.
  const onAction = useCallback(
    (row: AttendanceRow, action: RowAction) => {
      if (action === 'ask-leave') {
        setLeaveOf(row);
        return;
      }
      void mark(row, action).then(() => box.current?.focus());
    },
    [mark],
  );

  const count = (s: AttendanceStatus) => attendance.rows.filter((r) => r.status === s).length;
  const rows = useMemo(
    () =>
      (search.query.trim() ? search.matches : attendance.rows).filter((r) => filter === 'all' || r.status === filter),
    [search.query, search.matches, attendance.rows, filter],
  );
  // The box answers each keystroke at once; the table may follow a moment later on a slow office laptop.
  const shownRows = useDeferredValue(rows);
  const shownTarget = useDeferredValue(search.target?.membershipId ?? null);
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
          placeholder={
            locked ? '会议已结束，签到已锁定' : `输入座位号、姓名、拼音或首字母，回车签到（可用扫码枪刷${noun}证）`
          }
          value={search.query}
          onChange={(e) => search.change(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="signin-hint muted" data-testid="signin-hint">
          {search.target ? (
            <>
              回车：为{' '}
              <b>
                {search.target.seatNo ? `${search.target.seatNo}号 ` : ''}
                {search.target.name}
              </b>
              {search.target.status === 'present' ? '（已出席）' : ''} {meeting.status === 'open' ? '补签到' : '签到'}
              {search.matches.length > 1 && (
                <span style={{ marginLeft: 16 }}>共 {search.matches.length} 人符合，↑↓ 换人</span>
              )}
            </>
          ) : search.ambiguous ? (
            <span className="signin-choose">
              共 {search.matches.length} 人符合，请按 <span className="kbd">↑</span>
              <span className="kbd">↓</span> 选定一人再按 <span className="kbd">Enter</span>
            </span>
          ) : search.query.trim() ? (
            <span style={{ color: '#c00' }}>没有符合的{noun}</span>
          ) : (
            <>
              <span className="kbd">座位号</span> / <span className="kbd">姓名</span> /{' '}
              <span className="kbd">拼音</span> + <span className="kbd">Enter</span>
              <span style={{ marginLeft: 16 }}>
                <span className="kbd">Esc</span> 清空
              </span>
            </>
          )}
        </div>
        <Space style={{ margin: '8px 0' }} wrap>
          <Segmented<AttendanceStatus | 'all'>
            value={filter}
            onChange={setFilter}
            options={[
              { label: `全部 ${attendance.rows.length}`, value: 'all' },
              ...ATTENDANCE_STATUSES.map((s) => ({
                label: `${s === 'absent' ? '已登记缺席' : attendanceLabels[s]} ${count(s)}`,
                value: s,
              })),
            ]}
          />
        </Space>
        <AttendanceTable rows={shownRows} targetId={shownTarget} locked={locked} onAction={onAction} />
      </div>
      <div className="signin-side">
        <AttendanceSummary attendance={attendance} started={meeting.status !== 'preparing'} />
        <ExportButton
          label="导出签到情况"
          testId="export-attendance"
          load={() => call('exports.attendance', { meetingId: meeting.id })}
        />
        <PrintButton
          testId="print-signin"
          label="打印签到表"
          target={{ doc: 'signin', id: meeting.id, title: `${meeting.title}签到表` }}
        />
      </div>
      {leaveOf && (
        <LeaveDialog
          meeting={meeting}
          row={leaveOf}
          onDone={(text) => {
            flash('success', text);
            clear(''); // the next name typed starts afresh, not appended to this one's seat number
          }}
          onClose={() => {
            setLeaveOf(null);
            focusSignIn();
          }}
        />
      )}
    </div>
  );
}
