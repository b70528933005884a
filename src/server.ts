// Builds the Yoga instance (no listening): tests call `yoga.fetch(...)`, main.ts wraps it in an HTTP server.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { useOperationAuth } from './auth/plugin.js';
import type { AuthSettings } from './auth/request-auth.js';
import type { Executor } from './db/executor.js';
import { createContext, type Context } from './graphql/context.js';
import { useErrorCodes } from './graphql/plugins/error-codes.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/plugins/limits.js';
import { maskedErrors, yogaLogging } from './graphql/plugins/masked-errors.js';
import { useQueryLimits } from './graphql/plugins/query-limits.js';
import { buildSchema, exampleOperations } from './graphql/schema.js';
import { corsPolicy } from './http/cors.js';
import { useCsrfPrevention } from './http/csrf.js';
import { RateLimiter, type RateLimitOptions } from './http/rate-limit.js';
import { useRequestContext } from './http/request-context.js';
import { useExports } from './http/exports.js';
import { graphiqlVariablesFromUrl, useExplorer } from './http/static.js';
import type { Logger } from './logger.js';

export interface ServerDeps {
  executor: Executor;
  logger: Logger;
  http?: HttpOptions;
  /** Whether reads need an API key (writes always do); main.ts passes config.auth. Reads are open by default. */
  auth?: AuthSettings;
  /** The built explorer (default dist/public); tests build it elsewhere. */
  publicDir?: string;
}

/** Limits and browser policy; main.ts passes config.http. Omitted parts take safe defaults (no rate limit). */
export interface HttpOptions {
  limits?: Partial<QueryLimits>;
  maxBodyBytes?: number;
  /** Off when absent. */
  rateLimit?: RateLimitOptions;
  /** The client a query's cost is charged to instead of its IP; default: the verified API key's id. */
  rateLimitIdentity?: (context: unknown) => string | undefined;
  trustProxy?: boolean;
  /** Origins allowed to call from browser pages on other origins (`*` for any); none by default. */
  corsOrigins?: readonly string[];
}

export function createServer({ executor, logger, http = {}, auth, publicDir }: ServerDeps) {
  const graphqlEndpoint = '/graphql';
  const rateLimiter = http.rateLimit ? new RateLimiter(http.rateLimit) : undefined;
  const corsOrigins = http.corsOrigins ?? [];
  const yoga: YogaServerInstance<object, Context> = createYoga<object, Context>({
    schema: buildSchema(),
    graphqlEndpoint,
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    renderGraphiQL,
    graphiql: (request) => ({
      title: 'chipgraph',
      defaultQuery: exampleOperations(),
      ...graphiqlVariablesFromUrl(request),
    }),
    maskedErrors,
    logging: yogaLogging(logger),
    cors: corsPolicy(corsOrigins),
    maxRequestBodySize: http.maxBodyBytes ?? 100_000,
    batching: false,
    context: ({ request }) => createContext(executor, logger, request, auth),
    plugins: [
      useExplorer(publicDir),
      useRequestContext({ graphqlEndpoint, trustProxy: http.trustProxy ?? false, rateLimiter }),
      useExports(() => yoga),
      useCsrfPrevention(corsOrigins),
      useErrorCodes(),
      useOperationAuth(),
      useQueryLimits({
        limits: { ...DEFAULT_QUERY_LIMITS, ...http.limits },
        rateLimiter,
        // A verified API key (settled by useOperationAuth just before) pays from its own budget.
        identify: http.rateLimitIdentity ?? ((ctx) => (ctx as Partial<Context>).auth?.known?.keyId),
      }),
      useReadinessCheck({
        endpoint: '/readyz',
        check: async ({ fetchAPI }) => {
          const ping = await executor.ping();
          const body = ping.ok
            ? { status: 'ready' }
            : { status: 'unavailable', reason: `neo4j: ${ping.reason}` };
          return new fetchAPI.Response(JSON.stringify(body), {
            status: ping.ok ? 200 : 503,
            headers: { 'content-type': 'application/json' },
          });
        },
      }),
    ],
  });
  return yoga;
}

export type ChipgraphServer = ReturnType<typeof createServer>;
