// Curation: who may write (auth), whether the input is valid (zod, before the database), then one transaction
// that writes and records the audit trail. Returns the mutation payloads: the written object and user errors.
import { randomUUID } from 'node:crypto';
import type { RequestAuth } from '../auth/request-auth.js';
import { allows, forbidden, type Principal } from '../auth/roles.js';
import {
  RejectedWrite,
  type AuditEntry,
  type CuratedFact,
  type WriteResult,
} from '../db/repositories/curation-records.js';
import { CurationRepository } from '../db/repositories/curation-repository.js';
import type { EntityView, SourceView } from '../db/repositories/records.js';
import type { Executor } from '../db/executor.js';
import { badInput } from '../errors.js';
import {
  parseAddSource,
  parseAssertFact,
  parseCreateEntity,
  parseRetractFact,
  parseUpdateEntity,
  type AddSourceArgs,
  type AssertFactArgs,
  type CreateEntityArgs,
  type Parsed,
  type RetractFactArgs,
  type UpdateEntityArgs,
  type UserError,
} from './curation-inputs.js';

export type EntityPayload = { entity: EntityView | null; errors: UserError[]; audit: AuditEntry | null };
export type FactPayload = { fact: CuratedFact | null; errors: UserError[]; audit: AuditEntry | null };
export type SourcePayload = { source: SourceView | null; errors: UserError[]; audit: AuditEntry | null };

/**
 * Run a parsed command: refuse invalid input without touching the database, map problems found against the
 * graph (rolled back) to user errors. `current` is what a refused write reports as the target's state.
 */
async function run<C, T>(
  parsed: Parsed<C>,
  write: (cmd: C, auditId: string) => Promise<WriteResult<T>>,
): Promise<{ value: T | null; errors: UserError[]; audit: AuditEntry | null }> {
  if (!parsed.ok) return { value: null, errors: parsed.errors, audit: null };
  try {
    const { value, audit } = await write(parsed.value, randomUUID());
    return { value, errors: [], audit };
  } catch (err) {
    // Problems found against the graph, uniqueness rules included (the repository translates Neo4j's code).
    if (err instanceof RejectedWrite) {
      return { value: (err.current as T | undefined) ?? null, errors: err.errors, audit: null };
    }
    throw err;
  }
}

export class CurationService {
  private readonly repo: CurationRepository;

  constructor(
    executor: Executor,
    private readonly auth: RequestAuth,
  ) {
    this.repo = new CurationRepository(executor);
  }

  async createEntity(input: CreateEntityArgs): Promise<EntityPayload> {
    const actor = await this.auth.require('createEntity');
    const r = await run(parseCreateEntity(input), (cmd, id) => this.repo.createEntity(cmd, actor, id));
    return { entity: r.value, errors: r.errors, audit: r.audit };
  }

  async updateEntity(input: UpdateEntityArgs): Promise<EntityPayload> {
    const actor = await this.auth.require('updateEntity');
    const r = await run(parseUpdateEntity(input), (cmd, id) => this.repo.updateEntity(cmd, actor, id));
    return { entity: r.value, errors: r.errors, audit: r.audit };
  }

  async assertFact(input: AssertFactArgs): Promise<FactPayload> {
    const actor = await this.auth.require('assertFact');
    const r = await run(parseAssertFact(input), (cmd, id) => this.repo.assertFact(cmd, actor, id));
    return { fact: r.value, errors: r.errors, audit: r.audit };
  }

  async addSource(input: AddSourceArgs): Promise<SourcePayload> {
    const actor = await this.auth.require('addSource');
    const r = await run(parseAddSource(input), (cmd, id) => this.repo.addSource(cmd, actor, id));
    return { source: r.value, errors: r.errors, audit: r.audit };
  }

  async retractFact(input: RetractFactArgs): Promise<FactPayload> {
    const actor = await this.auth.require('retractApiFact');
    const authorize = (origin: string) => checkRetract(actor, origin);
    const r = await run(parseRetractFact(input), (cmd, id) =>
      this.repo.retractFact(cmd, actor, id, authorize),
    );
    return { fact: r.value, errors: r.errors, audit: r.audit };
  }

  fact(id: string): Promise<CuratedFact | null> {
    return this.repo.fact(id);
  }

  history(id: string, first: number | null | undefined): Promise<AuditEntry[]> {
    return this.repo.history(id, bounded(first, 'first', 200, 50));
  }

  async auditLog(first: number | null | undefined, after: string | null | undefined) {
    await this.auth.require('auditLog');
    const size = bounded(first, 'first', 100, 20);
    const beforeSeq = after ? decodeCursor(after) : null;
    const page = await this.repo.auditLog(size, beforeSeq);
    const last = page.items.at(-1);
    return {
      nodes: page.items,
      pageInfo: { hasNextPage: page.hasNext, endCursor: last ? encodeCursor(last.seq) : null },
    };
  }
}

/** Editors retract what was asserted through the API; the seed's own facts need an admin. */
function checkRetract(actor: Principal, origin: string): void {
  if (origin !== 'api' && !allows(actor.role, 'retractSeedFact'))
    throw forbidden('retractSeedFact', actor.role);
}

function bounded(value: number | null | undefined, argument: string, max: number, dflt: number): number {
  if (value === null || value === undefined) return dflt;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw badInput(argument, `must be between 1 and ${max} (got ${value})`, { min: 1, max });
  }
  return value;
}

const CURSOR_PREFIX = 'audit:';

function encodeCursor(seq: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const seq = Number(text.slice(CURSOR_PREFIX.length));
  if (!text.startsWith(CURSOR_PREFIX) || !Number.isInteger(seq) || seq < 1) {
    throw badInput('after', 'is not a cursor from auditLog (use pageInfo.endCursor)');
  }
  return seq;
}
