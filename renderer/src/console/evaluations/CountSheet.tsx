import { Alert, Button, InputNumber, Table } from 'antd';
import { useState } from 'react';
import type {
  PollComparison,
  PollItem,
  PollRound,
  SheetField,
  SheetLine,
} from '../../../../shared/contract/poll-types';
import { sheetFieldLabels } from '../../../../shared/contract/poll-types';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAction } from '../common/useAction';
import { hasAbstain } from './common';

type Counts = Partial<Record<SheetField, number | null>>;

/**
 * 计票单 of a 测评: per item the 满意 / 基本满意 / 不满意 (/ 弃权) the counters tallied by hand, saved with
 * polls.countSheet and reconciled against the keyed ballots; every figure that disagrees is listed.
 */
export function CountSheet({ round }: { round: PollRound }) {
  const { busy, run } = useAction();
  const cmp = useApi('polls.paperCompare', { id: round.id }, ['poll.changed']);
  const [edits, setEdits] = useState<Record<number, Counts>>({});
  const [saved, setSaved] = useState<PollComparison | null>(null);
  const fields: SheetField[] = [
    'satisfied',
    'basically',
    'unsatisfied',
    ...(hasAbstain(round) ? (['abstain'] as const) : []),
  ];
  const sheet = new Map((saved ?? cmp.data)?.sheet.map((l) => [l.position, l.counts]) ?? []);
  const value = (p: number, f: SheetField) => (edits[p] && f in edits[p] ? edits[p][f] : sheet.get(p)?.[f]) ?? null;
  const editable = round.status === 'open' || round.status === 'counting';
  const mismatches = (saved ?? cmp.data)?.sheetMismatches ?? [];
  const filled = round.items.filter((it) => fields.some((f) => value(it.position, f) !== null));

  async function save() {
    const lines: SheetLine[] = filled.map((it) => ({
      position: it.position,
      counts: Object.fromEntries(fields.map((f) => [f, value(it.position, f) ?? 0])),
    }));
    const r = await run(
      'save',
      () => call('polls.countSheet', { id: round.id, lines }),
      (c) => (c.sheetMismatches.length ? undefined : `计票单${lines.length}项与选票一致`),
    );
    if (r) setSaved(r);
  }

  return (
    <div className="totals-sheet">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="按计票人签字的计票单逐项填写各选项票数，保存后与已录入的测评票（第一批）核对，列出每一处不符。"
      />
      <Table<PollItem>
        size="small"
        rowKey="id"
        dataSource={round.items}
        pagination={false}
        data-testid="count-sheet"
        columns={[
          { title: '序号', dataIndex: 'position', width: 56, align: 'center' },
          { title: '测评项目', dataIndex: 'title' },
          ...fields.map((f) => ({
            title: sheetFieldLabels[f],
            width: 110,
            render: (_v: unknown, it: PollItem) => (
              <InputNumber
                min={0}
                precision={0}
                disabled={!editable}
                aria-label={`第${it.position}项${sheetFieldLabels[f]}`}
                value={value(it.position, f)}
                onChange={(n) => setEdits((e) => ({ ...e, [it.position]: { ...e[it.position], [f]: n } }))}
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
          disabled={!editable || !filled.length}
          loading={busy === 'save'}
          onClick={save}
        >
          保存并核对（{filled.length}项）
        </Button>
        <span className="muted">Tab 移到下一格，回车保存。</span>
      </div>
      <SheetMismatches comparison={saved ?? cmp.data ?? null} />
      {saved && !mismatches.length && (
        <Alert type="success" showIcon style={{ marginTop: 12 }} message="计票单与测评票一致" data-testid="sheet-ok" />
      )}
    </div>
  );
}

export function SheetMismatches({ comparison }: { comparison: PollComparison | null }) {
  const m = comparison?.sheetMismatches ?? [];
  if (!m.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 12 }}
      data-testid="sheet-mismatches"
      message={`计票单与测评票有${m.length}处不符`}
      description={
        <ul className="mismatch-list">
          {m.map((x) => (
            <li key={`${x.position}-${x.field}`}>
              第{x.position}项 {x.title}：{sheetFieldLabels[x.field]} 计票单 <b>{x.sheet}</b>，测评票 <b>{x.ballots}</b>
            </li>
          ))}
        </ul>
      }
    />
  );
}
