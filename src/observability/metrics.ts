// Prometheus metrics (prom-client), one registry per server built in main.ts: GraphQL requests by operation and
// outcome, Cypher statements, sessions, rate-limit and overload refusals, seed loads, and the process defaults.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ExecutorObserver } from '../db/executor.js';
import { mapDriverError } from '../db/executor.js';
import type { RateLimitStatus } from '../request/rate-limit.js';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Operation names come from clients: past this many distinct ones, new names are counted as `other`. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface MetricsOptions {
  /** Process metrics (memory, CPU, event loop, GC); default true. */
  defaults?: boolean;
  /** The driver's connection pool size, shown next to the sessions in use. */
  poolMax?: number;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();

  readonly requests = new Counter({
    name: 'chipgraph_graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome (OK, or the first error code)',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: 'chipgraph_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to its response, by operation name',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly statements = new Counter({
    name: 'chipgraph_cypher_statements_total',
    help: 'Cypher statements run, by access mode and outcome (ok, or the mapped error code)',
    labelNames: ['mode', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly statementDuration = new Histogram({
    name: 'chipgraph_cypher_statement_duration_seconds',
    help: 'Duration of Cypher statements, from run to the last record, by access mode',
    labelNames: ['mode'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly sessionsInUse = new Gauge({
    name: 'chipgraph_neo4j_sessions_in_use',
    help: 'Neo4j sessions open, each holding one pooled connection while its transaction runs',
    registers: [this.registry],
  });
  readonly poolMax = new Gauge({
    name: 'chipgraph_neo4j_pool_max_connections',
    help: 'Size of the driver connection pool (neo4j-driver exposes no count of waiting acquisitions)',
    registers: [this.registry],
  });
  readonly rateLimitRefusals = new Counter({
    name: 'chipgraph_rate_limit_refusals_total',
    help: 'Requests refused by the rate limit, by client kind (ip or key) and store (local or redis)',
    labelNames: ['client', 'store'] as const,
    registers: [this.registry],
  });
  private rateLimitStatus?: () => RateLimitStatus;
  readonly rateLimitFallback = new Gauge({
    name: 'chipgraph_rate_limit_local_fallback',
    help: '1 while the shared (Redis) rate limit is unreachable and the local one is used instead',
    registers: [this.registry],
    collect: () => {
      const status = this.rateLimitStatus?.();
      this.rateLimitFallback.set(status && 'fallback' in status ? 1 : 0);
    },
  });
  readonly overloadRefusals = new Counter({
    name: 'chipgraph_overload_refusals_total',
    help: 'Requests refused because the instance was overloaded (no load-shedding mechanism yet: stays 0)',
    registers: [this.registry],
  });
  readonly seedLoads = new Counter({
    name: 'chipgraph_seed_loads_total',
    help: 'Seed loads by result (ok, failed)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly seedLastDuration = new Gauge({
    name: 'chipgraph_seed_last_load_duration_seconds',
    help: 'Duration of the last successful seed load',
    registers: [this.registry],
  });
  readonly seedLastEntities = new Gauge({
    name: 'chipgraph_seed_last_load_entities',
    help: 'Entities in the last successful seed load',
    registers: [this.registry],
  });

  constructor(options: MetricsOptions = {}) {
    if (options.defaults ?? true) collectDefaultMetrics({ register: this.registry });
    this.poolMax.set(options.poolMax ?? 50);
    // Present from the first scrape, so dashboards and alerts see 0 rather than no series.
    this.overloadRefusals.inc(0);
    for (const result of ['ok', 'failed']) this.seedLoads.inc({ result }, 0);
  }

  /** A bounded label for a client-chosen operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_NAMES) return 'other';
    this.operations.add(name);
    return name;
  }

  /** Where the rate limit's budgets live is read at each scrape. */
  watchRateLimit(status: () => RateLimitStatus): void {
    this.rateLimitStatus = status;
  }

  seedLoaded(summary: { ms: number; entities: Record<string, number> }): void {
    this.seedLoads.inc({ result: 'ok' });
    this.seedLastDuration.set(summary.ms / 1000);
    this.seedLastEntities.set(Object.values(summary.entities).reduce((a, b) => a + b, 0));
  }

  seedFailed(): void {
    this.seedLoads.inc({ result: 'failed' });
  }

  /** Counts and times every Cypher statement of an Executor (see Executor.observe). */
  executorObserver(): ExecutorObserver {
    return {
      statement: (_cypher, mode) => {
        const stop = this.statementDuration.startTimer({ mode });
        return (error) => {
          stop();
          this.statements.inc({ mode, outcome: error === undefined ? 'ok' : errorCode(error) });
        };
      },
      sessions: (open) => this.sessionsInUse.set(open),
    };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function errorCode(error: unknown): string {
  const mapped = mapDriverError(error) as { extensions?: { code?: unknown }; code?: unknown } | null;
  const code = mapped?.extensions?.code ?? mapped?.code;
  return typeof code === 'string' && code.length <= 100 ? code : 'error';
}
