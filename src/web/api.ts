// Talks to chipgraph's GraphQL endpoint (JSON POST, which passes CSRF prevention) and builds GraphiQL links.
export interface GqlError {
  message: string;
  extensions?: { code?: string };
}

export class ApiError extends Error {
  constructor(readonly errors: GqlError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export type Vars = Record<string, unknown>;

/** Drop undefined / empty values so URLs and GraphiQL links stay short. */
export function compact(vars: Vars): Vars {
  return Object.fromEntries(
    Object.entries(vars).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
}

export async function gql<T>(query: string, variables: Vars = {}): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables: compact(variables) }),
  });
  const body = (await res.json()) as { data?: T; errors?: GqlError[] };
  if (body.errors?.length) throw new ApiError(body.errors);
  if (!body.data) throw new ApiError([{ message: `HTTP ${res.status}` }]);
  return body.data;
}

/** The same question, opened in GraphiQL. */
export function graphiqlUrl(query: string, variables: Vars = {}): string {
  const p = new URLSearchParams({ query });
  const v = compact(variables);
  if (Object.keys(v).length) p.set('variables', JSON.stringify(v, null, 2));
  return `/graphql?${p.toString()}`;
}
