// Cypher for curation writes and the audit trail. Every write is one transaction that checks, writes and records
// an (:AuditRecord) together, so a write and its audit record exist both or neither.
import type { ManagedTransaction, Node, Relationship } from 'neo4j-driver';
import type { Principal } from '../../auth/roles.js';
import type {
  AddSourceCommand,
  AssertFactCommand,
  CreateEntityCommand,
  RetractFactCommand,
  UpdateEntityCommand,
  UserError,
} from '../../domain/curation-inputs.js';
import type { Executor } from '../executor.js';
import { KIND_OF_LABEL, RELATIONSHIP_ENDPOINTS, type EntityLabel } from '../ontology.js';
import type { RelationshipType, SuspensionRecord } from '../seed/records.js';
import { DERIVED_PROPS, suspensionProps } from '../stored.js';
import { toEntity, toSource, type EntityView, type SourceView } from './records.js';

/** Records created through the API; the seed loader never updates or removes them. */
export const API_ORIGIN = 'api';

export type AuditAction = 'CREATE_ENTITY' | 'UPDATE_ENTITY' | 'ASSERT_FACT' | 'RETRACT_FACT' | 'ADD_SOURCE';
export type AuditTargetKind = 'ENTITY' | 'FACT' | 'SOURCE';

export interface AuditEntry {
  id: string;
  seq: number;
  at: string;
  actor: { id: string; name: string; role: string };
  action: AuditAction;
  targetKind: AuditTargetKind;
  targetId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** A relationship with both ends, and the curation state read queries hide (retracted facts). */
export interface CuratedFact {
  id: string;
  type: RelationshipType;
  from: EntityView;
  to: EntityView;
  props: Record<string, unknown>;
}

/** Thrown inside a write transaction to roll it back and report problems found against the graph's state. */
export class RejectedWrite<C = unknown> extends Error {
  override name = 'RejectedWrite';
  constructor(
    readonly errors: UserError[],
    /** The current state of the target, when the client needs it to retry (CONFLICT). */
    readonly current?: C,
  ) {
    super(errors.map((e) => `${e.field.join('.')}: ${e.message}`).join('; '));
  }
}

export interface WriteResult<T> {
  value: T;
  audit: AuditEntry;
}

type Props = Record<string, unknown>;

/** Properties bookkeeping adds that are not part of a record's content (left out of audit before/after). */
const BOOKKEEPING = new Set(['searchText', 'seedHash', 'loadedAt']);

/** A node's or relationship's content as the audit trail keeps it: JSON, claims decoded. */
function contentOf(props: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(props)) {
    if (BOOKKEEPING.has(k)) continue;
    if (k === 'claimsJson' && typeof v === 'string') out.claims = JSON.parse(v) as unknown;
    else if (k === 'suspensionsJson' && typeof v === 'string') out.suspensions = JSON.parse(v) as unknown;
    else if (DERIVED_PROPS.has(k)) continue;
    // Temporal values (the loader's loadedAt is left out above; any other) are kept as their ISO text.
    else if (v !== null && typeof v === 'object' && !Array.isArray(v))
      out[k] = (v as { toString(): string }).toString();
    else out[k] = v;
  }
  return out;
}

/** Record fields as node properties: claims are stored as JSON text, like the seed loader does. */
function toNodeProps(record: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === 'claims') out.claimsJson = v === null ? null : JSON.stringify(v);
    else if (k === 'suspensions') Object.assign(out, suspensionProps(v as SuspensionRecord[] | null));
    else out[k] = v;
  }
  return out;
}

function searchText(name: unknown, aliases: unknown): string {
  const list = Array.isArray(aliases) ? (aliases as string[]) : [];
  return [name, ...list].filter(Boolean).join(' | ');
}

function labelOf(labels: string[] | null): EntityLabel | null {
  return (labels?.find((l) => l in KIND_OF_LABEL) as EntityLabel | undefined) ?? null;
}

