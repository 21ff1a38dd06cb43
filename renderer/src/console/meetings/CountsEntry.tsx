import { App, Button, Form, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { voteModeLabels, type Vote } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useConfirm } from '../common/confirm';
import { useAction } from '../common/useAction';
import { VoteFrozen } from './VoteFrozen';

interface Counts {
  yes: number;
  no: number;
  abstain: number;
  dYes?: number;
  dNo?: number;
  dAbstain?: number;
}

/**
 * 举手表决 / 纸质票: the clerk enters the 赞成, 反对, 弃权 counts; 未表决 = 实到 − their sum, live. The host checks the
 * sum against 实到 and refuses more; a refusal changes nothing. 结束表决 saves changed counts first.
 */
export function CountsEntry({ vote }: { vote: Vote }) {
  const { busy, run } = useAction();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const [form] = Form.useForm<Counts>();
  const values = Form.useWatch([], form) as Partial<Counts> | undefined;
  const [saved, setSaved] = useState<Counts | null>(null);
  const current: Counts = { yes: values?.yes ?? 0, no: values?.no ?? 0, abstain: values?.abstain ?? 0 };
  const sum = current.yes + current.no + current.abstain;
  const notVoting = vote.eligible - sum;

  // The counts are read from the form's store when saving, never from the last render: useWatch reaches the render
  // a moment after the keystroke, so Enter pressed right after typing 60 would save the 58 still on screen.
  const latest = (): Counts => {
    const v = form.getFieldsValue() as Partial<Counts>;
    return {
      yes: v.yes ?? 0,
      no: v.no ?? 0,
      abstain: v.abstain ?? 0,
      dYes: v.dYes ?? 0,
      dNo: v.dNo ?? 0,
      dAbstain: v.dAbstain ?? 0,
    };
  };
  // The street council's double threshold (rule set): the 人大代表 box is counted apart, the rest is the other box.
  const boxes = vote.snapshot?.boxes ?? null;
  const enter = () => {
    const c = latest();
    const counts = {
      yes: c.yes,
      no: c.no,
      abstain: c.abstain,
      ...(boxes ? { deputies: { yes: c.dYes ?? 0, no: c.dNo ?? 0, abstain: c.dAbstain ?? 0 } } : {}),
    };
    return run(
      'enter',
      () => call('votes.enterCounts', { id: vote.id, ...counts }),
      () => {
        setSaved(c);
        return '已录入票数';
      },
    );
  };

  // Unsaved edits are saved on 结束表决; counts entered elsewhere are never overwritten by an untouched form.
  // What 结束表决 would make final: the counts in the form if changed (read from the store, see latest), else
  // those already entered.
  async function close() {
    const now = latest();
    const dirty = !saved
      ? form.isFieldsTouched()
      : saved.yes !== now.yes || saved.no !== now.no || saved.abstain !== now.abstain;
    const total = dirty ? now.yes + now.no + now.abstain : vote.cast;
    if (total === 0) {
      message.warning('尚未录入票数：请先清点并录入赞成、反对、弃权人数，再结束表决');
      form.getFieldInstance('yes')?.focus?.();
      return;
    }
    const shown = dirty ? now : saved;
    const figures = shown
      ? `赞成${shown.yes}，反对${shown.no}，弃权${shown.abstain}，未表决${vote.eligible - total}人`
      : `已录入合计${total}票，未表决${vote.eligible - total}人`;
    const ok = await confirm({
      title: '结束表决？',
      content: `结束表决后不能再修改票数。${figures}（实到${vote.eligible}人）${dirty ? '；改动的票数将先录入' : ''}。确定结束？`,
      okText: '结束表决',
      danger: true,
    });
    if (!ok) return;
    if (dirty && !(await enter())) return;
    await run(
      'close',
      () => call('votes.close', { id: vote.id }),
      () => '表决已结束',
    );
  }

  const savedText = saved
    ? `已录入：赞成${saved.yes}，反对${saved.no}，弃权${saved.abstain}（合计${saved.yes + saved.no + saved.abstain}票）`
    : vote.cast > 0
      ? `已录入合计${vote.cast}票`
      : '尚未录入票数';

  return (
    <div className="vote-open">
      <VoteFrozen vote={vote} />
      <Form<Counts>
        form={form}
        layout="inline"
        initialValues={{ yes: 0, no: 0, abstain: 0, dYes: 0, dNo: 0, dAbstain: 0 }}
        onFinish={enter}
        className="counts-form"
        style={{ marginTop: 12 }}
      >
        {(['yes', 'no', 'abstain'] as const).map((k) => (
          <Form.Item key={k} name={k} label={{ yes: '赞成', no: '反对', abstain: '弃权' }[k]}>
            <InputNumber min={0} precision={0} size="large" style={{ width: 110 }} autoFocus={k === 'yes'} />
          </Form.Item>
        ))}
        <Form.Item label="未表决">
          <span className={`not-voting${notVoting < 0 ? ' over' : ''}`} data-testid="not-voting">
            {notVoting < 0 ? `超出实到人数 ${-notVoting} 名` : notVoting}
          </span>
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" size="large" loading={busy === 'enter'}>
            录入票数
          </Button>
        </Form.Item>
        {boxes && (
          <div style={{ flexBasis: '100%', display: 'flex', marginTop: 8 }} data-testid="deputies-box">
            <span style={{ alignSelf: 'center', marginRight: 12 }}>
              其中人大代表票箱（出席人大代表{boxes.deputies.present}名）：
            </span>
            {(['dYes', 'dNo', 'dAbstain'] as const).map((k) => (
              <Form.Item key={k} name={k} label={{ dYes: '赞成', dNo: '反对', dAbstain: '弃权' }[k]}>
                <InputNumber min={0} precision={0} size="large" style={{ width: 110 }} />
              </Form.Item>
            ))}
          </div>
        )}
      </Form>
      <Space style={{ marginTop: 12 }}>
        <span data-testid="counts-saved" className={saved || vote.cast > 0 ? '' : 'muted'}>
          {savedText}
        </span>
        <span className="muted">
          实到 {vote.eligible} 名 · {voteModeLabels[vote.mode]}
        </span>
        <Button type="primary" danger loading={busy === 'close'} onClick={close}>
          结束表决
        </Button>
      </Space>
    </div>
  );
}
