// The Date scalar: ISO 8601 of day, month or year precision, validated on input.
import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '../errors.js';
import { isPartialDate } from '../db/seed/records.js';

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isPartialDate(value)) {
    throw badInput('Date', `${JSON.stringify(value)} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (v) => String(v),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
