import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries for hostile input, derived from the contract's own zod schemas: a plausible input (the
 * right shape, small ids that hit seeded rows, strings the field's own pattern accepts), then one mutation of it
 * (a field of the wrong type, missing, huge, NaN, a prototype key, deep nesting), or garbage in place of the whole.
 */

/** One fixed seed, so CI runs the same cases and a failure reproduces; FC_SEED and FC_RUNS run other or more by hand. */
export const FC_SEED = Number(process.env.FC_SEED ?? 20261201);
export const fcRuns = (ci: number) => Number(process.env.FC_RUNS ?? ci);
/** A test's timeout for `runs` cases of `msEach` (a spreadsheet import starts a worker: ~0.3 s, seconds when loaded). */
export const fcTimeout = (runs: number, msEach = 5_000) => Math.max(60_000, runs * msEach);

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  checks?: {
    _zod: {
      def: {
        check: string;
        format?: string;
        pattern?: RegExp;
        minimum?: number;
        maximum?: number;
        value?: number;
        inclusive?: boolean;
      };
    };
  }[];
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strings a clerk would type into some field; a field gets the ones its own checks accept. */
const SAMPLES = [
  '张三',
  '买买提·艾力',
  '欧阳晓东',
  '江北区人民代表大会',
  '鱼嘴镇',
  '第十八届',
  '关于调整的决定（草案）',
  '因病请假',
  '赞成',
  '2025-04-10',
  '2026-03-01',
  '2026-12-01',
  '2026-03-01T08:00:00+08:00',
  '09:00',
  '11:30',
  '13800000001',
  '023-68881234',
  '名册.xlsx',
  '名册.csv',
  '候选项目.xlsx',
  '会议包.yspkg',
  'yes',
  'no',
  'abstain',
  '1',
  'A-01',
  '',
  'yishitai-20261201-080000.sqlite',
];

function stringArb(def: Def): fc.Arbitrary<string> {
  let min = 0;
  let max = 200;
  const patterns: RegExp[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length') min = d.minimum!;
    if (d.check === 'max_length') max = Math.min(max, d.maximum!);
    if (d.check === 'length_equals') min = max = d.minimum ?? min;
    if (d.check === 'string_format' && d.pattern) patterns.push(d.pattern);
  }
  const fits = SAMPLES.filter(
    (s) =>
      s.length >= min &&
      s.length <= max &&
      patterns.every((p) => new RegExp(p.source, p.flags.replace('g', '')).test(s)),
  );
  const free = fc.string({
    minLength: min,
    maxLength: Math.max(min, Math.min(max, 30)),
    unit: fc.constantFrom(...'张王李会议表决代表abc01 -·（）'),
  });
  return fits.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fits) }, { weight: 1, arbitrary: free })
    : free;
}

function numberArb(def: Def): fc.Arbitrary<number> {
  let min = -5;
  let max = 40;
  let int = false;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'number_format') int = true;
    if (d.check === 'greater_than') min = Math.max(min, (d.value ?? 0) + (d.inclusive ? 0 : int ? 1 : 0.5));
    if (d.check === 'less_than') max = Math.min(Math.max(min, max), (d.value ?? 0) - (d.inclusive ? 0 : 1));
  }
  if (max < min) max = min;
  return int ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
}

/** A value of the schema's shape, most often one the schema accepts. */
export function plausible(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (depth > 12) return fc.constant(undefined);
  switch (def.type) {
    case 'object': {
      const shape = def.shape!;
      const keys = Object.keys(shape);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const k of keys) record[k] = plausible(shape[k]!, depth + 1);
      const optional = keys.filter(
        (k) =>
          ['optional', 'default'].includes(defOf(shape[k]!).type) ||
          (defOf(shape[k]!).type === 'pipe' && defOf(defOf(shape[k]!).in!).type === 'optional'),
      );
      return fc.record(record, { requiredKeys: keys.filter((k) => !optional.includes(k)) });
    }
    case 'string':
      return stringArb(def);
    case 'number':
      return numberArb(def);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries!));
    case 'literal':
      return fc.constantFrom(...def.values!);
    case 'optional':
      return fc.option(plausible(def.innerType!, depth + 1), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(plausible(def.innerType!, depth + 1), { nil: null, freq: 4 });
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return plausible(def.innerType!, depth + 1);
    case 'pipe':
      return defOf(def.in!).type === 'transform' ? plausible(def.out!, depth + 1) : plausible(def.in!, depth + 1);
    case 'array':
      return fc.array(plausible(def.element!, depth + 1), { maxLength: 6 });
    case 'union':
      return fc.oneof(...def.options!.map((o) => plausible(o, depth + 1)));
    case 'record':
      return fc.dictionary(fc.constantFrom('1', '2', '3', 'a'), plausible(def.valueType!, depth + 1), { maxKeys: 4 });
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

/** A chain `depth` deep: {a:{a:…}} or [[…]]; JSON.parse and zod must not blow the stack on it. */
const nested = (depth: number, kind: 'object' | 'array') => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'object' ? { a: v } : [v];
  return v;
};

