// The chipgraph MCP server (Model Context Protocol): tools, resources and prompts over a GraphQL runner, so that an
// AI assistant answers from chipgraph's sourced facts. Shared by both transports: stdio (`npm run mcp`, stdio.ts)
// and Streamable HTTP at `/mcp` (http.ts).
//
// Dependency: `@modelcontextprotocol/sdk`, the protocol's official TypeScript SDK (1.x, the stable line; it takes
// zod ^3.25 || ^4, so it uses our zod 4 schemas directly for tools' JSON schemas and argument validation). It
// carries the protocol (initialisation, capability negotiation, JSON-RPC framing, the stdio and Streamable HTTP
// transports, its Web-standard `Request`/`Response` transport fitting Yoga's fetch handler) and tracks the
// specification as it moves, which a hand-written implementation would have to chase; its client is what the
// tests drive. Its express/hono dependencies come along but are not used here.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { QueryLimits } from '../graphql/plugins/limits.js';
import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';
import type { GraphqlRunner } from './graphql-runner.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { registerTools } from './tools.js';

export interface McpDeps {
  run: GraphqlRunner;
  /** The query limits the `graphql_query` guard applies to introspection (the API applies the rest itself). */
  limits: QueryLimits;
  /** The printed SDL; default: introspected through `run` (once). */
  sdl?: () => Promise<string>;
  examples: () => string;
  version: string;
}

const INSTRUCTIONS =
  'chipgraph is a knowledge graph of the AI compute supply chain: AI accelerators, the companies that design, ' +
  'fabricate, supply, buy and regulate them, export controls, and the AI models trained and served on them. ' +
  'Find ids with `search`, then ask `get_entity`, `hardware_dependencies`, `exposure`, `connections` or ' +
  '`timeline`; `graphql_query` for anything else. Every fact carries a confidence (CONFIRMED > REPORTED > ' +
  'RUMORED) and sources (publisher, title, date, URL): cite them, and answer only from what the tools return. ' +
  'The dataset resource says where the record ends.';

/** SDL by introspection through the API itself, so `--url` describes the server it talks to. */
export function introspectedSdl(run: GraphqlRunner): () => Promise<string> {
  let printed: Promise<string> | undefined;
  return () => {
    printed ??= run({ query: getIntrospectionQuery({ descriptions: true }) }).then((answer) => {
      if (answer.errors?.length || !answer.data) {
        printed = undefined; // try again next time (the server may have been starting)
        throw new Error(`introspection failed: ${answer.errors?.[0]?.message ?? 'no data'}`);
      }
      return printSchema(buildClientSchema(answer.data as unknown as IntrospectionQuery));
    });
    return printed;
  };
}

export function createMcpServer(deps: McpDeps): McpServer {
  const server = new McpServer(
    { name: 'chipgraph', title: 'chipgraph: the AI compute supply chain', version: deps.version },
    { instructions: INSTRUCTIONS, capabilities: { tools: {}, resources: {}, prompts: {} } },
  );
  registerTools(server, { run: deps.run, limits: deps.limits });
  registerResources(server, {
    run: deps.run,
    sdl: deps.sdl ?? introspectedSdl(deps.run),
    examples: deps.examples,
  });
  registerPrompts(server);
  return server;
}
