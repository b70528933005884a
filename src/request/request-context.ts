// Per-request state (request id, client address, query cost) carried through one request's async work, the
// `x-request-id` response header, and the per-IP entry charge of the rate limit (taken before any parsing).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { BudgetLimiter } from './rate-limit.js';

export interface CostReport {
  /** Estimated cost of this query (see query-analysis.ts). */
  requested: number;
  /** The most one query may cost. */
  limit: number;
  /** Points left in this client's rate-limit budget after this query (only when rate limiting is on). */
  remaining?: number;
}

export interface RequestState {
  id: string;
  /** The client's address: the socket peer, or the last X-Forwarded-For hop behind a trusted proxy. */
  ip: string;
  cost?: CostReport;
  /** The OpenTelemetry trace this request's operation is recorded in, when tracing is on (logged with the id). */
  traceId?: string;
}

const storage = new AsyncLocalStorage<RequestState>();

/** The state of the request being handled, if any (undefined outside a request, e.g. in start-up code). */
export function currentRequest(): RequestState | undefined {
  return storage.getStore();
}

// Accept a caller's id (a proxy's or a client's trace id) only if it cannot smuggle anything into logs/headers.
const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | null): string {
  return header && WELL_FORMED_ID.test(header) ? header : randomUUID();
}

interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

export function clientIp(request: Request, serverContext: unknown, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = request.headers
      .get('x-forwarded-for')
      ?.split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const last = hops?.at(-1);
    if (last) return last;
  }
  return (serverContext as NodeServerContext | undefined)?.req?.socket?.remoteAddress ?? 'unknown';
}

export interface RequestContextOptions {
  graphqlEndpoint: string;
  trustProxy: boolean;
  rateLimiter?: BudgetLimiter;
}

export function rateLimitedResponse(
  fetchAPI: { Response: typeof Response },
  id: string,
  retryAfterS: number,
): Response {
  const body = {
    errors: [
      {
        message: `Rate limit exceeded: try again in ${retryAfterS} s.`,
        extensions: { code: 'RATE_LIMITED', retryAfter: retryAfterS, requestId: id },
      },
    ],
  };
  return new fetchAPI.Response(JSON.stringify(body), {
    status: 429,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(retryAfterS),
      'x-request-id': id,
    },
  });
}

export function useRequestContext(options: RequestContextOptions): Plugin {
  return {
    async onRequest(payload) {
      const { request, url, serverContext, fetchAPI } = payload;
      const state: RequestState = {
        id: requestIdFrom(request.headers.get('x-request-id')),
        ip: clientIp(request, serverContext, options.trustProxy),
      };
      if (options.rateLimiter && url.pathname === options.graphqlEndpoint && request.method !== 'OPTIONS') {
        // One point per request from the IP's budget before the body is even read: floods of garbage pay too.
        const spent = await options.rateLimiter.spend(`ip:${state.ip}`, 1);
        if (!spent.ok) {
          payload.endResponse(rateLimitedResponse(fetchAPI, state.id, spent.retryAfterS));
          return;
        }
      }
      const handle = payload.requestHandler;
      payload.setRequestHandler(async (req, ctx) => {
        const response = await storage.run(state, () => handle(req, ctx));
        try {
          response.headers.set('x-request-id', state.id);
          return response;
        } catch {
          // Immutable headers (a Response from fetch, say): copy it with the header added.
          const copy = new Response(response.body, response);
          copy.headers.set('x-request-id', state.id);
          return copy;
        }
      });
    },
  };
}