function toAudit(node: Node): AuditEntry {
  const p = node.properties;
  const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : null);
  return {
    id: p.id as string,
    seq: p.seq as number,
    at: p.at as string,
    actor: { id: p.actorId as string, name: p.actorName as string, role: p.actorRole as string },
    action: p.action as AuditAction,
    targetKind: p.targetKind as AuditTargetKind,
    targetId: p.targetId as string,
    before: json(p.before),
    after: json(p.after),
    reason: (p.reason as string | undefined) ?? null,
  };
}

function toCuratedFact(rel: Relationship, a: Node, b: Node): CuratedFact {
  const props = rel.properties;
  return {
    id: props.id as string,
    type: rel.type as RelationshipType,
    from: toEntity(a),
    to: toEntity(b),
    props,
  };
}

function factContent(f: CuratedFact): Props {
  return { type: f.type, from: f.from.id, to: f.to.id, ...contentOf(f.props) };
}

/** Source ids an entity record or fact cites, with where each one was given (for NOT_FOUND errors). */
function citedSources(record: Props, base: string[]): { id: string; field: string[] }[] {
  const out: { id: string; field: string[] }[] = [];
  const sources = record.sources;
  if (Array.isArray(sources)) {
    sources.forEach((id, i) => out.push({ id: String(id), field: [...base, 'sources', String(i)] }));
  }
  const claims = record.claims;
  if (Array.isArray(claims)) {
    claims.forEach((c: { sources?: unknown }, ci) => {
      if (Array.isArray(c.sources)) {
        c.sources.forEach((id, i) =>
          out.push({
            id: String(id),
            field: [...base, 'attributes', 'claims', String(ci), 'sources', String(i)],
          }),
        );
      }
    });
  }
  return out;
}

const MISSING_SOURCES = '[sid IN $sourceIds WHERE NOT EXISTS { MATCH (:Source {id: sid}) }] AS missing';

const CREATE_AUDIT = `
CREATE (au:AuditRecord)
SET au = $audit, au.at = toString(datetime())`;

