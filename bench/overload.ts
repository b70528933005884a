// Overload: concurrency 64 for a minute on the heaviest workload (highest chipgraph p50). Target of issue 11: no
// crash, no pool timeout, every request answered or refused with SERVICE_OVERLOADED (HTTP 503, counted apart
// from errors). After the window chipgraph must still answer.
import type { ChildProcess } from 'node:child_process';
import type { Input } from './inputs.js';
import { runWindow, type Window } from './load.js';
import type { Target } from './targets.js';

export interface OverloadResult {
  workload: string;
  concurrency: number;
  durationS: number;
  window: Window;
  /** chipgraph's process was gone after the window. */
  crashed: boolean;
  /** chipgraph answered the first input again after the window. */
  answersAfter: boolean;
  /** ok + overloaded === requests and no crash. */
  holds: boolean;
}

export async function overload(
  workload: string,
  target: Target,
  child: ChildProcess,
  inputs: Input[],
  seconds: number,
  concurrency = 64,
): Promise<OverloadResult> {
  let cursor = 0;
  const caller = target.caller(concurrency);
  const window = await runWindow(
    caller,
    () => inputs[cursor++ % inputs.length]!,
    concurrency,
    seconds * 1000,
  );
  caller.close();
  const crashed = child.exitCode !== null || child.signalCode !== null;
  let answersAfter = false;
  if (!crashed) {
    const c = target.caller(1);
    answersAfter = (await c.call(inputs[0]!).catch(() => 'error')) === 'ok';
    c.close();
  }
  return {
    workload,
    concurrency,
    durationS: seconds,
    window,
    crashed,
    answersAfter,
    holds: !crashed && answersAfter && window.errors === 0,
  };
}
