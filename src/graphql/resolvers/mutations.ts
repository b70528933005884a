// Curation resolvers: thin — each hands its input to the curation service and returns the payload.
import type { AuditEntry, CuratedFact } from '../../db/repositories/curation-records.js';
import { CurationService } from '../../domain/curation.js';
import type {
  AddSourceArgs,
  AssertFactArgs,
  CreateEntityArgs,
  RetractFactArgs,
  UpdateEntityArgs,
} from '../../domain/curation-inputs.js';
import type { Context } from '../context.js';
import { sourcesOf } from './types.js';

const curation = (ctx: Context) => new CurationService(ctx.executor, ctx.auth);

/** Relationship properties shown as their own Fact fields (or bookkeeping), so not repeated in `properties`. */
const FACT_OWN_FIELDS = new Set([
  'id',
  'key',
  'confidence',
  'sources',
  'validFrom',
  'validTo',
  'note',
  'origin',
  'seedHash',
  'loadedAt',
  'retracted',
  'retractedAt',
  'retractedBy',
  'retractedById',
  'retractionReason',
]);

const opt = (v: unknown) => (v === undefined ? null : v);

export const curationResolvers = {
  Mutation: {
    createEntity: (_: unknown, a: { input: CreateEntityArgs }, ctx: Context) =>
      curation(ctx).createEntity(a.input),
    updateEntity: (_: unknown, a: { input: UpdateEntityArgs }, ctx: Context) =>
      curation(ctx).updateEntity(a.input),
    assertFact: (_: unknown, a: { input: AssertFactArgs }, ctx: Context) => curation(ctx).assertFact(a.input),
    addSource: (_: unknown, a: { input: AddSourceArgs }, ctx: Context) => curation(ctx).addSource(a.input),
    retractFact: (_: unknown, a: { input: RetractFactArgs }, ctx: Context) =>
      curation(ctx).retractFact(a.input),
  },
  Query: {
    fact: (_: unknown, a: { id: string }, ctx: Context) => curation(ctx).fact(a.id),
    history: (_: unknown, a: { id: string; first?: number | null }, ctx: Context) =>
      curation(ctx).history(a.id, a.first),
    auditLog: (_: unknown, a: { first?: number | null; after?: string | null }, ctx: Context) =>
      curation(ctx).auditLog(a.first, a.after),
  },
  Fact: {
    key: (f: CuratedFact) => opt(f.props.key),
    confidence: (f: CuratedFact) => String(f.props.confidence).toUpperCase(),
    sources: (f: CuratedFact, _: unknown, ctx: Context) =>
      sourcesOf((f.props.sources as string[]) ?? [], ctx),
    validFrom: (f: CuratedFact) => opt(f.props.validFrom),
    validTo: (f: CuratedFact) => opt(f.props.validTo),
    note: (f: CuratedFact) => opt(f.props.note),
    properties: (f: CuratedFact) =>
      Object.fromEntries(Object.entries(f.props).filter(([k]) => !FACT_OWN_FIELDS.has(k))),
    // Seed facts loaded before origins were recorded count as seed.
    origin: (f: CuratedFact) => (typeof f.props.origin === 'string' ? f.props.origin : 'seed'),
    retracted: (f: CuratedFact) => f.props.retracted === true,
    retraction: (f: CuratedFact) =>
      f.props.retracted === true
        ? { at: f.props.retractedAt, by: f.props.retractedBy, reason: f.props.retractionReason }
        : null,
  },
  AuditRecord: {
    actor: (a: AuditEntry) => ({ ...a.actor, role: a.actor.role.toUpperCase() }),
  },
};
