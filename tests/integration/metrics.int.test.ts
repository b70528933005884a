// GET /metrics: after a few queries, the Prometheus text has the series of docs/operations.md (requests by operation
// and code, latency, Cypher statements, sessions, refusals, seed loads, process memory), and it is exposed by
// the one rule documented: its own port when METRICS_PORT is set, else the public port behind an admin key.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startMetricsServer } from '../../src/http/metrics.js';
import { createLogger } from '../../src/logger.js';
import { Metrics } from '../../src/observability/metrics.js';
import { startObservability, type Observability } from '../../src/observability-setup.js';
import { runSeed } from '../../src/db/seed/run.js';
import { createServer } from '../../src/server.js';
import { FIXTURES, testDriver, testExecutor } from '../helpers/db.js';
import { createKey, resetGraph } from '../helpers/curation.js';

const driver = testDriver();
const executor = testExecutor(driver);
const logger = createLogger('silent');
let observability: Observability;
let yoga: ReturnType<typeof createServer>;
let admin: string;
let editor: string;

beforeAll(async () => {
  await resetGraph(executor, [path.join(FIXTURES, 'seed-min')]);
  [admin, editor] = await Promise.all([createKey(executor, 'admin'), createKey(executor, 'editor')]);
  // As main.ts builds it: no METRICS_PORT, so /metrics is on the public port behind an admin key.
  const config = loadConfig({ RATE_LIMIT_POINTS: '20', QUERY_MAX_COST: '20' });
  observability = startObservability(config, logger, executor);
  await observability.seed(() => runSeed(executor, [path.join(FIXTURES, 'seed-min')]));
  yoga = createServer({ executor, logger, http: config.http, ...observability.server });
});
afterAll(async () => {
  await observability.close();
  await driver.close();
});

const post = (body: object, headers: Record<string, string> = {}) =>
  yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const scrape = (key?: string) =>
  yoga.fetch('http://test/metrics', key ? { headers: { authorization: `Bearer ${key}` } } : {});

/** Prometheus text format: `name{labels} value` lines into name -> [{labels, value}]. */
function parse(text: string): Map<string, { labels: Record<string, string>; value: number }[]> {
  const series = new Map<string, { labels: Record<string, string>; value: number }[]>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    expect(m, `not a sample line: ${line}`).not.toBeNull();
    const labels = Object.fromEntries(
      [...(m![2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]),
    );
    const list = series.get(m![1]!) ?? [];
    list.push({ labels, value: Number(m![3]) });
    series.set(m![1]!, list);
  }
  return series;
}

const value = (s: ReturnType<typeof parse>, name: string, labels: Record<string, string> = {}) =>
  s.get(name)?.find((x) => Object.entries(labels).every(([k, v]) => x.labels[k] === v))?.value;

describe('/metrics', () => {
  it('counts requests by operation and outcome, Cypher statements, refusals, seed loads and memory', async () => {
    expect((await post({ query: 'query ChipName { chip(id: "nvidia-h100") { name } }' })).status).toBe(200);
    await post({ query: 'query ChipName { chip(id: "nvidia-h100") { name } }' });
    await post({ query: 'query Missing { chip(id: "no-such-chip") { name } }' });
    await post({ query: '{ chip(id: "nvidia-h100") { vendor { name } } }' });
    // A document that does not parse has no operation name to trust.
    await post({ query: 'query Broken { chip(' });
    // Over the budget of 20 points (one IP): refused with 429 on arrival, before the body (and so the operation's
    // name) is read: counted as an anonymous RATE_LIMITED request.
    let refused = 0;
    for (let i = 0; i < 20 && refused === 0; i++) {
      if ((await post({ query: 'query Spend { chip(id: "nvidia-h100") { name } }' })).status === 429)
        refused++;
    }
    expect(refused).toBe(1);

    const res = await scrape(admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const s = parse(await res.text());
    expect(value(s, 'chipgraph_graphql_requests_total', { operation: 'ChipName', code: 'OK' })).toBe(2);
    expect(value(s, 'chipgraph_graphql_requests_total', { operation: 'Missing', code: 'NOT_FOUND' })).toBe(1);
    expect(value(s, 'chipgraph_graphql_requests_total', { operation: 'anonymous', code: 'OK' })).toBe(1);
    expect(
      value(s, 'chipgraph_graphql_requests_total', { operation: 'anonymous', code: 'GRAPHQL_PARSE_FAILED' }),
    ).toBe(1);
    expect(
      value(s, 'chipgraph_graphql_requests_total', { operation: 'anonymous', code: 'RATE_LIMITED' }),
    ).toBe(1);
    expect(value(s, 'chipgraph_graphql_request_duration_seconds_count', { operation: 'ChipName' })).toBe(2);
    expect(
      value(s, 'chipgraph_graphql_request_duration_seconds_bucket', { operation: 'ChipName', le: '+Inf' }),
    ).toBe(2);
    expect(
      value(s, 'chipgraph_cypher_statements_total', { mode: 'READ', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(5);
    expect(value(s, 'chipgraph_cypher_statements_total', { mode: 'WRITE', outcome: 'ok' })).toBeGreaterThan(
      0,
    );
    expect(
      value(s, 'chipgraph_cypher_statement_duration_seconds_count', { mode: 'READ' }),
    ).toBeGreaterThanOrEqual(5);
    expect(value(s, 'chipgraph_neo4j_sessions_in_use')).toBe(0);
    expect(value(s, 'chipgraph_neo4j_pool_max_connections')).toBe(50);
    expect(value(s, 'chipgraph_rate_limit_refusals_total', { client: 'ip', store: 'local' })).toBe(1);
    expect(value(s, 'chipgraph_rate_limit_local_fallback')).toBe(0);
    expect(value(s, 'chipgraph_overload_refusals_total')).toBe(0);
    expect(value(s, 'chipgraph_seed_loads_total', { result: 'ok' })).toBe(1);
    expect(value(s, 'chipgraph_seed_loads_total', { result: 'failed' })).toBe(0);
    expect(value(s, 'chipgraph_seed_last_load_entities')).toBeGreaterThan(0);
    expect(value(s, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(value(s, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('on the public port needs an admin key', async () => {
    const anonymous = await scrape();
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await scrape(editor)).status).toBe(403);
    expect((await scrape('not-a-key')).status).toBe(401);
    const open = createServer({
      executor,
      logger,
      metrics: new Metrics({ defaults: false }),
      metricsEndpoint: { requireKey: false },
    });
    expect((await open.fetch('http://test/metrics')).status).toBe(200);
  });

  it('with METRICS_PORT, is served on that port only, without a key', async () => {
    const config = loadConfig({ METRICS_PORT: '9464' });
    expect(config.metrics).toEqual({ port: 9464, requireKey: true });
    const obs = startObservability(config, logger, testExecutor(driver));
    expect(obs.server.metricsEndpoint).toBeUndefined();
    const publicPort = createServer({ executor, logger, ...obs.server });
    expect((await publicPort.fetch('http://test/metrics')).status).toBe(404);

    const metrics = new Metrics({ defaults: false });
    const listener = await startMetricsServer(metrics, 0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${listener.port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('chipgraph_graphql_requests_total');
      expect((await fetch(`http://127.0.0.1:${listener.port}/graphql`)).status).toBe(404);
    } finally {
      await listener.close();
      await obs.close();
    }
  });

  it('refuses METRICS_PORT equal to PORT', () => {
    expect(() => loadConfig({ PORT: '4000', METRICS_PORT: '4000' })).toThrow(/METRICS_PORT=4000/);
  });
});
