// The MCP server over Streamable HTTP at /mcp of a real chipgraph server, with the SDK's own client: tools, resources
// and prompts listed; every tool answering as the GraphQL API does; refusals; the key when reads need one; and the
// README's HTTP snippets run as written.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/executor.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type ChipgraphServer } from '../../src/server.js';
import { createKey } from '../helpers/curation.js';
import { gql, ROOT, seedWith, testDriver, testExecutor } from '../helpers/db.js';
import {
  call,
  expectRefusals,
  expectSourced,
  expectToolsMatchApi,
  listen,
  mcpSnippet,
  PROMPT_NAMES,
  RESOURCE_URIS,
  textOf,
  TOOL_NAMES,
  type Listening,
} from '../helpers/mcp.js';

const run = promisify(execFile);
let driver: Driver;
let executor: Executor;
let yoga: ChipgraphServer;
let server: Listening;
let client: Client;

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const c = new Client({ name: 'chipgraph-tests', version: '1.0.0' });
  await c.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return c;
}

beforeAll(async () => {
  driver = testDriver();
  executor = testExecutor(driver);
  await seedWith(executor);
  yoga = createServer({ executor, logger: createLogger('silent') });
  server = await listen(yoga);
  client = await connect(`${server.base}/mcp`);
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  await driver?.close();
});

