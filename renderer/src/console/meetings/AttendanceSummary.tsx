import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { Attendance } from '../../../../shared/contract';

/**
 * The live count beside the sign-in box: 应到, 实到, 请假, 缺席 (应到 − 实到 − 请假, so it includes those not yet
 * signed in), 未签到, and whether the quorum is met under the meeting's rule, with the rule's text and basis.
 * Before the meeting opens nobody is 缺席 yet in the sense that matters, so the figure is not shown in alarm red.
 */
export function AttendanceSummary({ attendance, started }: { attendance: Attendance; started: boolean }) {
  const s = attendance.summary;
  const absent = s.expected - s.present - s.leave;
  const cells: { key: string; label: string; value: number; note?: string; color?: string }[] = [
    { key: 'expected', label: '应到', value: s.expected },
    { key: 'present', label: '实到', value: s.present, color: '#237804' },
    { key: 'leave', label: '请假', value: s.leave, color: '#ad6800' },
    { key: 'absent', label: '缺席', value: absent, note: '应到−实到−请假', ...(started ? { color: '#a8071a' } : {}) },
    { key: 'pending', label: '未签到', value: s.pending },
    ...(s.left > 0 ? [{ key: 'left', label: '离场', value: s.left }] : []),
  ];
  return (
    <div className="att-summary" aria-live="polite">
      <div className="att-cells">
        {cells.map((c) => (
          <div className="att-cell" key={c.key} title={c.note}>
            <div className="att-label">{c.label}</div>
            <div className="att-value" style={{ color: c.color }} data-testid={`summary-${c.key}`}>
              {c.value}
            </div>
            {c.note && <div className="att-note">{c.note}</div>}
          </div>
        ))}
      </div>
      <div className={`quorum-box ${s.quorum.met ? 'quorum-met' : 'quorum-unmet'}`} data-testid="quorum-status">
        <div className="quorum-head">
          {s.quorum.met ? <CheckCircleFilled /> : <CloseCircleFilled />}{' '}
          {s.quorum.met ? '符合法定人数' : '未达法定人数'}
          <span className="quorum-need">须至少 {s.quorum.required} 名</span>
        </div>
        <div className="quorum-text" data-testid="quorum-text">
          {s.quorum.text}
        </div>
        <div className="quorum-basis">依据：{s.quorum.basis}</div>
      </div>
    </div>
  );
}
