// Operation-level gate: a mutation without a valid key (or a query, when reads require one) never executes.
import { getOperationAST, OperationTypeNode, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestAuth } from '../../auth/request-auth.js';
import { unauthenticated } from '../../auth/roles.js';
import { ChipgraphError } from '../../errors.js';
import { toGraphQLError } from './masked-errors.js';

interface AuthContext {
  auth: RequestAuth;
}

export function useOperationAuth(): Plugin<AuthContext> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const auth = args.contextValue.auth;
      const op = getOperationAST(
        args.document as DocumentNode,
        (args.operationName as string | null) ?? undefined,
      );
      const isMutation = op?.operation === OperationTypeNode.MUTATION;
      const needsKey = isMutation || auth.settings.readsRequireKey;
      if (!needsKey && !auth.presented) return;
      try {
        const principal = await auth.principal();
        if (!principal && needsKey) {
          throw unauthenticated(
            isMutation
              ? 'Writes need an API key: send "Authorization: Bearer <key>".'
              : 'This server requires an API key for reads: send "Authorization: Bearer <key>".',
          );
        }
      } catch (err) {
        // Role checks happen in the resolvers; here only "who are you" can fail (UNAUTHENTICATED), or the key
        // lookup itself (SERVICE_UNAVAILABLE). Anything untyped is rethrown for Yoga to mask.
        if (!(err instanceof ChipgraphError)) throw err;
        // Answered without executing, so Yoga's masking never sees it: mapped here.
        setResultAndStopExecution({ errors: [toGraphQLError(err)] });
      }
    },
  };
}
