import { Button, Card, Col, Empty, Row, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { bodyKindLabels, type Body, type Meeting } from '../../../../shared/contract';
import { meetingKindLabels } from '../../../../shared/domain/rules';
import { useApi } from '../../api/hooks';
import { formatDate } from '../../format';
import { MeetingDialog, type MeetingDraft } from './MeetingDialog';
import { MeetingPackageImport } from './MeetingPackageImport';
import { QUARTER_LABELS } from './quarters';
import { MeetingStatusTag } from './StatusTag';

/** Every body's meetings; a township congress's 季会 as one series per year (Q1–Q4), so a missing quarter shows. */
export function MeetingList({ onOpen }: { onOpen: (id: number) => void }) {
  const bodies = useApi('bodies.list', {}, ['bodies.changed']);
  const meetings = useApi('meetings.list', {}, ['meeting.changed']);
  const [draft, setDraft] = useState<MeetingDraft | null>(null);

  const byBody = useMemo(() => {
    const map = new Map<number, Meeting[]>();
    for (const m of meetings.data ?? []) map.set(m.bodyId, [...(map.get(m.bodyId) ?? []), m]);
    return map;
  }, [meetings.data]);

  return (
    <div className="page">
      <div className="page-title">
        <h2>会议</h2>
        <span className="muted">区人大年中会议、常委会会议、街道议事代表会议、镇人大季会</span>
        <Space style={{ marginLeft: 'auto' }}>
          <MeetingPackageImport />
          <Button type="primary" onClick={() => setDraft({})}>
            新建会议
          </Button>
        </Space>
      </div>
      {(bodies.error || meetings.error) && <div style={{ color: '#c00' }}>{bodies.error ?? meetings.error}</div>}
      {bodies.data?.length === 0 && <Empty description="还没有机构，请先在“名册”中新建机构并导入成员" />}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {(bodies.data ?? []).map((b) => (
          <BodyMeetings
            key={b.id}
            body={b}
            meetings={byBody.get(b.id) ?? []}
            onOpen={onOpen}
            onNew={(d) => setDraft({ bodyId: b.id, ...d })}
          />
        ))}
      </Space>
      {draft && bodies.data && (
        <MeetingDialog
          bodies={bodies.data}
          draft={draft}
          onClose={(created) => {
            setDraft(null);
            if (created) onOpen(created.id);
          }}
        />
      )}
    </div>
  );
}

function BodyMeetings({
  body,
  meetings,
  onOpen,
  onNew,
}: {
  body: Body;
  meetings: Meeting[];
  onOpen: (id: number) => void;
  onNew: (d: MeetingDraft) => void;
}) {
  const quarterly = meetings.filter((m) => m.kind === 'township_quarterly');
  const others = meetings.filter((m) => m.kind !== 'township_quarterly');
  const years =
    body.kind === 'township_congress'
      ? [...new Set([new Date().getFullYear(), ...quarterly.map((m) => m.year)])].sort((a, b) => b - a)
      : [];

  return (
    <Card
      size="small"
      data-testid={`body-meetings-${body.id}`}
      data-body={body.name}
      title={
        <Space>
          <span style={{ fontSize: 17 }}>{body.name}</span>
          <Tag>{bodyKindLabels[body.kind]}</Tag>
          {body.term && <Tag color="red">{body.term}</Tag>}
        </Space>
      }
      extra={
        <Button size="small" onClick={() => onNew({})}>
          新建会议
        </Button>
      }
    >
      {years.map((year) => (
        <div key={year} style={{ marginBottom: 12 }}>
          <div style={{ fontWeight: 600, marginBottom: 6 }}>{year}年 季会</div>
          <Row gutter={8}>
            {QUARTER_LABELS.map((label, i) => {
              const m = quarterly.find((x) => x.year === year && x.quarter === i + 1);
              return (
                <Col span={6} key={label}>
                  <div className={`quarter-slot${m ? '' : ' quarter-empty'}`} data-testid={`quarter-${year}-${i + 1}`}>
                    <div className="muted" style={{ fontSize: 12 }}>
                      Q{i + 1} · {label}
                    </div>
                    {m ? (
                      <>
                        <a href={`#/meetings/${m.id}`} className="quarter-title">
                          {m.title}
                        </a>
                        <div>
                          <MeetingStatusTag status={m.status} />
                          {m.annualSession && (
                            <Tag color="volcano" data-testid="annual-tag">
                              年度会议
                            </Tag>
                          )}{' '}
                          <span className="muted">{formatDate(m.date)}</span>
                        </div>
                      </>
                    ) : (
                      <Button
                        size="small"
                        type="dashed"
                        onClick={() => onNew({ kind: 'township_quarterly', quarter: i + 1, year })}
                      >
                        安排{label}季会
                      </Button>
                    )}
                  </div>
                </Col>
              );
            })}
          </Row>
        </div>
      ))}
      {others.length === 0 && years.length === 0 && <div className="muted">暂无会议</div>}
      {others.length > 0 ? (
        <Table<Meeting>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={others}
          onRow={(m) => ({ onDoubleClick: () => onOpen(m.id) })}
          columns={[
            { title: '日期', dataIndex: 'date', width: 150, render: formatDate },
            { title: '会议名称', dataIndex: 'title', render: (t: string, m) => <a href={`#/meetings/${m.id}`}>{t}</a> },
            {
              title: '类型',
              dataIndex: 'kind',
              width: 170,
              // The annual session, where the 票决 is held, stands out from the 年中会议 in the same list.
              render: (k: Meeting['kind'], m) =>
                m.annualSession ? (
                  <Tag color="volcano" data-testid="annual-tag">
                    {meetingKindLabels[k]}
                  </Tag>
                ) : (
                  meetingKindLabels[k]
                ),
            },
            { title: '届次会次', dataIndex: 'session', width: 150 },
            {
              title: '状态',
              dataIndex: 'status',
              width: 90,
              render: (s: Meeting['status']) => <MeetingStatusTag status={s} />,
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
