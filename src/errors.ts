// The typed errors users can see. Each carries a stable `extensions.code`; anything else is masked by Yoga.
import { GraphQLError } from 'graphql';

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

export class ChipgraphError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
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
