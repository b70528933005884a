// Structured logging: JSON lines on stdout via pino; quiet by default (lifecycle events only, requests at debug).
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'chipgraph'): Logger {
  return pino({ name, level, base: { name }, timestamp: pino.stdTimeFunctions.isoTime });
}
