// What recording the change feed costs a seed load: the shipped seed loaded with and without `changeFeed`, as a
// first load into an empty graph, as a load of a one-field edit, and as a load that changes nothing. Prints each
// scenario's median and the ratio with/without. Run: npx tsx bench/changes-load.ts [rounds]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { obtainDatabase } from '../src/db/database.js';
import { createDriver, Executor } from '../src/db/executor.js';
import { runSeed } from '../src/db/seed/run.js';

const ROUNDS = Number(process.argv[2] ?? 5);
const SEED = path.join(import.meta.dirname, '..', 'seed');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function editedCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipgraph-bench-changes-'));
  fs.cpSync(SEED, dir, { recursive: true });
  const file = path.join(dir, 'chips', fs.readdirSync(path.join(dir, 'chips')).sort()[0]!);
  const chips = JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string }[];
  chips[0]!.name = `${chips[0]!.name} (edited)`;
  fs.writeFileSync(file, JSON.stringify(chips, null, 2));
  return dir;
}

async function main() {
  const db = await obtainDatabase(loadConfig(), { ephemeral: true });
  const driver = createDriver(db);
  const executor = new Executor(driver, 'neo4j', 600_000);
  const edited = editedCopy();
  const timed = async (dirs: string[], changeFeed: boolean) => {
    const t = performance.now();
    await runSeed(executor, dirs, { changeFeed });
    return performance.now() - t;
  };
  try {
    await runSeed(executor, [SEED]); // constraints and a warm page cache
    const results: Record<string, Record<'with' | 'without', number[]>> = {};
    const add = (name: string, feed: boolean, ms: number) => {
      results[name] ??= { with: [], without: [] };
      results[name][feed ? 'with' : 'without'].push(ms);
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const feed of round % 2 ? [true, false] : [false, true]) {
        await executor.write('MATCH (n) DETACH DELETE n');
        add('first load (empty graph)', feed, await timed([SEED], feed));
        add('one-field edit', feed, await timed([edited], feed));
        add('no change', feed, await timed([edited], feed));
      }
    }
    for (const [name, r] of Object.entries(results)) {
      const w = median(r.with);
      const wo = median(r.without);
      console.log(
        `${name}: with ${w.toFixed(0)} ms, without ${wo.toFixed(0)} ms, ratio ${(w / wo).toFixed(2)}`,
      );
    }
  } finally {
    fs.rmSync(edited, { recursive: true, force: true });
    await driver.close();
    await db.stop();
  }
}

await main();
