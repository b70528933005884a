// GraphQL over HTTP conformance: the graphql-http audit suite run against the server listening on a real port.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriver, testExecutor, testServer } from '../helpers/db.js';

const driver = testDriver();
let http: Server;
let url = '';

beforeAll(async () => {
  const yoga = testServer(testExecutor(driver));
  http = createHttpServer((req, res) => void yoga.handle(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
  await driver.close();
});

describe('graphql-http audit', () => {
  const audits = serverAudits({ url: () => url });

  it('has MUST audits to run', () => {
    expect(audits.filter((a) => a.name.startsWith('MUST')).length).toBeGreaterThan(5);
  });

  // Every audit passes today, SHOULD and MAY included; a MUST failing is a spec violation.
  it.each(audits.map((a) => [a.id, a.name, a] as const))('%s %s', async (_id, name, audit) => {
    const result: AuditResult = await audit.fn();
    if (result.status === 'ok') return;
    expect.fail(`${name}: ${result.status}: ${'reason' in result ? result.reason : ''}`);
  });
});
