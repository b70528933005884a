// How MCP tools ask chipgraph: a GraphQL operation through the API's own pipeline, either in-process (`yoga.fetch`,
// for `npm run mcp` and `/mcp`) or over HTTP (`npm run mcp -- --url`). Validation, limits, auth, rate limit and
// error codes are therefore exactly the API's; nothing here touches the database.

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface GraphqlErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown> & { code?: string };
}

export interface GraphqlResponse {
  data?: Record<string, unknown> | null;
  errors?: GraphqlErrorBody[];
  extensions?: Record<string, unknown>;
}

export type GraphqlRunner = (request: GraphqlRequest) => Promise<GraphqlResponse>;

/** What `yoga.fetch` offers; typed loosely so that the MCP layer does not depend on Yoga's generics. */
export interface YogaLike {
  fetch(url: string, init: RequestInit, serverContext?: object): Promise<Response> | Response;
}

/** Headers of the caller's request that the inner GraphQL request carries on (who asks, and for logs/limits). */
export const FORWARDED_HEADERS = ['authorization', 'x-request-id', 'x-forwarded-for', 'user-agent'];

async function readAnswer(res: Response): Promise<GraphqlResponse> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as GraphqlResponse;
    if (body && typeof body === 'object' && ('data' in body || 'errors' in body)) return body;
  } catch {
    // not JSON: reported below
  }
  const code =
    res.status === 413 ? 'REQUEST_ENTITY_TOO_LARGE' : res.status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
  return {
    errors: [
      { message: `chipgraph answered HTTP ${res.status}: ${text.slice(0, 200)}`, extensions: { code } },
    ],
  };
}

function jsonInit(request: GraphqlRequest, headers: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(request),
  };
}

/** In-process: the request goes through Yoga exactly as a POST /graphql would, with the caller's headers. */
export function yogaRunner(
  getYoga: () => YogaLike,
  options: { headers?: Record<string, string>; serverContext?: object } = {},
): GraphqlRunner {
  return async (request) => {
    // A getter (Yoga is itself callable, so it cannot be told apart from one): /mcp is wired before Yoga exists.
    const target = getYoga();
    const url = 'http://chipgraph.internal/graphql';
    const init = jsonInit(request, options.headers ?? {});
    // An explicit `undefined` server context is taken for a Node request by Yoga's adapter: pass none at all.
    const res = await (options.serverContext
      ? target.fetch(url, init, options.serverContext)
      : target.fetch(url, init));
    return readAnswer(res);
  };
}

/** Over HTTP: POST <base>/graphql of a running chipgraph, with the API key if one is configured. */
export function httpRunner(base: string, apiKey?: string, fetchFn: typeof fetch = fetch): GraphqlRunner {
  const url = new URL('/graphql', base).toString();
  const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  return async (request) => {
    let res: Response;
    try {
      res = await fetchFn(url, jsonInit(request, headers));
    } catch (err) {
      const reason =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : '';
      return {
        errors: [
          {
            message: `chipgraph at ${base} cannot be reached${reason ? `: ${reason}` : ''}. Is it running (npm start)?`,
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          },
        ],
      };
    }
    return readAnswer(res);
  };
}
