// The audit trail's records and the pure helpers curation writes share: node properties without bookkeeping,
// audit entries, curated facts, the sources a record cites, and the Cypher fragments both repositories use.
import type { ManagedTransaction, Node, Relationship } from 'neo4j-driver';
import type { UserError } from './curation-commands.js';
import { KIND_OF_LABEL, RELATIONSHIP_ENDPOINTS, type EntityLabel } from '../ontology.js';
import type { RelationshipType, SuspensionRecord } from '../seed/records.js';
import { BOOKKEEPING_PROPS, DERIVED_PROPS, suspensionProps } from '../stored.js';
import { toEntity, type EntityView } from './records.js';

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

/** Neo4j's code for a write that breaks a uniqueness constraint (schema/constraints.cypher). */
const CONSTRAINT_FAILED = 'Neo.ClientError.Schema.ConstraintValidationFailed';

/**
 * A uniqueness rule of the graph the checks cannot see coming (e.g. a country code already in use), as the rejected
 * write it is; any other error as it came. Recognised by Neo4j's code, never its message.
 */
export function rejectedByConstraint(err: unknown): unknown {
  if ((err as { code?: unknown } | null)?.code !== CONSTRAINT_FAILED) return err;
  return new RejectedWrite([
    {
      field: ['input'],
      message: 'the write breaks a uniqueness rule of the graph (an id or a country code already in use)',
      code: 'ALREADY_EXISTS',
    },
  ]);
}

export interface WriteResult<T> {
  value: T;
  audit: AuditEntry;
}

export type Props = Record<string, unknown>;

/** A node's or relationship's content as the audit trail keeps it: JSON, claims decoded, bookkeeping left out. */
export function contentOf(props: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(props)) {
    if (BOOKKEEPING_PROPS.has(k)) continue;
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
export function toNodeProps(record: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === 'claims') out.claimsJson = v === null ? null : JSON.stringify(v);
    else if (k === 'suspensions') Object.assign(out, suspensionProps(v as SuspensionRecord[] | null));
    else out[k] = v;
  }
  return out;
}

export function searchText(name: unknown, aliases: unknown): string {
  const list = Array.isArray(aliases) ? (aliases as string[]) : [];
  return [name, ...list].filter(Boolean).join(' | ');
}

export function labelOf(labels: string[] | null): EntityLabel | null {
  return (labels?.find((l) => l in KIND_OF_LABEL) as EntityLabel | undefined) ?? null;
}

export function toAudit(node: Node): AuditEntry {
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

export function toCuratedFact(rel: Relationship, a: Node, b: Node): CuratedFact {
  const props = rel.properties;
  return {
    id: props.id as string,
    type: rel.type as RelationshipType,
    from: toEntity(a),
    to: toEntity(b),
    props,
  };
}

export function factContent(f: CuratedFact): Props {
  return { type: f.type, from: f.from.id, to: f.to.id, ...contentOf(f.props) };
}

/** Source ids an entity record or fact cites, with where each one was given (for NOT_FOUND errors). */
export function citedSources(record: Props, base: string[]): { id: string; field: string[] }[] {
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

export const MISSING_SOURCES =
  '[sid IN $sourceIds WHERE NOT EXISTS { MATCH (:Source {id: sid}) }] AS missing';

export const CREATE_AUDIT = `
CREATE (au:AuditRecord)
SET au = $audit, au.at = toString(datetime())`;

export function missingSourceErrors(
  cited: { id: string; field: string[] }[],
  missing: string[],
): UserError[] {
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
export async function factById(tx: ManagedTransaction, id: string): Promise<CuratedFact | null> {
  const [type, from, to] = id.split('|');
  if (!type || !from || !to || !(type in RELATIONSHIP_ENDPOINTS)) return null;
  const res = await tx.run<{ r: Relationship; a: Node; b: Node }>(
    `MATCH (a:Entity {id: $from})-[r:${type} {id: $id}]->(b:Entity {id: $to}) RETURN r, a, b`,
    { id, from, to },
  );
  const rec = res.records[0];
  return rec ? toCuratedFact(rec.get('r'), rec.get('a'), rec.get('b')) : null;
}
