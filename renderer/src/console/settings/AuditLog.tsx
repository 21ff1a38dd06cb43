import { Alert, App, Button, Card, DatePicker, Select, Space, Table, Tag } from 'antd';
import type { RangePickerProps } from 'antd/es/date-picker';
import { useEffect, useMemo, useState } from 'react';
import {
  AUDIT_GROUPS,
  auditActionLabel,
  auditActorLabel,
  auditEntityLabel,
  auditGroupLabels,
  auditGroupOf,
  describeAudit,
  type AuditEntry,
  type AuditGroup,
  type AuditNames,
  type AuditVerification,
} from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { useApi } from '../../api/hooks';
import { formatDateTime } from '../../format';
import { saveFile } from '../roster/download';

type Range = NonNullable<RangePickerProps['value']>;

const GROUP_COLORS: Record<AuditGroup, string> = {
  roster: 'blue',
  meeting: 'purple',
  attendance: 'cyan',
  vote: 'red',
  project: 'volcano',
  screen: 'gold',
  system: 'default',
};

/** Member names for the details (“张三：赞成”): every body's roster, fetched once; a few hundred rows at most. */
function useMemberNames(): AuditNames['member'] {
  const bodies = useApi('bodies.list', {}, ['roster.changed']);
  const [names, setNames] = useState<Map<number, string>>(new Map());
  useEffect(() => {
    if (!bodies.data) return;
    let live = true;
    void Promise.all(
      bodies.data.map((b) => call('members.list', { bodyId: b.id, includeFormer: true }).catch(() => [])),
    ).then((lists) => {
      if (live) setNames(new Map(lists.flat().map((m) => [m.membershipId, m.name])));
    });
    return () => {
      live = false;
    };
  }, [bodies.data]);
  return (id) => names.get(id);
}

/** 审计日志: who did what and when, in Chinese, filtered by meeting, kind of action and time; exported to .xlsx. */
export function AuditLog() {
  const { message } = App.useApp();
  const [meetingId, setMeetingId] = useState<number | undefined>(undefined);
  const [group, setGroup] = useState<AuditGroup | undefined>(undefined);
  const [range, setRange] = useState<Range | null>(null);
  const filter = useMemo(
    () => ({
      meetingId,
      group,
      from: range?.[0] ? range[0].toDate().toISOString() : undefined,
      to: range?.[1] ? range[1].toDate().toISOString() : undefined,
    }),
    [meetingId, group, range],
  );
  const audit = useApi('audit.list', { limit: 500, ...filter }, ['audit.appended']);
  const meetings = useApi('meetings.list', {}, ['meeting.changed']);
  const member = useMemberNames();
  const names: AuditNames = { member, meeting: (id) => meetings.data?.find((m) => m.id === id)?.title };
  const [check, setCheck] = useState<AuditVerification | { ok: false; message: string } | null>(null);

  async function verify() {
    try {
      setCheck(await call('audit.verify', {}));
    } catch (e) {
      setCheck({ ok: false, message: errorMessage(e) });
    }
  }

  async function exportXlsx() {
    try {
      saveFile(await call('audit.export', filter));
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  return (
    <Card
      title="审计日志"
      size="small"
      extra={
        <Space>
          <Button onClick={exportXlsx}>导出 Excel</Button>
          <Button onClick={verify}>校验哈希链</Button>
        </Space>
      }
    >
      {check && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={check.ok ? 'success' : 'error'}
          message={check.message}
          data-testid="audit-check"
          description={
            'findings' in check && (check.findings.length > 0 || check.notes.length > 0) ? (
              <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="audit-check-findings">
                {check.findings.map((f, i) => (
                  <li key={`f${i}`}>
                    {f.where}：{f.message}
                  </li>
                ))}
                {check.notes.map((n, i) => (
                  <li key={`n${i}`} style={{ color: 'rgba(0,0,0,0.55)' }}>
                    {n}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Space wrap style={{ marginBottom: 12 }} data-testid="audit-filters">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="全部会议"
          aria-label="按会议筛选"
          style={{ width: 300 }}
          value={meetingId}
          onChange={setMeetingId}
          options={(meetings.data ?? []).map((m) => ({ value: m.id, label: m.title }))}
        />
        <Select
          allowClear
          placeholder="全部操作类别"
          aria-label="按操作类别筛选"
          style={{ width: 160 }}
          value={group}
          onChange={setGroup}
          options={AUDIT_GROUPS.map((g) => ({ value: g, label: auditGroupLabels[g] }))}
        />
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          placeholder={['起始时间', '结束时间']}
          aria-label="按时间筛选"
          value={range}
          onChange={(v) => setRange(v && v[0] && v[1] ? v : null)}
        />
        {audit.data && (
          <span className="muted" data-testid="audit-count">
            {audit.data.length >= 500 ? '显示最近500条，更早的记录请缩小范围或导出' : `共 ${audit.data.length} 条`}
          </span>
        )}
      </Space>
      {audit.error && <Alert type="error" showIcon message={audit.error} style={{ marginBottom: 12 }} />}
      <Table<AuditEntry>
        size="small"
        rowKey="id"
        tableLayout="fixed"
        dataSource={audit.data ?? []}
        loading={audit.loading && !audit.data}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="audit-table"
        columns={[
          { title: '序号', dataIndex: 'id', width: 64 },
          { title: '时间', dataIndex: 'at', width: 168, render: formatDateTime },
          {
            title: '操作者',
            dataIndex: 'actor',
            width: 150,
            render: (a: string) => <span title={a}>{auditActorLabel(a)}</span>,
          },
          {
            title: '操作',
            dataIndex: 'action',
            width: 190,
            render: (a: string) => (
              <Space size={4} wrap>
                <Tag color={GROUP_COLORS[auditGroupOf(a)]}>{auditGroupLabels[auditGroupOf(a)]}</Tag>
                <span title={a}>{auditActionLabel(a)}</span>
              </Space>
            ),
          },
          { title: '对象', width: 120, render: (_v, e) => auditEntityLabel(e.entity, e.entityId) },
          {
            title: '内容',
            dataIndex: 'detail',
            render: (_d, e) => <div className="audit-detail">{describeAudit(e, names)}</div>,
            onCell: () => ({ 'data-col': 'detail' }) as never,
          },
          {
            title: '哈希',
            dataIndex: 'hash',
            width: 104,
            responsive: ['xxl'],
            render: (h: string) => <code title={h}>{h.slice(0, 10)}…</code>,
          },
        ]}
      />
    </Card>
  );
}
