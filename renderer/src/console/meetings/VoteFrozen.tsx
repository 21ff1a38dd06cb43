import type { Vote } from '../../../../shared/contract';

/** What the vote froze when it opened: 应到, 实到 and the rule it will be decided by. */
export function VoteFrozen({ vote }: { vote: Vote }) {
  const s = vote.snapshot;
  if (!s) return null;
  return (
    <div className="muted vote-frozen">
      表决开始时：应到{s.noun}
      {s.expected}名，实到{s.present}名。规则：{s.ruleSetName}，{s.rules.pass.basis}
    </div>
  );
}
