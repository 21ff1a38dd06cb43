import { App, Button, Descriptions, Space, Tag } from 'antd';
import { useState } from 'react';
import { AppError, type Attendance, type Meeting } from '../../../../shared/contract';
import { meetingKindLabels } from '../../../../shared/domain/rules';
import { call, errorMessage } from '../../api/client';
import { useApi } from '../../api/hooks';
import { formatDate, formatDateTime } from '../../format';
import { useConfirm } from '../common/confirm';
import { saveFile } from '../roster/download';
import { focusSignIn } from './focusSignIn';
import { ForceOpenDialog } from './ForceOpenDialog';
import { MeetingDialog } from './MeetingDialog';
import { quarterLabel } from './quarters';
import { MeetingStatusTag } from './StatusTag';
import { PrintButton } from '../common/PrintPreview';

/** Title, body, rule set with its legal bases, date, status, and the chair's two acts: 宣布开会 and 宣布闭会. */
export function MeetingHeader({
  meeting: m,
  attendance,
  onBack,
}: {
  meeting: Meeting;
  attendance: Attendance | undefined;
  onBack: () => void;
}) {
  const { message } = App.useApp();
  const confirm = useConfirm();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const bodies = useApi('bodies.list', editing ? {} : null);

  const time = [m.startTime, m.endTime].filter(Boolean).join('—');
  const s = attendance?.summary;

  async function open() {
    // Below quorum the host refuses and its dialog asks for a reason; otherwise ask here, with the figures.
    if (!s || s.quorum.met) {
      const fixed = [
        ['届次会次', m.session],
        ['时间', `${formatDate(m.date)}${time && ` ${time}`}`],
        ['地点', m.venue],
      ] as const;
      const ok = await confirm({
        title: `宣布“${m.title}”开会？`,
        okText: '宣布开会',
        content: (
          <>
            {s && (
              <p>
                <b>{s.quorum.text}</b>（{s.quorum.basis}）。
              </p>
            )}
            <p>宣布开会后，以下会议信息不能再修改：</p>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {fixed.map(([label, value]) => (
                <li key={label}>
                  {label}：{value || <span style={{ color: '#ad6800' }}>未填写</span>}
                </li>
              ))}
            </ul>
          </>
        ),
      });
      if (!ok) return;
    }
    setBusy(true);
    try {
      await call('meetings.open', { id: m.id });
      message.success('已宣布开会');
    } catch (e) {
      // Below quorum the host refuses and names the rule; the clerk may then open with a recorded reason.
      if (e instanceof AppError && e.code === 'CONFLICT' && e.field === 'overrideReason') setRefusal(e.message);
      else message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  /** The meeting in one checked file, for the session-day laptop (or, from there, its results for the office). */
  async function exportPackage() {
    setExporting(true);
    try {
      const file = await call('meetingPackages.export', { meetingId: m.id });
      saveFile(file);
      message.success(`已导出会议包“${file.fileName}”`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }

  async function close() {
    const ok = await confirm({
      title: '宣布闭会',
      content: `确认宣布“${m.title}”闭会？${s ? `实到${s.present}名。` : ''}闭会后不能再签到、表决或修改议程。`,
      okText: '确认闭会',
      danger: true,
    });
    if (!ok) return;
    try {
      await call('meetings.close', { id: m.id });
      message.success('已宣布闭会');
    } catch (e) {
      message.error(errorMessage(e));
    }
  }
  return (
    <div className="meeting-header">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Button type="link" onClick={onBack} style={{ paddingInline: 0 }}>
          ‹ 会议列表
        </Button>
        <h2 style={{ margin: 0, fontSize: 22 }} data-testid="meeting-title">
          {m.title}
        </h2>
        <MeetingStatusTag status={m.status} />
        {s && (
          <Tag color={s.quorum.met ? 'green' : 'red'} data-testid="header-quorum">
            实到 {s.present} / 应到 {s.expected} · {s.quorum.met ? '符合法定人数' : '未达法定人数'}
          </Tag>
        )}
        <Space style={{ marginLeft: 'auto' }}>
          <Button loading={exporting} onClick={() => void exportPackage()}>
            导出会议包
          </Button>
          <PrintButton
            target={{ doc: 'minutes', id: m.id, title: '会议纪要' }}
            label="会议纪要"
            testId="print-minutes"
          />
          {m.status === 'preparing' && <Button onClick={() => setEditing(true)}>修改会议信息</Button>}
          {m.status === 'preparing' && (
            <Button type="primary" size="large" loading={busy} onClick={open}>
              宣布开会
            </Button>
          )}
          {m.status === 'open' && (
            <Button type="primary" size="large" danger onClick={close}>
              宣布闭会
            </Button>
          )}
        </Space>
      </div>
      <Descriptions
        size="small"
        column={4}
        style={{ marginTop: 8 }}
        items={[
          { key: 'body', label: '机构', children: m.bodyName },
          {
            key: 'kind',
            label: '会议类型',
            children: `${meetingKindLabels[m.kind]}${m.quarter ? `（${m.year}年${quarterLabel(m.quarter)}）` : ''}`,
          },
          { key: 'session', label: '届次会次', children: m.session ?? '—' },
          {
            key: 'date',
            label: '日期',
            children: (
              <span data-testid="meeting-date">
                {formatDate(m.date)}
                {time && ` ${time}`}
              </span>
            ),
          },
          { key: 'venue', label: '地点', children: m.venue ?? '—' },
          { key: 'rules', label: '会议规则', span: m.openedAt ? 1 : 3, children: m.ruleSetName },
          ...(m.openedAt
            ? [{ key: 'opened', label: '开会时间', span: m.closedAt ? 1 : 2, children: formatDateTime(m.openedAt) }]
            : []),
          ...(m.closedAt ? [{ key: 'closed', label: '闭会时间', children: formatDateTime(m.closedAt) }] : []),
          { key: 'quorum', label: '法定人数', span: 2, children: m.rules.quorum.basis },
          { key: 'pass', label: '通过', span: 2, children: m.rules.pass.basis },
          ...(m.quorumOverride
            ? [
                {
                  key: 'override',
                  label: '强行开会理由',
                  span: 4,
                  children: <span style={{ color: '#c00' }}>{m.quorumOverride}</span>,
                },
              ]
            : []),
        ]}
      />
      {refusal && (
        <ForceOpenDialog
          meeting={m}
          refusal={refusal}
          onClose={() => {
            setRefusal(null);
            focusSignIn();
          }}
        />
      )}
      {editing && bodies.data && <MeetingDialog bodies={bodies.data} meeting={m} onClose={() => setEditing(false)} />}
    </div>
  );
}
