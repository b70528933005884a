// Every way the server process ends leaves one structured line saying why (at `fatal`/`warn`, so LOG_LEVEL=warn
// still shows it): an uncaught exception, an unhandled rejection, a signal, the local Neo4j's exit, and any exit
// code; plus a warning while the V8 heap is near its limit (a crash for lack of memory is announced, not silent).
import v8 from 'node:v8';
import type { Logger } from './logger.js';

function memory() {
  const heap = v8.getHeapStatistics();
  const mb = (n: number) => Math.round(n / 1_048_576);
  return {
    rssMb: mb(process.memoryUsage.rss()),
    heapUsedMb: mb(heap.used_heap_size),
    heapLimitMb: mb(heap.heap_size_limit),
  };
}

/** Log, then exit non-zero: after an uncaught error the process state is unknown, so it does not go on serving. */
export function installFatalHandlers(logger: Logger): void {
  process.on('uncaughtException', (err, origin) => {
    logger.fatal({ err, origin, ...memory() }, 'uncaught exception: exiting');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason, ...memory() }, 'unhandled promise rejection: exiting');
    process.exit(1);
  });
  process.on('exit', (code) => {
    // pino writes synchronously to stdout, so this line is out before the process is gone.
    if (code === 0) logger.info({ code }, 'process exit');
    else logger.warn({ code, ...memory() }, 'process exit');
  });
}

/** Warn once each time the heap crosses `warnRatio` of its limit (checked every `everyMs`), and when it recovers. */
export function watchHeap(logger: Logger, warnRatio = 0.85, everyMs = 5_000): () => void {
  let warned = false;
  const timer = setInterval(() => {
    const heap = v8.getHeapStatistics();
    const ratio = heap.used_heap_size / heap.heap_size_limit;
    if (!warned && ratio >= warnRatio) {
      warned = true;
      logger.warn({ ratio: Number(ratio.toFixed(2)), ...memory() }, 'heap near its limit');
    } else if (warned && ratio < warnRatio - 0.1) {
      warned = false;
      logger.warn({ ratio: Number(ratio.toFixed(2)), ...memory() }, 'heap back below its limit');
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Watch the local Neo4j JVM (npm start without NEO4J_URI): when its process is gone, say so; when this process had
 * started it, exit non-zero too (nothing left to serve from, and a supervisor restarting us restarts it).
 */
export function watchNeo4jProcess(
  logger: Logger,
  neo4j: { pid: number; startedHere: boolean },
  onGone: () => void,
  everyMs = 2_000,
): () => void {
  const timer = setInterval(() => {
    try {
      process.kill(neo4j.pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') return;
      clearInterval(timer);
      const level = neo4j.startedHere ? 'fatal' : 'error';
      logger[level]({ pid: neo4j.pid, startedHere: neo4j.startedHere }, 'the local Neo4j process exited');
      onGone();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
