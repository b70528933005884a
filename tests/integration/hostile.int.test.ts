// Property-based: generated hostile arguments (long and odd strings, Lucene/Cypher syntax, out-of-range numbers, bad
// dates, unknown enum values, wrong types) at every root Query field, plus garbage documents and deep nesting. Every
// answer is below 500, every error has an extensions.code and none is an unexpected (masked) error.
import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/graphql/schema.js';
import { seedWith, testDriver, testExecutor, testServer } from '../helpers/db.js';

const driver = testDriver();
const executor = testExecutor(driver);
const yoga = testServer(executor);
const schema = buildSchema();
const queryFields = Object.values(schema.getQueryType()!.getFields());

beforeAll(async () => {
  await seedWith(executor);
});
afterAll(() => driver.close());

const SPECIAL = [
  'AND OR ~* \\',
  'NOT AND OR TO',
  '*',
  '?',
  '~',
  '\\',
  '"',
  '\'"`',
  '"}) MATCH (n) DETACH DELETE n //',
  "' OR 1=1 --",
  '$param',
  '{{}}[[]]',
  'a:b:c',
  '/regex/',
  '\u0000\u0001\u001f',
  '\u202e\u200b\ufeff',
  '\ud800',
  '昇腾 910C',
  '🚀'.repeat(300),
  'x'.repeat(5_000),
  'nvidia-h100',
  'CN',
  '',
  ' ',
];

const hostileString = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.string({ maxLength: 60, unit: 'grapheme' }),
  fc.array(fc.constantFrom(...SPECIAL), { maxLength: 5 }).map((parts) => parts.join(' ')),
);
const hostileInt = fc.oneof(
  fc.integer(),
  fc.constantFrom(-1, 0, 1, 100, 101, 500, 501, 2 ** 31 - 1, -(2 ** 31)),
  fc.constantFrom(2 ** 31, 1e20, -1e20, 1.5, Number.MAX_SAFE_INTEGER),
);
const hostileDate = fc.oneof(
  fc.constantFrom(
    '2026-13-45',
    '2026-02-30',
    '0000',
    '-1',
    '9999999',
    '2026-1-1',
    'yesterday',
    '1e3',
    '2024',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

/** Something of roughly the right shape, often wrong in value, sometimes of the wrong type altogether. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const wrongType = fc.constantFrom<unknown>(null, true, 'not-a-number', 12, [], {});
  if (isNonNullType(type))
    return fc.oneof({ weight: 9, arbitrary: valueFor(type.ofType, depth) }, fc.constant(null));
  const t = getNullableType(type);
  if (isListType(t)) {
    return fc.oneof(
      { weight: 6, arbitrary: fc.array(valueFor(t.ofType, depth + 1), { maxLength: 4 }) },
      {
        weight: 1,
        arbitrary: fc.array(valueFor(t.ofType, depth + 1), {
          minLength: 150,
          maxLength: 200,
        }),
      },
      { weight: 1, arbitrary: wrongType },
    );
  }
  const named = t as GraphQLNamedType;
  let right: fc.Arbitrary<unknown>;
  if (isEnumType(named)) {
    right = fc.oneof(
      fc.constantFrom(...named.getValues().map((v) => v.name)),
      fc.constantFrom('UNKNOWN', 'confirmed', '', 'DROP'),
    );
  } else if (isInputObjectType(named)) {
    if (depth > 3) return fc.constant(null);
    const fields = Object.values(named.getFields());
    right = fc.record(
      Object.fromEntries([
        ...fields.map((f) => [f.name, valueFor(f.type, depth + 1)] as const),
        ['unknownField', fc.constant('x')] as const,
      ]),
      { requiredKeys: [] },
    );
  } else if (named.name === 'Int') right = hostileInt;
  else if (named.name === 'Float') right = fc.oneof(fc.double({ noNaN: true }), hostileInt);
  else if (named.name === 'Boolean') right = fc.boolean();
  else if (named.name === 'Date') right = hostileDate;
  else right = hostileString;
  return fc.oneof({ weight: 8, arbitrary: right }, { weight: 1, arbitrary: wrongType });
}

/** A valid selection for the field's type: its scalar fields, and `__typename` on objects one level down. */
function selection(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isCompositeType(type)) return '';
  const parts = ['__typename'];
  if (isObjectType(type) || isInterfaceType(type)) {
    for (const f of Object.values(type.getFields())) {
      if (f.args.some((a) => isNonNullType(a.type))) continue;
      const inner = getNamedType(f.type);
      if (isLeafType(inner)) parts.push(f.name);
      else if (isCompositeType(inner)) parts.push(`${f.name} { __typename }`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: unknown } }[] };
}

async function post(payload: unknown): Promise<Answer> {
  const res = await yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(payload),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Answer['body'] };
}

