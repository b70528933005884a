// Curation resolvers: thin — each hands its input to the curation service and returns the payload.
import { otherFactProperties } from '../../db/stored.js';
import { CurationService } from '../../domain/curation.js';
import type { Context } from '../context.js';
import type {
  AuditRecordResolvers,
  Confidence,
  FactResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../generated/resolvers.js';
import { sourcesOf } from './types.js';

const curation = (ctx: Context) => new CurationService(ctx.executor, ctx.auth);

/** Fact's fields of their own: not repeated in its `properties`. */
const FACT_FIELDS = ['id', 'key', 'confidence', 'sources', 'validFrom', 'validTo', 'note'];

/** A stored text property of a fact (key, note, dates), null when unset; facts are checked when written. */
const opt = (v: unknown) => (v === undefined ? null : v) as string | null;

export const curationResolvers: {
  Mutation: MutationResolvers;
  Query: QueryResolvers;
  Fact: FactResolvers;
  AuditRecord: AuditRecordResolvers;
} = {
  Mutation: {
    createEntity: (_, a, ctx) => curation(ctx).createEntity(a.input),
    updateEntity: (_, a, ctx) => curation(ctx).updateEntity(a.input),
    assertFact: (_, a, ctx) => curation(ctx).assertFact(a.input),
    addSource: (_, a, ctx) => curation(ctx).addSource(a.input),
    retractFact: (_, a, ctx) => curation(ctx).retractFact(a.input),
  },
  Query: {
    fact: (_, a, ctx) => curation(ctx).fact(a.id),
    history: (_, a, ctx) => curation(ctx).history(a.id, a.first),
    auditLog: (_, a, ctx) => curation(ctx).auditLog(a.first, a.after),
  },
  Fact: {
    key: (f) => opt(f.props.key),
    confidence: (f) => String(f.props.confidence).toUpperCase() as Confidence,
    sources: (f, _, ctx) => sourcesOf((f.props.sources as string[]) ?? [], ctx),
    validFrom: (f) => opt(f.props.validFrom),
    validTo: (f) => opt(f.props.validTo),
    note: (f) => opt(f.props.note),
    properties: (f) => otherFactProperties(f.props, FACT_FIELDS),
    // Seed facts loaded before origins were recorded count as seed.
    origin: (f) => (typeof f.props.origin === 'string' ? f.props.origin : 'seed'),
    retracted: (f) => f.props.retracted === true,
    retraction: (f) =>
      f.props.retracted === true
        ? { at: f.props.retractedAt, by: f.props.retractedBy, reason: f.props.retractionReason }
        : null,
  },
  AuditRecord: {
    actor: (a) => ({ ...a.actor, role: a.actor.role.toUpperCase() }),
  },
};
