// Reads of the audit trail (a fact by id, an entity's history, the whole log) and the transaction skeleton every
// curation write runs in; CurationRepository adds the writes.
import type { ManagedTransaction, Node } from 'neo4j-driver';
import type { Actor } from './curation-commands.js';
import type { Executor } from '../executor.js';
import { ADJUST_UNSOURCED, BUMP_GRAPH_VERSION_CARRYING_UNSOURCED } from '../graph-version.js';
import { recordCurationChange } from './change-records.js';
import {
  type AuditAction,
  type AuditEntry,
  type AuditTargetKind,
  type CuratedFact,
  type Props,
  type WriteResult,
  factById,
  toAudit,
} from './curation-records.js';

/** Whether an audit image (the content of a fact before or after a write) is a live fact without a source. */
function unsourcedLive(image: unknown): boolean {
  if (!image || typeof image !== 'object') return false;
  const f = image as { retracted?: unknown; sources?: unknown };
  return (
    (f.retracted === undefined || f.retracted === null) &&
    (!Array.isArray(f.sources) || f.sources.length === 0)
  );
}

/** How a curation write changed the number of live facts without a source (stats' unsourcedRelationships). */
function unsourcedChange(audit: AuditEntry): number {
  if (audit.targetKind !== 'FACT') return 0;
  return Number(unsourcedLive(audit.after)) - Number(unsourcedLive(audit.before));
}

export class AuditRepository {
  constructor(protected readonly executor: Executor) {}

  /**
   * One curation write. It runs in a managed transaction, which the driver retries on transient errors and also
   * when the connection drops during COMMIT, when the first attempt may in fact have committed. That retry is
   * made harmless here: the audit record's id is chosen once, before the first attempt, and each attempt first
   * looks for it; when it exists the write already happened and the attempt only reads the result back. So the
   * work is idempotent and a write never applies twice.
   *
   * The audit sequence counter is incremented first: its write lock serialises curation writes (also across API
   * instances), so "check the version, then write" cannot interleave with another write. Curation is rare, and
   * one lock also rules out deadlocks between writes.
   */
  protected write<T>(
    auditId: string,
    apply: (tx: ManagedTransaction, seq: number) => Promise<WriteResult<T>>,
    replay: (tx: ManagedTransaction, audit: AuditEntry) => Promise<T>,
  ): Promise<WriteResult<T>> {
    return this.executor.writeTransaction(async (tx) => {
      const prior = await tx.run<{ a: Node }>('MATCH (a:AuditRecord {id: $auditId}) RETURN a', { auditId });
      const found = prior.records[0]?.get('a');
      if (found) {
        const audit = toAudit(found);
        return { value: await replay(tx, audit), audit };
      }
      const seq = await tx.run<{ seq: number }>(
        `MERGE (s:AuditSequence {name: 'audit'})
         SET s.value = coalesce(s.value, 0) + 1
         RETURN s.value AS seq`,
      );
      await tx.run(BUMP_GRAPH_VERSION_CARRYING_UNSOURCED); // readers' caches (stats) see this write at their next read
      const result = await apply(tx, seq.records[0]!.get('seq'));
      const delta = unsourcedChange(result.audit);
      if (delta !== 0) await tx.run(ADJUST_UNSOURCED, { delta });
      await recordCurationChange(tx, result.audit); // the public change feed's entry (no actor: see change-records)
      return result;
    });
  }

  protected auditProps(
    auditId: string,
    seq: number,
    actor: Actor,
    action: AuditAction,
    target: { kind: AuditTargetKind; id: string; subjects?: string[] },
    before: unknown,
    after: unknown,
    reason: string | null,
  ): Props {
    return {
      id: auditId,
      seq,
      actorId: actor.keyId,
      actorName: actor.name,
      actorRole: actor.role,
      action,
      targetKind: target.kind,
      targetId: target.id,
      subjects: [...new Set([target.id, ...(target.subjects ?? [])])],
      before: before === null ? null : JSON.stringify(before),
      after: JSON.stringify(after),
      reason,
    };
  }

  // ---- reads ----

  /** A fact by id, retracted or not; null when none has this id. */
  async fact(id: string): Promise<CuratedFact | null> {
    return this.executor.readTransaction((tx) => factById(tx, id));
  }

  /** Audit records whose target is `id` or which concern it (facts asserted on an entity), newest first. */
  async history(id: string, first: number): Promise<AuditEntry[]> {
    const res = await this.executor.read<{ a: Node }>(
      `MATCH (a:AuditRecord) WHERE $id IN a.subjects
       RETURN a ORDER BY a.seq DESC LIMIT toInteger($first)`,
      { id, first },
    );
    return res.records.map((r) => toAudit(r.get('a')));
  }

  /** One page of the whole audit log, newest first, continuing below sequence number `beforeSeq`. */
  async auditLog(
    first: number,
    beforeSeq: number | null,
  ): Promise<{ items: AuditEntry[]; hasNext: boolean }> {
    const res = await this.executor.read<{ a: Node }>(
      `MATCH (a:AuditRecord) WHERE $before IS NULL OR a.seq < $before
       RETURN a ORDER BY a.seq DESC LIMIT toInteger($limit)`,
      { before: beforeSeq, limit: first + 1 },
    );
    const items = res.records.map((r) => toAudit(r.get('a')));
    return { items: items.slice(0, first), hasNext: items.length > first };
  }
}
