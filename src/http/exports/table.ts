// What an export table is: the GraphQL query it pages through, how a node becomes rows, and its columns.
import type { GraphQLInputType, GraphQLSchema } from 'graphql';

/** What the exports need from the server: a fetch that runs a request through the whole Yoga pipeline. */
export interface GraphqlFetcher {
  fetch(input: string, init: RequestInit, serverContext?: object): Response | Promise<Response>;
}

export type Row = Record<string, unknown>;
export interface Source {
  publisher: string;
  title: string;
  url: string | null;
  published: string | null;
}
export interface Named {
  id: string;
  name: string;
  country?: { code: string } | null;
}
export interface Page {
  nodes: unknown[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A parameter the client may pass: its name and the GraphQL input type it is checked against. */
export interface Param {
  name: string;
  type: GraphQLInputType;
}

export interface Table {
  /** The input type whose fields are the filters (`?vendorIds=...` → `where.vendorIds`). */
  whereType: string;
  /** Parameters besides the where type's fields (orders: `buyerIds`, `minConfidence`). */
  extraParams?: (schema: GraphQLSchema) => Param[];
  /** The query's variables from the checked parameters (default: all of them as `where`). */
  variables?: (params: Record<string, unknown>) => Record<string, unknown>;
  query: string;
  pageSize: number;
  page: (data: Record<string, unknown>) => Page;
  rows: (node: unknown) => Row[];
  columns: string[];
  sort?: (a: Row, b: Row) => number;
}

export const SOURCES = 'sources { publisher title url published }';

export function sourceColumns(sources: Source[]): Row {
  return {
    source_publishers: sources.map((s) => s.publisher),
    source_titles: sources.map((s) => s.title),
    source_urls: sources.map((s) => s.url).filter((u): u is string => Boolean(u)),
  };
}

export const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export const SOURCE_COLUMNS = ['source_publishers', 'source_titles', 'source_urls'];
