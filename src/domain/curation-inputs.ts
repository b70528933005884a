// Mutation inputs checked with zod before anything touches the database: every problem at once, each naming
// its input field. The seed format's record schemas are reused, so the API accepts exactly what the seed does.
import { z } from 'zod';
import { LABEL_OF_KIND, RELATIONSHIP_TYPES, type EntityKind } from '../db/ontology.js';
import {
  ChipRecord,
  CompanyRecord,
  CountryRecord,
  ExportControlRecord,
  ModelRecord,
  RelationshipRecord,
  SoftwareStackRecord,
  SourceRecord,
  type RelationshipType,
} from '../db/seed/records.js';
import { relationshipId } from '../db/seed/validate.js';
import type {
  AddSourceCommand,
  AssertFactCommand,
  CreateEntityCommand,
  Props,
  RetractFactCommand,
  UpdateEntityCommand,
  UserError,
} from '../db/repositories/curation-commands.js';

export type {
  AddSourceCommand,
  AssertFactCommand,
  CreateEntityCommand,
  RetractFactCommand,
  UpdateEntityCommand,
  UserError,
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

const RECORD_OF_KIND = {
  COMPANY: CompanyRecord,
  COUNTRY: CountryRecord,
  CHIP: ChipRecord,
  SOFTWARE_STACK: SoftwareStackRecord,
  MODEL: ModelRecord,
  EXPORT_CONTROL: ExportControlRecord,
} as const satisfies Record<EntityKind, z.ZodObject>;

/** Entity fields the inputs carry as their own GraphQL fields; everything else goes in `attributes`. */
const COMMON_ENTITY_FIELDS = ['id', 'name', 'aliases', 'description', 'sources'] as const;
/** Fact fields the input carries as its own GraphQL fields; everything else goes in `properties`. */
const COMMON_FACT_FIELDS = [
  'type',
  'from',
  'to',
  'key',
  'confidence',
  'sources',
  'validFrom',
  'validTo',
  'note',
];

const Reason = z
  .string()
  .trim()
  .max(2000, { message: 'at most 2000 characters' })
  .nullish()
  .transform((v) => (v ? v : null));

const bad = (field: string[], message: string): UserError => ({ field, message, code: 'BAD_USER_INPUT' });

/**
 * Turn zod issues into user errors. `place` maps a record key to where the client wrote it (its own input field
 * or a key inside `attributes` / `properties`); unknown keys get one error each, naming the key.
 */
function issuesToErrors(error: z.ZodError, place: (key: string) => string[]): UserError[] {
  const out: UserError[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    const at = (rest: string[]) => (rest.length ? [...place(rest[0]!), ...rest.slice(1)] : ['input']);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push(bad(at([...path, key]), `unknown field "${key}" for this kind`));
      }
    } else {
      out.push(bad(at(path), issue.message));
    }
  }
  return out;
}

/** Issues of a schema for one scalar input field: all of them belong to that field. */
function fieldErrors(error: z.ZodError, field: string): UserError[] {
  return error.issues.map((i) => bad(['input', field], i.message));
}

/** A JSON input that must be an object of fields; reports where it is not. */
function fieldsObject(value: unknown, field: string, errors: UserError[]): Props {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push(bad(['input', field], 'must be an object of fields, e.g. {"memoryGb": 96}'));
    return {};
  }
  return value as Props;
}

function rejectOwnFields(extra: Props, own: readonly string[], field: string, errors: UserError[]) {
  for (const key of Object.keys(extra)) {
    if (own.includes(key)) {
      errors.push(bad(['input', field, key], `"${key}" is an input field of its own; give it there`));
    }
  }
}

// ---- entities ----

export interface CreateEntityArgs {
  kind: EntityKind;
  id: string;
  name: string;
  aliases?: string[] | null;
  description?: string | null;
  sources?: string[] | null;
  attributes?: unknown;
  reason?: string | null;
}

const entityPlace = (key: string) =>
  (COMMON_ENTITY_FIELDS as readonly string[]).includes(key) ? ['input', key] : ['input', 'attributes', key];