function checkAnswer(a: Answer, what: unknown): void {
  const bad = (why: string) =>
    new Error(
      `${why}\nrequest: ${JSON.stringify(what).slice(0, 600)}\nanswer: ${JSON.stringify(a).slice(0, 600)}`,
    );
  if (a.status >= 500) throw bad(`status ${a.status}`);
  for (const e of a.body.errors ?? []) {
    if (typeof e.extensions?.code !== 'string') throw bad('an error without extensions.code');
    if (e.extensions.code === 'INTERNAL_SERVER_ERROR') throw bad('an unexpected (masked) error');
  }
}

const RUNS_PER_FIELD = 10;

describe('hostile arguments at every root Query field', () => {
  it('covers every root field', () => {
    expect(queryFields.length).toBeGreaterThanOrEqual(15);
  });

  it.each(queryFields.map((f) => [f.name, f] as const))(
    '%s',
    async (_name, field) => {
      const args = field.args;
      const vars = args.map((a, i) => `$v${i}: ${String(a.type)}`);
      const call = args.length ? `(${args.map((a, i) => `${a.name}: $v${i}`).join(', ')})` : '';
      const query = `query Hostile${vars.length ? `(${vars.join(', ')})` : ''} { ${field.name}${call} ${selection(field)} }`;
      const variables = fc.record(Object.fromEntries(args.map((a, i) => [`v${i}`, valueFor(a.type)])), {
        requiredKeys: [],
      });
      await fc.assert(
        fc.asyncProperty(variables, async (v) => {
          checkAnswer(await post({ query, variables: v }), { query, variables: v });
        }),
        { numRuns: args.length ? RUNS_PER_FIELD : 3 },
      );
    },
    60_000,
  );
});

describe('hostile documents', () => {
  it('garbage, deep nesting and odd shapes answer with a code, never a 5xx', async () => {
    const nested = fc.integer({ min: 1, max: 60 }).map((n) => {
      let q = 'name';
      for (let i = 0; i < n; i++) q = `parent { ${q} }`;
      return `{ company(id: "huawei") { ${q} } }`;
    });
    const document = fc.oneof(
      fc.string({ maxLength: 300, unit: 'binary' }),
      fc.constantFrom(
        '{',
        '}',
        '{ __typename',
        'query { ...F } fragment F on Query { ...F }',
        'subscription { x }',
      ),
      fc.constantFrom(
        'mutation { __typename }',
        '{ a: __typename b: __typename }',
        'query A { stats { sources } } query B { stats { sources } }',
      ),
      nested,
      fc.string({ maxLength: 40 }).map((s) => `{ search(text: ${JSON.stringify(s)}) { score } }`),
    );
    const payload = fc.oneof(
      document.map((query) => ({ query })),
      fc.record({
        query: fc.constant('{ __typename }'),
        variables: fc.constantFrom<unknown>('x', 1, [], null),
      }),
      fc.record({
        query: fc.constantFrom<unknown>(1, null, [], {}),
        operationName: fc.constantFrom<unknown>(1, 'X', null),
      }),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (p) => checkAnswer(await post(p), p)),
      { numRuns: 80 },
    );
  });

  it('Lucene syntax in search is searched as text', async () => {
    const a = await post({ query: '{ search(text: "AND OR ~* \\\\") { score entity { id } } }' });
    expect(a.status).toBe(200);
    expect(a.body.errors).toBeUndefined();
    expect(Array.isArray((a.body.data as { search: unknown }).search)).toBe(true);
  });

  it('the server still answers normally afterwards', async () => {
    const a = await post({ query: '{ chip(id: "nvidia-h100") { id vendor { id } } }' });
    expect(a.body).toMatchObject({ data: { chip: { id: 'nvidia-h100', vendor: { id: 'nvidia' } } } });
  });
});
