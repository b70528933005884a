// The Date scalar: ISO 8601 of day, month or year precision, validated on input.
import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '../errors.js';
import { isPartialDate } from '../db/seed/records.js';
import { toGraphQLError } from './plugins/masked-errors.js';

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isPartialDate(value)) {
    // graphql-js reports a GraphQLError from a scalar as is, and rewords any other error: mapped here.
    throw toGraphQLError(
      badInput('Date', `${JSON.stringify(value)} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)`),
    );
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description:
    'An ISO 8601 date of day, month or year precision: `2026-04-24`, `2026-04` or `2026`. A partial date means "some time in that period"; for `asOf` it counts from the period\'s start.',
  serialize: (v) => String(v),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Any JSON value, passed through as is. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: "Any JSON value (used for a fact's extra properties and for claimed values).",
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: () => {
    throw toGraphQLError(badInput('JSON', 'JSON values are output only'));
  },
});
