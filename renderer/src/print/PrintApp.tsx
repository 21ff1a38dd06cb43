import { useEffect, type ReactNode } from 'react';
import { parsePrintRoute, type PrintRoute } from './route';
import { BallotDoc } from './BallotDoc';
import { CountSheetDoc } from './CountSheetDoc';
import { MinutesDoc } from './MinutesDoc';
import { ResultDoc } from './ResultDoc';
import { SignInSheetDoc } from './SignInSheetDoc';
import { SlipsDoc } from './SlipsDoc';

/**
 * The printable documents by route name (#/print/<doc>/<id>). Each entry lays out one document; add a line here
 * for a new one. `label` names it in the console's preview and documents hub.
 */
export const PRINT_DOCUMENTS: Record<string, { label: string; render: (r: PrintRoute) => ReactNode }> = {
  signin: { label: '签到表', render: (r) => <SignInSheetDoc meetingId={r.id} /> },
  'round-result': { label: '表决结果公告 / 测评结果', render: (r) => <ResultDoc input={{ roundId: r.id }} /> },
  'list-result': { label: '票决结果公告', render: (r) => <ResultDoc input={{ listId: r.id }} /> },
  minutes: { label: '会议纪要', render: (r) => <MinutesDoc meetingId={r.id} /> },
  ballot: { label: '选票', render: (r) => <BallotDoc roundId={r.id} /> },
  'count-sheet': { label: '计票单', render: (r) => <CountSheetDoc roundId={r.id} /> },
  slips: { label: '代表凭条（投票码、签到码）', render: (r) => <SlipsDoc meetingId={r.id} /> },
};

export function PrintApp() {
  const route = parsePrintRoute();
  const doc = route && PRINT_DOCUMENTS[route.doc];
  useEffect(() => {
    if (!doc) document.body.dataset.ready = 'error';
  }, [doc]);
  if (!route || !doc) {
    return <div className="doc-error">没有这份文书：{window.location.hash}</div>;
  }
  return <>{doc.render(route)}</>;
}
