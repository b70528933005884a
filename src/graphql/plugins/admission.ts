// Admits queries whose estimated cost reaches a threshold through a bounded queue (src/request/admission.ts): a few
// run at once, a few wait, the rest are refused at once with SERVICE_OVERLOADED (HTTP 503, Retry-After).
import type { ExecutionArgs, OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ChipgraphError, requestCancelled } from '../../errors.js';
import type { AdmissionGate } from '../../request/admission.js';
import { currentRequest } from '../../request/request-context.js';
import { toGraphQLError } from './masked-errors.js';
import { analyzeOperation, selectOperation } from './query-analysis.js';

export interface AdmissionPluginOptions {
  gate: AdmissionGate;
  /** Operations estimated at this cost or more wait for a slot; cheaper ones (introspection: 0) go straight on. */
  minCost: number;
  /**
   * Which operations queue: queries by default. Curation writes are rare, need an API key and already wait for each
   * other in Neo4j (the audit sequence lock); refusing them after a wait would only lose work the client sent.
   */
  operations?: readonly ('query' | 'mutation')[];
  /** Told about each refusal (metrics, logs). */
  onRefuse?: (reason: string) => void;
}

const RETRY_AFTER_S = 1;

export function overloaded(reason: string): ChipgraphError {
  return new ChipgraphError(
    'SERVICE_OVERLOADED',
    `The server is answering as many expensive questions as it can; try again in ${RETRY_AFTER_S} s.`,
    {
      reason,
      retryAfter: RETRY_AFTER_S,
      http: { status: 503, headers: { 'retry-after': String(RETRY_AFTER_S) } },
    },
  );
}

/** Must come after useQueryLimits, whose cost estimate it reuses and which refuses over-limit queries first. */
export function useAdmission(options: AdmissionPluginOptions): Plugin {
  const { gate, minCost, operations = ['query'], onRefuse } = options;
  return {
    async onExecute({ args: executionArgs, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const args = executionArgs as ExecutionArgs;
      const operation = selectOperation(args.document, args.operationName);
      if (!operation || !operations.includes(operation.operation as 'query' | 'mutation')) return;
      const cost = currentRequest()?.cost?.requested ?? estimate(args, operation);
      if (cost < minCost) return;
      const signal = (args.contextValue as { request?: Request } | undefined)?.request?.signal;
      const admission = await gate.acquire(signal);
      if (!admission.ok) {
        onRefuse?.(admission.reason);
        // A client that left while waiting is answered too (nobody reads it), without taking a slot.
        const error = admission.reason === 'aborted' ? requestCancelled() : overloaded(admission.reason);
        setResultAndStopExecution({ errors: [toGraphQLError(error)] });
        return;
      }
      const execute = executeFn as (a: ExecutionArgs) => unknown;
      // The slot is held until the operation's result is complete, whatever happens to it.
      setExecuteFn((async (a: ExecutionArgs) => {
        try {
          return await execute(a);
        } finally {
          admission.release();
        }
      }) as typeof executeFn);
    },
  };
}

function estimate(args: ExecutionArgs, operation: OperationDefinitionNode): number {
  return analyzeOperation(args.schema, args.document, operation, args.variableValues).cost;
}
