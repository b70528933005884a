// Reads of the public change feed: one keyset page of (:Change) nodes, newest first (at, then id, descending).
import type { Node } from 'neo4j-driver';
import type { Executor } from '../executor.js';
import { CHANGE_LABEL, type ChangeKind, type ChangeOrigin } from './change-records.js';

export interface ChangeView {
  id: string;
  at: string;
  kind: ChangeKind;
  subjectKind: string;
  subjectId: string;
  subjectName: string;
  factType: string | null;
  fields: string[];
  before: unknown;
  after: unknown;
  sourceIds: string[];
  datasetVersion: string | null;
  origin: ChangeOrigin;
  initial: boolean;
}

export interface ChangeQuery {
  /** ISO date-time: changes at or after it. */
  sinceAt: string | null;
  /** A padded dataset version key (see versionKey): changes recorded under it or a later version. */
  sinceVersionKey: string | null;
  kinds: ChangeKind[] | null;
  entityIds: string[] | null;
  includeInitial: boolean;
  /** The cursor's keys: [at, id] of the last change of the previous page. */
  after: [string, string] | null;
  first: number;
}

const PAGE = `
MATCH (c:${CHANGE_LABEL})
WHERE c.published = true
  AND ($sinceAt IS NULL OR c.at >= $sinceAt)
  AND ($sinceVersion IS NULL OR c.versionKey >= $sinceVersion)
  AND ($kinds IS NULL OR c.kind IN $kinds)
  AND ($entityIds IS NULL OR any(s IN c.subjects WHERE s IN $entityIds))
  AND ($includeInitial OR c.initial = false)
  AND ($after IS NULL OR c.at < $after[0] OR (c.at = $after[0] AND c.id < $after[1]))
RETURN c ORDER BY c.at DESC, c.id DESC LIMIT toInteger($limit)`;

function toChange(node: Node): ChangeView {
  const p = node.properties as Record<string, unknown>;
  const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : null);
  return {
    id: p.id as string,
    at: p.at as string,
    kind: p.kind as ChangeKind,
    subjectKind: p.subjectKind as string,
    subjectId: p.subjectId as string,
    subjectName: (p.subjectName as string | undefined) ?? (p.subjectId as string),
    factType: (p.factType as string | undefined) ?? null,
    fields: (p.fields as string[] | undefined) ?? [],
    before: json(p.beforeJson),
    after: json(p.afterJson),
    sourceIds: (p.sources as string[] | undefined) ?? [],
    datasetVersion: (p.datasetVersion as string | undefined) ?? null,
    origin: p.via as ChangeOrigin,
    initial: p.initial === true,
  };
}

export class ChangeRepository {
  constructor(private readonly executor: Executor) {}

  async page(q: ChangeQuery): Promise<{ rows: ChangeView[]; hasNextPage: boolean }> {
    const res = await this.executor.read<{ c: Node }>(PAGE, {
      sinceAt: q.sinceAt,
      sinceVersion: q.sinceVersionKey,
      kinds: q.kinds,
      entityIds: q.entityIds,
      includeInitial: q.includeInitial,
      after: q.after,
      limit: q.first + 1,
    });
    const rows = res.records.map((r) => toChange(r.get('c')));
    return { rows: rows.slice(0, q.first), hasNextPage: rows.length > q.first };
  }
}
