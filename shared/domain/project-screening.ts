/**
 * Screening a candidate 民生实事项目 before the vote (../shared/rules/README.md §4): 征集 → 初审 → 论证/评估 →
 * 合法性审查 → 确定为候选, or 未入选 with a reason at any step. Pure; the steps are data so the list page, the
 * import and the service read the same order.
 */
import { format, parseISO } from 'date-fns';

/** Where a candidate came from. */
export const PROJECT_ORIGINS = ['suggestion', 'public', 'department', 'liaison', 'other'] as const;
export type ProjectOrigin = (typeof PROJECT_ORIGINS)[number];
export const projectOriginLabels: Record<ProjectOrigin, string> = {
  suggestion: '代表建议',
  public: '群众征集',
  department: '部门申报',
  liaison: '民情联络员',
  other: '其他',
};
/** A 来源 as written in a spreadsheet: the label or a common variant (人大代表建议, 公开征集, 联络员…). */
const ORIGIN_WORDS: [RegExp, ProjectOrigin][] = [
  [/^(人大)?代表(建议|提出|议案)|^建议$/, 'suggestion'],
  [/^(群众|公开|民意|社会|网络)征集|^群众/, 'public'],
  [/^(政府)?部门(申报|提出)?|^单位申报/, 'department'],
  [/^(民情)?联络员/, 'liaison'],
  [/^其[他它]/, 'other'],
];
export function parseOrigin(text: string): ProjectOrigin | null {
  const t = text.replace(/[\s\u3000]/g, '');
  return ORIGIN_WORDS.find(([re]) => re.test(t))?.[1] ?? null;
}

/** The forward steps, in order; the last one is 确定为候选 (on the ballot). */
export const SCREENING_STEPS = ['collected', 'reviewed', 'assessed', 'legal_checked', 'candidate'] as const;
export const SCREENING_STATES = [...SCREENING_STEPS, 'rejected'] as const;
export type ScreeningState = (typeof SCREENING_STATES)[number];

export const screeningLabels: Record<ScreeningState, string> = {
  collected: '征集',
  reviewed: '初审',
  assessed: '论证/评估',
  legal_checked: '合法性审查',
  candidate: '确定为候选',
  rejected: '未入选',
};

/** What the clerk reads on the button that moves a project on from each step. */
export const screeningActionLabels: Record<ScreeningState, string> = {
  collected: '通过初审',
  reviewed: '完成论证评估',
  assessed: '通过合法性审查',
  legal_checked: '确定为候选',
  candidate: '',
  rejected: '',
};

/** Mid-screening: neither on the ballot nor out of it; an adopted list has none. */
export const isMidScreening = (s: ScreeningState) => s !== 'candidate' && s !== 'rejected';

/** The step after `s`, or null at the end (确定为候选) and for 未入选. */
export function nextStep(s: ScreeningState): ScreeningState | null {
  const i = (SCREENING_STEPS as readonly string[]).indexOf(s);
  return i >= 0 && i < SCREENING_STEPS.length - 1 ? SCREENING_STEPS[i + 1]! : null;
}

/** The step before `s`: 未入选 goes back to the step it was refused at (征集 when that is not known). */
export function previousStep(s: ScreeningState, rejectedFrom: ScreeningState | null = null): ScreeningState | null {
  if (s === 'rejected') return rejectedFrom && rejectedFrom !== 'rejected' ? rejectedFrom : 'collected';
  const i = (SCREENING_STEPS as readonly string[]).indexOf(s);
  return i > 0 ? SCREENING_STEPS[i - 1]! : null;
}

/** Reading a status as a clerk writes it in a spreadsheet (征集, 初审, 论证, 评估, 合法性审查, 确定为候选, 候选, 未入选). */
const ALIASES: Record<string, ScreeningState> = {
  征集: 'collected',
  已征集: 'collected',
  初审: 'reviewed',
  已初审: 'reviewed',
  通过初审: 'reviewed',
  论证评估: 'assessed',
  论证: 'assessed',
  评估: 'assessed',
  合法性审查: 'legal_checked',
  已审查: 'legal_checked',
  确定为候选: 'candidate',
  候选: 'candidate',
  候选项目: 'candidate',
  已确定: 'candidate',
  未入选: 'rejected',
  不入选: 'rejected',
  未通过: 'rejected',
};
export function parseScreening(text: string): ScreeningState | null {
  const t = text.replace(/[\s\u3000/／、]/g, '');
  return ALIASES[t] ?? null;
}

export interface ScreeningMove {
  from: ScreeningState;
  to: ScreeningState;
  reason?: string | null;
  /** The step a 未入选 project was refused at, so going back restores it. */
  rejectedFrom?: ScreeningState | null;
}

/**
 * Why a move is refused (null when allowed): one step forward, or back one step, or to 未入选 with a reason from
 * any state but 未入选. Adoption is the caller's (the list's) concern.
 */
export function screeningRefusal(m: ScreeningMove): string | null {
  const { from, to } = m;
  const label = (s: ScreeningState) => `“${screeningLabels[s]}”`;
  if (from === to) return `项目已是${label(from)}`;
  if (to === 'rejected') return m.reason?.trim() ? null : '列为“未入选”须写明原因';
  if (to === nextStep(from) || to === previousStep(from, m.rejectedFrom ?? null)) return null;
  const next = nextStep(from);
  const back = previousStep(from, m.rejectedFrom ?? null);
  const options = [next && `进入${label(next)}`, back && `退回${label(back)}`].filter(Boolean).join('或');
  return `项目处于${label(from)}，只能逐步推进：${options || '不能再推进'}（或列为“未入选”并写明原因）`;
}

/** Who adopted a candidate list: 主任会议 or 常委会 (legacy: a list voted on before adoption was recorded). */
export const ADOPTION_BODIES = ['directors', 'committee'] as const;
export type AdoptionBody = (typeof ADOPTION_BODIES)[number] | 'legacy';
export const adoptionBodyLabels: Record<AdoptionBody, string> = {
  directors: '主任会议',
  committee: '常委会',
  legacy: '票决前确定（未记录决定）',
};

export interface ListAdoption {
  by: AdoptionBody;
  /** 2026-01-12 */
  on: string;
  /** 文号 or 会次, e.g. 第十五次主任会议. */
  ref: string | null;
}

/** "2026年1月12日经主任会议确定（第十五次主任会议）", as the list page and the refusals say it. */
export function adoptionText(a: ListAdoption): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(a.on) ? format(parseISO(a.on), 'yyyy年M月d日') : a.on;
  if (a.by === 'legacy') return `${day}开始票决时确定`;
  return `${day}经${adoptionBodyLabels[a.by]}确定${a.ref ? `（${a.ref}）` : ''}`;
}
