// The explorer's tables show every column the API serves for their kind: each scalar field of the row type in the
// SDL (schema/*.graphql) is a column, each table's query is valid against the schema, and its sort keys exist.
import {
  buildASTSchema,
  getNamedType,
  isEnumType,
  isObjectType,
  isScalarType,
  parse,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { readTypeDefs } from '../../src/graphql/schema.js';
import { tableQuery, TABLES } from '../../src/web/table-specs.js';

const schema = buildASTSchema(parse(readTypeDefs().join('\n')));
/** Not columns: the kind is the table, `version` counts API edits, claims live on the entity page. */
const NOT_COLUMNS = new Set(['kind', 'version', 'claims']);

describe('the explorer tables follow the SDL', () => {
  for (const spec of TABLES) {
    it(`${spec.name}: every scalar field of ${spec.rowType} is a column; the query validates`, () => {
      const type = schema.getType(spec.rowType);
      if (!isObjectType(type)) throw new Error(`${spec.rowType} is not an object type`);
      const scalars = Object.values(type.getFields())
        .filter((f) => !f.deprecationReason && !NOT_COLUMNS.has(f.name))
        .filter((f) => {
          const t = getNamedType(f.type);
          return isScalarType(t) || isEnumType(t);
        })
        .map((f) => f.name);
      const columns = new Set(spec.columns.map((c) => c.key));
      expect(scalars.filter((name) => !columns.has(name) && name !== 'id' && name !== 'name')).toEqual([]);
      expect(validate(schema, parse(tableQuery(spec)))).toEqual([]);
      const orderEnum = spec.orderEnum ? schema.getType(spec.orderEnum) : undefined;
      for (const c of spec.columns.filter((col) => col.order)) {
        expect(isEnumType(orderEnum) && orderEnum.getValue(c.order!), `${spec.name}.${c.key}`).toBeTruthy();
      }
    });
  }
});