export class CurationRepository {
  constructor(private readonly executor: Executor) {}

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
  private write<T>(
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
      return apply(tx, seq.records[0]!.get('seq'));
    });
  }

  private auditProps(
    auditId: string,
    seq: number,
    actor: Principal,
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

  private async entityById(tx: ManagedTransaction, id: string): Promise<EntityView> {
    const res = await tx.run<{ n: Node }>('MATCH (n:Entity {id: $id}) RETURN n', { id });
    return toEntity(res.records[0]!.get('n'));
  }

  async createEntity(cmd: CreateEntityCommand, actor: Principal, auditId: string) {
    return this.write<EntityView>(
      auditId,
      async (tx, seq) => {
        const cited = citedSources(cmd.record, ['input']);
        const check = await tx.run<{ taken: boolean; missing: string[] }>(
          `OPTIONAL MATCH (e:Entity {id: $id})
           RETURN e IS NOT NULL AS taken, ${MISSING_SOURCES}`,
          { id: cmd.id, sourceIds: cited.map((c) => c.id) },
        );
        const row = check.records[0]!;
        const errors: UserError[] = [];
        if (row.get('taken')) {
          errors.push({
            field: ['input', 'id'],
            message: `id "${cmd.id}" is already in use`,
            code: 'ALREADY_EXISTS',
          });
        }
        errors.push(...missingSourceErrors(cited, row.get('missing')));
        if (errors.length) throw new RejectedWrite(errors);

        const props = {
          ...toNodeProps(cmd.record),
          origin: API_ORIGIN,
          version: 1,
          searchText: searchText(cmd.record.name, cmd.record.aliases),
        };
        const after = contentOf(props);
        const audit = this.auditProps(
          auditId,
          seq,
          actor,
          'CREATE_ENTITY',
          { kind: 'ENTITY', id: cmd.id },
          null,
          after,
          cmd.reason,
        );
        // The label comes from the ontology's constants (validated kind), never from the request text.
        const res = await tx.run<{ n: Node; au: Node }>(
          `CREATE (n:Entity:${cmd.label})
           SET n = $props
           WITH n ${CREATE_AUDIT}
           RETURN n, au`,
          { props, audit },
        );
        const rec = res.records[0]!;
        return { value: toEntity(rec.get('n')), audit: toAudit(rec.get('au')) };
      },
      (tx, audit) => this.entityById(tx, audit.targetId),
    );
  }

  async updateEntity(cmd: UpdateEntityCommand, actor: Principal, auditId: string) {
    return this.write<EntityView>(
      auditId,
      async (tx, seq) => {
        const cited = citedSources(cmd.changes, ['input']);
        const check = await tx.run<{ n: Node | null; missing: string[] }>(
          `OPTIONAL MATCH (n:Entity {id: $id})
           RETURN n, ${MISSING_SOURCES}`,
          { id: cmd.id, sourceIds: cited.map((c) => c.id) },
        );
        const row = check.records[0]!;
        const node = row.get('n');
        if (!node) {
          throw new RejectedWrite([
            { field: ['input', 'id'], message: `no entity with id "${cmd.id}"`, code: 'NOT_FOUND' },
          ]);
        }
        const current = toEntity(node);
        const errors: UserError[] = [];
        if (current.label !== cmd.label) {
          errors.push({
            field: ['input', 'kind'],
            message: `"${cmd.id}" is a ${current.kind}, not a ${cmd.kind}`,
            code: 'BAD_USER_INPUT',
          });
        }
        const version = typeof current.props.version === 'number' ? current.props.version : 0;
        if (cmd.expectedVersion !== null && cmd.expectedVersion !== version) {
          errors.push({
            field: ['input', 'expectedVersion'],
            message: `the entity changed since you read it: it is at version ${version}, you expected ${cmd.expectedVersion}; re-read it and apply your change again`,
            code: 'CONFLICT',
          });
        }
        errors.push(...missingSourceErrors(cited, row.get('missing')));
        if (errors.length) throw new RejectedWrite(errors, current);

        const set = toNodeProps(cmd.changes);
        const merged: Props = { ...current.props, ...set };
        const props = {
          set,
          version: version + 1,
          searchText: searchText(merged.name, merged.aliases),
        };
        const before = contentOf(current.props);
        const after = contentOf(
          Object.fromEntries(
            Object.entries({ ...merged, version: version + 1 }).filter(
              ([, v]) => v !== null && v !== undefined,
            ),
          ),
        );
        const audit = this.auditProps(
          auditId,
          seq,
          actor,
          'UPDATE_ENTITY',
          { kind: 'ENTITY', id: cmd.id },
          before,
          after,
          cmd.reason,
        );
        // `+=` with a null value removes that property: that is how a field is cleared.
        const res = await tx.run<{ n: Node; au: Node }>(
          `MATCH (n:Entity {id: $id})
           SET n += $props.set, n.version = $props.version, n.searchText = $props.searchText
           WITH n ${CREATE_AUDIT}
           RETURN n, au`,
          { id: cmd.id, props, audit },
        );
        const rec = res.records[0]!;
        return { value: toEntity(rec.get('n')), audit: toAudit(rec.get('au')) };
      },
      (tx, audit) => this.entityById(tx, audit.targetId),
    );
  }

  async assertFact(cmd: AssertFactCommand, actor: Principal, auditId: string) {
    return this.write<CuratedFact>(
      auditId,
      async (tx, seq) => {
        const cited = citedSources(cmd.props, ['input']);
        const check = await tx.run<{
          fromLabels: string[] | null;
          toLabels: string[] | null;
          r: Relationship | null;
          a: Node | null;
          b: Node | null;
          missing: string[];
        }>(
          `OPTIONAL MATCH (a:Entity {id: $from})
           OPTIONAL MATCH (b:Entity {id: $to})
           OPTIONAL MATCH (a)-[r:${cmd.type} {id: $id}]->(b)
           RETURN labels(a) AS fromLabels, labels(b) AS toLabels, r, a, b, ${MISSING_SOURCES}`,
          { id: cmd.id, from: cmd.from, to: cmd.to, sourceIds: cited.map((c) => c.id) },
        );
        const row = check.records[0]!;
        const errors: UserError[] = [];
        const ends = RELATIONSHIP_ENDPOINTS[cmd.type];
        for (const [field, id, labels, allowed] of [
          ['from', cmd.from, row.get('fromLabels'), ends.from],
          ['to', cmd.to, row.get('toLabels'), ends.to],
        ] as const) {
          const label = labelOf(labels);
          if (labels === null) {
            errors.push({ field: ['input', field], message: `no entity with id "${id}"`, code: 'NOT_FOUND' });
          } else if (!label || !allowed.includes(label)) {
            errors.push({
              field: ['input', field],
              message: `${cmd.type} ${field === 'from' ? 'starts at' : 'ends at'} ${allowed.join(' or ')}; "${id}" is ${label ?? 'not an entity'}`,
              code: 'BAD_USER_INPUT',
            });
          }
        }
        const existing = row.get('r');
        if (existing && existing.properties.retracted !== true) {
          errors.push({
            field: ['input', 'key'],
            message: `fact "${cmd.id}" is already asserted; give a distinct key for a second fact of this type between the same pair, or retract it first`,
            code: 'ALREADY_EXISTS',
          });
        }
        errors.push(...missingSourceErrors(cited, row.get('missing')));
        if (errors.length) throw new RejectedWrite(errors);

        const before = existing ? factContent(toCuratedFact(existing, row.get('a')!, row.get('b')!)) : null;
        const props = { ...cmd.props, origin: API_ORIGIN };
        const after = { type: cmd.type, from: cmd.from, to: cmd.to, ...contentOf(props) };
        const audit = this.auditProps(
          auditId,
          seq,
          actor,
          'ASSERT_FACT',
          { kind: 'FACT', id: cmd.id, subjects: [cmd.from, cmd.to] },
          before,
          after,
          cmd.reason,
        );
        // SET r = $props replaces everything, so a retracted fact asserted again loses its retraction marks
        // (the audit trail keeps them). The type comes from the validated FactType enum.
        const res = await tx.run<{ r: Relationship; a: Node; b: Node; au: Node }>(
          `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
           MERGE (a)-[r:${cmd.type} {id: $id}]->(b)
           SET r = $props
           WITH a, b, r ${CREATE_AUDIT}
           RETURN r, a, b, au`,
          { id: cmd.id, from: cmd.from, to: cmd.to, props, audit },
        );
        const rec = res.records[0]!;
        return {
          value: toCuratedFact(rec.get('r'), rec.get('a'), rec.get('b')),
          audit: toAudit(rec.get('au')),
        };
      },
      async (tx, audit) => (await factById(tx, audit.targetId))!,
    );
  }

  /**
   * Retract a fact: mark it, keep it. `authorize` sees the fact's origin and throws FORBIDDEN when the caller's
   * role may not retract it (the transaction then rolls back).
   */
  async retractFact(
    cmd: RetractFactCommand,
    actor: Principal,
    auditId: string,
    authorize: (origin: string) => void,
  ) {
    return this.write<CuratedFact>(
      auditId,
      async (tx, seq) => {
        const current = await factById(tx, cmd.id);
        if (!current) {
          throw new RejectedWrite([
            { field: ['input', 'id'], message: `no fact with id "${cmd.id}"`, code: 'NOT_FOUND' },
          ]);
        }
        if (current.props.retracted === true) {
          throw new RejectedWrite([
            {
              field: ['input', 'id'],
              message: `fact "${cmd.id}" was already retracted (${String(current.props.retractedAt)} by ${String(current.props.retractedBy)})`,
              code: 'CONFLICT',
            },
          ]);
        }
        authorize(typeof current.props.origin === 'string' ? current.props.origin : 'seed');
        const before = factContent(current);
        const audit = this.auditProps(
          auditId,
          seq,
          actor,
          'RETRACT_FACT',
          { kind: 'FACT', id: cmd.id, subjects: [current.from.id, current.to.id] },
          before,
          null,
          cmd.reason,
        );
        const res = await tx.run<{ r: Relationship; a: Node; b: Node; au: Node }>(
          `MATCH (a:Entity {id: $from})-[r:${cmd.type} {id: $id}]->(b:Entity {id: $to})
           SET r.retracted = true, r.retractedAt = toString(datetime()), r.retractedBy = $actor.name,
               r.retractedById = $actor.keyId, r.retractionReason = $reason
           WITH a, b, r ${CREATE_AUDIT}
           RETURN r, a, b, au`,
          { id: cmd.id, from: current.from.id, to: current.to.id, actor, reason: cmd.reason, audit },
        );
        const rec = res.records[0]!;
        const fact = toCuratedFact(rec.get('r'), rec.get('a'), rec.get('b'));
        // The after-image is known only now (retractedAt is the database's clock): record it in the same tx.
        const finished = await tx.run<{ au: Node }>(
          'MATCH (au:AuditRecord {id: $id}) SET au.after = $after RETURN au',
          {
            id: auditId,
            after: JSON.stringify(factContent(fact)),
          },
        );
        return { value: fact, audit: toAudit(finished.records[0]!.get('au')) };
      },
      async (tx, audit) => (await factById(tx, audit.targetId))!,
    );
  }

  async addSource(cmd: AddSourceCommand, actor: Principal, auditId: string) {
    return this.write<SourceView>(
      auditId,
      async (tx, seq) => {
        const check = await tx.run<{ taken: boolean }>(
          'OPTIONAL MATCH (s:Source {id: $id}) RETURN s IS NOT NULL AS taken',
          { id: cmd.id },
        );
        if (check.records[0]!.get('taken')) {
          throw new RejectedWrite([
            {
              field: ['input', 'id'],
              message: `source id "${cmd.id}" is already in use`,
              code: 'ALREADY_EXISTS',
            },
          ]);
        }
        const props = { ...cmd.record, origin: API_ORIGIN };
        const audit = this.auditProps(
          auditId,
          seq,
          actor,
          'ADD_SOURCE',
          { kind: 'SOURCE', id: cmd.id },
          null,
          props,
          cmd.reason,
        );
        const res = await tx.run<{ s: Node; au: Node }>(
          `CREATE (s:Source)
           SET s = $props
           WITH s ${CREATE_AUDIT}
           RETURN s, au`,
          { props, audit },
        );
        const rec = res.records[0]!;
        return { value: toSource(rec.get('s')), audit: toAudit(rec.get('au')) };
      },
      async (tx, audit) => {
        const res = await tx.run<{ s: Node }>('MATCH (s:Source {id: $id}) RETURN s', { id: audit.targetId });
        return toSource(res.records[0]!.get('s'));
      },
    );
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

function missingSourceErrors(cited: { id: string; field: string[] }[], missing: string[]): UserError[] {
  const gone = new Set(missing);
  return cited
    .filter((c) => gone.has(c.id))
    .map((c) => ({
      field: c.field,
      message: `no source with id "${c.id}" (add it with addSource)`,
      code: 'NOT_FOUND' as const,
    }));
}

/** Find a fact by its id TYPE|from|to[|key], from its ends (indexed) rather than by scanning relationships. */
async function factById(tx: ManagedTransaction, id: string): Promise<CuratedFact | null> {
  const [type, from, to] = id.split('|');
  if (!type || !from || !to || !(type in RELATIONSHIP_ENDPOINTS)) return null;
  const res = await tx.run<{ r: Relationship; a: Node; b: Node }>(
    `MATCH (a:Entity {id: $from})-[r:${type} {id: $id}]->(b:Entity {id: $to}) RETURN r, a, b`,
    { id, from, to },
  );
  const rec = res.records[0];
  return rec ? toCuratedFact(rec.get('r'), rec.get('a'), rec.get('b')) : null;
}
