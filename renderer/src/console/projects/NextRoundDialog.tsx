import { Alert, App, Form, Radio } from 'antd';
import {
  projectVoteModeLabels,
  PROJECT_VOTE_MODES,
  type ProjectVote,
  type ProjectVoteMode,
} from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useDialogAction } from '../common/useAction';

/** After a tie (runoff among the tied projects) or a void round (retake): the next round, earlier ones kept. */
export function NextRoundDialog({ vote, onClose }: { vote: ProjectVote; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ mode: ProjectVoteMode }>();
  const { busy, error, run } = useDialogAction();
  const r = vote.result;
  const runoff = r?.outcome === 'tie' ? r.runoff : null;

  function ok({ mode }: { mode: ProjectVoteMode }) {
    return run(async () => {
      const next = await call('projectVotes.nextRound', { id: vote.id, mode });
      message.success(`已安排第${next.round}轮`);
      onClose();
    });
  }

  return (
    <FormDialog<{ mode: ProjectVoteMode }>
      form={form}
      title={`安排第${vote.round + 1}轮`}
      okText="安排"
      busy={busy}
      initialValues={{ mode: vote.mode }}
      onFinish={ok}
      onCancel={onClose}
      before={
        <p style={{ fontSize: 16 }}>
          {runoff
            ? `就得票相同的${runoff.candidateIds.length}个项目再次投票，争夺最后${runoff.seats}个名额（选举法第四十五条）。`
            : '本轮投票无效，全部候选项目重新投票（选举法第四十四条）。'}
          第{vote.round}轮的记录保留。
        </p>
      }
      after={error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={error} />}
    >
      <Form.Item name="mode" label="投票方式">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={PROJECT_VOTE_MODES.map((m) => ({ value: m, label: projectVoteModeLabels[m] }))}
        />
      </Form.Item>
    </FormDialog>
  );
}
