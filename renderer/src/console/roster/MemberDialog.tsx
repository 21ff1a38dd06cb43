import { App, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { ETHNICITIES } from '../../../../shared/domain/ethnicity';
import { memberNoun, type Body, type Member } from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from './useSubmit';

type Values = Omit<Member, 'membershipId' | 'personId' | 'bodyId' | 'pinyin' | 'initials' | 'otherBodies' | 'active'>;
const FIELDS = [
  'name',
  'gender',
  'ethnicity',
  'party',
  'unitTitle',
  'constituency',
  'phone',
  'seatNo',
  'since',
  'until',
  'notes',
] as const;
const PARTIES = [
  '中共党员',
  '中共预备党员',
  '群众',
  '无党派人士',
  '民革党员',
  '民盟盟员',
  '民建会员',
  '民进会员',
  '农工党党员',
  '致公党党员',
  '九三学社社员',
  '台盟盟员',
  '共青团员',
];
// Typed as the clerk would: 男/女, or their pinyin (nan, nv, n… — "n" alone matches both, 男 first).
const GENDERS = [
  { value: '男', label: '男', pinyin: 'nan' },
  { value: '女', label: '女', pinyin: 'nv nü nu' },
];
const matchGender = (input: string, option?: { label: string; pinyin: string }) => {
  const q = input.trim().toLowerCase();
  return !!option && (option.label.includes(q) || option.pinyin.split(' ').some((p) => p.startsWith(q)));
};
const dateRule = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式如 2021-12-28' };

/** Add or edit one member. Enter moves field by field and saves from the last; the contract checks every field again. */
export function MemberDialog({ body, member, onClose }: { body: Body; member: Member | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, submit } = useSubmit(form);
  const noun = memberNoun[body.kind];
  const street = body.kind === 'street_council';

  const onFinish = (v: Values) => {
    const text = Object.fromEntries(
      FIELDS.map((f) => [f, typeof v[f] === 'string' && v[f]!.trim() === '' ? null : (v[f] ?? null)]),
    ) as Omit<Values, 'npcDeputy'>;
    // 兼任人大代表 only means something in a street council (its double threshold); elsewhere it is not sent.
    const clean = street ? { ...text, npcDeputy: !!v.npcDeputy } : text;
    return submit(
      () =>
        member
          ? call('members.update', { membershipId: member.membershipId, ...clean })
          : call('members.create', { bodyId: body.id, ...clean }),
      (saved) => {
        message.success(member ? `已保存${saved.name}的信息` : `已添加${noun}${saved.name}`);
        onClose();
      },
    );
  };

  return (
    <FormDialog<Values>
      form={form}
      width={720}
      title={member ? `编辑${noun}：${member.name}` : `新增${noun}`}
      busy={busy}
      initialValues={member ?? { ethnicity: '汉族' }}
      onFinish={onFinish}
      onCancel={onClose}
    >
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input autoFocus />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="gender" label="性别">
            <Select allowClear aria-label="性别" showSearch={{ filterOption: matchGender }} options={GENDERS} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="ethnicity" label="民族">
            <Select allowClear showSearch options={ETHNICITIES.map((e) => ({ value: e }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="party" label="党派">
            <Select allowClear showSearch options={PARTIES.map((p) => ({ value: p }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="unitTitle" label="单位及职务">
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="constituency" label="选区/小组">
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="phone" label="联系电话">
            <Input inputMode="tel" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="seatNo" label="座位号">
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="since" label="任职起始" rules={[dateRule]}>
            <Input placeholder="如：2021-10-01" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="until" label="任职终止" rules={[dateRule]}>
            <Input placeholder="如：2026-09-30" />
          </Form.Item>
        </Col>
        {street && (
          <Col span={8}>
            <Form.Item name="npcDeputy" label="人大代表" valuePropName="checked" extra="双重门槛表决时单独计票">
              <Checkbox>兼任人大代表</Checkbox>
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name="notes" label="备注">
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormDialog>
  );
}
