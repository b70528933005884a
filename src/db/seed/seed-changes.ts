// What a seed load changes, for the public change feed: the loader reads the stored state of the records it is about
// to write (before writing, in its own transaction), compares it with the bundle's rows and records one (:Change)
// per entity or fact added, corrected (the fields whose values differ, before and after) or removed.
import type { ManagedTransaction } from 'neo4j-driver';
import { KIND_OF_LABEL, RELATIONSHIP_TYPES, type EntityLabel } from '../ontology.js';
import {
  changeProps,
  comparable,
  createChanges,
  diffFields,
  nameOf,
  sourcesIn,
  type ChangeInput,
  type ChangeProps,
} from '../repositories/change-records.js';
import type { Props } from '../repositories/curation-records.js';
import type { RelationshipType } from './records.js';

interface Stored {
  id: string;
  hash: string | null;
  props: Props;
  label?: EntityLabel;
  type?: string;
  from?: string;
  to?: string;
}

/** The stored seed records a load may change or remove, read before it writes anything. */
export interface SeedState {
  entities: Map<string, Stored>;
  facts: Map<string, Stored>;
  /** No seed record existed: this is the first load into an empty graph. */
  initial: boolean;
}

/** A step of the loader's plan, as far as changes are concerned. */
interface PlanStep {
  label: string;
  rows?: { id: string; hash: string; props: Props; from?: string; to?: string }[];
}

const READ_ENTITIES = `
UNWIND $ids AS id
MATCH (n:Entity {id: id}) WHERE n.origin = $origin
RETURN n.id AS id, labels(n) AS labels, n.seedHash AS hash, properties(n) AS props
UNION
MATCH (n:Entity) WHERE $prune AND n.origin = $origin AND NOT n.id IN $ids
RETURN n.id AS id, labels(n) AS labels, n.seedHash AS hash, properties(n) AS props`;

