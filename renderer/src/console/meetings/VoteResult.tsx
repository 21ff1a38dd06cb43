import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { choiceLabels, type Choice, type Vote, type VoteRollEntry } from '../../../../shared/contract';
import { call } from '../../api/client';
import { formatDateTime } from '../../format';
import { copyText } from '../common/copy';
import { ExportButton } from '../common/ExportButton';
import { useAction } from '../common/useAction';
import { VoteFrozen } from './VoteFrozen';
import { PrintButton } from '../common/PrintPreview';

/** A closed vote: the counts, 通过/未通过 with the threshold it was decided by, and the announcement the chair reads out. */
export function VoteResult({ vote }: { vote: Vote }) {
  const { message } = App.useApp();
  const { busy, run } = useAction();
  const [roll, setRoll] = useState<VoteRollEntry[] | null>(null);
  const r = vote.result;
  if (!r) return <div className="muted">表决尚未结束</div>;

  async function copy() {
    try {
      await copyText(vote.announcement ?? '');
      message.success('已复制公告文字');
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const cells: { label: string; value: number; cls: string }[] = [
    { label: '赞成', value: r.yes, cls: 'yes' },
    { label: '反对', value: r.no, cls: 'no' },
    { label: '弃权', value: r.abstain, cls: 'abstain' },
    { label: '未表决', value: r.notVoting, cls: 'none' },
  ];
  return (
    <div className="vote-result" data-testid={`vote-result-${vote.id}`}>
      <div className="result-row">
        <div className={`result-verdict ${r.passed ? 'passed' : 'failed'}`} data-testid="vote-verdict">
          {r.passed ? '通过' : '未通过'}
        </div>
        {cells.map((c) => (
          <div key={c.cls} className={`result-cell result-${c.cls}`}>
            <div className="result-label">{c.label}</div>
            <div className="result-value">{c.value}</div>
          </div>
        ))}
        <div className="result-threshold">
          <div>{r.thresholdText}</div>
          <VoteFrozen vote={vote} />
          <div className="muted">{vote.closedAt && `结束于 ${formatDateTime(vote.closedAt)}`}</div>
          <Space style={{ marginTop: 8 }} wrap>
            <ExportButton testId="export-round" load={() => call('exports.round', { roundId: vote.id })} />
            <PrintButton
              target={{ doc: 'round-result', id: vote.id, title: '表决结果公告' }}
              testId="print-round-result"
            />
            {vote.mode === 'electronic' && vote.secrecy === 'named' && (
              <ExportButton
                label="导出记名名单"
                testId="export-roll"
                load={() => call('exports.rollCall', { roundId: vote.id })}
              />
            )}
          </Space>
        </div>
      </div>
      {vote.announcement && (
        <div className="announcement">
          <div className="announcement-head">
            <span>当场宣布</span>
            <Button icon={<CopyOutlined />} onClick={copy}>
              复制
            </Button>
          </div>
          <div className="announcement-text" data-testid="announcement">
            {vote.announcement}
          </div>
        </div>
      )}
      {vote.mode === 'electronic' && vote.secrecy === 'named' && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          {!roll && (
            <Button
              size="small"
              loading={busy === 'roll'}
              onClick={() => run('roll', () => call('votes.roll', { id: vote.id }), setRoll)}
            >
              查看逐人结果
            </Button>
          )}
          {roll && (
            <Table<VoteRollEntry>
              size="small"
              rowKey="membershipId"
              dataSource={roll}
              pagination={{ pageSize: 30, hideOnSinglePage: true }}
              columns={[
                { title: '姓名', dataIndex: 'name', width: 140 },
                {
                  title: '表决',
                  dataIndex: 'choice',
                  render: (c: Choice | null) =>
                    c ? (
                      <Tag color={{ yes: 'green', no: 'red', abstain: 'default' }[c]}>{choiceLabels[c]}</Tag>
                    ) : (
                      <span className="muted">未表决</span>
                    ),
                },
              ]}
            />
          )}
        </Space>
      )}
    </div>
  );
}
