// The peer: @neo4j/graphql over chipgraph's graph, served by graphql-yoga in its own process (like chipgraph),
// with the same driver settings. Run by bench/run.ts: `node --import tsx bench/peer/server.ts <bolt-uri> <port>`.
import { createServer } from 'node:http';
import { createYoga } from 'graphql-yoga';
import { createDriver } from '../../src/db/executor.js';
import { buildPeerSchema } from './schema.js';

async function main(): Promise<void> {
  const [uri, port] = process.argv.slice(2);
  if (!uri || !port) throw new Error('usage: server.ts <bolt-uri> <port>');
  const driver = createDriver({ uri, user: 'neo4j', password: '' });
  const yoga = createYoga({
    schema: await buildPeerSchema(driver),
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    logging: false,
    maskedErrors: true,
  });
  const http = createServer((req, res) => void yoga.handle(req, res));
  await new Promise<void>((resolve) => http.listen(Number(port), '127.0.0.1', resolve));
  process.stdout.write(`peer listening on ${port}\n`);
  const stop = () => http.close(() => void driver.close().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`peer failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
