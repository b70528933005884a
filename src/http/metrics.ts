// Where Prometheus reads /metrics. With METRICS_PORT: a listener of its own (no key), and never the public port.
// Without it: /metrics on the public port, for `admin` API keys only unless METRICS_REQUIRE_KEY=false.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Plugin } from 'graphql-yoga';
import type { ApiKeyStore } from '../auth/api-keys.js';
import { RequestAuth } from '../auth/request-auth.js';
import { ChipgraphError } from '../errors.js';
import type { Metrics } from '../observability/metrics.js';

export const METRICS_PATH = '/metrics';

export interface MetricsEndpointOptions {
  metrics: Metrics;
  /** Whether a scrape needs `Authorization: Bearer <admin key>`. */
  requireKey: boolean;
  keys: ApiKeyStore;
}

function refusal(fetchAPI: { Response: typeof Response }, status: number, code: string, message: string) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** /metrics on the public port (when METRICS_PORT is not set). */
export function useMetricsEndpoint({ metrics, requireKey, keys }: MetricsEndpointOptions): Plugin {
  return {
    async onRequest(payload) {
      const { request, url, fetchAPI } = payload;
      const endResponse = (response: Response) => payload.endResponse(response);
      if (url.pathname !== METRICS_PATH) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(refusal(fetchAPI, 405, 'METHOD_NOT_ALLOWED', 'Use GET /metrics.'));
        return;
      }
      if (requireKey) {
        const auth = new RequestAuth(keys, request.headers.get('authorization'));
        const principal = await auth.principal().catch((err: unknown) => err);
        if (principal === null || principal instanceof Error) {
          const unavailable = principal instanceof ChipgraphError && principal.code === 'SERVICE_UNAVAILABLE';
          endResponse(
            unavailable
              ? refusal(fetchAPI, 503, 'SERVICE_UNAVAILABLE', 'The graph database is unavailable.')
              : refusal(
                  fetchAPI,
                  401,
                  'UNAUTHENTICATED',
                  'Metrics need an admin key: "Authorization: Bearer <key>".',
                ),
          );
          return;
        }
        if ((principal as { role?: string }).role !== 'admin') {
          endResponse(refusal(fetchAPI, 403, 'FORBIDDEN', 'Metrics need a key with the admin role.'));
          return;
        }
      }
      endResponse(
        new fetchAPI.Response(await metrics.text(), { headers: { 'content-type': metrics.contentType } }),
      );
    },
  };
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** The METRICS_PORT listener: /metrics and nothing else. */
export async function startMetricsServer(
  metrics: Metrics,
  port: number,
  host: string,
): Promise<MetricsServer> {
  const server: Server = createHttpServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: this port serves GET /metrics\n');
      return;
    }
    metrics.text().then(
      (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
