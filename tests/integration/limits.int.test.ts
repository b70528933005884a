// Query limits: depth, aliases, tokens, cost, page caps, transaction timeout and body size; each refusal has its own
// code, and the limits refuse before the database is touched (proved with a server whose database is unreachable).
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Executor } from '../../src/db/executor.js';
import { freePort } from '../../src/db/local-neo4j.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type HttpOptions } from '../../src/server.js';
import { gql, seedWith, testDriver, testExecutor } from '../helpers/db.js';

const driver = testDriver();
const executor = testExecutor(driver);
const silent = createLogger('silent');
const server = (http: HttpOptions = {}, exec: Executor = executor) =>
  createServer({ executor: exec, logger: silent, http });
const yoga = server();

// Nothing listens on this port: any query that reached the database would answer SERVICE_UNAVAILABLE.
let offlineDriver: Driver;
let offline: ReturnType<typeof server>;

beforeAll(async () => {
  await seedWith(executor);
  // No retries: these tests only need to see whether the database was reached, not to wait for it.
  offlineDriver = neo4j.driver(`bolt://127.0.0.1:${await freePort()}`, undefined, {
    maxTransactionRetryTime: 0,
  });
  offline = server({}, new Executor(offlineDriver, 'neo4j', 5_000));
});
afterAll(async () => {
  await offlineDriver.close();
  await driver.close();
});

const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

/** `chip { vendor { parent { parent ... { name } } } }`: `depth` levels, no lists, so the cost stays tiny. */
function nested(depth: number): string {
  let q = 'name';
  for (let i = 0; i < depth - 3; i++) q = `parent { ${q} }`;
  return `{ chip(id: "nvidia-h100") { vendor { ${q} } } }`;
}

describe('the control case', () => {
  it('a valid query against the unreachable database answers SERVICE_UNAVAILABLE', async () => {
    const res = await gql(offline, nested(4));
    expect(codes(res)).toEqual(['SERVICE_UNAVAILABLE']);
  });
});

describe('depth limit', () => {
  it('answers a query at the limit and refuses one past it with QUERY_TOO_COMPLEX, before the database', async () => {
    const ok = await gql(yoga, nested(10));
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.chip.vendor).toHaveProperty('parent');

    const res = await gql(offline, nested(11));
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'depth',
      max: 10,
      found: 11,
    });
  });

  it('counts fields reached through fragments, and ignores introspection', async () => {
    const viaFragment = `query { chip(id: "nvidia-h100") { ...F } }
      fragment F on Chip { vendor { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } }`;
    expect((await gql(offline, viaFragment)).errors![0]!.extensions).toMatchObject({
      limit: 'depth',
      found: 11,
    });

    const introspection =
      '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }';
    const res = await gql(yoga, introspection);
    expect(res.errors).toBeUndefined();
  });
});

describe('alias limit', () => {
  const aliased = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: chip(id: "nvidia-h100") { id }`).join(' ')} }`;

  it('answers 30 aliases and refuses 31 with QUERY_TOO_COMPLEX', async () => {
    const ok = await gql(yoga, aliased(30));
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.a29).toEqual({ id: 'nvidia-h100' });

    const res = await gql(offline, aliased(31));
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'aliases',
      max: 30,
      found: 31,
    });
  });
});

describe('token limit', () => {
  it('refuses a document over maxTokens while parsing', async () => {
    const query = `{ stats { ${'sources '.repeat(5_000)} } }`;
    const res = await gql(offline, query);
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'tokens',
      max: 5_000,
    });
  });

  it('does not count comments', async () => {
    const query = `${'#\n'.repeat(6_000)}{ chip(id: "nvidia-h100") { id } }`;
    const res = await gql(yoga, query);
    expect(res.errors).toBeUndefined();
  });
});

describe('cost limit', () => {
  it('reports the cost and the limit of every executed query in extensions.cost', async () => {
    const res = await gql(yoga, '{ chip(id: "nvidia-h100") { id vendor { id } sources { id } } }');
    expect(res.errors).toBeUndefined();
    // chip 1 + vendor 1 + sources (a list of assumed length 10)
    expect(res.extensions?.cost).toEqual({ requested: 12, limit: 20_000 });
  });

  it('multiplies nested lists by their page sizes, from literals and from variables', async () => {
    const query = `query Q($n: Int) { companies(first: $n) { nodes { chips { models { model { name } } } } } }`;
    // 1 + 100 + 100*10 + 100*10*10 + 100*10*10 = 21101 with first: 100
    const res = await gql(offline, query, { n: 100 });
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'cost',
      max: 20_000,
      found: 21_101,
    });
    expect(res.extensions?.cost).toEqual({ requested: 21_101, limit: 20_000 });

    const small = await gql(offline, query, { n: 5 });
    // 1 + 5 + 50 + 500 + 500: under the limit, so it runs (and meets the unreachable database).
    expect(codes(small)).toEqual(['SERVICE_UNAVAILABLE']);
  });

  it('takes a variable default from the operation when the request leaves it out', async () => {
    const query = `query Q($n: Int = 100) { companies(first: $n) { nodes { chips { models { model { name } } } } } }`;
    const res = await gql(offline, query);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', found: 21_101 });
  });
});

describe('first caps', () => {
  it.each([
    ['companies(first: 101) { totalCount }', 'first'],
    ['chips(first: -1) { totalCount }', 'first'],
    ['search(text: "h100", first: 51) { score }', 'first'],
    [`search(text: "${'x'.repeat(201)}") { score }`, 'text'],
  ])('%s answers BAD_USER_INPUT naming the argument', async (field, argument) => {
    const res = await gql(yoga, `{ ${field} }`);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions?.argument).toBe(argument);
  });
});

describe('transaction timeout', () => {
  it('stops a slow query in Neo4j and answers QUERY_TIMEOUT', async () => {
    const impatient = new Executor(driver, 'neo4j', 200);
    // Neo4j checks transaction deadlines every couple of seconds; this runs far longer than that without a limit.
    const slow = impatient.read('UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n');
    await expect(slow).rejects.toMatchObject({ extensions: { code: 'QUERY_TIMEOUT' } });
  });
});

describe('request body size', () => {
  const big = JSON.stringify({ query: `{ stats { sources } }`, variables: { pad: 'x'.repeat(200_000) } });

  it('answers 413 with a code when Content-Length is over the limit', async () => {
    const res = await offline.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) },
      body: big,
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });

  it('answers 413 when a chunked body without Content-Length grows over the limit', async () => {
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 16_384) controller.enqueue(bytes.slice(i, i + 16_384));
        controller.close();
      },
    });
    const res = await offline.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });
});