export function parseCreateEntity(args: CreateEntityArgs): Parsed<CreateEntityCommand> {
  const errors: UserError[] = [];
  const attributes = fieldsObject(args.attributes, 'attributes', errors);
  rejectOwnFields(attributes, COMMON_ENTITY_FIELDS, 'attributes', errors);
  const schema = RECORD_OF_KIND[args.kind];
  const record = {
    ...attributes,
    id: args.id,
    name: args.name,
    aliases: args.aliases ?? [],
    description: args.description ?? null,
    sources: args.sources ?? [],
  };
  const parsed = schema.safeParse(record);
  if (!parsed.success) errors.push(...issuesToErrors(parsed.error, entityPlace));
  const reason = Reason.safeParse(args.reason);
  if (!reason.success) errors.push(...fieldErrors(reason.error, 'reason'));
  if (errors.length || !parsed.success || !reason.success) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind: args.kind,
      label: LABEL_OF_KIND[args.kind],
      id: args.id,
      record: withoutNulls(parsed.data),
      reason: reason.data,
    },
  };
}

export interface UpdateEntityArgs {
  id: string;
  kind: EntityKind;
  expectedVersion?: number | null;
  name?: string | null;
  aliases?: string[] | null;
  description?: string | null;
  sources?: string[] | null;
  attributes?: unknown;
  reason?: string | null;
}

export function parseUpdateEntity(args: UpdateEntityArgs): Parsed<UpdateEntityCommand> {
  const errors: UserError[] = [];
  const attributes = fieldsObject(args.attributes, 'attributes', errors);
  rejectOwnFields(attributes, COMMON_ENTITY_FIELDS, 'attributes', errors);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(args.id)) {
    errors.push(bad(['input', 'id'], 'must be a lowercase kebab-case slug, e.g. nvidia-h100'));
  }
  const ev = args.expectedVersion;
  if (ev !== null && ev !== undefined && (!Number.isInteger(ev) || ev < 0)) {
    errors.push(bad(['input', 'expectedVersion'], 'must be a version you read: an integer, 0 or more'));
  }
  // Only the fields the client sent: GraphQL leaves out absent ones and passes null for "clear".
  const given: Props = Object.fromEntries(
    Object.entries(attributes).filter(([k]) => !(COMMON_ENTITY_FIELDS as readonly string[]).includes(k)),
  );
  for (const key of ['name', 'aliases', 'description', 'sources'] as const) {
    if (args[key] !== undefined) given[key] = args[key];
  }
  if (Object.keys(given).length === 0 && errors.length === 0) {
    errors.push(bad(['input'], 'nothing to change: give at least one field or attribute'));
  }
  const schema = (RECORD_OF_KIND[args.kind] as z.ZodObject).omit({ id: true }).partial();
  const parsed = schema.safeParse(given);
  if (!parsed.success) errors.push(...issuesToErrors(parsed.error, entityPlace));
  const reason = Reason.safeParse(args.reason);
  if (!reason.success) errors.push(...fieldErrors(reason.error, 'reason'));
  if (errors.length || !parsed.success || !reason.success) return { ok: false, errors };
  // zod fills defaults for absent keys even under partial(); keep only what was sent.
  const data = parsed.data;
  const changes = Object.fromEntries(Object.keys(given).map((k) => [k, data[k] ?? null]));
  return {
    ok: true,
    value: {
      kind: args.kind,
      label: LABEL_OF_KIND[args.kind],
      id: args.id,
      expectedVersion: ev ?? null,
      changes,
      reason: reason.data,
    },
  };
}

// ---- facts ----

export interface AssertFactArgs {
  type: RelationshipType;
  from: string;
  to: string;
  key?: string | null;
  confidence: 'CONFIRMED' | 'REPORTED' | 'RUMORED';
  sources: string[];
  validFrom?: string | null;
  validTo?: string | null;
  note?: string | null;
  properties?: unknown;
  reason?: string | null;
}

