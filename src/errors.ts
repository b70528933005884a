// The typed errors users can see: plain domain errors with a stable code, raised by any layer. The transports map
// them once each: GraphQL in src/graphql/plugins/masked-errors.ts (`extensions: { code, ...extra }`; anything else
// is masked), HTTP routes with `httpStatusOf`, the MCP tools with src/mcp/answers.ts `errorRecord`.

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'SERVICE_UNAVAILABLE'
  | 'QUERY_TIMEOUT'
  | 'QUERY_TOO_COMPLEX'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'CSRF_REJECTED'
  /** Too many expensive questions at once: refused at once (HTTP 503, Retry-After), see src/request/admission.ts. */
  | 'SERVICE_OVERLOADED'
  /** The client went away; its database work was stopped (nobody reads this answer). */
  | 'REQUEST_CANCELLED';

export class ChipgraphError extends Error {
  override readonly name = 'ChipgraphError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Details for the client (`argument`, `suggestions`, `limit`...); `http` sets the GraphQL response's status. */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** What a client reads besides the message, as one object: GraphQL's `extensions` are exactly this. */
  get extensions(): Readonly<Record<string, unknown>> & { code: ErrorCode } {
    return { code: this.code, ...this.extra };
  }
}

export const badInput = (argument: string, message: string, extra: Record<string, unknown> = {}) =>
  new ChipgraphError('BAD_USER_INPUT', `Argument "${argument}": ${message}`, { argument, ...extra });

export const notFound = (what: string, id: string, suggestions: string[] = [], argument = 'id') =>
  new ChipgraphError(
    'NOT_FOUND',
    `Argument "${argument}": no ${what} with id "${id}".` +
      (suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''),
    { argument, id, suggestions },
  );

/** What a request's database work ends with once its client has gone (nobody reads it). */
export const requestCancelled = () =>
  new ChipgraphError('REQUEST_CANCELLED', 'The client closed the request; its query was stopped.');

/** Codes the GraphQL layer gives the errors graphql-js finds in a document itself (src/graphql/plugins/error-codes.ts). */
export type DocumentErrorCode = 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED';

const HTTP_STATUS: Record<ErrorCode | DocumentErrorCode, number> = {
  BAD_USER_INPUT: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  QUERY_TOO_COMPLEX: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  // nginx's "client closed request": nobody reads it, but logs and metrics tell it from a failure.
  REQUEST_CANCELLED: 499,
  SERVICE_UNAVAILABLE: 503,
  SERVICE_OVERLOADED: 503,
  QUERY_TIMEOUT: 504,
};

/** The HTTP status a code stands for on routes that answer plain HTTP (exports, the change feed); undefined: unknown. */
export function httpStatusOf(code: string): number | undefined {
  return Object.hasOwn(HTTP_STATUS, code) ? HTTP_STATUS[code as keyof typeof HTTP_STATUS] : undefined;
}
