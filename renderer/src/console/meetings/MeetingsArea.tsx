import { MeetingList } from './MeetingList';
import { MeetingPage, type MeetingTab } from './MeetingPage';
import { meetingPath } from '../routes';

const TABS: MeetingTab[] = ['signin', 'agenda', 'votes'];

/** 会议: #/meetings lists them; #/meetings/<id>[/signin|agenda|votes] is one meeting. */
export function MeetingsArea({ path, go }: { path: string[]; go: (path: string) => void }) {
  const id = Number(path[0]);
  if (!path[0] || !Number.isInteger(id) || id <= 0) return <MeetingList onOpen={(m) => go(meetingPath(m))} />;
  const tab = TABS.find((t) => t === path[1]) ?? 'signin';
  return <MeetingPage key={id} id={id} tab={tab} onTab={(t) => go(meetingPath(id, t))} onBack={() => go('meetings')} />;
}
