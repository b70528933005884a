// `npm run neo4j -- start|stop|status`: the local Neo4j on its own, for Neo4j tools (cypher-shell, Browser, Desktop).
import path from 'node:path';
import { loadConfig } from '../config.js';
import { runningInstance, startLocalNeo4j, stopInstance } from '../db/local-neo4j.js';
import { NEO4J_VERSION } from '../db/neo4j-version.js';
import { stderrProgress } from '../progress.js';
import { parseCli } from './args.js';

const { positionals } = parseCli({
  command: 'npm run neo4j',
  maxPositionals: 1,
  help: `The local Neo4j (Maven jars, no Docker) on its own, for Neo4j tools such as cypher-shell or Desktop.

usage: npm run neo4j -- start|stop|status

commands:
  start    start it in the background (bolt://127.0.0.1:NEO4J_BOLT_PORT, no auth, data in NEO4J_HOME/instance)
  stop     stop the instance started by \`start\` or left by a killed \`npm start\`
  status   say whether it runs, and where (the default)

options:
  -h, --help   show this help

examples:
  npm run neo4j -- start
  NEO4J_BOLT_PORT=7688 NEO4J_HEAP=2g npm run neo4j -- start
  npm run neo4j -- status
  npm run neo4j -- stop`,
});
const config = loadConfig();
const { home, boltPort, heap, pageCache } = config.neo4j.local;
const instanceDir = path.join(home, 'instance');
const command = positionals[0] ?? 'status';

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
