// The first vertical slice: a chip and its vendor, read from Neo4j through GraphQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { FIXTURES, gql, seedWith, testDriver, testExecutor, testServer } from '../helpers/db.js';

const driver = testDriver();
const executor = testExecutor(driver);
const yoga = testServer(executor);

beforeAll(async () => {
  await seedWith(executor, [path.join(FIXTURES, 'seed-min')]);
});
afterAll(() => driver.close());

describe('chip(id)', () => {
  it('reads a chip and its vendor from the graph', async () => {
    const res = await gql(yoga, '{ chip(id: "nvidia-h100") { id name vendor { id name } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.chip).toEqual({
      id: 'nvidia-h100',
      name: 'H100 SXM5',
      vendor: { id: 'nvidia', name: 'Nvidia' },
    });
  });

  it('answers null for an id that is not a chip', async () => {
    const res = await gql(yoga, '{ chip(id: "deepseek-v3") { id } }');
    expect(res.data?.chip).toBeNull();
  });
});
