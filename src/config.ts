// Configuration: the environment parsed once by a zod schema. The only module that reads process.env.
import path from 'node:path';
import { z } from 'zod';

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
  SEED_ON_START: boolFromEnv.default(true),
  SEED_DIR: z.string().default('seed'),
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
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
  return toConfig(parsed.data, cwd);
}
