import type { Member, RuleSet } from '../../shared/contract';
import { createBody, type TempRuntime } from '../unit/helpers';
import { importDeputies } from '../fixtures';

/** The hall the cast benches fill: a district congress of `deputies`, its annual-session meeting and one motion. */
export async function hallSession(
  t: TempRuntime,
  deputies: number,
): Promise<{ members: Member[]; meeting: { id: number }; item: { id: number } }> {
  const body = await createBody(t, '龙泉区人民代表大会', 'district_congress', '龙泉区');
  const members = await importDeputies(t, body.id, deputies, { name: '名册.xlsx' });
  const ruleSetId = ((await t.ok('ruleSets.list', {})) as RuleSet[]).find(
    (r) => r.key === 'district_midyear_session',
  )!.id;
  const meeting = (await t.ok('meetings.create', {
    bodyId: body.id,
    kind: 'district_midyear',
    ruleSetId,
    title: '龙泉区第十八届人民代表大会第五次会议',
    session: '第十八届第五次',
    date: '2026-03-10',
    startTime: '09:00',
    endTime: '12:00',
    venue: '区人民会堂',
    quarter: null,
  })) as { id: number };
  const item = (await t.ok('agenda.add', {
    meetingId: meeting.id,
    kind: 'motion',
    title: '关于龙泉区2026年国民经济和社会发展计划的决议',
  })) as { id: number };
  return { members, meeting, item };
}
