// `npm run seed [-- --dir <folder> ...]`: validate, then load the seed (plus analysts' folders on top) atomically.
import path from 'node:path';
import { loadConfig } from '../config.js';
import { obtainDatabase } from '../db/database.js';
import { createDriver, Executor } from '../db/executor.js';
import { formatSummary, runSeed, SeedValidationError } from '../db/seed/run.js';
import { stderrProgress } from '../progress.js';
import { parseCli } from './args.js';

const { values } = parseCli({
  command: 'npm run seed',
  options: { dir: { type: 'string', multiple: true } },
  help: `Validate the seed files, then load them into Neo4j in one transaction (records unchanged since the last load
are skipped; records created through the API are kept). Uses the database \`npm start\` uses (NEO4J_URI, else
Docker, else the local jars).

usage: npm run seed [-- --dir <folder> ...]

options:
  --dir <folder>   also load this folder on top of SEED_DIR (repeatable), e.g. an analyst's additions
  -h, --help       show this help

examples:
  npm run seed
  npm run seed -- --dir ../my-additions
  NEO4J_URI=bolt://db:7687 NEO4J_PASSWORD=... npm run seed`,
});
const config = loadConfig();
const dirs = [config.seedDir, ...(values.dir ?? []).map((d) => path.resolve(d))];

const db = await obtainDatabase(config, { progress: stderrProgress });
const driver = createDriver(db);
let code = 0;
try {
  const executor = new Executor(driver, config.neo4j.database, config.queryTimeoutMs);
  const summary = await runSeed(executor, dirs, { progress: stderrProgress });
  process.stdout.write(`${formatSummary(summary)}\n`);
} catch (err) {
  code = 1;
  process.stderr.write(`${err instanceof SeedValidationError ? err.message : String(err)}\n`);
} finally {
  await driver.close();
  await db.stop();
}
process.exit(code);
