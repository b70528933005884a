// Feeds Metrics from the request pipeline: GraphQL requests by operation and outcome with their latency (a Yoga
// plugin), and rate-limit refusals (a wrapper around whichever budget store the server uses).
import { getOperationAST, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { BudgetLimiter, RateLimitStatus, Spend } from '../request/rate-limit.js';
import type { Metrics } from './metrics.js';

interface Pending {
  stop: (labels: { operation: string }) => void;
  graphql: boolean;
  operation?: string;
  code?: string;
}

function firstCode(result: unknown): string {
  const errors = (result as { errors?: readonly { extensions?: { code?: unknown } }[] } | null)?.errors;
  if (!errors?.length) return 'OK';
  const code = errors[0]?.extensions?.code;
  return typeof code === 'string' && code.length <= 64 ? code : 'INTERNAL_SERVER_ERROR';
}

/** A code for a response that never produced a GraphQL result (refused on arrival, say). */
function codeOfStatus(status: number): string {
  if (status === 429) return 'RATE_LIMITED';
  if (status === 413) return 'REQUEST_ENTITY_TOO_LARGE';
  if (status >= 500) return 'INTERNAL_SERVER_ERROR';
  return status >= 400 ? 'BAD_REQUEST' : 'OK';
}

/** Must come before the plugins that may end a request early (the rate limit's entry charge). */
export function useRequestMetrics(metrics: Metrics, graphqlEndpoint: string): Plugin {
  const pending = new WeakMap<Request, Pending>();
  return {
    onRequest({ request, url }) {
      if (url.pathname !== graphqlEndpoint || request.method === 'OPTIONS') return;
      pending.set(request, { stop: metrics.requestDuration.startTimer(), graphql: false });
    },
    // Reached by GraphQL requests only (GraphiQL's page and the explorer's files are not).
    onParams({ request, params }) {
      const p = pending.get(request);
      if (!p) return;
      p.graphql = true;
      p.operation = params.operationName ?? undefined;
    },
    onExecute({ args }) {
      const a = args as ExecutionArgs;
      const request = (a.contextValue as { request?: Request } | undefined)?.request;
      const p = request && pending.get(request);
      if (!p || p.operation) return;
      p.operation = getOperationAST(a.document, a.operationName ?? undefined)?.name?.value;
    },
    onResultProcess({ request, result }) {
      const p = pending.get(request);
      if (p) p.code = firstCode(Array.isArray(result) ? result[0] : result);
    },
    onResponse({ request, response }) {
      const p = pending.get(request);
      if (!p) return;
      pending.delete(request);
      if (!p.graphql && response.status !== 429) return;
      const operation = metrics.operationLabel(p.operation);
      p.stop({ operation });
      metrics.requests.inc({ operation, code: p.code ?? codeOfStatus(response.status) });
    },
  };
}

/** The same limiter, counting its refusals and exposing whether it had to fall back to local budgets. */
export function countRefusals(limiter: BudgetLimiter, metrics: Metrics): BudgetLimiter {
  metrics.watchRateLimit(() => limiter.status());
  const counted = (client: string, spent: Spend): Spend => {
    if (!spent.ok) {
      metrics.rateLimitRefusals.inc({
        client: client.startsWith('key:') ? 'key' : 'ip',
        store: limiter.status().store,
      });
    }
    return spent;
  };
  return {
    get points() {
      return limiter.points;
    },
    spend(client: string, cost: number) {
      const spent = limiter.spend(client, cost);
      return spent instanceof Promise ? spent.then((s) => counted(client, s)) : counted(client, spent);
    },
    status: (): RateLimitStatus => limiter.status(),
  };
}
