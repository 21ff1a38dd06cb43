import { Alert, App, Form, InputNumber } from 'antd';
import type { RoundMode } from '../../../../shared/domain/poll-states';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useDialogAction } from '../common/useAction';
import { NamesInput } from '../common/NamesInput';

interface Values {
  issued: number;
  scrutineers: string[];
  counters: string[];
}

/**
 * 结束计票: the ballots issued (发出; for electronic ballots the deputies present, not editable), and the 监票人 and 计票人 who sign
 * the record. The API refuses while the two paper batches differ; the reason is shown here and nothing is lost.
 */
/** A round as closing needs it: a 票决 round, or any round of the one engine (测评) closed with `polls.close`. */
export interface ClosingRound {
  id: number;
  round: number;
  mode: RoundMode;
  present: number | null;
  scrutineers: string[];
  counters: string[];
}

export function CloseDialog({
  vote,
  onClose,
  api = 'projectVotes',
  noun = '选票',
}: {
  vote: ClosingRound;
  onClose: () => void;
  api?: 'projectVotes' | 'polls';
  noun?: string;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useDialogAction();
  // An electronic round issued one ballot to each deputy present when it opened (issuedProblem): shown, not typed.
  const electronic = vote.mode === 'electronic';

  function onFinish(v: Values) {
    return run(async () => {
      const issued = electronic ? (vote.present ?? 0) : v.issued;
      const input = { id: vote.id, issued, scrutineers: v.scrutineers, counters: v.counters };
      const closed = api === 'polls' ? await call('polls.close', input) : await call('projectVotes.close', input);
      // Closing does not announce: the hall sees the result only after 公布结果 (screen.reveal).
      message.success(
        closed.result && 'outcome' in closed.result && closed.result.outcome === 'decided'
          ? '计票完毕，结果已产生；点“公布结果”在大屏公布'
          : '计票完毕',
      );
      onClose();
    });
  }

  return (
    <FormDialog<Values>
      form={form}
      title={`结束第${vote.round}轮计票`}
      okText="结束计票"
      busy={busy}
      onCancel={onClose}
      after={error && <Alert type="error" showIcon message={error} data-testid="close-error" />}
      initialValues={{
        issued: vote.mode === 'electronic' ? (vote.present ?? undefined) : undefined,
        scrutineers: vote.scrutineers,
        counters: vote.counters,
      }}
      onFinish={onFinish}
    >
      <Form.Item
        name="issued"
        label={`发出${noun}数`}
        extra={
          electronic
            ? `电子投票：开始投票时出席${vote.present ?? 0}人，每人一张，即发出${vote.present ?? 0}张`
            : `开始投票时出席${vote.present ?? 0}人；请按实际发出的纸质${noun}张数填写，不超过出席人数。收回多于发出时本轮无效`
        }
        rules={[{ required: true, message: `请填写发出${noun}数` }]}
      >
        <InputNumber
          min={electronic ? undefined : 0}
          max={100000}
          suffix="张"
          autoFocus={!electronic}
          disabled={electronic}
          style={{ width: 200 }}
          aria-label={`发出${noun}数`}
        />
      </Form.Item>
      <Form.Item name="scrutineers" label="监票人">
        <NamesInput aria-label="监票人" />
      </Form.Item>
      <Form.Item name="counters" label="计票人">
        <NamesInput aria-label="计票人" />
      </Form.Item>
    </FormDialog>
  );
}
