// Unknown errors are masked (INTERNAL_SERVER_ERROR, no stack, no Cypher) and logged with the request id, which
// the client receives too: in the masked error's `extensions.requestId` and the `x-request-id` header.
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type YogaServerOptions } from 'graphql-yoga';
import { currentRequest } from '../../request/request-context.js';
import type { Logger } from '../../logger.js';

export function maskError(error: unknown, message: string): Error {
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
    error: (...a: unknown[]) => logger.error(...entry(a)),
  };
}
