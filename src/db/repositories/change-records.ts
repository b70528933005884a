// The public change feed's records: one (:Change) node per change to an entity or fact, written by the seed loader
// and by curation writes in the same transaction as the change itself. Change nodes never carry actors or key
// names (the admin-only audit log keeps those); they carry what changed, before and after, and the sources.
import { randomUUID } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { DATASET_ID, DATASET_LABEL, KIND_OF_LABEL } from '../ontology.js';
import { RETRACTION_PROPS } from '../stored.js';
import { contentOf, type AuditEntry, type Props } from './curation-records.js';

export const CHANGE_LABEL = 'Change';
export type ChangeKind = 'added' | 'corrected' | 'retracted' | 'removed';
export type ChangeOrigin = 'seed' | 'curation';
/** An entity kind (COMPANY, CHIP, ...) or FACT. */
export type SubjectKind = string;

/** A Change node's stored properties (no nulls: Neo4j stores none, so absent fields are left out). */
export interface ChangeProps {
  id: string;
  at: string;
  kind: ChangeKind;
  subjectKind: SubjectKind;
  subjectId: string;
  /** The entity's name, or "from name → to name" for a fact, at the time of the change. */
  subjectName: string;
  /** The subject and, for a fact, the entities at both ends: what `entityIds` filters on. */
  subjects: string[];
  factType?: string;
  fields: string[];
  beforeJson?: string;
  afterJson?: string;
  sources: string[];
  datasetVersion?: string;
  /** The dataset version zero-padded so that strings compare like versions ("000002.000000.000000"). */
  versionKey?: string;
  /**
   * Where the change came from. Not stored as `origin`: there, 'seed' means "a record the loader owns" (and
   * `seedWith`-style resets keep only those), which a change is not.
   */
  via: ChangeOrigin;
  /** Part of the first load into an empty graph: `changes` leaves these out unless asked. */
  initial: boolean;
  published: boolean;
}

/** Properties that are bookkeeping, not content: never reported as changed fields. */
const NOT_CONTENT = new Set(['id', 'origin', 'version', ...RETRACTION_PROPS]);

/** A record's content as the feed reports it: integers as numbers, claims decoded, bookkeeping left out. */
export function comparable(props: Props): Props {
  const plain: Props = {};
  for (const [k, v] of Object.entries(props)) {
    if (NOT_CONTENT.has(k) || v === null || v === undefined) continue;
    plain[k] = neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : v;
  }
  return contentOf(plain);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Props).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The fields whose values differ, with the before and after values of just those fields. */
export function diffFields(before: Props, after: Props): { fields: string[]; before: Props; after: Props } {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => canonical(before[k] ?? null) !== canonical(after[k] ?? null))
    .sort();
  const pick = (p: Props) => Object.fromEntries(fields.map((k) => [k, p[k] ?? null]));
  return { fields, before: pick(before), after: pick(after) };
}

/** Every source a record cites: its own, its claims' and its suspensions'. */
export function sourcesIn(content: Props | null): string[] {
  if (!content) return [];
  const out = new Set<string>();
  const add = (list: unknown) => Array.isArray(list) && list.forEach((s) => out.add(String(s)));
  add(content.sources);
  for (const key of ['claims', 'suspensions']) {
    const items = content[key];
    if (Array.isArray(items)) items.forEach((c: { sources?: unknown }) => add(c?.sources));
  }
  return [...out];
}

/** "2.10.0" → "000002.000010.000000": padded so that string order is version order. */
export function versionKey(version: string): string | null {
  const parts = version.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^\d{1,6}$/.test(p))) return null;
  return parts.map((p) => p.padStart(6, '0')).join('.');
}

export interface ChangeInput {
  at: string;
  kind: ChangeKind;
  subjectKind: SubjectKind;
  subjectId: string;
  subjectName: string;
  subjects: string[];
  factType?: string | null;
  fields: string[];
  before: Props | null;
  after: Props | null;
  sources: string[];
  datasetVersion: string | null;
  origin: ChangeOrigin;
  initial?: boolean;
}

