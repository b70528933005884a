// Cypher for API keys, stored as (:ApiKey) nodes holding only a hash of the secret. What a key means (roles, hashing,
// who may do what) is src/auth's; this module only stores and finds them.
import type { Node } from 'neo4j-driver';
import type { Executor } from '../executor.js';

/** A stored key as its node holds it; `role` is checked against the roles by src/auth. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  revokedAt: string | null;
}

function toRecord(node: Node): ApiKeyRecord {
  const p = node.properties as Record<string, unknown>;
  return {
    id: p.id as string,
    name: p.name as string,
    role: p.role as string,
    createdAt: p.createdAt as string,
    revokedAt: (p.revokedAt as string | undefined) ?? null,
  };
}

export class ApiKeyRepository {
  constructor(private readonly executor: Executor) {}

  /**
   * Stores a key. Idempotent, so the managed transaction may retry it: the id is chosen once by the caller, before
   * the first attempt, and a retry after an unknown commit outcome finds the key it already made.
   */
  async insert(key: { id: string; name: string; role: string; hash: string }): Promise<ApiKeyRecord> {
    const res = await this.executor.write<{ k: Node }>(
      `MERGE (k:ApiKey {id: $id})
       ON CREATE SET k.name = $name, k.role = $role, k.hash = $hash, k.createdAt = toString(datetime())
       RETURN k`,
      key,
    );
    return toRecord(res.records[0]!.get('k'));
  }

  async list(): Promise<ApiKeyRecord[]> {
    const res = await this.executor.read<{ k: Node }>('MATCH (k:ApiKey) RETURN k ORDER BY k.createdAt, k.id');
    return res.records.map((r) => toRecord(r.get('k')));
  }

  /** Marks a key revoked (kept, for the audit trail's sake; idempotent); null when no key has this id. */
  async revoke(id: string): Promise<ApiKeyRecord | null> {
    const res = await this.executor.write<{ k: Node }>(
      `MATCH (k:ApiKey {id: $id})
       SET k.revokedAt = coalesce(k.revokedAt, toString(datetime()))
       RETURN k`,
      { id },
    );
    const node = res.records[0]?.get('k');
    return node ? toRecord(node) : null;
  }

  /** The key that is not revoked and whose secret hashes to `hash`; null when there is none. */
  async activeByHash(hash: string): Promise<{ id: string; name: string; role: string } | null> {
    const res = await this.executor.read<{ id: string; name: string; role: string }>(
      `MATCH (k:ApiKey {hash: $hash}) WHERE k.revokedAt IS NULL
       RETURN k.id AS id, k.name AS name, k.role AS role`,
      { hash },
    );
    const rec = res.records[0];
    return rec ? { id: rec.get('id'), name: rec.get('name'), role: rec.get('role') } : null;
  }
}
