// Does a long Cypher text cost a fixed ~40 ms? neo4j-driver writes each Bolt message to its socket in 1,400-byte
// pieces (its Chunker's buffer) and never sets TCP_NODELAY, so with Nagle's algorithm the pieces after the first
// wait for Neo4j's ACK, which Linux may delay by 40 ms while the message is incomplete. This runs `RETURN 1`
// padded with a comment to growing lengths, 60 times each, with the driver's sockets as shipped and with
// TCP_NODELAY forced, on a throw-away Neo4j with no data.
//   npx tsx bench/peer/nagle-probe.ts
import net from 'node:net';
import { loadConfig } from '../../src/config.js';
import { obtainDatabase } from '../../src/db/database.js';
import { createDriver } from '../../src/db/executor.js';
import { median } from '../load.js';

const LENGTHS = [200, 1_000, 1_300, 1_500, 3_000, 6_000];
const N = 60;

const once = async (driver: ReturnType<typeof createDriver>, cypher: string) => {
  const s = driver.session({ defaultAccessMode: 'READ' });
  const t = performance.now();
  await s.executeRead((tx) => tx.run(cypher));
  const ms = performance.now() - t;
  await s.close();
  return ms;
};

const summary = (samples: number[]) =>
  `${Math.round(median(samples) * 10) / 10} (${Math.round((samples.filter((x) => x >= 35).length / samples.length) * 100)} % ≥ 35 ms)`;

async function main(): Promise<void> {
  const db = await obtainDatabase(loadConfig(process.env), { ephemeral: true });
  try {
    // The plain driver opens its (one) pooled connection before TCP_NODELAY is forced on new sockets; samples of
    // the two drivers are then interleaved, so load from elsewhere hits both alike.
    const plain = createDriver(db);
    await once(plain, 'RETURN 1');
    // eslint-disable-next-line @typescript-eslint/unbound-method -- restored or wrapped below, called with apply
    const connect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      this.setNoDelay(true);
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    };
    const noDelay = createDriver(db);
    await once(noDelay, 'RETURN 1');
    const rows = [
      '| statement length (chars) | p50 ms, driver as shipped (Nagle on) | p50 ms, TCP_NODELAY forced |',
      '| --- | --- | --- |',
    ];
    for (const length of LENGTHS) {
      const cypher = `RETURN 1 AS x // ${'x'.repeat(Math.max(0, length - 20))}`;
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < N + 10; i++) {
        const x = await once(plain, cypher);
        const y = await once(noDelay, cypher);
        if (i >= 10) {
          a.push(x);
          b.push(y);
        }
      }
      rows.push(`| ${length} | ${summary(a)} | ${summary(b)} |`);
    }
    await plain.close();
    await noDelay.close();
    process.stdout.write(`${rows.join('\n')}\n`);
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
