// Curation writes of entities on the real graph: create and update with history, optimistic concurrency,
// validation (all problems at once, before the database) and atomicity (facts and sources: writes-facts.int.test.ts).
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import neo4j from 'neo4j-driver';
import { CurationRepository } from '../../src/db/repositories/curation-repository.js';
import { parseCreateEntity } from '../../src/domain/curation-inputs.js';
import { FIXTURES, testDriver, testExecutor, testServer } from '../helpers/db.js';
import { CREATE_ENTITY, UPDATE_ENTITY, createKey, resetGraph, gqlAs } from '../helpers/curation.js';

const driver = testDriver();
const executor = testExecutor(driver);
const yoga = testServer(executor);
let editor: string;

beforeEach(async () => {
  await resetGraph(executor, [path.join(FIXTURES, 'seed-min')]);
  editor = await createKey(executor, 'editor', 'alice');
});
afterAll(() => driver.close());

async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const res = await executor.read<{ n: number }>(cypher, params);
  return res.records[0]!.get('n');
}

const newChip = {
  kind: 'CHIP',
  id: 'zephyr-z1',
  name: 'Zephyr Z1',
  aliases: ['Z1', '和风'],
  sources: ['nvidia-h100-datasheet'],
  attributes: { memoryGb: 64, status: 'announced', family: 'Zephyr' },
  reason: 'new accelerator announced',
};

