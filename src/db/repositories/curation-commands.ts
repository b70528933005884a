// What the curation repository takes: commands already checked by src/domain/curation-inputs.ts (zod), and the
// problems a write reports back. The write path's contract, defined where it is executed.
import type { EntityKind, EntityLabel } from '../ontology.js';
import type { RelationshipType } from '../seed/records.js';

export type Props = Record<string, unknown>;

/** One problem with an input field, as mutation payloads report it. */
export interface UserError {
  field: string[];
  message: string;
  code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'ALREADY_EXISTS' | 'CONFLICT';
}

export interface CreateEntityCommand {
  kind: EntityKind;
  label: EntityLabel;
  id: string;
  /** The validated record (seed format), nulls dropped. */
  record: Props;
  reason: string | null;
}

export interface UpdateEntityCommand {
  kind: EntityKind;
  label: EntityLabel;
  id: string;
  expectedVersion: number | null;
  /** Fields to set; a null value clears the field. */
  changes: Props;
  reason: string | null;
}

export interface AssertFactCommand {
  id: string;
  type: RelationshipType;
  from: string;
  to: string;
  /** Relationship properties as stored (seed format, nulls dropped), without type/from/to. */
  props: Props;
  reason: string | null;
}

export interface RetractFactCommand {
  id: string;
  type: RelationshipType;
  reason: string;
}

export interface AddSourceCommand {
  id: string;
  record: Props;
  reason: string | null;
}

/** Who made a write, as the audit trail records it: an API key's id, name and role, never its secret. */
export interface Actor {
  keyId: string;
  name: string;
  role: string;
}
