// Configuration: the environment parsed once by a zod schema. The only module that reads process.env.
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_QUERY_LIMITS } from './graphql/plugins/limits.js';
import { DEFAULT_ADMISSION } from './request/admission.js';

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const memorySize = z
  .string()
  .regex(/^\d+[kmg]$/i, { message: 'expected a size such as 512m or 1g' })
  .transform((v) => v.toLowerCase());

export const EnvInput = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, {
      message: 'expected a bolt:// or neo4j:// URI (optionally +s / +ssc)',
    })
    .optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().default('neo4j'),
  /** Where the local Neo4j (jars, conf, data) lives when neither NEO4J_URI nor Docker is available. */
  NEO4J_HOME: z.string().default('.neo4j'),
  NEO4J_BOLT_PORT: z.coerce.number().int().min(0).max(65535).default(7687),
  NEO4J_HEAP: memorySize.default('1g'),
  NEO4J_PAGECACHE: memorySize.default('512m'),
  /** Set to false to never try Docker/testcontainers even when an engine answers. */
  NEO4J_USE_DOCKER: boolFromEnv.default(true),
  /** A Docker engine elsewhere than the default sockets (testcontainers reads it too). */
  DOCKER_HOST: z.string().optional(),
  SEED_ON_START: boolFromEnv.default(true),
  SEED_DIR: z.string().default('seed'),
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /** Reads need an API key too (writes always do). */
  READS_REQUIRE_KEY: boolFromEnv.default(false),
  /** The API key `npm run mcp` presents to chipgraph (in-process or `--url`), for servers whose reads need one. */
  CHIPGRAPH_API_KEY: z.string().optional(),
  QUERY_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(DEFAULT_QUERY_LIMITS.maxDepth),
  QUERY_MAX_ALIASES: z.coerce.number().int().min(0).max(1_000).default(DEFAULT_QUERY_LIMITS.maxAliases),
  QUERY_MAX_TOKENS: z.coerce.number().int().min(100).max(100_000).default(DEFAULT_QUERY_LIMITS.maxTokens),
  QUERY_MAX_COST: z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_QUERY_LIMITS.maxCost),
  /** Operations estimated at this cost or more (see QUERY_MAX_COST) pass the admission queue; 1: every one. */
  ADMISSION_MIN_COST: z.coerce.number().int().min(0).max(10_000_000).default(1),
  /** Admitted operations running at once; beyond, they wait in the queue. */
  ADMISSION_MAX_CONCURRENT: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000)
    .default(DEFAULT_ADMISSION.maxConcurrent),
  /** Operations waiting at most; one more is refused at once with SERVICE_OVERLOADED (HTTP 503). */
  ADMISSION_MAX_QUEUED: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_ADMISSION.maxQueued),
  /** Longest wait in the queue before SERVICE_OVERLOADED. */
  ADMISSION_MAX_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(DEFAULT_ADMISSION.maxWaitMs),
  /** Largest request body accepted, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1_000).max(100_000_000).default(100_000),
  /** Rate-limit budget per client (API key or IP), in cost points; 0 turns rate limiting off. */
  RATE_LIMIT_POINTS: z.coerce.number().int().min(0).max(1_000_000_000).default(100_000),
  /** Time for a spent budget to refill completely. */
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Keep rate-limit budgets in this Redis, shared by every instance that uses it (unset: in each process). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, { message: 'expected a redis:// or rediss:// URL' })
    .optional(),
  /** Serve /metrics on this port only (its own listener, no key); unset: on PORT, see METRICS_REQUIRE_KEY. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Without METRICS_PORT: whether /metrics on the public port needs an admin API key. */
  METRICS_REQUIRE_KEY: boolFromEnv.default(true),
  /** OTLP/HTTP collector base URL: traces are exported there; unset, tracing is off (no SDK started). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('chipgraph'),
  /** Take the client address from the last X-Forwarded-For hop (only behind a proxy that sets it). */
  TRUST_PROXY: boolFromEnv.default(false),
  /** Comma-separated origins allowed to call the API from browser pages on other origins; `*` for any. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.union([
          z.literal('*'),
          z.url({ protocol: /^https?$/ }).regex(/^https?:\/\/[^/]+$/, 'an origin has no path'),
        ]),
        { message: 'expected comma-separated origins such as https://tool.example.org, or *' },
      ),
    ),
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof EnvInput>, cwd: string) {
  return {
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    neo4j: {
      uri: env.NEO4J_URI,
      user: env.NEO4J_USER,
      password: env.NEO4J_PASSWORD,
      database: env.NEO4J_DATABASE,
      useDocker: env.NEO4J_USE_DOCKER,
      dockerHost: env.DOCKER_HOST,
      local: {
        home: path.resolve(cwd, env.NEO4J_HOME),
        boltPort: env.NEO4J_BOLT_PORT,
        heap: env.NEO4J_HEAP,
        pageCache: env.NEO4J_PAGECACHE,
      },
    },
    seedOnStart: env.SEED_ON_START,
    seedDir: path.resolve(cwd, env.SEED_DIR),
    queryTimeoutMs: env.QUERY_TIMEOUT_MS,
    redisUrl: env.REDIS_URL,
    metrics: { port: env.METRICS_PORT, requireKey: env.METRICS_REQUIRE_KEY },
    tracing: env.OTEL_EXPORTER_OTLP_ENDPOINT
      ? { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME }
      : undefined,
    auth: { readsRequireKey: env.READS_REQUIRE_KEY },
    mcp: { apiKey: env.CHIPGRAPH_API_KEY },
    http: {
      limits: {
        maxDepth: env.QUERY_MAX_DEPTH,
        maxAliases: env.QUERY_MAX_ALIASES,
        maxTokens: env.QUERY_MAX_TOKENS,
        maxCost: env.QUERY_MAX_COST,
      },
      maxBodyBytes: env.MAX_BODY_BYTES,
      admission: {
        minCost: env.ADMISSION_MIN_COST,
        maxConcurrent: env.ADMISSION_MAX_CONCURRENT,
        maxQueued: env.ADMISSION_MAX_QUEUED,
        maxWaitMs: env.ADMISSION_MAX_WAIT_MS,
      },
      rateLimit:
        env.RATE_LIMIT_POINTS > 0
          ? { points: env.RATE_LIMIT_POINTS, windowMs: env.RATE_LIMIT_WINDOW_S * 1000 }
          : undefined,
      trustProxy: env.TRUST_PROXY,
      corsOrigins: env.CORS_ORIGINS,
    },
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse the environment; throws ConfigError naming every bad variable and what is allowed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // Empty strings mean "unset" (a common shell habit: FOO= npm start).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvInput.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.')}=${JSON.stringify(cleaned[String(i.path[0])] ?? '')}: ${i.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const { RATE_LIMIT_POINTS: points, QUERY_MAX_COST: maxCost } = parsed.data;
  if (points > 0 && points < maxCost) {
    throw new ConfigError(
      `Invalid configuration:\n  RATE_LIMIT_POINTS=${points}: expected 0 (off) or at least QUERY_MAX_COST (${maxCost}), ` +
        'so that every query under the cost limit can be paid for',
    );
  }
  if (parsed.data.METRICS_PORT !== undefined && parsed.data.METRICS_PORT === parsed.data.PORT) {
    throw new ConfigError(
      `Invalid configuration:\n  METRICS_PORT=${parsed.data.METRICS_PORT}: expected a port other than PORT (metrics stay off the public port)`,
    );
  }
  return toConfig(parsed.data, cwd);
}
