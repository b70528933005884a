// The Cypher the compiler generates for representative selections, without a database: one statement, only the
// served properties, each relationship a COLLECT subquery over live facts, the best fact chosen in Cypher,
// sources only when selected, and every value a parameter. Answers are checked against Neo4j in the
// integration tests; here the shape of the statement is.
import {
  Kind,
  parse,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  dependencyProjectionOf,
  entityProjectionOf,
  type TypeSelection,
} from '../../src/db/compiler/index.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { fieldsOn } from '../../src/graphql/selection.js';

const schema = buildSchema();

/** The selection under the query's first root field, as the resolvers would plan it. */
function plan(query: string, variables: Record<string, unknown> = {}): TypeSelection {
  const doc = parse(query);
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const info = { schema, fragments, variableValues: variables };
  const root = fieldsOn(schema.getQueryType()!, [op.selectionSet], info)[0]!;
  return root.sub!;
}

const compile = (query: string, variables?: Record<string, unknown>) =>
  entityProjectionOf(plan(query, variables), 'n');

describe('the compiler', () => {
  it('compiles a chip lookup with vendor, country, foundries and sources into one expression', () => {
    const p = compile(`{ chip(id: "x") { id name memoryGb
      vendor { id name country { code } }
      foundries { company { id } processNode confidence sources { id publisher } }
      sources { id url } } }`);
    // Only served properties: no bookkeeping (loadedAt, seedHash, searchText, claimsJson).
    expect(p.cypher).toMatch(/^n\{\.`id`, \.`name`, \.`memoryGb`, __pre: \{/);
    expect(p.cypher).not.toMatch(/loadedAt|seedHash|searchText|claimsJson/);
    // vendor: the best-supported live DESIGNS fact, chosen in Cypher, then its country the same way.
    expect(p.cypher).toMatch(
      /`vendor`: COLLECT \{ MATCH \(n\)<-\[r\d+:DESIGNS\]-\(x\d+:Entity\) WHERE r\d+\.retracted IS NULL/,
    );
    expect(p.cypher).toMatch(
      /ORDER BY CASE r\d+\.confidence WHEN 'confirmed' THEN 0 WHEN 'reported' THEN 1 WHEN 'rumored' THEN 2 ELSE 3 END, x\d+\.name LIMIT 1/,
    );
    expect(p.cypher).toMatch(/`country`: COLLECT \{ MATCH \(x\d+\)-\[r\d+:HEADQUARTERED_IN\]->/);
    // Every hop filters retracted facts: vendor, country, foundries.
    expect(p.cypher.match(/\.retracted IS NULL/g)).toHaveLength(3);
    // Sources inline, twice (the foundry fact's and the chip's), by id from the owner's list.
    expect(p.cypher.match(/UNWIND coalesce\([a-z0-9]+\.sources, \[\]\)/g)).toHaveLength(2);
    expect(p.params).toEqual({});
  });

  it('fetches no sources and no relationship the query does not ask for', () => {
    const p = compile('{ chip(id: "x") { id name foundries { processNode } } }');
    expect(p.cypher).not.toContain('Source');
    expect(p.cypher).toContain(':FABRICATES]');
    expect(p.cypher).not.toContain('DESIGNS');
  });

  it('keys aliased fields apart and honours @skip', () => {
    const p = compile(
      `query ($no: Boolean!) { model(id: "x") { a: hardware(role: TRAINING) { id } b: hardware(minConfidence: CONFIRMED) { id }
        developer @skip(if: $no) { id } } }`,
      { no: true },
    );
    expect(p.cypher).toContain('`a`: COLLECT');
    expect(p.cypher).toContain('`b`: COLLECT');
    expect(p.cypher).not.toContain('DEVELOPS');
    // Arguments arrive converted by the resolvers' own rules and bound as parameters.
    expect(Object.values(p.params)).toEqual(
      expect.arrayContaining([
        ['TRAINED_ON'],
        ['confirmed'],
        ['TRAINED_ON', 'RUNS_ON'],
        ['confirmed', 'reported', 'rumored'],
      ]),
    );
  });

  it('projects each possible type of an interface behind a label test', () => {
    const p = compile(
      `{ entity(id: "x") { id name ... on Chip { vendor { id } } ... on Model { developer { id } } } }`,
    );
    expect(p.cypher).toMatch(/^CASE WHEN n:Country THEN/);
    expect(p.cypher).toContain("WHEN n:Chip THEN n{.`id`, .`name`, __t: 'Chip', __pre: {`vendor`:");
    expect(p.cypher).toContain("WHEN n:Model THEN n{.`id`, .`name`, __t: 'Model', __pre: {`developer`:");
  });

  it("applies the in-force rule to a chip's export controls only when asOf is given", () => {
    const withDate = compile('{ chip(id: "x") { exportControls(asOf: "2025-01-01") { control { id } } } }');
    expect(withDate.cypher).toMatch(/suspendedFrom/);
    expect(Object.values(withDate.params)).toContain('2025-01-01');
    const without = compile('{ chip(id: "x") { exportControls { control { id } } } }');
    expect(without.cypher).not.toMatch(/suspendedFrom/);
  });

  it('compiles a dependency page row with the model, the chip, its vendor and sources', () => {
    const doc = `{ hardwareDependencies { nodes { id role model { id name } chip { id vendor { id } } sources { id } } } }`;
    const conn = plan(doc);
    const nodes = conn.HardwareDependencyConnection!.find((f) => f.field === 'nodes')!.sub;
    const p = dependencyProjectionOf(nodes, 'r', 'm', 'c');
    expect(p.cypher).toMatch(/^\{__f: r\{\.`id`, \.`confidence`, \.`sources`\}, __type: type\(r\)/);
    expect(p.cypher).toContain('`model`: m{.`id`, .`name`}');
    expect(p.cypher).toMatch(
      /`chip`: c\{\.`id`, \.`name`, __pre: \{`vendor`: COLLECT \{ MATCH \(c\)<-\[r\d+:DESIGNS\]/,
    );
  });

  it('reads the schema it compiles for (every rule names a real field)', async () => {
    const { ENTITY_FIELDS, FACT_FIELDS } = await import('../../src/db/compiler/index.js');
    const missing: string[] = [];
    for (const [type, rules] of Object.entries({ ...ENTITY_FIELDS, ...FACT_FIELDS }))
      for (const field of Object.keys(rules))
        if (!(schema.getType(type) as GraphQLObjectType).getFields()[field]) missing.push(`${type}.${field}`);
    expect(missing).toEqual([]);
  });
});
