// Every error a client sees carries `extensions.code`: parse and validation errors, and the request errors that
// graphql-js and Yoga raise without one (bad variables, unsupported media type...), get a stable code here.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function codeOf(error: unknown): unknown {
  return (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
}

export function withCode(error: GraphQLError, code: string): GraphQLError {
  if (codeOf(error) !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

/** The code of an error left without one by the time the response is written. */
function fallbackCode(error: GraphQLError): string {
  // Inside a field and not masked: graphql-js's own checks, e.g. null for a non-null field. A bug of ours.
  if (error.path) return 'INTERNAL_SERVER_ERROR';
  // About a place in the document, outside any field: variables that do not coerce, for instance.
  if (error.locations?.length) return 'BAD_USER_INPUT';
  // About the HTTP request itself: no query, unreadable JSON, an unsupported media type...
  return 'BAD_REQUEST';
}

function coded(result: unknown): unknown {
  const r = result as { errors?: readonly unknown[] } | null;
  if (!r || !Array.isArray(r.errors) || r.errors.every((e) => codeOf(e) !== undefined)) return result;
  return {
    ...r,
    errors: r.errors.map((e: unknown) =>
      e instanceof GraphQLError
        ? withCode(e, fallbackCode(e))
        : codeOf(e) === undefined
          ? {
              ...(e as object),
              extensions: { ...(e as { extensions?: object }).extensions, code: 'BAD_REQUEST' },
            }
          : e,
    ),
  };
}

export function useErrorCodes(): Plugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(withCode(result, 'GRAPHQL_PARSE_FAILED'));
      };
    },
    onValidate() {
      return ({ result, setResult }) => {
        const errors: readonly unknown[] = result;
        if (!errors.length) return;
        setResult(
          errors.map((e) => (e instanceof GraphQLError ? withCode(e, 'GRAPHQL_VALIDATION_FAILED') : e)),
        );
      };
    },
    onResultProcess(payload) {
      const { result } = payload;
      if (Array.isArray(result)) payload.setResult(result.map(coded) as typeof result);
      else if (!(Symbol.asyncIterator in Object(result))) payload.setResult(coded(result) as typeof result);
    },
  };
}
