// Progress reporting for long work (provisioning, seeding): one callback shape, several renderers.
import type { Logger } from './logger.js';

export interface ProgressEvent {
  phase: string;
  message: string;
  done?: number;
  total?: number;
}
export type Progress = (event: ProgressEvent) => void;

export const silentProgress: Progress = () => {};

/** Human-readable progress on stderr, for command-line tools. */
export const stderrProgress: Progress = (e) => {
  const count =
    e.total !== undefined ? ` (${e.done ?? 0}/${e.total})` : e.done !== undefined ? ` (${e.done})` : '';
  process.stderr.write(`[${e.phase}] ${e.message}${count}\n`);
};

/** Progress as structured log lines, for the server. */
export function logProgress(logger: Logger): Progress {
  return (e) => logger.info({ phase: e.phase, done: e.done, total: e.total }, e.message);
}