/** Values no field wants: wrong types, edges of numbers, huge and odd strings, prototype keys, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    undefined,
    null,
    true,
    false,
    0,
    -0,
    -1,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    2 ** 31,
    2 ** 53 + 2,
    -(2 ** 53),
    1e308,
    Number.MIN_VALUE,
    '',
    ' ',
    '　',
    '\u0000',
    '\uD800',
    '\u202E',
    '0',
    '-1',
    '1e999',
    '0x10',
    '１２',
    'NaN',
    'null',
    'true',
    '[]',
    '{}',
    '<script>alert(1)</script>',
    "'; DROP TABLE members; --",
    '=HYPERLINK("http://evil.example","点我")',
    "=cmd|'/c calc'!A1",
    '../../etc/passwd',
    '2025-02-30',
    '9999-99-99',
    '25:61',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '张'.repeat(100_000),
    'x'.repeat(1_000_000),
    [],
    [[]],
    [null],
    new Array(100_000).fill(1),
    {},
    Object.create(null),
    JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    { constructor: { prototype: { polluted: 'yes' } } },
    { toString: 'x', valueOf: 1 },
    nested(5_000, 'object'),
    nested(5_000, 'array'),
    new Date(0),
    10n,
    new Map([[1, 2]]),
    new Set([1]),
    new Uint8Array(4),
  ),
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
    withSparseArray: true,
  }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

type Path = (string | number)[];
function leafPaths(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length) out.push(prefix);
  if (v && typeof v === 'object' && prefix.length < 6)
    for (const [k, x] of Object.entries(v)) leafPaths(x, [...prefix, Array.isArray(v) ? Number(k) : k], out);
  return out;
}
function setAt(v: unknown, path: Path, value: unknown, remove: boolean): unknown {
  if (!path.length) return value;
  const copy = (Array.isArray(v) ? [...(v as unknown[])] : { ...(v as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path as [string | number, ...Path];
  if (remove && !rest.length) delete copy[head];
  else copy[head] = setAt(copy[head], rest, value, remove);
  return copy;
}
/** Adds an own key, as JSON.parse does for "__proto__" (an object literal would set the prototype instead). */
function withOwnKey(v: unknown, key: string, value: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const copy = { ...(v as object) };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

export type Mutation = 'replace' | 'remove' | 'extraKey' | 'whole';

/** A plausible input with one hostile mutation, or (rarely) a plausible input as it is, so handlers run too. */
export function hostileInput(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      plausible(schema),
      hostileValue,
      fc.nat(),
      fc.constantFrom<Mutation | 'none'>('replace', 'replace', 'replace', 'remove', 'extraKey', 'whole', 'none'),
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'extra', '$where'),
    )
    .map(([base, bad, pick, how, key]) => {
      if (how === 'none') return base;
      if (how === 'whole') return bad;
      if (how === 'extraKey') return withOwnKey(base, key, bad);
      const paths = leafPaths(base);
      if (!paths.length) return bad;
      return setAt(base, paths[pick % paths.length]!, bad, how === 'remove');
    });
}

/** Every string inside a value, so an error that quotes the input is not taken for library English. */
export function stringsIn(v: unknown, out: string[] = [], depth = 0): string[] {
  if (typeof v === 'string') out.push(v);
  else if (v && typeof v === 'object' && depth < 8 && !ArrayBuffer.isView(v)) {
    for (const [k, x] of Object.entries(v).slice(0, 50)) {
      out.push(k);
      stringsIn(x, out, depth + 1);
    }
  }
  return out;
}
