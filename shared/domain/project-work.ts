import { chineseDate } from './project-timeline';

/**
 * Rules of a chosen 民生实事项目's implementation (../shared/rules/README.md §4), pure so the service, the record
 * page and the tests read them alike.
 */

export const PROJECT_STAGES = [
  'candidate',
  'not_chosen',
  'chosen',
  'planned',
  'in_progress',
  'completed',
  'rectifying',
  'changed',
  'stopped',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const projectStageLabels: Record<ProjectStage, string> = {
  candidate: '候选',
  not_chosen: '未入选',
  chosen: '待报计划',
  planned: '未开工',
  in_progress: '实施中',
  completed: '已完成',
  rectifying: '整改中',
  changed: '已变更',
  stopped: '已终止',
};

/**
 * Where a project stands, for its record and the year board alike. A passed stop (a decision of the congress or its
 * standing committee) ends it; an open 整改 comes next, even for a project reported complete (the 测评 found it
 * wanting, §5); then a passed change; otherwise the 票决, the plan and the latest progress report say.
 */
export function projectStage(p: {
  voted: boolean;
  chosen: boolean;
  hasPlan: boolean;
  percent: number | null;
  passedDecisions: ('change' | 'stop')[];
  rectifying: boolean;
}): ProjectStage {
  if (p.passedDecisions.includes('stop')) return 'stopped';
  if (!p.chosen) return p.voted ? 'not_chosen' : 'candidate';
  if (p.rectifying) return 'rectifying';
  if (p.passedDecisions.includes('change')) return 'changed';
  if (p.percent === 100) return 'completed';
  if (p.percent !== null && p.percent > 0) return 'in_progress';
  return p.hasPlan ? 'planned' : 'chosen';
}

/**
 * 完成进度 only goes up: a report lower than the one before it (by date) is a correction, and needs a 说明 saying why.
 * Returns the refusal, or null. `before` is the latest report dated on or before this one.
 */
export function progressRefusal(
  percent: number,
  before: { reportedOn: string; percent: number } | undefined,
  loweredReason: string | null,
): string | null {
  if (!before || percent >= before.percent || loweredReason) return null;
  return `完成进度${percent}%低于${chineseDate(before.reportedOn)}报告的${before.percent}%；如确需下调，请填写下调说明`;
}

/** The decision's draft title as the clerk reads it on the agenda: 关于调整××项目的决定（草案）. */
export function decisionTitle(kind: 'change' | 'stop', projectName: string): string {
  const name = /项目$/.test(projectName) ? projectName : `${projectName}项目`;
  return `关于${kind === 'stop' ? '终止' : '调整'}${name}的决定（草案）`;
}

type BodyKind = 'district_congress' | 'standing_committee' | 'street_council' | 'township_congress';

/**
 * Who may decide on a project chosen by a list's body, or hear its progress (§4: a major change or stop goes back to
 * the congress or its standing committee; §6: the 年中会议 and the 季会 hear progress): a district list's project by
 * that congress or the district's standing committee; a township's or street council's by the body that chose it.
 * Returns who may, in Chinese, when the meeting's body may not; null when it may.
 */
export function decidingBodyRefusal(
  list: { bodyId: number; bodyKind: BodyKind; bodyName: string },
  meeting: { bodyId: number; bodyKind: BodyKind },
): string | null {
  const district = list.bodyKind === 'district_congress' || list.bodyKind === 'standing_committee';
  if (meeting.bodyId === list.bodyId) return null;
  if (district && meeting.bodyKind === 'standing_committee') return null;
  return district ? `${list.bodyName}或区人大常委会` : list.bodyName;
}
