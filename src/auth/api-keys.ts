// API keys: generated here, stored in Neo4j as (:ApiKey) holding only a SHA-256 of the secret, looked up per request.
import { createHash, randomBytes } from 'node:crypto';
import type { Node } from 'neo4j-driver';
import { z } from 'zod';
import type { Executor } from '../db/executor.js';
import { ROLES, type Principal, type Role } from './roles.js';

/** Prefix that makes a leaked key easy to recognise (and to scan for in repositories). */
export const KEY_PREFIX = 'cgk_';

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

export const CreateKeyInput = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, { message: 'needs a name, e.g. --name alice' })
    .max(100, { message: 'at most 100 characters' }),
  role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }),
});

/**
 * The secret carries 256 random bits, so a fast hash is enough: there is no dictionary to try, unlike a human
 * password (which would need scrypt). A fast, deterministic hash also lets us find the key by its hash.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function toInfo(node: Node): ApiKeyInfo {
  const p = node.properties as Record<string, unknown>;
  return {
    id: p.id as string,
    name: p.name as string,
    role: p.role as Role,
    createdAt: p.createdAt as string,
    revokedAt: (p.revokedAt as string | undefined) ?? null,
  };
}

export class ApiKeyStore {
  constructor(private readonly executor: Executor) {}

  /** Creates a key and returns its secret: the only time the secret exists outside the caller's hands. */
  async create(input: z.input<typeof CreateKeyInput>): Promise<{ key: ApiKeyInfo; secret: string }> {
    const { name, role } = CreateKeyInput.parse(input);
    const id = `key-${randomBytes(5).toString('hex')}`;
    const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    // Idempotent, so the managed transaction may retry it: the id is chosen once, before the first attempt, and
    // a retry after an unknown commit outcome finds the key it already made instead of making a second one.
    const res = await this.executor.write<{ k: Node }>(
      `MERGE (k:ApiKey {id: $id})
       ON CREATE SET k.name = $name, k.role = $role, k.hash = $hash, k.createdAt = toString(datetime())
       RETURN k`,
      { id, name, role, hash: hashSecret(secret) },
    );
    return { key: toInfo(res.records[0]!.get('k')), secret };
  }

  async list(): Promise<ApiKeyInfo[]> {
    const res = await this.executor.read<{ k: Node }>('MATCH (k:ApiKey) RETURN k ORDER BY k.createdAt, k.id');
    return res.records.map((r) => toInfo(r.get('k')));
  }

  /** Revokes a key (kept, for the audit trail's sake); false when no key has this id. Idempotent. */
  async revoke(id: string): Promise<ApiKeyInfo | null> {
    const res = await this.executor.write<{ k: Node }>(
      `MATCH (k:ApiKey {id: $id})
       SET k.revokedAt = coalesce(k.revokedAt, toString(datetime()))
       RETURN k`,
      { id },
    );
    const node = res.records[0]?.get('k');
    return node ? toInfo(node) : null;
  }

  /** The principal a presented secret stands for; null when it is unknown or revoked. */
  async principalFor(secret: string): Promise<Principal | null> {
    const res = await this.executor.read<{ id: string; name: string; role: Role }>(
      `MATCH (k:ApiKey {hash: $hash}) WHERE k.revokedAt IS NULL
       RETURN k.id AS id, k.name AS name, k.role AS role`,
      { hash: hashSecret(secret) },
    );
    const rec = res.records[0];
    return rec ? { keyId: rec.get('id'), name: rec.get('name'), role: rec.get('role') } : null;
  }
}