describe('MCP over Streamable HTTP at /mcp', () => {
  it('lists the read-only tools with input schemas, the resources and the prompts', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
    for (const t of tools) {
      expect(t.description!.length).toBeGreaterThan(60);
      expect(t.annotations?.readOnlyHint).toBe(true);
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.properties).toHaveProperty('sources');
    }
    const exposure = tools.find((t) => t.name === 'exposure')!;
    expect(Object.keys(exposure.inputSchema.properties!)).toEqual(
      expect.arrayContaining(['vendorId', 'countryCode', 'exportControlId', 'softwareStackId', 'asOf']),
    );
    expect(tools.map((t) => t.name)).not.toContain('changes'); // no change feed in the schema yet
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual(RESOURCE_URIS);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(PROMPT_NAMES);
    expect(prompts.find((p) => p.name === 'cut_off_vendor')!.arguments!.map((a) => a.name)).toEqual([
      'vendorId',
      'asOf',
    ]);
  });

  it('answers every tool as the GraphQL API answers the same question, with sources', async () => {
    await expectToolsMatchApi(client, yoga);
  });

  it('refuses writes, over-limit queries, unknown ids (with suggestions) and bad arguments', async () => {
    await expectRefusals(client, yoga);
  });

  it('serves the SDL, the example operations and the dataset note as resources', async () => {
    const sdl = await client.readResource({ uri: 'chipgraph://schema.graphql' });
    const text = String((sdl.contents[0] as { text: string }).text);
    expect(text).toMatch(/type Query \{/);
    expect(text).toContain('hardwareDependencies(');
    expect(text).toContain('"""'); // descriptions included
    const examples = await client.readResource({ uri: 'chipgraph://examples.graphql' });
    expect(String((examples.contents[0] as { text: string }).text)).toContain('query ExposureToNvidia');
    const dataset = JSON.parse(
      String(
        ((await client.readResource({ uri: 'chipgraph://dataset.json' })).contents[0] as { text: string })
          .text,
      ),
    );
    const api = await gql(yoga, '{ stats { dataset { version recordEnds } } }');
    expect(dataset.dataset.version).toBe(api.data!.stats.dataset.version);
    expect(dataset.coverage).toContain(`The record ends ${api.data!.stats.dataset.recordEnds}`);
    expect(dataset.coverage).toMatch(/\d+ chip entities/);
  });

  it('fills the prompt templates with their arguments', async () => {
    const p = await client.getPrompt({
      name: 'cut_off_vendor',
      arguments: { vendorId: 'amd', asOf: '2025-06-01' },
    });
    const text = (p.messages[0]!.content as { text: string }).text;
    expect(text).toContain('If amd is cut off');
    expect(text).toContain('vendorId: "amd"');
    expect(text).toContain('asOf: "2025-06-01"');
    expect(text).toMatch(/cite its sources by publisher, title, date and URL/);
    const d = await client.getPrompt({ name: 'models_on_hardware_from', arguments: {} });
    expect((d.messages[0]!.content as { text: string }).text).toContain('developerIds: ["deepseek"]');
    await expect(
      client.getPrompt({ name: 'how_connected', arguments: { from: 'x"}) { __schema' } }),
    ).rejects.toThrow(/expected an id/);
  });

  it('answers POST only, and refuses pages from other origins', async () => {
    const get = await fetch(`${server.base}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const foreign = await fetch(`${server.base}/mcp`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(foreign.status).toBe(403);
  });

  it('README: the HTTP client configuration connects as written', async () => {
    const config = JSON.parse(mcpSnippet('http').code);
    const entry = config.mcpServers.chipgraph;
    expect(entry.type).toBe('http');
    expect(entry.url).toBe('http://localhost:4000/mcp');
    const c = await connect(entry.url.replace('http://localhost:4000', server.base));
    const answer = await call(c, 'search', { text: 'cambrikon', first: 1 });
    expect(answer.structuredContent!.answer.search[0].entity.id).toMatch(/cambricon/);
    await c.close();
  });

  it('README: the JavaScript agent snippet runs in node and prints a sourced exposure answer', async () => {
    const { code } = mcpSnippet('javascript');
    expect(code).toContain('http://localhost:4000/mcp');
    // Under the repository, so that node resolves @modelcontextprotocol/sdk as an installed package.
    fs.mkdirSync(path.join(ROOT, 'tests/artifacts'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(ROOT, 'tests/artifacts/mcp-agent-'));
    try {
      const file = path.join(dir, 'agent.mjs');
      fs.writeFileSync(file, code.replaceAll('http://localhost:4000', server.base));
      const { stdout } = await run(process.execPath, [file], { timeout: 60_000 });
      const [toolLine, ...answer] = stdout.trim().split('\n');
      expect(toolLine!.split(', ').sort()).toEqual(TOOL_NAMES);
      expect(answer.join('\n')).toMatch(/If Nvidia .* is cut off/);
      expect(answer.join('\n')).toMatch(/Sources:\n\[1\] .+, ".+", .+, https?:\/\//);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('MCP over HTTP when reads require a key', () => {
  let keyed: Listening;
  let keyedYoga: ChipgraphServer;
  let editorKey: string;

  beforeAll(async () => {
    editorKey = await createKey(executor, 'editor', 'mcp-tester');
    keyedYoga = createServer({ executor, logger: createLogger('silent'), auth: { readsRequireKey: true } });
    keyed = await listen(keyedYoga);
  });
  afterAll(async () => {
    await keyed?.close();
  });

  it('refuses without a key, or with an unknown one, with 401 before any MCP exchange', async () => {
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    };
    const raw = await fetch(`${keyed.base}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(init),
    });
    expect(raw.status).toBe(401);
    expect(raw.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await raw.json()).error.data.code).toBe('UNAUTHENTICATED');
    await expect(connect(`${keyed.base}/mcp`)).rejects.toThrow(/401|API key/);
    await expect(connect(`${keyed.base}/mcp`, { authorization: 'Bearer not-a-key' })).rejects.toThrow(
      /401|unknown/,
    );
  });

  it('answers with a valid key, and still refuses a mutation from an editor key', async () => {
    const c = await connect(`${keyed.base}/mcp`, { authorization: `Bearer ${editorKey}` });
    expectSourced(await call(c, 'get_entity', { id: 'nvidia-h100' }));
    const write = await call(c, 'graphql_query', {
      query: 'mutation { retractFact(input: { id: "x", reason: "y" }) { errors { code } } }',
    });
    expect(write.isError).toBe(true);
    expect(textOf(write)).toMatch(/queries only/);
    await c.close();
  });
});

describe('MCP over HTTP under the rate limit', () => {
  let limited: Listening;
  beforeAll(async () => {
    const y = createServer({
      executor,
      logger: createLogger('silent'),
      http: { rateLimit: { points: 400, windowMs: 600_000 } },
    });
    limited = await listen(y);
  });
  afterAll(async () => {
    await limited?.close();
  });

  it("charges each tool's query to the client's budget, as /graphql does", async () => {
    const c = await connect(`${limited.base}/mcp`);
    const small = await call(c, 'get_entity', { id: 'nvidia-h100' });
    expect(small.isError, textOf(small)).toBeFalsy();
    expect(small.structuredContent!.cost.remaining).toBeLessThan(
      400 - small.structuredContent!.cost.requested,
    );
    const big = await call(c, 'hardware_dependencies', { first: 100 });
    expect(big.isError).toBe(true);
    expect(big.structuredContent!.error.code).toBe('RATE_LIMITED');
    expect(textOf(big)).toMatch(/Rate limit exceeded: this query costs \d+ points/);
    await c.close();
  });
});
