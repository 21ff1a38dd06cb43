import { describe, expect, it } from 'vitest';
import type { TerminalPoll } from '../../shared/contract/lan-api';
import { BUILTIN_RULE_SETS } from '../../shared/domain/rules';
import { POLL_STYLE_MODULES, type RoundSetup } from '../../shared/domain/poll-styles';
import { fromBase64Url, generateKeyPair, openRequest } from '../../shared/lan/seal';
import { LanNetworkError, LanRefusal, newIdempotencyKey } from '../../renderer/src/lan/client';
import { demoPoll } from '../../renderer/src/lan/demo-client';
import { classifyDeskInput } from '../../renderer/src/lan/desk/desk-input';
import { parseFragment } from '../../renderer/src/lan/fragment';
import {
  backoffMs,
  clearPending,
  keepPending,
  loadPending,
  withRetry,
  type KeyStore,
} from '../../renderer/src/lan/retry';
import { sealedCall, type Transport } from '../../renderer/src/lan/sealed-client';
import {
  confirmationLines,
  countText,
  emptyForm,
  submitProblem,
  toCast,
  toggleChosen,
  unmarkedItems,
  type Form,
} from '../../renderer/src/lan/terminal/ballot-form';

const choose = demoPoll('choose')!;
const rating = demoPoll('rating')!;
const motion = demoPoll('motion')!;
const memStore = (): KeyStore & { m: Map<string, string> } => {
  const m = new Map<string, string>();
  return {
    m,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
  };
};

/** What the engine knows of the round, for checking that the terminal's cast is what fromCast takes. */
const setup = (p: TerminalPoll): RoundSetup => ({
  items: p.items.length,
  seats: p.seats ?? 1,
  numbers: p.items.map((_x, i) => i + 1),
  titles: p.items.map((i) => i.name),
  candidateIds: p.items.map((i) => i.id),
  title: p.title,
  roundLabel: '',
  pass: null,
  rules: BUILTIN_RULE_SETS[0]!.rules,
  expected: 100,
  present: 90,
  quorum: null,
  noun: '代表',
  baseNames: { members: '全体代表', present: '出席代表' },
});

describe('the terminal ballot (renderer/src/lan/terminal/ballot-form.ts)', () => {
  it('a 12选10 ballot counts its marks and refuses the 11th with the reason, keeping the ten', () => {
    let chosen: number[] = [];
    for (const item of choose.items.slice(0, 10)) chosen = toggleChosen(choose, chosen, item.id).chosen;
    expect(countText(choose, chosen.length)).toBe('已选10项，最多10项');
    const eleventh = toggleChosen(choose, chosen, choose.items[10]!.id);
    expect(eleventh.refusal).toBe('最多只能选10项，已选满10项。如要改选，请先取消一项。');
    expect(eleventh.chosen).toEqual(chosen);
    // Taking one back frees a place.
    const fewer = toggleChosen(choose, chosen, chosen[0]!).chosen;
    expect(toggleChosen(choose, fewer, choose.items[10]!.id)).toMatchObject({ refusal: null });
    // The engine takes the cast as it is (its own rule would refuse 11: castRefusal).
    const form: Form = { type: 'choose', chosen };
    expect(POLL_STYLE_MODULES.choose.fromCast(toCast(choose, form), setup(choose))).toHaveProperty('ballot');
    expect(
      POLL_STYLE_MODULES.choose.fromCast(
        { marks: { yes: [...chosen, choose.items[10]!.id], no: [], abstain: [] } },
        setup(choose),
      ),
    ).toHaveProperty('error');
  });

  it('a 75-item 测评 names its unmarked items, lists them as void at confirmation, and casts null for them', () => {
    const marks: Record<number, string> = {};
    rating.items.forEach((i, n) => {
      if (n % 10 !== 3) marks[i.id] = n % 2 ? 'satisfied' : 'basically';
    });
    const form: Form = { type: 'perItem', marks };
    const unmarked = unmarkedItems(rating, form);
    expect(unmarked.map((i) => i.number)).toEqual(['4', '14', '24', '34', '44', '54', '64', '74']);
    expect(submitProblem(rating, form)).toBeNull();
    const lines = confirmationLines(rating, form);
    expect(lines).toHaveLength(75);
    expect(lines.filter((l) => l.missing).map((l) => l.mark)).toEqual(Array(8).fill('未选（该项无效）'));
    const cast = toCast(rating, form);
    expect(cast.ratings).toHaveLength(75);
    expect(cast.ratings![3]).toBeNull();
    expect(cast.ratings![1]).toBe('satisfied');
    expect(POLL_STYLE_MODULES.rating.fromCast(cast, setup(rating))).toHaveProperty('ballot');
    expect(unmarkedItems(rating, emptyForm(rating))).toHaveLength(75);
  });

  it('a motion must be chosen before the confirmation step', () => {
    expect(submitProblem(motion, emptyForm(motion))).toBe('请选择赞成、反对或弃权');
    const form: Form = { type: 'motion', choice: 'no' };
    expect(toCast(motion, form)).toEqual({ choice: 'no' });
    expect(confirmationLines(motion, form)[0]!.mark).toBe('反对');
  });
});

