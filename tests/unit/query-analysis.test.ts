// The static estimate behind the depth, alias and cost limits, on the real schema (no database).
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { analyzeOperation, selectOperation } from '../../src/graphql/plugins/query-analysis.js';
import { buildSchema } from '../../src/graphql/schema.js';

const schema = buildSchema();

function analyze(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const doc = parse(query);
  const op = selectOperation(doc, operationName);
  if (!op) throw new Error('no operation');
  return analyzeOperation(schema, doc, op, variables);
}

describe('analyzeOperation', () => {
  it('costs one per object, multiplied by the page sizes above it; scalars are free', () => {
    expect(analyze('{ stats { sources } }')).toEqual({ depth: 2, aliases: 0, cost: 1 });
    expect(analyze('{ chips(first: 100) { nodes { vendor { name } } totalCount } }').cost).toBe(201);
    expect(
      analyze('{ chips(first: 100) { edges { cursor node { id } } pageInfo { hasNextPage } } }').cost,
    ).toBe(1 + 100 + 100 + 1);
  });

  it('uses the connection default (20), the SDL default and the assumed size of unpaged lists (10)', () => {
    expect(analyze('{ chips { nodes { id } } }').cost).toBe(21);
    // search: first = 10 in the SDL; entity is one object per hit
    expect(analyze('{ search(text: "x") { entity { id } } }').cost).toBe(20);
    // timeline: the resolver's default of 100, not in the SDL
    expect(analyze('{ timeline { title } }').cost).toBe(100);
    expect(analyze('{ chip(id: "x") { sources { id } } }').cost).toBe(11);
  });

  it('reads first from variables and from variable defaults; ignores values that will not coerce', () => {
    const q = 'query Q($n: Int = 50) { companies(first: $n) { nodes { id } } }';
    expect(analyze(q).cost).toBe(51);
    expect(analyze(q, { n: 7 }).cost).toBe(8);
    expect(analyze(q, { n: 'seven' }).cost).toBe(21);
    expect(analyze(q, { n: -5 }).cost).toBe(1);
  });

  it('follows fragments and inline fragments for depth and cost, and counts aliases', () => {
    const q = `query { a: chip(id: "x") { ...C } b: chip(id: "y") { ... on Chip { vendor { id } } } }
      fragment C on Chip { vendor { parent { name } } }`;
    expect(analyze(q)).toEqual({ depth: 4, aliases: 2, cost: 5 });
  });

  it('leaves introspection out of depth and cost', () => {
    expect(analyze('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual({
      depth: 0,
      aliases: 0,
      cost: 0,
    });
  });

  it('picks the named operation', () => {
    const q = 'query A { stats { sources } } query B { chips(first: 5) { nodes { id } } }';
    expect(analyze(q, {}, 'B').cost).toBe(6);
    expect(selectOperation(parse(q))).toBeUndefined();
  });
});