export function changeProps(c: ChangeInput): ChangeProps {
  const props: ChangeProps = {
    id: randomUUID(),
    at: c.at,
    kind: c.kind,
    subjectKind: c.subjectKind,
    subjectId: c.subjectId,
    subjectName: c.subjectName,
    subjects: [...new Set(c.subjects)],
    fields: c.fields,
    sources: c.sources,
    via: c.origin,
    initial: c.initial ?? false,
    published: true,
  };
  if (c.factType) props.factType = c.factType;
  if (c.before) props.beforeJson = JSON.stringify(c.before);
  if (c.after) props.afterJson = JSON.stringify(c.after);
  if (c.datasetVersion) {
    props.datasetVersion = c.datasetVersion;
    const key = versionKey(c.datasetVersion);
    if (key) props.versionKey = key;
  }
  return props;
}

/** A record's name for the feed's titles (its id when it has none). */
export const nameOf = (props: Props | null, id: string): string =>
  typeof props?.name === 'string' ? props.name : id;

export const CREATE_CHANGES = `UNWIND $changes AS c CREATE (ch:${CHANGE_LABEL}) SET ch = c`;

export async function createChanges(
  tx: ManagedTransaction,
  changes: ChangeProps[],
  batch = 1000,
): Promise<void> {
  for (let i = 0; i < changes.length; i += batch) {
    await tx.run(CREATE_CHANGES, { changes: changes.slice(i, i + batch) });
  }
}

const CURATION_CONTEXT = `
OPTIONAL MATCH (d:${DATASET_LABEL} {id: '${DATASET_ID}'})
OPTIONAL MATCH (e:Entity {id: $id})
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
RETURN d.version AS version, labels(e) AS labels, a.name AS fromName, b.name AS toName`;

/**
 * The public change a curation write makes, from its audit entry (in the write's transaction). Sources added
 * through the API are not subjects of the feed (they show up as the sources of the changes that cite them), and an
 * update that changes no field records nothing.
 */
export async function recordCurationChange(tx: ManagedTransaction, audit: AuditEntry): Promise<void> {
  if (audit.targetKind === 'SOURCE') return;
  const fact = audit.targetKind === 'FACT';
  const ends = fact ? ((audit.after ?? audit.before ?? {}) as Props) : {};
  // A fact's type and ends are its identity, reported as factType and subjects, not as fields.
  const content = (p: unknown) => {
    if (!p) return null;
    const { type: _t, from: _f, to: _to, ...rest } = comparable(p as Props);
    return fact ? rest : comparable(p as Props);
  };
  const before = content(audit.before);
  const after = content(audit.after);
  const ctx = await tx.run(CURATION_CONTEXT, {
    id: audit.targetId,
    from: ends.from ?? null,
    to: ends.to ?? null,
  });
  const row = ctx.records[0]!;
  const labels = row.get('labels') as string[] | null;
  const label = labels?.find((l) => l in KIND_OF_LABEL) as keyof typeof KIND_OF_LABEL | undefined;
  let kind: ChangeKind;
  let shown: { fields: string[]; before: Props | null; after: Props | null };
  if (audit.action === 'RETRACT_FACT') {
    kind = 'retracted';
    const reason = (audit.after as Props | null)?.retractionReason ?? null;
    shown = { fields: ['retracted'], before: { retracted: false }, after: { retracted: true, reason } };
  } else if (audit.action === 'UPDATE_ENTITY') {
    kind = 'corrected';
    shown = diffFields(before ?? {}, after ?? {});
    if (shown.fields.length === 0) return;
  } else {
    // CREATE_ENTITY, or ASSERT_FACT (new, or a retracted fact asserted again).
    kind = 'added';
    shown = { fields: Object.keys(after ?? {}).sort(), before: null, after };
  }
  const name = fact
    ? `${String(row.get('fromName') ?? ends.from)} → ${String(row.get('toName') ?? ends.to)}`
    : nameOf(after ?? before, audit.targetId);
  const change = changeProps({
    at: new Date().toISOString(),
    kind,
    subjectKind: fact ? 'FACT' : label ? KIND_OF_LABEL[label] : 'ENTITY',
    subjectId: audit.targetId,
    subjectName: name,
    subjects: fact ? [audit.targetId, String(ends.from), String(ends.to)] : [audit.targetId],
    factType: fact ? String(ends.type) : null,
    ...shown,
    sources: sourcesIn(after ?? before),
    datasetVersion: (row.get('version') as string | null) ?? null,
    origin: 'curation',
  });
  await createChanges(tx, [change]);
}
