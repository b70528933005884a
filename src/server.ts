// Builds the Yoga instance (no listening): tests call `yoga.fetch(...)`, main.ts wraps it in an HTTP server.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { ApiKeyStore } from './auth/api-keys.js';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { useOperationAuth } from './graphql/plugins/operation-auth.js';
import type { AuthSettings } from './auth/request-auth.js';
import type { Executor } from './db/executor.js';
import { createContext, type Context } from './graphql/context.js';
import { useAdmission } from './graphql/plugins/admission.js';
import { useErrorCodes } from './graphql/plugins/error-codes.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/plugins/limits.js';
import { maskedErrors, yogaLogging } from './graphql/plugins/masked-errors.js';
import { useQueryLimits } from './graphql/plugins/query-limits.js';
import { buildSchema, exampleOperations } from './graphql/schema.js';
import { AdmissionGate, DEFAULT_ADMISSION, type AdmissionOptions } from './request/admission.js';
import { corsPolicy } from './http/cors.js';
import { useCsrfPrevention } from './http/csrf.js';
import { useMetricsEndpoint } from './http/metrics.js';
import { RateLimiter, type BudgetLimiter, type RateLimitOptions } from './request/rate-limit.js';
import { useRequestContext } from './request/request-context.js';
import { useChangesFeed } from './http/changes-feed.js';
import { useExports } from './http/exports.js';
import { graphiqlVariablesFromUrl, useExplorer } from './http/static.js';
import { useMcp } from './mcp/http.js';
import type { Logger } from './logger.js';
import type { Metrics } from './observability/metrics.js';
import { countRefusals, useRequestMetrics } from './observability/request-metrics.js';
import type { Tracing } from './observability/tracing.js';

export interface ServerDeps {
  executor: Executor;
  logger: Logger;
  http?: HttpOptions;
  /** Whether reads need an API key (writes always do); main.ts passes config.auth. Reads are open by default. */
  auth?: AuthSettings;
  /** The built explorer (default dist/public); tests build it elsewhere. */
  publicDir?: string;
  /** Request, rate-limit and (via the executor) Cypher metrics; main.ts builds one per process. */
  metrics?: Metrics;
  /** Serve GET /metrics on this server's port (when METRICS_PORT is not set); absent: not served here. */
  metricsEndpoint?: { requireKey: boolean };
  /** A span per operation; absent when OTEL_EXPORTER_OTLP_ENDPOINT is not set. */
  tracing?: Tracing;
}

/** Limits and browser policy; main.ts passes config.http. Omitted parts take safe defaults (no rate limit). */
export interface HttpOptions {
  limits?: Partial<QueryLimits>;
  maxBodyBytes?: number;
  /** Off when absent. */
  rateLimit?: RateLimitOptions;
  /** A budget store built outside (the Redis-shared one); takes precedence over `rateLimit`. */
  rateLimiter?: BudgetLimiter;
  /** The client a query's cost is charged to instead of its IP; default: the verified API key's id. */
  rateLimitIdentity?: (context: unknown) => string | undefined;
  trustProxy?: boolean;
  /** Origins allowed to call from browser pages on other origins (`*` for any); none by default. */
  corsOrigins?: readonly string[];
  /**
   * The bounded queue queries costing `minCost` or more pass (mutations too when listed in `operations`); omitted
   * parts take DEFAULT_ADMISSION, cost 1, queries only.
   */
  admission?: Partial<AdmissionOptions & { minCost: number; operations: readonly ('query' | 'mutation')[] }>;
}

export function createServer(deps: ServerDeps) {
  const { executor, logger, http = {}, auth, publicDir, metrics, metricsEndpoint, tracing } = deps;
  const graphqlEndpoint = '/graphql';
  const ownLimiter = http.rateLimiter ?? (http.rateLimit ? new RateLimiter(http.rateLimit) : undefined);
  const rateLimiter = ownLimiter && metrics ? countRefusals(ownLimiter, metrics) : ownLimiter;
  const corsOrigins = http.corsOrigins ?? [];
  const { minCost = 1, operations, ...admission } = http.admission ?? {};
  const gate = new AdmissionGate({ ...DEFAULT_ADMISSION, ...admission });
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
      ...(metrics ? [useRequestMetrics(metrics, graphqlEndpoint)] : []),
      ...(metrics && metricsEndpoint
        ? [useMetricsEndpoint({ metrics, keys: new ApiKeyStore(executor), ...metricsEndpoint })]
        : []),
      useExplorer(publicDir),
      useRequestContext({ graphqlEndpoint, trustProxy: http.trustProxy ?? false, rateLimiter }),
      useExports(() => yoga),
      useChangesFeed(() => yoga),
      useMcp(() => yoga, {
        auth,
        limits: { ...DEFAULT_QUERY_LIMITS, ...http.limits },
        rateLimiter,
        trustProxy: http.trustProxy ?? false,
        corsOrigins,
        maxBodyBytes: http.maxBodyBytes ?? 100_000,
      }),
      useCsrfPrevention(corsOrigins),
      ...(tracing ? [tracing.plugin()] : []),
      useErrorCodes(),
      useOperationAuth(),
      useQueryLimits({
        limits: { ...DEFAULT_QUERY_LIMITS, ...http.limits },
        rateLimiter,
        // A verified API key (settled by useOperationAuth just before) pays from its own budget.
        identify: http.rateLimitIdentity ?? ((ctx) => (ctx as Partial<Context>).auth?.known?.keyId),
      }),
      useAdmission({
        gate,
        minCost,
        operations,
        onRefuse: (reason) => logger.debug({ reason, ...gateState(gate) }, 'operation refused: overloaded'),
      }),
      useReadinessCheck({
        endpoint: '/readyz',
        check: async ({ fetchAPI }) => {
          const ping = await executor.ping();
          // A shared rate limit that fell back to this instance's buckets is reported, not a reason to stop serving.
          const limit = http.rateLimiter?.status();
          const details = limit ? { rateLimit: limit } : {};
          const body = ping.ok
            ? { status: 'ready', ...details }
            : { status: 'unavailable', reason: `neo4j: ${ping.reason}`, ...details };
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

const gateState = (gate: AdmissionGate) => ({ running: gate.active, waiting: gate.waiting });
