import { App, Button } from 'antd';
import { useEffect } from 'react';
import type { Input as ApiInput } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';

/**
 * Right after a vote or a 票决 round opens, the hall screen still shows what it showed before: offer “投到大屏” in a
 * notification, or — by the desk's setting (设置) — put it there at once. The setting lives with this console (one
 * clerk's habit), not in the database.
 */
const AUTO_KEY = 'yishitai.screen.autoOnOpen';

export function autoScreenOnOpen(): boolean {
  try {
    return localStorage.getItem(AUTO_KEY) === '1';
  } catch {
    return false;
  }
}

export function setAutoScreenOnOpen(on: boolean): void {
  try {
    localStorage.setItem(AUTO_KEY, on ? '1' : '0');
  } catch {
    /* storage unavailable: the offer is shown each time */
  }
}

export type ScreenTarget =
  | { kind: 'vote'; id: number; meetingId: number; agendaItemId: number; title: string }
  | { kind: 'projectVote'; id: number; meetingId: number; agendaItemId: number; title: string }
  | { kind: 'evaluation'; id: number; meetingId: number; agendaItemId: number; title: string };

/** The screen.show input that puts a target on the hall screen. */
export function screenInput(t: Omit<ScreenTarget, 'title'>): ApiInput<'screen.show'> {
  const where = { meetingId: t.meetingId, agendaItemId: t.agendaItemId };
  if (t.kind === 'vote') return { mode: 'vote', ...where, voteId: t.id };
  if (t.kind === 'projectVote') return { mode: 'projectVote', ...where, projectVoteId: t.id };
  return { mode: 'evaluation', ...where, roundId: t.id };
}

const offerKey = (kind: ScreenTarget['kind'], id: number) => `screen-offer-${kind}-${id}`;

/**
 * The offer for the round a card shows: `round` is that round and whether it is open. The offer speaks of a round
 * that has just opened, so once the round is stopped or closed it is taken away — left standing, it covered the
 * result's buttons (导出记名名单) in the corner for the rest of its 20 seconds.
 */
export function useOfferScreen(round: { kind: ScreenTarget['kind']; id: number; open: boolean } | undefined) {
  const { notification, message } = App.useApp();
  const { kind, id, open } = round ?? {};
  useEffect(() => {
    if (kind && id !== undefined && !open) notification.destroy(offerKey(kind, id));
  }, [kind, id, open, notification]);
  return (t: ScreenTarget) => {
    const key = offerKey(t.kind, t.id);
    const input = screenInput(t);
    const put = async () => {
      try {
        await call('screen.show', input);
        notification.destroy(key);
        message.success(`已投到大屏：${t.title}`);
      } catch (e) {
        message.error(errorMessage(e));
      }
    };
    if (autoScreenOnOpen()) return void put();
    notification.info({
      key,
      title: `${t.title}已开始`,
      description: '大屏仍显示原来的内容。可在“设置”中改为开始后自动投屏。',
      duration: 20,
      placement: 'bottomRight',
      actions: (
        <Button type="primary" data-testid="offer-screen" onClick={() => void put()}>
          投到大屏
        </Button>
      ),
    });
  };
}
