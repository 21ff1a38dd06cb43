import { Alert, Button, InputNumber, Table } from 'antd';
import { useState } from 'react';
import type { Project, ProjectVote } from '../../../../shared/contract';
import type { TotalsMismatch } from '../../../../shared/domain/projects';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAction } from '../common/useAction';

type Field = 'yes' | 'no' | 'abstain';
const FIELD_LABELS: Record<Field, string> = { yes: '赞成', no: '反对', abstain: '弃权' };

/**
 * 计票单: the totals the counters tallied by hand, per project, checked against the keyed ballots (the first batch
 * while counting). Every figure that disagrees is listed; the round cannot be closed until they agree.
 */
export function TotalsSheet({ vote, candidates }: { vote: ProjectVote; candidates: Project[] }) {
  const { busy, run } = useAction();
  const cmp = useApi('projectVotes.paperCompare', { id: vote.id }, ['projectVote.changed']);
  const [edits, setValues] = useState<Record<number, Partial<Record<Field, number | null>>>>({});
  // What was saved before (e.g. before a reload) fills the sheet; the clerk's edits override it.
  const values: Record<number, Partial<Record<Field, number | null>>> = Object.fromEntries(
    candidates.map((p) => [p.id, { ...cmp.data?.sheet.find((r) => r.projectId === p.id), ...edits[p.id] }]),
  );
  const [saved, setSaved] = useState<TotalsMismatch[] | null>(null);
  const fields: Field[] = vote.style === 'approve' ? ['yes', 'no', 'abstain'] : ['yes'];
  const yesLabel = vote.style === 'choose' ? '得票' : vote.style === 'rank' ? '排入票数' : '赞成';
  const counting = vote.status === 'counting' || vote.status === 'open';
  const mismatches = saved ?? cmp.data?.totalsMismatches ?? [];
  const filled = candidates.filter((p) => values[p.id]?.yes !== undefined && values[p.id]?.yes !== null);

  async function save() {
    const totals = filled.map((p) => ({
      projectId: p.id,
      yes: values[p.id]!.yes!,
      no: values[p.id]?.no ?? 0,
      abstain: values[p.id]?.abstain ?? 0,
    }));
    const r = await run(
      'save',
      () => call('projectVotes.manualTotals', { id: vote.id, totals }),
      (c) => (c.totalsMismatches.length ? undefined : `计票单${totals.length}项与选票一致`),
    );
    if (r) setSaved(r.totalsMismatches);
  }

  return (
    <div className="totals-sheet">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="按计票人签字的计票单，逐项填写各项目的票数后保存；系统与已录入的选票（第一批）核对，列出每一处不符。计票单与选票不符时不能结束计票。"
      />
      <Table<Project>
        size="small"
        rowKey="id"
        dataSource={candidates}
        pagination={false}
        data-testid="totals-table"
        columns={[
          {
            title: '编号',
            dataIndex: 'number',
            width: 70,
            align: 'center',
            render: (n: number) => <span className="project-no">{n}</span>,
          },
          { title: '项目名称', dataIndex: 'name' },
          ...fields.map((f) => ({
            title: f === 'yes' ? yesLabel : FIELD_LABELS[f],
            width: 140,
            render: (_v: unknown, p: Project) => (
              <InputNumber
                min={0}
                precision={0}
                disabled={!counting}
                aria-label={`${p.number}号${f === 'yes' ? yesLabel : FIELD_LABELS[f]}`}
                value={values[p.id]?.[f] ?? null}
                onChange={(n) => setValues((v) => ({ ...v, [p.id]: { ...v[p.id], [f]: n } }))}
                onPressEnter={() => void save()}
              />
            ),
          })),
        ]}
      />
      <div style={{ marginTop: 12, display: 'flex', gap: 12, alignItems: 'center' }}>
        <Button
          type="primary"
          size="large"
          disabled={!counting || filled.length === 0}
          loading={busy === 'save'}
          onClick={save}
        >
          保存并核对（{filled.length}项）
        </Button>
        <span className="muted">Tab 移到下一格，回车保存。</span>
      </div>
      {mismatches.length > 0 ? (
        <TotalsMismatches mismatches={mismatches} candidates={candidates} />
      ) : (
        saved && (
          <Alert type="success" showIcon style={{ marginTop: 12 }} message="计票单与选票一致" data-testid="totals-ok" />
        )
      )}
    </div>
  );
}

export function TotalsMismatches({ mismatches, candidates }: { mismatches: TotalsMismatch[]; candidates: Project[] }) {
  const byId = new Map(candidates.map((p) => [p.id, p]));
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 12 }}
      data-testid="totals-mismatches"
      message={`计票单与选票有${mismatches.length}处不符`}
      description={
        <ul className="mismatch-list">
          {mismatches.map((m) => {
            const p = byId.get(m.candidateId);
            return (
              <li key={`${m.candidateId}-${m.field}`}>
                {p ? `${p.number}号 ${p.name}` : m.candidateId}：{FIELD_LABELS[m.field]}票 计票单 <b>{m.sheet}</b>，选票{' '}
                <b>{m.ballots}</b>
              </li>
            );
          })}
        </ul>
      }
    />
  );
}
