// A bounded admission queue: at most `maxConcurrent` holders at once and `maxQueued` waiting; anyone beyond that is
// refused at once (never left to hang, nor to wait for a driver connection until the pool's timeout).
import os from 'node:os';

export interface AdmissionOptions {
  /** Holders at once (questions running against Neo4j). */
  maxConcurrent: number;
  /** Waiting at most; one more is refused at once. 0: no waiting, refuse as soon as all slots are taken. */
  maxQueued: number;
  /** Longest wait in the queue before giving up (refused as overloaded too). */
  maxWaitMs: number;
}

/**
 * Two running questions per core of this machine (one in Neo4j, one in this process's own work: parsing, shaping,
 * writing), at least 2. The limit must bound how long an admitted question takes, not only how many run: a fixed 8
 * let eight 3-s questions share 2 cores at the bench's large scale, each then took ~12 s plus its wait and crossed
 * the query timeout. Where Neo4j runs elsewhere (NEO4J_URI) on more cores, raise ADMISSION_MAX_CONCURRENT.
 */
export const admissionSlotsFor = (cores: number): number => Math.max(2, 2 * cores);

/** A short queue and a wait well below client timeouts; slots by this machine's cores. */
export const DEFAULT_ADMISSION: AdmissionOptions = {
  maxConcurrent: admissionSlotsFor(os.availableParallelism()),
  maxQueued: 64,
  maxWaitMs: 5_000,
};

export type Admission =
  { ok: true; release: () => void } | { ok: false; reason: 'queue-full' | 'waited-too-long' | 'aborted' };

interface Waiter {
  grant: () => void;
  settle: (a: Admission) => void;
}

export class AdmissionGate {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly options: AdmissionOptions) {}

  get active(): number {
    return this.running;
  }
  get waiting(): number {
    return this.queue.length;
  }

  /** A slot now, a place in the queue, or a refusal; a waiter whose `signal` aborts leaves the queue. */
  acquire(signal?: AbortSignal): Admission | Promise<Admission> {
    if (signal?.aborted) return { ok: false, reason: 'aborted' };
    if (this.running < this.options.maxConcurrent && this.queue.length === 0) return this.grant();
    if (this.queue.length >= this.options.maxQueued) return { ok: false, reason: 'queue-full' };
    return new Promise<Admission>((resolve) => {
      const settle = (a: Admission) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(a);
      };
      const waiter: Waiter = { grant: () => settle(this.grant()), settle };
      const leave = (reason: 'waited-too-long' | 'aborted') => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        settle({ ok: false, reason });
      };
      const onAbort = () => leave('aborted');
      const timer = setTimeout(() => leave('waited-too-long'), this.options.maxWaitMs);
      timer.unref();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private grant(): Admission {
    this.running += 1;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.running -= 1;
        this.queue.shift()?.grant();
      },
    };
  }
}
