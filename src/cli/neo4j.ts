// `npm run neo4j -- start|stop|status`: the local Neo4j on its own, for Neo4j tools (cypher-shell, Browser, Desktop).
import path from 'node:path';
import { loadConfig } from '../config.js';
import { runningInstance, startLocalNeo4j, stopInstance } from '../db/local-neo4j.js';
import { NEO4J_VERSION } from '../db/neo4j-version.js';
import { stderrProgress } from '../progress.js';

const config = loadConfig();
const { home, boltPort, heap, pageCache } = config.neo4j.local;
const instanceDir = path.join(home, 'instance');
const command = process.argv[2] ?? 'status';

switch (command) {
  case 'start': {
    const db = await startLocalNeo4j({
      home,
      instanceDir,
      boltPort,
      heap,
      pageCache,
      progress: stderrProgress,
      detached: true,
    });
    db.detach();
    process.stdout.write(
      `Neo4j ${NEO4J_VERSION} running at ${db.uri} (pid ${db.pid}, no auth, data in ${instanceDir}/data)\n`,
    );
    process.stdout.write('chipgraph attaches to it on `npm start`; stop it with `npm run neo4j -- stop`.\n');
    break;
  }
  case 'stop': {
    const stopped = await stopInstance(instanceDir);
    process.stdout.write(stopped ? 'Neo4j stopped.\n' : 'No local Neo4j was running.\n');
    break;
  }
  case 'status': {
    const rec = runningInstance(instanceDir);
    process.stdout.write(
      rec
        ? `running: bolt://127.0.0.1:${rec.port} (pid ${rec.pid}, Neo4j ${NEO4J_VERSION})\n`
        : 'not running\n',
    );
    break;
  }
  default:
    process.stderr.write(`Unknown command "${command}". Use: npm run neo4j -- start|stop|status\n`);
    process.exit(2);
}