describe('createEntity', () => {
  it('creates an entity owned by the API, answered by queries and search, with an audit record', async () => {
    const res = await gqlAs(yoga, editor, CREATE_ENTITY, { input: newChip });
    expect(res.errors).toBeUndefined();
    const p = res.data!.createEntity;
    expect(p.errors).toEqual([]);
    expect(p.entity).toMatchObject({
      id: 'zephyr-z1',
      kind: 'CHIP',
      version: 1,
      memoryGb: 64,
      status: 'ANNOUNCED',
    });
    expect(p.audit).toMatchObject({
      action: 'CREATE_ENTITY',
      targetKind: 'ENTITY',
      targetId: 'zephyr-z1',
      before: null,
      reason: 'new accelerator announced',
      actor: { name: 'alice', role: 'EDITOR' },
    });
    expect(p.audit.after).toMatchObject({
      id: 'zephyr-z1',
      memoryGb: 64,
      origin: 'api',
      version: 1,
      aliases: ['Z1', '和风'],
    });

    const read = await gqlAs(
      yoga,
      null,
      '{ chip(id: "zephyr-z1") { name version } search(text: "和风") { entity { id } } }',
    );
    expect(read.data?.chip).toEqual({ name: 'Zephyr Z1', version: 1 });
    expect(read.data?.search.map((h: any) => h.entity.id)).toContain('zephyr-z1');

    const node = await executor.read(
      'MATCH (n:Entity:Chip {id: "zephyr-z1"}) RETURN n.origin AS origin, n.searchText AS text',
    );
    expect(node.records[0]!.toObject()).toEqual({ origin: 'api', text: 'Zephyr Z1 | Z1 | 和风' });
  });

  it('refuses an id already in use and a source that does not exist, both at once', async () => {
    const res = await gqlAs(yoga, editor, CREATE_ENTITY, {
      input: { ...newChip, id: 'nvidia-h100', sources: ['nvidia-h100-datasheet', 'no-such-source'] },
    });
    const p = res.data!.createEntity;
    expect(p.entity).toBeNull();
    expect(p.audit).toBeNull();
    expect(p.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: ['input', 'id'], code: 'ALREADY_EXISTS' }),
        expect.objectContaining({ field: ['input', 'sources', '1'], code: 'NOT_FOUND' }),
      ]),
    );
    expect(p.errors).toHaveLength(2);
    expect(await count('MATCH (a:AuditRecord) RETURN count(a) AS n')).toBe(0);
  });

  it('reports every invalid field at once, naming it, without opening a write transaction', async () => {
    const sessions = vi.spyOn(driver, 'session');
    try {
      const res = await gqlAs(yoga, editor, CREATE_ENTITY, {
        input: {
          kind: 'CHIP',
          id: 'Bad Id',
          name: '',
          sources: [],
          attributes: { memoryGb: -1, status: 'flying', warpFactor: 9, released: '2025-13' },
        },
      });
      const p = res.data!.createEntity;
      expect(p.entity).toBeNull();
      const fields = p.errors.map((e: any) => e.field.join('.')).sort();
      expect(fields).toEqual(
        [
          'input.attributes.memoryGb',
          'input.attributes.released',
          'input.attributes.status',
          'input.attributes.warpFactor',
          'input.id',
          'input.name',
          'input.sources',
        ].sort(),
      );
      expect(p.errors.every((e: any) => e.code === 'BAD_USER_INPUT' && e.message.length > 0)).toBe(true);
      const writeSessions = sessions.mock.calls.filter(
        ([cfg]) => cfg?.defaultAccessMode === neo4j.session.WRITE,
      );
      expect(writeSessions).toHaveLength(0);
    } finally {
      sessions.mockRestore();
    }
  });

  it('puts a failing multi-statement write back entirely: no node, no audit record, no sequence number used', async () => {
    // The first write takes sequence number 1; the country below passes every check but breaks the database's
    // unique country code in its last statement, after the sequence counter was already incremented.
    await gqlAs(yoga, editor, CREATE_ENTITY, { input: newChip });
    const seqBefore = await count('MATCH (s:AuditSequence) RETURN s.value AS n');
    const res = await gqlAs(yoga, editor, CREATE_ENTITY, {
      input: { kind: 'COUNTRY', id: 'xu', name: 'Duplicate States', attributes: { code: 'US' } },
    });
    expect(res.data!.createEntity.errors).toEqual([
      expect.objectContaining({ code: 'ALREADY_EXISTS', field: ['input'] }),
    ]);
    expect(await count('MATCH (n:Entity {id: "xu"}) RETURN count(n) AS n')).toBe(0);
    expect(await count('MATCH (a:AuditRecord {targetId: "xu"}) RETURN count(a) AS n')).toBe(0);
    expect(await count('MATCH (s:AuditSequence) RETURN s.value AS n')).toBe(seqBefore);
  });

  it('applies a write once even when the driver runs the same transaction again (commit outcome unknown)', async () => {
    const repo = new CurationRepository(executor);
    const parsed = parseCreateEntity({ ...newChip, kind: 'CHIP' } as any);
    if (!parsed.ok) throw new Error('fixture invalid');
    const actor = { keyId: 'key-test', name: 'retry-bot', role: 'editor' as const };
    const first = await repo.createEntity(parsed.value, actor, 'audit-fixed-id');
    const again = await repo.createEntity(parsed.value, actor, 'audit-fixed-id');
    expect(again.audit).toEqual(first.audit);
    expect(again.value.id).toBe('zephyr-z1');
    expect(await count('MATCH (n:Entity {id: "zephyr-z1"}) RETURN count(n) AS n')).toBe(1);
    expect(await count('MATCH (a:AuditRecord) RETURN count(a) AS n')).toBe(1);
  });
});

