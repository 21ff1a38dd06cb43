import { describe, expect, it } from 'vitest';
import { compareNames, sortByName } from '../../shared/domain/collation';
import { ETHNICITIES, normalizeEthnicity, normalizeParty } from '../../shared/domain/ethnicity';
import { namePinyin } from '../../shared/domain/pinyin';
import { matchesQuery, type Searchable } from '../../shared/domain/search';

describe('collation', () => {
  const shuffled = ['欧阳', '周', '李', '张', '刘', '司马', '王', '马', '习', '丁'];

  it('sorts surnames in 姓氏笔画 order', () => {
    expect(sortByName(shuffled, 'stroke', (s) => s)).toEqual(['丁', '习', '马', '王', '司马', '刘', '张', '李', '周', '欧阳']);
  });

  it('sorts surnames in pinyin order', () => {
    expect(sortByName(shuffled, 'pinyin', (s) => s)).toEqual(['丁', '李', '刘', '马', '欧阳', '司马', '王', '习', '张', '周']);
  });

  it('orders full names by surname first, then the given name', () => {
    const people = [{ n: '王五' }, { n: '丁一' }, { n: '王二' }, { n: '刘备' }];
    expect(sortByName(people, 'stroke', (p) => p.n).map((p) => p.n)).toEqual(['丁一', '王二', '王五', '刘备']);
  });

  it('compareNames agrees with the sort and does not mutate the input', () => {
    const input = ['张', '丁'];
    expect(compareNames('stroke', '丁', '张')).toBeLessThan(0);
    expect(compareNames('stroke', '张', '丁')).toBeGreaterThan(0);
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
