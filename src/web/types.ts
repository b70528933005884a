// Shapes of the GraphQL answers the explorer reads: generated from its queries (queries.ts) against
// schema/*.graphql into generated/operations.ts (`npm run codegen`), plus the few the views draw themselves.
import type {
  Confidence as ApiConfidence,
  EntityKind,
  EntityPageQuery,
  NeighborhoodQuery,
} from './generated/operations.js';

export type Kind = EntityKind;
export type Confidence = ApiConfidence;

type ApiEdge = NeighborhoodQuery['neighborhood']['edges'][number];

/** A source as the queries select it; the entity page's own sources carry their id and kind too. */
export type Source = ApiEdge['sources'][number] & { id?: string; kind?: string };

export type NodeRef = NeighborhoodQuery['neighborhood']['nodes'][number];

/**
 * An edge as the explorer draws it: a fact the API answered, or one drawn from an attribute (a chip's vendor), which
 * has no confidence. `properties` is the API's JSON scalar: the fact's own properties, an object.
 */
export type Edge = Omit<ApiEdge, 'confidence' | 'sources'> & {
  confidence: Confidence | null;
  sources: Source[];
};

export interface Subgraph {
  truncated?: boolean;
  nodes: NodeRef[];
  edges: Edge[];
}

type ApiEntity = NonNullable<EntityPageQuery['entity']>;

export type Claim = ApiEntity['claims'][number];

/** The entity page's entity: the fields every kind has, and its kind's own fields read by name. */
export type EntityDetail = NodeRef &
  Pick<ApiEntity, 'aliases' | 'description' | 'sources' | 'claims'> &
  Record<string, unknown>;
