import type { CastBallot, TerminalPoll } from '../protocol';

/**
 * The terminal's ballot as the deputy fills it in, and what it becomes as the engine's cast input
 * (shared/domain/poll-styles.ts fromCast). Pure, so the limits and the unmarked items are tested without a page.
 *
 * - motion: one of 赞成/反对/弃权 → { choice };
 * - 票决 choose: up to N projects → { marks: { yes } }; rank: up to N in order → { marks: { ranks } };
 *   approve: per project 赞成/反对/弃权 → { marks: { yes, no, abstain } };
 * - 测评 rating: per item one of the 3 or 4 choices → { ratings } (an unmarked item is void for that item only);
 *   score: per item 0–100 → { scores }.
 */
export type Form =
  | { type: 'motion'; choice: string | null }
  | { type: 'choose'; chosen: number[] }
  | { type: 'rank'; chosen: number[] }
  | { type: 'perItem'; marks: Record<number, string> }
  | { type: 'score'; scores: Record<number, number> };

export function formType(poll: TerminalPoll): Form['type'] {
  if (poll.kind === 'motion') return 'motion';
  if (poll.kind === 'project_vote')
    return poll.style === 'rank' ? 'rank' : poll.style === 'approve' ? 'perItem' : 'choose';
  return poll.style === 'score' ? 'score' : 'perItem';
}

export function emptyForm(poll: TerminalPoll): Form {
  const t = formType(poll);
  switch (t) {
    case 'motion':
      return { type: t, choice: null };
    case 'choose':
    case 'rank':
      return { type: t, chosen: [] };
    case 'perItem':
      return { type: t, marks: {} };
    case 'score':
      return { type: t, scores: {} };
  }
}

/** How many a 票决 ballot may mark: the round's maxMarks, else its seats, else every item. */
export function markLimit(poll: TerminalPoll): number {
  return poll.maxMarks ?? poll.seats ?? poll.items.length;
}

/** 「已选3项，最多10项」. */
export function countText(poll: TerminalPoll, chosen: number): string {
  return `已选${chosen}项，最多${markLimit(poll)}项`;
}

/** Tapping a project on a choose or rank ballot: toggles it, refusing one more than the limit with the reason. */
export function toggleChosen(
  poll: TerminalPoll,
  chosen: readonly number[],
  itemId: number,
): { chosen: number[]; refusal: string | null } {
  if (chosen.includes(itemId)) return { chosen: chosen.filter((x) => x !== itemId), refusal: null };
  const limit = markLimit(poll);
  if (chosen.length >= limit) {
    return { chosen: [...chosen], refusal: `最多只能选${limit}项，已选满${limit}项。如要改选，请先取消一项。` };
  }
  return { chosen: [...chosen, itemId], refusal: null };
}

/** The items of a per-item ballot (approve, rating, score) still without a mark, in ballot order. */
export function unmarkedItems(poll: TerminalPoll, form: Form): TerminalPoll['items'] {
  if (form.type === 'perItem') return poll.items.filter((i) => form.marks[i.id] === undefined);
  if (form.type === 'score') return poll.items.filter((i) => form.scores[i.id] === undefined);
  return [];
}

/** Why the ballot cannot go to the confirmation step yet, or null. Unmarked 测评 items are allowed, but named. */
export function submitProblem(poll: TerminalPoll, form: Form): string | null {
  if (form.type === 'motion') return form.choice ? null : '请选择赞成、反对或弃权';
  if (form.type === 'choose' || form.type === 'rank') {
    if (form.chosen.length > markLimit(poll)) return `最多只能选${markLimit(poll)}项`;
    return null;
  }
  if (poll.kind === 'project_vote' && unmarkedItems(poll, form).length)
    return `还有${unmarkedItems(poll, form).length}个项目未选择赞成、反对或弃权`;
  return null;
}

export function toCast(poll: TerminalPoll, form: Form): CastBallot {
  switch (form.type) {
    case 'motion':
      return { choice: form.choice as CastBallot['choice'] };
    case 'choose':
      return { marks: { yes: [...form.chosen], no: [], abstain: [] } };
    case 'rank':
      return { marks: { yes: [], no: [], abstain: [], ranks: [...form.chosen] } };
    case 'perItem':
      if (poll.kind === 'project_vote') {
        const by = (v: string) => poll.items.filter((i) => form.marks[i.id] === v).map((i) => i.id);
        return { marks: { yes: by('yes'), no: by('no'), abstain: by('abstain') } };
      }
      return {
        ratings: poll.items.map((i) => (form.marks[i.id] ?? null) as NonNullable<CastBallot['ratings']>[number]),
      };
    case 'score':
      return { scores: poll.items.map((i) => form.scores[i.id] ?? null) };
  }
}

const label = (poll: TerminalPoll, value: string) => poll.choices.find((c) => c.value === value)?.label ?? value;
/**
 * 「3号 城区老旧小区改造」 on a 票决 ballot, 「12．区教委办理第022号建议」 on a 测评 ballot; a number the host
 * already wrote as 「3号」 is shown as it is.
 */
export const itemTitle = (i: TerminalPoll['items'][number], kind: TerminalPoll['kind'] = 'project_vote') =>
  !i.number
    ? i.name
    : /^\d+$/.test(i.number)
      ? `${i.number}${kind === 'evaluation' ? '．' : '号\u3000'}${i.name}`
      : `${i.number}\u3000${i.name}`;

/** The confirmation step's lines: what will be cast, in words, one line per choice (or per item). */
export function confirmationLines(poll: TerminalPoll, form: Form): { text: string; mark: string; missing?: boolean }[] {
  const byId = new Map(poll.items.map((i) => [i.id, i]));
  switch (form.type) {
    case 'motion':
      return [{ text: poll.title, mark: form.choice ? label(poll, form.choice) : '未选' }];
    case 'choose':
      return form.chosen.length
        ? form.chosen.map((id) => ({ text: itemTitle(byId.get(id)!, poll.kind), mark: '选' }))
        : [{ text: '一项也未选（空白票）', mark: '', missing: true }];
    case 'rank':
      return form.chosen.map((id, n) => ({ text: itemTitle(byId.get(id)!, poll.kind), mark: `第${n + 1}位` }));
    case 'perItem':
      return poll.items.map((i) =>
        form.marks[i.id]
          ? { text: itemTitle(i, poll.kind), mark: label(poll, form.marks[i.id]!) }
          : { text: itemTitle(i, poll.kind), mark: '未选（该项无效）', missing: true },
      );
    case 'score':
      return poll.items.map((i) =>
        form.scores[i.id] !== undefined
          ? { text: itemTitle(i, poll.kind), mark: `${form.scores[i.id]}分` }
          : { text: itemTitle(i, poll.kind), mark: '未打分（该项无效）', missing: true },
      );
  }
}
