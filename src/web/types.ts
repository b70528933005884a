// Shapes of the GraphQL answers the explorer reads (a subset of schema/*.graphql).
export type Kind = 'COMPANY' | 'COUNTRY' | 'CHIP' | 'SOFTWARE_STACK' | 'MODEL' | 'EXPORT_CONTROL';
export type Confidence = 'CONFIRMED' | 'REPORTED' | 'RUMORED';

export interface Source {
  id?: string;
  publisher: string;
  title: string;
  url: string | null;
  published: string | null;
  kind?: string;
}

export interface NodeRef {
  id: string;
  name: string;
  kind: Kind;
}

export interface Edge {
  id: string;
  type: string;
  from: string;
  to: string;
  /** Null for edges the explorer draws from an attribute (a chip's vendor) rather than from a fact it read. */
  confidence: Confidence | null;
  properties: Record<string, unknown> | null;
  sources: Source[];
}

export interface Subgraph {
  truncated?: boolean;
  nodes: NodeRef[];
  edges: Edge[];
}

export interface Claim {
  field: string;
  value: unknown;
  confidence: Confidence;
  date: string | null;
  note: string | null;
  sources: Source[];
}

export type EntityDetail = NodeRef & {
  aliases: string[];
  description: string | null;
  sources: Source[];
  claims: Claim[];
} & Record<string, unknown>;
