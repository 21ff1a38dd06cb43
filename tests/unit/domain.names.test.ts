import { describe, expect, it } from 'vitest';
import cnchar from 'cnchar';
import cncharOrder from 'cnchar-order';
import { compareNames, sortByName } from '../../shared/domain/collation';
import { strokeKey, strokeOrderNote, strokeSequence, unknownStrokeChars } from '../../shared/domain/stroke-order';
import { ETHNICITIES, normalizeEthnicity, normalizeParty } from '../../shared/domain/ethnicity';
import { namePinyin } from '../../shared/domain/pinyin';
import { matchesQuery, type Searchable } from '../../shared/domain/search';
import { randomNames } from '../fixtures';

describe('collation', () => {
  const shuffled = ['欧阳', '周', '李', '张', '刘', '司马', '王', '马', '习', '丁'];
  const byStroke = (names: string[]) => sortByName(names, 'stroke', (s) => s);

  it('sorts surnames in 姓氏笔画 order', () => {
    // 李 (横) before 张 (折) at 7 strokes; 欧 (横) before 周 (撇) at 8; 司马 by its first character 司 (5).
    expect(byStroke(shuffled)).toEqual(['丁', '习', '马', '王', '司马', '刘', '李', '张', '欧阳', '周']);
  });

  it('orders surnames of one count by their first stroke: 横 竖 撇 点 折', () => {
    expect(byStroke(['司', '冯', '白', '叶', '石'])).toEqual(['石', '叶', '白', '冯', '司']); // all 5 strokes
    expect(byStroke(['张', '何', '李'])).toEqual(['李', '何', '张']); // all 7: 横 撇 折
    expect(byStroke(['单雄信', '欧阳修'])).toEqual(['欧阳修', '单雄信']); // both 8: 欧 横, 单 点
  });

  it('compares the second and later strokes when the first ones agree', () => {
    // 王 横横竖横 before 韦 横横横折 (third stroke); 李 横竖撇点折竖横 before 杨 横竖撇点折折撇 (sixth).
    expect(byStroke(['韦', '王'])).toEqual(['王', '韦']);
    expect(byStroke(['杨', '李'])).toEqual(['李', '杨']);
    // 刘 点横撇点竖竖 before 许 点折撇横横竖 (second stroke), both 6 strokes with 点 first.
    expect(byStroke(['许', '刘'])).toEqual(['刘', '许']);
  });

  it('puts one-character given names first under one surname (单名在前), each group by strokes', () => {
    const wangs = ['王小明', '王伟', '王沪宁', '王一', '王晨', '王力宏'];
    // 一(1) 伟(6) 晨(11) | 力宏(2) 小明(3) 沪宁(7)
    expect(byStroke(wangs)).toEqual(['王一', '王伟', '王晨', '王力宏', '王小明', '王沪宁']);
    // Two-character given names of the same first count go on to the second character.
    expect(byStroke(['李建国', '李建军'])).toEqual(['李建军', '李建国']); // 军 6, 国 8
  });

  it('orders full names by surname first, then the given name', () => {
    const people = [{ n: '王五' }, { n: '丁一' }, { n: '王二' }, { n: '刘备' }];
    expect(sortByName(people, 'stroke', (p) => p.n).map((p) => p.n)).toEqual(['丁一', '王二', '王五', '刘备']);
  });

  // Published lists "按姓氏笔画为序" (新华社, 中共中央政治局委员 of the 18th, 19th and 20th Central Committees, as
  // printed in 人民日报 and reproduced on 百科/维基; the (女) annotation dropped). Sorting a reversed copy must
  // give back the published order exactly.
  it.each([
    [
      '十八届',
      '习近平 马凯 王岐山 王沪宁 刘云山 刘延东 刘奇葆 许其亮 孙春兰 孙政才 李克强 李建国 李源潮 汪洋 张春贤 张高丽 张德江 范长龙 孟建柱 赵乐际 胡春华 俞正声 栗战书 郭金龙 韩正',
    ],
    [
      '十九届',
      '丁薛祥 习近平 王晨 王沪宁 刘鹤 许其亮 孙春兰 李希 李强 李克强 李鸿忠 杨洁篪 杨晓渡 汪洋 张又侠 陈希 陈全国 陈敏尔 赵乐际 胡春华 栗战书 郭声琨 黄坤明 韩正 蔡奇',
    ],
    [
      '二十届',
      '丁薛祥 习近平 马兴瑞 王毅 王沪宁 尹力 石泰峰 刘国中 李希 李强 李干杰 李书磊 李鸿忠 何卫东 何立峰 张又侠 张国清 陈文清 陈吉宁 陈敏尔 赵乐际 袁家军 黄坤明 蔡奇',
    ],
  ])('reproduces the published %s 中央政治局委员 list', (_term, list) => {
    const published = list.split(' ');
    expect(byStroke([...published].reverse())).toEqual(published);
    expect(byStroke([...published].sort())).toEqual(published);
  });

  it('ignores separators and padding: 买买提·艾力 and 王  毅 sort without crashing', () => {
    expect(byStroke(['王沪宁', '买买提·艾力', '王\u3000毅', '阿依古丽•买买提'])).toEqual([
      '王\u3000毅',
      '王沪宁',
      '买买提·艾力',
      '阿依古丽•买买提',
    ]);
    expect(strokeKey('王\u3000毅')).toBe(strokeKey('王毅'));
    expect(unknownStrokeChars('买买提·艾力')).toEqual([]);
    expect(() => byStroke(['', '·', ' '])).not.toThrow();
  });

  it('sorts characters it has no stroke data for after the known ones, by code point, and says which', () => {
    // 䶮 (CJK Ext. A, as in 刘䶮) and traditional 張 are not in the dictionary; 龘 neither.
    expect(strokeSequence('䶮')).toBeNull();
    expect(strokeSequence('張')).toBeNull();
    expect(byStroke(['刘䶮', '龘', '刘备', '張三', '蔡奇'])).toEqual(['刘备', '刘䶮', '蔡奇', '張三', '龘']);
    expect(unknownStrokeChars('刘䶮䶮')).toEqual(['䶮']);
    expect(strokeOrderNote('刘䶮')).toContain('“䶮”');
    expect(strokeOrderNote('刘备')).toBeNull();
  });

  it('reads the five basic strokes from cnchar-order as cnchar itself reports them', () => {
    cnchar.use(cncharOrder);
    const names: Record<string, string> = { 横: '1', 提: '1', 竖: '2', 竖钩: '2', 撇: '3', 点: '4', 点2: '4', 捺: '4' };
    for (const c of '石叶白冯司李何张欧单心以小才王伟明永') {
      const spoken = (cnchar.stroke(c, 'order', 'name') as string[][])[0]!;
      expect(strokeSequence(c), c).toBe(spoken.map((n) => names[n] ?? '5').join(''));
    }
    expect(strokeSequence('李')).toBe('1234521');
    expect(strokeSequence('心')).toBe('4544'); // 点 卧钩(折) 点 点
  });

  // The time it takes is in `npm run bench` (name-sort); here, that a large roster comes out in order.
  it('sorts 3,000 names into a consistent order', () => {
    const names = randomNames(3000);
    const sorted = byStroke(names);
    for (let i = 1; i < sorted.length; i++)
      expect(compareNames('stroke', sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
  });

  it('sorts surnames in pinyin order', () => {
    expect(sortByName(shuffled, 'pinyin', (s) => s)).toEqual([
      '丁',
      '李',
      '刘',
      '马',
      '欧阳',
      '司马',
      '王',
      '习',
      '张',
      '周',
    ]);
  });

  it('compareNames agrees with the sort and does not mutate the input', () => {
    const input = ['张', '丁'];
    expect(compareNames('stroke', '丁', '张')).toBeLessThan(0);
    expect(compareNames('stroke', '张', '丁')).toBeGreaterThan(0);
    expect(compareNames('stroke', '李', '张')).toBeLessThan(0);
    expect(compareNames('stroke', '张', '张')).toBe(0);
    expect(compareNames('pinyin', '李', '刘')).toBeLessThan(0);
    expect(compareNames('stroke', '刘', '李')).toBeLessThan(0); // 刘 6 strokes, 李 7
    sortByName(input, 'stroke', (s) => s);
    expect(input).toEqual(['张', '丁']);
  });
});

describe('namePinyin', () => {
  it.each([
    ['张三', 'zhangsan', 'zs'],
    ['单雄信', 'shanxiongxin', 'sxx'], // surname 单 is shan, not dan
    ['曾国藩', 'zengguofan', 'zgf'], // surname 曾 is zeng, not ceng
    ['解缙', 'xiejin', 'xj'],
    ['欧阳修', 'ouyangxiu', 'oyx'],
    ['买买提·艾力', 'maimaitiaili', 'mmtal'],
    ['阿依古丽•买买提', 'ayiguli' + 'maimaiti', 'aygl' + 'mmt'],
  ])('%s → %s / %s', (name, pinyin, initials) => {
    expect(namePinyin(name)).toEqual({ pinyin, initials });
  });

  it('keeps only a–z, without tones or separators', () => {
    const { pinyin, initials } = namePinyin('吕 丽·莉');
    expect(pinyin).toMatch(/^[a-z]+$/);
    expect(pinyin).toBe('lvlili');
    expect(initials).toBe('lll');
  });
});

describe('matchesQuery', () => {
  const zhang: Searchable = { name: '张三', ...namePinyin('张三'), seatNo: '12', phone: '13800138000' };
  const shan: Searchable = { name: '单雄信', ...namePinyin('单雄信'), seatNo: null, phone: null };

  it.each([
    ['zs', true], // initials
    ['ZS', true],
    ['z', true],
    ['zhang', true], // full pinyin prefix
    ['zhangsan', true],
    ['zhang san', true], // spaces ignored
    ['张', true], // Chinese substring
    ['三', true],
    ['张三', true],
    ['12', true], // seat number, exactly
    ['0013', true], // 4+ digits of the phone
    ['', true],
    ['ls', false],
    ['zhangsi', false],
    ['李', false],
    ['1', false], // a seat number is matched exactly, not as a prefix
    ['138', false], // fewer than four digits do not search phones
    ['张s', false],
  ])('张三 / %j → %s', (q, expected) => {
    expect(matchesQuery(zhang, q)).toBe(expected);
  });

  it('finds 单 by its surname reading', () => {
    expect(matchesQuery(shan, 'sxx')).toBe(true);
    expect(matchesQuery(shan, 'shan')).toBe(true);
    expect(matchesQuery(shan, 'dan')).toBe(false);
    expect(matchesQuery(shan, '12')).toBe(false);
  });
});

describe('ethnicity and party normalisation', () => {
  it('lists the 56 ethnic groups once each', () => {
    expect(ETHNICITIES).toHaveLength(56);
    expect(new Set(ETHNICITIES).size).toBe(56);
  });

  it.each([
    ['汉', '汉族'],
    ['汉族', '汉族'],
    [' 回 ', '回族'],
    ['维吾尔', '维吾尔族'],
    ['蒙古', '蒙古族'],
    ['蒙古族', '蒙古族'],
    ['土家', '土家族'],
    ['火星族', null],
    ['汉人', null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeEthnicity(input)).toBe(expected);
  });

  it.each([
    ['党员', '中共党员'],
    ['中共', '中共党员'],
    [' 群众 ', '群众'],
    ['无党派', '无党派人士'],
    ['民盟', '民盟盟员'],
    ['九三学社', '九三学社社员'],
    ['某协会会员', '某协会会员'], // unknown values are kept as written
  ])('party %j → %j', (input, expected) => {
    expect(normalizeParty(input)).toBe(expected);
  });
});
