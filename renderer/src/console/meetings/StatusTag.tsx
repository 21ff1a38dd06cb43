import { Tag } from 'antd';
import { meetingStatusLabels, type MeetingStatus } from '../../../../shared/contract';

const COLORS: Record<MeetingStatus, string> = { preparing: 'blue', open: 'green', closed: 'default' };

/** 筹备 / 进行中 / 已结束. */
export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  return (
    <Tag color={COLORS[status]} data-testid="meeting-status">
      {meetingStatusLabels[status]}
    </Tag>
  );
}
