import { ListPage, type ListTab } from './ListPage';
import { ListsPage } from './ListsPage';
import { PaperPage, type PaperTab } from './PaperPage';
import { listPath, paperPath } from '../routes';
import './projects.css';

const PAPER_TABS: PaperTab[] = ['1', '2', 'compare', 'totals'];

/**
 * 票决: #/votes lists the candidate lists; #/votes/<listId>[/rounds] is one list (its candidates, its rounds);
 * #/votes/<listId>/paper/<voteId>/<1|2|compare|totals> is the paper-ballot desk of one round.
 */
export function VotesArea({ path, go }: { path: string[]; go: (path: string) => void }) {
  const listId = Number(path[0]);
  if (!path[0] || !Number.isInteger(listId) || listId <= 0) return <ListsPage onOpen={(id) => go(listPath(id))} />;
  if (path[1] === 'paper') {
    const voteId = Number(path[2]);
    if (Number.isInteger(voteId) && voteId > 0) {
      const tab = PAPER_TABS.find((t) => t === path[3]) ?? '1';
      return (
        <PaperPage
          key={voteId}
          listId={listId}
          voteId={voteId}
          tab={tab}
          onTab={(t) => go(paperPath(listId, voteId, t))}
          onBack={() => go(listPath(listId, 'rounds'))}
        />
      );
    }
  }
  const tab: ListTab = path[1] === 'rounds' ? 'rounds' : 'projects';
  return (
    <ListPage
      key={listId}
      id={listId}
      tab={tab}
      onTab={(t) => go(listPath(listId, t))}
      onBack={() => go('votes')}
      onPaper={(voteId, t = '1') => go(paperPath(listId, voteId, t))}
    />
  );
}
