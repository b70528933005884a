// Builds the Yoga instance (no listening): tests call `yoga.fetch(...)`, main.ts wraps it in an HTTP server.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import type { Executor } from './db/executor.js';
import { createContext, type Context } from './graphql/context.js';
import { buildSchema } from './graphql/schema.js';
import type { Logger } from './logger.js';

export interface ServerDeps {
  executor: Executor;
  logger: Logger;
}

const DEFAULT_QUERY = `# Welcome to chipgraph. Press the play button to ask the graph.
query Chip {
  chip(id: "nvidia-h100") {
    id
    name
    vendor { id name }
  }
}
`;

export function createServer({ executor, logger }: ServerDeps) {
  return createYoga<object, Context>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    renderGraphiQL,
    graphiql: { title: 'chipgraph', defaultQuery: DEFAULT_QUERY },
    maskedErrors: true,
    logging: {
      debug: (...a: unknown[]) => logger.debug(a),
      info: (...a: unknown[]) => logger.debug(a),
      warn: (...a: unknown[]) => logger.warn(a),
      error: (...a: unknown[]) => logger.error(a),
    },
    context: () => createContext(executor, logger),
    plugins: [
      useReadinessCheck({
        endpoint: '/readyz',
        check: async ({ fetchAPI }) => {
          const ping = await executor.ping();
          const body = ping.ok
            ? { status: 'ready' }
            : { status: 'unavailable', reason: `neo4j: ${ping.reason}` };
          return new fetchAPI.Response(JSON.stringify(body), {
            status: ping.ok ? 200 : 503,
            headers: { 'content-type': 'application/json' },
          });
        },
      }),
    ],
  });
}

export type ChipgraphServer = ReturnType<typeof createServer>;
