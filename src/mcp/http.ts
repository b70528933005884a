// Streamable HTTP at `/mcp` on the running server, stateless: every POST gets its own MCP server and transport,
// whose tools ask the same Yoga instance in-process with the caller's headers (API key, client address), so auth,
// limits and the rate limit are the API's. When reads need a key, `/mcp` refuses a request without a valid one.
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { printSchema, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AuthSettings } from '../auth/request-auth.js';
import type { QueryLimits } from '../graphql/plugins/limits.js';
import { exampleOperations } from '../graphql/schema.js';
import { isAllowedOrigin } from '../http/cors.js';
import type { BudgetLimiter } from '../request/rate-limit.js';
import { clientIp, rateLimitedResponse, requestIdFrom } from '../request/request-context.js';
import { FORWARDED_HEADERS, yogaRunner, type YogaLike } from './graphql-runner.js';
import { createMcpServer } from './server.js';
import { packageVersion } from './version.js';

export const MCP_PATH = '/mcp';

export interface McpHttpOptions {
  auth?: AuthSettings;
  limits: QueryLimits;
  rateLimiter?: BudgetLimiter;
  trustProxy: boolean;
  corsOrigins: readonly string[];
  maxBodyBytes: number;
}

/** A JSON-RPC error answer outside any MCP exchange (the request never reached the protocol). */
function rpcError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body = { jsonrpc: '2.0', id: null, error: { code: -32000, message, data: { code } } };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export function useMcp(getYoga: () => YogaLike, options: McpHttpOptions): Plugin {
  let sdl: string | undefined;
  let schema: GraphQLSchema | undefined;
  const version = packageVersion();
  return {
    onSchemaChange({ schema: s }) {
      schema = s as GraphQLSchema;
      sdl = undefined;
    },
    async onRequest(payload) {
      const { request, url, fetchAPI } = payload;
      if (url.pathname !== MCP_PATH) return;
      if (request.method !== 'POST') {
        // Stateless: no server-initiated stream to GET, no session to DELETE.
        payload.endResponse(
          rpcError(405, 'METHOD_NOT_ALLOWED', 'The MCP endpoint answers POST (stateless Streamable HTTP).', {
            allow: 'POST',
          }),
        );
        return;
      }
      const origin = request.headers.get('origin');
      if (origin && origin !== url.origin && !isAllowedOrigin(options.corsOrigins, origin)) {
        payload.endResponse(
          rpcError(403, 'FORBIDDEN', `Origin ${origin} may not call the MCP endpoint (CORS_ORIGINS).`),
        );
        return;
      }
      const context = payload.serverContext as { req?: unknown } | undefined;
      const serverContext = context?.req ? { req: context.req } : undefined;
      if (options.rateLimiter) {
        // As at /graphql: one point per request from the IP's budget before the body is read.
        const spent = await options.rateLimiter.spend(
          `ip:${clientIp(request, serverContext, options.trustProxy)}`,
          1,
        );
        if (!spent.ok) {
          const id = requestIdFrom(request.headers.get('x-request-id'));
          payload.endResponse(rateLimitedResponse(fetchAPI, id, spent.retryAfterS));
          return;
        }
      }
      const headers: Record<string, string> = {};
      for (const name of FORWARDED_HEADERS) {
        const v = request.headers.get(name);
        if (v) headers[name] = v;
      }
      const run = yogaRunner(getYoga, { headers, serverContext });
      if (options.auth?.readsRequireKey || headers.authorization) {
        // The API's own gate decides: no key (when reads need one), or an unknown, revoked or malformed key.
        const probe = await run({ query: 'query McpAuth { __typename }' });
        const refused = probe.errors?.find((e) => e.extensions?.code === 'UNAUTHENTICATED');
        if (refused) {
          payload.endResponse(
            rpcError(401, 'UNAUTHENTICATED', refused.message, {
              'www-authenticate': 'Bearer realm="chipgraph"',
            }),
          );
          return;
        }
      }
      const server = createMcpServer({
        run,
        limits: options.limits,
        sdl: () => {
          if (!schema) return Promise.reject(new Error('the schema is not known yet'));
          sdl ??= printSchema(schema);
          return Promise.resolve(sdl);
        },
        examples: () => exampleOperations(),
        version,
      });
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
        maxRequestBodySize: options.maxBodyBytes,
      });
      try {
        await server.connect(transport);
        payload.endResponse(await transport.handleRequest(request));
      } finally {
        await server.close();
      }
    },
  };
}
