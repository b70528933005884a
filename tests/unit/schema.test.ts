// The printed schema is snapshotted: every API change shows up in review as a diff of this file.
import { lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/graphql/schema.js';

describe('schema', () => {
  const schema = buildSchema();

  it('matches the reviewed snapshot', async () => {
    await expect(printSchema(lexicographicSortSchema(schema))).toMatchFileSnapshot(
      '../__snapshots__/schema.graphql',
    );
  });

  it('describes every type, field and argument (what users read in GraphiQL)', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
        missing.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if ('getValues' in type)
        for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });
});
