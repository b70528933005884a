// `npm run keys -- create --name X --role editor|admin | list | revoke <id>`: manage API keys for writes.
// The secret is printed once, on stdout, at creation; it is stored only as a hash and never logged.
import { ApiKeyStore, CreateKeyInput } from '../auth/api-keys.js';
import { loadConfig } from '../config.js';
import { obtainDatabase } from '../db/database.js';
import { createDriver, Executor } from '../db/executor.js';
import { applyConstraints } from '../db/migrations.js';
import { stderrProgress } from '../progress.js';
import { parseCli } from './args.js';

const USAGE = `usage:
  npm run keys -- create --name <name> --role editor|admin
  npm run keys -- list
  npm run keys -- revoke <key-id>`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { values, positionals } = parseCli({
  command: 'npm run keys',
  options: { name: { type: 'string' }, role: { type: 'string' } },
  maxPositionals: 2,
  help: `Manage the API keys that writes (and, with READS_REQUIRE_KEY, reads) need. Keys live in Neo4j as hashes;
a secret is printed once, on stdout, when it is created.

${USAGE}

options:
  --name <name>           who or what the key is for (create)
  --role editor|admin     editor: curation writes; admin: also retract seed facts, read the audit log and /metrics
  -h, --help              show this help

examples:
  npm run keys -- create --name alice --role editor
  npm run keys -- create --name prometheus --role admin
  npm run keys -- list
  npm run keys -- revoke key-3f9a1c0b2e`,
});
const [command, ...rest] = positionals;
if (command !== 'create' && command !== 'list' && command !== 'revoke')
  fail(`unknown command "${command ?? ''}"`);
// Check arguments before obtaining a database, so a typo costs nothing.
let createInput: { name: string; role: 'editor' | 'admin' } | undefined;
if (command === 'create') {
  const parsed = CreateKeyInput.safeParse({ name: values.name ?? '', role: values.role });
  if (!parsed.success) fail(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  createInput = parsed.data;
}
if (command === 'revoke' && rest.length !== 1) fail('revoke takes one key id (see `list`)');

const config = loadConfig();
const db = await obtainDatabase(config, { progress: stderrProgress });
const driver = createDriver(db);
let code = 0;
try {
  const executor = new Executor(driver, config.neo4j.database, config.queryTimeoutMs);
  await applyConstraints(executor);
  const store = new ApiKeyStore(executor);
  if (createInput) {
    const { key, secret } = await store.create(createInput);
    process.stderr.write(
      `created key ${key.id} "${key.name}" (${key.role}). The secret is shown once; store it now:\n`,
    );
    process.stdout.write(`${secret}\n`);
  } else if (command === 'list') {
    const keys = await store.list();
    if (keys.length === 0) process.stdout.write('no keys\n');
    for (const k of keys) {
      const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
      process.stdout.write(`${k.id}\t${k.role}\t${state}\tcreated ${k.createdAt}\t${k.name}\n`);
    }
  } else {
    const revoked = await store.revoke(rest[0]!);
    if (revoked) process.stdout.write(`revoked ${revoked.id} "${revoked.name}" at ${revoked.revokedAt}\n`);
    else {
      code = 1;
      process.stderr.write(`no key with id "${rest[0]}"\n`);
    }
  }
} catch (err) {
  code = 1;
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
} finally {
  await driver.close();
  await db.stop();
}
process.exit(code);
