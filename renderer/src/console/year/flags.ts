import type { BoardFlag, BoardState, RectificationState } from '../../../../shared/contract';

/** Tag colours: red needs action now, orange soon, blue is information; never green for something missing. */
export const FLAG_COLORS: Record<BoardFlag, string> = {
  rectifyOverdue: 'red',
  rectifyOpen: 'volcano',
  behind: 'orange',
  stopped: 'default',
  changed: 'blue',
  noPlan: 'gold',
};
export const STATE_COLORS: Record<BoardState, string> = {
  candidate: 'default',
  not_chosen: 'default',
  chosen: 'gold',
  planned: 'cyan',
  in_progress: 'processing',
  completed: 'green',
  rectifying: 'volcano',
  changed: 'blue',
  stopped: 'default',
};
/** The flag a state already says: not repeated beside it. */
export const FLAG_OF_STATE: Partial<Record<BoardState, BoardFlag>> = {
  rectifying: 'rectifyOpen',
  changed: 'changed',
  stopped: 'stopped',
  chosen: 'noPlan',
};
export const RECT_COLORS: Record<RectificationState, string> = {
  open: 'volcano',
  overdue: 'red',
  closed: 'green',
  withdrawn: 'default',
};

export const pctText = (h: number | null | undefined) =>
  h === null || h === undefined ? '' : `${(h / 100).toFixed(2)}%`;
