import { Table, type GetRef } from 'antd';
import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type HTMLAttributes,
  type RefObject,
} from 'react';
import { attendanceLabels, type AttendanceRow, type AttendanceStatus } from '../../../../shared/contract';
import { formatTime } from '../../format';

export type RowAction = AttendanceStatus | 'ask-leave';

/** Table height that keeps the sign-in box, the table and the summary on one screen (when the page is at the top). */
function useTableHeight(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [h, setH] = useState(360);
  useLayoutEffect(() => {
    const measure = () => {
      const top = (ref.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
      // 39px table header, 48px card and page padding below.
      setH(Math.max(240, Math.floor(window.innerHeight - top - 39 - 48)));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(document.body);
    window.addEventListener('resize', measure);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, []);
  return [ref, h];
}

/**
 * Every member with status and per-row actions. Virtualised, with plain buttons and status marks: a district
 * congress has 300 deputies, and the table re-renders on every keystroke and every sign-in.
 */
export const AttendanceTable = memo(function AttendanceTable({
  rows,
  targetId,
  locked,
  onAction,
}: {
  rows: AttendanceRow[];
  targetId: number | null;
  locked: boolean;
  onAction: (row: AttendanceRow, action: RowAction) => void;
}) {
  const [box, height] = useTableHeight();
  // The row picked with ↑/↓ is brought into view: the list is virtual, so a row far down is not even rendered.
  const table = useRef<GetRef<typeof Table<AttendanceRow>>>(null);
  useEffect(() => {
    if (targetId !== null) table.current?.scrollTo({ key: targetId });
  }, [targetId]);
  const columns = useMemo(
    () => [
      { title: '座位', dataIndex: 'seatNo', width: 64 },
      {
        title: '姓名',
        dataIndex: 'name',
        width: 130,
        render: (name: string, r: AttendanceRow) => (
          <span title={r.pinyin} className="att-name">
            {name}
            {r.late && <span className="st st-late">补签</span>}
          </span>
        ),
      },
      { title: '选区/小组', dataIndex: 'constituency', width: 110, ellipsis: true },
      {
        title: '状态',
        dataIndex: 'status',
        width: 80,
        render: (s: AttendanceStatus) => <span className={`st st-${s}`}>{attendanceLabels[s]}</span>,
      },
      {
        title: '时间 / 原因',
        ellipsis: true,
        render: (_v: unknown, r: AttendanceRow) =>
          r.status === 'leave'
            ? r.reason
            : r.status === 'left'
              ? `${formatTime(r.signedInAt)} 签到，${formatTime(r.leftAt)} 离场`
              : formatTime(r.signedInAt),
      },
      {
        title: '操作',
        width: 220,
        render: (_v: unknown, r: AttendanceRow) => {
          if (locked) return null;
          const b = (label: string, action: RowAction, danger = false) => (
            <button type="button" className={`row-btn${danger ? ' danger' : ''}`} onClick={() => onAction(r, action)}>
              {label}
            </button>
          );
          return (
            <span className="row-actions">
              {r.status !== 'present' && b('出席', 'present')}
              {r.status !== 'present' && b('请假', 'ask-leave')}
              {(r.status === 'pending' || r.status === 'leave') && b('缺席', 'absent')}
              {r.status === 'present' && b('离场', 'left')}
              {r.status !== 'pending' && b('撤销', 'pending', true)}
            </span>
          );
        },
      },
    ],
    [locked, onAction],
  );

  return (
    <div ref={box}>
      <Table<AttendanceRow>
        ref={table}
        size="small"
        rowKey="membershipId"
        tableLayout="fixed"
        virtual
        dataSource={rows}
        pagination={false}
        scroll={{ y: height }}
        rowClassName={(r) => (r.membershipId === targetId ? 'row-target' : '')}
        onRow={(r) => ({ 'data-testid': `att-row-${r.seatNo ?? `m${r.membershipId}`}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: '没有符合的成员' }}
        columns={columns}
      />
    </div>
  );
});
