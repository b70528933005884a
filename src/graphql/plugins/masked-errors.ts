// The one place an error becomes what a GraphQL client sees. A domain error (src/errors.ts) is mapped to a GraphQL
// error carrying its code and details in `extensions`; anything else is masked (INTERNAL_SERVER_ERROR, no stack, no
// Cypher) and logged with the request id, which the client receives too: in the masked error's
// `extensions.requestId` and the `x-request-id` header.
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type YogaServerOptions } from 'graphql-yoga';
import { ChipgraphError } from '../../errors.js';
import { currentRequest } from '../../request/request-context.js';
import type { Logger } from '../../logger.js';

/** The domain error behind an error: thrown as is (plugins, parse), or wrapped by graphql-js with its location. */
export function domainError(error: unknown): ChipgraphError | undefined {
  if (error instanceof ChipgraphError) return error;
  if (error instanceof GraphQLError && error.originalError instanceof ChipgraphError)
    return error.originalError;
  return undefined;
}

/**
 * A domain error as a GraphQL error: its message, `extensions: { code, ...extra }`, and the place in the document
 * graphql-js found it at (`located`). No `originalError`: Yoga counts an error with one as unexpected (HTTP 500).
 */
export function toGraphQLError(error: ChipgraphError, located?: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: located?.nodes,
    source: located?.source,
    positions: located?.positions,
    path: located?.path,
    extensions: { code: error.code, ...error.extra },
  });
}

/**
 * Yoga's `maskError`: every error of an executed result, and every error thrown before execution (parse, request
 * checks), passes here; plugins that answer instead of executing pass their errors here themselves.
 */
export function maskError(error: unknown, message = 'Unexpected error.'): Error {
  const known = domainError(error);
  if (known) return toGraphQLError(known, error instanceof GraphQLError ? error : undefined);
  // isDev is false whatever NODE_ENV says: the original error never reaches the client.
  const masked = yogaMaskError(error, message, false);
  const id = currentRequest()?.id;
  if (masked === error || !(masked instanceof GraphQLError) || !id) return masked;
  return new GraphQLError(masked.message, {
    nodes: masked.nodes,
    source: masked.source,
    positions: masked.positions,
    path: masked.path,
    extensions: { ...masked.extensions, requestId: id },
  });
}

export const maskedErrors = { maskError, isDev: false } satisfies YogaServerOptions<
  object,
  object
>['maskedErrors'];

function describe(args: unknown[]): { err?: unknown; msg: string; path?: readonly (string | number)[] } {
  const first = args[0];
  if (first instanceof GraphQLError) {
    return { err: first.originalError ?? first, msg: first.message, path: first.path };
  }
  if (first instanceof Error) return { err: first, msg: first.message };
  return { msg: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') };
}

/** Yoga's logger on top of ours: errors keep their stack (in the log only) and the request id. */
export function yogaLogging(logger: Logger) {
  const entry = (args: unknown[]) => {
    const { err, msg, path } = describe(args);
    const request = currentRequest();
    return [{ requestId: request?.id, traceId: request?.traceId, err, path }, msg] as const;
  };
  return {
    debug: (...a: unknown[]) => logger.debug(...entry(a)),
    info: (...a: unknown[]) => logger.debug(...entry(a)),
    warn: (...a: unknown[]) => logger.warn(...entry(a)),
    // Yoga logs every error maskError replaced; a domain error is the client's answer, not a fault of ours.
    error: (...a: unknown[]) => (domainError(a[0]) ? logger.debug(...entry(a)) : logger.error(...entry(a))),
  };
}
