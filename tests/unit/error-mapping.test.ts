// Domain errors (src/errors.ts) and the one place they become GraphQL errors (masked-errors.ts), without a database:
// a small Yoga with the API's masking, logging and error codes, whose resolvers and plugins throw domain errors.
import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { forbidden, unauthenticated } from '../../src/auth/roles.js';
import { badInput, ChipgraphError, httpStatusOf, notFound } from '../../src/errors.js';
import { useErrorCodes } from '../../src/graphql/plugins/error-codes.js';
import { maskedErrors, yogaLogging } from '../../src/graphql/plugins/masked-errors.js';
import { tooComplex } from '../../src/graphql/plugins/query-limits.js';
import { DateScalar } from '../../src/graphql/scalars.js';

function server(plugins: Plugin[] = []) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: /* GraphQL */ `
        scalar Date
        type Query {
          chip(id: ID!): String
          secret: String
          admin: String
          broken: String
          day(at: Date): String
        }
      `,
      resolvers: {
        Date: DateScalar,
        Query: {
          chip: (_: unknown, { id }: { id: string }) => {
            throw notFound('chip', id, ['nvidia-h100']);
          },
          secret: () => {
            throw unauthenticated('This operation needs an API key.');
          },
          admin: () => {
            throw forbidden('auditLog', 'editor');
          },
          broken: () => {
            throw new Error('Neo.ClientError.Statement.SyntaxError at MATCH (n) RETURN');
          },
          day: (_: unknown, { at }: { at: string }) => at,
        },
      },
    }),
    maskedErrors,
    logging: yogaLogging(pino({ level: 'debug' }, stream)),
    plugins: [useErrorCodes(), ...plugins],
  });
  const ask = async (query: string, variables?: Record<string, unknown>) => {
    const res = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: await res.json() };
  };
  return { ask, lines };
}

describe('a domain error', () => {
  it('is a plain error with a code and details, not a GraphQL error', () => {
    const err = badInput('first', 'must be between 1 and 100 (got 0)', { min: 1, max: 100 });
    expect(err).toBeInstanceOf(ChipgraphError);
    expect(err).not.toBeInstanceOf(GraphQLError);
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.message).toBe('Argument "first": must be between 1 and 100 (got 0)');
    expect(err.extra).toEqual({ argument: 'first', min: 1, max: 100 });
    expect(err.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first', min: 1, max: 100 });
  });

  it('has one HTTP status per code for the plain HTTP routes', () => {
    expect(httpStatusOf('BAD_USER_INPUT')).toBe(400);
    expect(httpStatusOf('GRAPHQL_VALIDATION_FAILED')).toBe(400);
    expect(httpStatusOf('NOT_FOUND')).toBe(404);
    expect(httpStatusOf('SERVICE_UNAVAILABLE')).toBe(503);
    expect(httpStatusOf('QUERY_TIMEOUT')).toBe(504);
    expect(httpStatusOf('INTERNAL_SERVER_ERROR')).toBeUndefined();
    expect(httpStatusOf('toString')).toBeUndefined();
  });
});

describe('GraphQL answers for domain errors', () => {
  it('carry the code and details in extensions, with the path, and are not logged as faults', async () => {
    const { ask, lines } = server();
    const { status, body } = await ask('{ chip(id: "nvidia-h1OO") }');
    expect(status).toBe(200);
    expect(body.errors).toEqual([
      {
        message: 'Argument "id": no chip with id "nvidia-h1OO". Did you mean: nvidia-h100?',
        locations: [{ line: 1, column: 3 }],
        path: ['chip'],
        extensions: {
          code: 'NOT_FOUND',
          argument: 'id',
          id: 'nvidia-h1OO',
          suggestions: ['nvidia-h100'],
        },
      },
    ]);
    expect(lines.filter((l) => (l.level as number) >= 40)).toEqual([]);
  });

  it('turn `http` into the response status and headers, and keep it out of the body', async () => {
    const { ask } = server();
    const res = await ask('{ secret }');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="chipgraph"');
    expect(res.body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    const denied = await ask('{ admin }');
    expect(denied.body.errors[0].extensions).toEqual({ code: 'FORBIDDEN', requiredRole: 'admin' });
  });

  it('thrown before execution (a request check) are mapped too', async () => {
    const { ask } = server([
      {
        onParams() {
          throw tooComplex('tokens', 10, 11);
        },
      },
    ]);
    const res = await ask('{ chip(id: "x") }');
    expect(res.body.errors).toEqual([
      {
        message: 'The query is too complex: tokens 11 is over the limit of 10.',
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 10, found: 11 },
      },
    ]);
  });

  it('from a scalar keep their message (graphql-js rewords errors that are not GraphQL errors)', async () => {
    const { ask } = server();
    const res = await ask('query Q($at: Date) { day(at: $at) }', { at: 'yesterday' });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].message).toBe(
      'Variable "$at" got invalid value "yesterday"; Argument "Date": "yesterday" is not an ISO 8601 date ' +
        '(YYYY, YYYY-MM or YYYY-MM-DD)',
    );
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'Date' });
    const literal = await ask('{ day(at: "2026-13") }');
    expect(literal.body.errors[0].message).toBe(
      'Argument "Date": "2026-13" is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)',
    );
  });

  it('while any other error is masked, and logged as a fault', async () => {
    const { ask, lines } = server();
    const res = await ask('{ broken }');
    expect(res.body.errors).toEqual([
      {
        message: 'Unexpected error.',
        locations: [{ line: 1, column: 3 }],
        path: ['broken'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/Neo\./);
    expect(lines.filter((l) => l.level === 50)).toHaveLength(1);
  });
});
