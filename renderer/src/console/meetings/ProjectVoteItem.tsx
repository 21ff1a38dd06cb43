import { Button, Card, Space, Tag } from 'antd';
import {
  projectVoteModeLabels,
  projectVoteStatusLabels,
  type AgendaItem,
  type ProjectVote,
} from '../../../../shared/contract';
import { roundProgress, styleShort } from '../projects/common';
import { ROUND_STATUS_COLORS, roundTitle } from '../projects/RoundsPanel';
import { href, listPath, paperPath } from '../routes';
import type { MeetingPolls } from './useMeetingPolls';

/**
 * A 民生实事票决 agenda item on the meeting's 表决 tab: its rounds with where each stands, and links into the 票决
 * area where they are run (the rounds live with their candidate list there).
 */
export function ProjectVoteItem({
  item,
  rounds,
  polls,
}: {
  item: AgendaItem;
  rounds: ProjectVote[];
  polls: MeetingPolls;
}) {
  const current = rounds[rounds.length - 1];
  const list = current && polls.lists.get(current.listId);
  return (
    <Card
      size="small"
      data-testid={`project-vote-${item.position}`}
      title={
        <Space>
          <span className="motion-title">
            {item.position}. {item.title}
          </span>
          <Tag color="volcano">民生实事票决</Tag>
          {current && <Tag color={ROUND_STATUS_COLORS[current.status]}>{projectVoteStatusLabels[current.status]}</Tag>}
        </Space>
      }
      extra={
        current && (
          <Button type="primary" href={href(listPath(current.listId, 'rounds'))}>
            打开票决
          </Button>
        )
      }
    >
      {current ? (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {list && (
            <div className="muted">
              候选项目清单：{list.title}（应选{list.seats}项，候选{list.screeningCounts.candidate}项）
            </div>
          )}
          {[...rounds].reverse().map((v) => (
            <div key={v.id} className="poll-round" data-testid={`project-round-${v.round}`}>
              <a href={href(listPath(v.listId, 'rounds'))}>{roundTitle(v)}</a>
              <span className="muted">
                {projectVoteModeLabels[v.mode]} · {styleShort(v.style, v.seats)} · 候选{v.candidateIds.length}项
              </span>
              <Tag color={ROUND_STATUS_COLORS[v.status]}>{projectVoteStatusLabels[v.status]}</Tag>
              <span>{roundProgress(v)}</span>
              {v.mode === 'paper' && v.status === 'counting' && (
                <Button size="small" href={href(paperPath(v.listId, v.id, '1'))}>
                  录入选票
                </Button>
              )}
            </div>
          ))}
        </Space>
      ) : (
        <Space wrap>
          <span className="muted">尚未安排票决：票决在“票决”中按候选项目清单安排。</span>
          {polls.openLists.map((l) => (
            <Button key={l.id} size="small" href={href(listPath(l.id, 'rounds'))}>
              在“{l.title}”中安排
            </Button>
          ))}
          {polls.openLists.length === 0 && (
            <Button size="small" href={href('votes')}>
              新建候选项目清单
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}
