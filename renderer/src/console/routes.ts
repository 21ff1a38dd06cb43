/**
 * The console's addresses, written once: areas navigate with `go(path)` (no leading #/), links use `href(path)`, so a
 * meeting and its polls can point at each other as plain links (Enter, middle-click, back button all work).
 */
export type MeetingTabKey = 'signin' | 'agenda' | 'votes';
export type PaperTabKey = '1' | '2' | 'compare' | 'totals';

export const meetingPath = (id: number, tab?: MeetingTabKey) => `meetings/${id}${tab ? `/${tab}` : ''}`;
export const listPath = (listId: number, tab: 'projects' | 'rounds' = 'projects') =>
  `votes/${listId}${tab === 'rounds' ? '/rounds' : ''}`;
export const paperPath = (listId: number, voteId: number, tab: PaperTabKey = '1') =>
  `votes/${listId}/paper/${voteId}/${tab}`;
/** A 测评 round's paper desk (#/evaluations/<roundId>/<1|2|compare|totals>). */
export const evaluationPath = (roundId: number, tab: PaperTabKey = '1') => `evaluations/${roundId}/${tab}`;
/** The project year (实事): a body's year board (#/year/<bodyId>/<year>), its trends and 整改 tabs, and a project's record. */
export type YearTabKey = 'board' | 'trends' | 'rectifications';
export const yearPath = (bodyId: number, year: number, tab: YearTabKey = 'board') =>
  `year/${bodyId}/${year}${tab === 'board' ? '' : `/${tab}`}`;
export const projectRecordPath = (projectId: number) => `year/project/${projectId}`;
export const href = (path: string) => `#/${path}`;
