// Who may do what: anonymous / editor / admin × read / write, key lifecycle (CLI), and secrets never logged.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { ApiKeyStore } from '../../src/auth/api-keys.js';
import { createServer } from '../../src/server.js';
import { FIXTURES, ROOT, testDriver, testExecutor, testServer } from '../helpers/db.js';
import { ASSERT_FACT, RETRACT_FACT, createKey, gqlAs, resetGraph } from '../helpers/curation.js';

const driver = testDriver();
const executor = testExecutor(driver);
const yoga = testServer(executor);
let editor: string;
let admin: string;

beforeAll(async () => {
  await resetGraph(executor, [path.join(FIXTURES, 'seed-min')]);
  editor = await createKey(executor, 'editor', 'ed');
  admin = await createKey(executor, 'admin', 'ad');
});
afterAll(() => driver.close());

const READ = '{ chip(id: "nvidia-h100") { id name } }';
const WRITE = `mutation($input: UpdateEntityInput!) {
  updateEntity(input: $input) { entity { id version } errors { field code } }
}`;
const describeChip = (text: string) => ({ input: { id: 'nvidia-h100', kind: 'CHIP', description: text } });

async function version(): Promise<number> {
  const res = await executor.read<{ v: number | null }>(
    'MATCH (n:Chip {id: "nvidia-h100"}) RETURN n.version AS v',
  );
  return res.records[0]!.get('v') ?? 0;
}

