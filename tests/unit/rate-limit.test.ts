// Token buckets: spend, refuse with the wait, refill continuously, forget the least recently used clients.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/request/rate-limit.js';

function limiter(points: number, windowMs: number, maxClients?: number) {
  const clock = { now: 0 };
  return { clock, rl: new RateLimiter({ points, windowMs, maxClients, now: () => clock.now }) };
}

describe('RateLimiter', () => {
  it('spends points until the bucket is empty, then says how long to wait for the cost', () => {
    const { rl } = limiter(10, 10_000);
    expect(rl.spend('a', 6)).toEqual({ ok: true, remaining: 4 });
    expect(rl.spend('a', 6)).toEqual({ ok: false, remaining: 4, retryAfterS: 2 });
    expect(rl.spend('a', 4)).toEqual({ ok: true, remaining: 0 });
  });

  it('refills continuously up to the bucket size', () => {
    const { rl, clock } = limiter(10, 10_000);
    rl.spend('a', 10);
    clock.now += 3_000;
    expect(rl.remaining('a')).toBe(3);
    clock.now += 60_000;
    expect(rl.remaining('a')).toBe(10);
  });

  it('keeps clients apart', () => {
    const { rl } = limiter(2, 1_000);
    rl.spend('a', 2);
    expect(rl.spend('b', 2).ok).toBe(true);
    expect(rl.spend('a', 1).ok).toBe(false);
  });

  it('never accepts a cost above the bucket size, and names the time to a full bucket', () => {
    const { rl } = limiter(10, 10_000);
    expect(rl.spend('a', 11)).toEqual({ ok: false, remaining: 10, retryAfterS: 1 });
    rl.spend('a', 10);
    expect(rl.spend('a', 50)).toMatchObject({ ok: false, retryAfterS: 10 });
  });

  it('forgets the least recently used client when full', () => {
    const { rl } = limiter(5, 1_000_000, 2);
    rl.spend('a', 5);
    rl.spend('b', 5);
    rl.spend('a', 0); // a is now the most recent
    rl.spend('c', 5); // evicts b
    expect(rl.remaining('a')).toBe(0);
    expect(rl.remaining('b')).toBe(5);
  });
});
