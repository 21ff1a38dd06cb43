import { Button, Empty } from 'antd';
import type { PaperTabKey } from '../routes';
import { evaluationPath, meetingPath } from '../routes';
import { EvaluationPage } from './EvaluationPage';
import '../projects/projects.css';
import './evaluations.css';

const TABS: PaperTabKey[] = ['1', '2', 'compare', 'totals'];

/**
 * 测评: #/evaluations/<roundId>/<1|2|compare|totals> is the paper desk of one round. A 测评 is arranged and run under
 * its agenda item on the meeting's 表决 tab; there is nothing to list here without one.
 */
export function EvaluationsArea({ path, go }: { path: string[]; go: (path: string) => void }) {
  const roundId = Number(path[0]);
  if (!Number.isInteger(roundId) || roundId <= 0) {
    return (
      <div className="page">
        <div className="page-title">
          <h2>测评</h2>
        </div>
        <Empty description="满意度测评在会议的议程中安排：添加“满意度测评”议程后，在会议的“表决”页安排和进行测评。">
          <Button type="primary" onClick={() => go('meetings')}>
            去会议
          </Button>
        </Empty>
      </div>
    );
  }
  const tab = TABS.find((t) => t === path[1]) ?? '1';
  return (
    <EvaluationPage
      key={roundId}
      roundId={roundId}
      tab={tab}
      onTab={(t) => go(evaluationPath(roundId, t))}
      onBack={(meetingId) => go(meetingId ? meetingPath(meetingId, 'votes') : 'meetings')}
    />
  );
}