describe('the role matrix', () => {
  it('anonymous: reads are open; a write is refused with UNAUTHENTICATED (401) and changes nothing', async () => {
    const read = await gqlAs(yoga, null, READ);
    expect(read.status).toBe(200);
    expect(read.data?.chip).toEqual({ id: 'nvidia-h100', name: 'H100 SXM5' });

    const before = await version();
    const write = await gqlAs(yoga, null, WRITE, describeChip('anonymous edit'));
    expect(write.status).toBe(401);
    expect(write.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(write.data ?? null).toBeNull();
    expect(write.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(await version()).toBe(before);
  });

  it.each([
    ['editor', () => editor],
    ['admin', () => admin],
  ])('%s: reads and writes', async (_role, key) => {
    const read = await gqlAs(yoga, key(), READ);
    expect(read.errors).toBeUndefined();
    expect(read.data?.chip.id).toBe('nvidia-h100');
    const before = await version();
    const write = await gqlAs(yoga, key(), WRITE, describeChip(`edited by ${_role}`));
    expect(write.errors).toBeUndefined();
    expect(write.data?.updateEntity).toEqual({
      entity: { id: 'nvidia-h100', version: before + 1 },
      errors: [],
    });
  });

  it('retracting a fact from the seed needs admin: FORBIDDEN for an editor, allowed for an admin', async () => {
    const input = { id: 'DESIGNS|nvidia|nvidia-h800', reason: 'test of the role matrix' };
    const asEditor = await gqlAs(yoga, editor, RETRACT_FACT, { input });
    expect(asEditor.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(asEditor.errors?.[0]?.message).toMatch(/needs role "admin"/);
    expect(asEditor.data?.retractFact ?? null).toBeNull();
    const still = await executor.read('MATCH ()-[r:DESIGNS {id: $id}]->() RETURN r.retracted AS x', {
      id: input.id,
    });
    expect(still.records[0]!.get('x')).toBeNull();

    const asAdmin = await gqlAs(yoga, admin, RETRACT_FACT, { input });
    expect(asAdmin.data?.retractFact.errors).toEqual([]);
    expect(asAdmin.data?.retractFact.fact.retracted).toBe(true);
  });

  it('an editor retracts what was asserted through the API', async () => {
    const asserted = await gqlAs(yoga, editor, ASSERT_FACT, {
      input: {
        type: 'RUNS_ON',
        from: 'deepseek-v3',
        to: 'huawei-ascend-910b',
        confidence: 'RUMORED',
        sources: ['deepseek-2024-12-26-v3-report'],
      },
    });
    const id = asserted.data?.assertFact.fact.id;
    expect(id).toBe('RUNS_ON|deepseek-v3|huawei-ascend-910b');
    const res = await gqlAs(yoga, editor, RETRACT_FACT, { input: { id, reason: 'unconfirmed rumour' } });
    expect(res.errors).toBeUndefined();
    expect(res.data?.retractFact.fact.retracted).toBe(true);
  });

  it('the whole audit log is for admins; history of one id is open like any read', async () => {
    const asEditor = await gqlAs(yoga, editor, '{ auditLog(first: 2) { nodes { id } } }');
    expect(asEditor.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const page1 = await gqlAs(
      yoga,
      admin,
      '{ auditLog(first: 2) { nodes { seq: id action } pageInfo { hasNextPage endCursor } } }',
    );
    expect(page1.errors).toBeUndefined();
    expect(page1.data?.auditLog.nodes).toHaveLength(2);
    expect(page1.data?.auditLog.pageInfo.hasNextPage).toBe(true);
    const page2 = await gqlAs(
      yoga,
      admin,
      'query($after: String) { auditLog(first: 100, after: $after) { nodes { id } } }',
      {
        after: page1.data?.auditLog.pageInfo.endCursor,
      },
    );
    const all = await executor.read<{ n: number }>('MATCH (a:AuditRecord) RETURN count(a) AS n');
    expect(page2.data?.auditLog.nodes).toHaveLength(all.records[0]!.get('n') - 2);
    const history = await gqlAs(yoga, null, '{ history(id: "nvidia-h100") { action actor { role } } }');
    expect(history.errors).toBeUndefined();
    expect(history.data?.history.length).toBeGreaterThanOrEqual(2);
  });
});

describe('bad keys', () => {
  it.each([
    ['an unknown key', 'Bearer cgk_not-a-real-key'],
    ['a malformed header', 'Basic dXNlcjpwYXNz'],
  ])('%s is refused with UNAUTHENTICATED for reads and writes alike', async (_what, header) => {
    for (const query of [READ, WRITE]) {
      const res = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: header },
        body: JSON.stringify({ query, variables: describeChip('x') }),
      });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('a revoked key stops working at once', async () => {
    const store = new ApiKeyStore(executor);
    const { key, secret } = await store.create({ name: 'temp', role: 'admin' });
    expect((await gqlAs(yoga, secret, WRITE, describeChip('before revoke'))).errors).toBeUndefined();
    await store.revoke(key.id);
    const after = await gqlAs(yoga, secret, WRITE, describeChip('after revoke'));
    expect(after.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('READS_REQUIRE_KEY', () => {
  const closed = createServer({
    executor,
    logger: pino({ level: 'silent' }),
    auth: { readsRequireKey: true },
  });

  it('refuses anonymous reads and serves them with any valid key', async () => {
    const anonymous = await gqlAs(closed, null, READ);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const withKey = await gqlAs(closed, editor, READ);
    expect(withKey.data?.chip.id).toBe('nvidia-h100');
  });
});

describe('secrets', () => {
  it('never reach the logs, even at trace level', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = createServer({ executor, logger: pino({ level: 'trace' }, sink) });
    await gqlAs(logged, editor, WRITE, describeChip('logged request'));
    await gqlAs(logged, 'cgk_wrong-secret-value', READ);
    const text = lines.join('');
    // Both requests were logged (Yoga's debug lines, with their request ids), just never with the key.
    expect(text).toContain('Processing GraphQL Parameters');
    expect(text).not.toContain(editor);
    expect(text).not.toContain('cgk_wrong-secret-value');
  });
});

describe('npm run keys', () => {
  const { uri, user, password } = inject('neo4j');
  const env = {
    ...process.env,
    NEO4J_URI: uri,
    NEO4J_USER: user,
    NEO4J_PASSWORD: password,
    LOG_LEVEL: 'silent',
  };
  const keys = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/keys.ts'), ...args], {
      env,
      cwd: ROOT,
    });

  it('creates a key whose secret (printed once) works, lists it without the secret, and revokes it', async () => {
    const created = await keys('create', '--name', 'cli-bot', '--role', 'editor');
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^cgk_[A-Za-z0-9_-]{43}$/);
    const keyId = /created key (key-[0-9a-f]+)/.exec(created.stderr)?.[1];
    expect(keyId).toBeDefined();
    expect((await gqlAs(yoga, secret, WRITE, describeChip('from the cli key'))).errors).toBeUndefined();

    const listed = await keys('list');
    expect(listed.stdout).toContain(`${keyId}\teditor\tactive`);
    expect(listed.stdout).toContain('cli-bot');
    expect(listed.stdout).not.toContain(secret);

    await keys('revoke', keyId!);
    expect((await keys('list')).stdout).toMatch(new RegExp(`${keyId}\\teditor\\trevoked `));
    const after = await gqlAs(yoga, secret, WRITE, describeChip('revoked'));
    expect(after.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a bad role before touching the database', async () => {
    await expect(keys('create', '--name', 'x', '--role', 'root')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--role: must be one of editor, admin/),
    });
  });
});
