import { Alert, App, Form, Radio, Select } from 'antd';
import {
  meetingStatusLabels,
  projectVoteModeLabels,
  PROJECT_VOTE_MODES,
  type Meeting,
  type ProjectList,
  type ProjectVoteMode,
} from '../../../../shared/contract';
import { BALLOT_STYLES, ballotStyleLabels, type BallotStyle } from '../../../../shared/domain/projects';
import { call } from '../../api/client';
import { formatDate } from '../../format';
import { FormDialog } from '../common/FormDialog';
import { byUse } from '../meetings/meetingOrder';
import { useDialogAction } from '../common/useAction';
import { NamesInput } from '../common/NamesInput';

interface Values {
  meetingId: number;
  agendaItemId: number;
  style: BallotStyle;
  mode: ProjectVoteMode;
  scrutineers: string[];
  counters: string[];
}

/** The first round: which meeting's 票决 agenda item, the ballot style, paper or electronic, 监票人 and 计票人. */
export function RoundDialog({
  list,
  meetings,
  onClose,
}: {
  list: ProjectList;
  meetings: Meeting[];
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useDialogAction();
  // The meeting in session comes first, so it is the one offered.
  const usable = byUse(
    meetings.filter((m) => m.status !== 'closed' && m.agenda.some((a) => a.kind === 'project_vote')),
  );
  const meetingId = Form.useWatch('meetingId', form);
  const chosen = usable.find((m) => m.id === meetingId);
  const items = chosen?.agenda.filter((a) => a.kind === 'project_vote') ?? [];
  const first = usable[0];
  const firstItems = first?.agenda.filter((a) => a.kind === 'project_vote') ?? [];

  function onFinish(v: Values) {
    return run(async () => {
      await call('projectVotes.create', {
        listId: list.id,
        agendaItemId: v.agendaItemId,
        style: v.style,
        mode: v.mode,
        scrutineers: v.scrutineers ?? [],
        counters: v.counters ?? [],
      });
      message.success('已安排第一轮票决');
      onClose();
    });
  }

  return (
    <FormDialog<Values>
      form={form}
      width={680}
      title={`安排票决：${list.title}`}
      okText="安排"
      busy={busy}
      onCancel={onClose}
      before={
        usable.length === 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`${list.bodyName}还没有含“民生实事票决”议程的会议。请先在“会议”中新建会议并添加该议程。`}
          />
        )
      }
      after={error && <Alert type="error" showIcon message={error} />}
      initialValues={{
        meetingId: first?.id,
        agendaItemId: firstItems.length === 1 ? firstItems[0]!.id : undefined,
        style: 'choose',
        mode: 'paper',
        scrutineers: [],
        counters: [],
      }}
      onValuesChange={(changed: Partial<Values>) => {
        if (changed.meetingId !== undefined) {
          const its =
            usable.find((m) => m.id === changed.meetingId)?.agenda.filter((a) => a.kind === 'project_vote') ?? [];
          form.setFieldValue('agendaItemId', its.length === 1 ? its[0]!.id : undefined);
        }
      }}
      onFinish={onFinish}
    >
      <Form.Item name="meetingId" label="会议" rules={[{ required: true, message: '请选择会议' }]}>
        <Select
          aria-label="会议"
          options={usable.map((m) => ({
            value: m.id,
            label: `${m.title}（${formatDate(m.date)}，${meetingStatusLabels[m.status]}）`,
          }))}
        />
      </Form.Item>
      <Form.Item name="agendaItemId" label="票决议程" rules={[{ required: true, message: '请选择议程' }]}>
        <Select
          aria-label="票决议程"
          options={items.map((a) => ({ value: a.id, label: `${a.position}. ${a.title}` }))}
        />
      </Form.Item>
      <Form.Item name="style" label="选票样式">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={BALLOT_STYLES.map((s) => ({
            value: s,
            label: s === 'choose' ? `限选${list.seats}项（勾选）` : ballotStyleLabels[s],
          }))}
        />
      </Form.Item>
      <Form.Item name="mode" label="投票方式">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={PROJECT_VOTE_MODES.map((m) => ({ value: m, label: projectVoteModeLabels[m] }))}
        />
      </Form.Item>
      {/* The pass rule is the meeting's rule set's (projectPassRule): shown here, changed only in 会议规则. */}
      <Form.Item label="通过票数" extra="按会议规则计算；如本地规定不同，请调整会议规则">
        <span data-testid="round-pass-rule">
          {chosen ? `${chosen.rules.pass.basis}（${chosen.ruleSetName}）` : '请先选择会议'}
        </span>
      </Form.Item>
      <Form.Item name="scrutineers" label="监票人" extra="输入姓名后按回车，可填多人；结束计票时还可修改">
        <NamesInput aria-label="监票人" />
      </Form.Item>
      <Form.Item name="counters" label="计票人">
        <NamesInput aria-label="计票人" />
      </Form.Item>
    </FormDialog>
  );
}
