// The HTTP floor: the least any HTTP API on this stack can do per question. A bare node:http server that, for
// `POST /<workload>` with the workload's input as a JSON body, runs that workload's one hand-written statement
// (bench/floor/statements.ts) in a read transaction and writes `{"data": ...}`. No GraphQL, no validation.
// Run by bench/run.ts in its own process, like chipgraph and the peer:
//   node --import tsx bench/floor/server.ts <bolt-uri> <port>
import { createServer, type ServerResponse } from 'node:http';
import { createDriver } from '../../src/db/executor.js';
import { floorParams, floorStatements } from './statements.js';

async function main(): Promise<void> {
  const [uri, port] = process.argv.slice(2);
  if (!uri || !port) throw new Error('usage: server.ts <bolt-uri> <port>');
  // The same driver settings as chipgraph (pool size, integers as numbers).
  const driver = createDriver({ uri, user: 'neo4j', password: '' });
  const reply = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const http = createServer((req, res) => {
    const cypher = floorStatements[(req.url ?? '/').slice(1)];
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!cypher) return reply(res, 404, '{"errors":[{"message":"unknown workload"}]}');
      let input: Record<string, unknown>;
      try {
        input = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof input) : {};
      } catch {
        return reply(res, 400, '{"errors":[{"message":"body is not JSON"}]}');
      }
      const session = driver.session({ defaultAccessMode: 'READ' });
      session
        .executeRead((tx) => tx.run(cypher, floorParams(input)))
        .then(
          (result) => reply(res, 200, JSON.stringify({ data: result.records[0]?.get('data') ?? null })),
          (err: unknown) => reply(res, 500, JSON.stringify({ errors: [{ message: String(err) }] })),
        )
        .finally(() => void session.close());
    });
  });
  await new Promise<void>((resolve) => http.listen(Number(port), '127.0.0.1', resolve));
  process.stdout.write(`floor listening on ${port}\n`);
  const stop = () => http.close(() => void driver.close().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`floor failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