describe('submits over a bad Wi-Fi (renderer/src/lan/retry.ts)', () => {
  it('retries only lost answers, with backoff, and gives up after the bound', async () => {
    const waits: number[] = [];
    let calls = 0;
    const ok = await withRetry(
      async () => {
        if (++calls < 3) throw new LanNetworkError('网络中断');
        return 'ack';
      },
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(ok).toBe('ack');
    expect(waits).toEqual([500, 1000]);

    calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new LanRefusal('您已投票，不能更改');
        },
        { sleep: async () => undefined },
      ),
    ).rejects.toThrow('您已投票，不能更改');
    expect(calls).toBe(1);

    calls = 0;
    waits.length = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new LanNetworkError('网络中断');
        },
        { sleep: async (ms) => void waits.push(ms) },
      ),
    ).rejects.toBeInstanceOf(LanNetworkError);
    expect(calls).toBe(8);
    expect(waits).toEqual([500, 1000, 2000, 4000, 6000, 6000, 6000]);
    expect(backoffMs(1, 500, 6000, 30_000)).toBe(30_000);
  });

  it('keeps one key per round until acknowledged, across a reload', () => {
    const store = memStore();
    const a = keepPending(store, 7, { choice: 'yes' }, newIdempotencyKey);
    expect(a.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    // A reload (a new page, the same sessionStorage) finds the same key and the same ballot, whatever is on screen.
    expect(keepPending(store, 7, { choice: 'no' }, newIdempotencyKey)).toEqual(a);
    expect(loadPending(store, 8)).toBeNull();
    clearPending(store, 7);
    expect(loadPending(store, 7)).toBeNull();
    expect(keepPending(store, 7, { choice: 'no' }, newIdempotencyKey).idempotencyKey).not.toBe(a.idempotencyKey);
  });

  it('a cast whose answer is lost is sent again sealed with the same key, and a host that dedupes counts it once', async () => {
    const host = generateKeyPair();
    const secret = fromBase64Url(host.secretKey)!;
    const counted = new Map<string, number>();
    const seen: string[] = [];
    let drop = 2;
    // A fake host: opens each sealed request, dedupes by key, and the Wi-Fi loses the first two answers.
    const transport: Transport = async (url, init) => {
      const req = openRequest(secret, JSON.parse(init.body))!;
      const { credential, input } = req.value as {
        credential: string;
        input: { idempotencyKey: string; roundId: number };
      };
      expect(url).toBe('/lan/api/terminal.cast');
      expect(credential).toBe('C'.repeat(22));
      expect(init.body).not.toContain(input.idempotencyKey);
      seen.push(input.idempotencyKey);
      if (!counted.has(input.idempotencyKey)) counted.set(input.idempotencyKey, counted.size + 1);
      if (drop-- > 0) throw new TypeError('Failed to fetch');
      const reply = req.sealReply({
        ok: true,
        data: { accepted: true, roundId: input.roundId, receipt: `R${counted.get(input.idempotencyKey)}` },
      });
      return { status: 200, headers: { get: () => null }, text: async () => JSON.stringify(reply) };
    };
    const link = { credential: 'C'.repeat(22), hostKey: host.publicKey };
    const store = memStore();
    const p = keepPending(store, 5, { choice: 'yes' }, newIdempotencyKey);
    const ack = await withRetry(
      () =>
        sealedCall(
          link,
          'terminal.cast',
          { roundId: 5, idempotencyKey: p.idempotencyKey, ballot: p.ballot },
          transport,
        ),
      { sleep: async () => undefined },
    );
    expect(ack).toEqual({ accepted: true, roundId: 5, receipt: 'R1' });
    expect(seen).toEqual([p.idempotencyKey, p.idempotencyKey, p.idempotencyKey]);
    expect(counted.size).toBe(1);
  });

  it('a sealed refusal is a LanRefusal in the host’s words; a 429 is retried after Retry-After; a reply not sealed to us is not trusted', async () => {
    const host = generateKeyPair();
    const secret = fromBase64Url(host.secretKey)!;
    const link = { credential: 'x'.repeat(22), hostKey: host.publicKey };
    const answer =
      (status: number, body: unknown, headers: Record<string, string> = {}): Transport =>
      async (_u, init) => {
        const req = openRequest(secret, JSON.parse(init.body))!;
        const text =
          typeof body === 'function' ? JSON.stringify((body as (r: typeof req) => unknown)(req)) : JSON.stringify(body);
        return { status, headers: { get: (n) => headers[n.toLowerCase()] ?? null }, text: async () => text };
      };
    await expect(
      sealedCall(
        link,
        'terminal.state',
        {},
        answer(403, (r: { sealReply(v: unknown): unknown }) => r.sealReply({ ok: false, message: '这张投票码已作废' })),
      ),
    ).rejects.toEqual(new LanRefusal('这张投票码已作废'));
    const limited = sealedCall(
      link,
      'terminal.state',
      {},
      answer(429, { message: '尝试过于频繁' }, { 'retry-after': '20' }),
    );
    await expect(limited).rejects.toBeInstanceOf(LanNetworkError);
    await expect(limited).rejects.toMatchObject({ retryAfterMs: 20_000 });
    // A reply an attacker on the Wi-Fi made up: it cannot be opened with this request's key.
    const forged = sealedCall(link, 'terminal.state', {}, answer(200, { nonce: 'A'.repeat(32), box: 'B'.repeat(40) }));
    await expect(forged).rejects.toThrow('主机的答复无法验证');
  });
});

describe('the desk input and the slip link', () => {
  it('tells a scanned badge, a scanned 投票码 and a typed name apart', () => {
    expect(classifyDeskInput('http://192.168.1.20:8080/t/#c=AbCdEfGhIjKlMnOpQrStUv&k=xyz')).toEqual({ kind: 'voting' });
    expect(classifyDeskInput('QD0001ABC123')).toEqual({ kind: 'badge', badge: 'QD0001ABC123' });
    expect(classifyDeskInput('  张三 ')).toEqual({ kind: 'query', query: '张三' });
    expect(classifyDeskInput('zlh')).toEqual({ kind: 'query', query: 'zlh' });
    expect(classifyDeskInput('12')).toEqual({ kind: 'query', query: '12' });
    expect(classifyDeskInput('')).toEqual({ kind: 'empty' });
  });

  it('reads the fragment of a slip link', () => {
    expect(parseFragment('#c=Ab-_12&k=K%2Bx')).toEqual({ c: 'Ab-_12', k: 'K+x' });
    expect(parseFragment('')).toEqual({});
  });
});