const factPlace = (key: string) =>
  COMMON_FACT_FIELDS.includes(key) ? ['input', key] : ['input', 'properties', key];

export function parseAssertFact(args: AssertFactArgs): Parsed<AssertFactCommand> {
  const errors: UserError[] = [];
  const properties = fieldsObject(args.properties, 'properties', errors);
  rejectOwnFields(properties, COMMON_FACT_FIELDS, 'properties', errors);
  const record = {
    ...properties,
    type: args.type,
    from: args.from,
    to: args.to,
    key: args.key ?? null,
    confidence: String(args.confidence).toLowerCase(),
    sources: args.sources,
    validFrom: args.validFrom ?? null,
    validTo: args.validTo ?? null,
    note: args.note ?? null,
  };
  const parsed = RelationshipRecord.safeParse(record);
  if (!parsed.success) errors.push(...issuesToErrors(parsed.error, factPlace));
  if (args.validFrom && args.validTo && args.validFrom > args.validTo) {
    errors.push(bad(['input', 'validTo'], 'must not be before validFrom'));
  }
  const reason = Reason.safeParse(args.reason);
  if (!reason.success) errors.push(...fieldErrors(reason.error, 'reason'));
  if (errors.length || !parsed.success || !reason.success) return { ok: false, errors };
  const { type, from, to, ...rest } = parsed.data;
  const id = relationshipId(parsed.data);
  return {
    ok: true,
    value: { id, type, from, to, props: { ...withoutNulls(rest), id }, reason: reason.data },
  };
}

export interface RetractFactArgs {
  id: string;
  reason: string;
}

const FACT_ID = /^([A-Z_]+)\|[^|]+\|[^|]+(\|[^|]+)?$/;

/** The relationship type named by a fact id, or null when the id is not of the form TYPE|from|to[|key]. */
export function factType(id: string): RelationshipType | null {
  const type = FACT_ID.exec(id)?.[1];
  return type && (RELATIONSHIP_TYPES as string[]).includes(type) ? (type as RelationshipType) : null;
}

export function parseRetractFact(args: RetractFactArgs): Parsed<RetractFactCommand> {
  const errors: UserError[] = [];
  const type = factType(args.id);
  if (!type) {
    errors.push(
      bad(['input', 'id'], 'must be a fact id TYPE|from|to or TYPE|from|to|key with a type of the ontology'),
    );
  }
  const reason = z
    .string()
    .trim()
    .min(3, { message: 'say why, in at least 3 characters' })
    .max(2000, { message: 'at most 2000 characters' })
    .safeParse(args.reason);
  if (!reason.success) errors.push(...fieldErrors(reason.error, 'reason'));
  if (errors.length || !type || !reason.success) return { ok: false, errors };
  return { ok: true, value: { id: args.id, type, reason: reason.data } };
}

// ---- sources ----

export interface AddSourceArgs {
  id: string;
  publisher: string;
  title: string;
  url?: string | null;
  published?: string | null;
  undated?: boolean | null;
  kind: string;
  publisherId?: string | null;
  note?: string | null;
  reason?: string | null;
}

export function parseAddSource(args: AddSourceArgs): Parsed<AddSourceCommand> {
  const errors: UserError[] = [];
  const { reason: rawReason, ...rest } = args;
  const parsed = SourceRecord.safeParse({
    ...rest,
    url: rest.url ?? null,
    published: rest.published ?? null,
    kind: String(rest.kind).toLowerCase(),
    note: rest.note ?? null,
  });
  if (!parsed.success) errors.push(...issuesToErrors(parsed.error, (k) => ['input', k]));
  const reason = Reason.safeParse(rawReason);
  if (!reason.success) errors.push(...fieldErrors(reason.error, 'reason'));
  if (errors.length || !parsed.success || !reason.success) return { ok: false, errors };
  return { ok: true, value: { id: args.id, record: withoutNulls(parsed.data), reason: reason.data } };
}

/** Neo4j stores no nulls: a null means "absent". */
export function withoutNulls(record: Props): Props {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined));
}
