// Export parameters: query-string values checked against the API's own input types.
import {
  coerceInputValue,
  getNamedType,
  getNullableType,
  GraphQLEnumType,
  GraphQLNonNull,
  isInputObjectType,
  isListType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { Param } from './table.js';

export class BadParameter extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** Turns `?vendorIds=a,b&vendorIds=c` into the JS value the GraphQL input type expects, before coercion. */
function rawValue(values: string[], type: GraphQLInputType): unknown {
  const named = getNamedType(type);
  const one = (v: string): unknown => {
    const t = v.trim();
    if (named instanceof GraphQLEnumType) return t.toUpperCase().replace(/-/g, '_');
    if (named.name === 'Boolean')
      return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : t;
    if ((named.name === 'Int' || named.name === 'Float') && t !== '' && !Number.isNaN(Number(t)))
      return Number(t);
    return t;
  };
  if (isListType(getNullableType(type))) {
    return values
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean)
      .map(one);
  }
  if (values.length > 1) throw new BadParameter('', 'is given more than once');
  return one(values[0] ?? '');
}

export function coerce(params: Param[], search: URLSearchParams): Record<string, unknown> {
  const byName = new Map(params.map((p) => [p.name, p]));
  const out: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    const param = byName.get(name);
    if (!param) {
      throw new BadParameter(name, `Unknown parameter "${name}"; allowed: ${[...byName.keys()].join(', ')}`);
    }
    try {
      const raw = rawValue(search.getAll(name), param.type);
      let problem: string | undefined;
      out[name] = coerceInputValue(raw, param.type, (_path, _invalid, error) => {
        problem ??= error.message;
      });
      if (problem) throw new BadParameter(name, `Parameter "${name}": ${problem}`);
    } catch (err) {
      if (err instanceof BadParameter && !err.parameter) {
        throw new BadParameter(name, `Parameter "${name}" ${err.message}`);
      }
      throw err;
    }
  }
  for (const p of params) {
    if (p.type instanceof GraphQLNonNull && out[p.name] === undefined) {
      throw new BadParameter(p.name, `Parameter "${p.name}" is required`);
    }
  }
  return out;
}

export function inputFields(schema: GraphQLSchema, typeName: string): Param[] {
  const t = schema.getType(typeName);
  if (!isInputObjectType(t)) throw new Error(`${typeName} is not an input type in the schema`);
  return Object.values(t.getFields()).map((f) => ({ name: f.name, type: f.type }));
}

export function fieldArgs(schema: GraphQLSchema, field: string): Param[] {
  const def = schema.getQueryType()?.getFields()[field];
  if (!def) throw new Error(`Query.${field} is not in the schema`);
  return def.args.map((a) => ({ name: a.name, type: a.type }));
}
