// The MCP server over stdio as a desktop assistant starts it: the README's configuration, parsed and spawned exactly
// (npm run mcp, chipgraph in-process on the test database), then again with `--url` against a running server.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createServer, type ChipgraphServer } from '../../src/server.js';
import { ROOT, seedWith, testDriver, testExecutor } from '../helpers/db.js';
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

interface ServerEntry {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** The README's stdio entry, pointed at this checkout and the test database: nothing else changed. */
function readmeEntry(): ServerEntry {
  const config = JSON.parse(mcpSnippet('stdio').code) as { mcpServers: Record<string, ServerEntry> };
  const entry = config.mcpServers.chipgraph!;
  expect(entry.args).toContain('/path/to/chipgraph');
  return { ...entry, args: entry.args.map((a) => (a === '/path/to/chipgraph' ? ROOT : a)) };
}

interface Spawned {
  client: Client;
  stderr: () => string;
  /** Anything the client could not read as a protocol message (a log line on stdout, say). */
  protocolErrors: Error[];
}

async function spawn(
  entry: ServerEntry,
  extraArgs: string[] = [],
  db: { uri: string; user: string; password: string } = inject('neo4j'),
): Promise<Spawned> {
  const transport = new StdioClientTransport({
    command: entry.command,
    args: [...entry.args, ...extraArgs],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...entry.env,
      NEO4J_URI: db.uri,
      NEO4J_USER: db.user,
      NEO4J_PASSWORD: db.password,
      SEED_ON_START: 'false',
    },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const protocolErrors: Error[] = [];
  const client = new Client({ name: 'chipgraph-tests', version: '1.0.0' });
  client.onerror = (err) => protocolErrors.push(err);
  try {
    await client.connect(transport);
  } catch (err) {
    throw new Error(`the MCP server did not start: ${String(err)}\n${stderr}`);
  }
  return { client, stderr: () => stderr, protocolErrors };
}

/** A failure shows what the server logged on stderr. */
async function withServerLog(s: Spawned, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (err) {
    if (err instanceof Error) err.message += `\n--- MCP server stderr ---\n${s.stderr().slice(-4000)}`;
    throw err;
  }
}

let driver: Driver;
let yoga: ChipgraphServer;

beforeAll(async () => {
  driver = testDriver();
  const executor = testExecutor(driver);
  await seedWith(executor);
  yoga = createServer({ executor, logger: createLogger('silent') });
});

afterAll(async () => {
  await driver?.close();
});

describe('MCP over stdio: the README configuration, chipgraph in-process', () => {
  let s: Spawned;
  beforeAll(async () => {
    const entry = readmeEntry();
    expect(entry.command).toBe('npm');
    expect(entry.args.slice(-3)).toEqual(['run', '--silent', 'mcp']);
    s = await spawn(entry);
  });
  afterAll(async () => {
    await s?.client.close();
  });

  it('lists the tools, resources and prompts', async () => {
    expect((await s.client.listTools()).tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
    expect((await s.client.listResources()).resources.map((r) => r.uri).sort()).toEqual(RESOURCE_URIS);
    expect((await s.client.listPrompts()).prompts.map((p) => p.name).sort()).toEqual(PROMPT_NAMES);
  });

  it('answers every tool as the GraphQL API answers the same question', async () => {
    await withServerLog(s, () => expectToolsMatchApi(s.client, yoga));
  });

  it('refuses writes, over-limit queries, unknown ids (with suggestions) and bad arguments', async () => {
    await withServerLog(s, () => expectRefusals(s.client, yoga));
  });

  it('serves the SDL of the API it runs', async () => {
    const sdl = await s.client.readResource({ uri: 'chipgraph://schema.graphql' });
    expect(String((sdl.contents[0] as { text: string }).text)).toContain('exposure(');
  });

  it('keeps stdout for the protocol: no log line reached the client, logs went to stderr', () => {
    expect(s.protocolErrors).toEqual([]);
    expect(s.stderr()).not.toContain('"level":30'); // LOG_LEVEL=warn from the README entry: no info lines
  });
});

describe('MCP over stdio with --url: a running chipgraph over HTTP', () => {
  let server: Listening;
  let s: Spawned;
  beforeAll(async () => {
    server = await listen(yoga);
    s = await spawn(readmeEntry(), ['--', '--url', server.base]);
  });
  afterAll(async () => {
    await s?.client.close();
    await server?.close();
  });

  it('answers from that server, errors included', async () => {
    const answer = expectSourced(await call(s.client, 'exposure', { countryCode: 'TW' }));
    expect(answer.exposure.target.id).toBe('tw');
    const unknown = await call(s.client, 'connections', { from: 'deepsek', to: 'nvidia' });
    expect(unknown.structuredContent!.error).toMatchObject({ code: 'NOT_FOUND', argument: 'from' });
    expect(unknown.structuredContent!.error.suggestions).toContain('deepseek');
    const sdl = await s.client.readResource({ uri: 'chipgraph://schema.graphql' });
    expect(String((sdl.contents[0] as { text: string }).text)).toMatch(/type Query \{/);
    expect(s.protocolErrors).toEqual([]);
  });

  it('says so when the server is not there', async () => {
    await server.close();
    const down = await call(s.client, 'stats');
    expect(down.isError).toBe(true);
    expect(textOf(down)).toMatch(
      /SERVICE_UNAVAILABLE: chipgraph at http:\/\/127\.0\.0\.1:\d+ cannot be reached/,
    );
  });
});

describe('MCP over stdio when chipgraph cannot start', () => {
  it('still speaks the protocol, and every tool says why', async () => {
    // Nothing listens on port 1: the in-process start-up fails once the driver gives up.
    const s = await spawn(readmeEntry(), [], { uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: '' });
    try {
      expect((await s.client.listTools()).tools).toHaveLength(TOOL_NAMES.length);
      const answer = await call(s.client, 'search', { text: 'ascend' });
      expect(answer.isError).toBe(true);
      expect(textOf(answer)).toMatch(/^SERVICE_UNAVAILABLE: /);
      expect(s.stderr()).toMatch(/chipgraph could not start/);
    } finally {
      await s.client.close();
    }
  });
});
