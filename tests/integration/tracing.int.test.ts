// Traces reach an OTLP/HTTP receiver (a stand-in collector in this test): one span per GraphQL operation carrying
// the request id the client got in `x-request-id`, and one child span per Cypher statement with its text but never
// its parameter values. Without OTEL_EXPORTER_OTLP_ENDPOINT nothing is built.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startObservability } from '../../src/observability-setup.js';
import type { Tracing } from '../../src/observability/tracing.js';
import { createServer } from '../../src/server.js';
import { FIXTURES, testDriver, testExecutor } from '../helpers/db.js';
import { resetGraph } from '../helpers/curation.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

const received: { path: string; contentType?: string; spans: OtlpSpan[]; service?: string }[] = [];
let collector: Server;
let endpoint: string;
const driver = testDriver();
const executor = testExecutor(driver);
let tracing: Tracing;

beforeAll(async () => {
  collector = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString());
      for (const rs of body.resourceSpans ?? []) {
        received.push({
          path: req.url ?? '',
          contentType: req.headers['content-type'],
          service: rs.resource?.attributes?.find((a: any) => a.key === 'service.name')?.value?.stringValue,
          spans: rs.scopeSpans.flatMap((s: any) => s.spans as OtlpSpan[]),
        });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  await resetGraph(executor, [path.join(FIXTURES, 'seed-min')]);
});
afterAll(async () => {
  await tracing?.shutdown();
  await driver.close();
  await new Promise<void>((resolve) => collector.close(() => resolve()));
});

const attr = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value.stringValue;

describe('OpenTelemetry traces', () => {
  it('are off, with no SDK built, when OTEL_EXPORTER_OTLP_ENDPOINT is not set', () => {
    const config = loadConfig({});
    expect(config.tracing).toBeUndefined();
    const obs = startObservability(config, createLogger('silent'), testExecutor(driver));
    expect(obs.tracing).toBeUndefined();
    expect(obs.server.tracing).toBeUndefined();
  });

  it('export a span per operation and per Cypher statement over OTLP/HTTP', async () => {
    const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'chipgraph-test' });
    const obs = startObservability(config, createLogger('silent'), executor);
    tracing = obs.tracing!;
    const yoga = createServer({ executor, logger: createLogger('silent'), ...obs.server });
    const secret = 'nvidia-h100';
    const res = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me-42' },
      body: JSON.stringify({
        query:
          'query ChipWithVendor($id: ID!) { chip(id: $id) { name vendor { name } } other: chip(id: "nvidia-h100") { name } }',
        variables: { id: secret },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-me-42');
    await tracing.flush();

    expect(received.every((r) => r.path === '/v1/traces' && r.contentType === 'application/json')).toBe(true);
    expect(received.map((r) => r.service)).toContain('chipgraph-test');
    const spans = received.flatMap((r) => r.spans);
    const operation = spans.find((s) => s.name === 'query ChipWithVendor');
    expect(operation).toBeDefined();
    expect(attr(operation!, 'chipgraph.request_id')).toBe('trace-me-42');
    expect(attr(operation!, 'graphql.operation.name')).toBe('ChipWithVendor');

    const cypher = spans.filter((s) => s.parentSpanId === operation!.spanId);
    // Two root fields, each one compiled statement (the vendor rides in the first): one span each under the operation.
    expect(cypher.length).toBe(2);
    for (const span of cypher) {
      expect(span.name).toBe('cypher READ');
      expect(span.traceId).toBe(operation!.traceId);
      expect(attr(span, 'db.system.name')).toBe('neo4j');
      const text = attr(span, 'db.query.text')!;
      expect(text).toMatch(/MATCH/);
      expect(text).not.toContain(secret);
    }
    expect(JSON.stringify(cypher)).not.toContain(secret);
  });

  it('continue a caller’s trace from its traceparent header', async () => {
    const yoga = createServer({ executor, logger: createLogger('silent'), tracing });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ query: 'query Again { chip(id: "nvidia-h100") { name } }' }),
    });
    await tracing.flush();
    const span = received.flatMap((r) => r.spans).find((s) => s.name === 'query Again');
    expect(span?.traceId).toBe(traceId);
    expect(span?.parentSpanId).toBe('00f067aa0ba902b7');
  });
});
