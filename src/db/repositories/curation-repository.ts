// Cypher for curation writes and the audit trail. Every write is one transaction that checks, writes and records
// an (:AuditRecord) together, so a write and its audit record exist both or neither.
import type { ManagedTransaction, Node, Relationship } from 'neo4j-driver';
import type { Actor } from './curation-commands.js';
import type {
  AddSourceCommand,
  AssertFactCommand,
  CreateEntityCommand,
  RetractFactCommand,
  UpdateEntityCommand,
  UserError,
} from './curation-commands.js';
import { RELATIONSHIP_ENDPOINTS } from '../ontology.js';
import type { Confidence, SourceKind } from '../seed/records.js';
import { confidenceProblem } from '../seed/source-rules.js';
import { toEntity, toSource, type EntityView, type SourceView } from './records.js';
import { AuditRepository } from './audit-repository.js';
import {
  API_ORIGIN,
  type AuditEntry,
  CREATE_AUDIT,
  type CuratedFact,
  MISSING_SOURCES,
  type Props,
  RejectedWrite,
  type WriteResult,
  citedSources,
  contentOf,
  factById,
  factContent,
  labelOf,
  missingSourceErrors,
  rejectedByConstraint,
  searchText,
  toAudit,
  toCuratedFact,
  toNodeProps,
} from './curation-records.js';

export class CurationRepository extends AuditRepository {
  /** Every write here: a broken uniqueness constraint comes back as a RejectedWrite, never as a Neo4j code. */
  protected override write<T>(
    auditId: string,
    apply: (tx: ManagedTransaction, seq: number) => Promise<WriteResult<T>>,
    replay: (tx: ManagedTransaction, audit: AuditEntry) => Promise<T>,
  ): Promise<WriteResult<T>> {
    return super.write(auditId, apply, replay).catch((err: unknown) => {
      throw rejectedByConstraint(err);
    });
  }

  private async entityById(tx: ManagedTransaction, id: string): Promise<EntityView> {
    const res = await tx.run<{ n: Node }>('MATCH (n:Entity {id: $id}) RETURN n', { id });
    return toEntity(res.records[0]!.get('n'));
  }

  async createEntity(cmd: CreateEntityCommand, actor: Actor, auditId: string) {
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

  async updateEntity(cmd: UpdateEntityCommand, actor: Actor, auditId: string) {
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

  async assertFact(cmd: AssertFactCommand, actor: Actor, auditId: string) {
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
          kinds: (string | null)[];
        }>(
          `OPTIONAL MATCH (a:Entity {id: $from})
           OPTIONAL MATCH (b:Entity {id: $to})
           OPTIONAL MATCH (a)-[r:${cmd.type} {id: $id}]->(b)
           RETURN labels(a) AS fromLabels, labels(b) AS toLabels, r, a, b, ${MISSING_SOURCES},
                  [sid IN $factSourceIds | COLLECT { MATCH (s:Source {id: sid}) RETURN s.kind }[0]] AS kinds`,
          {
            id: cmd.id,
            from: cmd.from,
            to: cmd.to,
            sourceIds: cited.map((c) => c.id),
            factSourceIds: (cmd.props.sources as string[] | undefined) ?? [],
          },
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
        // The seed's confidence rule, on the sources' kinds as stored (only when every source exists).
        const kinds = row.get('kinds');
        if (!kinds.includes(null)) {
          const problem = confidenceProblem(cmd.props.confidence as Confidence, kinds as SourceKind[]);
          if (problem)
            errors.push({ field: ['input', 'confidence'], message: problem, code: 'BAD_USER_INPUT' });
        }
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
    actor: Actor,
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

  async addSource(cmd: AddSourceCommand, actor: Actor, auditId: string) {
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
}
