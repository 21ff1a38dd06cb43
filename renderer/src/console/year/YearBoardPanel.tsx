import { Alert, Button, Progress, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import {
  BOARD_FLAGS,
  boardFlagLabels,
  projectStageLabels,
  type BoardFlag,
  type BoardRow,
} from '../../../../shared/contract';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAction } from '../common/useAction';
import { saveFile } from '../roster/download';
import { href, projectRecordPath } from '../routes';
import { FLAG_COLORS, FLAG_OF_STATE, STATE_COLORS } from './flags';

type Line = BoardRow | { unfilled: true; listId: number; key: string; text: string };
const isSeat = (l: Line): l is Extract<Line, { unfilled: true }> => 'unfilled' in l;

/**
 * The year board: every project the 票决 chose, dense for the clerk's screen, flags in colour and a filter by flag.
 * Seats no round filled stay on the board as empty rows ("空缺"), so 确定9项，应选10项 is never read as complete.
 */
export function YearBoardPanel({
  bodyId,
  year,
  onRectifications,
}: {
  bodyId: number;
  year: number;
  onRectifications: () => void;
}) {
  const board = useApi('projectYear.board', { bodyId, year }, [
    'rectifications.changed',
    'projects.changed',
    'poll.changed',
    'projectFiles.changed',
  ]);
  const [only, setOnly] = useState<Set<BoardFlag>>(new Set());
  const { busy, run } = useAction();
  const b = board.data;

  const lines = useMemo((): Line[] => {
    if (!b) return [];
    const rows = b.rows.filter((r) => !only.size || r.flags.some((f) => only.has(f)));
    if (only.size) return rows;
    return b.lists.flatMap((l): Line[] => [
      ...rows.filter((r) => r.listId === l.id),
      ...Array.from({ length: l.unfilled }, (_v, i) => ({
        unfilled: true as const,
        listId: l.id,
        key: `seat-${l.id}-${i}`,
        text: `${l.title}：${l.text}`,
      })),
    ]);
  }, [b, only]);

  const toggle = (f: BoardFlag) =>
    setOnly((s) => {
      const n = new Set(s);
      if (n.has(f)) n.delete(f);
      else n.add(f);
      return n;
    });

  return (
    <div>
      {board.error && <Alert type="error" message={board.error} style={{ marginBottom: 8 }} />}
      {b && (
        <>
          <div className="year-lists" data-testid="year-lists">
            {b.lists.length === 0 && <span className="muted">{year}年没有候选项目清单</span>}
            {b.lists.map((l) => (
              <span key={l.id}>
                {l.title}：<b style={{ color: l.unfilled ? '#8e1515' : undefined }}>{l.text}</b>
              </span>
            ))}
          </div>
          {b.unfilled > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="year-unfilled"
              message={`本年度有${b.unfilled}个名额未确定项目（票决未产生），在表中以“空缺”列出`}
            />
          )}
          <Space wrap className="year-flag-filter" style={{ marginBottom: 8 }} data-testid="year-flag-filter">
            <span>按标记筛选：</span>
            {BOARD_FLAGS.map((f) => (
              <Tag.CheckableTag key={f} checked={only.has(f)} onChange={() => toggle(f)}>
                {/* None of these this year: grey, so the colour always means "look here". */}
                <Tag
                  color={b.flagCounts[f] ? FLAG_COLORS[f] : 'default'}
                  style={{ margin: 0, opacity: b.flagCounts[f] ? 1 : 0.6 }}
                >
                  {boardFlagLabels[f]} {b.flagCounts[f]}
                </Tag>
              </Tag.CheckableTag>
            ))}
            {only.size > 0 && (
              <Button size="small" onClick={() => setOnly(new Set())}>
                显示全部
              </Button>
            )}
            <Button
              style={{ marginLeft: 24 }}
              loading={busy === 'export'}
              onClick={() =>
                void run(
                  'export',
                  () => call('projectYear.export', { bodyId, year }),
                  (f) => {
                    saveFile(f);
                    return `已导出“${f.fileName}”`;
                  },
                )
              }
            >
              导出 Excel
            </Button>
            <Button onClick={onRectifications}>整改清单</Button>
          </Space>
        </>
      )}
      <Table<Line>
        size="small"
        data-testid="year-board"
        rowKey={(l) => (isSeat(l) ? l.key : l.projectId)}
        loading={board.loading && !b}
        dataSource={lines}
        pagination={false}
        rowClassName={(l) => (isSeat(l) ? 'year-unfilled' : '')}
        locale={{ emptyText: only.size ? '没有带所选标记的项目' : `${year}年没有票决确定的项目` }}
        columns={[
          { title: '序号', width: 56, render: (_v, l) => (isSeat(l) ? '' : l.position) },
          {
            title: '项目名称',
            render: (_v, l) =>
              isSeat(l) ? (
                <span data-testid="year-seat">空缺（{l.text}）</span>
              ) : (
                <a href={href(projectRecordPath(l.projectId))}>{l.name}</a>
              ),
            onCell: (l) => (isSeat(l) ? { colSpan: 10 } : {}),
          },
          ...(['department', 'category'] as const).map((k) => ({
            title: k === 'department' ? '责任单位' : '类型',
            width: k === 'department' ? 150 : 70,
            render: (_v: unknown, l: Line) => (isSeat(l) ? null : (l[k] ?? <span className="muted">未填写</span>)),
            onCell: (l: Line) => (isSeat(l) ? { colSpan: 0 } : {}),
          })),
          {
            title: '预算（万元）',
            width: 96,
            align: 'right',
            render: (_v, l) => (isSeat(l) ? null : (l.budgetWan ?? '')),
            onCell: (l) => (isSeat(l) ? { colSpan: 0 } : {}),
          },
          {
            title: '进度',
            width: 130,
            onCell: (l) => (isSeat(l) ? { colSpan: 0 } : {}),
            render: (_v, l) =>
              isSeat(l) ? null : l.progress ? (
                <Progress
                  percent={l.progress.percent}
                  size="small"
                  status={l.flags.includes('behind') ? 'exception' : undefined}
                />
              ) : (
                <span className="muted">未报进展</span>
              ),
          },
          {
            title: '最近测评',
            width: 190,
            onCell: (l) => (isSeat(l) ? { colSpan: 0 } : {}),
            render: (_v, l) =>
              isSeat(l) ? null : l.evaluation ? (
                <span style={{ color: l.evaluation.passed ? undefined : '#cf1322' }}>
                  {l.evaluation.text}
                  <span className="muted">（{l.evaluation.heldOn}）</span>
                </span>
              ) : (
                <span className="muted">未测评</span>
              ),
          },
          {
            title: '整改',
            width: 150,
            onCell: (l) => (isSeat(l) ? { colSpan: 0 } : {}),
            render: (_v, l) =>
              isSeat(l) || !l.rectification ? null : (
                <span style={{ color: l.rectification.overdue ? '#cf1322' : undefined }}>
                  期限{l.rectification.deadline}
                  {l.rectification.responded ? '，已报送' : ''}
                </span>
              ),
          },
          {
            title: '状态',
            width: 80,
            onCell: (l) => (isSeat(l) ? { colSpan: 0 } : {}),
            render: (_v, l) =>
              isSeat(l) ? null : <Tag color={STATE_COLORS[l.state]}>{projectStageLabels[l.state]}</Tag>,
          },
          {
            title: '标记',
            width: 200,
            onCell: (l) => (isSeat(l) ? { colSpan: 0 } : {}),
            render: (_v, l) =>
              isSeat(l) ? null : (
                <span data-testid={`flags-${l.projectId}`}>
                  {l.flags
                    .filter((f) => f !== FLAG_OF_STATE[l.state])
                    .map((f) => (
                      <Tag
                        key={f}
                        color={FLAG_COLORS[f]}
                        title={
                          f === 'behind'
                            ? l.lateMilestones.map((m) => `“${m.title}”应于${m.dueOn}完成`).join('；')
                            : f === 'changed' || f === 'stopped'
                              ? l.decisions.map((d) => d.summary).join('；')
                              : undefined
                        }
                      >
                        {boardFlagLabels[f]}
                      </Tag>
                    ))}
                </span>
              ),
          },
        ]}
      />
    </div>
  );
}
