import { Alert, App, Form, Input, Radio } from 'antd';
import {
  VOTE_MODES,
  VOTE_SECRECY,
  voteModeLabels,
  voteSecrecyLabels,
  type AgendaItem,
  type Vote,
  type VoteMode,
  type VoteSecrecy,
} from '../../../../shared/contract';
import { voteModeConflict } from '../../../../shared/domain/rules';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../roster/useSubmit';

interface Values {
  mode: VoteMode;
  secrecy: VoteSecrecy;
  title?: string;
}

/** The way a round is taken again: an electronic vote whose devices failed goes to hands, or to paper if it was secret. */
const revoteMode = (v: Vote): VoteMode =>
  v.mode !== 'electronic' ? v.mode : v.secrecy === 'secret' ? 'paper' : 'hands';

/**
 * 安排表决 for a motion, or 重新表决 after a round has closed: the earlier round stays on record, and the new round
 * may use another way of voting (e.g. 举手表决 when the devices fail).
 */
export function VoteDialog({ item, revoteOf, onClose }: { item: AgendaItem; revoteOf?: Vote; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, submit } = useSubmit(form);
  const mode = Form.useWatch('mode', form) as VoteMode | undefined;

  const onFinish = (v: Values) =>
    submit(
      () =>
        revoteOf
          ? call('votes.revote', { id: revoteOf.id, mode: v.mode })
          : call('votes.create', {
              agendaItemId: item.id,
              title: v.title || null,
              mode: v.mode,
              secrecy: v.mode === 'hands' ? 'named' : v.secrecy,
            }),
      (vote) => {
        message.success(
          revoteOf
            ? `已安排第${vote.round}轮表决（${voteModeLabels[vote.mode]}）`
            : `已安排表决（${voteModeLabels[vote.mode]}）`,
        );
        onClose();
      },
    );

  return (
    <FormDialog<Values>
      form={form}
      title={revoteOf ? `重新表决：${revoteOf.title}` : `安排表决：${item.title}`}
      okText={revoteOf ? '安排重新表决' : '安排表决'}
      busy={busy}
      onCancel={onClose}
      initialValues={
        revoteOf ? { mode: revoteMode(revoteOf), secrecy: revoteOf.secrecy } : { mode: 'electronic', secrecy: 'named' }
      }
      // A show of hands is public (voteModeConflict): picking it shows 记名 rather than a greyed-out 无记名.
      onValuesChange={(changed: Partial<Values>) => {
        if (changed.mode === 'hands') form.setFieldValue('secrecy', 'named');
      }}
      onFinish={onFinish}
      before={
        revoteOf && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`第${revoteOf.round}轮的结果保留在记录中，另开第${revoteOf.round + 1}轮；记名方式沿用“${voteSecrecyLabels[revoteOf.secrecy]}”。`}
          />
        )
      }
    >
      <Form.Item
        name="mode"
        label="表决方式"
        rules={[{ required: true, message: '请选择表决方式' }]}
        extra={mode === 'hands' ? '举手表决为公开表决，由工作人员清点并录入赞成、反对、弃权人数。' : undefined}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={VOTE_MODES.map((m) => ({
            value: m,
            label: voteModeLabels[m],
            // A secret vote taken again cannot become a show of hands.
            disabled: revoteOf ? voteModeConflict(m, revoteOf.secrecy) !== null : false,
            title:
              revoteOf && voteModeConflict(m, revoteOf.secrecy) ? voteModeConflict(m, revoteOf.secrecy)! : undefined,
          }))}
        />
      </Form.Item>
      {!revoteOf && (
        <Form.Item name="secrecy" label="记名方式" rules={[{ required: true, message: '请选择记名方式' }]}>
          <Radio.Group
            optionType="button"
            disabled={mode === 'hands'}
            options={VOTE_SECRECY.map((s) => ({ value: s, label: voteSecrecyLabels[s] }))}
          />
        </Form.Item>
      )}
      {!revoteOf && (
        <Form.Item name="title" label="表决事项" extra="不填则用议程名称">
          <Input placeholder={item.title} />
        </Form.Item>
      )}
    </FormDialog>
  );
}
