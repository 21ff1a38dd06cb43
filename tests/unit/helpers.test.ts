import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { Body, Member } from '../../shared/contract';
import { createBody, makeTempRuntime, type TempRuntime } from './helpers';

/** The typed test helpers: a test that leans on them must fail when the call does the opposite of what it expects. */
let t: TempRuntime;
beforeEach(() => (t = makeTempRuntime()));
afterEach(() => t.cleanup());

describe('t.ok and t.fails', () => {
  it('ok returns the method’s output, typed from the contract', async () => {
    const body = await createBody(t, '某区人民代表大会');
    expectTypeOf(body).toEqualTypeOf<Body>();
    const members = await t.ok('members.list', { bodyId: body.id });
    expectTypeOf(members).toEqualTypeOf<Member[]>();
    expect(members).toEqual([]);
  });

  it('ok throws the Chinese message when the call fails', async () => {
    await expect(t.ok('members.list', { bodyId: 999 })).rejects.toThrow(/^members\.list: .*\p{Script=Han}/u);
  });

  it('fails returns the Chinese message, and throws when the call succeeds', async () => {
    expect(await t.fails('bodies.create', { kind: 'district_congress', name: '', term: '第十八届' })).toMatch(
      /\p{Script=Han}/u,
    );
    await expect(t.fails('bodies.list', {})).rejects.toThrow(/expected a failure/);
  });
});
