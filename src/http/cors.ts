// CORS by allow-list: only the listed origins (CORS_ORIGINS) may read answers from a browser page on another origin.
import type { YogaServerOptions } from 'graphql-yoga';

type CorsOption = NonNullable<YogaServerOptions<object, object>['cors']>;

/** Headers a cross-origin page may send and read. */
const ALLOWED_HEADERS = ['content-type', 'authorization', 'x-request-id', 'x-graphql-csrf'];
const EXPOSED_HEADERS = ['x-request-id', 'retry-after'];

/**
 * `origins` holds exact origins (`https://tool.example.org`) or `*` for any. Requests from other origins get no CORS
 * headers, so the browser keeps the answer from the page. Same-origin pages (GraphiQL, the explorer) need none.
 */
export function corsPolicy(origins: readonly string[]): CorsOption {
  if (origins.length === 0) return false;
  const any = origins.includes('*');
  const allowed = new Set(origins.map((o) => o.replace(/\/+$/, '')));
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !(any || allowed.has(origin))) return false;
    return {
      origin: [origin],
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      // API keys travel in the Authorization header, never in cookies.
      credentials: false,
      maxAge: 600,
    };
  };
}

export function isAllowedOrigin(origins: readonly string[], origin: string): boolean {
  return origins.includes('*') || origins.some((o) => o.replace(/\/+$/, '') === origin);
}
