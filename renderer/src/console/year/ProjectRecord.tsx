import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Progress,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import {
  decisionKindLabels,
  decisionStatusLabels,
  inspectionKindLabels,
  type DecisionKind,
  type InspectionKind,
  type ProjectFile,
  type ProjectMilestone,
  type ProjectRecord as Record_,
} from '../../../../shared/contract';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { formatDate, todayIso } from '../../format';
import { useAction } from '../common/useAction';
import { readFileBase64 } from '../roster/download';
import { href, listPath, meetingPath } from '../routes';
import './year.css';
import { STATE_COLORS } from './flags';

/**
 * One livelihood project's record across its year (#/year/project/<id>): the header, then 计划与节点, 进展报告 with
 * photos, 视察督查, decisions that change or stop it (motions whose result the record follows), the meetings that
 * heard it, and the timeline. Each section's form is typed through with Enter and saved by its button.
 */

const REFRESH = [
  'projectWork.changed',
  'projectFiles.changed',
  'vote.changed',
  'meeting.changed',
  'projects.changed',
  'projectVote.changed',
] as const;
const wan = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : `${n.toLocaleString('zh-CN')}万元`;

export function ProjectRecord({ id }: { id: number }) {
  const rec = useApi('projects.record', { id }, [...REFRESH]);
  const tl = useApi('projects.timeline', { id }, [...REFRESH]);
  if (rec.error && !rec.data)
    return (
      <div className="page">
        <Alert type="error" showIcon message={rec.error} />
      </div>
    );
  if (!rec.data)
    return (
      <div className="page">
        <Spin />
      </div>
    );
  const r = rec.data;
  const editable = r.chosen && r.stage !== 'stopped';
  return (
    <div className="page project-record" data-testid="project-record">
      <div className="record-header">
        <a href={href(listPath(r.listId))}>‹ {r.listTitle}</a>
        <div className="record-title">
          <h2>{r.name}</h2>
          <Tag color={STATE_COLORS[r.stage]} className="record-stage" data-testid="record-stage">
            {r.stageLabel}
          </Tag>
        </div>
        <div className="muted">
          {r.bodyName} · {r.year}年度 · 第{r.number}号
        </div>
        <Space size={32} className="record-figures" data-testid="record-figures">
          <span>
            责任单位 <b>{r.department ?? '—'}</b>
          </span>
          <span>
            预算 <b>{wan(r.budgetWan)}</b>
          </span>
          <span>
            完成进度 <b>{r.percent === null ? '—' : `${r.percent}%`}</b>
          </span>
        </Space>
        {r.changedSummary && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            message={`已变更：${r.changedSummary}`}
            data-testid="record-changed"
          />
        )}
        {!r.chosen && (
          <Alert type="info" showIcon style={{ marginTop: 8 }} message="本项目未经票决入选，不填写实施计划和进展。" />
        )}
      </div>
      <div className="record-grid">
        <div>
          <PlanCard r={r} editable={editable} />
          <ProgressCard r={r} editable={editable} />
          <InspectionsCard r={r} editable={r.chosen} />
          <DecisionsCard r={r} editable={editable} />
        </div>
        <Card title="时间线" size="small" className="record-card" data-testid="record-timeline">
          {tl.data?.length ? (
            <Timeline
              items={tl.data.map((e, i) => ({
                key: i,
                color:
                  e.kind === 'decided' || e.kind.startsWith('rectification')
                    ? 'red'
                    : e.kind === 'vote'
                      ? 'gold'
                      : 'blue',
                children: (
                  <div className="tl-entry" data-testid="timeline-entry">
                    <div className="tl-head">
                      <span className="tl-date">{formatDate(e.date)}</span>
                      <Tag>{e.kindLabel}</Tag>
                    </div>
                    <div className="tl-title">{e.link ? <a href={href(e.link)}>{e.title}</a> : e.title}</div>
                    {e.detail && <div className="muted tl-detail">{e.detail}</div>}
                  </div>
                ),
              }))}
            />
          ) : (
            <Empty description="暂无记录" />
          )}
        </Card>
      </div>
    </div>
  );
}

