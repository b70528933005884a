// API keys: generated and hashed here (only a SHA-256 of the secret is stored, by src/db/repositories/
// api-key-repository.ts), looked up per request.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Executor } from '../db/executor.js';
import { ApiKeyRepository, type ApiKeyRecord } from '../db/repositories/api-key-repository.js';
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

/** Roles are written only through CreateKeyInput, so a stored key's role is one of ROLES. */
const toInfo = (record: ApiKeyRecord): ApiKeyInfo => ({ ...record, role: record.role as Role });

export class ApiKeyStore {
  private readonly repo: ApiKeyRepository;

  constructor(executor: Executor) {
    this.repo = new ApiKeyRepository(executor);
  }

  /** Creates a key and returns its secret: the only time the secret exists outside the caller's hands. */
  async create(input: z.input<typeof CreateKeyInput>): Promise<{ key: ApiKeyInfo; secret: string }> {
    const { name, role } = CreateKeyInput.parse(input);
    // Chosen once, before the first attempt: the repository's write is idempotent on the id.
    const id = `key-${randomBytes(5).toString('hex')}`;
    const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const key = await this.repo.insert({ id, name, role, hash: hashSecret(secret) });
    return { key: toInfo(key), secret };
  }

  async list(): Promise<ApiKeyInfo[]> {
    return (await this.repo.list()).map(toInfo);
  }

  /** Revokes a key (kept, for the audit trail's sake); null when no key has this id. Idempotent. */
  async revoke(id: string): Promise<ApiKeyInfo | null> {
    const key = await this.repo.revoke(id);
    return key ? toInfo(key) : null;
  }

  /** The principal a presented secret stands for; null when it is unknown or revoked. */
  async principalFor(secret: string): Promise<Principal | null> {
    const key = await this.repo.activeByHash(hashSecret(secret));
    return key ? { keyId: key.id, name: key.name, role: key.role as Role } : null;
  }
}
