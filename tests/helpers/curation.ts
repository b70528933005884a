// Helpers for curation tests: API keys straight into the graph, and GraphQL requests that carry one.
import { ApiKeyStore } from '../../src/auth/api-keys.js';
import type { Role } from '../../src/auth/roles.js';
import type { Executor } from '../../src/db/executor.js';
import { runSeed } from '../../src/db/seed/run.js';
import type { ChipgraphServer } from '../../src/server.js';
import type { GqlResult } from './db.js';

export async function createKey(executor: Executor, role: Role, name = `${role}-tester`): Promise<string> {
  const { secret } = await new ApiKeyStore(executor).create({ name, role });
  return secret;
}

/** A GraphQL request with an optional API key; returns the HTTP status along with the body. */
export async function gqlAs<T = Record<string, any>>(
  yoga: Pick<ChipgraphServer, 'fetch'>,
  key: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T> & { status: number; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const res = await yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GqlResult<T>;
  return { ...body, status: res.status, headers: res.headers };
}

export const CREATE_ENTITY = `
mutation Create($input: CreateEntityInput!) {
  createEntity(input: $input) {
    entity { id name aliases kind version description ... on Chip { memoryGb status vendor { id } } }
    errors { field message code }
    audit { id action targetId targetKind before after reason actor { id name role } at }
  }
}`;

export const UPDATE_ENTITY = `
mutation Update($input: UpdateEntityInput!) {
  updateEntity(input: $input) {
    entity { id name aliases version description ... on Chip { memoryGb status } }
    errors { field message code }
    audit { id action before after reason actor { name role } }
  }
}`;

export const ASSERT_FACT = `
mutation Assert($input: AssertFactInput!) {
  assertFact(input: $input) {
    fact { id type from { id } to { id } key confidence sources { id } validFrom note properties origin retracted }
    errors { field message code }
    audit { id action targetId before after reason actor { name role } }
  }
}`;

export const RETRACT_FACT = `
mutation Retract($input: RetractFactInput!) {
  retractFact(input: $input) {
    fact { id retracted retraction { at by reason } }
    errors { field message code }
    audit { id action targetId before after reason actor { name role } }
  }
}`;

export const ADD_SOURCE = `
mutation Add($input: AddSourceInput!) {
  addSource(input: $input) {
    source { id publisher title url published kind }
    errors { field message code }
    audit { id action targetId after }
  }
}`;

export const HISTORY = `
query History($id: ID!) {
  history(id: $id) { id action targetId targetKind reason before after actor { id name role } at }
}`;

/**
 * Reset the graph to exactly the given seed folders, including what writes through the API changed on seed
 * records (the loader skips records whose seed content is unchanged, and keeps facts with origin 'api').
 */
export async function resetGraph(executor: Executor, dirs: string[]): Promise<void> {
  await executor.write('MATCH (n) DETACH DELETE n');
  await runSeed(executor, dirs);
}
