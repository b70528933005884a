// What the resolvers hand GraphQL for each object type: the values the repositories and the domain return, not the
// API's shapes. codegen.ts maps the generated types to these (`mappers`), so a resolver that returns something else,
// or a field resolver that reads what its parent does not hold, fails `npm run typecheck`.
import type { AlternativeRow } from '../../db/repositories/chip-repository.js';
import type { ChangeView } from '../../db/repositories/change-repository.js';
import type { AuditEntry, CuratedFact } from '../../db/repositories/curation-records.js';
import type { DependencyRow, ExposureResult } from '../../db/repositories/dependency-repository.js';
import type { DatasetView, TimelineRow } from '../../db/repositories/graph-repository.js';
import type { OrderRow } from '../../db/repositories/order-repository.js';
import type { EntityView, FactView, SourceView } from '../../db/repositories/records.js';
import type { Connection } from '../../domain/lists.js';

export type {
  AlternativeRow,
  AuditEntry,
  ChangeView,
  CuratedFact,
  DatasetView,
  DependencyRow,
  EntityView,
  FactView,
  SourceView,
  TimelineRow,
};
export type { FactObject } from './helpers.js';

/** A page of a list; `totalCount` is null when the query did not select it (it costs a count). */
export type EntityPage = Connection<EntityView>;
export type DependencyPage = Connection<DependencyRow>;
export type OrderPage = Connection<OrderRow>;
export type ChangePage = Connection<ChangeView>;

/** The exposure question's answer (its target is found, or the question fails with NOT_FOUND). */
export type ExposureAnswer = ExposureResult & { asOf: string | null };

/** A claim as stored on its entity (claimsJson). */
export interface ClaimStored {
  field: string;
  value: unknown;
  confidence: string;
  sources: string[];
  date?: string | null;
  note?: string | null;
}

/** A suspension as stored on its export control (suspensionsJson). */
export interface SuspensionStored {
  from: string;
  until: string | null;
  sources: string[];
  note?: string | null;
}

/** Who wrote an audit record, as stored (the role in lower case). */
export type ActorStored = AuditEntry['actor'];

/** A retracted fact's retraction, read from the fact's stored properties. */
export interface RetractionStored {
  at: unknown;
  by: unknown;
  reason: unknown;
}
