// The rate limit shared by every instance: per-client budgets in Redis (rate-limiter-flexible, atomic Lua), so N
// instances give a client one budget, not N. When Redis cannot answer, this instance spends from its own local
// buckets instead, and says so (log, /readyz, metrics): it never lets requests through uncounted.
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../logger.js';
import {
  RateLimiter,
  type BudgetLimiter,
  type RateLimitOptions,
  type RateLimitStatus,
  type Spend,
} from './rate-limit.js';

export interface SharedRateLimitOptions extends RateLimitOptions {
  redisUrl: string;
  logger: Logger;
  /** Prefix of the Redis keys (default `chipgraph:rl`): instances with the same prefix share budgets. */
  keyPrefix?: string;
  /** Longest wait for one Redis command before falling back for that request (default 500 ms). */
  commandTimeoutMs?: number;
}

const NOT_YET = 'not connected to Redis yet';

export class SharedRateLimiter implements BudgetLimiter {
  private readonly redis: Redis;
  private readonly store: RateLimiterRedis;
  private readonly local: RateLimiter;
  private readonly logger: Logger;
  /** Why the local buckets are in use; null while Redis answers. */
  private fallback: string | null = NOT_YET;
  private closing = false;

  constructor(private readonly options: SharedRateLimitOptions) {
    this.logger = options.logger;
    this.local = new RateLimiter(options);
    this.redis = new Redis(options.redisUrl, {
      // Fail a command at once while disconnected (the local buckets answer), rather than queueing it.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: 2_000,
      // Keep reconnecting (at most every 2 s), so the shared budget comes back by itself.
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.redis.on('ready', () => this.recovered());
    this.redis.on('error', (err: Error) => this.degraded(`Redis unreachable: ${describe(err)}`));
    this.redis.on('close', () => this.degraded('Redis connection closed'));
    this.store = new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: options.keyPrefix ?? 'chipgraph:rl',
      points: options.points,
      // Redis keeps a fixed window per client (rate-limiter-flexible's model): `points` per window.
      duration: Math.max(1, Math.round(options.windowMs / 1000)),
      rejectIfRedisNotReady: true,
    });
  }

  get points(): number {
    return this.options.points;
  }

  status(): RateLimitStatus {
    return this.fallback === null ? { store: 'redis' } : { store: 'local', fallback: this.fallback };
  }

  async spend(client: string, cost: number): Promise<Spend> {
    if (this.redis.status !== 'ready') {
      // Before the first connection the reason stays "not connected yet"; the connection's own error is logged.
      if (this.fallback === null) this.degraded(`Redis ${this.redis.status}`);
      return this.local.spend(client, cost);
    }
    try {
      const res = await this.store.consume(client, cost);
      this.recovered();
      return { ok: true, remaining: res.remainingPoints };
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) {
        this.degraded(`Redis failed: ${describe(err)}`);
        return this.local.spend(client, cost);
      }
      // Refused: give the points back, so that (as with the local buckets) a refusal spends nothing.
      await this.store.reward(client, cost).catch(() => {});
      return {
        ok: false,
        remaining: Math.max(0, this.options.points - (err.consumedPoints - cost)),
        retryAfterS: Math.max(1, Math.ceil(err.msBeforeNext / 1000)),
      };
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private degraded(reason: string): void {
    if (this.closing) return;
    if (this.fallback !== null && this.fallback !== NOT_YET) return;
    this.fallback = reason;
    this.logger.warn(
      { rateLimit: 'local', reason },
      "rate limit: Redis unreachable, counting budgets in this instance's memory until it answers",
    );
  }

  private recovered(): void {
    if (this.fallback === null) return;
    this.fallback = null;
    this.logger.info({ rateLimit: 'redis' }, 'rate limit: budgets shared through Redis');
  }
}

function describe(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  return typeof e?.code === 'string' ? e.code : typeof e?.message === 'string' ? e.message : 'error';
}
