import { Empty } from 'antd';

/** Areas whose screens come with later releases: say plainly what they will do instead of showing a fake. */
const PLANNED: Record<string, string> = {
  会议: '三类会议（区人大年中会议、街道议事代表会议、镇人大季会）的议程、签到、法定人数和表决。',
  票决: '民生实事项目票决：候选项目、纸质与电子选票、双人录入核对、计票与公告。',
};

export function PlannedArea({ area }: { area: string }) {
  return (
    <div className="page">
      <div className="page-title">
        <h2>{area}</h2>
      </div>
      <Empty
        description={
          <span>
            此功能尚在开发中，将在后续版本提供。
            <br />
            {PLANNED[area] ?? ''}
          </span>
        }
      />
    </div>
  );
}