function PlanCard({ r, editable }: { r: Record_; editable: boolean }) {
  const { busy, run } = useAction();
  const [form] = Form.useForm();
  const [ms] = Form.useForm();
  const p = r.plan;
  const save = (v: {
    department: string;
    lead?: string;
    budgetWan?: number | null;
    startOn?: string;
    finishOn?: string;
  }) =>
    run(
      'plan',
      () => call('projectPlans.set', { projectId: r.id, ...v }),
      () => '实施计划已保存',
    );
  const addMilestone = (v: { title: string; dueOn: string }) =>
    run(
      'ms',
      () => call('projectMilestones.add', { projectId: r.id, ...v }),
      () => {
        ms.resetFields();
        (document.querySelector('[data-testid="milestone-title"]') as HTMLInputElement | null)?.focus();
        return '已添加节点';
      },
    );
  const overdue = (m: ProjectMilestone) => !m.doneOn && m.dueOn < todayIso();
  return (
    <Card title="计划与节点" size="small" className="record-card" id="plan" data-testid="plan-card">
      {editable ? (
        <Form
          form={form}
          layout="inline"
          className="plan-form"
          onFinish={save}
          key={p?.updatedAt ?? 'new'}
          initialValues={{
            department: p?.department ?? r.department ?? '',
            lead: p?.lead ?? '',
            budgetWan: p?.budgetWan ?? r.budgetWan,
            startOn: p?.startOn ?? '',
            finishOn: p?.finishOn ?? '',
          }}
        >
          <Form.Item name="department" label="责任单位" rules={[{ required: true, message: '请填写责任单位' }]}>
            <Input data-testid="plan-department" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="lead" label="责任人">
            <Input data-testid="plan-lead" style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="budgetWan" label="预算（万元）">
            <InputNumber data-testid="plan-budget" min={0} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="startOn" label="开工">
            <Input type="date" data-testid="plan-start" />
          </Form.Item>
          <Form.Item name="finishOn" label="完工">
            <Input type="date" data-testid="plan-finish" />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={busy === 'plan'} data-testid="plan-save">
            保存计划
          </Button>
        </Form>
      ) : p ? (
        <div>
          责任单位：{p.department}；责任人：{p.lead ?? '—'}；预算：{wan(p.budgetWan)}；{formatDate(p.startOn)}至
          {formatDate(p.finishOn)}
        </div>
      ) : (
        <span className="muted">尚无实施计划</span>
      )}
      <Table<ProjectMilestone>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={r.milestones}
        style={{ marginTop: 12 }}
        data-testid="milestones"
        locale={{ emptyText: '尚无节点' }}
        columns={[
          { title: '序号', dataIndex: 'position', width: 56, align: 'center' },
          { title: '节点', dataIndex: 'title' },
          {
            title: '计划完成',
            dataIndex: 'dueOn',
            width: 140,
            render: (d: string, m) => (
              <span className={overdue(m) ? 'overdue' : ''}>
                {formatDate(d)}
                {overdue(m) ? '（已逾期）' : ''}
              </span>
            ),
          },
          {
            title: '完成情况',
            width: 150,
            render: (_v, m) =>
              m.doneOn ? <Tag color="green">{formatDate(m.doneOn)}完成</Tag> : <span className="muted">未完成</span>,
          },
          ...(editable
            ? [
                {
                  title: '',
                  width: 150,
                  render: (_v: unknown, m: ProjectMilestone) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        onClick={() =>
                          run(`done-${m.id}`, () =>
                            call('projectMilestones.done', { id: m.id, doneOn: m.doneOn ? null : todayIso() }),
                          )
                        }
                      >
                        {m.doneOn ? '撤销完成' : '标记完成'}
                      </Button>
                      <Button
                        size="small"
                        danger
                        onClick={() => run(`rm-${m.id}`, () => call('projectMilestones.remove', { id: m.id }))}
                      >
                        删除
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && (
        <Form form={ms} layout="inline" onFinish={addMilestone} style={{ marginTop: 8 }}>
          <Form.Item name="title" rules={[{ required: true, message: '请填写节点名称' }]}>
            <Input placeholder="节点名称，如：主体完工" data-testid="milestone-title" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="dueOn" rules={[{ required: true, message: '请填写计划完成日期' }]}>
            <Input type="date" data-testid="milestone-due" />
          </Form.Item>
          <Button htmlType="submit" loading={busy === 'ms'} data-testid="milestone-add">
            添加节点
          </Button>
        </Form>
      )}
    </Card>
  );
}

function Thumb({ file }: { file: ProjectFile }) {
  const img = file.mimeType.startsWith('image/');
  const f = useApi('projectFiles.get', img ? { fileId: file.id } : null);
  if (!img) return <Tag>{file.fileName}</Tag>;
  return f.data ? (
    <img
      className="thumb"
      src={`data:${f.data.mimeType};base64,${f.data.contentBase64}`}
      alt={file.fileName}
      title={file.fileName}
      data-testid="progress-photo"
    />
  ) : (
    <span className="thumb" />
  );
}

function ProgressCard({ r, editable }: { r: Record_; editable: boolean }) {
  const { busy, run } = useAction();
  const [form] = Form.useForm();
  const [files, setFiles] = useState<File[]>([]);
  const percent = Form.useWatch('percent', form) as number | undefined;
  const lowered = percent !== undefined && percent !== null && r.percent !== null && percent < r.percent;
  const add = (v: {
    reportedOn: string;
    percent: number;
    spentWan?: number | null;
    text: string;
    loweredReason?: string;
  }) =>
    run(
      'progress',
      async () => {
        const report = await call('projectProgress.add', { projectId: r.id, ...v });
        for (const f of files)
          await call('projectFiles.attach', {
            projectId: r.id,
            stage: 'progress',
            recordId: report.id,
            fileName: f.name,
            contentBase64: await readFileBase64(f),
          });
        return report;
      },
      () => {
        form.resetFields();
        setFiles([]);
        return '已添加进展报告';
      },
    );
  return (
    <Card title="进展报告" size="small" className="record-card" id="progress" data-testid="progress-card">
      {r.progress.length === 0 && <div className="muted">尚无进展报告</div>}
      {[...r.progress].reverse().map((x) => (
        <div key={x.id} className="progress-entry" data-testid="progress-entry">
          <div className="progress-head">
            <b>{formatDate(x.reportedOn)}</b>
            <Progress percent={x.percent} size="small" style={{ width: 200 }} />
            <span>累计完成投资 {wan(x.spentWan)}</span>
          </div>
          <div>{x.text}</div>
          {x.loweredReason && <div className="muted">下调说明：{x.loweredReason}</div>}
          {x.files.length > 0 && (
            <div className="thumbs">
              {x.files.map((f) => (
                <Thumb key={f.id} file={f} />
              ))}
            </div>
          )}
        </div>
      ))}
      {editable && (
        <Form
          form={form}
          layout="vertical"
          onFinish={add}
          className="progress-form"
          initialValues={{ reportedOn: todayIso() }}
        >
          <Space align="start" wrap>
            <Form.Item name="reportedOn" label="报告日期" rules={[{ required: true, message: '请填写报告日期' }]}>
              <Input type="date" data-testid="progress-date" />
            </Form.Item>
            <Form.Item name="percent" label="完成进度（%）" rules={[{ required: true, message: '请填写完成进度' }]}>
              <InputNumber min={0} max={100} precision={0} data-testid="progress-percent" />
            </Form.Item>
            <Form.Item name="spentWan" label="累计完成投资（万元）">
              <InputNumber min={0} data-testid="progress-spent" style={{ width: 150 }} />
            </Form.Item>
          </Space>
          <Form.Item name="text" label="进展情况" rules={[{ required: true, message: '请填写进展情况' }]}>
            <Input.TextArea rows={2} data-testid="progress-text" />
          </Form.Item>
          {lowered && (
            <Form.Item
              name="loweredReason"
              label={`下调说明（上次为${r.percent}%）`}
              rules={[{ required: true, message: '进度低于上次报告，请说明原因' }]}
            >
              <Input data-testid="progress-lowered" />
            </Form.Item>
          )}
          <Space>
            <input
              type="file"
              accept="image/*,.pdf,.doc,.docx,.xlsx"
              multiple
              data-testid="progress-files"
              onChange={(e) => setFiles([...(e.target.files ?? [])])}
            />
            <Button htmlType="submit" type="primary" loading={busy === 'progress'} data-testid="progress-add">
              添加进展报告
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}

function InspectionsCard({ r, editable }: { r: Record_; editable: boolean }) {
  const { busy, run } = useAction();
  const [form] = Form.useForm();
  const add = (v: { kind: InspectionKind; heldOn: string; participants?: string; findings: string }) =>
    run(
      'insp',
      () =>
        call('projectInspections.add', {
          projectId: r.id,
          kind: v.kind,
          heldOn: v.heldOn,
          findings: v.findings,
          participants: (v.participants ?? '').split(/[、，,\s]+/).filter(Boolean),
        }),
      () => {
        form.resetFields();
        return '已记录';
      },
    );
  return (
    <Card title="视察督查" size="small" className="record-card" id="inspections" data-testid="inspections-card">
      {r.inspections.length === 0 && <div className="muted">尚无视察督查记录</div>}
      {r.inspections.map((x) => (
        <div key={x.id} className="progress-entry" data-testid="inspection-entry">
          <div className="progress-head">
            <b>{formatDate(x.heldOn)}</b>
            <Tag color="purple">{inspectionKindLabels[x.kind]}</Tag>
            {x.participants.length > 0 && <span className="muted">参加：{x.participants.join('、')}</span>}
          </div>
          <div>{x.findings}</div>
        </div>
      ))}
      {editable && (
        <Form form={form} layout="vertical" onFinish={add} initialValues={{ kind: 'inspection', heldOn: todayIso() }}>
          <Space align="start" wrap>
            <Form.Item name="kind" label="类别">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'inspection', label: '代表视察' },
                  { value: 'supervision', label: '督查' },
                ]}
              />
            </Form.Item>
            <Form.Item name="heldOn" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
              <Input type="date" data-testid="inspection-date" />
            </Form.Item>
            <Form.Item name="participants" label="参加人员（以顿号分隔）">
              <Input data-testid="inspection-participants" style={{ width: 260 }} />
            </Form.Item>
          </Space>
          <Form.Item
            name="findings"
            label="发现的问题和意见"
            rules={[{ required: true, message: '请填写发现的问题和意见' }]}
          >
            <Input.TextArea rows={2} data-testid="inspection-findings" />
          </Form.Item>
          <Button htmlType="submit" loading={busy === 'insp'} data-testid="inspection-add">
            记录视察督查
          </Button>
        </Form>
      )}
    </Card>
  );
}

function DecisionsCard({ r, editable }: { r: Record_; editable: boolean }) {
  const { busy, run } = useAction();
  const [form] = Form.useForm();
  const meetings = useApi('meetings.list', editable ? {} : null, ['meeting.changed']);
  // 表决事项 of meetings not yet closed; the service says which bodies may decide (and refuses the others in Chinese).
  const items = (meetings.data ?? [])
    .filter(
      (m) =>
        m.status !== 'closed' &&
        ['district_congress', 'standing_committee', 'township_congress', 'street_council'].includes(m.bodyKind),
    )
    .flatMap((m) =>
      m.agenda.filter((a) => a.kind === 'motion').map((a) => ({ value: a.id, label: `${m.title}：${a.title}` })),
    );
  const propose = (v: { agendaItemId: number; kind: DecisionKind; summary: string }) =>
    run(
      'dec',
      () => call('projectDecisions.propose', { projectId: r.id, ...v }),
      (d) => {
        form.resetFields();
        return `已安排表决“${d.title}”，请在会议的表决中进行`;
      },
    );
  return (
    <Card title="变更与终止决定" size="small" className="record-card" id="decisions" data-testid="decisions-card">
      {r.decisions.length === 0 && <div className="muted">没有变更或终止决定</div>}
      {r.decisions.map((d) => (
        <div key={d.id} className="progress-entry" data-testid="decision-entry">
          <div className="progress-head">
            <Tag color={d.kind === 'stop' ? 'red' : 'orange'}>{decisionKindLabels[d.kind]}</Tag>
            <a href={href(meetingPath(d.meetingId, 'votes'))}>
              <b>{d.title}</b>
            </a>
            <Tag
              color={d.status === 'passed' ? 'green' : d.status === 'failed' ? 'default' : 'blue'}
              data-testid="decision-status"
            >
              {decisionStatusLabels[d.status]}
            </Tag>
          </div>
          <div>{d.summary}</div>
          <div className="muted">
            {d.meetingTitle} · {d.agendaTitle}
          </div>
          {d.result && (
            <div className="muted">
              赞成{d.result.yes}票，反对{d.result.no}票，弃权{d.result.abstain}票；{d.result.thresholdText}
            </div>
          )}
        </div>
      ))}
      {r.agenda.length > 0 && (
        <div className="record-agenda" data-testid="record-agenda">
          <b>听取本项目的会议：</b>
          {r.agenda.map((a) => (
            <a key={a.agendaItemId} href={href(meetingPath(a.meetingId, 'agenda'))}>
              {formatDate(a.meetingDate)} {a.meetingTitle}：{a.agendaTitle}
            </a>
          ))}
        </div>
      )}
      {editable && (
        <Form
          form={form}
          layout="vertical"
          onFinish={propose}
          initialValues={{ kind: 'change' }}
          style={{ marginTop: 8 }}
        >
          <Space align="start" wrap>
            <Form.Item name="kind" label="提请">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'change', label: '变更' },
                  { value: 'stop', label: '终止' },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="agendaItemId"
              label="表决事项（人大或常委会会议）"
              rules={[{ required: true, message: '请选择表决事项' }]}
            >
              <Select
                options={items}
                style={{ width: 420 }}
                showSearch
                optionFilterProp="label"
                placeholder="选择会议的表决事项"
                data-testid="decision-item"
              />
            </Form.Item>
          </Space>
          <Form.Item
            name="summary"
            label="变更或终止的内容"
            rules={[{ required: true, message: '请填写变更或终止的内容' }]}
          >
            <Input.TextArea rows={2} data-testid="decision-summary" />
          </Form.Item>
          <Button htmlType="submit" loading={busy === 'dec'} data-testid="decision-propose">
            提请表决
          </Button>
        </Form>
      )}
    </Card>
  );
}