describe('updateEntity', () => {
  it('changes only the given fields, bumps the version, clears with null and records before/after', async () => {
    const res = await gqlAs(yoga, editor, UPDATE_ENTITY, {
      input: {
        id: 'nvidia-h100',
        kind: 'CHIP',
        expectedVersion: 0,
        aliases: ['H100', 'GH100'],
        attributes: { memoryGb: 96, status: null },
        reason: 'datasheet rev 2',
      },
    });
    const p = res.data!.updateEntity;
    expect(p.errors).toEqual([]);
    expect(p.entity).toMatchObject({
      id: 'nvidia-h100',
      name: 'H100 SXM5',
      version: 1,
      memoryGb: 96,
      status: null,
    });
    expect(p.audit.before).toMatchObject({
      memoryGb: 80,
      status: 'shipping',
      aliases: ['H100'],
      origin: 'seed',
    });
    expect(p.audit.before.version).toBeUndefined();
    expect(p.audit.after).toMatchObject({
      memoryGb: 96,
      aliases: ['H100', 'GH100'],
      version: 1,
      name: 'H100 SXM5',
    });
    expect(p.audit.after).not.toHaveProperty('status');
    expect(p.audit.reason).toBe('datasheet rev 2');

    const node = await executor.read(
      'MATCH (n:Chip {id: "nvidia-h100"}) RETURN n.searchText AS t, n.status AS s',
    );
    expect(node.records[0]!.toObject()).toEqual({ t: 'H100 SXM5 | H100 | GH100', s: null });
  });

  it('refuses a stale expectedVersion with CONFLICT, returns the current state and writes nothing', async () => {
    await gqlAs(yoga, editor, CREATE_ENTITY, { input: newChip });
    const first = await gqlAs(yoga, editor, UPDATE_ENTITY, {
      input: { id: 'zephyr-z1', kind: 'CHIP', expectedVersion: 1, attributes: { memoryGb: 80 } },
    });
    expect(first.data!.updateEntity.entity.version).toBe(2);

    const stale = await gqlAs(yoga, editor, UPDATE_ENTITY, {
      input: { id: 'zephyr-z1', kind: 'CHIP', expectedVersion: 1, attributes: { memoryGb: 128 } },
    });
    const p = stale.data!.updateEntity;
    expect(p.errors).toEqual([
      expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'CONFLICT' }),
    ]);
    expect(p.errors[0].message).toMatch(/version 2.*expected 1/);
    expect(p.entity).toMatchObject({ version: 2, memoryGb: 80 });
    expect(p.audit).toBeNull();
    const read = await gqlAs(yoga, null, '{ chip(id: "zephyr-z1") { memoryGb version } }');
    expect(read.data?.chip).toEqual({ memoryGb: 80, version: 2 });
    // Without expectedVersion the client opts out of the check: last write wins.
    const blind = await gqlAs(yoga, editor, UPDATE_ENTITY, {
      input: { id: 'zephyr-z1', kind: 'CHIP', attributes: { memoryGb: 128 } },
    });
    expect(blind.data!.updateEntity.entity).toMatchObject({ version: 3, memoryGb: 128 });
  });

  it('names the problem when the id is unknown, the kind is wrong or there is nothing to change', async () => {
    const unknown = await gqlAs(yoga, editor, UPDATE_ENTITY, {
      input: { id: 'no-such-chip', kind: 'CHIP', name: 'X' },
    });
    expect(unknown.data!.updateEntity.errors).toEqual([
      expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' }),
    ]);
    const wrongKind = await gqlAs(yoga, editor, UPDATE_ENTITY, {
      input: { id: 'nvidia', kind: 'CHIP', name: 'X' },
    });
    expect(wrongKind.data!.updateEntity.errors).toEqual([
      expect.objectContaining({ field: ['input', 'kind'], code: 'BAD_USER_INPUT' }),
    ]);
    const nothing = await gqlAs(yoga, editor, UPDATE_ENTITY, { input: { id: 'nvidia', kind: 'COMPANY' } });
    expect(nothing.data!.updateEntity.errors).toEqual([expect.objectContaining({ field: ['input'] })]);
    const cleared = await gqlAs(yoga, editor, UPDATE_ENTITY, {
      input: { id: 'nvidia', kind: 'COMPANY', name: null, attributes: { roles: ['astrology'], id: 'x' } },
    });
    expect(cleared.data!.updateEntity.errors.map((e: any) => e.field.join('.')).sort()).toEqual([
      'input.attributes.id',
      'input.attributes.roles.0',
      'input.name',
    ]);
    expect(await count('MATCH (a:AuditRecord) RETURN count(a) AS n')).toBe(0);
  });
});
