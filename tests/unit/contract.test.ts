import { describe, expect, it } from 'vitest';
import { AppError, api, isMethodName, labelOfPath, methodNames, parseInput, type MethodName } from '../../shared/contract';
import { CJK } from './helpers';

/**
 * One bad input per method, with the field the error must name (undefined when the whole request is wrong).
 * A method added to the contract without a row here fails the coverage test below.
 */
const badInputs: Record<MethodName, { input: unknown; field: string | undefined }[]> = {
  'system.info': [
    { input: 'abc', field: undefined },
    { input: [], field: undefined },
  ],
  'bodies.list': [
    { input: 42, field: undefined },
    { input: ['bodies'], field: undefined },
  ],
  'bodies.create': [
    { input: { kind: 'city_council', name: '某市议会' }, field: 'kind' },
    { input: { kind: 'district_congress', name: '区' }, field: 'name' },
  ],
  'bodies.update': [{ input: { id: 0, name: '江北区人民代表大会' }, field: 'id' }],
  'members.list': [
    { input: { bodyId: '1' }, field: 'bodyId' },
    { input: { bodyId: 1, includeFormer: 'yes' }, field: 'includeFormer' },
  ],
  'members.create': [
    { input: { bodyId: 1, name: '张三', gender: '未知' }, field: 'gender' },
    { input: { bodyId: 1, name: '张三', phone: '12345' }, field: 'phone' },
    { input: { bodyId: 1, name: '张' }, field: 'name' },
    { input: { bodyId: 1, name: '张三3' }, field: 'name' },
    { input: { bodyId: 1.5, name: '张三' }, field: 'bodyId' },
    { input: { bodyId: 1, name: '张三', since: '2021/10/01' }, field: 'since' },
  ],
  'members.update': [{ input: { membershipId: 1, name: '李四', notes: 'x'.repeat(501) }, field: 'notes' }],
  'members.end': [
    { input: { membershipId: 1, until: '2024-01-01', reason: '  ' }, field: 'reason' },
    { input: { membershipId: 1, until: '2024年1月1日', reason: '辞职' }, field: 'until' },
  ],
  'roster.importPreview': [{ input: { bodyId: 1, fileName: '名册.xls', contentBase64: 'AAAA' }, field: 'fileName' }],
  'roster.importCommit': [{ input: { bodyId: 1, fileName: '名册.csv', contentBase64: '' }, field: 'contentBase64' }],
  'roster.export': [{ input: { bodyId: -3 }, field: 'bodyId' }],
  'audit.list': [
    { input: { limit: 0 }, field: 'limit' },
    { input: { limit: 10, beforeId: 'x' }, field: 'beforeId' },
  ],
  'audit.verify': [{ input: 'verify', field: undefined }],
};

function validationError(name: MethodName, input: unknown): AppError {
  try {
    parseInput(name, input);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`${name} accepted ${JSON.stringify(input)}`);
}

describe('contract validation', () => {
  it('has a bad-input case for every method of the contract, and none for methods that do not exist', () => {
    expect(Object.keys(badInputs).sort()).toEqual([...methodNames].sort());
    expect(methodNames.length).toBeGreaterThan(0);
    for (const name of methodNames) expect(badInputs[name].length, name).toBeGreaterThan(0);
  });

  const cases = methodNames.flatMap((name) => badInputs[name].map((c) => ({ name, ...c })));
  it.each(cases)('$name rejects $input', ({ name, input, field }) => {
    const err = validationError(name, input);
    expect(err.code).toBe('VALIDATION');
    expect(err.message.startsWith('输入有误')).toBe(true);
    expect(err.message).toMatch(CJK);
    expect(err.field).toBe(field);
    if (field) expect(err.message).toContain(`“${labelOfPath(field.split('.'), name)}”`);
    expect(err.toValue()).toEqual(field ? { code: 'VALIDATION', message: err.message, field } : { code: 'VALIDATION', message: err.message });
  });

  it('rejects non-objects for every method, including those whose input is {}', () => {
    for (const name of methodNames) {
      for (const input of ['abc', 7, true, [], [{}]]) {
        const err = validationError(name, input);
        expect(err.code, `${name} ${JSON.stringify(input)}`).toBe('VALIDATION');
        expect(err.field).toBeUndefined();
        expect(err.message).toMatch(/^输入有误：请求：/);
      }
    }
  });

  it('accepts good input, trims text and turns empty optional fields into null', () => {
    expect(parseInput('system.info', {})).toEqual({});
    expect(parseInput('system.info', undefined)).toEqual({});
    expect(parseInput('audit.list', {})).toEqual({ limit: 100 });
    const m = parseInput('members.create', { bodyId: 3, name: ' 买买提·艾力 ', gender: '男', phone: null, party: '  ', unitTitle: '', since: '2021-10-01', extra: 'dropped' });
    expect(m).toMatchObject({ bodyId: 3, name: '买买提·艾力', gender: '男', phone: null, party: null, unitTitle: null, ethnicity: null, since: '2021-10-01', until: null });
    expect(m).not.toHaveProperty('extra');
    expect(parseInput('members.create', { bodyId: 3, name: '张三', phone: '023-68881234' }).phone).toBe('023-68881234');
  });

  it('names nested fields in Chinese', () => {
    expect(labelOfPath(['phone'])).toBe('联系电话');
    expect(labelOfPath(['items', 0, 'name'])).toBe('items › 第1项 › 姓名');
  });

  it('knows its own method names', () => {
    expect(isMethodName('members.create')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('members.drop')).toBe(false);
    for (const name of methodNames) expect(api[name].summary).toMatch(CJK);
  });
});

describe('blank optional fields and per-method labels', () => {
  it('takes an empty phone or date as "not given"', () => {
    const v = parseInput('members.create', { bodyId: 1, name: '张三', phone: '', since: '', until: ' ' });
    expect(v).toMatchObject({ phone: null, since: null, until: null });
  });
  it("calls a body's name 名称, not 姓名", () => {
    expect(() => parseInput('bodies.create', { kind: 'district_congress', name: '区' })).toThrow('“名称”');
  });
});
