import { RATES_OVER_RETURNED } from '../../shared/domain/evaluation';
import { ratingPollStyle as ratingStyle, type RoundSetup } from '../../shared/domain/poll-styles';
import { BUILTIN_RULE_SETS } from '../../shared/domain/rules';
import { ms, percentile, type Benchmark } from './types';

/**
 * A 满意度测评 of 75 items (a 年中会议 with many projects and reports) by 300 deputies: parsing 300 keyed paper
 * ballots of 75 digits each, and tallying them with the rates and the announcement. Both must feel instant to
 * the clerk; the target is generous.
 */
const BALLOTS = 300;
const ITEMS = 75;

export const evaluationBench: Benchmark = {
  name: 'evaluation',
  description: `满意度测评: ${BALLOTS} keyed ballots × ${ITEMS} items, parse and tally`,
  async run(log) {
    let seed = 7;
    const digit = () => '1112239'[(seed = (seed * 48271) % 2147483647) % 7]!;
    const texts = Array.from({ length: BALLOTS }, () => Array.from({ length: ITEMS }, digit).join(''));
    const titles = Array.from({ length: ITEMS }, (_v, i) => `第${i + 1}项`);
    const base = BUILTIN_RULE_SETS[0]!.rules;
    const setup: RoundSetup = {
      items: ITEMS, seats: 0, numbers: titles.map((_t, i) => i + 1), titles, candidateIds: [], title: '', roundLabel: '', pass: null,
      rules: { ...base, evaluation: { ...base.evaluation, rating: RATES_OVER_RETURNED } }, expected: 320, present: BALLOTS, quorum: null, noun: '', baseNames: { members: '', present: '' },
    };
    const parseAll = () => texts.map((t) => { const r = ratingStyle.readKeys(t, setup); if ('error' in r) throw new Error(r.error); return r.ballot; });
    const count = { expected: 320, present: BALLOTS, issued: BALLOTS };
    const ballots = parseAll();
    const tallyAll = () => {
      const t = ratingStyle.start(setup);
      for (const b of ballots) ratingStyle.add(t, b, setup);
      const result = ratingStyle.result(t, count, setup);
      if (result.returned !== BALLOTS) throw new Error(`tallied ${result.returned} of ${BALLOTS} ballots`);
      return ratingStyle.announce(result, setup);
    };
    const time = (f: () => unknown) => {
      f(); // warm-up
      return percentile(Array.from({ length: 30 }, () => { const t0 = performance.now(); f(); return ms(t0); }), 50);
    };
    const parse = time(parseAll);
    const tally = time(tallyAll);
    log(`parse ${parse.toFixed(2)} ms, tally + result + announcement ${tally.toFixed(2)} ms (median of 30)`);
    return [
      { benchmark: 'evaluation', metric: `parse ${BALLOTS} keyed ballots × ${ITEMS} (p50)`, value: parse, target: 50 },
      { benchmark: 'evaluation', metric: `tally ${BALLOTS} × ${ITEMS}, rates, announcement (p50)`, value: tally, target: 50 },
      { benchmark: 'evaluation', metric: `keys per ${ITEMS}-item ballot`, value: ITEMS + 1, target: ITEMS + 1, unit: 'keys', note: 'one digit per item, then Enter' },
    ];
  },
};
