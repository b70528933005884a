// `npm run release`: load the seed into the database `npm start` uses, then write
// release/chipgraph-data-<version>.zip from it through the API's own exports (see src/release/build.ts).
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { obtainDatabase } from '../db/database.js';
import { createDriver, Executor } from '../db/executor.js';
import { ENSURE_GRAPH_VERSION } from '../db/graph-version.js';
import { applyConstraints } from '../db/migrations.js';
import { runSeed } from '../db/seed/run.js';
import { createLogger } from '../logger.js';
import { stderrProgress } from '../progress.js';
import { buildRelease } from '../release/build.js';
import { createServer } from '../server.js';
import { parseCli } from './args.js';

const { values } = parseCli({
  command: 'npm run release',
  options: { out: { type: 'string' } },
  help: `Load the seed (records unchanged since the last load are skipped), then write the data release
release/chipgraph-data-<version>.zip: every export table as CSV and JSON, the whole graph as GraphML, the sources
as BibTeX and CSL-JSON, CHANGELOG.md, CITATION.cff and the data licence. The same seed gives the same bytes.
Uses the database \`npm start\` uses (NEO4J_URI, else Docker, else the local jars).

usage: npm run release [-- --out <folder>]

options:
  --out <folder>   write the zip here instead of ./release
  -h, --help       show this help

examples:
  npm run release
  npm run release -- --out /tmp/releases`,
});

const config = loadConfig();
const outDir = path.resolve(values.out ?? 'release');
const db = await obtainDatabase(config, { progress: stderrProgress });
const driver = createDriver(db);
let code = 0;
try {
  const executor = new Executor(driver, config.neo4j.database, config.queryTimeoutMs);
  await applyConstraints(executor);
  await executor.write(ENSURE_GRAPH_VERSION);
  await runSeed(executor, [config.seedDir], { progress: stderrProgress });
  const yoga = createServer({ executor, logger: createLogger(config.logLevel) });
  const release = await buildRelease({
    yoga,
    executor,
    seedDir: config.seedDir,
    citationFile: path.resolve('CITATION.cff'),
    progress: stderrProgress,
  });
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, release.fileName);
  fs.writeFileSync(file, release.zip);
  process.stdout.write(`${file} (${release.entries.length} files, ${release.zip.length} bytes)\n`);
} catch (err) {
  code = 1;
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
} finally {
  await driver.close();
  await db.stop();
}
process.exit(code);
