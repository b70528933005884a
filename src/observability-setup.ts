// What a running instance needs to be watched and to share its limits, built from the config in one place:
// metrics (always), traces (only with OTEL_EXPORTER_OTLP_ENDPOINT), the Redis-shared rate limit (with REDIS_URL),
// and the METRICS_PORT listener. startup.ts builds it; main.ts starts the listener and closes it on shutdown.
import type { Config } from './config.js';
import type { Executor } from './db/executor.js';
import { startMetricsServer, type MetricsServer } from './http/metrics.js';
import { SharedRateLimiter } from './request/shared-rate-limit.js';
import type { Logger } from './logger.js';
import { Metrics } from './observability/metrics.js';
import { Tracing } from './observability/tracing.js';

export interface Observability {
  metrics: Metrics;
  tracing?: Tracing;
  /** The shared limiter when REDIS_URL is set (and rate limiting is on). */
  rateLimiter?: SharedRateLimiter;
  /** createServer's part: /metrics on the public port only when METRICS_PORT is not set. */
  server: { metrics: Metrics; tracing?: Tracing; metricsEndpoint?: { requireKey: boolean } };
  /** Runs a seed load, counting its result. */
  seed<T extends { ms: number; entities: Record<string, number> }>(load: () => Promise<T>): Promise<T>;
  /** Starts the METRICS_PORT listener, if configured. */
  listen(): Promise<MetricsServer | undefined>;
  close(): Promise<void>;
}

export function startObservability(config: Config, logger: Logger, executor: Executor): Observability {
  const metrics = new Metrics();
  executor.observe(metrics.executorObserver());
  const tracing = config.tracing ? new Tracing(config.tracing) : undefined;
  if (tracing) {
    executor.observe(tracing.executorObserver(config.neo4j.database));
    logger.info({ endpoint: config.tracing?.endpoint }, 'exporting traces over OTLP/HTTP');
  }
  const rateLimit = config.http.rateLimit;
  const rateLimiter =
    config.redisUrl && rateLimit
      ? new SharedRateLimiter({ ...rateLimit, redisUrl: config.redisUrl, logger })
      : undefined;
  let listener: MetricsServer | undefined;
  return {
    metrics,
    tracing,
    rateLimiter,
    server: {
      metrics,
      tracing,
      metricsEndpoint:
        config.metrics.port === undefined ? { requireKey: config.metrics.requireKey } : undefined,
    },
    async seed(load) {
      try {
        const summary = await load();
        metrics.seedLoaded(summary);
        return summary;
      } catch (err) {
        metrics.seedFailed();
        throw err;
      }
    },
    async listen() {
      if (config.metrics.port === undefined) return undefined;
      listener = await startMetricsServer(metrics, config.metrics.port, config.host);
      logger.info({ port: listener.port }, 'serving /metrics on its own port');
      return listener;
    },
    async close() {
      await Promise.allSettled([listener?.close(), tracing?.shutdown(), rateLimiter?.close()]);
    },
  };
}
