// The bounded admission queue (src/request/admission.ts), without a database: slots, waiting, refusals, abandonment.
import { describe, expect, it } from 'vitest';
import os from 'node:os';
import {
  AdmissionGate,
  admissionSlotsFor,
  DEFAULT_ADMISSION,
  type Admission,
} from '../../src/request/admission.js';

const granted = (a: Admission) => {
  if (!a.ok) throw new Error(`refused: ${a.reason}`);
  return a;
};

describe('AdmissionGate', () => {
  it('admits up to maxConcurrent at once, queues up to maxQueued, refuses the next at once', async () => {
    const gate = new AdmissionGate({ maxConcurrent: 2, maxQueued: 1, maxWaitMs: 60_000 });
    const a = granted(await gate.acquire());
    const b = granted(await gate.acquire());
    const queued = gate.acquire();
    expect(queued).toBeInstanceOf(Promise);
    expect(gate.acquire()).toEqual({ ok: false, reason: 'queue-full' });
    expect([gate.active, gate.waiting]).toEqual([2, 1]);
    a.release();
    const c = granted(await queued);
    expect([gate.active, gate.waiting]).toEqual([2, 0]);
    // Releasing twice frees one slot only.
    b.release();
    b.release();
    c.release();
    expect(gate.active).toBe(0);
  });

  it('serves the queue in arrival order', async () => {
    const gate = new AdmissionGate({ maxConcurrent: 1, maxQueued: 3, maxWaitMs: 60_000 });
    const first = granted(await gate.acquire());
    const order: number[] = [];
    const waiting = [1, 2, 3].map(async (n) => {
      const a = granted(await gate.acquire());
      order.push(n);
      a.release();
    });
    first.release();
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
  });

  it('gives up on a wait over maxWaitMs, and a waiter whose client left leaves the queue', async () => {
    const gate = new AdmissionGate({ maxConcurrent: 1, maxQueued: 2, maxWaitMs: 50 });
    const held = granted(await gate.acquire());
    const controller = new AbortController();
    const leaving = gate.acquire(controller.signal);
    const waiting = gate.acquire();
    controller.abort();
    expect(await leaving).toEqual({ ok: false, reason: 'aborted' });
    expect(gate.waiting).toBe(1);
    expect(await waiting).toEqual({ ok: false, reason: 'waited-too-long' });
    expect(gate.waiting).toBe(0);
    // An aborted request asks for nothing.
    expect(gate.acquire(controller.signal)).toEqual({ ok: false, reason: 'aborted' });
    held.release();
    expect(gate.active).toBe(0);
  });

  it('with no queue, refuses as soon as every slot is taken', async () => {
    const gate = new AdmissionGate({ maxConcurrent: 1, maxQueued: 0, maxWaitMs: 1_000 });
    granted(await gate.acquire());
    expect(gate.acquire()).toEqual({ ok: false, reason: 'queue-full' });
  });
});

describe('the default slots', () => {
  it('are two per core of this machine, never fewer than 2', () => {
    expect([1, 2, 8].map(admissionSlotsFor)).toEqual([2, 4, 16]);
    expect(admissionSlotsFor(0)).toBe(2);
    expect(DEFAULT_ADMISSION.maxConcurrent).toBe(Math.max(2, 2 * os.availableParallelism()));
  });
});
