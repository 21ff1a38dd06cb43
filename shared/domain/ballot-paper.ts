/**
 * What a printed ballot says, by ballot style: the columns a voter marks and the instructions, with the validity
 * rule in the words the count applies (the void rules themselves are ballotVoidReason in ./projects.ts and
 * ratingBallotVoid / itemCode in ./evaluation.ts; this file only states them on paper).
 *
 * - 限选N项: a ballot marking more than N projects is void, N or fewer is valid (选举法第四十四条 analogue; rules §4);
 * - 逐项赞成/反对/弃权: two opinions on one project void the ballot;
 * - 排序: more than N ranked void the ballot, a rank given twice too;
 * - 测评: none or more than one mark on an item voids that item only (rules §5).
 */
import type { PollStyle } from '../contract/poll-types';

export interface BallotWording {
  /** Column headers of the boxes (选择; 赞成 反对 弃权; 满意 基本满意 不满意 …). */
  columns: string[];
  /** The instruction lines printed under the title. */
  instructions: string[];
  /** The validity rule, printed in bold: 超过应选N项的无效 … */
  rule: string | null;
}

export function ballotWording(
  style: PollStyle,
  o: { candidates: number; seats: number; abstain: boolean },
): BallotWording {
  const n = o.seats;
  switch (style) {
    case 'choose':
      return {
        columns: ['选择'],
        instructions: [
          `本次票决候选项目${o.candidates}项，应选${n}项。`,
          '请在同意的项目后的方格内划“√”，不同意的不划。',
        ],
        rule: `等于或少于应选${n}项的为有效票，超过应选${n}项的为无效票（超过${n}项无效）。`,
      };
    case 'approve':
      return {
        columns: ['赞成', '反对', '弃权'],
        instructions: [
          `本次票决候选项目${o.candidates}项，应选${n}项。`,
          '请对每一项目在“赞成”“反对”“弃权”中选择一项，在其方格内划“√”。',
        ],
        rule: '同一项目划两种以上意见的，该选票无效。',
      };
    case 'rank':
      return {
        columns: ['排序'],
        instructions: [
          `本次票决候选项目${o.candidates}项，应选${n}项。`,
          `请按优先次序在项目后的方格内填写1至${n}的序号，每个序号只能用一次。`,
        ],
        rule: `排序超过应选${n}项的，或同一项目排了两个名次的，该选票无效（超过${n}项无效）。`,
      };
    case 'rating': {
      const options = ['满意', '基本满意', '不满意', ...(o.abstain ? ['弃权'] : [])];
      return {
        columns: options,
        instructions: [
          `本次测评项目共${o.candidates}项。`,
          `请对每一项目在${options.map((x) => `“${x}”`).join('')}中选择一项，在其方格内划“√”。`,
        ],
        rule: '某一项目未划或划两个以上的，该项无效，不影响其他项目；各项均无效的，整张测评票无效。',
      };
    }
    case 'score':
      return {
        columns: ['评分'],
        instructions: [`本次评分项目共${o.candidates}项。`, '请对每一项目填写0至100的整数分。'],
        rule: '某一项目未填、填写不清或超出0至100的，该项无效；各项均无效的，整张评分票无效。',
      };
    case 'motion':
      return {
        columns: ['赞成', '反对', '弃权'],
        instructions: ['请在“赞成”“反对”“弃权”中选择一项，在其方格内划“√”。'],
        // A motion's paper is counted on the spot (poll-styles.ts motionStyle): no keyed rule to state.
        rule: null,
      };
  }
}
