/**
 * What every ballot style shares: the counted figures of a poll (发出/收回/有效/无效) and how a keyed ballot is read.
 * The one shape of a style is PollStyleModule in ./poll-styles.ts.
 */

/** What the engine knows of the poll when it is counted: the frozen roll and the ballots issued. */
export interface PollCount {
  /** 应到: current members when the poll opened. */
  expected: number;
  /** 实到: present when the poll opened. */
  present: number;
  /** 发出: ballots issued. */
  issued: number;
}

/** The figures every counted poll reports, whatever its style (发出/收回/有效/无效 and whether it stands). */
export interface PollOutcome extends PollCount {
  outcome: 'decided' | 'void';
  reason: string | null;
  returned: number;
  /** Ballots with at least one item counted. */
  valid: number;
  void: number;
}

/**
 * The counted figures of a poll, and why it is void as a whole: more ballots returned than issued voids it and it
 * is taken again (by analogy with 选举法第四十四条, as for 票决). `ballot` names the paper (测评票, 评分票).
 */
export function pollOutcome(count: PollCount, returned: number, wholeVoid: number, ballot: string): PollOutcome {
  const base = {
    expected: count.expected,
    present: count.present,
    issued: count.issued,
    returned,
    valid: returned - wholeVoid,
    void: wholeVoid,
  };
  return returned > count.issued
    ? {
        ...base,
        outcome: 'void',
        reason: `收回${ballot}${returned}张，多于发出的${count.issued}张，本次测评无效，须重新测评`,
      }
    : { ...base, outcome: 'decided', reason: null };
}

export interface BallotReading<Ballot> {
  /** The ballot when the keys can be stored; null otherwise. */
  ballot: Ballot | null;
  /** The first problem, in Chinese, naming the item; null when the keys can be stored. */
  error: string | null;
}

/** Full-width digits and signs (an IME left on) read as their ASCII keys. */
export function asciiKeys(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
