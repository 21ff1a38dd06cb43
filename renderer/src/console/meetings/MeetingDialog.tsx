import { App, Checkbox, Col, Form, Input, Row, Select, Spin } from 'antd';
import {
  MEETING_KINDS,
  meetingBodyKinds,
  type Body,
  type Meeting,
  type MeetingKind,
  type RuleSet,
} from '../../../../shared/contract';
import { meetingKindLabels } from '../../../../shared/domain/rules';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../roster/useSubmit';
import { QUARTER_LABELS, quarterlyTitle, quarterOfDate } from './quarters';

/** What the list knows when it opens the dialog: a body's 新建会议 button, or an empty quarter of a 季会 series. */
export interface MeetingDraft {
  bodyId?: number;
  kind?: MeetingKind;
  quarter?: number;
  year?: number;
}

interface Values {
  bodyId: number;
  kind: MeetingKind;
  ruleSetId: number;
  session?: string;
  title: string;
  date: string;
  startTime?: string;
  endTime?: string;
  venue?: string;
  /** A 季会 that is the township congress's annual session (季会制). */
  annualSession?: boolean;
  quarter?: number | null;
}

const dateRule = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式如 2026-07-15' };
const timeRule = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '格式如 09:00' };

/**
 * The kinds a body may hold, its own first (a standing committee: 常委会会议 before an enlarged 年中会议). A district
 * congress is offered its 年中会议 first, as before the annual session existed; the 年度会议 is chosen on purpose.
 */
const kindOrder = (k: MeetingKind) => (k === 'district_annual' ? 3 : meetingBodyKinds[k].length);
const kindsFor = (body: Body | undefined): MeetingKind[] =>
  body
    ? MEETING_KINDS.filter((k) => meetingBodyKinds[k].includes(body.kind)).sort((a, b) => kindOrder(a) - kindOrder(b))
    : [];
/** 届次会次 as the service accepts it for an annual session: 第三届第三次会议. */
const SESSION_RULE = {
  pattern: /^第[一二三四五六七八九十百零〇\d]+届第[一二三四五六七八九十百零〇\d]+次(会议)?$/,
  message: '格式如：第三届第三次会议',
};

/**
 * New meeting (or, while it is being prepared, its details). Only the kinds a body may hold, only the rule sets
 * for that kind. 届次、时间、地点 are fixed once the meeting opens, so Enter walks through them rather than saving early.
 */