const READ_FACTS = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r {id: row.id}]->(b:Entity {id: row.to}) WHERE r.origin = $origin
RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.seedHash AS hash, properties(r) AS props
UNION
MATCH (a:Entity)-[r]->(b:Entity) WHERE $prune AND r.origin = $origin AND NOT r.id IN $ids
RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.seedHash AS hash, properties(r) AS props`;

const ANY_SEED_RECORD = `RETURN EXISTS { MATCH (n:Entity) WHERE n.origin = $origin } AS any`;

const isEntityLabel = (label: string): label is EntityLabel => label in KIND_OF_LABEL;
const isFactType = (label: string): label is RelationshipType =>
  (RELATIONSHIP_TYPES as readonly string[]).includes(label);

export async function readSeedState(
  tx: ManagedTransaction,
  steps: PlanStep[],
  origin: string,
  prune: boolean,
): Promise<SeedState> {
  const entityIds = steps.filter((s) => isEntityLabel(s.label)).flatMap((s) => s.rows?.map((r) => r.id) ?? []);
  const factRows = steps
    .filter((s) => isFactType(s.label))
    .flatMap((s) => s.rows?.map((r) => ({ id: r.id, from: r.from, to: r.to })) ?? []);
  const [any, entities, facts] = [
    await tx.run(ANY_SEED_RECORD, { origin }),
    await tx.run(READ_ENTITIES, { ids: entityIds, origin, prune }),
    await tx.run(READ_FACTS, { rows: factRows, ids: factRows.map((r) => r.id), origin, prune }),
  ];
  const state: SeedState = { entities: new Map(), facts: new Map(), initial: !any.records[0]?.get('any') };
  for (const r of entities.records) {
    const label = (r.get('labels') as string[]).find(isEntityLabel);
    state.entities.set(r.get('id') as string, {
      id: r.get('id') as string,
      hash: r.get('hash') as string | null,
      props: r.get('props') as Props,
      label,
    });
  }
  for (const r of facts.records) {
    const id = r.get('id') as string;
    state.facts.set(id, {
      id,
      hash: r.get('hash') as string | null,
      props: r.get('props') as Props,
      type: r.get('type') as string,
      from: r.get('from') as string,
      to: r.get('to') as string,
    });
  }
  return state;
}

/** The changes that writing `steps` over `state` makes (removals only when the load prunes). */
export function seedChanges(
  state: SeedState,
  steps: PlanStep[],
  opts: { at: string; datasetVersion: string | null; prune: boolean },
): ChangeProps[] {
  const out: ChangeProps[] = [];
  const names = new Map<string, string>();
  for (const e of state.entities.values()) names.set(e.id, nameOf(e.props, e.id));
  for (const s of steps.filter((st) => isEntityLabel(st.label))) {
    for (const r of s.rows ?? []) names.set(r.id, nameOf(r.props, r.id));
  }
  const base = { at: opts.at, datasetVersion: opts.datasetVersion, origin: 'seed' as const, initial: state.initial };
  const push = (c: Omit<ChangeInput, keyof typeof base>) => out.push(changeProps({ ...base, ...c }));
  const compare = (
    old: Stored | undefined,
    row: { hash: string; props: Props },
    subject: Omit<ChangeInput, keyof typeof base | 'kind' | 'fields' | 'before' | 'after' | 'sources'>,
  ) => {
    const after = comparable(row.props);
    if (!old) {
      push({ ...subject, kind: 'added', fields: Object.keys(after).sort(), before: null, after, sources: sourcesIn(after) });
      return;
    }
    if (old.hash === row.hash) return;
    // A new storage format changes every hash but no content: such records report no fields and no change.
    const d = diffFields(comparable(old.props), after);
    if (d.fields.length) push({ ...subject, kind: 'corrected', ...d, sources: sourcesIn(after) });
  };

  const seenEntities = new Set<string>();
  const seenFacts = new Set<string>();
  for (const step of steps) {
    const label = step.label;
    if (isEntityLabel(label)) {
      for (const row of step.rows ?? []) {
        seenEntities.add(row.id);
        compare(state.entities.get(row.id), row, {
          subjectKind: KIND_OF_LABEL[label],
          subjectId: row.id,
          subjectName: names.get(row.id) ?? row.id,
          subjects: [row.id],
        });
      }
    } else if (isFactType(label)) {
      for (const row of step.rows ?? []) {
        seenFacts.add(row.id);
        compare(state.facts.get(row.id), row, factSubject(row.id, label, row.from!, row.to!, names));
      }
    }
  }
  if (opts.prune) {
    for (const old of state.facts.values()) {
      if (seenFacts.has(old.id)) continue;
      const before = comparable(old.props);
      const subject = factSubject(old.id, old.type!, old.from!, old.to!, names);
      push({ ...subject, kind: 'removed', fields: [], before, after: null, sources: sourcesIn(before) });
    }
    for (const old of state.entities.values()) {
      if (seenEntities.has(old.id) || !old.label) continue;
      const before = comparable(old.props);
      push({
        subjectKind: KIND_OF_LABEL[old.label],
        subjectId: old.id,
        subjectName: names.get(old.id) ?? old.id,
        subjects: [old.id],
        kind: 'removed',
        fields: [],
        before,
        after: null,
        sources: sourcesIn(before),
      });
    }
  }
  return out;
}

function factSubject(id: string, type: string, from: string, to: string, names: Map<string, string>) {
  return {
    subjectKind: 'FACT',
    subjectId: id,
    subjectName: `${names.get(from) ?? from} → ${names.get(to) ?? to}`,
    subjects: [id, from, to],
    factType: type,
  };
}

/** Records a load's changes; called inside the load's transaction with the state read before its writes. */
export async function recordSeedChanges(
  tx: ManagedTransaction,
  state: SeedState,
  steps: PlanStep[],
  opts: { at: string; datasetVersion: string | null; prune: boolean },
): Promise<number> {
  const changes = seedChanges(state, steps, opts);
  await createChanges(tx, changes);
  return changes.length;
}
