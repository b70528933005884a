// Default query limits (dependency-free, so config.ts can use them as its defaults).
export interface QueryLimits {
  /** Deepest nesting of fields, leaves included. */
  maxDepth: number;
  /** Aliased fields in one document. */
  maxAliases: number;
  /** Lexical tokens in one document (graphql's parser `maxTokens`). */
  maxTokens: number;
  /** Estimated cost (objects the query may ask for), see query-analysis.ts. */
  maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 30,
  maxTokens: 5_000,
  maxCost: 20_000,
};