export function MeetingDialog({
  bodies,
  draft = {},
  meeting,
  onClose,
}: {
  bodies: Body[];
  draft?: MeetingDraft;
  meeting?: Meeting;
  onClose: (created?: Meeting) => void;
}) {
  const ruleSetsApi = useApi('ruleSets.list', {});
  const ruleSets: RuleSet[] = ruleSetsApi.data ?? [];
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, submit } = useSubmit(form);
  const bodyId = Form.useWatch('bodyId', form) as number | undefined;
  const kind = Form.useWatch('kind', form) as MeetingKind | undefined;
  const ruleSetId = Form.useWatch('ruleSetId', form) as number | undefined;
  const annualFlag = Form.useWatch('annualSession', form) as boolean | undefined;
  const annual = kind === 'district_annual' || (kind === 'township_quarterly' && !!annualFlag);
  const body = bodies.find((b) => b.id === bodyId);
  const kinds = kindsFor(body);
  const rulesFor = (k: MeetingKind | undefined) => ruleSets.filter((r) => r.meetingKind === k);
  const rule = ruleSets.find((r) => r.id === ruleSetId);

  const initial = ((): Partial<Values> => {
    if (meeting)
      return {
        ...meeting,
        session: meeting.session ?? '',
        startTime: meeting.startTime ?? '',
        endTime: meeting.endTime ?? '',
        venue: meeting.venue ?? '',
      };
    const b = bodies.find((x) => x.id === draft.bodyId) ?? bodies[0];
    const k = draft.kind ?? kindsFor(b)[0];
    const year = draft.year ?? new Date().getFullYear();
    return {
      bodyId: b?.id,
      kind: k,
      ruleSetId: rulesFor(k)[0]?.id,
      quarter: draft.quarter ?? null,
      title: b && draft.quarter ? quarterlyTitle(b.name, year, draft.quarter) : '',
    };
  })();

  // Keep body → kind → rule set consistent as the clerk changes them, and suggest a 季会's title until one is typed.
  function onValuesChange(changed: Partial<Values>, all: Values) {
    if ('bodyId' in changed) {
      const allowed = kindsFor(bodies.find((b) => b.id === all.bodyId));
      if (!allowed.includes(all.kind)) {
        form.setFieldValue('kind', allowed[0]);
        form.setFieldValue('ruleSetId', rulesFor(allowed[0])[0]?.id);
      }
    }
    if ('kind' in changed && !rulesFor(all.kind).some((r) => r.id === all.ruleSetId))
      form.setFieldValue('ruleSetId', rulesFor(all.kind)[0]?.id);
    const now = form.getFieldsValue() as Values;
    if (now.kind === 'township_quarterly') {
      if ('date' in changed && !now.quarter) form.setFieldValue('quarter', quarterOfDate(now.date));
      const q = form.getFieldValue('quarter') as number | null;
      const b = bodies.find((x) => x.id === now.bodyId);
      const year = /^\d{4}/.test(now.date ?? '')
        ? Number(now.date.slice(0, 4))
        : (draft.year ?? new Date().getFullYear());
      if (!meeting && b && q && !form.isFieldTouched('title'))
        form.setFieldValue('title', quarterlyTitle(b.name, year, q));
    }
  }

  const onFinish = (v: Values) => {
    const fields = {
      ruleSetId: v.ruleSetId,
      session: v.session || null,
      title: v.title,
      date: v.date,
      startTime: v.startTime || null,
      endTime: v.endTime || null,
      venue: v.venue || null,
      quarter: v.kind === 'township_quarterly' ? (v.quarter ?? null) : null,
      ...(v.kind === 'township_quarterly' ? { annualSession: !!v.annualSession } : {}),
    };
    return submit(
      () =>
        meeting
          ? call('meetings.update', { id: meeting.id, ...fields })
          : call('meetings.create', { bodyId: v.bodyId, kind: v.kind, ...fields }),
      (saved) => {
        message.success(meeting ? '已保存会议信息' : `已新建“${saved.title}”`);
        onClose(meeting ? undefined : saved);
      },
    );
  };

  return (
    <FormDialog<Values>
      form={form}
      width={720}
      title={meeting ? `修改会议信息：${meeting.title}` : '新建会议'}
      busy={busy}
      initialValues={initial}
      onValuesChange={onValuesChange}
      onFinish={onFinish}
      onCancel={() => onClose()}
      loading={
        ruleSetsApi.data ? undefined : ruleSetsApi.error ? (
          <div style={{ color: '#c00' }}>{ruleSetsApi.error}</div>
        ) : (
          <Spin />
        )
      }
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="bodyId" label="机构" rules={[{ required: true, message: '请选择机构' }]}>
            <Select
              disabled={!!meeting}
              showSearch={{ optionFilterProp: 'label' }}
              options={bodies.map((b) => ({ value: b.id, label: b.name }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="kind" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
            <Select
              disabled={!!meeting}
              options={kinds.map((k) => ({ value: k, label: meetingKindLabels[k] }))}
              notFoundContent="请先选择机构"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="ruleSetId"
        label="会议规则"
        rules={[{ required: true, message: '请选择会议规则' }]}
        extra={
          rule && (
            <div data-testid="rule-basis">
              <div>法定人数：{rule.rules.quorum.basis}</div>
              <div>通过：{rule.rules.pass.basis}</div>
            </div>
          )
        }
      >
        <Select
          options={rulesFor(kind).map((r) => ({ value: r.id, label: r.builtin ? r.name : `${r.name}（自定义）` }))}
          notFoundContent="该会议类型没有可用的规则"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col span={kind === 'township_quarterly' ? 8 : 12}>
          <Form.Item
            name="session"
            label="届次会次"
            rules={
              annual ? [{ required: true, message: '年度会议须注明届次会次，如：第三届第三次会议' }, SESSION_RULE] : []
            }
            extra={annual ? '公告以“…人民代表大会第…次会议主席团”名义发布' : undefined}
          >
            <Input placeholder={annual ? '如：第三届第三次会议' : '如：第十九届第十二次'} />
          </Form.Item>
        </Col>
        <Col span={kind === 'township_quarterly' ? 8 : 12}>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请填写日期' }, dateRule]}>
            <Input placeholder="如：2026-03-20" autoFocus={!meeting} />
          </Form.Item>
        </Col>
        {kind === 'township_quarterly' && (
          <Col span={8}>
            <Form.Item name="quarter" label="季度" rules={[{ required: true, message: '镇人大季会须注明第几季度' }]}>
              <Select options={QUARTER_LABELS.map((label, i) => ({ value: i + 1, label }))} />
            </Form.Item>
          </Col>
        )}
      </Row>
      {kind === 'township_quarterly' && (
        <Form.Item name="annualSession" valuePropName="checked" style={{ marginTop: -8 }}>
          <Checkbox>本次季会为年度会议（季会制：一次季会兼作年度人民代表大会会议，票决在此进行）</Checkbox>
        </Form.Item>
      )}
      <Form.Item name="title" label="会议名称" rules={[{ required: true, message: '请填写会议名称' }]}>
        <Input placeholder={`如：${body?.name ?? '本机构'}${body?.term ?? '第十九届'}第二次会议`} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name="startTime" label="开始时间" rules={[timeRule]}>
            <Input placeholder="09:00" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="endTime" label="结束时间" rules={[timeRule]}>
            <Input placeholder="12:00" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="venue" label="地点">
            <Input placeholder="如：镇政府三楼会议室" />
          </Form.Item>
        </Col>
      </Row>
    </FormDialog>
  );
}
