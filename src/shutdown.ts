// Graceful shutdown of the HTTP server (main.ts on a signal; the shutdown test calls this same function): stop
// accepting, close idle keep-alive sockets, let in-flight requests finish, then close what served them in order.
import type { Server } from 'node:http';
import type { Logger } from './logger.js';

/** Connections still open this long after shutdown began are cut (a slow client must not hold the process). */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface ShutdownOptions {
  http: Server;
  logger: Logger;
  /** What asked for it (the signal), for the log. */
  signal: string;
  /** Closed one after the other once the last request has finished: observability, the driver, the database. */
  close: readonly (() => Promise<void>)[];
  graceMs?: number;
}

/** Resolves once everything is closed; the caller decides how the process ends. */
export function shutDown(options: ShutdownOptions): Promise<void> {
  const { http, logger, signal, close, graceMs = SHUTDOWN_GRACE_MS } = options;
  // At warn: the reason this process ends is shown at every LOG_LEVEL above silent.
  logger.warn({ signal }, 'shutting down: no new connections, finishing in-flight requests');
  return new Promise<void>((resolve, reject) => {
    const cut = setTimeout(() => http.closeAllConnections(), graceMs).unref();
    // Stop accepting; in-flight requests finish before the callback runs.
    http.close(() => {
      clearTimeout(cut);
      void (async () => {
        for (const step of close) await step();
        logger.info('stopped');
      })().then(resolve, reject);
    });
    http.closeIdleConnections();
  });
}
