// In-memory token buckets, one per client (API key or IP): points refill continuously; a request spends its cost.
export interface RateLimitOptions {
  /** Bucket size: the most points a client can spend at once, and what it refills to over one window. */
  points: number;
  /** Time for an empty bucket to refill completely. */
  windowMs: number;
  /** Buckets kept at most; the least recently used go first (their clients start again with a full bucket). */
  maxClients?: number;
  now?: () => number;
}

export type Spend = { ok: true; remaining: number } | { ok: false; remaining: number; retryAfterS: number };

/** Where budgets live: this process (`local`), or Redis shared by every instance (see shared-rate-limit.ts). */
export type RateLimitStatus = { store: 'local' } | { store: 'redis' } | { store: 'local'; fallback: string };

/** A per-client budget: this file's in-memory buckets, or the shared one in Redis. */
export interface BudgetLimiter {
  readonly points: number;
  /** Spend `cost` points from the client's budget if it holds that many; otherwise spend nothing. */
  spend(client: string, cost: number): Spend | Promise<Spend>;
  status(): RateLimitStatus;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter implements BudgetLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(readonly options: RateLimitOptions) {
    this.perMs = options.points / options.windowMs;
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get points(): number {
    return this.options.points;
  }

  /** Spend `cost` points from the client's bucket if it holds that many; otherwise spend nothing. */
  spend(client: string, cost: number): Spend {
    const bucket = this.bucket(client);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { ok: true, remaining: Math.floor(bucket.tokens) };
    }
    // A cost above the bucket size can never be paid; say when the bucket is full again.
    const missing = Math.min(cost, this.options.points) - bucket.tokens;
    return {
      ok: false,
      remaining: Math.floor(bucket.tokens),
      retryAfterS: Math.max(1, Math.ceil(missing / this.perMs / 1000)),
    };
  }

  status(): RateLimitStatus {
    return { store: 'local' };
  }

  remaining(client: string): number {
    return Math.floor(this.bucket(client).tokens);
  }

  private bucket(client: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(client);
    if (bucket) {
      bucket.tokens = Math.min(this.options.points, bucket.tokens + (now - bucket.at) * this.perMs);
      bucket.at = now;
      this.buckets.delete(client); // re-inserted below: Map order is least recently used first
    } else {
      bucket = { tokens: this.options.points, at: now };
      while (this.buckets.size >= this.maxClients) {
        const oldest = this.buckets.keys().next().value;
        if (oldest === undefined) break;
        this.buckets.delete(oldest);
      }
    }
    this.buckets.set(client, bucket);
    return bucket;
  }
}
