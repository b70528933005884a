// Rate limit, error masking with request ids, CORS and CSRF on the HTTP pipeline (the query limits are in
// limits.int.test.ts): each refusal has its own code.
import { Writable } from 'node:stream';
import neo4j, { type Driver } from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Executor } from '../../src/db/executor.js';
import { freePort } from '../../src/db/local-neo4j.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type HttpOptions } from '../../src/server.js';
import { createKey } from '../helpers/curation.js';
import { gql, seedWith, testDriver, testExecutor } from '../helpers/db.js';

const driver = testDriver();
const executor = testExecutor(driver);
const silent = createLogger('silent');
const server = (http: HttpOptions = {}, exec: Executor = executor) =>
  createServer({ executor: exec, logger: silent, http });
const yoga = server();

// Nothing listens on this port: any query that reached the database would answer SERVICE_UNAVAILABLE.
let offlineDriver: Driver;

beforeAll(async () => {
  await seedWith(executor);
  // No retries: these tests only need to see whether the database was reached, not to wait for it.
  offlineDriver = neo4j.driver(`bolt://127.0.0.1:${await freePort()}`, undefined, {
    maxTransactionRetryTime: 0,
  });
});
afterAll(async () => {
  await offlineDriver.close();
  await driver.close();
});

const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

describe('rate limit', () => {
  function limited(points: number, maxCost: number, exec = executor) {
    const clock = { now: 1_000_000 };
    const yoga = server(
      { limits: { maxCost }, rateLimit: { points, windowMs: 60_000, now: () => clock.now } },
      exec,
    );
    return { yoga, clock };
  }
  const cheap = '{ chip(id: "nvidia-h100") { id vendor { id } } }'; // costs 2

  it('reports the remaining budget, refuses with 429 RATE_LIMITED and Retry-After when it is spent, and refills', async () => {
    const { yoga, clock } = limited(10, 10);
    const remaining: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await gql(yoga, cheap);
      expect(res.errors).toBeUndefined();
      remaining.push((res.extensions?.cost as { remaining: number }).remaining);
    }
    expect(remaining).toEqual([8, 6, 4, 2, 0]);

    const res = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: cheap }),
    });
    expect(res.status).toBe(429);
    // 10 points a minute: one point is back in 6 s.
    expect(res.headers.get('retry-after')).toBe('6');
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 6 });

    clock.now += 60_000;
    const again = await gql(yoga, cheap);
    expect(again.errors).toBeUndefined();
    expect(again.extensions?.cost).toEqual({ requested: 2, limit: 10, remaining: 8 });
  });

  it('refuses a query that costs more than what remains, before the database, with the wait for its cost', async () => {
    const exec = new Executor(offlineDriver, 'neo4j', 5_000);
    const { yoga } = limited(10, 10, exec);
    // companies (1) + nodes (first: 8): 9 points; the first one runs (and meets the unreachable database).
    const query = '{ companies(first: 8) { nodes { id } } }';
    expect(codes(await gql(yoga, query))).toEqual(['SERVICE_UNAVAILABLE']);
    const res = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(res.status).toBe(429);
    // 1 point left, the entry point taken: 8 more needed at 1 point per 6 s.
    expect(res.headers.get('retry-after')).toBe('48');
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[]; extensions: any };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 48 });
    expect(body.extensions.cost).toEqual({ requested: 9, limit: 10, remaining: 0 });
  });

  it('keeps separate budgets per IP and per verified API key', async () => {
    const clock = { now: 0 };
    const yoga = server({
      rateLimit: { points: 4, windowMs: 60_000, now: () => clock.now },
      limits: { maxCost: 4 },
    });
    const key = await createKey(executor, 'editor', 'rate-limit-tester');
    const ask = (ip: string, authorization?: string) =>
      yoga.fetch(
        'http://test/graphql',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ query: cheap }),
        },
        { req: { socket: { remoteAddress: ip } } },
      );
    expect((await ask('10.0.0.1')).status).toBe(200);
    expect((await ask('10.0.0.1')).status).toBe(200);
    expect((await ask('10.0.0.1')).status).toBe(429);
    expect((await ask('10.0.0.2')).status).toBe(200);

    // A verified key pays its queries from its own budget (its IP still pays one point per request)...
    const keyed = await ask('10.0.0.3', `Bearer ${key}`);
    expect(keyed.status).toBe(200);
    expect((await keyed.json()).extensions.cost.remaining).toBe(2);
    // ...whatever address it comes from; a key that does not verify gets no budget of its own.
    expect((await (await ask('10.0.0.4', `Bearer ${key}`)).json()).extensions.cost.remaining).toBe(0);
    const forged = await ask('10.0.0.5', 'Bearer cg_not-a-real-key');
    expect((await forged.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('unknown errors', () => {
  function capture() {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    return { logger: pino({ level: 'info' }, stream), lines };
  }

  it('are masked as INTERNAL_SERVER_ERROR with the request id, which the log line carries with the cause', async () => {
    const { logger, lines } = capture();
    // A database name that does not exist: Neo4j answers an error that is nobody's typed error.
    const yoga = createServer({ executor: new Executor(driver, 'no-such-db', 5_000), logger });
    const res = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ chip(id: "nvidia-h100") { id } }' }),
    });
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const text = await res.text();
    const body = JSON.parse(text) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.message).toBe('Unexpected error.');
    expect(body.errors[0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
    expect(text).not.toMatch(/no-such-db|Neo\.|stack|at .*\.js/i);

    const logged = lines
      .map((l) => JSON.parse(l) as Record<string, any>)
      .filter((l) => l.requestId === requestId);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.level).toBe(50);
    expect(logged[0]!.err.code).toBe('Neo.ClientError.Database.DatabaseNotFound');
    expect(logged[0]!.err.stack).toBeTypeOf('string');
  });

  it('keep a well-formed incoming x-request-id and replace a malformed one', async () => {
    const ask = (id: string) =>
      yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': id },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    expect((await ask('trace-0af7651916cd43dd')).headers.get('x-request-id')).toBe('trace-0af7651916cd43dd');
    const replaced = (await ask('bad id {"x":1}')).headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('every error carries a code: parse, validation and variable errors included', async () => {
    expect(codes(await gql(yoga, '{ chip(id: '))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(codes(await gql(yoga, '{ chip(id: "x") { nope } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(await gql(yoga, 'query Q($id: ID!) { chip(id: $id) { id } }', {}))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});

describe('CORS', () => {
  const allowed = 'https://tool.example.org';
  const cors = server({ corsOrigins: [allowed] });

  it('answers a preflight from an allowed origin, and not from another', async () => {
    const preflight = (origin: string) =>
      cors.fetch('http://test/graphql', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const ok = await preflight(allowed);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();

    const other = await preflight('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets an allowed origin read the answer and the request id', async () => {
    const res = await cors.fetch('http://test/graphql', {
      method: 'POST',
      headers: { origin: allowed, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
  });

  it('sends no CORS headers at all by default', async () => {
    const res = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { origin: allowed, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CSRF prevention', () => {
  const get = (headers: Record<string, string>) =>
    yoga.fetch(`http://test/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers });

  it('refuses a simple cross-site request from a browser with 403 CSRF_REJECTED', async () => {
    const res = await get({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example.com' });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions.code).toBe('CSRF_REJECTED');

    const form = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example.com' },
      body: `query=${encodeURIComponent('{ __typename }')}`,
    });
    expect(form.status).toBe(403);
  });

  it('lets same-origin pages, non-browser clients, JSON posts and requests with the CSRF header through', async () => {
    expect((await get({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await get({})).status).toBe(200);
    expect((await get({ 'sec-fetch-site': 'cross-site', 'x-graphql-csrf': '1' })).status).toBe(200);
    const json = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'sec-fetch-site': 'cross-site',
        origin: 'https://a.example',
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(json.status).toBe(200);
  });

  it('still serves GraphiQL to a browser', async () => {
    const res = await yoga.fetch('http://test/graphql', {
      headers: { accept: 'text/html', 'sec-fetch-site': 'none' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });
});
