import { Alert, App, Form, Input, Radio } from 'antd';
import { settleDecisionLabels, type ListResult, type SettleDecision } from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useDialogAction } from '../common/useAction';

interface Values {
  decision: SettleDecision;
  reason: string;
}

/**
 * Seats no round filled: the clerk records what the meeting decided — leave them unfilled, or vote again among the
 * candidates not yet chosen — as far as the rule set's local rule allows, with the reason (list_outcomes, audited).
 */
export function SettleDialog({ result, onClose }: { result: ListResult; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useDialogAction();
  const next = result.next;
  if (next.kind !== 'settle') return null;

  function ok(v: Values) {
    return run(async () => {
      const done = await call('projectLists.settle', { listId: result.listId, decision: v.decision, reason: v.reason });
      message.success(
        done.roundId
          ? `已安排第${done.result.rounds[done.result.rounds.length - 1]!.round}轮：就未入选项目另行票决`
          : '已记录：空缺名额不再票决',
      );
      onClose();
    });
  }

  return (
    <FormDialog<Values>
      form={form}
      title={`处理空缺名额（${result.unfilled}项）`}
      okText="记录决定"
      busy={busy}
      initialValues={{ decision: next.options[0] }}
      onFinish={ok}
      onCancel={onClose}
      before={
        <div style={{ fontSize: 16, marginBottom: 12 }} data-testid="settle-summary">
          <p style={{ margin: 0 }}>
            <b>{result.summary}</b>。未入选的候选项目：
            {result.remaining.map((p) => `${p.number}号 ${p.name}`).join('、')}。
          </p>
          {result.unfilledRule && (
            <p className="muted" style={{ margin: '4px 0 0' }}>
              本会议规则：{result.unfilledRule.basis}
            </p>
          )}
        </div>
      }
      after={
        error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={error} data-testid="settle-error" />
      }
    >
      <Form.Item name="decision" label="决定" rules={[{ required: true, message: '请选择决定' }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={(['leave_unfilled', 'runoff'] as const).map((d) => ({
            value: d,
            label: settleDecisionLabels[d],
            disabled: !next.options.includes(d),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label="理由"
        rules={[
          { required: true, whitespace: true, message: '请填写理由' },
          { min: 2, message: '理由至少两个字' },
        ]}
      >
        <Input autoFocus placeholder="如：经主席团研究，空缺名额不再票决" maxLength={300} />
      </Form.Item>
    </FormDialog>
  );
}
