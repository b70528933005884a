// `npm run seed [-- --dir <folder> ...]`: validate, then load the seed (plus analysts' folders on top) atomically.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { obtainDatabase } from '../db/database.js';
import { createDriver, Executor } from '../db/executor.js';
import { formatSummary, runSeed, SeedValidationError } from '../db/seed/run.js';
import { stderrProgress } from '../progress.js';

const { values } = parseArgs({ options: { dir: { type: 'string', multiple: true } } });
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
